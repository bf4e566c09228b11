/* Helpers shared by the libFuzzer targets: NUL-terminated copies of the
 * input and a check that aborts (so libFuzzer reports a crash) when an
 * invariant of the code under test does not hold. */
#ifndef PORTICO_FUZZ_UTIL_H
#define PORTICO_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ASSERT(cond)                                                                  \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);    \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

/* A malloc'd NUL-terminated copy of data[0..size) (embedded NULs end the string early). */
static inline char *fuzz_strndup(const uint8_t *data, size_t size) {
    char *s = malloc(size + 1);
    if (!s) abort();
    if (size) memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* Splits data at the first '\n': *first and *second are malloc'd strings. */
static inline void fuzz_split(const uint8_t *data, size_t size, char **first, char **second) {
    const uint8_t *nl = size ? memchr(data, '\n', size) : NULL;
    size_t n = nl ? (size_t)(nl - data) : size;
    *first = fuzz_strndup(data, n);
    *second = nl ? fuzz_strndup(nl + 1, size - n - 1) : fuzz_strndup(data, 0);
}

#endif
