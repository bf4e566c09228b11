/* A validator for the subset of JSON Schema (draft-07) that integration type
 * manifests may use for propertiesSchema and advancedSchema, so that the
 * published schemas describe exactly what the server accepts. The subset is
 * listed in docs/integration-types.md:
 *   type (object, array, string, integer, number, boolean, null; one or a list),
 *   properties, required, additionalProperties (a boolean), enum, const,
 *   minLength, maxLength (characters), pattern (POSIX extended regex, searched
 *   anywhere in the string, as in JSON Schema), minimum, maximum, items (one
 *   schema), minItems, maxItems, uniqueItems; the annotations title,
 *   description, default, examples, $schema, $id, id and x-* are ignored.
 * As in JSON Schema, a keyword about one JSON type says nothing of the others
 * (minLength does not refuse a number; `type` does). No I/O. */
#ifndef PORTICO_CORE_JSON_SCHEMA_H
#define PORTICO_CORE_JSON_SCHEMA_H

#include <jansson.h>

#include "core/field_errors.h"

/* Schemas nest at most this deep (the top schema is level 1). */
#define JSON_SCHEMA_DEPTH_MAX 16

/* 0 when the schema only uses the subset, correctly; otherwise -1 after
 * recording one problem per refused keyword, named by its path under `field`
 * (e.g. "manifest.propertiesSchema.properties.url.format"). */
int json_schema_check_supported(const json_t *schema, const char *field, field_errors *errs);

/* 0 when value satisfies the schema; otherwise -1 after recording one problem
 * per unmet rule, named by its path under `field` (e.g. "properties.level",
 * "properties.items[2]"): code missing.value for a required property,
 * invalid.value for the rest. Meant for schemas json_schema_check_supported
 * accepted; keywords outside the subset are ignored, and a pattern that does
 * not compile refuses every string it would check. */
int json_schema_validate(const json_t *schema, const json_t *value, const char *field,
                         field_errors *errs);

#endif
