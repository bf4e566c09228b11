/* /api/v2/integrations: install (create), list, read, rename, change roles,
 * activate or deactivate, and delete integrations. */
#include "api/api.h"
#include "api/catalog.h"
#include "api/integration_common.h"
#include "api/integration_view.h"
#include "core/clientapp_config.h"
#include "core/input.h"
#include "core/integration_type.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define MAX_FILTER_IDS 100
#define MAX_ROLES 100

/* The filters of a list request, and the same as a query string for the paging URIs. */
static int read_filter(request *req, store_integration_filter *f, char *ids_csv, size_t ids_len, char *extra,
                       size_t extra_len) {
    *f = (store_integration_filter){request_query(req, "integrationType"), request_query(req, "reportedState"), NULL};
    json_t *ids = request_query_list(req, "ids");
    int bad = integration_ids_csv(ids, ids_csv, ids_len) != 0;
    if (!bad && json_array_size(ids)) f->ids_csv = ids_csv;
    json_decref(ids);
    if (bad) return respond_error(req, 400, "invalid.value", "ids: at most %d ids, separated by commas", MAX_FILTER_IDS);
    extra[0] = '\0';
    if ((f->type_id && api_query_append(extra, extra_len, "integrationType", f->type_id) != 0) ||
        (f->reported && api_query_append(extra, extra_len, "reportedState", f->reported) != 0) ||
        (f->ids_csv && api_query_append(extra, extra_len, "ids", f->ids_csv) != 0))
        return respond_error(req, 400, "invalid.value", "integrationType, reportedState: too long");
    return -1;
}

static int list_integrations(request *req) {
    store_page page;
    int ret = api_paging(req, &page);
    if (ret >= 0) return ret;
    store_integration_filter f;
    char ids_csv[MAX_FILTER_IDS * 40], extra[MAX_FILTER_IDS * 40 * 3 + 512];
    if ((ret = read_filter(req, &f, ids_csv, sizeof ids_csv, extra, sizeof extra)) >= 0) return ret;
    json_t *records = NULL;
    int64_t total = 0;
    store_status s = store_integration_list(req->cfg->st, req->caller.org_id, &f, page, &records, &total);
    if (s != STORE_OK) return respond_store_error(req, s, "integration");
    json_t *entities = integration_views(req->cfg->st, records);
    json_decref(records);
    return respond_json(req, 200, api_listing(entities, total, page, INTEGRATIONS, extra));
}

static int get_integration(request *req) {
    json_t *record = NULL;
    store_status s = store_integration_get(req->cfg->st, req->caller.org_id, request_param(req, 0), &record);
    if (s != STORE_OK) return respond_store_error(req, s, "integration");
    return respond_integration(req, 200, record);
}

/* The role ids of a `roles: [{id}]` field, or NULL after adding a problem. */
static json_t *role_ids_of(const json_t *roles, field_errors *errs) {
    if (!json_is_array(roles) || json_array_size(roles) > MAX_ROLES) {
        field_errors_add(errs, "roles", "invalid.value", "roles: must be an array of at most %d {\"id\": ...} objects", MAX_ROLES);
        return NULL;
    }
    json_t *ids = json_array(), *role;
    size_t i;
    json_array_foreach(roles, i, role) {
        const char *id = json_string_value(json_object_get(role, "id"));
        if (!id) {
            field_errors_add(errs, "roles", "invalid.value", "roles[%zu]: must be an object with a string id", i);
            json_decref(ids);
            return NULL;
        }
        json_array_append_new(ids, json_string(id));
    }
    return ids;
}

static int refuse_unknown_role(request *req, const json_t *ids, size_t bad) {
    return respond_error(req, 400, "invalid.value", "roles[%zu]: no role %s in this organization", bad,
                         json_string_value(json_array_get(ids, bad)));
}

