/* GET /: the workspace shell page. Its Content-Security-Policy frame-src
 * names only the origins of the apps this caller may see, and its
 * Permissions-Policy delegates only the features those apps were granted. */
#include "api/api.h"
#include "api/clientapps_cache.h"
#include "core/clientapp_config.h"
#include "http/assets.h"
#include "http/auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_MAX 8192

/* Appends " origin" to out unless already listed. */
static void add_origin(char *out, size_t len, const char *origin) {
    char needle[320];
    snprintf(needle, sizeof needle, " %s ", origin);
    char padded[HEADER_MAX + 2];
    snprintf(padded, sizeof padded, "%s ", out);
    if (!*origin || strstr(padded, needle)) return;
    size_t used = strlen(out);
    snprintf(out + used, len - used, " %s", origin);
}

/* 1 when feature is in the comma-separated list. */
static int has_feature(const char *list, const char *feature) {
    size_t n = strlen(feature);
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == ',') p++;
        size_t m = strcspn(p, ", ");
        if (m == n && strncmp(p, feature, n) == 0) return 1;
        p += m;
    }
    return 0;
}

static void build_headers(const app_snapshot *snap, const store_principal *caller, char *csp, char *perms) {
    char frames[HEADER_MAX] = "";
    for (size_t i = 0; snap && i < snap->n; i++)
        if (clientapps_visible(snap, i, caller)) add_origin(frames, sizeof frames, snap->apps[i].origin);
    snprintf(csp, HEADER_MAX,
             "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; "
             "frame-src%s; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
             *frames ? frames : " 'none'");
    perms[0] = '\0';
    for (const char *const *f = CLIENTAPP_PERMISSION_FEATURES; *f; f++) {
        char allow[HEADER_MAX / 8] = "";
        for (size_t i = 0; snap && i < snap->n; i++)
            if (*snap->apps[i].origin && has_feature(snap->apps[i].permissions, *f) && clientapps_visible(snap, i, caller)) {
                size_t used = strlen(allow);
                snprintf(allow + used, sizeof allow - used, "%s\"%s\"", used ? " " : "", snap->apps[i].origin);
            }
        size_t used = strlen(perms);
        snprintf(perms + used, HEADER_MAX - used, "%s%s=(%s)", used ? ", " : "", *f, allow);
    }
}

static int get_shell(request *req) {
    const asset *page = asset_find("/shell/index.html");
    if (!page) return respond_error(req, 404, "not.found", "The workspace is not part of this build");
    app_snapshot *snap = NULL;
    if (auth_try_caller(req) &&
        clientapps_snapshot(req->cfg->st, &(url_policy){req->cfg->allow_http_apps}, req->caller.org_id, req->caller.org_revision, &snap) != STORE_OK)
        snap = NULL;
    char *csp = malloc(HEADER_MAX), *perms = malloc(HEADER_MAX);
    int ret;
    if (!csp || !perms) {
        ret = respond_store_error(req, STORE_ERROR, "page");
    } else {
        build_headers(snap, &req->caller, csp, perms);
        response_header h[] = {{"Content-Security-Policy", csp}, {"Permissions-Policy", perms}, {"Cache-Control", "no-store"}};
        ret = respond_static(req, 200, page->content_type, page->data, page->len, h, 3);
    }
    if (snap) clientapps_release(snap);
    free(csp);
    free(perms);
    return ret;
}

const route api_shell_routes[] = {
    {"GET", "/", get_shell, ROUTE_PUBLIC, NULL},
    {0},
};
