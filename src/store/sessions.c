/* OAuth clients, sessions and tokens, and who a session or token speaks for. */
#include "store/store_internal.h"
#include "lib/clock.h"
#include "lib/ids.h"
#include "core/permission.h"

#include <stdio.h>
#include <string.h>

store_status store_client_create(store *st, const char *org_id, const char *name, const char *secret_hash,
                                 const json_t *role_ids, char client_id[40]) {
    ids_uuid(client_id);
    store_conn sc;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_begin(&sc, 1);
    if (s == STORE_OK)
        s = store_q(&sc, "INSERT INTO oauth_clients (id, org_id, name, secret_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
                    DB_ARGS(DB_TEXT(client_id), DB_TEXT(org_id), DB_TEXT(name), DB_TEXT(secret_hash), DB_INT(clock_now_ms())),
                    NULL);
    size_t i;
    json_t *role;
    json_array_foreach(role_ids, i, role) {
        if (s != STORE_OK) break;
        db_rows *r = NULL;
        s = store_q(&sc, "SELECT 1 FROM roles WHERE org_id = $1 AND id = $2", DB_ARGS(DB_TEXT(org_id), DB_TEXT(json_string_value(role))), &r);
        if (s == STORE_OK && r->nrows == 0) s = STORE_NOT_FOUND;
        db_rows_free(r);
        if (s == STORE_OK)
            s = store_q(&sc, "INSERT INTO client_roles (client_id, role_id) VALUES ($1, $2)",
                        DB_ARGS(DB_TEXT(client_id), DB_TEXT(json_string_value(role))), NULL);
    }
    s = store_finish(&sc, s);
    store_release(&sc, s);
    return s;
}

store_status store_client_secret_hash(store *st, const char *client_id, char org_id[40], char hash[256]) {
    store_conn sc;
    db_rows *r = NULL;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_q(&sc, "SELECT org_id, secret_hash FROM oauth_clients WHERE id = $1", DB_ARGS(DB_TEXT(client_id)), &r);
    store_release(&sc, s);
    if (s == STORE_OK && r->nrows == 0) s = STORE_NOT_FOUND;
    if (s == STORE_OK) {
        snprintf(org_id, 40, "%s", db_text(r, 0, 0));
        snprintf(hash, 256, "%s", db_text(r, 0, 1));
    }
    db_rows_free(r);
    return s;
}

store_status store_session_create(store *st, const char *token_hash, const char *org_id, const char *user_id,
                                  const char *client_id, const char *csrf_token, int64_t expires_at) {
    store_conn sc;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    int64_t now = clock_now_ms();
    s = store_begin(&sc, 1);
    /* Expired sessions are swept here rather than by a timer: logins are rare enough. */
    if (s == STORE_OK) s = store_q(&sc, "DELETE FROM sessions WHERE expires_at < $1", DB_ARGS(DB_INT(now)), NULL);
    if (s == STORE_OK)
        s = store_q(&sc,
                    "INSERT INTO sessions (token_hash, org_id, user_id, client_id, csrf_token, created_at, expires_at) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    DB_ARGS(DB_TEXT(token_hash), DB_TEXT(org_id), DB_TEXT(user_id), DB_TEXT(client_id), DB_TEXT(csrf_token),
                            DB_INT(now), DB_INT(expires_at)),
                    NULL);
    s = store_finish(&sc, s);
    store_release(&sc, s);
    return s;
}

store_status store_session_delete(store *st, const char *token_hash) {
    store_conn sc;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_begin(&sc, 1);
    if (s == STORE_OK) /* so that every server stops answering for this session at once (see store_principal_load) */
        s = store_q(&sc,
                    "UPDATE orgs SET principals_revision = principals_revision + 1 "
                    "WHERE id = (SELECT org_id FROM sessions WHERE token_hash = $1)",
                    DB_ARGS(DB_TEXT(token_hash)), NULL);
    if (s == STORE_OK) s = store_q(&sc, "DELETE FROM sessions WHERE token_hash = $1", DB_ARGS(DB_TEXT(token_hash)), NULL);
    s = store_finish(&sc, s);
    store_release(&sc, s);
    return s;
}

