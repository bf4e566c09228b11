#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/clientapp_config.h"
#include "field_errors_assert.h"

static const url_policy HTTPS_ONLY = {0};
static const url_policy DEV = {1};

/* ---- a fake organization's groups ---- */

typedef struct {
    const char *id, *type, *name;
} fake_group;

static const fake_group GROUPS[] = {
    {"g-support", "official", "Support"},
    {"g-sales", "official", "Sales"},
    {"g-chat", "social", "Sales chat"},
    {"g-list", "distribution", "All staff list"},
};

typedef struct {
    int lookups;
} lookup_log;

static int lookup_group(void *ctx, const char *id, char *type, size_t type_len, char *name,
                        size_t name_len) {
    ((lookup_log *)ctx)->lookups++;
    for (size_t i = 0; i < sizeof GROUPS / sizeof GROUPS[0]; i++) {
        if (strcmp(GROUPS[i].id, id) != 0) continue;
        snprintf(type, type_len, "%s", GROUPS[i].type);
        snprintf(name, name_len, "%s", GROUPS[i].name);
        return 1;
    }
    /* ids "official-N" stand for many official groups */
    if (strncmp(id, "official-", 9) != 0) return 0;
    snprintf(type, type_len, "official");
    snprintf(name, name_len, "Group %s", id + 9);
    return 1;
}

static json_t *parse(const char *text) {
    json_error_t error;
    json_t *value = json_loads(text, JSON_DECODE_ANY, &error);
    if (!value) fprintf(stderr, "bad test JSON: %s: %s\n", text, error.text);
    assert_non_null(value);
    return value;
}

/* Validates properties given as JSON text; errs receives the problems. */
static int validate_props(const char *text, const url_policy *policy, field_errors *errs) {
    json_t *props = parse(text);
    lookup_log log = {0};
    field_errors_init(errs);
    int rc = clientapp_properties_validate(props, policy, lookup_group, &log, errs);
    json_decref(props);
    assert_true(rc == 0 ? errs->count == 0 : errs->count > 0);
    return rc;
}

static void assert_props_ok(const char *text, const url_policy *policy) {
    field_errors errs;
    int rc = validate_props(text, policy, &errs);
    if (rc != 0) errs_print(&errs);
    assert_int_equal(rc, 0);
}

static void assert_props_refused(const char *text, const char *field, const char *code,
                                 const char *fragment) {
    field_errors errs;
    assert_int_equal(validate_props(text, &HTTPS_ONLY, &errs), -1);
    assert_error(&errs, field, code, fragment);
}

/* ---- properties ---- */

static void accepts_a_full_configuration(void **state) {
    (void)state;
    assert_props_ok("{\"url\": \"https://apps.example.com/?lang={{gcLangTag}}\","
                    " \"displayType\": \"widget\", \"featureCategory\": \"directory\","
                    " \"sandbox\": \"allow-scripts,allow-same-origin,allow-forms,allow-modals,"
                    "allow-popups,allow-presentation,allow-downloads\","
                    " \"permissions\": \"camera,microphone,geolocation,clipboard-write,fullscreen,"
                    "display-capture\", \"groups\": [\"g-support\", \"g-sales\"]}",
                    &HTTPS_ONLY);
    assert_props_ok("{}", &HTTPS_ONLY);
}

static void refuses_non_objects_and_unknown_keys(void **state) {
    (void)state;
    assert_props_refused("[]", "properties", "invalid.value", "must be a JSON object");
    assert_props_refused("\"x\"", "properties", "invalid.value", "must be a JSON object");
    assert_props_refused("{\"foo\": 1}", "properties.foo", "invalid.value", "unknown property");
    assert_props_refused("{\"URL\": \"https://x.com\"}", "properties.URL", "invalid.value",
                         "allowed: url, displayType");
    field_errors errs;
    field_errors_init(&errs);
    lookup_log log = {0};
    assert_int_equal(clientapp_properties_validate(NULL, NULL, lookup_group, &log, &errs), -1);
    assert_error(&errs, "properties", "invalid.value", "JSON object");
}

static void url_may_be_empty_until_activation(void **state) {
    (void)state;
    assert_props_ok("{\"url\": \"\"}", &HTTPS_ONLY);
    assert_props_ok("{\"displayType\": \"standalone\"}", &HTTPS_ONLY);
}

