#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/integration_type.h"
#include "field_errors_assert.h"

#define VENDOR_MANIFEST                                                                    \
    "{\"id\": \"acme-crm\", \"name\": \"Acme CRM\", \"description\": \"Customers at a glance\"," \
    " \"provider\": \"acme\", \"category\": \"CRM\", \"vendorName\": \"Acme\","              \
    " \"vendorWebsiteUri\": \"https://acme.example\", \"helpUri\": \"https://acme.example/help\"," \
    " \"termsOfServiceUri\": \"https://acme.example/tos\","                                 \
    " \"privacyPolicyUri\": \"https://acme.example/privacy\","                              \
    " \"supportContactUri\": \"mailto:support@acme.example\","                              \
    " \"salesContactUri\": \"https://acme.example/sales\", \"faqUri\": \"/docs/acme-faq\","   \
    " \"marketplaceUri\": \"https://market.example/acme\","                                 \
    " \"images\": [{\"resolution\": \"96x96\", \"imageUri\": \"https://acme.example/96.png\"}]," \
    " \"license\": \"acme-crm\", \"minimumLevel\": 3, \"maxInstances\": 5}"

static json_t *parse(const char *text) {
    json_error_t error;
    json_t *value = json_loads(text, JSON_DECODE_ANY, &error);
    if (!value) fprintf(stderr, "bad test JSON: %s: %s\n", text, error.text);
    assert_non_null(value);
    return value;
}

/* VENDOR_MANIFEST with `key` set to the JSON value `value` ("" removes it). */
static json_t *vendor_with(const char *key, const char *value) {
    json_t *manifest = parse(VENDOR_MANIFEST);
    if (*value) assert_int_equal(json_object_set_new(manifest, key, parse(value)), 0);
    else assert_int_equal(json_object_del(manifest, key), 0);
    return manifest;
}

static int validate(const json_t *manifest, field_errors *errs) {
    field_errors_init(errs);
    int rc = integration_type_manifest_validate(manifest, errs);
    assert_true(rc == 0 ? errs->count == 0 : errs->count > 0);
    return rc;
}

static void assert_accepted(const char *key, const char *value) {
    json_t *manifest = vendor_with(key, value);
    field_errors errs;
    int rc = validate(manifest, &errs);
    if (rc != 0) errs_print(&errs);
    assert_int_equal(rc, 0);
    json_decref(manifest);
}

static void assert_refused(const char *key, const char *value, const char *field, const char *code,
                           const char *fragment) {
    json_t *manifest = vendor_with(key, value);
    field_errors errs;
    assert_int_equal(validate(manifest, &errs), -1);
    assert_error(&errs, field, code, fragment);
    json_decref(manifest);
}

static void assert_json_string(const json_t *obj, const char *key, const char *expected) {
    const json_t *value = json_object_get(obj, key);
    assert_true(json_is_string(value));
    assert_string_equal(json_string_value(value), expected);
}

/* ---- built-in type ---- */

static void builtin_is_the_custom_client_application(void **state) {
    (void)state;
    json_t *builtin = integration_type_builtin();
    assert_non_null(builtin);
    assert_json_string(builtin, "id", "embedded-client-app");
    assert_json_string(builtin, "name", "Custom Client Application");
    assert_json_string(builtin, "description", "Embeds third-party webapps via iframe");
    assert_json_string(builtin, "provider", "clientapps");
    assert_json_string(builtin, "category", "Client Apps");
    assert_json_string(builtin, "vendorName", "Portico");
    assert_json_string(builtin, "license", "clientapps");
    assert_int_equal(json_integer_value(json_object_get(builtin, "minimumLevel")), 2);
    const json_t *image = json_array_get(json_object_get(builtin, "images"), 0);
    assert_json_string(image, "resolution", "96x96");
    assert_json_string(image, "imageUri", "/admin/img/client-app.svg");
    field_errors errs;
    assert_int_equal(validate(builtin, &errs), 0);
    assert_true(integration_type_uses_clientapp_config(builtin));
    json_decref(builtin);
}

/* ---- manifest checks ---- */

static void accepts_a_complete_vendor_manifest(void **state) {
    (void)state;
    json_t *manifest = parse(VENDOR_MANIFEST);
    field_errors errs;
    assert_int_equal(validate(manifest, &errs), 0);
    json_decref(manifest);
    manifest = parse("{\"id\": \"abc\", \"name\": \"A\", \"license\": \"x\", \"minimumLevel\": 1}");
    assert_int_equal(validate(manifest, &errs), 0);
    json_decref(manifest);
}