static const char SQL_SESSION[] =
    "SELECT s.org_id, o.name, COALESCE(s.user_id, ''), COALESCE(s.client_id, ''),"
    " COALESCE(u.name, c.name), COALESCE(u.email, ''), COALESCE(u.language_tag, 'en-us'),"
    " COALESCE(s.csrf_token, ''), s.expires_at, o.revision, o.principals_revision "
    "FROM sessions s JOIN orgs o ON o.id = s.org_id "
    "LEFT JOIN users u ON u.id = s.user_id LEFT JOIN oauth_clients c ON c.id = s.client_id "
    "WHERE s.token_hash = $1 AND s.expires_at > $2";

/* What a cached principal is checked against on every request: the org's row, a handful of pages
 * however many users and sessions there are. */
static const char SQL_ORG_STAMP[] = "SELECT revision, principals_revision FROM orgs WHERE id = $1";

static const char SQL_USER_ROLES[] =
    "SELECT r.id, r.policies FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = $1 ORDER BY r.id";
static const char SQL_CLIENT_ROLES[] =
    "SELECT r.id, r.policies FROM client_roles cr JOIN roles r ON r.id = cr.role_id WHERE cr.client_id = $1 ORDER BY r.id";
static const char SQL_USER_GROUPS[] = "SELECT group_id FROM group_members WHERE user_id = $1 ORDER BY group_id";

static void copy_identity(const db_rows *r, store_principal *p, principal_stamp *stamp) {
    snprintf(p->org_id, sizeof p->org_id, "%s", db_text(r, 0, 0));
    snprintf(p->org_name, sizeof p->org_name, "%s", db_text(r, 0, 1));
    snprintf(p->user_id, sizeof p->user_id, "%s", db_text(r, 0, 2));
    snprintf(p->client_id, sizeof p->client_id, "%s", db_text(r, 0, 3));
    snprintf(p->name, sizeof p->name, "%s", db_text(r, 0, 4));
    snprintf(p->email, sizeof p->email, "%s", db_text(r, 0, 5));
    snprintf(p->language_tag, sizeof p->language_tag, "%s", db_text(r, 0, 6));
    snprintf(p->csrf_token, sizeof p->csrf_token, "%s", db_text(r, 0, 7));
    p->expires_at = db_int(r, 0, 8);
    p->org_revision = stamp->org_revision = db_int(r, 0, 9);
    stamp->principals_revision = db_int(r, 0, 10);
}

/* Collects role ids and the permissions their policies grant. */
static int add_roles(const db_rows *r, store_principal *p) {
    for (int i = 0; i < r->nrows; i++) {
        json_array_append_new(p->role_ids, json_string(db_text(r, i, 0)));
        json_t *policies = store_json_parse(db_text(r, i, 1));
        int ok = policies && permission_policies_expand(policies, p->permissions) == 0;
        json_decref(policies);
        if (!ok) return -1;
    }
    return 0;
}

/* The org's current stamp. */
static store_status org_stamp(store *st, const char *org_id, principal_stamp *stamp) {
    store_conn sc;
    db_rows *r = NULL;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_q(&sc, SQL_ORG_STAMP, DB_ARGS(DB_TEXT(org_id)), &r);
    store_release(&sc, s);
    if (s == STORE_OK && r->nrows == 0) s = STORE_NOT_FOUND;
    if (s == STORE_OK) *stamp = (principal_stamp){db_int(r, 0, 0), db_int(r, 0, 1)};
    db_rows_free(r);
    return s;
}

/* The cached principal of the token when nothing it depends on changed since it was read. */
static int cached_principal(store *st, const char *token_hash, int64_t now_ms, store_principal *p) {
    principal_stamp kept, now;
    if (!principal_cache_get(st->principals, token_hash, now_ms, p, &kept)) return 0;
    if (org_stamp(st, p->org_id, &now) == STORE_OK && now.org_revision == kept.org_revision &&
        now.principals_revision == kept.principals_revision)
        return 1;
    store_principal_clear(p);
    memset(p, 0, sizeof *p);
    return 0;
}