static void url_follows_the_url_rules(void **state) {
    (void)state;
    assert_props_refused("{\"url\": \"http://example.com/\"}", "properties.url", "invalid.value",
                         "must start with https: (http: is allowed only for localhost");
    assert_props_refused("{\"url\": \"javascript:alert(1)\"}", "properties.url", "invalid.value",
                         "\"javascript:\" scheme is not allowed");
    assert_props_refused("{\"url\": 42}", "properties.url", "invalid.value", "must be a string");
    assert_props_refused("{\"url\": null}", "properties.url", "invalid.value", "must be a string");
    assert_props_ok("{\"url\": \"http://localhost:3000/\"}", &DEV);
}

static void display_type_and_category_are_enums(void **state) {
    (void)state;
    assert_props_ok("{\"displayType\": \"standalone\", \"featureCategory\": \"\"}", &HTTPS_ONLY);
    assert_props_ok("{\"displayType\": \"widget\", \"featureCategory\": \"contactCenterInsights\"}",
                    &HTTPS_ONLY);
    assert_props_refused("{\"displayType\": \"fullscreen\"}", "properties.displayType",
                         "invalid.value", "must be \"standalone\"");
    assert_props_refused("{\"displayType\": \"Widget\"}", "properties.displayType", "invalid.value",
                         "\"widget\" (sidebar tab)");
    assert_props_refused("{\"displayType\": true}", "properties.displayType", "invalid.value",
                         "must be a string");
    assert_props_refused("{\"featureCategory\": \"apps\"}", "properties.featureCategory",
                         "invalid.value", "\"contactCenterInsights\" (Performance menu)");
    assert_props_refused("{\"featureCategory\": null}", "properties.featureCategory",
                         "invalid.value", "must be a string");
}

static void sandbox_takes_listed_options_once(void **state) {
    (void)state;
    assert_props_ok("{\"sandbox\": \"\"}", &HTTPS_ONLY);
    assert_props_ok("{\"sandbox\": \"  \"}", &HTTPS_ONLY);
    assert_props_ok("{\"sandbox\": \" allow-scripts ,\\tallow-forms \"}", &HTTPS_ONLY);
    assert_props_ok("{\"sandbox\": \"allow-downloads\"}", &HTTPS_ONLY);
    assert_props_refused("{\"sandbox\": \"allow-scripts,allow-top-navigation\"}", "properties.sandbox",
                         "invalid.value",
                         "\"allow-top-navigation\" is not an allowed option; use a comma-separated "
                         "list of: allow-forms, allow-modals");
    assert_props_refused("{\"sandbox\": \"allow-scripts allow-forms\"}", "properties.sandbox",
                         "invalid.value", "\"allow-scripts allow-forms\" is not an allowed option");
    assert_props_refused("{\"sandbox\": \"Allow-Scripts\"}", "properties.sandbox", "invalid.value",
                         "not an allowed option");
    assert_props_refused("{\"sandbox\": \"allow-scripts, allow-forms,allow-scripts\"}",
                         "properties.sandbox", "invalid.value", "\"allow-scripts\" is listed twice");
    assert_props_refused("{\"sandbox\": \"allow-scripts,,allow-forms\"}", "properties.sandbox",
                         "invalid.value", "empty item");
    assert_props_refused("{\"sandbox\": \"allow-scripts,\"}", "properties.sandbox", "invalid.value",
                         "empty item");
    assert_props_refused("{\"sandbox\": [\"allow-scripts\"]}", "properties.sandbox", "invalid.value",
                         "must be a string");
}

static void a_nul_inside_a_string_is_refused(void **state) {
    (void)state;
    json_t *props = json_object();
    assert_int_equal(json_object_set_new(props, "sandbox", json_stringn("allow-forms\0evil", 16)), 0);
    field_errors errs;
    field_errors_init(&errs);
    assert_int_equal(clientapp_properties_validate(props, NULL, NULL, NULL, &errs), -1);
    assert_error(&errs, "properties.sandbox", "invalid.value", "must not contain NUL characters");
    json_decref(props);
}

