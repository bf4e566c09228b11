/* Unit tests of src/core/input.c: the checks of plain input fields shared by
 * users, groups and roles (names, e-mails, passwords, language tags, group
 * types, unknown keys, id lists) and paging bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/input.h"
#include "field_errors_assert.h"

typedef int (*check_fn)(const char *field, const char *value, field_errors *errs);

/* 1 when check accepts value without recording a problem. */
static int ok(check_fn check, const char *value) {
    field_errors errs;
    field_errors_init(&errs);
    int rc = check("f", value, &errs);
    assert_int_equal(errs.count, rc == 0 ? 0 : 1);
    return rc == 0;
}

/* Asserts check refuses value with one problem on "f" with code and fragment. */
static void assert_refused(check_fn check, const char *value, const char *code, const char *fragment) {
    field_errors errs;
    field_errors_init(&errs);
    if (check("f", value, &errs) != -1) fail_msg("accepted \"%s\"", value ? value : "(null)");
    assert_int_equal(errs.count, 1);
    assert_error(&errs, "f", code, fragment);
}

/* A string of n copies of the UTF-8 text unit. */
static char *repeat(const char *unit, size_t n) {
    size_t len = strlen(unit);
    char *s = malloc(len * n + 1);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++) memcpy(s + i * len, unit, len);
    s[len * n] = '\0';
    return s;
}

static json_t *parse(const char *text) {
    json_error_t err;
    json_t *v = json_loads(text, JSON_DECODE_ANY, &err);
    if (!v) fail_msg("bad test JSON: %s", err.text);
    return v;
}

static void required_and_optional_strings(void **state) {
    (void)state;
    json_t *body = parse("{\"name\":\"Ann\",\"age\":3,\"nothing\":null}");
    field_errors errs;
    field_errors_init(&errs);
    assert_string_equal(input_required_string(body, "name", &errs), "Ann");
    assert_int_equal(errs.count, 0);
    assert_null(input_required_string(body, "email", &errs));
    assert_error(&errs, "email", "missing.value", "is required");
    assert_null(input_required_string(body, "age", &errs));
    assert_error(&errs, "age", "invalid.value", "must be a string");
    assert_null(input_required_string(body, "nothing", &errs));
    assert_error(&errs, "nothing", "invalid.value", "must be a string");
    assert_int_equal(errs.count, 3);

    field_errors_init(&errs);
    int bad = 0;
    assert_string_equal(input_optional_string(body, "name", &bad, &errs), "Ann");
    assert_null(input_optional_string(body, "email", &bad, &errs));
    assert_int_equal(bad, 0);
    assert_int_equal(errs.count, 0);
    assert_null(input_optional_string(body, "age", &bad, &errs));
    assert_int_equal(bad, 1);
    assert_error(&errs, "age", "invalid.value", "must be a string");
    json_decref(body);
}

static void names(void **state) {
    (void)state;
    assert_true(ok(input_check_name, "Support Team"));
    assert_true(ok(input_check_name, "x"));
    assert_true(ok(input_check_name, "Zoë Ólafsdóttir 山田"));
    assert_true(ok(input_check_name, " padded "));
    assert_refused(input_check_name, NULL, "missing.value", "must not be empty");
    assert_refused(input_check_name, "", "missing.value", "must not be empty");
    assert_refused(input_check_name, "   ", "missing.value", "must not be empty");
    assert_refused(input_check_name, " \t ", "missing.value", "must not be empty");
    assert_refused(input_check_name, "a\tb", "invalid.value", "without control characters");
    assert_refused(input_check_name, "line\nbreak", "invalid.value", "without control characters");
    assert_refused(input_check_name, "del\x7f", "invalid.value", "without control characters");
}

static void name_length_counts_characters(void **state) {
    (void)state;
    char *s = repeat("a", NAME_MAX_LEN);
    assert_true(ok(input_check_name, s));
    free(s);
    s = repeat("a", NAME_MAX_LEN + 1);
    assert_refused(input_check_name, s, "invalid.value", "at most 256 characters");
    free(s);
    /* 256 two-byte and four-byte characters are 256 characters, not 512 or 1024. */
    s = repeat("é", NAME_MAX_LEN);
    assert_true(ok(input_check_name, s));
    free(s);
    s = repeat("😀", NAME_MAX_LEN);
    assert_true(ok(input_check_name, s));
    free(s);
    s = repeat("é", NAME_MAX_LEN + 1);
    assert_refused(input_check_name, s, "invalid.value", "at most 256 characters");
    free(s);
}

static void descriptions(void **state) {
    (void)state;
    assert_true(ok(input_check_description, NULL)); /* optional */
    assert_true(ok(input_check_description, ""));
    assert_true(ok(input_check_description, "Line one\nline two"));
    char *s = repeat("d", DESCRIPTION_MAX_LEN);
    assert_true(ok(input_check_description, s));
    free(s);
    s = repeat("ü", DESCRIPTION_MAX_LEN);
    assert_true(ok(input_check_description, s));
    free(s);
    s = repeat("d", DESCRIPTION_MAX_LEN + 1);
    assert_refused(input_check_description, s, "invalid.value", "at most 2000 characters");
    free(s);
}

