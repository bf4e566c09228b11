/* Groups (official, social, distribution) and their members. */
#include "store/memberships.h"
#include "lib/clock.h"
#include "lib/ids.h"

#define GROUP_COLUMNS \
    "g.id, g.name, g.description, g.type, g.version, (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id)"

static json_t *group_json(const db_rows *r, int i) {
    return json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:s, s:s, s:b}", "id", db_text(r, i, 0), "name", db_text(r, i, 1),
                     "description", db_text(r, i, 2), "type", db_text(r, i, 3), "version", db_int(r, i, 4),
                     "memberCount", db_int(r, i, 5), "state", "active", "visibility", "public", "rulesVisible", 0);
}

store_status store_group_get(store *st, const char *org_id, const char *group_id, json_t **out) {
    return store_one(st, "SELECT " GROUP_COLUMNS " FROM org_groups g WHERE g.org_id = $1 AND g.id = $2",
                     DB_ARGS(DB_TEXT(org_id), DB_TEXT(group_id)), group_json, out);
}

static json_t *group_brief_json(const db_rows *r, int i) {
    return json_pack("{s:s, s:s, s:s}", "id", db_text(r, i, 0), "name", db_text(r, i, 1), "type", db_text(r, i, 2));
}

store_status store_group_brief(store *st, const char *org_id, const char *group_id, json_t **out) {
    return store_one(st, "SELECT id, name, type FROM org_groups WHERE org_id = $1 AND id = $2",
                     DB_ARGS(DB_TEXT(org_id), DB_TEXT(group_id)), group_brief_json, out);
}

store_status store_group_list(store *st, const char *org_id, const char *type, store_page page, json_t **entities,
                              int64_t *total) {
    return store_paged(st, "SELECT COUNT(*) FROM org_groups WHERE org_id = $1 AND (CAST($2 AS TEXT) IS NULL OR type = $2)",
                       "SELECT " GROUP_COLUMNS " FROM org_groups g WHERE g.org_id = $1 AND (CAST($2 AS TEXT) IS NULL OR g.type = $2) "
                       "ORDER BY g.name, g.id LIMIT $3 OFFSET $4",
                       DB_ARGS(DB_TEXT(org_id), DB_TEXT(type)), page, group_json, entities, total);
}

store_status store_group_create(store *st, const char *org_id, const char *name, const char *type,
                                const char *description, json_t **out) {
    char id[UUID_LEN + 1];
    ids_uuid(id);
    store_conn sc;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_q(&sc,
                "INSERT INTO org_groups (id, org_id, name, type, description, version, created_at, updated_at) "
                "VALUES ($1, $2, $3, $4, $5, 1, $6, $6)",
                DB_ARGS(DB_TEXT(id), DB_TEXT(org_id), DB_TEXT(name), DB_TEXT(type), DB_TEXT(description ? description : ""),
                        DB_INT(clock_now_ms())),
                NULL);
    store_release(&sc, s);
    return s == STORE_OK ? store_group_get(st, org_id, id, out) : s;
}

store_status store_group_update(store *st, const char *org_id, const char *group_id, int64_t version, const char *name,
                                const char *type, const char *description, json_t **out) {
    store_conn sc;
    db_rows *r = NULL, *exists = NULL;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_begin(&sc, 1);
    if (s == STORE_OK)
        s = store_q(&sc,
                    "UPDATE org_groups SET name = COALESCE($3, name), type = COALESCE($4, type),"
                    " description = COALESCE($5, description), version = version + 1, updated_at = $6 "
                    "WHERE org_id = $1 AND id = $2 AND ($7 = 0 OR version = $7)",
                    DB_ARGS(DB_TEXT(org_id), DB_TEXT(group_id), DB_TEXT(name), DB_TEXT(type), DB_TEXT(description),
                            DB_INT(clock_now_ms()), DB_INT(version)),
                    &r);
    if (s == STORE_OK && r->changes == 0) {
        s = store_q(&sc, "SELECT 1 FROM org_groups WHERE org_id = $1 AND id = $2", DB_ARGS(DB_TEXT(org_id), DB_TEXT(group_id)), &exists);
        if (s == STORE_OK) s = exists->nrows ? STORE_STALE : STORE_NOT_FOUND;
    }
    if (s == STORE_OK) s = store_bump_revision(&sc, org_id);
    s = store_finish(&sc, s);
    db_rows_free(r);
    db_rows_free(exists);
    store_release(&sc, s);
    return s == STORE_OK ? store_group_get(st, org_id, group_id, out) : s;
}

store_status store_group_delete(store *st, const char *org_id, const char *group_id) {
    return store_delete_owned(st, "DELETE FROM org_groups WHERE org_id = $1 AND id = $2", org_id, group_id);
}

static const membership_sql GROUP_MEMBERSHIP = {
    .owner_exists = "SELECT 1 FROM org_groups WHERE org_id = $1 AND id = $2",
    .insert = "INSERT INTO group_members (group_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    .remove = "DELETE FROM group_members WHERE group_id = $1 AND user_id = $2",
    .count = "SELECT COUNT(*) FROM group_members m JOIN users u ON u.id = m.user_id WHERE u.org_id = $1 AND m.group_id = $2",
    .page = "SELECT u.id, u.name, u.email FROM group_members m JOIN users u ON u.id = m.user_id WHERE u.org_id = $1 AND m.group_id = $2 ORDER BY u.name, u.id LIMIT $3 OFFSET $4",
};

store_status store_group_members(store *st, const char *org_id, const char *group_id, store_page page,
                                 json_t **entities, int64_t *total) {
    return store_members_list(st, &GROUP_MEMBERSHIP, org_id, group_id, page, entities, total);
}

store_status store_group_members_change(store *st, const char *org_id, const char *group_id, const json_t *user_ids,
                                        int add, size_t *bad_index) {
    return store_members_change(st, &GROUP_MEMBERSHIP, org_id, group_id, user_ids, add, bad_index);
}
