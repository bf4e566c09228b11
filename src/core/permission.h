/* Permissions are "domain:entity:action" strings held by roles; "*" in any
 * part of a held permission matches anything in that part. */
#ifndef PORTICO_CORE_PERMISSION_H
#define PORTICO_CORE_PERMISSION_H

#include <jansson.h>
#include <stddef.h>

/* 1 when the held permission (may contain "*") grants the wanted one. */
int permission_grants(const char *held, const char *wanted);

/* 1 when any of the held permissions grants the wanted one. */
int permission_any_grants(const char *const *held, size_t n_held, const char *wanted);

/* Expands permission policies [{domain, entityName, actionSet[]}] into
 * "domain:entity:action" strings appended to out (a JSON array).
 * Returns 0, or -1 when the policies are malformed. */
int permission_policies_expand(const json_t *policies, json_t *out);

/* Checks permission policies as sent in a role: an array of objects with
 * non-empty `domain`, `entityName` (letters, digits, '-', '_' or "*") and a
 * non-empty `actionSet`. Problems go to errs under "permissionPolicies[i]". */
#include "core/field_errors.h"
int permission_policies_validate(const json_t *policies, field_errors *errs);

#endif