static void emails(void **state) {
    (void)state;
    assert_true(ok(input_check_email, "ann@example.com"));
    assert_true(ok(input_check_email, "ann.b+tag@sub.example.co.uk"));
    assert_true(ok(input_check_email, "A_N-N@Example.COM"));
    static const char *const bad[] = {
        NULL, "", "ann", "@example.com", "ann@", "ann@example", "ann@@example.com", "ann@b@example.com",
        "ann@.example.com", "ann@example.com.", "ann smith@example.com", "<ann>@example.com",
        "ann@exa mple.com", "ann\n@example.com", "\"ann\"@example.com", "ann@example.com;bob@example.com",
        "ann(x)@example.com", "ann@[1.2.3.4]",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_refused(input_check_email, bad[i], "invalid.value", "must be an e-mail address");
    char long_ok[256], long_bad[256];
    memset(long_ok, 'a', 254);
    memcpy(long_ok + 242, "@example.com", 13); /* 254 characters */
    assert_int_equal(strlen(long_ok), 254);
    assert_true(ok(input_check_email, long_ok));
    memset(long_bad, 'a', 255);
    memcpy(long_bad + 243, "@example.com", 13); /* 255 characters */
    assert_refused(input_check_email, long_bad, "invalid.value", "e-mail");
}

static void passwords(void **state) {
    (void)state;
    assert_true(ok(input_check_password, "12345678"));
    assert_true(ok(input_check_password, "correct horse battery staple"));
    char *s = repeat("p", PASSWORD_MAX_LEN);
    assert_true(ok(input_check_password, s));
    free(s);
    s = repeat("p", PASSWORD_MAX_LEN + 1);
    assert_refused(input_check_password, s, "invalid.value", "8 to 256 characters");
    free(s);
    assert_refused(input_check_password, "1234567", "invalid.value", "8 to 256 characters");
    assert_refused(input_check_password, "", "invalid.value", "8 to 256 characters");
    assert_refused(input_check_password, NULL, "invalid.value", "8 to 256 characters");
}

static void language_tags(void **state) {
    (void)state;
    assert_true(ok(input_check_language_tag, "en"));
    assert_true(ok(input_check_language_tag, "en-us"));
    assert_true(ok(input_check_language_tag, "en-US"));
    assert_true(ok(input_check_language_tag, "zh-Hant-TW"));
    assert_true(ok(input_check_language_tag, "es-419"));
    assert_true(ok(input_check_language_tag, "abcdefgh"));
    static const char *const bad[] = {NULL, "", "-", "-en", "en-", "en--us", "en_us", "en us", "abcdefghi",
                                      "en-abcdefghi", "fr-é", "en-us;"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_refused(input_check_language_tag, bad[i], "invalid.value", "must be a language tag");
    /* 35 characters at most. */
    assert_true(ok(input_check_language_tag, "abcdefgh-abcdefgh-abcdefgh-abcdefgh"));
    assert_refused(input_check_language_tag, "abcdefgh-abcdefgh-abcdefgh-abcdefgh-a", "invalid.value", "language tag");
}

static void group_types(void **state) {
    (void)state;
    assert_true(ok(input_check_group_type, "official"));
    assert_true(ok(input_check_group_type, "social"));
    assert_true(ok(input_check_group_type, "distribution"));
    static const char *const bad[] = {NULL, "", "Official", "SOCIAL", "officials", "offic", " official", "public"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_refused(input_check_group_type, bad[i], "invalid.value", "official, social or distribution");
}

static void unknown_keys(void **state) {
    (void)state;
    static const char *const allowed[] = {"name", "email", NULL};
    field_errors errs;
    field_errors_init(&errs);
    json_t *good = parse("{\"name\":\"a\",\"email\":\"b\"}"), *empty = parse("{}");
    assert_int_equal(input_check_keys(good, allowed, "", &errs), 0);
    assert_int_equal(input_check_keys(empty, allowed, "", &errs), 0);
    assert_int_equal(errs.count, 0);

    json_t *bad = parse("{\"name\":\"a\",\"bogus\":1,\"Email\":\"c\"}");
    assert_int_equal(input_check_keys(bad, allowed, "", &errs), -1);
    assert_int_equal(errs.count, 2); /* keys are case-sensitive */
    assert_error(&errs, "bogus", "invalid.value", "unknown field");
    assert_error(&errs, "Email", "invalid.value", "unknown field");

    /* With a prefix, the field named in details is the full path. */
    field_errors_init(&errs);
    assert_int_equal(input_check_keys(bad, allowed, "properties.", &errs), -1);
    assert_error(&errs, "properties.bogus", "invalid.value", "properties.bogus: unknown field");
    json_decref(good);
    json_decref(empty);
    json_decref(bad);
}

static void id_lists(void **state) {
    (void)state;
    field_errors errs;
    field_errors_init(&errs);
    json_t *good = parse("[\"a\", \"b\", \"c\"]");
    assert_int_equal(input_check_id_list("memberIds", good, 3, &errs), 0);
    assert_int_equal(errs.count, 0);
    assert_int_equal(input_check_id_list("memberIds", good, 2, &errs), -1);
    assert_error(&errs, "memberIds", "invalid.value", "array of 1 to 2 ids");
    json_decref(good);

    static const struct {
        const char *json, *fragment;
    } bad[] = {
        {"[]", "array of 1 to 10 ids"},
        {"{\"memberIds\":[\"a\"]}", "array of 1 to 10 ids"},
        {"\"a,b\"", "array of 1 to 10 ids"},
        {"[\"a\", 2]", "memberIds[1]: must be an id string"},
        {"[\"a\", \"\"]", "memberIds[1]: must be an id string"},
        {"[null]", "memberIds[0]: must be an id string"},
        {"[\"a\", \"b\", \"a\"]", "memberIds[2]: a is listed twice"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        field_errors_init(&errs);
        json_t *ids = parse(bad[i].json);
        if (input_check_id_list("memberIds", ids, 10, &errs) != -1) fail_msg("accepted %s", bad[i].json);
        assert_error(&errs, "memberIds", "invalid.value", bad[i].fragment);
        json_decref(ids);
    }
    field_errors_init(&errs);
    assert_int_equal(input_check_id_list("memberIds", NULL, 10, &errs), -1);
    assert_error(&errs, "memberIds", "invalid.value", "array");

    char id64[80], text[100];
    memset(id64, 'i', 64);
    id64[64] = '\0';
    snprintf(text, sizeof text, "[\"%s\"]", id64);
    json_t *ids = parse(text);
    field_errors_init(&errs);
    assert_int_equal(input_check_id_list("memberIds", ids, 10, &errs), 0);
    json_decref(ids);
    snprintf(text, sizeof text, "[\"%si\"]", id64);
    ids = parse(text);
    assert_int_equal(input_check_id_list("memberIds", ids, 10, &errs), -1);
    assert_error(&errs, "memberIds", "invalid.value", "memberIds[0]: must be an id string");
    json_decref(ids);
}

/* Parses paging; returns the number of problems. */
static int paging(const char *size, const char *number, int *size_out, int *number_out, field_errors *errs) {
    field_errors_init(errs);
    *size_out = *number_out = -7;
    int rc = input_parse_paging(size, number, size_out, number_out, errs);
    assert_int_equal(rc, errs->count ? -1 : 0);
    return errs->count;
}

static void paging_defaults_and_bounds(void **state) {
    (void)state;
    field_errors errs;
    int size, number;
    assert_int_equal(paging(NULL, NULL, &size, &number, &errs), 0);
    assert_int_equal(size, 25);
    assert_int_equal(number, 1);
    assert_int_equal(paging("1", "1", &size, &number, &errs), 0);
    assert_int_equal(size, 1);
    assert_int_equal(paging("500", "1000000", &size, &number, &errs), 0);
    assert_int_equal(size, 500);
    assert_int_equal(number, 1000000);
    assert_int_equal(paging("100", "3", &size, &number, &errs), 0);
    assert_int_equal(size, 100);
    assert_int_equal(number, 3);

    static const char *const bad_sizes[] = {"0", "501", "-1", "abc", "10x", "", "1.5", "99999999999999999999"};
    for (size_t i = 0; i < sizeof bad_sizes / sizeof bad_sizes[0]; i++) {
        if (paging(bad_sizes[i], NULL, &size, &number, &errs) != 1) fail_msg("pageSize \"%s\" accepted", bad_sizes[i]);
        assert_error(&errs, "pageSize", "invalid.value", "from 1 to 500");
    }
    static const char *const bad_numbers[] = {"0", "-3", "1000001", "two", "", "2 "};
    for (size_t i = 0; i < sizeof bad_numbers / sizeof bad_numbers[0]; i++) {
        if (paging(NULL, bad_numbers[i], &size, &number, &errs) != 1)
            fail_msg("pageNumber \"%s\" accepted", bad_numbers[i]);
        assert_error(&errs, "pageNumber", "invalid.value", "whole number from 1");
    }
    assert_int_equal(paging("0", "0", &size, &number, &errs), 2);
    assert_error(&errs, "pageSize", "invalid.value", "pageSize");
    assert_error(&errs, "pageNumber", "invalid.value", "pageNumber");
}

static void lowercase_copies_within_bounds(void **state) {
    (void)state;
    char out[8];
    input_lowercase("Ann@EXAMPLE.com", out, sizeof out);
    assert_string_equal(out, "ann@exa");
    input_lowercase("AB", out, sizeof out);
    assert_string_equal(out, "ab");
    input_lowercase("", out, sizeof out);
    assert_string_equal(out, "");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(required_and_optional_strings),
        cmocka_unit_test(names),
        cmocka_unit_test(name_length_counts_characters),
        cmocka_unit_test(descriptions),
        cmocka_unit_test(emails),
        cmocka_unit_test(passwords),
        cmocka_unit_test(language_tags),
        cmocka_unit_test(group_types),
        cmocka_unit_test(unknown_keys),
        cmocka_unit_test(id_lists),
        cmocka_unit_test(paging_defaults_and_bounds),
        cmocka_unit_test(lowercase_copies_within_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
