/* /api/v2/authorization/roles: roles, their permission policies and users. */
#include "api/api.h"
#include "core/input.h"
#include "core/permission.h"
#include "core/permission_catalog.h"

#include <stdio.h>

#define ROLES "/api/v2/authorization/roles"
#define MAX_ROLE_USERS 500

static int list_roles(request *req) {
    store_page page;
    int ret = api_paging(req, &page);
    if (ret >= 0) return ret;
    json_t *entities = NULL;
    int64_t total = 0;
    store_status s = store_role_list(req->cfg->st, req->caller.org_id, page, &entities, &total);
    if (s != STORE_OK) return respond_store_error(req, s, "role");
    size_t i;
    json_t *r;
    json_array_foreach(entities, i, r) api_with_self_uri(r, ROLES);
    return respond_json(req, 200, api_listing(entities, total, page, ROLES, ""));
}

static int get_role(request *req) {
    json_t *role = NULL;
    store_status s = store_role_get(req->cfg->st, req->caller.org_id, request_param(req, 0), &role);
    if (s != STORE_OK) return respond_store_error(req, s, "role");
    return respond_json(req, 200, api_with_self_uri(role, ROLES));
}

static int write_role(request *req, int creating) {
    field_errors errs;
    field_errors_init(&errs);
    if (!json_is_object(req->json)) return respond_error(req, 400, "bad.request", "The body must be a JSON object");
    static const char *const allowed[] = {"name", "description", "permissionPolicies", "permissions", "id", "selfUri",
                                          "userCount", "default", "base", NULL};
    int bad = input_check_keys(req->json, allowed, "", &errs) != 0;
    const char *name = input_required_string(req->json, "name", &errs);
    const char *description = input_optional_string(req->json, "description", &bad, &errs);
    json_t *policies = json_object_get(req->json, "permissionPolicies");
    if (input_check_name("name", name, &errs) != 0) bad = 1;
    if (input_check_description("description", description, &errs) != 0) bad = 1;
    if (!policies) policies = json_array();
    else json_incref(policies);
    if (permission_policies_validate(policies, &errs) != 0) bad = 1;
    int ret;
    if (bad || errs.count) {
        ret = respond_field_errors(req, &errs);
    } else {
        json_t *role = NULL;
        store_status s = creating ? store_role_create(req->cfg->st, req->caller.org_id, name, description, policies, &role)
                                  : store_role_update(req->cfg->st, req->caller.org_id, request_param(req, 0), name,
                                                      description, policies, &role);
        if (s == STORE_CONFLICT) ret = respond_error(req, 409, "conflict", "A role named \"%s\" already exists", name);
        else if (s != STORE_OK) ret = respond_store_error(req, s, "role");
        else ret = respond_json(req, 200, api_with_self_uri(role, ROLES));
    }
    json_decref(policies);
    return ret;
}

static int create_role(request *req) { return write_role(req, 1); }
static int put_role(request *req) { return write_role(req, 0); }

static int delete_role(request *req) {
    json_t *role = NULL;
    store_status s = store_role_get(req->cfg->st, req->caller.org_id, request_param(req, 0), &role);
    int builtin = s == STORE_OK && json_is_true(json_object_get(role, "base"));
    json_decref(role);
    if (builtin) return respond_error(req, 400, "bad.request", "A built-in role cannot be deleted");
    if (s == STORE_OK) s = store_role_delete(req->cfg->st, req->caller.org_id, request_param(req, 0));
    if (s != STORE_OK) return respond_store_error(req, s, "role");
    return respond_empty(req, 204, NULL, 0);
}

static int list_role_users(request *req) { return api_list_members(req, store_role_users, ROLES, "users", "role"); }

static int change_role_users(request *req, int add) {
    field_errors errs;
    field_errors_init(&errs);
    if (input_check_id_list("userIds", req->json, MAX_ROLE_USERS, &errs) != 0) return respond_field_errors(req, &errs);
    size_t bad = json_array_size(req->json); /* set to an index only when a user is unknown; else the role is */
    store_status s = store_role_members_change(req->cfg->st, req->caller.org_id, request_param(req, 0), req->json, add, &bad);
    if (s == STORE_NOT_FOUND && bad < json_array_size(req->json))
        return api_respond_unknown_user(req, "userIds", req->json, bad);
    if (s != STORE_OK) return respond_store_error(req, s, "role");
    return respond_json(req, 200, json_incref(req->json));
}

static int add_role_users(request *req) { return change_role_users(req, 1); }
static int remove_role_users(request *req) { return change_role_users(req, 0); }

static int list_permissions(request *req) {
    json_t *entities = permission_catalog();
    size_t n = json_array_size(entities);
    return respond_json(req, 200, json_pack("{s:o, s:i, s:i, s:i, s:i}", "entities", entities, "pageSize", (int)n,
                                            "pageNumber", 1, "total", (int)n, "pageCount", 1));
}

const route api_role_routes[] = {
    {"GET", ROLES, list_roles, 0, "authorization:role:view"},
    {"POST", ROLES, create_role, ROUTE_JSON_BODY, "authorization:role:add"},
    {"GET", ROLES "/{id}", get_role, 0, "authorization:role:view"},
    {"PUT", ROLES "/{id}", put_role, ROUTE_JSON_BODY, "authorization:role:edit"},
    {"DELETE", ROLES "/{id}", delete_role, 0, "authorization:role:delete"},
    {"GET", ROLES "/{id}/users", list_role_users, 0, "authorization:role:view"},
    {"PUT", ROLES "/{id}/users/add", add_role_users, ROUTE_JSON_BODY, "authorization:role:edit"},
    {"PUT", ROLES "/{id}/users/remove", remove_role_users, ROUTE_JSON_BODY, "authorization:role:edit"},
    {"GET", "/api/v2/authorization/permissions", list_permissions, 0, "authorization:role:view"},
    {0},
};
