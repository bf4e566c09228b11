#include "http/response.h"
#include "core/utf8.h"

#include <microhttpd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char CSP_STRICT[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
    "connect-src 'self'; frame-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'; object-src 'none'";

static void add_security_headers(struct MHD_Response *res, const char *content_type) {
    MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(res, "Referrer-Policy", "no-referrer");
    if (content_type && strncmp(content_type, "text/html", 9) == 0) {
        MHD_add_response_header(res, "X-Frame-Options", "DENY");
    } else {
        MHD_add_response_header(res, "Cache-Control", "no-store");
    }
}

static int queue(request *req, int status, struct MHD_Response *res, const char *content_type,
                 const response_header *headers, size_t n_headers) {
    if (!res) return MHD_NO;
    if (content_type) MHD_add_response_header(res, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    int has_csp = 0;
    for (size_t i = 0; i < n_headers; i++) {
        MHD_add_response_header(res, headers[i].name, headers[i].value);
        if (strcasecmp(headers[i].name, "Content-Security-Policy") == 0) has_csp = 1;
    }
    if (content_type && strncmp(content_type, "text/html", 9) == 0 && !has_csp)
        MHD_add_response_header(res, "Content-Security-Policy", CSP_STRICT);
    add_security_headers(res, content_type);
    req->status = status;
    int ret = MHD_queue_response(req->conn, (unsigned)status, res);
    MHD_destroy_response(res);
    return ret;
}

int respond_json_with(request *req, int status, json_t *body, const response_header *headers, size_t n_headers) {
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    if (!text) { /* only when out of memory or given invalid UTF-8: a bug, but still an answer */
        static const char failed[] = "{\"message\":\"The server could not build its answer\","
                                     "\"code\":\"internal.server.error\",\"status\":500}";
        return respond_static(req, 500, "application/json", failed, sizeof failed - 1, NULL, 0);
    }
    size_t len = strlen(text);
    struct MHD_Response *res = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
    if (!res) free(text);
    return queue(req, status, res, "application/json", headers, n_headers);
}

int respond_json(request *req, int status, json_t *body) { return respond_json_with(req, status, body, NULL, 0); }

int respond_empty(request *req, int status, const response_header *headers, size_t n_headers) {
    struct MHD_Response *res = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    return queue(req, status, res, NULL, headers, n_headers);
}

int respond_static(request *req, int status, const char *content_type, const void *data, size_t len,
                   const response_header *headers, size_t n_headers) {
    struct MHD_Response *res = MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_PERSISTENT);
    return queue(req, status, res, content_type, headers, n_headers);
}

int respond_owned(request *req, int status, const char *content_type, char *data, size_t len,
                  const response_header *headers, size_t n_headers) {
    struct MHD_Response *res = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    if (!res) free(data);
    return queue(req, status, res, content_type, headers, n_headers);
}

static json_t *error_body(request *req, int status, const char *code, const char *message) {
    return json_pack("{s:s, s:s, s:i, s:s, s:[], s:[]}", "message", message, "code", code, "status", status,
                     "contextId", req->context_id, "details", "errors");
}

int respond_error(request *req, int status, const char *code, const char *fmt, ...) {
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    utf8_repair(message); /* may quote the path or a value as sent */
    return respond_json(req, status, error_body(req, status, code, message));
}

int respond_field_errors(request *req, const field_errors *errs) {
    const char *first = errs->count ? errs->items[0].message : "The request is not valid";
    json_t *body = error_body(req, 400, errs->count ? errs->items[0].code : "bad.request", first);
    json_t *details = json_object_get(body, "details"), *errors = json_object_get(body, "errors");
    for (int i = 0; i < errs->count; i++) {
        const field_error *e = &errs->items[i];
        json_array_append_new(details, json_pack("{s:s, s:s}", "errorCode", e->code, "fieldName", e->field));
        json_array_append_new(errors, json_pack("{s:s, s:s, s:i}", "message", e->message, "code", e->code, "status", 400));
    }
    return respond_json(req, 400, body);
}

int respond_store_error(request *req, store_status s, const char *what) {
    switch (s) {
    case STORE_NOT_FOUND: return respond_error(req, 404, "not.found", "The %s was not found", what);
    case STORE_CONFLICT:
        return respond_error(req, 409, "conflict", "A %s with this name already exists; choose another", what);
    case STORE_STALE:
        return respond_error(req, 409, "conflict",
                             "The %s was changed by someone else: the version sent does not match the current version. "
                             "Reload it and try again", what);
    case STORE_UNAVAILABLE:
        return respond_error(req, 503, "service.unavailable", "The database is not available right now; try again shortly");
    default: return respond_error(req, 500, "internal.server.error", "Something went wrong on the server; the log names this contextId");
    }
}
