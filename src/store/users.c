/* Users of an organization. E-mails are stored lower-case, unique per org. */
#include "store/store_internal.h"
#include "lib/clock.h"
#include "lib/ids.h"

#include <stdio.h>
#include <string.h>

#define USER_COLUMNS "id, name, email, language_tag, version"

static json_t *user_json(const db_rows *r, int i) {
    return json_pack("{s:s, s:s, s:s, s:s, s:I}", "id", db_text(r, i, 0), "name", db_text(r, i, 1), "email",
                     db_text(r, i, 2), "languageTag", db_text(r, i, 3), "version", db_int(r, i, 4));
}

store_status store_user_get(store *st, const char *org_id, const char *user_id, json_t **out) {
    return store_one(st, "SELECT " USER_COLUMNS " FROM users WHERE org_id = $1 AND id = $2",
                     DB_ARGS(DB_TEXT(org_id), DB_TEXT(user_id)), user_json, out);
}

/* Inserts one user, who also gets the org's default roles, like Genesys' Employee. */
static store_status insert_user(store_conn *sc, const char *org_id, const store_user_fields *f, const char *id,
                                int64_t now) {
    store_status s = store_q(sc,
                             "INSERT INTO users (id, org_id, name, email, password_hash, language_tag, version, created_at,"
                             " updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)",
                             DB_ARGS(DB_TEXT(id), DB_TEXT(org_id), DB_TEXT(f->name), DB_TEXT(f->email),
                                     DB_TEXT(f->password_hash), DB_TEXT(f->language_tag ? f->language_tag : "en-us"),
                                     DB_INT(now)),
                             NULL);
    if (s == STORE_OK)
        s = store_q(sc, "INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE org_id = $2 AND is_default = 1",
                    DB_ARGS(DB_TEXT(id), DB_TEXT(org_id)), NULL);
    return s;
}

store_status store_user_create_many(store *st, const char *org_id, const store_user_fields *users, size_t n,
                                    char (*ids)[40]) {
    int64_t now = clock_now_ms();
    store_conn sc;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_begin(&sc, 1);
    for (size_t i = 0; i < n && s == STORE_OK; i++) {
        ids_uuid(ids[i]);
        s = insert_user(&sc, org_id, &users[i], ids[i], now);
    }
    s = store_finish(&sc, s);
    store_release(&sc, s);
    return s;
}

store_status store_user_create(store *st, const char *org_id, const store_user_fields *f, json_t **out) {
    char id[1][40];
    store_status s = store_user_create_many(st, org_id, f, 1, id);
    return s == STORE_OK ? store_user_get(st, org_id, id[0], out) : s;
}

store_status store_user_list(store *st, const char *org_id, store_page page, json_t **entities, int64_t *total) {
    return store_paged(st, "SELECT COUNT(*) FROM users WHERE org_id = $1",
                       "SELECT " USER_COLUMNS " FROM users WHERE org_id = $1 ORDER BY name, id LIMIT $2 OFFSET $3",
                       DB_ARGS(DB_TEXT(org_id)), page, user_json, entities, total);
}

/* After an UPDATE/DELETE that changed nothing: was the row missing or its version stale? */
static store_status missing_or_stale(store_conn *sc, const char *sql, const char *org_id, const char *id) {
    db_rows *r = NULL;
    store_status s = store_q(sc, sql, DB_ARGS(DB_TEXT(org_id), DB_TEXT(id)), &r);
    if (s == STORE_OK) s = r->nrows ? STORE_STALE : STORE_NOT_FOUND;
    db_rows_free(r);
    return s;
}

store_status store_user_update(store *st, const char *org_id, const char *user_id, int64_t version,
                               const store_user_fields *f, json_t **out) {
    store_conn sc;
    db_rows *r = NULL;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_begin(&sc, 1);
    if (s == STORE_OK)
        s = store_q(&sc,
                    "UPDATE users SET name = COALESCE($3, name), email = COALESCE($4, email),"
                    " password_hash = COALESCE($5, password_hash), language_tag = COALESCE($6, language_tag),"
                    " version = version + 1, updated_at = $7 "
                    "WHERE org_id = $1 AND id = $2 AND ($8 = 0 OR version = $8)",
                    DB_ARGS(DB_TEXT(org_id), DB_TEXT(user_id), DB_TEXT(f->name), DB_TEXT(f->email),
                            DB_TEXT(f->password_hash), DB_TEXT(f->language_tag), DB_INT(clock_now_ms()), DB_INT(version)),
                    &r);
    if (s == STORE_OK && r->changes == 0)
        s = missing_or_stale(&sc, "SELECT 1 FROM users WHERE org_id = $1 AND id = $2", org_id, user_id);
    if (s == STORE_OK) s = store_bump_principals(&sc, org_id); /* the user's sessions show the new name at once */
    s = store_finish(&sc, s);
    db_rows_free(r);
    store_release(&sc, s);
    return s == STORE_OK ? store_user_get(st, org_id, user_id, out) : s;
}

store_status store_user_delete(store *st, const char *org_id, const char *user_id) {
    return store_delete_owned(st, "DELETE FROM users WHERE org_id = $1 AND id = $2", org_id, user_id);
}

store_status store_user_find_login(store *st, const char *email, const char *org_name, store_login *out) {
    store_conn sc;
    db_rows *r = NULL;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_q(&sc,
                "SELECT u.id, u.org_id, u.password_hash FROM users u JOIN orgs o ON o.id = u.org_id "
                "WHERE u.email = $1 AND (CAST($2 AS TEXT) IS NULL OR o.name = $2) LIMIT 2",
                DB_ARGS(DB_TEXT(email), DB_TEXT(org_name)), &r);
    store_release(&sc, s);
    if (s == STORE_OK && r->nrows == 0) s = STORE_NOT_FOUND;
    if (s == STORE_OK && r->nrows > 1) s = STORE_CONFLICT; /* same e-mail in several orgs: name the org */
    if (s == STORE_OK) {
        snprintf(out->user_id, sizeof out->user_id, "%s", db_text(r, 0, 0));
        snprintf(out->org_id, sizeof out->org_id, "%s", db_text(r, 0, 1));
        snprintf(out->password_hash, sizeof out->password_hash, "%s", db_text(r, 0, 2));
    }
    db_rows_free(r);
    return s;
}
