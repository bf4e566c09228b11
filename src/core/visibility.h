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

#endif
