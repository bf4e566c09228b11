/* Who each session or token speaks for, kept per store between requests so
 * that a request reads the org's row instead of four queries and the parsing
 * of role policies. The caller uses an entry only while its stamp is the
 * org's current one: its revision (bumped by every change to roles,
 * policies, groups, memberships, users' deletion) and its principals
 * revision (bumped by logouts and changes to a user's row). Bounded: the
 * least recently used entry of a set makes room. Not for use outside src/store. */
#ifndef PORTICO_STORE_PRINCIPAL_CACHE_H
#define PORTICO_STORE_PRINCIPAL_CACHE_H

#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

typedef struct principal_cache principal_cache;

typedef struct {
    int64_t org_revision, principals_revision; /* the org's, when the principal was read */
} principal_stamp;

/* A cache of about `entries` principals; NULL when out of memory. */
principal_cache *principal_cache_new(size_t entries);
void principal_cache_free(principal_cache *c);

/* 1 when the principal of token_hash is kept and has not expired at now_ms:
 * it is copied into *out (with new JSON arrays) and its stamp into *stamp.
 * Else 0 and both are untouched. */
int principal_cache_get(principal_cache *c, const char *token_hash, int64_t now_ms, store_principal *out,
                        principal_stamp *stamp);

/* Keeps p as the principal of token_hash at stamp (silently not, when out of memory). */
void principal_cache_put(principal_cache *c, const char *token_hash, const principal_stamp *stamp,
                         const store_principal *p);

#endif