/* The index of the first id that is no role of the caller's org (0 when none is found). */
static size_t first_unknown_role(request *req, const json_t *ids) {
    size_t i;
    json_t *id;
    json_array_foreach(ids, i, id) {
        json_t *role = NULL;
        store_status s = store_role_get(req->cfg->st, req->caller.org_id, json_string_value(id), &role);
        json_decref(role);
        if (s == STORE_NOT_FOUND) return i;
    }
    return 0;
}

static int create_with(request *req, const json_t *manifest, const char *name, const json_t *role_ids) {
    catalog_org org;
    char why[512];
    store_status s = catalog_org_load(req->cfg->st, req->caller.org_id, &org);
    int may = s == STORE_OK && catalog_org_may_use(&org, manifest, why, sizeof why);
    catalog_org_clear(&org);
    if (s != STORE_OK) return respond_store_error(req, s, "organization");
    if (!may) return respond_error(req, 403, "missing.license", "%s", why);
    store_actor actor = integration_actor(req);
    json_t *record = NULL;
    const char *type_id = json_string_value(json_object_get(manifest, "id"));
    if (!name) name = json_string_value(json_object_get(manifest, "name"));
    s = store_integration_create(req->cfg->st, req->caller.org_id, type_id, name, role_ids, &actor, &record);
    if (s == STORE_NOT_FOUND && role_ids) return refuse_unknown_role(req, role_ids, first_unknown_role(req, role_ids));
    if (s != STORE_OK) return respond_store_error(req, s, "integration");
    return respond_integration(req, 200, record);
}

static int create_integration(request *req) {
    static const char *const allowed[] = {"id", "name", "integrationType", "selfUri", "roles", NULL};
    field_errors errs;
    field_errors_init(&errs);
    if (!json_is_object(req->json)) return respond_error(req, 400, "bad.request", "The body must be a JSON object");
    int bad = input_check_keys(req->json, allowed, "", &errs) != 0;
    const char *type_id = json_string_value(json_object_get(json_object_get(req->json, "integrationType"), "id"));
    const char *name = input_optional_string(req->json, "name", &bad, &errs);
    if (!type_id) field_errors_add(&errs, "integrationType.id", "missing.value", "integrationType.id: is required, e.g. embedded-client-app");
    if (name && input_check_name("name", name, &errs) != 0) bad = 1;
    json_t *roles = json_object_get(req->json, "roles");
    json_t *role_ids = roles ? role_ids_of(roles, &errs) : NULL;
    if (bad || errs.count) {
        json_decref(role_ids);
        return respond_field_errors(req, &errs);
    }
    json_t *manifest = NULL;
    store_status s = catalog_find(req->cfg->st, type_id, &manifest);
    int ret = s == STORE_NOT_FOUND ? respond_error(req, 400, "invalid.value", "integrationType.id: no integration type \"%s\"", type_id)
              : s != STORE_OK      ? respond_store_error(req, s, "integration type")
                                   : create_with(req, manifest, name, role_ids);
    json_decref(manifest);
    json_decref(role_ids);
    return ret;
}

/* Activation needs the type to be licensed and, for client apps, a valid URL. */
static int check_activation(request *req, const json_t *record) {
    json_t *manifest = NULL;
    store_status s = catalog_find(req->cfg->st, json_string_value(json_object_get(record, "typeId")), &manifest);
    catalog_org org;
    char why[512];
    if (s == STORE_OK) s = catalog_org_load(req->cfg->st, req->caller.org_id, &org);
    else org.licenses = NULL;
    int may = s == STORE_OK && catalog_org_may_use(&org, manifest, why, sizeof why);
    int clientapp = s == STORE_OK && integration_type_uses_clientapp_config(manifest);
    catalog_org_clear(&org);
    json_decref(manifest);
    if (s != STORE_OK) return respond_store_error(req, s, "integration type");
    if (!may) return respond_error(req, 403, "missing.license", "%s", why);
    field_errors errs;
    field_errors_init(&errs);
    url_policy policy = {req->cfg->allow_http_apps};
    if (clientapp && clientapp_ready_to_activate(json_object_get(record, "properties"), &policy, &errs) != 0)
        return respond_field_errors(req, &errs);
    return -1;
}

