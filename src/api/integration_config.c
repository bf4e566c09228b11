/* /api/v2/integrations/{id}/config/current and /history: read and replace an
 * integration's configuration (optimistic versioning), list its versions. */
#include "api/api.h"
#include "api/catalog.h"
#include "api/integration_common.h"
#include "api/integration_view.h"
#include "core/clientapp_config.h"
#include "core/input.h"
#include "core/integration_type.h"
#include "core/json_schema.h"

#include <stdio.h>
#include <string.h>

static int get_config(request *req) {
    json_t *record = NULL;
    store_status s = store_integration_get(req->cfg->st, req->caller.org_id, request_param(req, 0), &record);
    if (s != STORE_OK) return respond_store_error(req, s, "integration");
    json_t *config = integration_view_config(record);
    json_decref(record);
    return respond_json(req, 200, config);
}

typedef struct {
    request *req;
} group_lookup_ctx;

/* Finds a group of the caller's org for the groups check (an app may name groups of 100,000 members). */
static int lookup_group(void *ctx, const char *group_id, char *type_out, size_t type_len, char *name_out, size_t name_len) {
    request *req = ((group_lookup_ctx *)ctx)->req;
    json_t *group = NULL;
    if (store_group_brief(req->cfg->st, req->caller.org_id, group_id, &group) != STORE_OK) return 0;
    snprintf(type_out, type_len, "%s", json_string_value(json_object_get(group, "type")));
    snprintf(name_out, name_len, "%s", json_string_value(json_object_get(group, "name")));
    json_decref(group);
    return 1;
}

/* An object member, or an empty object when absent; NULL (after a problem) when not an object. */
static json_t *object_member(const json_t *body, const char *key, field_errors *errs) {
    json_t *v = json_object_get(body, key);
    if (!v) return json_object();
    if (!json_is_object(v)) {
        field_errors_add(errs, key, "invalid.value", "%s: must be a JSON object", key);
        return NULL;
    }
    return json_incref(v);
}

/* properties and advanced against the vendor type's own schemas (core/json_schema.h). */
static void validate_with_schemas(const json_t *manifest, const store_config_put *c, field_errors *errs) {
    json_t *props = integration_type_properties_schema(manifest);
    json_t *adv = integration_type_advanced_schema(manifest);
    json_schema_validate(props, c->properties, "properties", errs);
    json_schema_validate(adv, c->advanced, "advanced", errs);
    json_decref(props);
    json_decref(adv);
}

/* Checks properties/advanced as the type's schemas say; clientapp types get the full rules. */
static void validate_config(request *req, const json_t *record, const store_config_put *c, field_errors *errs) {
    json_t *manifest = NULL;
    if (catalog_find(req->cfg->st, json_string_value(json_object_get(record, "typeId")), &manifest) != STORE_OK) return;
    url_policy policy = {req->cfg->allow_http_apps};
    group_lookup_ctx ctx = {req};
    if (integration_type_uses_clientapp_config(manifest)) {
        clientapp_properties_validate(c->properties, &policy, lookup_group, &ctx, errs);
        clientapp_advanced_validate(c->advanced, &policy, errs);
        /* An active app keeps a usable URL: the same rule as activating it. */
        if (!errs->count && !strcmp(json_string_value(json_object_get(record, "intendedState")), "ENABLED"))
            clientapp_ready_to_activate(c->properties, &policy, errs);
    } else {
        validate_with_schemas(manifest, c, errs);
    }
    json_decref(manifest);
}

static int read_config(request *req, const json_t *record, store_config_put *c, field_errors *errs) {
    static const char *const allowed[] = {"id", "name", "version", "properties", "advanced", "notes", "credentials",
                                          "selfUri", NULL};
    int bad = input_check_keys(req->json, allowed, "", errs) != 0;
    json_t *version = json_object_get(req->json, "version");
    if (!json_is_integer(version)) {
        field_errors_add(errs, "version", "missing.value", "version: is required: send the version you read (GET config/current)");
        bad = 1;
    }
    c->version = json_integer_value(version);
    c->expect_state = json_string_value(json_object_get(record, "intendedState"));
    c->name = input_optional_string(req->json, "name", &bad, errs);
    if (!c->name) c->name = json_string_value(json_object_get(record, "name"));
    else if (input_check_name("name", c->name, errs) != 0) bad = 1;
    c->notes = input_optional_string(req->json, "notes", &bad, errs);
    if (input_check_description("notes", c->notes, errs) != 0) bad = 1;
    c->properties = object_member(req->json, "properties", errs);
    c->advanced = object_member(req->json, "advanced", errs);
    c->credentials = object_member(req->json, "credentials", errs);
    if (!bad && !errs->count) validate_config(req, record, c, errs);
    return bad || errs->count ? -1 : 0;
}

static int put_config(request *req) {
    if (!json_is_object(req->json)) return respond_error(req, 400, "bad.request", "The body must be a JSON object");
    json_t *record = NULL;
    store_status s = store_integration_get(req->cfg->st, req->caller.org_id, request_param(req, 0), &record);
    if (s != STORE_OK) return respond_store_error(req, s, "integration");
    store_config_put c = {0};
    field_errors errs;
    field_errors_init(&errs);
    int ret;
    if (read_config(req, record, &c, &errs) != 0) {
        ret = respond_field_errors(req, &errs);
    } else {
        store_actor actor = integration_actor(req);
        json_t *saved = NULL;
        s = store_config_update(req->cfg->st, req->caller.org_id, request_param(req, 0), &c, &actor, &saved);
        if (s == STORE_STALE)
            ret = respond_error(req, 409, "conflict",
                                "The configuration version %lld does not match the current version %lld: someone else saved "
                                "first. Reload it and try again",
                                (long long)c.version, (long long)json_integer_value(json_object_get(record, "version")));
        else if (s != STORE_OK) ret = respond_store_error(req, s, "integration");
        else ret = respond_json(req, 200, integration_view_config(saved));
        json_decref(saved);
    }
    json_decref((json_t *)c.properties);
    json_decref((json_t *)c.advanced);
    json_decref((json_t *)c.credentials);
    json_decref(record);
    return ret;
}

static int get_history(request *req) {
    store_page page;
    int ret = api_paging(req, &page);
    if (ret >= 0) return ret;
    const char *id = request_param(req, 0);
    json_t *record = NULL, *entities = NULL;
    int64_t total = 0;
    store_status s = store_integration_get(req->cfg->st, req->caller.org_id, id, &record);
    json_decref(record);
    if (s == STORE_OK) s = store_config_history(req->cfg->st, req->caller.org_id, id, page, &entities, &total);
    if (s != STORE_OK) return respond_store_error(req, s, "integration");
    char base[128];
    snprintf(base, sizeof base, INTEGRATIONS "/%s/history", id);
    return respond_json(req, 200, api_listing(entities, total, page, base, ""));
}

const route api_integration_config_routes[] = {
    {"GET", INTEGRATIONS "/{id}/config/current", get_config, 0, "integrations:integration:view"},
    {"PUT", INTEGRATIONS "/{id}/config/current", put_config, ROUTE_JSON_BODY, "integrations:integration:edit"},
    {"GET", INTEGRATIONS "/{id}/history", get_history, 0, "integrations:integration:view"},
    {0},
};