static void permissions_take_listed_features_once(void **state) {
    (void)state;
    assert_props_ok("{\"permissions\": null}", &HTTPS_ONLY);
    assert_props_ok("{\"permissions\": \"\"}", &HTTPS_ONLY);
    assert_props_ok("{\"permissions\": \"camera, microphone\"}", &HTTPS_ONLY);
    assert_props_refused("{\"permissions\": \"camera,usb\"}", "properties.permissions",
                         "invalid.value", "\"usb\" is not an allowed feature; use a comma-separated list of: camera");
    assert_props_refused("{\"permissions\": \"camera,camera\"}", "properties.permissions",
                         "invalid.value", "\"camera\" is listed twice");
    assert_props_refused("{\"permissions\": [\"camera\"]}", "properties.permissions",
                         "invalid.value", "must be a string or null");
}

static void groups_must_be_official_groups_of_the_org(void **state) {
    (void)state;
    assert_props_ok("{\"groups\": []}", &HTTPS_ONLY);
    assert_props_ok("{\"groups\": [\"g-support\"]}", &HTTPS_ONLY);
    assert_props_refused("{\"groups\": [\"g-support\", \"g-chat\"]}", "properties.groups", "invalid.value",
                         "\"Sales chat\" is a social group; only official groups can see a custom "
                         "client application");
    assert_props_refused("{\"groups\": [\"g-list\"]}", "properties.groups", "invalid.value",
                         "\"All staff list\" is a distribution group; only official groups");
    assert_props_refused("{\"groups\": [\"g-gone\"]}", "properties.groups", "invalid.value",
                         "no group with id \"g-gone\" in this organization");
    assert_props_refused("{\"groups\": [\"g-sales\", \"g-sales\"]}", "properties.groups",
                         "invalid.value", "group \"g-sales\" is listed twice");
    assert_props_refused("{\"groups\": \"g-sales\"}", "properties.groups", "invalid.value",
                         "must be an array of group ids");
    assert_props_refused("{\"groups\": [\"g-sales\", 7]}", "properties.groups", "invalid.value",
                         "item 2 must be a group id");
    assert_props_refused("{\"groups\": [\"\"]}", "properties.groups", "invalid.value",
                         "item 1 must be a group id");
}

/* {"groups": ["official-0", ..., "official-(n-1)"]} */
static json_t *many_groups(size_t n) {
    json_t *groups = json_array();
    for (size_t i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "official-%zu", i);
        assert_int_equal(json_array_append_new(groups, json_string(id)), 0);
    }
    return json_pack("{s:o}", "groups", groups);
}

static void groups_are_limited_to_500(void **state) {
    (void)state;
    field_errors errs;
    lookup_log log = {0};
    json_t *props = many_groups(CLIENTAPP_GROUPS_MAX);
    field_errors_init(&errs);
    assert_int_equal(clientapp_properties_validate(props, NULL, lookup_group, &log, &errs), 0);
    assert_int_equal(log.lookups, CLIENTAPP_GROUPS_MAX);
    json_decref(props);
    props = many_groups(CLIENTAPP_GROUPS_MAX + 1);
    field_errors_init(&errs);
    assert_int_equal(clientapp_properties_validate(props, NULL, lookup_group, &log, &errs), -1);
    assert_error(&errs, "properties.groups", "invalid.value", "at most 500 groups");
    json_decref(props);
}

static void without_lookup_no_group_exists(void **state) {
    (void)state;
    json_t *props = parse("{\"groups\": [\"g-support\"]}");
    field_errors errs;
    field_errors_init(&errs);
    assert_int_equal(clientapp_properties_validate(props, NULL, NULL, NULL, &errs), -1);
    assert_error(&errs, "properties.groups", "invalid.value", "no group with id \"g-support\"");
    json_decref(props);
}

static void reports_every_problem_and_fails_even_when_errs_is_full(void **state) {
    (void)state;
    field_errors errs;
    assert_int_equal(validate_props("{\"url\": \"ftp://x.com\", \"sandbox\": \"bad\", \"x\": 1}",
                                    &HTTPS_ONLY, &errs),
                     -1);
    assert_int_equal(errs.count, 3);
    assert_error(&errs, "properties.url", "invalid.value", "ftp:");
    assert_error(&errs, "properties.sandbox", "invalid.value", "\"bad\"");
    assert_error(&errs, "properties.x", "invalid.value", "unknown property");

    json_t *props = parse("{\"displayType\": \"nope\"}");
    field_errors_init(&errs);
    for (int i = 0; i < FIELD_ERRORS_MAX; i++) field_errors_add(&errs, "other", "invalid.value", "other: x");
    assert_int_equal(clientapp_properties_validate(props, NULL, NULL, NULL, &errs), -1);
    json_decref(props);
}

