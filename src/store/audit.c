/* The audit trail: who changed what, when, with the record before and after.
 * Events belong to the org, not to the entity, so they outlive a deletion. */
#include "store/store_internal.h"
#include "lib/clock.h"
#include "lib/ids.h"

#include <stdlib.h>

store_status store_audit_add(store_conn *sc, const char *org_id, const store_actor *actor, const char *action,
                             const char *entity_type, const char *entity_id, const char *entity_name,
                             const json_t *before, const json_t *after) {
    char id[UUID_LEN + 1];
    ids_uuid(id);
    char *before_doc = before ? json_dumps(before, JSON_COMPACT) : NULL;
    char *after_doc = after ? json_dumps(after, JSON_COMPACT) : NULL;
    /* `at` is now, or just after the org's newest event when that is not older: events of
     * one millisecond stay in the order they were written, and newest first means that. */
    store_status s = store_q(sc,
                             "INSERT INTO audit_events (id, org_id, at, actor_id, actor_name, action, entity_type,"
                             " entity_id, entity_name, before_doc, after_doc) VALUES ($1, $2,"
                             " (SELECT CASE WHEN MAX(at) >= $3 THEN MAX(at) + 1 ELSE $3 END FROM audit_events WHERE org_id = $2),"
                             " $4, $5, $6, $7, $8, $9, $10, $11)",
                             DB_ARGS(DB_TEXT(id), DB_TEXT(org_id), DB_INT(clock_now_ms()), DB_TEXT(actor->id),
                                     DB_TEXT(actor->name), DB_TEXT(action), DB_TEXT(entity_type), DB_TEXT(entity_id),
                                     DB_TEXT(entity_name), DB_TEXT(before_doc), DB_TEXT(after_doc)),
                             NULL);
    free(before_doc);
    free(after_doc);
    return s;
}

static json_t *audit_json(const db_rows *r, int i) {
    char at[ISO_TIME_LEN + 1];
    clock_iso8601(db_int(r, i, 1), at);
    json_t *before = store_json_parse(db_is_null(r, i, 8) ? NULL : db_text(r, i, 8));
    json_t *after = store_json_parse(db_is_null(r, i, 9) ? NULL : db_text(r, i, 9));
    return json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:{s:s, s:s, s:s}, s:o, s:o}", "id", db_text(r, i, 0), "timestamp",
                     at, "user", "id", db_text(r, i, 2), "name", db_text(r, i, 3), "action", db_text(r, i, 4), "entity",
                     "type", db_text(r, i, 5), "id", db_text(r, i, 6), "name", db_text(r, i, 7), "before",
                     before ? before : json_null(), "after", after ? after : json_null());
}

store_status store_audit_list(store *st, const char *org_id, const char *entity_id, store_page page, json_t **entities,
                              int64_t *total) {
    return store_paged(st,
                       "SELECT COUNT(*) FROM audit_events WHERE org_id = $1 AND (CAST($2 AS TEXT) IS NULL OR entity_id = $2)",
                       "SELECT id, at, actor_id, actor_name, action, entity_type, entity_id, entity_name, before_doc, after_doc "
                       "FROM audit_events WHERE org_id = $1 AND (CAST($2 AS TEXT) IS NULL OR entity_id = $2) "
                       "ORDER BY at DESC, id DESC LIMIT $3 OFFSET $4",
                       DB_ARGS(DB_TEXT(org_id), DB_TEXT(entity_id)), page, audit_json, entities, total);
}
