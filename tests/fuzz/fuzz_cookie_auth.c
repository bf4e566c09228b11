/* Credentials as sent: the Authorization header (auth_bearer_token) with
 * every output size from 0 to 300. A token is returned only from a Bearer
 * header, is the header's tail, never empty, and always fits. */
#include "http/auth.h"
#include "fuzz_util.h"

#include <strings.h>

static void check(const char *header, size_t len) {
    char *out = malloc(len ? len : 1);
    if (!out) abort();
    int ok = auth_bearer_token(header, out, len);
    if (len) FUZZ_ASSERT(ok || out[0] == '\0');
    if (ok) {
        size_t n = strlen(out), h = strlen(header);
        FUZZ_ASSERT(n > 0 && n < len && n <= h);
        FUZZ_ASSERT(strncasecmp(header, "Bearer ", 7) == 0);
        FUZZ_ASSERT(strcmp(header + h - n, out) == 0);
        FUZZ_ASSERT(out[0] != ' ');
    }
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *header = fuzz_strndup(data, size);
    check(header, 256); /* the size auth.c uses */
    check(header, size ? (size_t)data[0] + 1 : 0);
    check(header, 0);
    free(header);
    FUZZ_ASSERT(auth_bearer_token(NULL, (char[4]){0}, 4) == 0);
    return 0;
}