/* ---- advanced ---- */

static int validate_adv(const char *text, const url_policy *policy, field_errors *errs) {
    json_t *adv = parse(text);
    field_errors_init(errs);
    int rc = clientapp_advanced_validate(adv, policy, errs);
    json_decref(adv);
    assert_true(rc == 0 ? errs->count == 0 : errs->count > 0);
    return rc;
}

static void assert_adv_ok(const char *text, const url_policy *policy) {
    field_errors errs;
    int rc = validate_adv(text, policy, &errs);
    if (rc != 0) errs_print(&errs);
    assert_int_equal(rc, 0);
}

static void assert_adv_refused(const char *text, const char *field, const char *code,
                               const char *fragment) {
    field_errors errs;
    assert_int_equal(validate_adv(text, &HTTPS_ONLY, &errs), -1);
    assert_error(&errs, field, code, fragment);
}

static void advanced_accepts_a_full_configuration(void **state) {
    (void)state;
    assert_adv_ok("{}", &HTTPS_ONLY);
    assert_adv_ok("{\"i10n\": {\"fr\": {\"name\": \"Mon app\"}, \"en-US\": {\"name\": \"My app\"},"
                  " \"zh-Hant-TW\": {\"name\": \"\xe6\x87\x89\xe7\x94\xa8\"}},"
                  " \"lifecycle\": {\"ephemeral\": true, \"hooks\": {\"bootstrap\": true,"
                  " \"focus\": false, \"blur\": true, \"stop\": true}},"
                  " \"icon\": {\"vector\": \"https://x.com/i.svg\", \"24x24\": \"https://x.com/24.png\","
                  " \"36x36\": \"https://x.com/36.png\", \"48x48\": \"https://x.com/48.png\","
                  " \"72x72\": \"https://x.com/72.png\"},"
                  " \"monochromicIcon\": {\"vector\": \"https://x.com/m.svg\"}}",
                  &HTTPS_ONLY);
}

static void advanced_refuses_unknown_keys_at_every_level(void **state) {
    (void)state;
    assert_adv_refused("[]", "advanced", "invalid.value", "must be a JSON object");
    assert_adv_refused("{\"colour\": 1}", "advanced.colour", "invalid.value", "unknown property");
    assert_adv_refused("{\"lifecycle\": {\"persistent\": true}}", "advanced.lifecycle.persistent",
                       "invalid.value", "unknown property");
    assert_adv_refused("{\"lifecycle\": {\"hooks\": {\"load\": true}}}",
                       "advanced.lifecycle.hooks.load", "invalid.value", "allowed: bootstrap, focus, blur, stop");
    assert_adv_refused("{\"icon\": {\"16x16\": \"https://x.com/16.png\"}}", "advanced.icon.16x16",
                       "invalid.value", "unknown property");
    assert_adv_refused("{\"i10n\": {\"fr\": {\"name\": \"A\", \"title\": \"B\"}}}",
                       "advanced.i10n.fr.title", "invalid.value", "unknown property");
}

static void i10n_maps_language_tags_to_names(void **state) {
    (void)state;
    assert_adv_refused("{\"i10n\": []}", "advanced.i10n", "invalid.value", "must be a JSON object");
    assert_adv_refused("{\"i10n\": {\"english\": {\"name\": \"A\"}}}", "advanced.i10n",
                       "invalid.value", "\"english\" is not a language tag like \"en-us\" or \"fr\"");
    assert_adv_refused("{\"i10n\": {\"e\": {\"name\": \"A\"}}}", "advanced.i10n", "invalid.value",
                       "not a language tag");
    assert_adv_refused("{\"i10n\": {\"en-\": {\"name\": \"A\"}}}", "advanced.i10n", "invalid.value",
                       "not a language tag");
    assert_adv_refused("{\"i10n\": {\"en_us\": {\"name\": \"A\"}}}", "advanced.i10n", "invalid.value",
                       "not a language tag");
    assert_adv_refused("{\"i10n\": {\"fr\": \"Mon app\"}}", "advanced.i10n.fr", "invalid.value",
                       "must be a JSON object");
    assert_adv_refused("{\"i10n\": {\"fr\": {}}}", "advanced.i10n.fr.name", "missing.value",
                       "give the app's name in this language");
    assert_adv_refused("{\"i10n\": {\"fr\": {\"name\": \"\"}}}", "advanced.i10n.fr.name",
                       "invalid.value", "must be 1 to 200 characters");
    assert_adv_refused("{\"i10n\": {\"fr\": {\"name\": \" \\t\"}}}", "advanced.i10n.fr.name",
                       "invalid.value", "not only spaces");
    assert_adv_refused("{\"i10n\": {\"fr\": {\"name\": 5}}}", "advanced.i10n.fr.name",
                       "invalid.value", "must be a string");
}

