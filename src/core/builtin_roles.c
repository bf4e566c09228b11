#include "core/builtin_roles.h"

json_t *builtin_roles(void) {
    return json_pack(
        "[{s:s, s:s, s:[{s:s, s:s, s:[s]}], s:b}, {s:s, s:s, s:[{s:s, s:s, s:[s]}, {s:s, s:s, s:[s]}], s:b}]",
        "name", MASTER_ADMIN_ROLE, "description", "Holds every permission", "permissionPolicies", "domain", "*",
        "entityName", "*", "actionSet", "*", "default", 0,
        "name", EMPLOYEE_ROLE, "description", "Every user: may read the directory of people and groups",
        "permissionPolicies", "domain", "directory", "entityName", "user", "actionSet", "view", "domain", "directory",
        "entityName", "group", "actionSet", "view", "default", 1);
}
