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

/* Whether seen[k]'s app has an origin (granted feature, unless NULL) not already listed by an earlier one. */
static int lists_origin(const app_snapshot *snap, const size_t *seen, size_t k, const char *feature) {
    const cached_app *app = &snap->apps[seen[k]];
    if (!*app->origin || (feature && !has_feature(app->permissions, feature))) return 0;
    for (size_t j = 0; j < k; j++) {
        const cached_app *earlier = &snap->apps[seen[j]];
        if (strcmp(earlier->origin, app->origin) == 0 && (!feature || has_feature(earlier->permissions, feature)))
            return 0;
    }
    return 1;
}

/* The page's CSP: frame-src names each visible app's origin, whole, however many there are. */
static char *csp_header(const app_snapshot *snap, const size_t *seen, size_t n) {
    char *buf = NULL;
    size_t len = 0, listed = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return NULL;
    fputs("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; "
          "frame-src",
          f);
    for (size_t k = 0; k < n; k++)
        if (lists_origin(snap, seen, k, NULL)) listed += fprintf(f, " %s", snap->apps[seen[k]].origin) > 0;
    fprintf(f, "%s; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'", listed ? "" : " 'none'");
    return fclose(f) == 0 ? buf : (free(buf), NULL);
}

/* feature=("origin" ...) for every feature: only the visible apps granted it. */
static char *permissions_header(const app_snapshot *snap, const size_t *seen, size_t n) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return NULL;
    for (const char *const *feature = CLIENTAPP_PERMISSION_FEATURES; *feature; feature++) {
        fprintf(f, "%s%s=(", feature == CLIENTAPP_PERMISSION_FEATURES ? "" : ", ", *feature);
        const char *sep = "";
        for (size_t k = 0; k < n; k++) {
            if (!lists_origin(snap, seen, k, *feature)) continue;
            fprintf(f, "%s\"%s\"", sep, snap->apps[seen[k]].origin);
            sep = " ";
        }
        fputc(')', f);
    }
    return fclose(f) == 0 ? buf : (free(buf), NULL);
}

static int get_shell(request *req) {
    const asset *page = asset_find("/shell/index.html");
    if (!page) return respond_error(req, 404, "not.found", "The workspace is not part of this build");
    app_snapshot *snap = NULL;
    if (auth_try_caller(req) &&
        clientapps_snapshot(req->cfg->st, &(url_policy){req->cfg->allow_http_apps}, req->caller.org_id, req->caller.org_revision, &snap) != STORE_OK)
        snap = NULL;
    size_t n = 0, *seen = snap ? clientapps_visible_apps(snap, &req->caller, &n) : NULL;
    if (!seen) n = 0; /* no caller, or out of memory: no app */
    char *csp = csp_header(snap, seen, n), *perms = permissions_header(snap, seen, n);
    int ret;
    if (!csp || !perms || (snap && !seen)) {
        ret = respond_store_error(req, STORE_ERROR, "page");
    } else {
        response_header h[] = {{"Content-Security-Policy", csp}, {"Permissions-Policy", perms}, {"Cache-Control", "no-store"}};
        ret = respond_static(req, 200, page->content_type, page->data, page->len, h, 3);
    }
    if (snap) clientapps_release(snap);
    free(seen);
    free(csp);
    free(perms);
    return ret;
}

const route api_shell_routes[] = {
    {"GET", "/", get_shell, ROUTE_PUBLIC, NULL},
    {0},
};
