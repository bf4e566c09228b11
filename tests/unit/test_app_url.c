#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/app_url.h"
#include "field_errors_assert.h"

static const url_policy HTTPS_ONLY = {0};
static const url_policy DEV = {1}; /* --allow-http-apps */

static int accepted(const char *url, const url_policy *policy) {
    field_errors errs;
    field_errors_init(&errs);
    int rc = app_url_check(url, policy, "properties.url", &errs);
    if (rc == 0) assert_int_equal(errs.count, 0);
    return rc == 0;
}

/* Asserts url is refused with exactly one problem containing fragment. */
static void assert_refused(const char *url, const url_policy *policy, const char *code,
                           const char *fragment) {
    field_errors errs;
    field_errors_init(&errs);
    assert_int_equal(app_url_check(url, policy, "properties.url", &errs), -1);
    assert_int_equal(errs.count, 1);
    assert_error(&errs, "properties.url", code, fragment);
}

static void accepts_https_urls(void **state) {
    (void)state;
    assert_true(accepted("https://apps.example.com/app", &HTTPS_ONLY));
    assert_true(accepted("https://example.com", &HTTPS_ONLY));
    assert_true(accepted("HTTPS://Apps.Example.com:8443/x?y=1#z", &HTTPS_ONLY));
    assert_true(accepted("https://127.0.0.1:3000/", NULL));
    assert_true(accepted("https://[::1]:8443/", &HTTPS_ONLY));
    assert_true(accepted("https://my_host.example.com/a%20b", &HTTPS_ONLY));
}

static void accepts_tokens_in_path_query_and_fragment(void **state) {
    (void)state;
    assert_true(accepted("https://example.com/{{gcLangTag}}/app?host={{gcHostOrigin}}"
                         "&env={{gcTargetEnv}}#{{pcEnvironment}}",
                         &HTTPS_ONLY));
}

static void refuses_tokens_in_scheme_or_host(void **state) {
    (void)state;
    assert_refused("https://{{pcEnvironment}}/app", &HTTPS_ONLY, "invalid.value",
                   "placeholders may appear only in the path, query or fragment");
    assert_refused("{{gcHostOrigin}}/app", &HTTPS_ONLY, "invalid.value", "not in the scheme or host");
    assert_refused("https://apps.{{x}}.com:{{port}}/", &HTTPS_ONLY, "invalid.value", "placeholders");
}

static void http_only_for_loopback_when_allowed(void **state) {
    (void)state;
    const char *why = "must start with https: (http: is allowed only for localhost and 127.0.0.1 "
                      "when the server runs with --allow-http-apps)";
    assert_true(accepted("http://localhost:3000/app", &DEV));
    assert_true(accepted("http://127.0.0.1:8080/app?x=1", &DEV));
    assert_true(accepted("HTTP://LocalHost/", &DEV));
    assert_refused("http://localhost:3000/app", &HTTPS_ONLY, "invalid.value", why);
    assert_refused("http://127.0.0.1/", NULL, "invalid.value", why);
    assert_refused("http://example.com/", &DEV, "invalid.value", why);
    assert_refused("http://127.0.0.2/", &DEV, "invalid.value", why);
    assert_refused("http://localhost.example.com/", &DEV, "invalid.value", why);
    assert_refused("http://[::1]/", &DEV, "invalid.value", why);
}

static void refuses_other_schemes(void **state) {
    (void)state;
    assert_refused("javascript:alert(1)", &DEV, "invalid.value", "\"javascript:\" scheme is not allowed");
    assert_refused("JavaScript://%0aalert(1)", &DEV, "invalid.value", "\"JavaScript:\" scheme");
    assert_refused("data:text/html,<script>alert(1)</script>", &DEV, "invalid.value",
                   "\"data:\" scheme is not allowed; the URL must start with https:");
    assert_refused("ftp://example.com/", &DEV, "invalid.value", "\"ftp:\" scheme");
}

static void refuses_relative_urls(void **state) {
    (void)state;
    const char *why = "must be a full URL starting with https://";
    assert_refused("//example.com/app", &HTTPS_ONLY, "invalid.value", why);
    assert_refused("example.com/app", &HTTPS_ONLY, "invalid.value", why);
    assert_refused("localhost:3000/app", &DEV, "invalid.value", why);
    assert_refused("https:example.com", &HTTPS_ONLY, "invalid.value", why);
    assert_refused("https:/example.com", &HTTPS_ONLY, "invalid.value", why);
    assert_refused("/app/index.html", &HTTPS_ONLY, "invalid.value", why);
}

static void refuses_user_info(void **state) {
    (void)state;
    const char *why = "must not contain a user name or password";
    assert_refused("https://user:pw@example.com/", &HTTPS_ONLY, "invalid.value", why);
    assert_refused("https://example.com@evil.com/", &HTTPS_ONLY, "invalid.value", why);
    assert_refused("http://localhost@evil.com/", &DEV, "invalid.value", why);
}

