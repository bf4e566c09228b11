/* Every JSON request body: parsed as the router parses it (json_loadb with
 * JSON_REJECT_DUPLICATES), then handed to each validator of src/core the
 * handlers use — the input_* checks of users, groups, login and id lists,
 * permission policies of roles, a client app's properties and advanced
 * config, and type manifests. Every check must agree with the problems it
 * records, and every problem must be sendable in an ErrorBody (valid UTF-8,
 * message starting with its field). */
#include "core/clientapp_config.h"
#include "core/input.h"
#include "core/integration_type.h"
#include "core/permission.h"
#include "fuzz_util.h"

/* A group lookup that knows every id starting with "g": "go..." is official. */
static int lookup(void *ctx, const char *id, char *type, size_t type_len, char *name, size_t name_len) {
    (void)ctx;
    if (id[0] != 'g') return 0;
    snprintf(type, type_len, "%s", id[1] == 'o' ? "official" : "social");
    snprintf(name, name_len, "%s", id);
    return 1;
}

static void check_errors(const field_errors *errs, int from, int rc) {
    FUZZ_ASSERT(rc == 0 || rc == -1);
    FUZZ_ASSERT(rc == 0 ? errs->count == from : errs->count > from || errs->count == FIELD_ERRORS_MAX);
    for (int i = from; i < errs->count; i++) {
        const field_error *e = &errs->items[i];
        json_t *sendable = json_pack("{s:s, s:s, s:s}", "f", e->field, "c", e->code, "m", e->message);
        FUZZ_ASSERT(sendable != NULL);
        json_decref(sendable);
        size_t n = strlen(e->field); /* a field cut to fit may end in a repaired '?' */
        if (n + 4 < sizeof e->field) FUZZ_ASSERT(strncmp(e->message, e->field, n) == 0);
    }
}

#define CHECK(errs, call)                              \
    do {                                               \
        int from_ = (errs)->count;                     \
        check_errors((errs), from_, (call) ? -1 : 0);  \
    } while (0)

/* What users, groups, roles and login do with the top-level members. */
static void check_plain_fields(const json_t *body) {
    static const char *const allowed[] = {"name", "email", "password", "languageTag", "type", "description", NULL};
    field_errors errs;
    field_errors_init(&errs);
    int bad = 0;
    CHECK(&errs, input_check_keys(body, allowed, "", &errs));
    const char *name = input_required_string(body, "name", &errs);
    const char *email = input_optional_string(body, "email", &bad, &errs);
    const char *type = input_optional_string(body, "type", &bad, &errs);
    if (name) CHECK(&errs, input_check_name("name", name, &errs));
    if (email) {
        CHECK(&errs, input_check_email("email", email, &errs));
        char lower[256];
        input_lowercase(email, lower, sizeof lower);
        FUZZ_ASSERT(strlen(lower) < sizeof lower);
    }
    const char *description = input_optional_string(body, "description", &bad, &errs);
    const char *password = input_optional_string(body, "password", &bad, &errs);
    const char *language = input_optional_string(body, "languageTag", &bad, &errs);
    CHECK(&errs, input_check_group_type("type", type, &errs));
    CHECK(&errs, input_check_description("description", description, &errs));
    CHECK(&errs, input_check_password("password", password, &errs));
    CHECK(&errs, input_check_language_tag("languageTag", language, &errs));
    CHECK(&errs, input_check_id_list("memberIds", json_object_get(body, "memberIds"), 500, &errs));
}

/* Every string anywhere in the first two levels through every string check. */
static void check_each_string(const json_t *value) {
    const char *s = json_string_value(value);
    if (!s) return;
    field_errors errs;
    field_errors_init(&errs);
    CHECK(&errs, input_check_name("name", s, &errs));
    CHECK(&errs, input_check_email("email", s, &errs));
    CHECK(&errs, input_check_language_tag("languageTag", s, &errs));
    CHECK(&errs, input_check_group_type("type", s, &errs));
}

static void check_strings(const json_t *body) {
    const char *key;
    json_t *v;
    size_t i;
    if (json_is_array(body)) json_array_foreach(body, i, v) check_each_string(v);
    if (json_is_object(body)) json_object_foreach((json_t *)body, key, v) check_each_string(v);
}

static void check_roles(const json_t *body) {
    field_errors errs;
    field_errors_init(&errs);
    CHECK(&errs, permission_policies_validate(json_object_get(body, "permissionPolicies"), &errs));
    CHECK(&errs, permission_policies_validate(body, &errs));
    CHECK(&errs, input_check_id_list("userIds", body, 500, &errs));
}

static void check_clientapp(const json_t *body) {
    const url_policy policies[] = {{0}, {1}};
    const json_t *props = json_object_get(body, "properties");
    const json_t *adv = json_object_get(body, "advanced");
    int valid = 0;
    for (int p = 0; p < 2; p++) {
        field_errors errs;
        field_errors_init(&errs);
        CHECK(&errs, clientapp_properties_validate(props ? props : body, &policies[p], lookup, NULL, &errs));
        valid = errs.count == 0;
        CHECK(&errs, clientapp_advanced_validate(adv ? adv : body, &policies[p], &errs));
        CHECK(&errs, clientapp_ready_to_activate(props ? props : body, &policies[p], &errs));
    }
    /* What the shell applies to saved (valid) properties is complete and clean. */
    json_t *effective = clientapp_effective_properties(props ? props : body);
    FUZZ_ASSERT(effective != NULL);
    if (valid) {
        field_errors errs;
        field_errors_init(&errs);
        FUZZ_ASSERT(json_is_string(json_object_get(effective, "sandbox")));
        FUZZ_ASSERT(json_is_string(json_object_get(effective, "permissions")));
        FUZZ_ASSERT(json_is_array(json_object_get(effective, "groups")));
        CHECK(&errs, clientapp_properties_validate(effective, &policies[1], lookup, NULL, &errs));
        FUZZ_ASSERT(errs.count == 0);
    }
    json_decref(effective);
}

static void check_manifest(const json_t *body) {
    field_errors errs;
    field_errors_init(&errs);
    int valid = integration_type_manifest_validate(body, &errs) == 0;
    check_errors(&errs, 0, valid ? 0 : -1);
    if (!valid) return;
    json_t *api = integration_type_to_api(body, NULL);
    FUZZ_ASSERT(api != NULL);
    json_decref(api);
    const char *const licenses[] = {"clientapps"};
    char why[512];
    if (!integration_type_installable(body, 1, licenses, 1, why, sizeof why)) FUZZ_ASSERT(why[0] != '\0');
    json_decref(integration_type_properties_schema(body));
    json_decref(integration_type_advanced_schema(body));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    json_error_t err;
    json_t *body = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &err);
    if (!body) return 0;
    /* What the server sends back must parse again to the same document. */
    char *text = json_dumps(body, JSON_COMPACT);
    FUZZ_ASSERT(text != NULL);
    json_t *again = json_loads(text, JSON_REJECT_DUPLICATES, NULL);
    FUZZ_ASSERT(again != NULL && json_equal(body, again));
    json_decref(again);
    free(text);

    if (json_is_object(body)) check_plain_fields(body);
    check_strings(body);
    check_roles(body);
    check_clientapp(body);
    check_manifest(body);
    json_decref(body);
    return 0;
}
