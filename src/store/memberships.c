/* Adding and removing users to a role or a group: one transaction, all or
 * nothing, every user checked to belong to the same org. */
#include "store/memberships.h"

store_status store_members_change(store *st, const membership_sql *sql, const char *org_id, const char *owner_id,
                                  const json_t *user_ids, int add, size_t *bad_index) {
    store_conn sc;
    db_rows *r = NULL;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_begin(&sc, 1);
    if (s == STORE_OK) s = store_q(&sc, sql->owner_exists, DB_ARGS(DB_TEXT(org_id), DB_TEXT(owner_id)), &r);
    if (s == STORE_OK && r->nrows == 0) s = STORE_NOT_FOUND;
    db_rows_free(r);
    size_t i;
    json_t *id;
    json_array_foreach(user_ids, i, id) {
        if (s != STORE_OK) break;
        r = NULL;
        s = store_q(&sc, "SELECT 1 FROM users WHERE org_id = $1 AND id = $2",
                    DB_ARGS(DB_TEXT(org_id), DB_TEXT(json_string_value(id))), &r);
        if (s == STORE_OK && r->nrows == 0) {
            s = STORE_NOT_FOUND;
            if (bad_index) *bad_index = i;
        }
        db_rows_free(r);
        if (s == STORE_OK)
            s = store_q(&sc, add ? sql->insert : sql->remove,
                        DB_ARGS(DB_TEXT(owner_id), DB_TEXT(json_string_value(id))), NULL);
    }
    if (s == STORE_OK) s = store_bump_revision(&sc, org_id);
    s = store_finish(&sc, s);
    store_release(&sc, s);
    return s;
}

json_t *store_member_json(const db_rows *r, int i) {
    return json_pack("{s:s, s:s, s:s}", "id", db_text(r, i, 0), "name", db_text(r, i, 1), "email", db_text(r, i, 2));
}

store_status store_members_list(store *st, const membership_sql *sql, const char *org_id, const char *owner_id,
                                store_page page, json_t **entities, int64_t *total) {
    store_conn sc;
    db_rows *r = NULL;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_q(&sc, sql->owner_exists, DB_ARGS(DB_TEXT(org_id), DB_TEXT(owner_id)), &r);
    store_release(&sc, s);
    if (s == STORE_OK && r->nrows == 0) s = STORE_NOT_FOUND;
    db_rows_free(r);
    if (s != STORE_OK) return s;
    return store_paged(st, sql->count, sql->page, DB_ARGS(DB_TEXT(org_id), DB_TEXT(owner_id)), page, store_member_json,
                       entities, total);
}
