#include "http/request.h"
#include "core/permission.h"

#include <microhttpd.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *request_param(const request *req, int n) {
    return n < req->n_params && req->params[n] ? req->params[n] : "";
}

const char *request_query(const request *req, const char *key) {
    return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, key);
}

const char *request_header(const request *req, const char *name) {
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *request_cookie(const request *req, const char *name, char *buf, size_t len) {
    const char *v = MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
    if (!v || strlen(v) >= len) return NULL;
    memcpy(buf, v, strlen(v) + 1);
    return buf;
}

typedef struct {
    const char *key;
    json_t *out;
} query_list_ctx;

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind;
    query_list_ctx *ctx = cls;
    if (key && strcmp(key, ctx->key) == 0 && value) request_split_list(value, ctx->out);
    return MHD_YES;
}

void request_split_list(const char *value, json_t *out) {
    const char *p = value;
    while (*p) {
        size_t n = strcspn(p, ",");
        if (n) json_array_append_new(out, json_stringn(p, n));
        p += n;
        if (*p == ',') p++;
    }
}

json_t *request_query_list(const request *req, const char *key) {
    query_list_ctx ctx = {key, json_array()};
    MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, collect_query, &ctx);
    return ctx.out;
}

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

size_t request_unescape(char *s) {
    char *w = s;
    for (const char *r = s; *r;) {
        int hi = r[0] == '%' ? hex_value(r[1]) : -1, lo = hi >= 0 ? hex_value(r[2]) : -1;
        if (lo >= 0 && (hi | lo) != 0) {
            *w++ = (char)(hi * 16 + lo);
            r += 3;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    return (size_t)(w - s);
}

void request_peer(const request *req, char *out, size_t len) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, len, "unknown");
    if (!info || !info->client_addr) return;
    const struct sockaddr *sa = info->client_addr;
    if (sa->sa_family == AF_INET) inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)len);
    else if (sa->sa_family == AF_INET6) inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)len);
}

int request_has_permission(const request *req, const char *wanted) {
    size_t i;
    json_t *held;
    json_array_foreach(req->caller.permissions, i, held)
        if (permission_grants(json_string_value(held), wanted)) return 1;
    return 0;
}

int request_changes_state(const request *req) {
    return strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0 && strcmp(req->method, "OPTIONS") != 0;
}