/* Reads a PATCH body into p; returns -1 or the response sent. */
static int read_patch(request *req, store_integration_patch *p, json_t **role_ids) {
    static const char *const allowed[] = {"id", "name", "intendedState", "roles", "integrationType", "notes", "config",
                                          "reportedState", "attributes", "selfUri", NULL};
    field_errors errs;
    field_errors_init(&errs);
    if (!json_is_object(req->json)) return respond_error(req, 400, "bad.request", "The body must be a JSON object");
    int bad = input_check_keys(req->json, allowed, "", &errs) != 0;
    p->name = input_optional_string(req->json, "name", &bad, &errs);
    p->intended_state = input_optional_string(req->json, "intendedState", &bad, &errs);
    if (p->name && input_check_name("name", p->name, &errs) != 0) bad = 1;
    if (p->intended_state && strcmp(p->intended_state, "ENABLED") != 0 && strcmp(p->intended_state, "DISABLED") != 0) {
        field_errors_add(&errs, "intendedState", "invalid.value", "intendedState: must be ENABLED or DISABLED");
        bad = 1;
    }
    json_t *roles = json_object_get(req->json, "roles");
    if (roles && !(*role_ids = role_ids_of(roles, &errs))) bad = 1;
    p->role_ids = *role_ids;
    return bad || errs.count ? respond_field_errors(req, &errs) : -1;
}

static int patch_integration(request *req) {
    store_integration_patch p = {0};
    json_t *role_ids = NULL, *record = NULL;
    int ret = read_patch(req, &p, &role_ids);
    store_status s = STORE_OK;
    if (ret < 0 && p.intended_state && strcmp(p.intended_state, "ENABLED") == 0) {
        s = store_integration_get(req->cfg->st, req->caller.org_id, request_param(req, 0), &record);
        if (s != STORE_OK) ret = respond_store_error(req, s, "integration");
        else if ((ret = check_activation(req, record)) < 0)
            p.expect_version = json_integer_value(json_object_get(record, "version"));
        json_decref(record);
        record = NULL;
    }
    if (ret < 0) {
        store_actor actor = integration_actor(req);
        size_t bad = SIZE_MAX; /* set by the store only when a role is unknown */
        s = store_integration_update(req->cfg->st, req->caller.org_id, request_param(req, 0), &p, &actor, &bad, &record);
        if (s == STORE_NOT_FOUND && role_ids && bad < json_array_size(role_ids)) ret = refuse_unknown_role(req, role_ids, bad);
        else if (s != STORE_OK) ret = respond_store_error(req, s, "integration");
        else ret = respond_integration(req, 200, record);
    }
    json_decref(role_ids);
    return ret;
}

static int delete_integration(request *req) {
    store_actor actor = integration_actor(req);
    json_t *record = NULL;
    store_status s = store_integration_delete(req->cfg->st, req->caller.org_id, request_param(req, 0), &actor, &record);
    if (s != STORE_OK) return respond_store_error(req, s, "integration");
    return respond_integration(req, 200, record);
}

const route api_integration_routes[] = {
    {"GET", INTEGRATIONS, list_integrations, 0, "integrations:integration:view"},
    {"POST", INTEGRATIONS, create_integration, ROUTE_JSON_BODY, "integrations:integration:add"},
    {"GET", INTEGRATIONS "/{id}", get_integration, 0, "integrations:integration:view"},
    {"PATCH", INTEGRATIONS "/{id}", patch_integration, ROUTE_JSON_BODY, "integrations:integration:edit"},
    {"DELETE", INTEGRATIONS "/{id}", delete_integration, 0, "integrations:integration:delete"},
    {0},
};