/* {"i10n": {"fr": {"name": n copies of `ch`}}} */
static json_t *i10n_with_name(const char *ch, size_t n) {
    size_t len = strlen(ch);
    char *name = malloc(n * len + 1);
    assert_non_null(name);
    for (size_t i = 0; i < n; i++) memcpy(name + i * len, ch, len);
    name[n * len] = '\0';
    json_t *adv = json_pack("{s:{s:{s:s}}}", "i10n", "fr", "name", name);
    free(name);
    assert_non_null(adv);
    return adv;
}

static void localized_names_count_characters_not_bytes(void **state) {
    (void)state;
    field_errors errs;
    json_t *adv = i10n_with_name("\xc3\xa9", CLIENTAPP_LOCALIZED_NAME_MAX); /* 200 x "é" */
    field_errors_init(&errs);
    assert_int_equal(clientapp_advanced_validate(adv, NULL, &errs), 0);
    json_decref(adv);
    adv = i10n_with_name("a", CLIENTAPP_LOCALIZED_NAME_MAX + 1);
    field_errors_init(&errs);
    assert_int_equal(clientapp_advanced_validate(adv, NULL, &errs), -1);
    assert_error(&errs, "advanced.i10n.fr.name", "invalid.value", "must be 1 to 200 characters");
    json_decref(adv);
}

static void lifecycle_flags_are_booleans(void **state) {
    (void)state;
    assert_adv_refused("{\"lifecycle\": true}", "advanced.lifecycle", "invalid.value",
                       "must be a JSON object");
    assert_adv_refused("{\"lifecycle\": {\"ephemeral\": \"yes\"}}", "advanced.lifecycle.ephemeral",
                       "invalid.value", "must be true or false");
    assert_adv_refused("{\"lifecycle\": {\"hooks\": {\"bootstrap\": 1}}}",
                       "advanced.lifecycle.hooks.bootstrap", "invalid.value", "must be true or false");
    assert_adv_refused("{\"lifecycle\": {\"hooks\": {\"stop\": null}}}", "advanced.lifecycle.hooks.stop",
                       "invalid.value", "must be true or false");
    assert_adv_refused("{\"lifecycle\": {\"hooks\": [\"bootstrap\"]}}", "advanced.lifecycle.hooks",
                       "invalid.value", "must be a JSON object");
}

static void icons_follow_the_url_rules(void **state) {
    (void)state;
    assert_adv_refused("{\"icon\": {\"48x48\": \"javascript:alert(1)\"}}", "advanced.icon.48x48",
                       "invalid.value", "\"javascript:\" scheme is not allowed");
    assert_adv_refused("{\"monochromicIcon\": {\"vector\": \"http://localhost/i.svg\"}}",
                       "advanced.monochromicIcon.vector", "invalid.value", "must start with https:");
    assert_adv_refused("{\"icon\": {\"vector\": \"\"}}", "advanced.icon.vector", "missing.value",
                       "missing");
    assert_adv_refused("{\"icon\": {\"vector\": 3}}", "advanced.icon.vector", "invalid.value",
                       "must be a string");
    assert_adv_refused("{\"icon\": \"https://x.com/i.svg\"}", "advanced.icon", "invalid.value",
                       "must be a JSON object");
    assert_adv_ok("{\"monochromicIcon\": {\"vector\": \"http://localhost/i.svg\"}}", &DEV);
}

/* ---- activation ---- */

