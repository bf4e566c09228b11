/* The visibility index answers exactly as visibility_user_may_see, app by app. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "core/visibility.h"

#define POOL 12      /* distinct ids to draw from: small, so that lists overlap */
#define MAX_LIST 5
#define APPS 300     /* several 64-bit words */
#define ROUNDS 200

static const char *const IDS[POOL] = {"r1", "r2", "r3", "r4", "r5", "r6", "g1", "g2", "g3", "g4", "g5", NULL};

typedef struct {
    int active, licensed;
    const char *roles[MAX_LIST], *groups[MAX_LIST];
    size_t n_roles, n_groups;
} app;

static unsigned next(unsigned *seed) { return *seed = *seed * 1103515245u + 12345u, (*seed >> 16) & 0x7fff; }

/* A list of 0..MAX_LIST ids, repeats and NULL included. */
static size_t random_list(unsigned *seed, const char **out) {
    size_t n = next(seed) % (MAX_LIST + 1);
    for (size_t i = 0; i < n; i++) out[i] = IDS[next(seed) % POOL];
    return n;
}

static void matches_the_rule_app_by_app(void **state) {
    (void)state;
    unsigned seed = 42;
    app apps[APPS];
    visibility_index *ix = visibility_index_new(APPS);
    assert_non_null(ix);
    for (size_t i = 0; i < APPS; i++) {
        app *a = &apps[i];
        a->active = next(&seed) % 4 != 0;
        a->licensed = next(&seed) % 5 != 0;
        a->n_roles = random_list(&seed, a->roles);
        a->n_groups = random_list(&seed, a->groups);
    }
    for (size_t i = APPS; i-- > 0;) { /* in any order */
        const app *a = &apps[i];
        assert_int_equal(
            visibility_index_set(ix, i, a->active, a->licensed, a->roles, a->n_roles, a->groups, a->n_groups), 0);
    }
    size_t out[APPS], seen = 0;
    for (int round = 0; round < ROUNDS; round++) {
        const char *roles[MAX_LIST], *groups[MAX_LIST];
        size_t n_roles = random_list(&seed, roles), n_groups = random_list(&seed, groups);
        size_t n = visibility_index_query(ix, roles, n_roles, groups, n_groups, out), at = 0;
        for (size_t i = 0; i < APPS; i++) {
            const app *a = &apps[i];
            int sees = visibility_user_may_see(a->active, a->licensed, a->roles, a->n_roles, a->groups, a->n_groups,
                                               roles, n_roles, groups, n_groups);
            if (sees) {
                assert_true(at < n);
                assert_int_equal(out[at++], i);
            }
        }
        assert_int_equal(at, n);
        seen += n;
    }
    assert_true(seen > ROUNDS); /* the data lets users see apps: the test compares something */
    visibility_index_free(ix);
}

static void apps_never_set_are_shown_to_nobody(void **state) {
    (void)state;
    const char *const roles[] = {"r1"}, *const groups[] = {"g1"};
    visibility_index *ix = visibility_index_new(3);
    assert_int_equal(visibility_index_set(ix, 1, 1, 1, roles, 1, groups, 1), 0);
    size_t out[3];
    assert_int_equal(visibility_index_query(ix, roles, 1, groups, 1, out), 1);
    assert_int_equal(out[0], 1);
    assert_int_equal(visibility_index_set(ix, 3, 1, 1, roles, 1, groups, 1), -1); /* out of range */
    visibility_index_free(ix);
}

static void an_empty_index_shows_nothing(void **state) {
    (void)state;
    const char *const roles[] = {"r1"}, *const groups[] = {"g1"};
    visibility_index *ix = visibility_index_new(0);
    size_t out[1];
    assert_int_equal(visibility_index_query(ix, roles, 1, groups, 1, out), 0);
    visibility_index_free(ix);
    visibility_index_free(NULL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(matches_the_rule_app_by_app),
        cmocka_unit_test(apps_never_set_are_shown_to_nobody),
        cmocka_unit_test(an_empty_index_shows_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
