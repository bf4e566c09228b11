/* The configuration of a custom client application (integration type
 * embedded-client-app, and registered types configured like it): checks of
 * `properties` and `advanced` when an admin saves them, the check before the
 * app may be activated, the defaults the shell applies ("effective"
 * properties), and the JSON Schema documents that describe what is accepted.
 * Every problem goes to a field_errors under a field name such as
 * "properties.sandbox" or "advanced.lifecycle.hooks.bootstrap". */
#ifndef PORTICO_CORE_CLIENTAPP_CONFIG_H
#define PORTICO_CORE_CLIENTAPP_CONFIG_H

#include <jansson.h>
#include <stddef.h>

#include "core/app_url.h"
#include "core/field_errors.h"

#define CLIENTAPP_GROUPS_MAX 500
#define CLIENTAPP_LOCALIZED_NAME_MAX 200 /* characters */
#define CLIENTAPP_DEFAULT_SANDBOX "allow-scripts,allow-same-origin,allow-forms,allow-modals"

/* The allowed items of `sandbox` and of `permissions` (iframe `allow`
 * features), NULL-terminated. */
extern const char *const CLIENTAPP_SANDBOX_TOKENS[];
extern const char *const CLIENTAPP_PERMISSION_FEATURES[];

/* Returns 1 when a group with that id exists in the caller's organization,
 * filling its type ("official", "social" or "distribution") and name;
 * 0 when there is none. */
typedef int (*group_lookup_fn)(void *ctx, const char *group_id, char *type_out,
                               size_t type_len, char *name_out, size_t name_len);

/* 0 when properties may be saved; -1 after adding every problem found.
 * An absent or empty url is accepted here (see clientapp_ready_to_activate).
 * A NULL lookup finds no group. All group problems use the field name
 * "properties.groups". */
int clientapp_properties_validate(const json_t *properties, const url_policy *policy,
                                  group_lookup_fn lookup, void *ctx, field_errors *errs);

/* 0 when advanced may be saved; -1 after adding every problem found. Icon
 * URLs follow the same policy as the app URL. */
int clientapp_advanced_validate(const json_t *advanced, const url_policy *policy,
                                field_errors *errs);

/* 0 when the app may be activated (its url is set and valid under policy);
 * else -1 after adding one problem under "properties.url". */
int clientapp_ready_to_activate(const json_t *properties, const url_policy *policy,
                                field_errors *errs);

/* A new object: properties with defaults for absent keys (displayType
 * "standalone", featureCategory "", sandbox CLIENTAPP_DEFAULT_SANDBOX,
 * permissions "", groups []). A present sandbox of "" stays "" (fully
 * sandboxed); a null permissions becomes "". The sandbox and permissions
 * lists come back trimmed, as "a,b,c". NULL on out-of-memory. */
json_t *clientapp_effective_properties(const json_t *properties);

/* New JsonSchemaDocuments describing what the validators above accept. */
json_t *clientapp_properties_schema(void);
json_t *clientapp_advanced_schema(void);

#endif