static void activation_needs_a_valid_url(void **state) {
    (void)state;
    const char *why = "properties.url: set a valid Application URL before activating the app";
    const char *no_url[] = {"{}", "{\"url\": \"\"}", "{\"url\": 7}", "[]"};
    for (size_t i = 0; i < sizeof no_url / sizeof no_url[0]; i++) {
        json_t *props = parse(no_url[i]);
        field_errors errs;
        field_errors_init(&errs);
        assert_int_equal(clientapp_ready_to_activate(props, &DEV, &errs), -1);
        assert_int_equal(errs.count, 1);
        assert_error(&errs, "properties.url", "missing.value", why);
        json_decref(props);
    }
    field_errors errs;
    field_errors_init(&errs);
    assert_int_equal(clientapp_ready_to_activate(NULL, &DEV, &errs), -1);
    assert_error(&errs, "properties.url", "missing.value", why);
}

static void activation_rechecks_the_url_under_the_current_policy(void **state) {
    (void)state;
    json_t *props = parse("{\"url\": \"http://localhost:3000/\"}");
    field_errors errs;
    field_errors_init(&errs);
    assert_int_equal(clientapp_ready_to_activate(props, &DEV, &errs), 0);
    assert_int_equal(errs.count, 0);
    assert_int_equal(clientapp_ready_to_activate(props, &HTTPS_ONLY, &errs), -1);
    assert_int_equal(errs.count, 1);
    assert_error(&errs, "properties.url", "invalid.value",
                 "before activating the app: must start with https:");
    json_decref(props);
    props = parse("{\"url\": \"https://apps.example.com/\"}");
    field_errors_init(&errs);
    assert_int_equal(clientapp_ready_to_activate(props, &HTTPS_ONLY, &errs), 0);
    json_decref(props);
}

/* ---- effective properties ---- */

static void assert_json_string(const json_t *obj, const char *key, const char *expected) {
    const json_t *value = json_object_get(obj, key);
    assert_true(json_is_string(value));
    assert_string_equal(json_string_value(value), expected);
}

static void effective_applies_defaults(void **state) {
    (void)state;
    json_t *props = parse("{\"url\": \"https://x.com/\"}");
    json_t *eff = clientapp_effective_properties(props);
    assert_non_null(eff);
    assert_json_string(eff, "url", "https://x.com/");
    assert_json_string(eff, "displayType", "standalone");
    assert_json_string(eff, "featureCategory", "");
    assert_json_string(eff, "sandbox", "allow-scripts,allow-same-origin,allow-forms,allow-modals");
    assert_json_string(eff, "permissions", "");
    assert_true(json_is_array(json_object_get(eff, "groups")));
    assert_int_equal(json_array_size(json_object_get(eff, "groups")), 0);
    assert_null(json_object_get(props, "displayType")); /* the input is not changed */
    json_decref(eff);
    json_decref(props);
    eff = clientapp_effective_properties(NULL);
    assert_non_null(eff);
    assert_json_string(eff, "sandbox", CLIENTAPP_DEFAULT_SANDBOX);
    json_decref(eff);
}

static void effective_keeps_given_values_and_trims_lists(void **state) {
    (void)state;
    json_t *props = parse("{\"displayType\": \"widget\", \"featureCategory\": \"directory\","
                          " \"sandbox\": \"\", \"permissions\": null, \"groups\": [\"g-support\"]}");
    json_t *eff = clientapp_effective_properties(props);
    assert_non_null(eff);
    assert_json_string(eff, "displayType", "widget");
    assert_json_string(eff, "featureCategory", "directory");
    assert_json_string(eff, "sandbox", ""); /* explicitly fully sandboxed */
    assert_json_string(eff, "permissions", "");
    assert_string_equal(json_string_value(json_array_get(json_object_get(eff, "groups"), 0)), "g-support");
    json_decref(eff);
    json_decref(props);
    props = parse("{\"sandbox\": \" allow-scripts ,\\tallow-forms \", \"permissions\": \"camera , fullscreen\"}");
    eff = clientapp_effective_properties(props);
    assert_non_null(eff);
    assert_json_string(eff, "sandbox", "allow-scripts,allow-forms");
    assert_json_string(eff, "permissions", "camera,fullscreen");
    json_decref(eff);
    json_decref(props);
}

/* ---- schemas ---- */

static const json_t *path(const json_t *root, const char *const *keys) {
    const json_t *node = root;
    for (size_t i = 0; node && keys[i]; i++) node = json_object_get(node, keys[i]);
    assert_non_null(node);
    return node;
}

