#include "api/catalog.h"
#include "core/integration_type.h"

#include <string.h>

store_status catalog_all(store *st, json_t **manifests) {
    json_t *registered = NULL;
    store_status s = store_type_list(st, &registered);
    if (s != STORE_OK) return s;
    *manifests = json_array();
    json_array_append_new(*manifests, integration_type_builtin());
    json_array_extend(*manifests, registered);
    json_decref(registered);
    return STORE_OK;
}

store_status catalog_find(store *st, const char *type_id, json_t **manifest) {
    if (strcmp(type_id, INTEGRATION_TYPE_BUILTIN_ID) == 0) {
        *manifest = integration_type_builtin();
        return STORE_OK;
    }
    return store_type_get(st, type_id, manifest);
}

store_status catalog_org_load(store *st, const char *org_id, catalog_org *out) {
    store_org org;
    out->licenses = NULL;
    store_status s = store_org_get(st, org_id, &org);
    if (s == STORE_OK) s = store_org_licenses(st, org_id, &out->licenses);
    out->level = org.level;
    return s;
}

void catalog_org_clear(catalog_org *org) {
    json_decref(org->licenses);
    org->licenses = NULL;
}

int catalog_org_may_use(const catalog_org *org, const json_t *manifest, char *why, size_t why_len) {
    const char *licenses[64];
    size_t n = 0, i;
    json_t *l;
    json_array_foreach(org->licenses, i, l) if (n < 64) licenses[n++] = json_string_value(l);
    return integration_type_installable(manifest, org->level, licenses, n, why, why_len);
}
