/* The hot path's memory: per org, the active apps already serialized as
 * ClientApp JSON, with an index of who may see them (core/visibility.h: by
 * role and group id, licensing, usable URL), rebuilt only when the org's revision moves — which every write
 * that can change who sees what does, in any server process. A request then
 * only picks the caller's apps and joins their bytes. */
#ifndef PORTICO_API_CLIENTAPPS_CACHE_H
#define PORTICO_API_CLIENTAPPS_CACHE_H

#include "core/app_url.h"
#include "core/visibility.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    char id[40];
    char origin[300];             /* of the effective URL; "" when it has none or it is not acceptable */
    char *permissions;            /* the iframe allow features, comma-separated */
    char *bytes;                  /* the ClientApp JSON */
    size_t len;
    uint64_t hash;                /* of bytes, for ETags */
} cached_app;

typedef struct app_snapshot {
    char org_id[40];
    int64_t revision;
    cached_app *apps; /* ordered by name */
    size_t n;
    visibility_index *visible; /* who may see apps[i] */
    int refs;
} app_snapshot;

/* The snapshot of org at revision, built when missing or older. Release it.
 * An app whose URL this server would not accept now (say, http://localhost
 * after a restart without --allow-http-apps) is shown to nobody. */
store_status clientapps_snapshot(store *st, const url_policy *policy, const char *org_id, int64_t revision,
                                 app_snapshot **out);
void clientapps_release(app_snapshot *snap);

/* The indexes in snap->apps of the apps the caller may see, in name order: a
 * new array of *n (free it), or NULL when out of memory. */
size_t *clientapps_visible_apps(const app_snapshot *snap, const store_principal *caller, size_t *n);

#endif
