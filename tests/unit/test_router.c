/* router_match: what a route pattern accepts, and what it captures. The
 * regressions come from tests/fuzz/fuzz_router.c (seed corpus). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/router.h"

static int match(const char *pattern, const char *path, request *req) {
    memset(req, 0, sizeof *req);
    return router_match(pattern, path, req);
}

static void release(request *req) {
    for (int i = 0; i < req->n_params; i++) free(req->params[i]);
    req->n_params = 0;
}

static void a_path_differing_only_in_its_last_character_does_not_match(void **state) {
    (void)state;
    request req;
    assert_int_equal(match("/healthz", "/healthq", &req), 0);
    assert_int_equal(match("/api/v2/users/me", "/api/v2/users/mX", &req), 0);
    assert_int_equal(match("/logout", "/logouX", &req), 0);
    assert_int_equal(match("/healthz", "/healthz", &req), 1);
    release(&req);
}

static void a_trailing_star_takes_the_rest_even_when_empty(void **state) {
    (void)state;
    request req;
    assert_int_equal(match("/admin/*", "/admin/", &req), 1);
    assert_int_equal(req.n_params, 1);
    assert_string_equal(req.params[0], "");
    release(&req);
    assert_int_equal(match("/admin/*", "/admin/js/app.js", &req), 1);
    assert_string_equal(req.params[0], "js/app.js");
    release(&req);
    assert_int_equal(match("/admin/*", "/admin", &req), 0);
    assert_int_equal(req.n_params, 0);
}

static void a_trailing_star_with_no_room_left_is_no_match_not_a_literal(void **state) {
    (void)state;
    request req;
    /* Four captures fill the request; the star must not then match a literal '*'. */
    assert_int_equal(match("/{a}/{b}/{c}/{d}/*", "/1/2/3/4/*", &req), 0);
    assert_int_equal(req.n_params, 0);
}

static void braces_capture_one_non_empty_segment(void **state) {
    (void)state;
    request req;
    assert_int_equal(match("/api/v2/groups/{id}/members", "/api/v2/groups/g1/members", &req), 1);
    assert_int_equal(req.n_params, 1);
    assert_string_equal(req.params[0], "g1");
    release(&req);
    assert_int_equal(match("/api/v2/groups/{id}/members", "/api/v2/groups//members", &req), 0);
    assert_int_equal(match("/api/v2/groups/{id}", "/api/v2/groups/a/b", &req), 0);
    assert_int_equal(req.n_params, 0);
}

static void a_malformed_pattern_matches_nothing(void **state) {
    (void)state;
    request req;
    assert_int_equal(match("/api/{id", "/api/x", &req), 0);
    assert_int_equal(match("/{a}/{b}/{c}/{d}/{e}", "/1/2/3/4/5", &req), 0); /* more captures than room */
    assert_int_equal(req.n_params, 0);
    assert_int_equal(match("/api/v2", "/api/v2/users", &req), 0);
    assert_int_equal(match("/api/v2/users", "/api/v2", &req), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_path_differing_only_in_its_last_character_does_not_match),
        cmocka_unit_test(a_trailing_star_takes_the_rest_even_when_empty),
        cmocka_unit_test(a_trailing_star_with_no_room_left_is_no_match_not_a_literal),
        cmocka_unit_test(braces_capture_one_non_empty_segment),
        cmocka_unit_test(a_malformed_pattern_matches_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
