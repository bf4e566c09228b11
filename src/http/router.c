#include "http/router.h"
#include "http/auth.h"
#include "http/response.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void clear_params(request *req) {
    for (int i = 0; i < req->n_params; i++) free(req->params[i]);
    req->n_params = 0;
}

/* A trailing * takes the rest of the path, possibly empty ("/admin/" matches "/admin/" "*"). */
static int capture_rest(const char *s, request *req) {
    if (req->n_params == REQUEST_MAX_PARAMS) return 0;
    req->params[req->n_params++] = strdup(s);
    return 1;
}

int router_match(const char *pattern, const char *path, request *req) {
    clear_params(req);
    const char *p = pattern, *s = path;
    while (*p) {
        if (p[0] == '*' && p[1] == '\0') { /* a trailing * takes the rest, or there is no room: no match */
            if (capture_rest(s, req)) return 1;
            break;
        }
        if (*p == '{') {
            size_t n = strcspn(s, "/");
            const char *close = strchr(p, '}');
            if (n == 0 || !close || req->n_params == REQUEST_MAX_PARAMS) break;
            req->params[req->n_params++] = strndup(s, n);
            p = close + 1;
            s += n;
        } else if (*p == *s) {
            p++;
            s++;
        } else {
            break; /* also at the end of path: *s is '\0' and *p is not */
        }
    }
    if (*p == '\0' && *s == '\0') return 1;
    clear_params(req);
    return 0;
}

static int is_json_content_type(const char *ct) {
    if (!ct) return 0;
    size_t n = strcspn(ct, ";");
    while (n && ct[n - 1] == ' ') n--;
    return n == 16 && strncasecmp(ct, "application/json", 16) == 0;
}

static int parse_json_body(request *req) {
    if (req->body_len == 0)
        return respond_error(req, 400, "bad.request", "The request body is empty; send a JSON document");
    if (!is_json_content_type(request_header(req, "Content-Type")))
        return respond_error(req, 415, "unsupported.media.type",
                             "The request body must be JSON: send Content-Type: application/json");
    json_error_t err;
    req->json = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &err);
    if (!req->json)
        return respond_error(req, 400, "bad.request", "The body is not valid JSON: %s at line %d, column %d", err.text,
                             err.line, err.column);
    return -1; /* parsed: go on */
}

static int method_not_allowed_or_404(request *req) {
    for (const route *r = req->cfg->routes; r->method; r++)
        if (router_match(r->pattern, req->path, req))
            return respond_error(req, 405, "method.not.allowed", "%s is not supported on %s", req->method, req->path);
    return respond_error(req, 404, "not.found", "Nothing is at %s", req->path);
}

int router_dispatch(request *req) {
    const route *r = req->cfg->routes;
    for (; r->method; r++)
        if (strcmp(r->method, req->method) == 0 && router_match(r->pattern, req->path, req)) break;
    if (!r->method) return method_not_allowed_or_404(req);
    if (req->body_too_large)
        return respond_error(req, 413, "request.entity.too.large", "The request body is larger than the 1 MiB limit");
    if (!(r->flags & ROUTE_PUBLIC)) {
        int ret = auth_require_caller(req, !(r->flags & ROUTE_NO_CSRF));
        if (ret >= 0) return ret;
        if (r->permission && !request_has_permission(req, r->permission))
            return respond_error(req, 403, "missing.any.permissions",
                                 "You are not allowed to do this: you must have at least one of the following permissions: %s",
                                 r->permission);
    }
    if (r->flags & ROUTE_JSON_BODY) {
        int ret = parse_json_body(req);
        if (ret >= 0) return ret;
    }
    return r->handler(req);
}
