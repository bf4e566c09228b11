/* The browser UIs: the admin UI under /admin/, the workspace shell at /, and
 * their shared files, all served from memory. */
#include "api/api.h"
#include "http/assets.h"

#include <stdio.h>
#include <string.h>

static int send_asset(request *req, const asset *a) {
    response_header h[] = {{"Cache-Control", "no-cache"}};
    return respond_static(req, 200, a->content_type, a->data, a->len, h, 1);
}

/* /admin/x.js is the file; /admin/ and any path without an extension (a
 * client-side route) is the admin page, so a reload keeps the route. */
static int get_admin(request *req) {
    const char *rest = request_param(req, 0);
    const char *last = strrchr(req->path, '/');
    const asset *a = NULL;
    if (*rest && last && strchr(last, '.')) a = asset_find(req->path);
    else a = asset_find("/admin/index.html");
    if (!a) return respond_error(req, 404, "not.found", "Nothing is at %s", req->path);
    return send_asset(req, a);
}

static int get_file(request *req) {
    const asset *a = asset_find(req->path);
    if (!a || strstr(req->path, "index.html")) return respond_error(req, 404, "not.found", "Nothing is at %s", req->path);
    return send_asset(req, a);
}

static int get_admin_redirect(request *req) {
    response_header h[] = {{"Location", "/admin/"}};
    return respond_empty(req, 308, h, 1);
}

const route api_web_routes[] = {
    {"GET", "/admin", get_admin_redirect, ROUTE_PUBLIC, NULL},
    {"GET", "/admin/*", get_admin, ROUTE_PUBLIC, NULL},
    {"GET", "/shell/*", get_file, ROUTE_PUBLIC, NULL},
    {"GET", "/common/*", get_file, ROUTE_PUBLIC, NULL},
    {0},
};