static void refuses_non_objects_and_unknown_fields(void **state) {
    (void)state;
    field_errors errs;
    json_t *manifest = parse("[]");
    assert_int_equal(validate(manifest, &errs), -1);
    assert_error(&errs, "manifest", "invalid.value", "must be a JSON object");
    json_decref(manifest);
    assert_refused("vendor", "\"Acme\"", "manifest.vendor", "invalid.value", "unknown property");
}

static void requires_id_name_license_and_level(void **state) {
    (void)state;
    assert_refused("id", "", "manifest.id", "missing.value", "give the type a unique id");
    assert_refused("name", "", "manifest.name", "missing.value", "give the app type's name");
    assert_refused("license", "", "manifest.license", "missing.value", "license key");
    assert_refused("minimumLevel", "", "manifest.minimumLevel", "missing.value", "subscription level");
}

static void id_is_lowercase_letters_digits_dashes(void **state) {
    (void)state;
    const char *rule = "must be 3 to 64 lowercase letters, digits or dashes";
    assert_accepted("id", "\"a-1\"");
    assert_accepted("id", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"");
    assert_refused("id", "\"ab\"", "manifest.id", "invalid.value", rule);
    assert_refused("id", "\"Acme-CRM\"", "manifest.id", "invalid.value", rule);
    assert_refused("id", "\"acme_crm\"", "manifest.id", "invalid.value", rule);
    assert_refused("id", "\"acme/../x\"", "manifest.id", "invalid.value", rule);
    assert_refused("id", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
                   "manifest.id", "invalid.value", rule);
    assert_refused("id", "7", "manifest.id", "invalid.value", "must be a string");
}

static void texts_are_bounded(void **state) {
    (void)state;
    assert_refused("name", "\"  \"", "manifest.name", "invalid.value", "must be 1 to 200 characters");
    assert_refused("name", "[]", "manifest.name", "invalid.value", "must be a string");
    char big[2100];
    big[0] = '"';
    memset(big + 1, 'd', 2001);
    strcpy(big + 2002, "\"");
    assert_refused("description", big, "manifest.description", "invalid.value",
                   "must be at most 2000 characters");
    strcpy(big + 2001, "\"");
    assert_accepted("description", big);
    assert_accepted("description", "\"\"");
}

static void license_and_levels_are_checked(void **state) {
    (void)state;
    assert_refused("license", "\"client apps\"", "manifest.license", "invalid.value", "a license key of 1 to 64");
    assert_refused("license", "\"\"", "manifest.license", "invalid.value", "a license key");
    assert_refused("minimumLevel", "0", "manifest.minimumLevel", "invalid.value",
                   "must be a whole number from 1 to 3");
    assert_refused("minimumLevel", "4", "manifest.minimumLevel", "invalid.value", "from 1 to 3");
    assert_refused("minimumLevel", "\"2\"", "manifest.minimumLevel", "invalid.value", "from 1 to 3");
    assert_refused("minimumLevel", "2.0", "manifest.minimumLevel", "invalid.value", "from 1 to 3");
    assert_refused("maxInstances", "0", "manifest.maxInstances", "invalid.value", "whole number from 1");
}

static void links_are_https_or_site_paths(void **state) {
    (void)state;
    const char *rule = "must be an https:// URL or a path starting with /";
    assert_accepted("helpUri", "\"/docs/help.html\"");
    assert_refused("helpUri", "\"javascript:alert(1)\"", "manifest.helpUri", "invalid.value", rule);
    assert_refused("helpUri", "\"http://acme.example/\"", "manifest.helpUri", "invalid.value", rule);
    assert_refused("faqUri", "\"//evil.example/x\"", "manifest.faqUri", "invalid.value", rule);
    assert_refused("faqUri", "\"/\\\\evil.example\"", "manifest.faqUri", "invalid.value", rule);
    assert_refused("faqUri", "\"/a b\"", "manifest.faqUri", "invalid.value", rule);
    assert_refused("helpUri", "\"mailto:help@acme.example\"", "manifest.helpUri", "invalid.value", rule);
    assert_accepted("salesContactUri", "\"mailto:sales+eu@acme.example\"");
    assert_refused("supportContactUri", "\"mailto:\"", "manifest.supportContactUri", "invalid.value",
                   "or a mailto: address");
    assert_refused("supportContactUri", "\"mailto:a@b.com?body=<x>\"", "manifest.supportContactUri",
                   "invalid.value", "or a mailto: address");
}

