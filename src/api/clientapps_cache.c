#include "api/clientapps_cache.h"
#include "api/catalog.h"
#include "api/integration_view.h"
#include "core/app_url.h"
#include "core/clientapp_config.h"
#include "core/integration_type.h"
#include "core/visibility.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CACHED_ORGS 64

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static app_snapshot *cached[MAX_CACHED_ORGS];

static void snapshot_free(app_snapshot *snap) {
    for (size_t i = 0; i < snap->n; i++) {
        json_decref(snap->apps[i].role_ids);
        json_decref(snap->apps[i].group_ids);
        free(snap->apps[i].permissions);
        free(snap->apps[i].bytes);
    }
    free(snap->apps);
    free(snap);
}

static uint64_t fnv1a(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static json_t *ids_of(const json_t *objects) {
    json_t *ids = json_array(), *o;
    size_t i;
    json_array_foreach(objects, i, o) json_array_append(ids, json_object_get(o, "id"));
    return ids;
}

static int fill_app(cached_app *app, const json_t *record, const json_t *manifest, const catalog_org *org,
                    const url_policy *policy) {
    char why[512];
    field_errors errs;
    field_errors_init(&errs);
    json_t *effective = clientapp_effective_properties(json_object_get(record, "properties"));
    snprintf(app->id, sizeof app->id, "%s", json_string_value(json_object_get(record, "id")));
    app->role_ids = ids_of(json_object_get(record, "roles"));
    app->group_ids = json_incref(json_object_get(effective, "groups"));
    app->licensed = manifest && catalog_org_may_use(org, manifest, why, sizeof why);
    const char *url = json_string_value(json_object_get(effective, "url"));
    if (!url || app_url_check(url, policy, "url", &errs) != 0 || app_url_origin(url, app->origin, sizeof app->origin) != 0)
        app->origin[0] = '\0';
    const char *permissions = json_string_value(json_object_get(effective, "permissions"));
    app->permissions = strdup(permissions ? permissions : "");
    json_decref(effective);
    json_t *type = manifest ? integration_type_to_api(manifest, INTEGRATIONS "/types") : NULL;
    json_t *view = integration_view_clientapp(record, type);
    app->bytes = json_dumps(view, JSON_COMPACT);
    json_decref(view);
    json_decref(type);
    if (!app->bytes || !app->permissions) return -1;
    app->len = strlen(app->bytes);
    app->hash = fnv1a(app->bytes, app->len);
    return 0;
}

static store_status build(store *st, const url_policy *policy, const char *org_id, int64_t revision,
                          app_snapshot **out) {
    json_t *records = NULL, *manifests = NULL;
    catalog_org org = {0};
    store_status s = store_integration_active(st, org_id, &records);
    if (s == STORE_OK) s = catalog_org_load(st, org_id, &org);
    if (s == STORE_OK) s = catalog_all(st, &manifests);
    app_snapshot *snap = s == STORE_OK ? calloc(1, sizeof *snap) : NULL;
    if (snap) snap->apps = calloc(json_array_size(records) + 1, sizeof *snap->apps);
    if (s == STORE_OK && (!snap || !snap->apps)) s = STORE_ERROR;
    size_t i, j;
    json_t *record, *m;
    json_array_foreach(records, i, record) {
        if (s != STORE_OK) break;
        const json_t *manifest = NULL;
        json_array_foreach(manifests, j, m) if (json_equal(json_object_get(m, "id"), json_object_get(record, "typeId"))) manifest = m;
        if (fill_app(&snap->apps[snap->n++], record, manifest, &org, policy) != 0) s = STORE_ERROR;
    }
    json_decref(records);
    json_decref(manifests);
    catalog_org_clear(&org);
    if (s != STORE_OK) {
        if (snap) snapshot_free(snap);
        return s;
    }
    snprintf(snap->org_id, sizeof snap->org_id, "%s", org_id);
    snap->revision = revision;
    snap->refs = 1;
    *out = snap;
    return STORE_OK;
}

/* Under cache_lock: the slot of org, or a free / evictable one. */
static int slot_for(const char *org_id) {
    int free_slot = -1;
    for (int i = 0; i < MAX_CACHED_ORGS; i++) {
        if (cached[i] && strcmp(cached[i]->org_id, org_id) == 0) return i;
        if (!cached[i] && free_slot < 0) free_slot = i;
    }
    return free_slot >= 0 ? free_slot : (int)(fnv1a(org_id, strlen(org_id)) % MAX_CACHED_ORGS);
}

static void drop_ref(app_snapshot *snap) {
    if (snap && --snap->refs == 0) snapshot_free(snap);
}

store_status clientapps_snapshot(store *st, const url_policy *policy, const char *org_id, int64_t revision,
                                 app_snapshot **out) {
    pthread_mutex_lock(&cache_lock);
    int slot = slot_for(org_id);
    app_snapshot *snap = cached[slot];
    int hit = snap && strcmp(snap->org_id, org_id) == 0 && snap->revision == revision;
    if (hit) snap->refs++;
    pthread_mutex_unlock(&cache_lock);
    if (hit) {
        *out = snap;
        return STORE_OK;
    }
    store_status s = build(st, policy, org_id, revision, &snap);
    if (s != STORE_OK) return s;
    pthread_mutex_lock(&cache_lock);
    slot = slot_for(org_id);
    if (!cached[slot] || cached[slot]->revision <= revision) { /* never replace a newer one */
        drop_ref(cached[slot]);
        cached[slot] = snap;
        snap->refs++;
    }
    pthread_mutex_unlock(&cache_lock);
    *out = snap;
    return STORE_OK;
}

void clientapps_release(app_snapshot *snap) {
    pthread_mutex_lock(&cache_lock);
    drop_ref(snap);
    pthread_mutex_unlock(&cache_lock);
}

/* Borrowed C strings of a JSON array of strings, at most max. */
static size_t strings_of(const json_t *array, const char **out, size_t max) {
    size_t n = 0, i;
    json_t *v;
    json_array_foreach(array, i, v) if (n < max && json_is_string(v)) out[n++] = json_string_value(v);
    return n;
}

int clientapps_visible(const app_snapshot *snap, size_t i, const store_principal *caller) {
    enum { MAX_IDS = 512 };
    const cached_app *app = &snap->apps[i];
    const char *app_roles[MAX_IDS], *app_groups[MAX_IDS], *user_roles[MAX_IDS], *user_groups[MAX_IDS];
    size_t nar = strings_of(app->role_ids, app_roles, MAX_IDS), nag = strings_of(app->group_ids, app_groups, MAX_IDS);
    size_t nur = strings_of(caller->role_ids, user_roles, MAX_IDS), nug = strings_of(caller->group_ids, user_groups, MAX_IDS);
    return *app->origin && visibility_user_may_see(1, app->licensed, app_roles, nar, app_groups, nag, user_roles, nur, user_groups, nug);
}
