#include "core/visibility.h"

#include <string.h>

/* 1 when the two id lists share at least one id. */
static int share_an_id(const char *const *a, size_t n_a, const char *const *b, size_t n_b) {
    for (size_t i = 0; i < n_a; i++)
        for (size_t j = 0; a[i] && j < n_b; j++)
            if (b[j] && strcmp(a[i], b[j]) == 0) return 1;
    return 0;
}

int visibility_user_may_see(int app_active, int app_licensed, const char *const *app_roles,
                            size_t n_app_roles, const char *const *app_groups, size_t n_app_groups,
                            const char *const *user_roles, size_t n_user_roles,
                            const char *const *user_groups, size_t n_user_groups) {
    return app_active && app_licensed &&
           share_an_id(app_roles, n_app_roles, user_roles, n_user_roles) &&
           share_an_id(app_groups, n_app_groups, user_groups, n_user_groups);
}
