/* Unit tests of src/core/permission.c: matching held permissions (with "*")
 * against wanted ones, and expanding and validating permission policies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/permission.h"
#include "field_errors_assert.h"

static void exact_match_grants(void **state) {
    (void)state;
    assert_true(permission_grants("directory:user:view", "directory:user:view"));
    assert_false(permission_grants("directory:user:view", "directory:user:edit"));
    assert_false(permission_grants("directory:user:view", "directory:group:view"));
    assert_false(permission_grants("directory:user:view", "authorization:user:view"));
}

static void wildcard_in_each_part(void **state) {
    (void)state;
    assert_true(permission_grants("*:user:view", "directory:user:view"));
    assert_false(permission_grants("*:user:view", "directory:group:view"));
    assert_true(permission_grants("directory:*:view", "directory:group:view"));
    assert_false(permission_grants("directory:*:view", "directory:group:add"));
    assert_false(permission_grants("directory:*:view", "authorization:role:view"));
    assert_true(permission_grants("directory:user:*", "directory:user:delete"));
    assert_false(permission_grants("directory:user:*", "directory:group:delete"));
    assert_true(permission_grants("integrations:integration:*", "integrations:integration:add"));
    assert_true(permission_grants("*:*:*", "integrations:integration:view"));
    assert_true(permission_grants("*:*:*", "authorization:role:edit"));
    assert_true(permission_grants("*:*:view", "audits:audit:view"));
    assert_false(permission_grants("*:*:view", "audits:audit:edit"));
}

static void wildcard_only_in_what_is_held(void **state) {
    (void)state;
    /* A "*" in the wanted permission is literal: holding one action is not holding all. */
    assert_false(permission_grants("directory:user:view", "directory:user:*"));
    assert_false(permission_grants("directory:user:view", "*:*:*"));
    assert_true(permission_grants("directory:user:*", "directory:user:*"));
}

static void no_partial_part_matches(void **state) {
    (void)state;
    assert_false(permission_grants("integ*:integration:view", "integrations:integration:view"));
    assert_false(permission_grants("integrations:integ*:view", "integrations:integration:view"));
    assert_false(permission_grants("integrations:integration:v*", "integrations:integration:view"));
    assert_false(permission_grants("**:integration:view", "integrations:integration:view"));
    assert_false(permission_grants("integration:integration:view", "integrations:integration:view"));
    assert_false(permission_grants("integrations:integration:view", "integration:integration:view"));
    assert_false(permission_grants("directory:user:vie", "directory:user:view"));
    assert_false(permission_grants("directory:user:views", "directory:user:view"));
    assert_false(permission_grants("Directory:user:view", "directory:user:view"));
}

static void wrong_part_counts_never_match(void **state) {
    (void)state;
    assert_false(permission_grants("*", "directory:user:view"));
    assert_false(permission_grants("*:*", "directory:user:view"));
    assert_false(permission_grants("directory:user", "directory:user:view"));
    assert_false(permission_grants("*:*:*:*", "directory:user:view"));
    assert_false(permission_grants("directory:user:view:x", "directory:user:view"));
    assert_false(permission_grants("directory:user:view", "directory:user:view:x"));
    assert_false(permission_grants("directory:user:view", "directory:user"));
    assert_false(permission_grants("*:*:*", "directory:user"));
    assert_false(permission_grants("*:*:*", "directory:user:view:x"));
    /* A trailing ':' is a fourth, empty part. */
    assert_false(permission_grants("directory:user:view", "directory:user:view:"));
    assert_false(permission_grants("directory:user:view:", "directory:user:view"));
    assert_false(permission_grants("*:*:*", "directory:user:view:"));
    /* Empty parts name nothing. */
    assert_false(permission_grants("*:*:*", "::"));
    assert_false(permission_grants("::", "::"));
    assert_false(permission_grants("*:*:*", ""));
    assert_false(permission_grants("", ""));
    assert_false(permission_grants(NULL, "directory:user:view"));
    assert_false(permission_grants("*:*:*", NULL));
}

static void any_grants_looks_at_every_held(void **state) {
    (void)state;
    const char *const held[] = {"directory:user:view", "integrations:*:view", "authorization:role:*"};
    assert_true(permission_any_grants(held, 3, "directory:user:view"));
    assert_true(permission_any_grants(held, 3, "integrations:integration:view"));
    assert_true(permission_any_grants(held, 3, "authorization:role:delete"));
    assert_false(permission_any_grants(held, 3, "directory:user:edit"));
    assert_false(permission_any_grants(held, 3, "integrations:integration:add"));
    assert_false(permission_any_grants(held, 0, "directory:user:view"));
    assert_false(permission_any_grants(NULL, 0, "directory:user:view"));
}

static json_t *parse(const char *text) {
    json_error_t err;
    json_t *v = json_loads(text, JSON_DECODE_ANY, &err);
    if (!v) fail_msg("bad test JSON: %s", err.text);
    return v;
}

