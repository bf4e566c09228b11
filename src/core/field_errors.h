/* A list of problems found in one request, each tied to the field it names.
 * Validation in src/core fills one; the API turns it into an ErrorBody whose
 * `details` carry the field names and whose `message` is the first problem. */
#ifndef PORTICO_CORE_FIELD_ERRORS_H
#define PORTICO_CORE_FIELD_ERRORS_H

#include <stdarg.h>

#define FIELD_ERRORS_MAX 16

typedef struct {
    char field[96];    /* e.g. "properties.url" */
    char code[32];     /* e.g. "invalid.value", "missing.value" */
    char message[256]; /* written for a person, starts with the field name */
} field_error;

typedef struct {
    field_error items[FIELD_ERRORS_MAX];
    int count;
} field_errors;

void field_errors_init(field_errors *errs);

/* Records one problem; extra problems past FIELD_ERRORS_MAX are dropped.
 * The message is printf-formatted. Field and message come out valid UTF-8
 * (see core/utf8.h), so they can always go into an ErrorBody. */
void field_errors_add(field_errors *errs, const char *field, const char *code,
                      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
