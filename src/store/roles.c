/* Roles: named sets of permission policies, held by users and OAuth clients. */
#include "store/memberships.h"
#include "lib/clock.h"
#include "lib/ids.h"

#include <stdlib.h>

#define ROLE_COLUMNS \
    "r.id, r.name, r.description, r.policies, r.builtin, (SELECT COUNT(*) FROM user_roles ur WHERE ur.role_id = r.id)," \
    " r.is_default"

static json_t *role_json(const db_rows *r, int i) {
    json_t *policies = store_json_parse(db_text(r, i, 3));
    return json_pack("{s:s, s:s, s:s, s:o, s:I, s:b, s:b}", "id", db_text(r, i, 0), "name", db_text(r, i, 1),
                     "description", db_text(r, i, 2), "permissionPolicies", policies ? policies : json_array(),
                     "userCount", db_int(r, i, 5), "default", (int)db_int(r, i, 6), "base", (int)db_int(r, i, 4));
}

store_status store_role_get(store *st, const char *org_id, const char *role_id, json_t **out) {
    return store_one(st, "SELECT " ROLE_COLUMNS " FROM roles r WHERE r.org_id = $1 AND r.id = $2",
                     DB_ARGS(DB_TEXT(org_id), DB_TEXT(role_id)), role_json, out);
}

store_status store_role_find(store *st, const char *org_id, const char *name, json_t **out) {
    return store_one(st, "SELECT " ROLE_COLUMNS " FROM roles r WHERE r.org_id = $1 AND r.name = $2",
                     DB_ARGS(DB_TEXT(org_id), DB_TEXT(name)), role_json, out);
}

store_status store_role_list(store *st, const char *org_id, store_page page, json_t **entities, int64_t *total) {
    return store_paged(st, "SELECT COUNT(*) FROM roles WHERE org_id = $1",
                       "SELECT " ROLE_COLUMNS " FROM roles r WHERE r.org_id = $1 ORDER BY r.name, r.id LIMIT $2 OFFSET $3",
                       DB_ARGS(DB_TEXT(org_id)), page, role_json, entities, total);
}

store_status store_role_create(store *st, const char *org_id, const char *name, const char *description,
                               const json_t *policies, json_t **out) {
    char id[UUID_LEN + 1];
    ids_uuid(id);
    char *doc = json_dumps(policies, JSON_COMPACT);
    store_conn sc;
    store_status s = doc ? store_acquire(st, &sc) : STORE_ERROR;
    if (s == STORE_OK) {
        s = store_q(&sc,
                    "INSERT INTO roles (id, org_id, name, description, policies, builtin, created_at) "
                    "VALUES ($1, $2, $3, $4, $5, 0, $6)",
                    DB_ARGS(DB_TEXT(id), DB_TEXT(org_id), DB_TEXT(name), DB_TEXT(description ? description : ""),
                            DB_TEXT(doc), DB_INT(clock_now_ms())),
                    NULL);
        store_release(&sc, s);
    }
    free(doc);
    return s == STORE_OK ? store_role_get(st, org_id, id, out) : s;
}

store_status store_role_update(store *st, const char *org_id, const char *role_id, const char *name,
                               const char *description, const json_t *policies, json_t **out) {
    char *doc = json_dumps(policies, JSON_COMPACT);
    store_conn sc;
    db_rows *r = NULL;
    store_status s = doc ? store_acquire(st, &sc) : STORE_ERROR;
    if (s == STORE_OK) {
        s = store_begin(&sc, 1);
        if (s == STORE_OK)
            s = store_q(&sc, "UPDATE roles SET name = $3, description = $4, policies = $5 WHERE org_id = $1 AND id = $2",
                        DB_ARGS(DB_TEXT(org_id), DB_TEXT(role_id), DB_TEXT(name), DB_TEXT(description ? description : ""),
                                DB_TEXT(doc)),
                        &r);
        if (s == STORE_OK && r->changes == 0) s = STORE_NOT_FOUND;
        if (s == STORE_OK) s = store_bump_revision(&sc, org_id);
        s = store_finish(&sc, s);
        store_release(&sc, s);
    }
    db_rows_free(r);
    free(doc);
    return s == STORE_OK ? store_role_get(st, org_id, role_id, out) : s;
}

store_status store_role_delete(store *st, const char *org_id, const char *role_id) {
    return store_delete_owned(st, "DELETE FROM roles WHERE org_id = $1 AND id = $2", org_id, role_id);
}

static const membership_sql ROLE_MEMBERSHIP = {
    .owner_exists = "SELECT 1 FROM roles WHERE org_id = $1 AND id = $2",
    .insert = "INSERT INTO user_roles (role_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    .remove = "DELETE FROM user_roles WHERE role_id = $1 AND user_id = $2",
    .count = "SELECT COUNT(*) FROM user_roles ur JOIN users u ON u.id = ur.user_id WHERE u.org_id = $1 AND ur.role_id = $2",
    .page = "SELECT u.id, u.name, u.email FROM user_roles ur JOIN users u ON u.id = ur.user_id WHERE u.org_id = $1 AND ur.role_id = $2 ORDER BY u.name, u.id LIMIT $3 OFFSET $4",
};

store_status store_role_users(store *st, const char *org_id, const char *role_id, store_page page, json_t **entities,
                              int64_t *total) {
    return store_members_list(st, &ROLE_MEMBERSHIP, org_id, role_id, page, entities, total);
}

store_status store_role_members_change(store *st, const char *org_id, const char *role_id, const json_t *user_ids,
                                       int add, size_t *bad_index) {
    return store_members_change(st, &ROLE_MEMBERSHIP, org_id, role_id, user_ids, add, bad_index);
}
