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
        free(snap->apps[i].permissions);
        free(snap->apps[i].bytes);
    }
    visibility_index_free(snap->visible);
    free(snap->apps);
    free(snap);
}

static uint64_t fnv1a(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* Borrowed C strings of an array: its strings, or the `id` of its objects. NULL when out of memory. */
static const char **ids_in(const json_t *array, size_t *n) {
    const char **ids = malloc((json_array_size(array) + 1) * sizeof *ids);
    size_t i;
    json_t *v;
    *n = 0;
    json_array_foreach(array, i, v) {
        const char *id = json_is_object(v) ? json_string_value(json_object_get(v, "id")) : json_string_value(v);
        if (ids && id) ids[(*n)++] = id;
    }
    return ids;
}

/* Who may see app i: holders of its roles in its groups, when its type is
 * licensed and its URL is acceptable now (the app is enabled: it is in the snapshot). */
static int index_app(visibility_index *ix, size_t i, const json_t *record, const json_t *effective, int licensed,
                     int usable) {
    size_t n_roles, n_groups;
    const char **roles = ids_in(json_object_get(record, "roles"), &n_roles);
    const char **groups = ids_in(json_object_get(effective, "groups"), &n_groups);
    int rc = roles && groups ? visibility_index_set(ix, i, usable, licensed, roles, n_roles, groups, n_groups) : -1;
    free(roles);
    free(groups);
    return rc;
}

static int fill_app(app_snapshot *snap, const json_t *record, const json_t *manifest, const catalog_org *org,
                    const url_policy *policy) {
    char why[512];
    field_errors errs;
    field_errors_init(&errs);
    size_t i = snap->n++;
    cached_app *app = &snap->apps[i];
    json_t *effective = clientapp_effective_properties(json_object_get(record, "properties"));
    snprintf(app->id, sizeof app->id, "%s", json_string_value(json_object_get(record, "id")));
    int licensed = manifest && catalog_org_may_use(org, manifest, why, sizeof why);
    const char *url = json_string_value(json_object_get(effective, "url"));
    if (!url || app_url_check(url, policy, "url", &errs) != 0 || app_url_origin(url, app->origin, sizeof app->origin) != 0)
        app->origin[0] = '\0';
    const char *permissions = json_string_value(json_object_get(effective, "permissions"));
    app->permissions = strdup(permissions ? permissions : "");
    int indexed = index_app(snap->visible, i, record, effective, licensed, *app->origin != '\0');
    json_decref(effective);
    json_t *type = manifest ? integration_type_to_api(manifest, INTEGRATIONS "/types") : NULL;
    json_t *view = integration_view_clientapp(record, type);
    app->bytes = json_dumps(view, JSON_COMPACT);
    json_decref(view);
    json_decref(type);
    if (!app->bytes || !app->permissions || indexed != 0) return -1;
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
    if (snap) snap->visible = visibility_index_new(json_array_size(records));
    if (s == STORE_OK && (!snap || !snap->apps || !snap->visible)) s = STORE_ERROR;
    size_t i, j;
    json_t *record, *m;
    json_array_foreach(records, i, record) {
        if (s != STORE_OK) break;
        const json_t *manifest = NULL;
        json_array_foreach(manifests, j, m) if (json_equal(json_object_get(m, "id"), json_object_get(record, "typeId"))) manifest = m;
        if (fill_app(snap, record, manifest, &org, policy) != 0) s = STORE_ERROR;
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

/* Borrowed C strings of a JSON array of strings. */
static size_t strings_of(const json_t *array, const char **out) {
    size_t n = 0, i;
    json_t *v;
    json_array_foreach(array, i, v) if (json_is_string(v)) out[n++] = json_string_value(v);
    return n;
}

size_t *clientapps_visible_apps(const app_snapshot *snap, const store_principal *caller, size_t *n) {
    size_t n_roles = json_array_size(caller->role_ids), n_groups = json_array_size(caller->group_ids);
    const char **ids = malloc((n_roles + n_groups + 1) * sizeof *ids);
    size_t *apps = malloc((snap->n + 1) * sizeof *apps);
    *n = (size_t)-1;
    if (ids && apps) {
        n_roles = strings_of(caller->role_ids, ids);
        n_groups = strings_of(caller->group_ids, ids + n_roles);
        *n = visibility_index_query(snap->visible, ids, n_roles, ids + n_roles, n_groups, apps);
    }
    free(ids);
    if (*n != (size_t)-1) return apps;
    free(apps);
    return NULL;
}