static void backslash_ends_the_host_as_in_browsers(void **state) {
    (void)state;
    char origin[APP_URL_ORIGIN_MAX];
    /* A browser reads this as host example.com, path "/@evil.com". */
    assert_true(accepted("https://example.com\\@evil.com/", &HTTPS_ONLY));
    assert_int_equal(app_url_origin("https://example.com\\@evil.com/", origin, sizeof origin), 0);
    assert_string_equal(origin, "https://example.com");
    assert_refused("https:\\\\evil.com/", &HTTPS_ONLY, "invalid.value", "must be a full URL");
}

static void refuses_whitespace_control_and_non_ascii(void **state) {
    (void)state;
    const char *why = "must not contain spaces or control characters";
    assert_refused("https://exa mple.com/", &HTTPS_ONLY, "invalid.value", why);
    assert_refused("https://example.com/a b", &HTTPS_ONLY, "invalid.value", why);
    assert_refused(" https://example.com/", &HTTPS_ONLY, "invalid.value", why);
    assert_refused("https://example.com/\t", &HTTPS_ONLY, "invalid.value", why);
    assert_refused("java\nscript:alert(1)", &HTTPS_ONLY, "invalid.value", why);
    assert_refused("https://example.com/\x7f", &HTTPS_ONLY, "invalid.value", why);
    assert_refused("https://ex\xc3\xa4mple.com/", &HTTPS_ONLY, "invalid.value", "only ASCII characters");
}

static void refuses_empty(void **state) {
    (void)state;
    assert_refused("", &HTTPS_ONLY, "missing.value", "missing");
    assert_refused(NULL, &HTTPS_ONLY, "missing.value", "missing");
}

static void limits_length(void **state) {
    (void)state;
    char url[APP_URL_MAX_LENGTH + 2];
    const char *head = "https://example.com/";
    memset(url, 'a', sizeof url - 1);
    memcpy(url, head, strlen(head));
    url[APP_URL_MAX_LENGTH] = '\0';
    assert_true(accepted(url, &HTTPS_ONLY));
    url[APP_URL_MAX_LENGTH] = 'a';
    url[APP_URL_MAX_LENGTH + 1] = '\0';
    assert_refused(url, &HTTPS_ONLY, "invalid.value", "too long; at most 2048 characters");
}

static void requires_a_valid_host(void **state) {
    (void)state;
    assert_refused("https:///app", &HTTPS_ONLY, "invalid.value", "a host name is required");
    assert_refused("https://:443/", &HTTPS_ONLY, "invalid.value", "a host name is required");
    const char *bad[] = {
        "https://exa..mple.com/", "https://.example.com/", "https://example.com./",
        "https://exa%6dple.com/", "https://0x7f.1/",       "https://256.0.0.1/",
        "https://01.2.3.4/",      "https://1.2.3/",        "https://[::1/",
        "https://[zz::1]/",       "https://a.b:c:d/x",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        field_errors errs;
        field_errors_init(&errs);
        assert_int_equal(app_url_check(bad[i], &HTTPS_ONLY, "properties.url", &errs), -1);
        assert_int_equal(errs.count, 1);
        assert_string_equal(errs.items[0].field, "properties.url");
    }
    assert_refused("https://exa..mple.com/", &HTTPS_ONLY, "invalid.value", "host name is not valid");
    char long_label[80] = "https://";
    memset(long_label + 8, 'a', 64);
    strcpy(long_label + 72, ".com/");
    assert_refused(long_label, &HTTPS_ONLY, "invalid.value", "host name is not valid");
}

static void checks_the_port(void **state) {
    (void)state;
    const char *why = "the port must be a number from 1 to 65535";
    assert_true(accepted("https://example.com:65535/", &HTTPS_ONLY));
    assert_refused("https://example.com:0/", &HTTPS_ONLY, "invalid.value", why);
    assert_refused("https://example.com:65536/", &HTTPS_ONLY, "invalid.value", why);
    assert_refused("https://example.com:/", &HTTPS_ONLY, "invalid.value", why);
    assert_refused("https://example.com:44a/", &HTTPS_ONLY, "invalid.value", why);
    assert_refused("https://example.com:000443/", &HTTPS_ONLY, "invalid.value", why);
}

static void uses_the_given_field_name(void **state) {
    (void)state;
    field_errors errs;
    field_errors_init(&errs);
    assert_int_equal(app_url_check("ftp://x.com/", NULL, "advanced.icon.24x24", &errs), -1);
    assert_error(&errs, "advanced.icon.24x24", "invalid.value", "\"ftp:\" scheme");
}

static void assert_origin(const char *url, const char *expected) {
    char origin[APP_URL_ORIGIN_MAX];
    assert_int_equal(app_url_origin(url, origin, sizeof origin), 0);
    assert_string_equal(origin, expected);
}