static void assert_document(const json_t *doc, const char *id_suffix) {
    const char *id = json_string_value(json_object_get(doc, "id"));
    assert_non_null(id);
    assert_non_null(strstr(id, id_suffix));
    assert_non_null(json_string_value(json_object_get(doc, "$schema")));
    assert_non_null(json_string_value(json_object_get(doc, "title")));
    assert_non_null(json_string_value(json_object_get(doc, "description")));
    assert_string_equal(json_string_value(json_object_get(doc, "type")), "object");
    assert_true(json_is_array(json_object_get(doc, "required")));
    assert_true(json_is_object(json_object_get(doc, "properties")));
    assert_true(json_is_false(json_object_get(doc, "additionalProperties")));
}

static void assert_strings(const json_t *array, const char *const *expected) {
    size_t n = 0;
    while (expected[n]) n++;
    assert_true(json_is_array(array));
    assert_int_equal(json_array_size(array), n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(json_string_value(json_array_get(array, i)), expected[i]);
}

static void properties_schema_titles_and_enums(void **state) {
    (void)state;
    json_t *doc = clientapp_properties_schema();
    assert_non_null(doc);
    assert_document(doc, "/configschemas/properties");
    const json_t *props = json_object_get(doc, "properties");
    const char *titles[][2] = {
        {"url", "Application URL"},         {"displayType", "Application Type"},
        {"featureCategory", "Application Category"}, {"sandbox", "Iframe Sandbox Options"},
        {"permissions", "Iframe Permissions"}, {"groups", "Select Groups"},
    };
    assert_int_equal(json_object_size(props), 6);
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(json_string_value(path(props, (const char *[]){titles[i][0], "title", NULL})),
                            titles[i][1]);
    assert_strings(path(props, (const char *[]){"displayType", "enum", NULL}),
                   (const char *[]){"standalone", "widget", NULL});
    assert_strings(path(props, (const char *[]){"featureCategory", "enum", NULL}),
                   (const char *[]){"", "directory", "contactCenterInsights", NULL});
    assert_strings(path(props, (const char *[]){"sandbox", "x-allowedValues", NULL}), CLIENTAPP_SANDBOX_TOKENS);
    assert_strings(path(props, (const char *[]){"permissions", "x-allowedValues", NULL}),
                   CLIENTAPP_PERMISSION_FEATURES);
    assert_string_equal(json_string_value(path(props, (const char *[]){"sandbox", "default", NULL})),
                        CLIENTAPP_DEFAULT_SANDBOX);
    assert_strings(path(props, (const char *[]){"permissions", "type", NULL}),
                   (const char *[]){"string", "null", NULL});
    assert_int_equal(json_integer_value(path(props, (const char *[]){"groups", "maxItems", NULL})), 500);
    assert_true(json_is_true(path(props, (const char *[]){"groups", "uniqueItems", NULL})));
    assert_int_equal(json_integer_value(path(props, (const char *[]){"url", "maxLength", NULL})),
                     APP_URL_MAX_LENGTH);
    json_decref(doc);
}

/* Every key the schema lists is accepted by the validator, and no other. */
static void properties_schema_keys_match_the_validator(void **state) {
    (void)state;
    json_t *doc = clientapp_properties_schema();
    json_t *sample = parse("{\"url\": \"\", \"displayType\": \"widget\", \"featureCategory\": \"\","
                           " \"sandbox\": \"\", \"permissions\": \"\", \"groups\": []}");
    const char *key;
    json_t *value;
    json_object_foreach(json_object_get(doc, "properties"), key, value) {
        json_t *one = json_pack("{s:O}", key, json_object_get(sample, key));
        field_errors errs;
        field_errors_init(&errs);
        assert_int_equal(clientapp_properties_validate(one, NULL, NULL, NULL, &errs), 0);
        json_decref(one);
    }
    assert_int_equal(json_object_size(sample), json_object_size(json_object_get(doc, "properties")));
    json_decref(sample);
    json_decref(doc);
}

/* The list pattern (read by glibc's ERE engine here) accepts exactly what
 * the validator accepts, apart from repeated items, which a pattern cannot
 * express (the schema's description says so). */
static void sandbox_pattern_agrees_with_the_validator(void **state) {
    (void)state;
    json_t *doc = clientapp_properties_schema();
    const char *pattern = json_string_value(
        path(doc, (const char *[]){"properties", "sandbox", "pattern", NULL}));
    regex_t re;
    assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB), 0);
    const char *samples[] = {"", "  ", "allow-scripts", " allow-scripts ,\tallow-forms ",
                             "allow-popups,allow-presentation,allow-downloads", "allow-scripts,",
                             ",allow-scripts", "allow-scripts,,allow-forms", "allow-script",
                             "allow-scripts allow-forms", "allow-top-navigation", "ALLOW-FORMS"};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        json_t *props = json_pack("{s:s}", "sandbox", samples[i]);
        field_errors errs;
        field_errors_init(&errs);
        int valid = clientapp_properties_validate(props, NULL, NULL, NULL, &errs) == 0;
        int matches = regexec(&re, samples[i], 0, NULL, 0) == 0;
        if (valid != matches) fail_msg("sandbox \"%s\": validator %d, pattern %d", samples[i], valid, matches);
        json_decref(props);
    }
    regfree(&re);
    json_decref(doc);
}

