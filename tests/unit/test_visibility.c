#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/visibility.h"

static const char *const APP_ROLES[] = {"role-agent", "role-lead"};
static const char *const APP_GROUPS[] = {"group-support", "group-sales"};
static const char *const USER_ROLES[] = {"role-other", "role-lead"};
static const char *const USER_GROUPS[] = {"group-sales"};

/* The app above for a user with the given roles and groups. */
static int sees(int active, int licensed, const char *const *roles, size_t n_roles,
                const char *const *groups, size_t n_groups) {
    return visibility_user_may_see(active, licensed, APP_ROLES, 2, APP_GROUPS, 2, roles, n_roles,
                                   groups, n_groups);
}

static void member_with_a_role_sees_an_active_licensed_app(void **state) {
    (void)state;
    assert_int_equal(sees(1, 1, USER_ROLES, 2, USER_GROUPS, 1), 1);
}

static void inactive_or_unlicensed_apps_are_hidden(void **state) {
    (void)state;
    assert_int_equal(sees(0, 1, USER_ROLES, 2, USER_GROUPS, 1), 0);
    assert_int_equal(sees(1, 0, USER_ROLES, 2, USER_GROUPS, 1), 0);
}

static void role_and_group_are_both_needed(void **state) {
    (void)state;
    const char *const other_roles[] = {"role-other"};
    const char *const other_groups[] = {"group-hr"};
    assert_int_equal(sees(1, 1, other_roles, 1, USER_GROUPS, 1), 0);
    assert_int_equal(sees(1, 1, USER_ROLES, 2, other_groups, 1), 0);
    assert_int_equal(sees(1, 1, NULL, 0, USER_GROUPS, 1), 0);
    assert_int_equal(sees(1, 1, USER_ROLES, 2, NULL, 0), 0);
}

static void an_app_without_roles_or_groups_is_seen_by_nobody(void **state) {
    (void)state;
    assert_int_equal(visibility_user_may_see(1, 1, NULL, 0, APP_GROUPS, 2, USER_ROLES, 2,
                                             USER_GROUPS, 1), 0);
    assert_int_equal(visibility_user_may_see(1, 1, APP_ROLES, 2, NULL, 0, USER_ROLES, 2,
                                             USER_GROUPS, 1), 0);
}

static void ids_match_exactly(void **state) {
    (void)state;
    const char *const near_roles[] = {"role-lea", "ROLE-LEAD", "role-lead "};
    const char *const null_groups[] = {NULL, "group-sales"};
    assert_int_equal(sees(1, 1, near_roles, 3, USER_GROUPS, 1), 0);
    assert_int_equal(sees(1, 1, USER_ROLES, 2, null_groups, 2), 1);
    const char *const null_app_roles[] = {NULL};
    const char *const null_user_roles[] = {NULL};
    assert_int_equal(visibility_user_may_see(1, 1, null_app_roles, 1, APP_GROUPS, 2, null_user_roles,
                                             1, USER_GROUPS, 1), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(member_with_a_role_sees_an_active_licensed_app),
        cmocka_unit_test(inactive_or_unlicensed_apps_are_hidden),
        cmocka_unit_test(role_and_group_are_both_needed),
        cmocka_unit_test(an_app_without_roles_or_groups_is_seen_by_nobody),
        cmocka_unit_test(ids_match_exactly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