static void origin_lower_cases_and_drops_default_port(void **state) {
    (void)state;
    assert_origin("https://Apps.Example.COM/app?x=1#y", "https://apps.example.com");
    assert_origin("HTTPS://example.com:443/", "https://example.com");
    assert_origin("https://example.com:0443", "https://example.com");
    assert_origin("https://example.com:8443/app", "https://example.com:8443");
    assert_origin("https://example.com:80/", "https://example.com:80");
    assert_origin("http://localhost:80/", "http://localhost");
    assert_origin("HTTP://LOCALHOST:3000/{{gcLangTag}}", "http://localhost:3000");
    assert_origin("http://127.0.0.1:8080?x", "http://127.0.0.1:8080");
    assert_origin("https://[::1]:8443/", "https://[::1]:8443");
    assert_origin("https://example.com#frag", "https://example.com");
}

static void origin_fails_on_bad_urls_and_small_buffers(void **state) {
    (void)state;
    char origin[APP_URL_ORIGIN_MAX];
    assert_int_equal(app_url_origin("javascript:alert(1)", origin, sizeof origin), -1);
    assert_int_equal(app_url_origin("https://u@example.com/", origin, sizeof origin), -1);
    assert_int_equal(app_url_origin("", origin, sizeof origin), -1);
    assert_int_equal(app_url_origin(NULL, origin, sizeof origin), -1);
    char small[20]; /* "https://example.com" needs 20 with the NUL */
    assert_int_equal(app_url_origin("https://example.com/", small, 19), -1);
    assert_int_equal(app_url_origin("https://example.com/", small, sizeof small), 0);
    assert_string_equal(small, "https://example.com");
}

static void assert_filled(const char *url, const url_token_values *v, const char *expected) {
    char *filled = app_url_fill_tokens(url, v);
    assert_non_null(filled);
    assert_string_equal(filled, expected);
    free(filled);
}

static void fills_every_known_token_encoded(void **state) {
    (void)state;
    url_token_values v = {"http://127.0.0.1:8080", "prod", "en-us", "mypurecloud.com"};
    assert_filled("https://app.example.com/?o={{gcHostOrigin}}&e={{gcTargetEnv}}&l={{gcLangTag}}"
                  "&p={{pcLangTag}}&r={{pcEnvironment}}",
                  &v,
                  "https://app.example.com/?o=http%3A%2F%2F127.0.0.1%3A8080&e=prod&l=en-us"
                  "&p=en-us&r=mypurecloud.com");
}

static void encodes_everything_but_unreserved(void **state) {
    (void)state;
    url_token_values v = {"a b&c=d/e?f#g", "x+y%z", "fr-CA_~.", "caf\xc3\xa9"};
    assert_filled("https://x.com/{{gcHostOrigin}}/{{gcTargetEnv}}/{{gcLangTag}}/{{pcEnvironment}}",
                  &v, "https://x.com/a%20b%26c%3Dd%2Fe%3Ff%23g/x%2By%25z/fr-CA_~./caf%C3%A9");
}

static void leaves_unknown_tokens_and_text_alone(void **state) {
    (void)state;
    url_token_values v = {"https://h", "prod", "en-us", "env"};
    assert_filled("https://x.com/{{unknown}}/{gcLangTag}/{{gcLangTag}/{{ gcLangTag }}/{{GCLANGTAG}}",
                  &v, "https://x.com/{{unknown}}/{gcLangTag}/{{gcLangTag}/{{ gcLangTag }}/{{GCLANGTAG}}");
    assert_filled("https://x.com/app", &v, "https://x.com/app");
    assert_filled("{{{gcTargetEnv}}}", &v, "{prod}");
    assert_filled("{{gcTargetEnv}}{{gcTargetEnv}}", &v, "prodprod");
}

static void null_values_fill_in_empty(void **state) {
    (void)state;
    url_token_values v = {NULL, NULL, NULL, NULL};
    assert_filled("https://x.com/?o={{gcHostOrigin}}&l={{pcLangTag}}", &v, "https://x.com/?o=&l=");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_https_urls),
        cmocka_unit_test(accepts_tokens_in_path_query_and_fragment),
        cmocka_unit_test(refuses_tokens_in_scheme_or_host),
        cmocka_unit_test(http_only_for_loopback_when_allowed),
        cmocka_unit_test(refuses_other_schemes),
        cmocka_unit_test(refuses_relative_urls),
        cmocka_unit_test(refuses_user_info),
        cmocka_unit_test(backslash_ends_the_host_as_in_browsers),
        cmocka_unit_test(refuses_whitespace_control_and_non_ascii),
        cmocka_unit_test(refuses_empty),
        cmocka_unit_test(limits_length),
        cmocka_unit_test(requires_a_valid_host),
        cmocka_unit_test(checks_the_port),
        cmocka_unit_test(uses_the_given_field_name),
        cmocka_unit_test(origin_lower_cases_and_drops_default_port),
        cmocka_unit_test(origin_fails_on_bad_urls_and_small_buffers),
        cmocka_unit_test(fills_every_known_token_encoded),
        cmocka_unit_test(encodes_everything_but_unreserved),
        cmocka_unit_test(leaves_unknown_tokens_and_text_alone),
        cmocka_unit_test(null_values_fill_in_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