static void images_are_resolution_and_uri(void **state) {
    (void)state;
    assert_accepted("images", "[]");
    assert_refused("images", "{}", "manifest.images", "invalid.value", "must be an array");
    assert_refused("images", "[1,2,3,4,5,6,7,8,9,10,11]", "manifest.images", "invalid.value", "at most 10");
    assert_refused("images", "[\"x.png\"]", "manifest.images[0]", "invalid.value", "must be an object");
    assert_refused("images", "[{\"resolution\": \"96\", \"imageUri\": \"/i.png\"}]",
                   "manifest.images[0].resolution", "invalid.value", "WIDTHxHEIGHT");
    assert_refused("images", "[{\"imageUri\": \"/i.png\"}]", "manifest.images[0].resolution",
                   "missing.value", "image size");
    assert_refused("images", "[{\"resolution\": \"96x96\", \"imageUri\": \"/i.png\"}, {\"resolution\": \"48x48\"}]",
                   "manifest.images[1].imageUri", "missing.value", "image's URL");
    assert_refused("images", "[{\"resolution\": \"96x96\", \"imageUri\": \"data:image/png;base64,AA\"}]",
                   "manifest.images[0].imageUri", "invalid.value", "https:// URL or a path");
    assert_refused("images", "[{\"resolution\": \"96x96\", \"imageUri\": \"/i.png\", \"alt\": \"x\"}]",
                   "manifest.images[0].alt", "invalid.value", "unknown property");
}

static void schemas_come_together_or_not_at_all(void **state) {
    (void)state;
    const char *schema = "{\"type\": \"object\", \"properties\": {}}";
    assert_refused("propertiesSchema", schema, "manifest.advancedSchema", "missing.value",
                   "give propertiesSchema and advancedSchema together, or neither");
    assert_refused("advancedSchema", schema, "manifest.propertiesSchema", "missing.value", "together");
    json_t *manifest = vendor_with("propertiesSchema", schema);
    assert_int_equal(json_object_set_new(manifest, "advancedSchema", parse(schema)), 0);
    field_errors errs;
    assert_int_equal(validate(manifest, &errs), 0);
    assert_int_equal(json_object_set_new(manifest, "advancedSchema", parse("{\"type\": \"array\"}")), 0);
    assert_int_equal(validate(manifest, &errs), -1);
    assert_error(&errs, "manifest.advancedSchema", "invalid.value", "whose \"type\" is \"object\"");
    json_decref(manifest);
}

/* ---- API object ---- */

static void api_object_of_the_builtin_type(void **state) {
    (void)state;
    json_t *builtin = integration_type_builtin();
    json_t *api = integration_type_to_api(builtin, NULL);
    assert_non_null(api);
    assert_json_string(api, "id", "embedded-client-app");
    assert_json_string(api, "name", "Custom Client Application");
    assert_json_string(api, "provider", "clientapps");
    assert_json_string(api, "category", "Client Apps");
    assert_json_string(api, "configPropertiesSchemaUri",
                       "/api/v2/integrations/types/embedded-client-app/configschemas/properties");
    assert_json_string(api, "configAdvancedSchemaUri",
                       "/api/v2/integrations/types/embedded-client-app/configschemas/advanced");
    assert_json_string(api, "selfUri", "/api/v2/integrations/types/embedded-client-app");
    assert_true(json_equal(json_object_get(api, "images"), json_object_get(builtin, "images")));
    assert_int_equal(json_array_size(json_object_get(api, "helpLinks")), 0);
    assert_true(json_is_object(json_object_get(api, "credentials")));
    assert_true(json_is_false(json_object_get(api, "nonInstallable")));
    assert_true(json_is_array(json_object_get(api, "userPermissions")));
    assert_true(json_is_array(json_object_get(api, "vendorOAuthClientIds")));
    assert_null(json_object_get(api, "maxInstances"));
    assert_null(json_object_get(api, "license")); /* Portico's own fields stay out */
    json_decref(api);
    json_decref(builtin);
}

static void api_object_of_a_vendor_type(void **state) {
    (void)state;
    json_t *manifest = parse(VENDOR_MANIFEST);
    json_t *api = integration_type_to_api(manifest, "/base");
    assert_non_null(api);
    const char *copied[] = {"name", "description", "provider", "category", "vendorName",
                            "vendorWebsiteUri", "helpUri", "termsOfServiceUri", "privacyPolicyUri",
                            "supportContactUri", "salesContactUri", "faqUri", "marketplaceUri"};
    for (size_t i = 0; i < sizeof copied / sizeof copied[0]; i++)
        assert_json_string(api, copied[i], json_string_value(json_object_get(manifest, copied[i])));
    assert_int_equal(json_integer_value(json_object_get(api, "maxInstances")), 5);
    assert_json_string(api, "selfUri", "/base/acme-crm");
    assert_json_string(api, "configAdvancedSchemaUri", "/base/acme-crm/configschemas/advanced");
    json_decref(api);
    json_decref(manifest);
    json_t *no_id = parse("{\"name\": \"x\"}");
    assert_null(integration_type_to_api(no_id, NULL));
    json_decref(no_id);
}

/* ---- licensing ---- */

static int installable(const json_t *manifest, int level, const char *const *licenses, size_t n,
                       char *why) {
    return integration_type_installable(manifest, level, licenses, n, why, 256);
}