static void expand_makes_one_string_per_action(void **state) {
    (void)state;
    json_t *policies = parse("[{\"domain\":\"directory\",\"entityName\":\"user\",\"actionSet\":[\"view\",\"edit\"]},"
                             " {\"domain\":\"*\",\"entityName\":\"*\",\"actionSet\":[\"*\"]}]");
    json_t *out = json_array();
    assert_int_equal(permission_policies_expand(policies, out), 0);
    json_t *want = parse("[\"directory:user:view\", \"directory:user:edit\", \"*:*:*\"]");
    assert_true(json_equal(out, want));
    json_decref(want);
    json_decref(out);
    json_decref(policies);
}

static void expand_appends_and_accepts_empty(void **state) {
    (void)state;
    json_t *out = parse("[\"kept:kept:kept\"]");
    json_t *none = json_array();
    assert_int_equal(permission_policies_expand(none, out), 0);
    assert_int_equal(json_array_size(out), 1);
    json_t *one = parse("[{\"domain\":\"a\",\"entityName\":\"b\",\"actionSet\":[\"c\"]}]");
    assert_int_equal(permission_policies_expand(one, out), 0);
    assert_int_equal(json_array_size(out), 2);
    assert_string_equal(json_string_value(json_array_get(out, 0)), "kept:kept:kept");
    assert_string_equal(json_string_value(json_array_get(out, 1)), "a:b:c");
    json_decref(one);
    json_decref(none);
    json_decref(out);
}

static void expand_refuses_malformed(void **state) {
    (void)state;
    static const char *const bad[] = {
        "{}",
        "[{\"entityName\":\"user\",\"actionSet\":[\"view\"]}]",
        "[{\"domain\":\"directory\",\"actionSet\":[\"view\"]}]",
        "[{\"domain\":\"directory\",\"entityName\":\"user\"}]",
        "[{\"domain\":\"directory\",\"entityName\":\"user\",\"actionSet\":\"view\"}]",
        "[{\"domain\":\"directory\",\"entityName\":\"user\",\"actionSet\":[1]}]",
        "[{\"domain\":7,\"entityName\":\"user\",\"actionSet\":[\"view\"]}]",
        "[\"directory:user:view\"]",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *policies = parse(bad[i]), *out = json_array();
        if (permission_policies_expand(policies, out) != -1) fail_msg("accepted %s", bad[i]);
        json_decref(out);
        json_decref(policies);
    }
}

/* Validates text; returns the number of problems, all in errs. */
static int validate(const char *text, field_errors *errs) {
    field_errors_init(errs);
    json_t *policies = parse(text);
    int rc = permission_policies_validate(policies, errs);
    json_decref(policies);
    assert_int_equal(rc, errs->count ? -1 : 0);
    return errs->count;
}

static void validate_accepts_good_policies(void **state) {
    (void)state;
    field_errors errs;
    assert_int_equal(validate("[]", &errs), 0);
    assert_int_equal(validate("[{\"domain\":\"integrations\",\"entityName\":\"integration\",\"actionSet\":[\"view\",\"add\"]}]", &errs), 0);
    assert_int_equal(validate("[{\"domain\":\"*\",\"entityName\":\"*\",\"actionSet\":[\"*\"]}]", &errs), 0);
    assert_int_equal(validate("[{\"domain\":\"my-domain_2\",\"entityName\":\"Entity-X\",\"actionSet\":[\"do_it\"]}]", &errs), 0);
}

static void validate_refuses_non_array(void **state) {
    (void)state;
    field_errors errs;
    assert_int_equal(validate("{}", &errs), 1);
    assert_error(&errs, "permissionPolicies", "invalid.value", "must be an array");
    assert_int_equal(validate("\"*:*:*\"", &errs), 1);
    assert_error(&errs, "permissionPolicies", "invalid.value", "must be an array");
}

static void validate_names_each_bad_policy(void **state) {
    (void)state;
    field_errors errs;
    assert_int_equal(validate("[\"directory:user:view\"]", &errs), 1);
    assert_error(&errs, "permissionPolicies[0]", "invalid.value", "must be an object");
    assert_int_equal(validate("[{\"domain\":\"a\",\"entityName\":\"b\",\"actionSet\":[\"c\"]},"
                              " {\"entityName\":\"b\",\"actionSet\":[\"c\"]}]", &errs), 1);
    assert_error(&errs, "permissionPolicies[1]", "invalid.value", "permissionPolicies[1].domain");
    assert_int_equal(validate("[{\"domain\":\"a\",\"entityName\":\"\",\"actionSet\":[\"c\"]}]", &errs), 1);
    assert_error(&errs, "permissionPolicies[0]", "invalid.value", "permissionPolicies[0].entityName");
    assert_int_equal(validate("[{\"domain\":\"a\",\"entityName\":\"b\",\"actionSet\":[]}]", &errs), 1);
    assert_error(&errs, "permissionPolicies[0]", "invalid.value", "actionSet: must be a non-empty array");
    assert_int_equal(validate("[{\"domain\":\"a\",\"entityName\":\"b\",\"actionSet\":\"view\"}]", &errs), 1);
    assert_error(&errs, "permissionPolicies[0]", "invalid.value", "actionSet: must be a non-empty array");
    assert_int_equal(validate("[{\"domain\":\"a\",\"entityName\":\"b\",\"actionSet\":[\"view\", 3, \"\"]}]", &errs), 2);
    assert_error(&errs, "permissionPolicies[0]", "invalid.value", "actionSet[1]");
    assert_error(&errs, "permissionPolicies[0]", "invalid.value", "actionSet[2]");
}