static void advanced_schema_describes_every_level(void **state) {
    (void)state;
    json_t *doc = clientapp_advanced_schema();
    assert_non_null(doc);
    assert_document(doc, "/configschemas/advanced");
    const json_t *props = json_object_get(doc, "properties");
    assert_int_equal(json_object_size(props), 4);
    const json_t *hooks = path(props, (const char *[]){"lifecycle", "properties", "hooks", NULL});
    assert_true(json_is_false(json_object_get(hooks, "additionalProperties")));
    const char *hook_names[] = {"bootstrap", "focus", "blur", "stop"};
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(
            json_string_value(path(hooks, (const char *[]){"properties", hook_names[i], "type", NULL})),
            "boolean");
    assert_int_equal(json_object_size(json_object_get(hooks, "properties")), 4);
    const char *icons[] = {"icon", "monochromicIcon"};
    for (size_t i = 0; i < 2; i++) {
        const json_t *sizes = path(props, (const char *[]){icons[i], "properties", NULL});
        assert_int_equal(json_object_size(sizes), 5);
        assert_non_null(path(sizes, (const char *[]){"72x72", "pattern", NULL}));
        assert_true(json_is_false(path(props, (const char *[]){icons[i], "additionalProperties", NULL})));
    }
    const json_t *name = path(props, (const char *[]){"i10n", "additionalProperties", "properties", "name", NULL});
    assert_int_equal(json_integer_value(json_object_get(name, "maxLength")), CLIENTAPP_LOCALIZED_NAME_MAX);
    assert_non_null(path(props, (const char *[]){"i10n", "propertyNames", "pattern", NULL}));
    json_decref(doc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_a_full_configuration),
        cmocka_unit_test(refuses_non_objects_and_unknown_keys),
        cmocka_unit_test(url_may_be_empty_until_activation),
        cmocka_unit_test(url_follows_the_url_rules),
        cmocka_unit_test(display_type_and_category_are_enums),
        cmocka_unit_test(sandbox_takes_listed_options_once),
        cmocka_unit_test(a_nul_inside_a_string_is_refused),
        cmocka_unit_test(permissions_take_listed_features_once),
        cmocka_unit_test(groups_must_be_official_groups_of_the_org),
        cmocka_unit_test(groups_are_limited_to_500),
        cmocka_unit_test(without_lookup_no_group_exists),
        cmocka_unit_test(reports_every_problem_and_fails_even_when_errs_is_full),
        cmocka_unit_test(advanced_accepts_a_full_configuration),
        cmocka_unit_test(advanced_refuses_unknown_keys_at_every_level),
        cmocka_unit_test(i10n_maps_language_tags_to_names),
        cmocka_unit_test(localized_names_count_characters_not_bytes),
        cmocka_unit_test(lifecycle_flags_are_booleans),
        cmocka_unit_test(icons_follow_the_url_rules),
        cmocka_unit_test(activation_needs_a_valid_url),
        cmocka_unit_test(activation_rechecks_the_url_under_the_current_policy),
        cmocka_unit_test(effective_applies_defaults),
        cmocka_unit_test(effective_keeps_given_values_and_trims_lists),
        cmocka_unit_test(properties_schema_titles_and_enums),
        cmocka_unit_test(properties_schema_keys_match_the_validator),
        cmocka_unit_test(sandbox_pattern_agrees_with_the_validator),
        cmocka_unit_test(advanced_schema_describes_every_level),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
