/* The hot path's memory: per org, the active apps already serialized as
 * ClientApp JSON with what deciding visibility needs (roles, groups,
 * licensed), rebuilt only when the org's revision moves — which every write
 * that can change who sees what does, in any server process. A request then
 * only picks the caller's apps and joins their bytes. */
#ifndef PORTICO_API_CLIENTAPPS_CACHE_H
#define PORTICO_API_CLIENTAPPS_CACHE_H

#include "core/app_url.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    char id[40];
    json_t *role_ids, *group_ids; /* arrays of strings */
    int licensed;
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
    int refs;
} app_snapshot;

/* The snapshot of org at revision, built when missing or older. Release it.
 * An app whose URL this server would not accept now (say, http://localhost
 * after a restart without --allow-http-apps) is shown to nobody. */
store_status clientapps_snapshot(store *st, const url_policy *policy, const char *org_id, int64_t revision,
                                 app_snapshot **out);
void clientapps_release(app_snapshot *snap);

/* 1 when the caller may see app i of the snapshot. */
int clientapps_visible(const app_snapshot *snap, size_t i, const store_principal *caller);

#endif