static void validate_refuses_partial_wildcards_and_separators(void **state) {
    (void)state;
    field_errors errs;
    assert_int_equal(validate("[{\"domain\":\"integ*\",\"entityName\":\"integration\",\"actionSet\":[\"view\"]}]", &errs), 1);
    assert_error(&errs, "permissionPolicies[0]", "invalid.value", "domain: must be \"*\" or letters");
    assert_int_equal(validate("[{\"domain\":\"a\",\"entityName\":\"**\",\"actionSet\":[\"view\"]}]", &errs), 1);
    assert_error(&errs, "permissionPolicies[0]", "invalid.value", "entityName");
    assert_int_equal(validate("[{\"domain\":\"a:b\",\"entityName\":\"c\",\"actionSet\":[\"v*\"]}]", &errs), 2);
    assert_error(&errs, "permissionPolicies[0]", "invalid.value", "domain");
    assert_error(&errs, "permissionPolicies[0]", "invalid.value", "actionSet[0]");
    assert_int_equal(validate("[{\"domain\":\"a b\",\"entityName\":\"c\",\"actionSet\":[\"view\"]}]", &errs), 1);
    assert_error(&errs, "permissionPolicies[0]", "invalid.value", "domain");
}

static void validate_bounds_part_length(void **state) {
    (void)state;
    char text[512];
    char part[80];
    memset(part, 'a', 64);
    part[64] = '\0';
    field_errors errs;
    snprintf(text, sizeof text, "[{\"domain\":\"%s\",\"entityName\":\"b\",\"actionSet\":[\"c\"]}]", part);
    assert_int_equal(validate(text, &errs), 0);
    strcat(part, "a");
    snprintf(text, sizeof text, "[{\"domain\":\"%s\",\"entityName\":\"b\",\"actionSet\":[\"c\"]}]", part);
    assert_int_equal(validate(text, &errs), 1);
    assert_error(&errs, "permissionPolicies[0]", "invalid.value", "domain");
}

static void validate_adds_to_existing_problems(void **state) {
    (void)state;
    field_errors errs;
    field_errors_init(&errs);
    field_errors_add(&errs, "name", "missing.value", "name: is required");
    json_t *good = parse("[{\"domain\":\"a\",\"entityName\":\"b\",\"actionSet\":[\"c\"]}]");
    assert_int_equal(permission_policies_validate(good, &errs), 0); /* only its own problems count */
    assert_int_equal(errs.count, 1);
    json_decref(good);
}

static void validated_policies_expand_to_grants(void **state) {
    (void)state;
    field_errors errs;
    field_errors_init(&errs);
    json_t *policies = parse("[{\"domain\":\"integrations\",\"entityName\":\"*\",\"actionSet\":[\"view\"]}]");
    assert_int_equal(permission_policies_validate(policies, &errs), 0);
    json_t *held = json_array();
    assert_int_equal(permission_policies_expand(policies, held), 0);
    const char *h = json_string_value(json_array_get(held, 0));
    assert_true(permission_grants(h, "integrations:integration:view"));
    assert_false(permission_grants(h, "integrations:integration:edit"));
    assert_false(permission_grants(h, "directory:user:view"));
    json_decref(held);
    json_decref(policies);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_match_grants),
        cmocka_unit_test(wildcard_in_each_part),
        cmocka_unit_test(wildcard_only_in_what_is_held),
        cmocka_unit_test(no_partial_part_matches),
        cmocka_unit_test(wrong_part_counts_never_match),
        cmocka_unit_test(any_grants_looks_at_every_held),
        cmocka_unit_test(expand_makes_one_string_per_action),
        cmocka_unit_test(expand_appends_and_accepts_empty),
        cmocka_unit_test(expand_refuses_malformed),
        cmocka_unit_test(validate_accepts_good_policies),
        cmocka_unit_test(validate_refuses_non_array),
        cmocka_unit_test(validate_names_each_bad_policy),
        cmocka_unit_test(validate_refuses_partial_wildcards_and_separators),
        cmocka_unit_test(validate_bounds_part_length),
        cmocka_unit_test(validate_adds_to_existing_problems),
        cmocka_unit_test(validated_policies_expand_to_grants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
