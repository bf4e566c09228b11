/* GET /api/v2/integrations/clientapps: the apps the caller may see, the
 * request every user makes on every page load. Answers from the per-org
 * snapshot (clientapps_cache.h) with an ETag, so an unchanged list is a 304. */
#include "api/api.h"
#include "api/clientapps_cache.h"
#include "api/integration_view.h"

#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The listing fields after the entities ("pageSize", "total", the page URIs...)
 * depend only on the count and the page: made once (with api_listing) and
 * kept for the life of the process in a few slots, lock-free; a slot taken by
 * another count or page leaves the text to be made for the request. */
typedef struct {
    int64_t total;
    store_page page;
    size_t len;
    char text[]; /* without the object's opening brace */
} listing_tail;

#define KEPT_TAILS 64
static _Atomic(listing_tail *) kept_tails[KEPT_TAILS];

static listing_tail *make_tail(int64_t total, store_page page) {
    json_t *rest = api_listing(json_array(), total, page, INTEGRATIONS "/clientapps", "");
    json_object_del(rest, "entities");
    char *fields = json_dumps(rest, JSON_COMPACT);
    json_decref(rest);
    size_t len = fields ? strlen(fields + 1) : 0;
    listing_tail *t = fields ? malloc(sizeof *t + len + 1) : NULL;
    if (t) {
        *t = (listing_tail){total, page, len};
        memcpy(t->text, fields + 1, len + 1);
    }
    free(fields);
    return t;
}

/* The tail for total and page; *owned is set when the caller must free it. */
static const listing_tail *tail_for(int64_t total, store_page page, listing_tail **owned) {
    uint64_t key = (uint64_t)(total * 31 + page.page_size * 7 + page.page_number);
    _Atomic(listing_tail *) *slot = &kept_tails[key % KEPT_TAILS];
    listing_tail *kept = atomic_load(slot);
    if (kept && kept->total == total && kept->page.page_size == page.page_size &&
        kept->page.page_number == page.page_number)
        return kept;
    listing_tail *made = make_tail(total, page), *empty = NULL;
    if (made && !(kept == NULL && atomic_compare_exchange_strong(slot, &empty, made))) *owned = made;
    return made;
}

/* Tags one page of the caller's list: its apps' bytes and the page asked for. */
static void etag_of(const app_snapshot *snap, const size_t *idx, size_t n, store_page page, char *out, size_t len) {
    uint64_t h = 1469598103934665603ULL ^ n;
    h = (h ^ (uint64_t)page.page_size) * 1099511628211ULL;
    h = (h ^ (uint64_t)page.page_number) * 1099511628211ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ snap->apps[idx[i]].hash) * 1099511628211ULL;
    snprintf(out, len, "\"%016" PRIx64 "\"", h);
}

static char *append(char *at, const char *bytes, size_t len) { return (char *)memcpy(at, bytes, len) + len; }

/* {"entities":[...bytes...],...listing fields} built from the cached bytes, in one allocation. */
static char *listing_bytes(const app_snapshot *snap, const size_t *idx, size_t n, store_page page, size_t *len) {
    static const char head[] = "{\"entities\":[";
    size_t first = (size_t)(page.page_number - 1) * page.page_size, end = first + (size_t)page.page_size;
    if (end > n) end = n;
    listing_tail *owned = NULL;
    const listing_tail *tail = tail_for((int64_t)n, page, &owned);
    size_t size = sizeof head + 2 + (tail ? tail->len : 0);
    for (size_t i = first; i < end; i++) size += snap->apps[idx[i]].len + 1;
    char *buf = tail ? malloc(size) : NULL, *at = buf;
    if (buf) {
        at = append(at, head, sizeof head - 1);
        for (size_t i = first; i < end; i++) {
            if (i > first) *at++ = ',';
            at = append(at, snap->apps[idx[i]].bytes, snap->apps[idx[i]].len);
        }
        at = append(at, "],", 2);
        at = append(at, tail->text, tail->len);
        *len = (size_t)(at - buf);
    }
    free(owned);
    return buf;
}

static int list_clientapps(request *req) {
    store_page page;
    int ret = api_paging(req, &page);
    if (ret >= 0) return ret;
    app_snapshot *snap = NULL;
    store_status s = clientapps_snapshot(req->cfg->st, &(url_policy){req->cfg->allow_http_apps}, req->caller.org_id, req->caller.org_revision, &snap);
    if (s != STORE_OK) return respond_store_error(req, s, "client app");
    size_t n, len = 0, *idx = clientapps_visible_apps(snap, &req->caller, &n);
    char etag[24], *body = NULL;
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
    size_t n, *idx = clientapps_visible_apps(snap, &req->caller, &n);
    int ret = idx ? -1 : respond_store_error(req, STORE_ERROR, "client app");
    for (size_t k = 0; idx && k < n && ret < 0; k++) {
        const cached_app *app = &snap->apps[idx[k]];
        if (strcmp(app->id, request_param(req, 0)) != 0) continue;
        char *copy = malloc(app->len);
        if (copy) memcpy(copy, app->bytes, app->len);
        ret = copy ? respond_owned(req, 200, "application/json", copy, app->len, NULL, 0)
                   : respond_store_error(req, STORE_ERROR, "client app");
    }
    free(idx);
    clientapps_release(snap);
    return ret >= 0 ? ret : respond_store_error(req, STORE_NOT_FOUND, "client app");
}

const route api_clientapp_routes[] = {
    {"GET", INTEGRATIONS "/clientapps", list_clientapps, 0, NULL},
    {"GET", INTEGRATIONS "/clientapps/{id}", get_clientapp, 0, NULL},
    {0},
};
