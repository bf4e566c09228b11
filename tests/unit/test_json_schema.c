/* core/json_schema: the supported subset of JSON Schema, keyword by keyword,
 * and the refusal of everything outside it at manifest time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/integration_type.h"
#include "core/json_schema.h"
#include "field_errors_assert.h"

#define F "manifest.propertiesSchema"

static json_t *parse(const char *text) {
    json_error_t error;
    json_t *value = json_loads(text, JSON_DECODE_ANY, &error);
    if (!value) fprintf(stderr, "bad test JSON: %s: %s\n", text, error.text);
    assert_non_null(value);
    return value;
}

/* Runs json_schema_check_supported on the schema text; returns its result. */
static int check(const char *schema_text, field_errors *errs) {
    json_t *schema = parse(schema_text);
    field_errors_init(errs);
    int rc = json_schema_check_supported(schema, F, errs);
    assert_true(rc == 0 ? errs->count == 0 : errs->count > 0);
    json_decref(schema);
    return rc;
}

static void assert_supported(const char *schema_text) {
    field_errors errs;
    int rc = check(schema_text, &errs);
    if (rc != 0) errs_print(&errs);
    assert_int_equal(rc, 0);
}

static void assert_unsupported(const char *schema_text, const char *field, const char *fragment) {
    field_errors errs;
    assert_int_equal(check(schema_text, &errs), -1);
    assert_error(&errs, field, "invalid.value", fragment);
}

/* Runs json_schema_validate of the value text under the field "properties". */
static int validate(const char *schema_text, const char *value_text, field_errors *errs) {
    json_t *schema = parse(schema_text);
    json_t *value = parse(value_text);
    field_errors_init(errs);
    int rc = json_schema_validate(schema, value, "properties", errs);
    assert_true(rc == 0 ? errs->count == 0 : errs->count > 0);
    json_decref(schema);
    json_decref(value);
    return rc;
}

static void assert_valid(const char *schema_text, const char *value_text) {
    field_errors errs;
    int rc = validate(schema_text, value_text, &errs);
    if (rc != 0) errs_print(&errs);
    assert_int_equal(rc, 0);
}

static void assert_invalid(const char *schema_text, const char *value_text, const char *field,
                           const char *code, const char *fragment) {
    field_errors errs;
    assert_int_equal(validate(schema_text, value_text, &errs), -1);
    assert_error(&errs, field, code, fragment);
}

/* ---- the subset: accepted keywords, refused keywords and values ---- */

static void test_supported_keywords(void **state) {
    (void)state;
    assert_supported("{\"type\": \"object\", \"title\": \"T\", \"description\": \"D\", \"$schema\": "
                     "\"http://json-schema.org/draft-07/schema#\", \"$id\": \"x\", \"id\": \"y\", \"default\": {},"
                     " \"examples\": [{}], \"x-ui-order\": [\"a\"], \"additionalProperties\": false,"
                     " \"required\": [\"a\"], \"properties\": {"
                     "  \"a\": {\"type\": [\"string\", \"null\"], \"minLength\": 1, \"maxLength\": 9, \"pattern\": \"^a+$\"},"
                     "  \"n\": {\"type\": \"number\", \"minimum\": -1.5, \"maximum\": 7},"
                     "  \"e\": {\"enum\": [1, \"two\", null]}, \"c\": {\"const\": {\"k\": 1}},"
                     "  \"l\": {\"type\": \"array\", \"items\": {\"type\": \"integer\"}, \"minItems\": 0,"
                     "         \"maxItems\": 3, \"uniqueItems\": true}, \"b\": {\"type\": \"boolean\"}}}");
}

static void test_unsupported_keyword_named_by_path(void **state) {
    (void)state;
    assert_unsupported("{\"type\": \"object\", \"properties\": {\"url\": {\"type\": \"string\", \"format\": \"uri\"}}}",
                       F ".properties.url.format", "the keyword \"format\" is not supported; supported: type,");
    assert_unsupported("{\"type\": \"object\", \"oneOf\": []}", F ".oneOf", "\"oneOf\" is not supported");
    assert_unsupported("{\"type\": \"object\", \"properties\": {\"l\": {\"items\": {\"$ref\": \"#\"}}}}",
                       F ".properties.l.items.$ref", "\"$ref\" is not supported");
    assert_unsupported("{\"type\": \"object\", \"additionalProperties\": {\"type\": \"string\"}}",
                       F ".additionalProperties", "must be true or false");
}

