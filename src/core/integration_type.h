/* Integration types: the catalog of apps an organization may install. A type
 * is a JSON manifest: the built-in embedded-client-app ("Custom Client
 * Application"), or one an operator registers with `portico type add`.
 * This module checks manifests, turns one into the public IntegrationType
 * API object, hands out its config schemas, and decides licensing: whether
 * an organization (subscription level + license keys) may install the type,
 * which also decides whether its existing integrations are still shown. */
#ifndef PORTICO_CORE_INTEGRATION_TYPE_H
#define PORTICO_CORE_INTEGRATION_TYPE_H

#include <jansson.h>
#include <stddef.h>

#include "core/field_errors.h"

#define INTEGRATION_TYPE_BUILTIN_ID "embedded-client-app"
#define INTEGRATION_TYPE_LEVEL_MIN 1
#define INTEGRATION_TYPE_LEVEL_MAX 3

/* The built-in embedded-client-app manifest (new reference; NULL on OOM). */
json_t *integration_type_builtin(void);

/* 0 when manifest is a valid type manifest; -1 after adding every problem
 * under field names "manifest.<key>" (e.g. "manifest.id",
 * "manifest.images[0].imageUri"). Required: id, name, license,
 * minimumLevel. Does not check that the id is free: the caller refuses ids
 * already registered, including INTEGRATION_TYPE_BUILTIN_ID. */
int integration_type_manifest_validate(const json_t *manifest, field_errors *errs);

/* The IntegrationType API object of a valid manifest (new reference; NULL
 * on OOM). self_base is the collection path without a trailing slash; NULL
 * means "/api/v2/integrations/types". */
json_t *integration_type_to_api(const json_t *manifest, const char *self_base);

/* 1 when an organization with that subscription level and those license
 * keys may install (and keep using) the type; else 0, writing into why
 * (when not NULL) a sentence for a person naming only what is missing. */
int integration_type_installable(const json_t *manifest, int org_level,
                                 const char *const *org_licenses, size_t n_licenses, char *why,
                                 size_t why_len);

/* 1 when the type is configured like embedded-client-app (the built-in type,
 * or a registered type without its own schemas): its properties and advanced
 * are checked by clientapp_config and its integrations appear in the shell. */
int integration_type_uses_clientapp_config(const json_t *manifest);

/* The type's config schema documents (new references; NULL on OOM). */
json_t *integration_type_properties_schema(const json_t *manifest);
json_t *integration_type_advanced_schema(const json_t *manifest);

#endif
