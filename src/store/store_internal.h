/* What the store's files share: the connection pool and small helpers over
 * the driver. Not for use outside src/store. */
#ifndef PORTICO_STORE_INTERNAL_H
#define PORTICO_STORE_INTERNAL_H

#include "store/db.h"
#include "store/principal_cache.h"
#include "store/store.h"

#include <pthread.h>

struct store {
    const db_driver *drv;
    char target[1024];
    db_conn **conns; /* pool_size slots; NULL when not (re)connected */
    int *free_slots; /* stack of free slot indexes */
    int n_free, pool_size;
    int bulk; /* in store_bulk_load mode */
    principal_cache *principals; /* who sessions speak for, between requests (sessions.c) */
    pthread_mutex_t lock;
    pthread_cond_t available;
    pthread_mutex_t writer; /* held by the write transaction in progress, when drv->one_writer */
};

/* A connection checked out of the pool for one store call. */
typedef struct {
    store *st;
    db_conn *c;
    int slot;
    int writing; /* holds st->writer */
} store_conn;

store_status store_acquire(store *st, store_conn *out);
/* Returns the connection; a broken one is closed so the next user reconnects. */
void store_release(store_conn *sc, store_status last);

store_status store_map(db_status s);
store_status store_q(store_conn *sc, const char *sql, const db_arg *args, int nargs, db_rows **rows);
store_status store_begin(store_conn *sc, int for_write);
/* Commits when status is STORE_OK, else rolls back; returns the final status. */
store_status store_finish(store_conn *sc, store_status status);

/* Runs a "DELETE ... WHERE org_id = $1 AND id = $2" and bumps the org's
 * revision, in one transaction; STORE_NOT_FOUND when no row went. */
store_status store_delete_owned(store *st, const char *sql, const char *org_id, const char *id);

/* Marks a change that can alter who sees which app in the org. */
store_status store_bump_revision(store_conn *sc, const char *org_id);
/* Marks a change to who a caller is that alters no one's view: a logout, a
 * user's own row. Cached principals of the org are read again (sessions.c). */
store_status store_bump_principals(store_conn *sc, const char *org_id);

/* Turns one row into an entity (a new reference). */
typedef json_t *(*store_row_fn)(const db_rows *r, int row);

/* Runs count_sql and page_sql with the same args; page_sql takes two more
 * parameters after them: LIMIT and OFFSET. */
store_status store_paged(store *st, const char *count_sql, const char *page_sql, const db_arg *args, int nargs,
                         store_page page, store_row_fn to_json, json_t **entities, int64_t *total);

/* Runs sql with args and turns its first row into an entity; STORE_NOT_FOUND when none. */
store_status store_one(store *st, const char *sql, const db_arg *args, int nargs, store_row_fn to_json, json_t **out);

/* Records an audit event inside the caller's transaction; before/after may be NULL. */
store_status store_audit_add(store_conn *sc, const char *org_id, const store_actor *actor, const char *action,
                             const char *entity_type, const char *entity_id, const char *entity_name,
                             const json_t *before, const json_t *after);

/* JSON helpers for building entities from rows. */
json_t *store_json_parse(const char *text); /* NULL text or bad JSON -> NULL */
int64_t store_page_offset(store_page page);

#endif
