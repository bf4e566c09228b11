/* One HTTP request as handlers see it: method, path, captured path
 * parameters, query, body (parsed JSON when the route takes JSON), the
 * caller, and the response being built. Owned by the server; handlers
 * borrow it for the duration of the call. */
#ifndef PORTICO_HTTP_REQUEST_H
#define PORTICO_HTTP_REQUEST_H

#include "store/store.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct MHD_Connection;
struct MHD_Response;

#define REQUEST_MAX_PARAMS 4
#define REQUEST_MAX_BODY (1024 * 1024)

typedef struct server_config {
    store *st;
    int allow_http_apps; /* accept http://localhost and 127.0.0.1 app URLs */
    int secure_cookies;  /* served over TLS (behind a proxy): cookies get Secure */
    int threads;
    unsigned max_connections; /* open connections at once, beyond: closed at once; 0: 1000 */
    unsigned idle_timeout_s;  /* a connection silent this long is closed; 0: 30 s */
    const char *listen;  /* "127.0.0.1:8080"; port 0 picks a free one */
    const struct route *routes;
} server_config;

typedef struct request {
    struct MHD_Connection *conn;
    const server_config *cfg;
    const char *method;
    const char *path;
    char context_id[40];
    int64_t started_us;

    char *body;
    size_t body_len;
    int body_too_large;
    json_t *json; /* the parsed body of a JSON route */

    char *params[REQUEST_MAX_PARAMS]; /* captured {segments}, in order */
    int n_params;

    int authenticated;
    int via_cookie;
    char session_hash[72];
    store_principal caller;

    int status; /* the status sent, for the log */
} request;

/* The n-th captured path segment ("" when absent). */
const char *request_param(const request *req, int n);
/* A query argument or NULL. */
const char *request_query(const request *req, const char *key);
/* A request header or NULL (case-insensitive name). */
const char *request_header(const request *req, const char *name);
/* The value of a cookie or NULL; written into buf. */
const char *request_cookie(const request *req, const char *name, char *buf, size_t len);
/* Every value of a query key, repeated keys and comma-joined lists alike, as a JSON array. */
json_t *request_query_list(const request *req, const char *key);
/* Appends each non-empty item of a comma-separated value to out (strings). Pure. */
void request_split_list(const char *value, json_t *out);
/* Decodes %XX escapes of a path or query value in place, as libmicrohttpd
 * would, except %00: a NUL would cut the text short unseen ("/x%00y" routed as
 * "/x"), so "%00" stays as it is. Returns the new length. Pure. */
size_t request_unescape(char *s);
/* The peer address as text. */
void request_peer(const request *req, char *out, size_t len);
/* 1 when the caller holds a permission granting `wanted`. */
int request_has_permission(const request *req, const char *wanted);
/* 1 for POST, PUT, PATCH and DELETE. */
int request_changes_state(const request *req);

#endif
