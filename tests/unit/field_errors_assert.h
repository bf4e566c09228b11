/* cmocka helpers for tests of src/core validators: find a recorded problem
 * by field, code and a fragment of its message. Include after <cmocka.h>. */
#ifndef PORTICO_TESTS_FIELD_ERRORS_ASSERT_H
#define PORTICO_TESTS_FIELD_ERRORS_ASSERT_H

#include <stdio.h>
#include <string.h>

#include "core/field_errors.h"

static inline int errs_find(const field_errors *errs, const char *field, const char *code,
                            const char *fragment) {
    for (int i = 0; i < errs->count; i++) {
        const field_error *e = &errs->items[i];
        if (strcmp(e->field, field) == 0 && strcmp(e->code, code) == 0 &&
            strstr(e->message, fragment) && strncmp(e->message, field, strlen(field)) == 0)
            return 1;
    }
    return 0;
}

static inline void errs_print(const field_errors *errs) {
    for (int i = 0; i < errs->count; i++)
        fprintf(stderr, "  [%s] %s (%s)\n", errs->items[i].field, errs->items[i].message,
                errs->items[i].code);
}

/* Asserts a problem on `field` with `code` whose message starts with the
 * field name and contains `fragment`. */
#define assert_error(errs, field, code, fragment)                                   \
    do {                                                                              \
        if (!errs_find((errs), (field), (code), (fragment))) {                        \
            fprintf(stderr, "expected [%s] %s containing \"%s\"; got:\n", (field),    \
                    (code), (fragment));                                              \
            errs_print(errs);                                                         \
            fail();                                                                   \
        }                                                                             \
    } while (0)

#endif
