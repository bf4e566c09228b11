/* /api/v2/integrations/types: the catalog, with whether the caller's org may
 * install each type (Portico fields installable, installBlockedReason). */
#include "api/api.h"
#include "api/catalog.h"
#include "core/integration_type.h"

#include <string.h>

#define TYPES "/api/v2/integrations/types"

static json_t *type_out(const json_t *manifest, const catalog_org *org) {
    char why[512];
    json_t *type = integration_type_to_api(manifest, TYPES);
    int ok = catalog_org_may_use(org, manifest, why, sizeof why);
    json_object_set_new(type, "installable", json_boolean(ok));
    if (!ok) json_object_set_new(type, "installBlockedReason", json_string(why));
    return type;
}

static int list_types(request *req) {
    store_page page;
    int ret = api_paging(req, &page);
    if (ret >= 0) return ret;
    catalog_org org;
    json_t *manifests = NULL;
    store_status s = catalog_org_load(req->cfg->st, req->caller.org_id, &org);
    if (s == STORE_OK) s = catalog_all(req->cfg->st, &manifests);
    if (s != STORE_OK) {
        catalog_org_clear(&org);
        return respond_store_error(req, s, "integration type");
    }
    json_t *entities = json_array();
    size_t total = json_array_size(manifests), first = (size_t)(page.page_number - 1) * (size_t)page.page_size;
    for (size_t i = first; i < total && i < first + (size_t)page.page_size; i++)
        json_array_append_new(entities, type_out(json_array_get(manifests, i), &org));
    json_decref(manifests);
    catalog_org_clear(&org);
    return respond_json(req, 200, api_listing(entities, (int64_t)total, page, TYPES, ""));
}

/* Loads the manifest named by the first path parameter, or answers 404. */
static int find_type(request *req, json_t **manifest) {
    store_status s = catalog_find(req->cfg->st, request_param(req, 0), manifest);
    return s == STORE_OK ? -1 : respond_store_error(req, s, "integration type");
}

static int get_type(request *req) {
    json_t *manifest = NULL;
    int ret = find_type(req, &manifest);
    if (ret >= 0) return ret;
    catalog_org org;
    store_status s = catalog_org_load(req->cfg->st, req->caller.org_id, &org);
    if (s == STORE_OK) ret = respond_json(req, 200, type_out(manifest, &org));
    else ret = respond_store_error(req, s, "organization");
    catalog_org_clear(&org);
    json_decref(manifest);
    return ret;
}

static int get_schema(request *req) {
    const char *kind = request_param(req, 1);
    if (strcmp(kind, "properties") != 0 && strcmp(kind, "advanced") != 0)
        return respond_error(req, 404, "not.found", "No schema \"%s\": use properties or advanced", kind);
    json_t *manifest = NULL;
    int ret = find_type(req, &manifest);
    if (ret >= 0) return ret;
    json_t *schema = strcmp(kind, "properties") == 0 ? integration_type_properties_schema(manifest)
                                                     : integration_type_advanced_schema(manifest);
    json_decref(manifest);
    return respond_json(req, 200, schema);
}

const route api_type_routes[] = {
    {"GET", TYPES, list_types, 0, "integrations:integration:view"},
    {"GET", TYPES "/{id}", get_type, 0, "integrations:integration:view"},
    {"GET", TYPES "/{id}/configschemas/{kind}", get_schema, 0, "integrations:integration:view"},
    {0},
};
