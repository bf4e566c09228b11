/* The catalog of integration types as the API sees it: the built-in
 * embedded-client-app plus the types the operator registered, and whether an
 * org may install (and keep using) each. Shared by types, integrations and
 * clientapps. */
#ifndef PORTICO_API_CATALOG_H
#define PORTICO_API_CATALOG_H

#include "store/store.h"

#include <jansson.h>

/* Every type's manifest, built-in first (new reference). */
store_status catalog_all(store *st, json_t **manifests);
/* One type's manifest, or STORE_NOT_FOUND. */
store_status catalog_find(store *st, const char *type_id, json_t **manifest);

/* What an org holds that licensing looks at. */
typedef struct {
    int level;
    json_t *licenses; /* array of strings */
} catalog_org;

store_status catalog_org_load(store *st, const char *org_id, catalog_org *out);
void catalog_org_clear(catalog_org *org);

/* 1 when the org may install (and its users may use) the type; else 0 and why. */
int catalog_org_may_use(const catalog_org *org, const json_t *manifest, char *why, size_t why_len);

#endif
