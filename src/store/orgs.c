/* Organizations, their subscription level and licenses. */
#include "store/store_internal.h"
#include "lib/clock.h"
#include "lib/ids.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_ORG_COLUMNS_BY_ID[] = "SELECT id, name, level, revision FROM orgs WHERE id = $1";
static const char SQL_ORG_COLUMNS_BY_NAME[] = "SELECT id, name, level, revision FROM orgs WHERE name = $1";
static const char SQL_ORG_FIRST[] = "SELECT id, name, level, revision FROM orgs ORDER BY created_at, id LIMIT 1";

static store_status org_from_rows(store_status s, db_rows *r, store_org *out) {
    if (s == STORE_OK && r->nrows == 0) s = STORE_NOT_FOUND;
    if (s == STORE_OK) {
        snprintf(out->id, sizeof out->id, "%s", db_text(r, 0, 0));
        snprintf(out->name, sizeof out->name, "%s", db_text(r, 0, 1));
        out->level = (int)db_int(r, 0, 2);
        out->revision = db_int(r, 0, 3);
    }
    db_rows_free(r);
    return s;
}

static store_status org_query(store *st, const char *sql, const char *arg, store_org *out) {
    store_conn sc;
    db_rows *r = NULL;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = arg ? store_q(&sc, sql, DB_ARGS(DB_TEXT(arg)), &r) : store_q(&sc, sql, DB_NOARGS, &r);
    store_release(&sc, s);
    return org_from_rows(s, r, out);
}

store_status store_org_get(store *st, const char *org_id, store_org *out) {
    return org_query(st, SQL_ORG_COLUMNS_BY_ID, org_id, out);
}

store_status store_org_find(store *st, const char *name, store_org *out) {
    return org_query(st, SQL_ORG_COLUMNS_BY_NAME, name, out);
}

store_status store_org_first(store *st, store_org *out) { return org_query(st, SQL_ORG_FIRST, NULL, out); }

static store_status insert_builtin_role(store_conn *sc, const char *org_id, const json_t *role, int64_t now) {
    char id[UUID_LEN + 1];
    ids_uuid(id);
    char *policies = json_dumps(json_object_get(role, "permissionPolicies"), JSON_COMPACT);
    store_status s = policies ? STORE_OK : STORE_ERROR;
    if (s == STORE_OK)
        s = store_q(sc,
                    "INSERT INTO roles (id, org_id, name, description, policies, builtin, is_default, created_at) "
                    "VALUES ($1, $2, $3, $4, $5, 1, $6, $7)",
                    DB_ARGS(DB_TEXT(id), DB_TEXT(org_id), DB_TEXT(json_string_value(json_object_get(role, "name"))),
                            DB_TEXT(json_string_value(json_object_get(role, "description"))), DB_TEXT(policies),
                            DB_INT(json_is_true(json_object_get(role, "default"))), DB_INT(now)),
                    NULL);
    free(policies);
    return s;
}

store_status store_org_create(store *st, const char *name, int level, const json_t *builtin_roles, store_org *out) {
    store_conn sc;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    int64_t now = clock_now_ms();
    ids_uuid(out->id);
    s = store_begin(&sc, 1);
    if (s == STORE_OK)
        s = store_q(&sc, "INSERT INTO orgs (id, name, level, revision, created_at) VALUES ($1, $2, $3, 1, $4)",
                    DB_ARGS(DB_TEXT(out->id), DB_TEXT(name), DB_INT(level), DB_INT(now)), NULL);
    size_t i;
    json_t *role;
    json_array_foreach(builtin_roles, i, role) {
        if (s == STORE_OK) s = insert_builtin_role(&sc, out->id, role, now);
    }
    s = store_finish(&sc, s);
    store_release(&sc, s);
    if (s == STORE_OK) {
        snprintf(out->name, sizeof out->name, "%s", name);
        out->level = level;
        out->revision = 1;
    }
    return s;
}

store_status store_org_list(store *st, json_t **out) {
    store_conn sc;
    db_rows *r = NULL;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_q(&sc,
                "SELECT o.id, o.name, o.level, "
                "(SELECT COUNT(*) FROM users u WHERE u.org_id = o.id) "
                "FROM orgs o ORDER BY o.name",
                DB_NOARGS, &r);
    store_release(&sc, s);
    if (s != STORE_OK) return s;
    json_t *list = json_array();
    for (int i = 0; i < r->nrows; i++) {
        json_t *licenses = NULL;
        if (store_org_licenses(st, db_text(r, i, 0), &licenses) != STORE_OK) licenses = json_array();
        json_array_append_new(list, json_pack("{s:s, s:s, s:I, s:I, s:o}", "id", db_text(r, i, 0), "name",
                                              db_text(r, i, 1), "level", db_int(r, i, 2), "users",
                                              db_int(r, i, 3), "licenses", licenses));
    }
    db_rows_free(r);
    *out = list;
    return STORE_OK;
}

static store_status org_write(store *st, const char *org_id, const char *sql, const db_arg *args, int nargs) {
    store_conn sc;
    db_rows *r = NULL;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_begin(&sc, 1);
    if (s == STORE_OK) s = store_q(&sc, "SELECT id FROM orgs WHERE id = $1", DB_ARGS(DB_TEXT(org_id)), &r);
    if (s == STORE_OK && r->nrows == 0) s = STORE_NOT_FOUND;
    if (s == STORE_OK) s = store_q(&sc, sql, args, nargs, NULL);
    if (s == STORE_OK) s = store_bump_revision(&sc, org_id);
    s = store_finish(&sc, s);
    db_rows_free(r);
    store_release(&sc, s);
    return s;
}

store_status store_org_set_level(store *st, const char *org_id, int level) {
    return org_write(st, org_id, "UPDATE orgs SET level = $2 WHERE id = $1", DB_ARGS(DB_TEXT(org_id), DB_INT(level)));
}

store_status store_org_license(store *st, const char *org_id, const char *license, int grant) {
    if (grant)
        return org_write(st, org_id,
                         "INSERT INTO org_licenses (org_id, license) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                         DB_ARGS(DB_TEXT(org_id), DB_TEXT(license)));
    return org_write(st, org_id, "DELETE FROM org_licenses WHERE org_id = $1 AND license = $2",
                     DB_ARGS(DB_TEXT(org_id), DB_TEXT(license)));
}

store_status store_org_licenses(store *st, const char *org_id, json_t **out) {
    store_conn sc;
    db_rows *r = NULL;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_q(&sc, "SELECT license FROM org_licenses WHERE org_id = $1 ORDER BY license", DB_ARGS(DB_TEXT(org_id)), &r);
    store_release(&sc, s);
    if (s != STORE_OK) return s;
    *out = json_array();
    for (int i = 0; i < r->nrows; i++) json_array_append_new(*out, json_string(db_text(r, i, 0)));
    db_rows_free(r);
    return STORE_OK;
}

store_status store_org_revision(store *st, const char *org_id, int64_t *out) {
    store_org org;
    store_status s = store_org_get(st, org_id, &org);
    if (s == STORE_OK) *out = org.revision;
    return s;
}
