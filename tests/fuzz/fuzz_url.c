/* The app URL rules: app_url_check under both policies, app_url_origin and
 * app_url_fill_tokens. Input: "url\nvalue" (the value fills every token).
 * An accepted URL has an origin that is itself accepted and is its own
 * origin; https-only acceptance means an https origin; filling tokens
 * never changes the origin (tokens cannot reach the scheme or host). */
#include "core/app_url.h"
#include "fuzz_util.h"

static int accepted(const char *url, const url_policy *policy) {
    field_errors errs;
    field_errors_init(&errs);
    int rc = app_url_check(url, policy, "url", &errs);
    FUZZ_ASSERT(rc == 0 ? errs.count == 0 : errs.count == 1);
    if (rc) FUZZ_ASSERT(strncmp(errs.items[0].message, "url: ", 5) == 0);
    return rc == 0;
}

static void check_origin(const char *url, int https_ok, int loopback_ok) {
    char origin[APP_URL_ORIGIN_MAX], again[APP_URL_ORIGIN_MAX];
    int rc = app_url_origin(url, origin, sizeof origin);
    if (loopback_ok) FUZZ_ASSERT(rc == 0); /* loopback_ok includes every https_ok URL */
    if (rc != 0) return;
    if (https_ok) FUZZ_ASSERT(strncmp(origin, "https://", 8) == 0);
    FUZZ_ASSERT(strncmp(origin, "https://", 8) == 0 || strncmp(origin, "http://", 7) == 0);
    const url_policy loopback = {1};
    if (loopback_ok) FUZZ_ASSERT(accepted(origin, &loopback));
    FUZZ_ASSERT(app_url_origin(origin, again, sizeof again) == 0 && strcmp(origin, again) == 0);
    /* Too small a buffer is refused, never overrun. */
    char small[8];
    if (strlen(origin) >= sizeof small) FUZZ_ASSERT(app_url_origin(url, small, sizeof small) == -1);
}

static size_t count(const char *s, char c) {
    size_t n = 0;
    for (; *s; s++) n += *s == c;
    return n;
}

static void check_fill(const char *url, const char *value, int loopback_ok) {
    const url_token_values v = {value, value, value, NULL};
    char *filled = app_url_fill_tokens(url, &v);
    FUZZ_ASSERT(filled != NULL);
    if (!strstr(url, "{{")) FUZZ_ASSERT(strcmp(filled, url) == 0);
    /* Percent-encoded, a filled value brings no new '{', '/', '?', '#' or '@'. */
    for (const char *c = "{/?#@"; *c; c++) FUZZ_ASSERT(count(filled, *c) <= count(url, *c));
    if (loopback_ok && strlen(filled) <= APP_URL_MAX_LENGTH) {
        char before[APP_URL_ORIGIN_MAX], after[APP_URL_ORIGIN_MAX];
        FUZZ_ASSERT(app_url_origin(url, before, sizeof before) == 0);
        FUZZ_ASSERT(app_url_origin(filled, after, sizeof after) == 0);
        FUZZ_ASSERT(strcmp(before, after) == 0);
    }
    free(filled);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *url, *value;
    fuzz_split(data, size, &url, &value);
    const url_policy loopback = {1};
    int https_ok = accepted(url, NULL);
    int loopback_ok = accepted(url, &loopback);
    if (https_ok) FUZZ_ASSERT(loopback_ok);
    check_origin(url, https_ok, loopback_ok);
    check_fill(url, value, loopback_ok);
    FUZZ_ASSERT(!accepted(NULL, &loopback));
    free(url);
    free(value);
    return 0;
}
