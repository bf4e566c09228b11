/* Integration types registered by the operator, kept as their manifests. */
#include "store/store_internal.h"
#include "lib/clock.h"

#include <stdlib.h>

store_status store_type_put(store *st, const char *type_id, const json_t *manifest) {
    char *doc = json_dumps(manifest, JSON_COMPACT);
    if (!doc) return STORE_ERROR;
    store_conn sc;
    store_status s = store_acquire(st, &sc);
    if (s == STORE_OK) {
        s = store_q(&sc,
                    "INSERT INTO integration_types (id, manifest, created_at) VALUES ($1, $2, $3) "
                    "ON CONFLICT (id) DO UPDATE SET manifest = $2",
                    DB_ARGS(DB_TEXT(type_id), DB_TEXT(doc), DB_INT(clock_now_ms())), NULL);
        /* A type's license or level may have changed what every org sees. */
        if (s == STORE_OK) s = store_q(&sc, "UPDATE orgs SET revision = revision + 1", DB_NOARGS, NULL);
        store_release(&sc, s);
    }
    free(doc);
    return s;
}

static json_t *manifest_json(const db_rows *r, int i) {
    json_t *m = store_json_parse(db_text(r, i, 0));
    return m ? m : json_object();
}

store_status store_type_get(store *st, const char *type_id, json_t **manifest) {
    return store_one(st, "SELECT manifest FROM integration_types WHERE id = $1", DB_ARGS(DB_TEXT(type_id)), manifest_json,
                     manifest);
}

store_status store_type_list(store *st, json_t **manifests) {
    store_conn sc;
    db_rows *r = NULL;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_q(&sc, "SELECT manifest FROM integration_types ORDER BY id", DB_NOARGS, &r);
    store_release(&sc, s);
    if (s == STORE_OK) {
        *manifests = json_array();
        for (int i = 0; i < r->nrows; i++) json_array_append_new(*manifests, manifest_json(r, i));
    }
    db_rows_free(r);
    return s;
}