static void test_keyword_values_refused(void **state) {
    (void)state;
    assert_unsupported("{\"type\": \"date\"}", F ".type", "must be one of object, array");
    assert_unsupported("{\"type\": []}", F ".type", "non-empty list");
    assert_unsupported("{\"type\": [\"string\", 3]}", F ".type", "must be one of");
    assert_unsupported("{\"properties\": []}", F ".properties", "must be an object of schemas");
    assert_unsupported("{\"properties\": {\"a\": true}}", F ".properties.a", "must be a JSON Schema object");
    assert_unsupported("{\"required\": \"a\"}", F ".required", "list of property names");
    assert_unsupported("{\"required\": [1]}", F ".required", "list of property names");
    assert_unsupported("{\"enum\": []}", F ".enum", "non-empty list");
    assert_unsupported("{\"minLength\": -1}", F ".minLength", "whole number, 0 or more");
    assert_unsupported("{\"maxItems\": 1.5}", F ".maxItems", "whole number, 0 or more");
    assert_unsupported("{\"minimum\": \"1\"}", F ".minimum", "must be a number");
    assert_unsupported("{\"uniqueItems\": 1}", F ".uniqueItems", "true or false");
    assert_unsupported("{\"items\": [{}]}", F ".items", "must be a JSON Schema object");
    assert_unsupported("{\"pattern\": 5}", F ".pattern", "must be a string");
    assert_unsupported("{\"pattern\": \"a(b\"}", F ".pattern", "is not a POSIX extended regular expression");
}

/* A chain of `levels` schemas nested through "items". */
static char *nested(int levels) {
    static char text[1024];
    text[0] = '\0';
    for (int i = 1; i < levels; i++) strcat(text, "{\"items\": ");
    strcat(text, "{}");
    for (int i = 1; i < levels; i++) strcat(text, "}");
    return text;
}

static void test_depth_limit(void **state) {
    (void)state;
    assert_supported(nested(JSON_SCHEMA_DEPTH_MAX));
    field_errors errs;
    assert_int_equal(check(nested(JSON_SCHEMA_DEPTH_MAX + 1), &errs), -1);
    assert_int_equal(errs.count, 1);
    assert_non_null(strstr(errs.items[0].message, ".items.items: schemas nest deeper than 16 levels"));
}

static void test_manifest_refuses_unsupported(void **state) {
    (void)state;
    json_t *manifest = parse("{\"id\": \"acme-crm\", \"name\": \"Acme\", \"license\": \"acme\", \"minimumLevel\": 1,"
                             " \"propertiesSchema\": {\"type\": \"object\", \"properties\": {\"url\": {\"format\": \"uri\"}}},"
                             " \"advancedSchema\": {\"type\": \"object\", \"patternProperties\": {}}}");
    field_errors errs;
    field_errors_init(&errs);
    assert_int_equal(integration_type_manifest_validate(manifest, &errs), -1);
    assert_error(&errs, "manifest.propertiesSchema.properties.url.format", "invalid.value", "\"format\" is not supported");
    assert_error(&errs, "manifest.advancedSchema.patternProperties", "invalid.value", "not supported");
    json_decref(manifest);
    manifest = parse("{\"id\": \"acme-crm\", \"name\": \"Acme\", \"license\": \"acme\", \"minimumLevel\": 1,"
                     " \"propertiesSchema\": {\"type\": \"object\", \"required\": [\"url\"]},"
                     " \"advancedSchema\": {\"type\": \"object\", \"x-note\": 1}}");
    field_errors_init(&errs);
    assert_int_equal(integration_type_manifest_validate(manifest, &errs), 0);
    json_decref(manifest);
}

/* ---- validation, keyword by keyword ---- */

static void test_type(void **state) {
    (void)state;
    assert_valid("{\"type\": \"integer\"}", "3");
    assert_valid("{\"type\": \"integer\"}", "3.0");
    assert_invalid("{\"type\": \"integer\"}", "3.5", "properties", "invalid.value", "must be a whole number");
    assert_invalid("{\"type\": \"object\"}", "[]", "properties", "invalid.value", "must be an object");
    assert_valid("{\"type\": \"number\"}", "3.5");
    assert_invalid("{\"type\": \"number\"}", "\"3\"", "properties", "invalid.value", "must be a number");
    assert_valid("{\"type\": \"boolean\"}", "false");
    assert_invalid("{\"type\": \"string\"}", "true", "properties", "invalid.value", "must be a string");
    assert_valid("{\"type\": [\"string\", \"null\"]}", "null");
    assert_invalid("{\"type\": [\"string\", \"null\"]}", "1", "properties", "invalid.value",
                   "must be of one of the types [\"string\",\"null\"]");
    assert_invalid("{\"type\": \"array\"}", "{}", "properties", "invalid.value", "must be an array");
    assert_invalid("{\"type\": \"null\"}", "0", "properties", "invalid.value", "must be null");
}

static void test_properties_required_additional(void **state) {
    (void)state;
    const char *schema = "{\"type\": \"object\", \"required\": [\"endpoint\"], \"additionalProperties\": false,"
                         " \"properties\": {\"endpoint\": {\"type\": \"string\"}, \"level\": {\"type\": \"integer\"}}}";
    assert_valid(schema, "{\"endpoint\": \"x\", \"level\": 2}");
    assert_invalid(schema, "{\"level\": 2}", "properties.endpoint", "missing.value", "is required");
    assert_invalid(schema, "{\"endpoint\": \"x\", \"level\": \"2\"}", "properties.level", "invalid.value",
                   "must be a whole number");
    assert_invalid(schema, "{\"endpoint\": \"x\", \"colour\": 1}", "properties.colour", "invalid.value",
                   "unknown property; allowed: endpoint, level");
    assert_valid("{\"type\": \"object\", \"properties\": {\"a\": {}}}", "{\"b\": 1}");
    assert_valid("{\"type\": \"object\", \"additionalProperties\": true}", "{\"b\": 1}");
    assert_invalid("{\"type\": \"object\", \"additionalProperties\": false}", "{\"b\": 1}", "properties.b",
                   "invalid.value", "allowed: none");
}

