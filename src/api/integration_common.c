#include "api/integration_common.h"
#include "api/catalog.h"
#include "api/integration_view.h"
#include "core/integration_type.h"
#include "http/response.h"

#include <string.h>

store_actor integration_actor(const request *req) {
    const store_principal *p = &req->caller;
    return (store_actor){*p->user_id ? p->user_id : p->client_id, p->name};
}

/* The API form of a record's type, or NULL when the type is gone. */
static json_t *type_of(store *st, const json_t *record) {
    json_t *manifest = NULL;
    if (catalog_find(st, json_string_value(json_object_get(record, "typeId")), &manifest) != STORE_OK) return NULL;
    json_t *type = integration_type_to_api(manifest, INTEGRATIONS "/types");
    json_decref(manifest);
    return type;
}

int respond_integration(request *req, int status, json_t *record) {
    json_t *type = type_of(req->cfg->st, record);
    json_t *view = integration_view(record, type);
    json_decref(type);
    json_decref(record);
    return respond_json(req, status, view);
}

json_t *integration_views(store *st, const json_t *records) {
    json_t *types = json_object(), *views = json_array(), *record;
    size_t i;
    json_array_foreach(records, i, record) {
        const char *type_id = json_string_value(json_object_get(record, "typeId"));
        json_t *type = json_object_get(types, type_id);
        if (!type) {
            type = type_of(st, record);
            json_object_set_new(types, type_id, type ? type : json_null());
        }
        json_array_append_new(views, integration_view(record, json_is_null(type) ? NULL : type));
    }
    json_decref(types);
    return views;
}

int integration_ids_csv(const json_t *ids, char *out, size_t len) {
    size_t used = 0, i;
    json_t *id;
    if (json_array_size(ids) > 100) return -1;
    out[0] = '\0';
    json_array_foreach(ids, i, id) {
        const char *s = json_string_value(id);
        size_t n = strlen(s);
        if (n > 40 || strchr(s, '%') || strchr(s, '_') || used + n + 2 > len) return -1; /* LIKE wildcards */
        if (used) out[used++] = ',';
        memcpy(out + used, s, n + 1);
        used += n;
    }
    return 0;
}
