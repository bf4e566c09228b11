#include "core/field_errors.h"
#include "core/utf8.h"

#include <stdio.h>
#include <string.h>

void field_errors_init(field_errors *errs) { errs->count = 0; }

void field_errors_add(field_errors *errs, const char *field, const char *code,
                      const char *fmt, ...) {
    if (errs->count >= FIELD_ERRORS_MAX) return;
    field_error *e = &errs->items[errs->count++];
    snprintf(e->field, sizeof e->field, "%s", field);
    snprintf(e->code, sizeof e->code, "%s", code);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    utf8_repair(e->field); /* both quote input and may be cut inside a character */
    utf8_repair(e->message);
}
