/* auth_bearer_token: the pure part of reading credentials (fuzzed by
 * tests/fuzz/fuzz_cookie_auth.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "http/auth.h"

static void bearer_tokens_are_read_from_the_header_value(void **state) {
    (void)state;
    char out[16];
    assert_int_equal(auth_bearer_token("Bearer abc", out, sizeof out), 1);
    assert_string_equal(out, "abc");
    assert_int_equal(auth_bearer_token("bearer   abc", out, sizeof out), 1);
    assert_string_equal(out, "abc");
    assert_int_equal(auth_bearer_token("Basic dXNlcjpwYXNz", out, sizeof out), 0);
    assert_string_equal(out, "");
    assert_int_equal(auth_bearer_token("Bearer ", out, sizeof out), 0);
    assert_int_equal(auth_bearer_token("Bearer 0123456789abcdef", out, sizeof out), 0); /* does not fit */
    assert_string_equal(out, "");
    assert_int_equal(auth_bearer_token(NULL, out, sizeof out), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bearer_tokens_are_read_from_the_header_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
