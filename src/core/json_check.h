/* Small helpers shared by the validators in src/core: read a JSON value of an
 * expected type and record a problem under the given field name when it is
 * not one. Every message starts with the field name, as field_errors wants. */
#ifndef PORTICO_CORE_JSON_CHECK_H
#define PORTICO_CORE_JSON_CHECK_H

#include <jansson.h>
#include <stddef.h>

#include "core/field_errors.h"

/* The text of a JSON string, or NULL after recording "must be a string" (or
 * "must not contain NUL characters", possible with JSON_ALLOW_NUL input). */
const char *json_check_string(const json_t *value, const char *field, field_errors *errs);

/* Records "unknown property" for every key of obj not in the NULL-terminated
 * list `known`; field names are "prefix.key". Returns the number refused. */
int json_check_known_keys(const json_t *obj, const char *const *known, const char *prefix,
                          field_errors *errs);

/* 1 when s is one of the NULL-terminated list. */
int json_check_in_list(const char *s, const char *const *list);

/* Number of characters (Unicode code points) in a UTF-8 string. */
size_t json_check_char_count(const char *s);

/* 1 when s holds only ASCII whitespace (or nothing). */
int json_check_is_blank(const char *s);

/* Writes the list as "a, b, c" into out (truncated to fit). */
void json_check_join(const char *const *list, char *out, size_t outlen);

#endif
