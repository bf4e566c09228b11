/* The roles every organization starts with. */
#ifndef PORTICO_CORE_BUILTIN_ROLES_H
#define PORTICO_CORE_BUILTIN_ROLES_H

#include <jansson.h>

#define MASTER_ADMIN_ROLE "Master Admin"
#define EMPLOYEE_ROLE "Employee"

/* [{name, description, permissionPolicies, default}]: "Master Admin" holds
 * *:*:*; "Employee", given to every new user, may read the directory (people
 * and groups), as in Genesys Cloud. New reference. */
json_t *builtin_roles(void);

#endif
