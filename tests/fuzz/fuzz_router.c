/* router_match on arbitrary paths: against every pattern of the real route
 * table, and against an arbitrary pattern (input "pattern\npath"). A match
 * must account for the whole path: the pattern with each {name} and the
 * trailing * replaced by the captured values gives back the path. */
#include "api/api.h"
#include "http/router.h"
#include "fuzz_util.h"

/* The pattern with its captures filled in (malloc'd). */
static char *rebuild(const char *pattern, const request *req, size_t path_len) {
    size_t cap = strlen(pattern) + path_len + 1, used = 0;
    char *out = malloc(cap);
    if (!out) abort();
    int param = 0;
    for (const char *p = pattern; *p;) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        int rest = p[0] == '*' && p[1] == '\0';
        if (close || rest) {
            FUZZ_ASSERT(param < req->n_params && req->params[param]);
            size_t n = strlen(req->params[param]);
            FUZZ_ASSERT(used + n < cap);
            memcpy(out + used, req->params[param++], n);
            used += n;
            p = rest ? p + 1 : close + 1;
        } else {
            FUZZ_ASSERT(used + 1 < cap);
            out[used++] = *p++;
        }
    }
    out[used] = '\0';
    FUZZ_ASSERT(param == req->n_params);
    return out;
}

static void check_match(const char *pattern, const char *path) {
    request req;
    memset(&req, 0, sizeof req);
    if (router_match(pattern, path, &req)) {
        for (int i = 0; i < req.n_params; i++) FUZZ_ASSERT(req.params[i] != NULL);
        char *again = rebuild(pattern, &req, strlen(path));
        FUZZ_ASSERT(strcmp(again, path) == 0);
        free(again);
    } else {
        FUZZ_ASSERT(req.n_params == 0);
    }
    for (int i = 0; i < req.n_params; i++) free(req.params[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *path = fuzz_strndup(data, size);
    for (const route *r = api_routes(); r->method; r++) check_match(r->pattern, path);
    free(path);

    char *pattern;
    fuzz_split(data, size, &pattern, &path);
    check_match(pattern, path);
    free(pattern);
    free(path);
    return 0;
}
