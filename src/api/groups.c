/* /api/v2/groups: official, social and distribution groups and their members. */
#include "api/api.h"
#include "core/input.h"

#include <string.h>

#define GROUPS "/api/v2/groups"
#define MAX_MEMBER_IDS 500

static int list_groups(request *req) {
    store_page page;
    int ret = api_paging(req, &page);
    if (ret >= 0) return ret;
    const char *type = request_query(req, "type");
    field_errors errs;
    field_errors_init(&errs);
    if (type && input_check_group_type("type", type, &errs) != 0) return respond_field_errors(req, &errs);
    json_t *entities = NULL;
    int64_t total = 0;
    store_status s = store_group_list(req->cfg->st, req->caller.org_id, type, page, &entities, &total);
    if (s != STORE_OK) return respond_store_error(req, s, "group");
    size_t i;
    json_t *g;
    json_array_foreach(entities, i, g) api_with_self_uri(g, GROUPS);
    char extra[64] = "";
    if (type) snprintf(extra, sizeof extra, "&type=%s", type);
    return respond_json(req, 200, api_listing(entities, total, page, GROUPS, extra));
}

static int get_group(request *req) {
    json_t *group = NULL;
    store_status s = store_group_get(req->cfg->st, req->caller.org_id, request_param(req, 0), &group);
    if (s != STORE_OK) return respond_store_error(req, s, "group");
    return respond_json(req, 200, api_with_self_uri(group, GROUPS));
}

static int write_group(request *req, int creating) {
    field_errors errs;
    field_errors_init(&errs);
    if (!json_is_object(req->json)) return respond_error(req, 400, "bad.request", "The body must be a JSON object");
    static const char *const allowed[] = {"name", "type", "description", "version", "id", "state", "visibility",
                                          "rulesVisible", "memberCount", "selfUri", NULL};
    int bad = input_check_keys(req->json, allowed, "", &errs) != 0;
    const char *name = creating ? input_required_string(req->json, "name", &errs) : input_optional_string(req->json, "name", &bad, &errs);
    const char *type = creating ? input_required_string(req->json, "type", &errs) : input_optional_string(req->json, "type", &bad, &errs);
    const char *description = input_optional_string(req->json, "description", &bad, &errs);
    json_t *version = json_object_get(req->json, "version");
    if ((creating || name) && input_check_name("name", name, &errs) != 0) bad = 1;
    if ((creating || type) && input_check_group_type("type", type, &errs) != 0) bad = 1;
    if (input_check_description("description", description, &errs) != 0) bad = 1;
    if (version && !json_is_integer(version)) {
        field_errors_add(&errs, "version", "invalid.value", "version: must be a whole number");
        bad = 1;
    }
    if (bad || errs.count) return respond_field_errors(req, &errs);
    json_t *group = NULL;
    store_status s = creating ? store_group_create(req->cfg->st, req->caller.org_id, name, type, description, &group)
                              : store_group_update(req->cfg->st, req->caller.org_id, request_param(req, 0),
                                                   json_integer_value(version), name, type, description, &group);
    if (s == STORE_CONFLICT) return respond_error(req, 409, "conflict", "A group named \"%s\" already exists", name);
    if (s != STORE_OK) return respond_store_error(req, s, "group");
    return respond_json(req, 200, api_with_self_uri(group, GROUPS));
}

static int create_group(request *req) { return write_group(req, 1); }
static int patch_group(request *req) { return write_group(req, 0); }

static int delete_group(request *req) {
    store_status s = store_group_delete(req->cfg->st, req->caller.org_id, request_param(req, 0));
    if (s != STORE_OK) return respond_store_error(req, s, "group");
    return respond_empty(req, 204, NULL, 0);
}

static int list_members(request *req) { return api_list_members(req, store_group_members, GROUPS, "members", "group"); }

/* The member ids of a change: {"memberIds": [...]} in the body, or ?ids=a,b on DELETE. */
static json_t *member_ids(request *req, int *ret) {
    *ret = -1;
    json_t *ids = NULL;
    if (req->json) {
        ids = json_incref(json_object_get(req->json, "memberIds"));
    } else if (req->body_len) {
        json_error_t err;
        json_t *body = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &err);
        if (!body) {
            *ret = respond_error(req, 400, "bad.request", "The body is not valid JSON: %s", err.text);
            return NULL;
        }
        ids = json_incref(json_object_get(body, "memberIds"));
        json_decref(body);
    } else {
        ids = request_query_list(req, "ids");
    }
    field_errors errs;
    field_errors_init(&errs);
    if (input_check_id_list("memberIds", ids, MAX_MEMBER_IDS, &errs) != 0) {
        json_decref(ids);
        *ret = respond_field_errors(req, &errs);
        return NULL;
    }
    return ids;
}

static int change_members(request *req, int add) {
    int ret;
    json_t *ids = member_ids(req, &ret);
    if (!ids) return ret;
    size_t bad = json_array_size(ids); /* set to an index only when a user is unknown; else the group is */
    store_status s = store_group_members_change(req->cfg->st, req->caller.org_id, request_param(req, 0), ids, add, &bad);
    if (s == STORE_NOT_FOUND && bad < json_array_size(ids)) {
        ret = api_respond_unknown_user(req, "memberIds", ids, bad);
    } else if (s != STORE_OK) {
        ret = respond_store_error(req, s, "group");
    } else {
        ret = respond_json(req, add ? 202 : 200, json_object());
    }
    json_decref(ids);
    return ret;
}

static int add_members(request *req) { return change_members(req, 1); }
static int remove_members(request *req) { return change_members(req, 0); }

const route api_group_routes[] = {
    {"GET", GROUPS, list_groups, 0, "directory:group:view"},
    {"POST", GROUPS, create_group, ROUTE_JSON_BODY, "directory:group:add"},
    {"GET", GROUPS "/{id}", get_group, 0, "directory:group:view"},
    {"PATCH", GROUPS "/{id}", patch_group, ROUTE_JSON_BODY, "directory:group:edit"},
    {"PUT", GROUPS "/{id}", patch_group, ROUTE_JSON_BODY, "directory:group:edit"}, /* as Genesys updates groups */
    {"DELETE", GROUPS "/{id}", delete_group, 0, "directory:group:delete"},
    {"GET", GROUPS "/{id}/members", list_members, 0, "directory:group:view"},
    {"POST", GROUPS "/{id}/members", add_members, ROUTE_JSON_BODY, "directory:group:edit"},
    {"DELETE", GROUPS "/{id}/members", remove_members, 0, "directory:group:edit"},
    {0},
};
