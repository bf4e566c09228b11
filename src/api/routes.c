/* Every route of the server, gathered from the resource files. More specific
 * patterns come first: /api/v2/users/me before /api/v2/users/{id}. */
#include "api/api.h"

#include <pthread.h>
#include <stdlib.h>

static const route *const route_groups[] = {
    api_health_routes,      api_session_routes,          api_user_routes,        api_group_routes,
    api_role_routes,        api_clientapp_routes,        api_type_routes,        api_integration_config_routes,
    api_integration_routes, api_audit_routes,            api_shell_routes,       api_web_routes,
    api_openapi_routes,
};

static route *table;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void build_table(void) {
    size_t n = 0;
    for (size_t g = 0; g < sizeof route_groups / sizeof route_groups[0]; g++)
        for (const route *r = route_groups[g]; r->method; r++) n++;
    table = calloc(n + 1, sizeof *table);
    if (!table) abort(); /* at start-up, nothing to recover */
    n = 0;
    for (size_t g = 0; g < sizeof route_groups / sizeof route_groups[0]; g++)
        for (const route *r = route_groups[g]; r->method; r++) table[n++] = *r;
}

const route *api_routes(void) {
    pthread_once(&table_once, build_table);
    return table;
}