static void licensed_org_at_level_may_install(void **state) {
    (void)state;
    json_t *builtin = integration_type_builtin();
    const char *licenses[] = {"other", "clientapps"};
    char why[256] = "stale";
    assert_int_equal(installable(builtin, 2, licenses, 2, why), 1);
    assert_string_equal(why, "");
    assert_int_equal(installable(builtin, 3, licenses, 2, why), 1);
    assert_int_equal(integration_type_installable(builtin, 3, licenses, 2, NULL, 0), 1);
    json_decref(builtin);
}

static void reason_names_everything_missing(void **state) {
    (void)state;
    json_t *builtin = integration_type_builtin();
    char why[256];
    assert_int_equal(installable(builtin, 1, NULL, 0, why), 0);
    assert_string_equal(why, "This app needs the clientapps license and subscription level 2 or "
                             "higher; your organization has level 1 and no clientapps license. "
                             "Contact your sales representative.");
    json_decref(builtin);
}

static void reason_names_only_what_is_missing(void **state) {
    (void)state;
    json_t *builtin = integration_type_builtin();
    const char *licenses[] = {"clientapps"};
    const char *other[] = {"clientapps-pro"};
    char why[256];
    assert_int_equal(installable(builtin, 3, other, 1, why), 0);
    assert_string_equal(why, "This app needs the clientapps license; your organization has no "
                             "clientapps license. Contact your sales representative.");
    assert_int_equal(installable(builtin, 1, licenses, 1, why), 0);
    assert_string_equal(why, "This app needs subscription level 2 or higher; your organization has "
                             "level 1. Contact your sales representative.");
    assert_int_equal(integration_type_installable(builtin, 1, licenses, 1, NULL, 0), 0);
    char tiny[8];
    assert_int_equal(integration_type_installable(builtin, 1, licenses, 1, tiny, sizeof tiny), 0);
    assert_string_equal(tiny, "This ap");
    json_decref(builtin);
}

/* ---- configuration kind and schemas ---- */

static void clientapp_config_unless_the_type_has_its_own(void **state) {
    (void)state;
    json_t *vendor = parse(VENDOR_MANIFEST);
    assert_true(integration_type_uses_clientapp_config(vendor));
    json_t *props = integration_type_properties_schema(vendor);
    assert_string_equal(json_string_value(json_object_get(
                            json_object_get(json_object_get(props, "properties"), "url"), "title")),
                        "Application URL");
    json_decref(props);
    json_t *own_props = parse("{\"type\": \"object\", \"properties\": {\"apiKey\": {\"type\": \"string\"}}}");
    json_t *own_adv = parse("{\"type\": \"object\", \"properties\": {}}");
    assert_int_equal(json_object_set(vendor, "propertiesSchema", own_props), 0);
    assert_int_equal(json_object_set(vendor, "advancedSchema", own_adv), 0);
    assert_false(integration_type_uses_clientapp_config(vendor));
    props = integration_type_properties_schema(vendor);
    json_t *adv = integration_type_advanced_schema(vendor);
    assert_true(json_equal(props, own_props));
    assert_true(json_equal(adv, own_adv));
    json_decref(props);
    json_decref(adv);
    json_decref(own_props);
    json_decref(own_adv);
    json_decref(vendor);
}

static void builtin_schemas_are_the_clientapp_ones(void **state) {
    (void)state;
    json_t *builtin = integration_type_builtin();
    json_t *adv = integration_type_advanced_schema(builtin);
    assert_non_null(json_object_get(json_object_get(adv, "properties"), "lifecycle"));
    json_decref(adv);
    json_decref(builtin);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_is_the_custom_client_application),
        cmocka_unit_test(accepts_a_complete_vendor_manifest),
        cmocka_unit_test(refuses_non_objects_and_unknown_fields),
        cmocka_unit_test(requires_id_name_license_and_level),
        cmocka_unit_test(id_is_lowercase_letters_digits_dashes),
        cmocka_unit_test(texts_are_bounded),
        cmocka_unit_test(license_and_levels_are_checked),
        cmocka_unit_test(links_are_https_or_site_paths),
        cmocka_unit_test(images_are_resolution_and_uri),
        cmocka_unit_test(schemas_come_together_or_not_at_all),
        cmocka_unit_test(api_object_of_the_builtin_type),
        cmocka_unit_test(api_object_of_a_vendor_type),
        cmocka_unit_test(licensed_org_at_level_may_install),
        cmocka_unit_test(reason_names_everything_missing),
        cmocka_unit_test(reason_names_only_what_is_missing),
        cmocka_unit_test(clientapp_config_unless_the_type_has_its_own),
        cmocka_unit_test(builtin_schemas_are_the_clientapp_ones),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