/* The principal from the database, all of it read in one snapshot, and the stamp it was read at. */
static store_status principal_read(store *st, const char *token_hash, int64_t now_ms, store_principal *p,
                                   principal_stamp *stamp) {
    store_conn sc;
    db_rows *who = NULL, *roles = NULL, *groups = NULL;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_begin(&sc, 0);
    if (s == STORE_OK) s = store_q(&sc, SQL_SESSION, DB_ARGS(DB_TEXT(token_hash), DB_INT(now_ms)), &who);
    if (s == STORE_OK && who->nrows == 0) s = STORE_NOT_FOUND;
    if (s == STORE_OK) {
        copy_identity(who, p, stamp);
        if (*p->user_id) {
            s = store_q(&sc, SQL_USER_ROLES, DB_ARGS(DB_TEXT(p->user_id)), &roles);
            if (s == STORE_OK) s = store_q(&sc, SQL_USER_GROUPS, DB_ARGS(DB_TEXT(p->user_id)), &groups);
        } else {
            s = store_q(&sc, SQL_CLIENT_ROLES, DB_ARGS(DB_TEXT(p->client_id)), &roles);
        }
    }
    s = store_finish(&sc, s);
    store_release(&sc, s);
    if (s == STORE_OK) {
        p->permissions = json_array();
        p->role_ids = json_array();
        p->group_ids = json_array();
        if (add_roles(roles, p) != 0) s = STORE_ERROR;
        for (int i = 0; groups && i < groups->nrows; i++) json_array_append_new(p->group_ids, json_string(db_text(groups, i, 0)));
    }
    db_rows_free(who);
    db_rows_free(roles);
    db_rows_free(groups);
    if (s != STORE_OK) store_principal_clear(p);
    return s;
}

store_status store_principal_load(store *st, const char *token_hash, int64_t now_ms, store_principal *p) {
    memset(p, 0, sizeof *p);
    if (cached_principal(st, token_hash, now_ms, p)) return STORE_OK;
    principal_stamp stamp;
    store_status s = principal_read(st, token_hash, now_ms, p, &stamp);
    if (s == STORE_OK) principal_cache_put(st->principals, token_hash, &stamp, p);
    return s;
}

void store_principal_clear(store_principal *p) {
    json_decref(p->permissions);
    json_decref(p->role_ids);
    json_decref(p->group_ids);
    p->permissions = p->role_ids = p->group_ids = NULL;
}

store_status store_login_failures(store *st, const char *key, int *failures, int64_t *last_at) {
    store_conn sc;
    db_rows *r = NULL;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_q(&sc, "SELECT failures, last_at FROM login_failures WHERE key = $1", DB_ARGS(DB_TEXT(key)), &r);
    store_release(&sc, s);
    *failures = 0;
    *last_at = 0;
    if (s == STORE_OK && r->nrows) {
        *failures = (int)db_int(r, 0, 0);
        *last_at = db_int(r, 0, 1);
    }
    db_rows_free(r);
    return s;
}

store_status store_login_failed(store *st, const char *key, int64_t now_ms) {
    store_conn sc;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_q(&sc,
                "INSERT INTO login_failures (key, failures, last_at) VALUES ($1, 1, $2) "
                "ON CONFLICT (key) DO UPDATE SET failures = login_failures.failures + 1, last_at = $2",
                DB_ARGS(DB_TEXT(key), DB_INT(now_ms)), NULL);
    store_release(&sc, s);
    return s;
}

store_status store_login_succeeded(store *st, const char *key) {
    store_conn sc;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_q(&sc, "DELETE FROM login_failures WHERE key = $1", DB_ARGS(DB_TEXT(key)), NULL);
    store_release(&sc, s);
    return s;
}
