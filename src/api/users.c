/* /api/v2/users: the people of an organization. */
#include "api/api.h"
#include "core/input.h"
#include "lib/password.h"

#include <string.h>

#define USERS "/api/v2/users"

static json_t *user_out(json_t *user) {
    json_object_set_new(user, "state", json_string("active"));
    return api_with_self_uri(user, USERS);
}

static int list_users(request *req) {
    store_page page;
    int ret = api_paging(req, &page);
    if (ret >= 0) return ret;
    json_t *entities = NULL;
    int64_t total = 0;
    store_status s = store_user_list(req->cfg->st, req->caller.org_id, page, &entities, &total);
    if (s != STORE_OK) return respond_store_error(req, s, "user");
    size_t i;
    json_t *u;
    json_array_foreach(entities, i, u) user_out(u);
    return respond_json(req, 200, api_listing(entities, total, page, USERS, ""));
}

static int get_user(request *req) {
    json_t *user = NULL;
    store_status s = store_user_get(req->cfg->st, req->caller.org_id, request_param(req, 0), &user);
    if (s != STORE_OK) return respond_store_error(req, s, "user");
    return respond_json(req, 200, user_out(user));
}

/* Reads and checks the writable fields; on create, name and email are required. */
static int read_user_fields(const json_t *body, int creating, store_user_fields *f, char *email_buf, size_t email_len,
                            field_errors *errs) {
    static const char *const allowed[] = {"name", "email", "password", "languageTag", "version", "id", "state", "selfUri", NULL};
    int bad = input_check_keys(body, allowed, "", errs) != 0;
    f->name = creating ? input_required_string(body, "name", errs) : input_optional_string(body, "name", &bad, errs);
    const char *email = creating ? input_required_string(body, "email", errs) : input_optional_string(body, "email", &bad, errs);
    f->password_hash = input_optional_string(body, "password", &bad, errs); /* hashed by the caller */
    f->language_tag = input_optional_string(body, "languageTag", &bad, errs);
    if ((creating || f->name) && input_check_name("name", f->name, errs) != 0) bad = 1;
    if ((creating || email) && input_check_email("email", email, errs) != 0) bad = 1;
    if (f->password_hash && input_check_password("password", f->password_hash, errs) != 0) bad = 1;
    if (f->language_tag && input_check_language_tag("languageTag", f->language_tag, errs) != 0) bad = 1;
    if (email) {
        input_lowercase(email, email_buf, email_len);
        f->email = email_buf;
    }
    return bad || errs->count ? -1 : 0;
}

/* Replaces the plain password in f with its hash (in out). */
static int hash_password(store_user_fields *f, char out[PASSWORD_HASH_LEN]) {
    if (!f->password_hash) return 0;
    if (password_hash(f->password_hash, out) != 0) return -1;
    f->password_hash = out;
    return 0;
}

static int write_user(request *req, int creating) {
    field_errors errs;
    field_errors_init(&errs);
    if (!json_is_object(req->json)) return respond_error(req, 400, "bad.request", "The body must be a JSON object");
    store_user_fields f = {0};
    char email[256], hash[PASSWORD_HASH_LEN];
    if (read_user_fields(req->json, creating, &f, email, sizeof email, &errs) != 0) return respond_field_errors(req, &errs);
    json_t *version = json_object_get(req->json, "version");
    if (version && !json_is_integer(version)) {
        field_errors_add(&errs, "version", "invalid.value", "version: must be a whole number");
        return respond_field_errors(req, &errs);
    }
    if (hash_password(&f, hash) != 0) return respond_store_error(req, STORE_ERROR, "user");
    json_t *user = NULL;
    store_status s = creating ? store_user_create(req->cfg->st, req->caller.org_id, &f, &user)
                              : store_user_update(req->cfg->st, req->caller.org_id, request_param(req, 0),
                                                  json_integer_value(version), &f, &user);
    if (s == STORE_CONFLICT)
        return respond_error(req, 409, "conflict", "A user with the e-mail %s already exists in this organization", f.email);
    if (s != STORE_OK) return respond_store_error(req, s, "user");
    return respond_json(req, 200, user_out(user));
}

static int create_user(request *req) { return write_user(req, 1); }
static int patch_user(request *req) { return write_user(req, 0); }

static int delete_user(request *req) {
    store_status s = store_user_delete(req->cfg->st, req->caller.org_id, request_param(req, 0));
    if (s != STORE_OK) return respond_store_error(req, s, "user");
    return respond_empty(req, 204, NULL, 0);
}

const route api_user_routes[] = {
    {"GET", USERS, list_users, 0, "directory:user:view"},
    {"POST", USERS, create_user, ROUTE_JSON_BODY, "directory:user:add"},
    {"GET", USERS "/{id}", get_user, 0, "directory:user:view"},
    {"PATCH", USERS "/{id}", patch_user, ROUTE_JSON_BODY, "directory:user:edit"},
    {"DELETE", USERS "/{id}", delete_user, 0, "directory:user:delete"},
    {0},
};
