/* Routes: method + path pattern ("/api/v2/users/{id}", or "/admin/" + "*" for a
 * whole subtree) -> handler, with what
 * the route requires declared beside it: a caller, a permission, a JSON body.
 * The router checks those before the handler runs, so no handler repeats them. */
#ifndef PORTICO_HTTP_ROUTER_H
#define PORTICO_HTTP_ROUTER_H

#include "http/request.h"

typedef int (*route_handler)(request *req);

enum {
    ROUTE_PUBLIC = 1 << 0,    /* no caller needed */
    ROUTE_JSON_BODY = 1 << 1, /* body must be application/json and parse; in req->json */
    ROUTE_NO_CSRF = 1 << 2,   /* state-changing but safe without the CSRF header (login) */
};

typedef struct route {
    const char *method;
    const char *pattern;
    route_handler handler;
    unsigned flags;
    const char *permission; /* NULL: any authenticated caller */
} route;

/* Finds the route, authenticates, checks permission and body, calls the handler. */
int router_dispatch(request *req);

/* 1 when pattern matches path; captures {segments} into req->params. */
int router_match(const char *pattern, const char *path, request *req);

#endif
