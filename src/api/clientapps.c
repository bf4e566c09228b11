/* GET /api/v2/integrations/clientapps: the apps the caller may see, the
 * request every user makes on every page load. Answers from the per-org
 * snapshot (clientapps_cache.h) with an ETag, so an unchanged list is a 304. */
#include "api/api.h"
#include "api/clientapps_cache.h"
#include "api/integration_view.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Indexes of the caller's apps in snap, in name order; returns the count. */
static size_t visible_apps(const app_snapshot *snap, const store_principal *caller, size_t *out) {
    size_t n = 0;
    for (size_t i = 0; i < snap->n; i++)
        if (clientapps_visible(snap, i, caller)) out[n++] = i;
    return n;
}

/* Tags one page of the caller's list: its apps' bytes and the page asked for. */
static void etag_of(const app_snapshot *snap, const size_t *idx, size_t n, store_page page, char *out, size_t len) {
    uint64_t h = 1469598103934665603ULL ^ n;
    h = (h ^ (uint64_t)page.page_size) * 1099511628211ULL;
    h = (h ^ (uint64_t)page.page_number) * 1099511628211ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ snap->apps[idx[i]].hash) * 1099511628211ULL;
    snprintf(out, len, "\"%016" PRIx64 "\"", h);
}

/* {"entities":[...bytes...],...listing fields} built from the cached bytes. */
static char *listing_bytes(const app_snapshot *snap, const size_t *idx, size_t n, store_page page, size_t *len) {
    size_t first = (size_t)(page.page_number - 1) * page.page_size, end = first + (size_t)page.page_size;
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    if (!f) return NULL;
    fputs("{\"entities\":[", f);
    for (size_t i = first; i < n && i < end; i++) {
        if (i > first) fputc(',', f);
        fwrite(snap->apps[idx[i]].bytes, 1, snap->apps[idx[i]].len, f);
    }
    json_t *rest = api_listing(json_array(), (int64_t)n, page, INTEGRATIONS "/clientapps", "");
    json_object_del(rest, "entities");
    char *tail = json_dumps(rest, JSON_COMPACT);
    json_decref(rest);
    fprintf(f, "],%s", tail ? tail + 1 : "}"); /* the listing fields, without their opening brace */
    free(tail);
    return fclose(f) == 0 ? buf : (free(buf), NULL);
}

static int list_clientapps(request *req) {
    store_page page;
    int ret = api_paging(req, &page);
    if (ret >= 0) return ret;
    app_snapshot *snap = NULL;
    store_status s = clientapps_snapshot(req->cfg->st, &(url_policy){req->cfg->allow_http_apps}, req->caller.org_id, req->caller.org_revision, &snap);
    if (s != STORE_OK) return respond_store_error(req, s, "client app");
    size_t *idx = malloc((snap->n + 1) * sizeof *idx), len = 0;
    char etag[24], *body = NULL;
    size_t n = idx ? visible_apps(snap, &req->caller, idx) : 0;
    if (idx) etag_of(snap, idx, n, page, etag, sizeof etag);
    const char *inm = request_header(req, "If-None-Match");
    response_header h[] = {{"ETag", etag}};
    if (idx && inm && strcmp(inm, etag) == 0) ret = respond_empty(req, 304, h, 1);
    else if (idx && (body = listing_bytes(snap, idx, n, page, &len))) ret = respond_owned(req, 200, "application/json", body, len, h, 1);
    else ret = respond_store_error(req, STORE_ERROR, "client app");
    clientapps_release(snap);
    free(idx);
    return ret;
}

static int get_clientapp(request *req) {
    app_snapshot *snap = NULL;
    store_status s = clientapps_snapshot(req->cfg->st, &(url_policy){req->cfg->allow_http_apps}, req->caller.org_id, req->caller.org_revision, &snap);
    if (s != STORE_OK) return respond_store_error(req, s, "client app");
    int ret = -1;
    for (size_t i = 0; i < snap->n && ret < 0; i++) {
        if (strcmp(snap->apps[i].id, request_param(req, 0)) != 0 || !clientapps_visible(snap, i, &req->caller)) continue;
        char *copy = malloc(snap->apps[i].len);
        if (copy) memcpy(copy, snap->apps[i].bytes, snap->apps[i].len);
        ret = copy ? respond_owned(req, 200, "application/json", copy, snap->apps[i].len, NULL, 0)
                   : respond_store_error(req, STORE_ERROR, "client app");
    }
    clientapps_release(snap);
    return ret >= 0 ? ret : respond_store_error(req, STORE_NOT_FOUND, "client app");
}

const route api_clientapp_routes[] = {
    {"GET", INTEGRATIONS "/clientapps", list_clientapps, 0, NULL},
    {"GET", INTEGRATIONS "/clientapps/{id}", get_clientapp, 0, NULL},
    {0},
};
