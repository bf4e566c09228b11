/* Building responses: JSON documents, ErrorBody errors, static bytes. Each
 * request gets exactly one; every response carries the security headers. */
#ifndef PORTICO_HTTP_RESPONSE_H
#define PORTICO_HTTP_RESPONSE_H

#include "core/field_errors.h"
#include "http/request.h"

#include <jansson.h>

/* Content-Security-Policy of every HTML page but the shell's. */
extern const char CSP_STRICT[];

typedef struct {
    const char *name, *value;
} response_header;

/* Sends body (reference stolen) as JSON. Returns the MHD result. */
int respond_json(request *req, int status, json_t *body);
int respond_json_with(request *req, int status, json_t *body, const response_header *headers, size_t n_headers);
int respond_empty(request *req, int status, const response_header *headers, size_t n_headers);
/* Sends bytes that outlive the response (embedded assets, cached documents). */
int respond_static(request *req, int status, const char *content_type, const void *data, size_t len,
                   const response_header *headers, size_t n_headers);

/* Sends malloc'd bytes; the response frees them. */
int respond_owned(request *req, int status, const char *content_type, char *data, size_t len,
                  const response_header *headers, size_t n_headers);

/* An ErrorBody with a message written for a person. */
int respond_error(request *req, int status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A 400 ErrorBody whose details name every field in errs. */
int respond_field_errors(request *req, const field_errors *errs);
/* Maps a store failure to its ErrorBody; `what` names the entity ("user"). */
int respond_store_error(request *req, store_status s, const char *what);

#endif
