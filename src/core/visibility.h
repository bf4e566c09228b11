/* Who sees a custom client application: the one rule behind the shell's app
 * list, /api/v2/integrations/clientapps and the CSP frame-src of each user.
 * An app is shown to a user only when it is active, its type is licensed to
 * the organization, the user holds at least one of the app's roles, and the
 * user is a member of at least one of the app's groups. So an app with no
 * role or no group is shown to nobody. */
#ifndef PORTICO_CORE_VISIBILITY_H
#define PORTICO_CORE_VISIBILITY_H

#include <stddef.h>

/* 1 when the user may see the app, else 0. Ids are compared exactly; NULL
 * entries match nothing. */
int visibility_user_may_see(int app_active, int app_licensed, const char *const *app_roles,
                            size_t n_app_roles, const char *const *app_groups, size_t n_app_groups,
                            const char *const *user_roles, size_t n_user_roles,
                            const char *const *user_groups, size_t n_user_groups);

/* The same rule for many apps at once, for a list asked for on every page
 * load: an index from each group id to the apps naming it, and each app's
 * roles as numbers, so that a query costs in proportion to the apps the
 * user's groups name, not to the number of apps or users. */
typedef struct visibility_index visibility_index;

/* An index of n_apps apps, each shown to nobody until set. NULL when out of memory. */
visibility_index *visibility_index_new(size_t n_apps);
void visibility_index_free(visibility_index *ix);

/* Describes app i (< n_apps, each once) as visibility_user_may_see takes it;
 * the ids are copied. 0, or -1 when out of memory or i is out of range or set. */
int visibility_index_set(visibility_index *ix, size_t i, int app_active, int app_licensed,
                         const char *const *app_roles, size_t n_app_roles, const char *const *app_groups,
                         size_t n_app_groups);

/* Writes into out (room for n_apps) the indexes of the apps the user may see,
 * ascending, and returns how many: app i is listed exactly when
 * visibility_user_may_see says 1 for it. (size_t)-1 when out of memory. */
size_t visibility_index_query(const visibility_index *ix, const char *const *user_roles, size_t n_user_roles,
                              const char *const *user_groups, size_t n_user_groups, size_t *out);

#endif