static void test_enum_const(void **state) {
    (void)state;
    assert_valid("{\"enum\": [\"fast\", 2, null]}", "2");
    assert_invalid("{\"enum\": [\"fast\", \"slow\"]}", "\"medium\"", "properties", "invalid.value",
                   "must be one of [\"fast\",\"slow\"]");
    assert_valid("{\"const\": {\"a\": [1]}}", "{\"a\": [1]}");
    assert_invalid("{\"const\": \"on\"}", "\"off\"", "properties", "invalid.value", "must be \"on\"");
}

static void test_string_keywords(void **state) {
    (void)state;
    const char *schema = "{\"minLength\": 2, \"maxLength\": 3}";
    assert_valid(schema, "\"\xc3\xa9\xc3\xa9\xc3\xa9\""); /* three characters, six bytes */
    assert_invalid(schema, "\"a\"", "properties", "invalid.value", "must have at least 2 characters");
    assert_invalid(schema, "\"abcd\"", "properties", "invalid.value", "must have at most 3 characters");
    assert_valid(schema, "7"); /* string keywords say nothing of numbers */
    assert_valid("{\"pattern\": \"^https://\"}", "\"https://a.example\"");
    assert_valid("{\"pattern\": \"[0-9]\"}", "\"ab3\""); /* searched anywhere, as in JSON Schema */
    assert_invalid("{\"pattern\": \"^https://\"}", "\"http://a.example\"", "properties", "invalid.value",
                   "must match the pattern ^https://");
    assert_invalid("{\"pattern\": \"a(b\"}", "\"ab\"", "properties", "invalid.value", "does not compile");
}

static void test_number_keywords(void **state) {
    (void)state;
    const char *schema = "{\"minimum\": 1, \"maximum\": 10}";
    assert_valid(schema, "1");
    assert_valid(schema, "10.0");
    assert_invalid(schema, "0", "properties", "invalid.value", "must be at least 1");
    assert_invalid(schema, "11", "properties", "invalid.value", "must be at most 10");
    assert_invalid("{\"maximum\": 2.5}", "2.75", "properties", "invalid.value", "must be at most 2.5");
    assert_invalid("{\"minimum\": 9007199254740993}", "9007199254740992", "properties", "invalid.value",
                   "must be at least 9007199254740993");
    assert_valid(schema, "\"0\"");
}

static void test_array_keywords(void **state) {
    (void)state;
    const char *schema = "{\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"minItems\": 1,"
                         " \"maxItems\": 3, \"uniqueItems\": true}";
    assert_valid(schema, "[\"a\", \"b\"]");
    assert_invalid(schema, "[]", "properties", "invalid.value", "must have at least 1 items");
    assert_invalid(schema, "[\"a\", \"b\", \"c\", \"d\"]", "properties", "invalid.value", "at most 3 items");
    assert_invalid(schema, "[\"a\", \"b\", \"a\"]", "properties", "invalid.value", "[0] equals [2]");
    assert_invalid(schema, "[\"a\", \"b\", 3]", "properties[2]", "invalid.value", "must be a string");
    assert_valid("{\"uniqueItems\": false}", "[1, 1]");
}

static void test_nested_paths_and_every_problem(void **state) {
    (void)state;
    const char *schema = "{\"type\": \"object\", \"properties\": {\"items\": {\"type\": \"array\", \"items\":"
                         " {\"type\": \"object\", \"required\": [\"name\"], \"properties\": {\"qty\": {\"minimum\": 1}}}}}}";
    field_errors errs;
    assert_int_equal(validate(schema, "{\"items\": [{\"name\": \"a\"}, {\"qty\": 0}, {\"name\": \"c\", \"qty\": 0}]}",
                              &errs), -1);
    assert_int_equal(errs.count, 3);
    assert_error(&errs, "properties.items[1].name", "missing.value", "is required");
    assert_error(&errs, "properties.items[1].qty", "invalid.value", "must be at least 1");
    assert_error(&errs, "properties.items[2].qty", "invalid.value", "must be at least 1");
    assert_string_equal(errs.items[2].message, "properties.items[2].qty: must be at least 1");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_supported_keywords),
        cmocka_unit_test(test_unsupported_keyword_named_by_path),
        cmocka_unit_test(test_keyword_values_refused),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_manifest_refuses_unsupported),
        cmocka_unit_test(test_type),
        cmocka_unit_test(test_properties_required_additional),
        cmocka_unit_test(test_enum_const),
        cmocka_unit_test(test_string_keywords),
        cmocka_unit_test(test_number_keywords),
        cmocka_unit_test(test_array_keywords),
        cmocka_unit_test(test_nested_paths_and_every_problem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
