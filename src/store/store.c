/* Opening a store: choosing the driver, the connection pool, migrations. */
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Principals kept between requests: about 800 bytes each, so at most ~26 MiB. */
#define PRINCIPAL_CACHE_ENTRIES 32768

const char *store_status_name(store_status s) {
    static const char *const names[] = {"ok", "not found", "conflict", "stale", "unavailable", "error"};
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "error";
}

store_status store_map(db_status s) {
    switch (s) {
    case DB_OK: return STORE_OK;
    case DB_CONSTRAINT: return STORE_CONFLICT;
    case DB_UNAVAILABLE: return STORE_UNAVAILABLE;
    default: return STORE_ERROR;
    }
}

void store_target_redacted(const char *target, char *out, size_t outlen) {
    /* postgresql://user:secret@host/db -> postgresql://user:***@host/db */
    const char *scheme = strstr(target, "://");
    const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
    const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
    if (!at || !colon || colon > at) snprintf(out, outlen, "%s", target);
    else snprintf(out, outlen, "%.*s:***%s", (int)(colon - target), target, at);
}

static const db_driver *driver_for(const char *target) {
    if (strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0) return &db_postgres;
    return &db_sqlite;
}

static store_status apply_bulk_load(store *st, db_conn *c) {
    return st->drv->bulk_load ? store_map(st->drv->bulk_load(c, st->bulk)) : STORE_OK;
}

static store_status connect_slot(store *st, int slot) {
    char err[512];
    store_status s = store_map(st->drv->open(st->target, &st->conns[slot], err, sizeof err));
    if (s == STORE_OK && st->bulk) s = apply_bulk_load(st, st->conns[slot]);
    return s;
}

store_status store_acquire(store *st, store_conn *out) {
    pthread_mutex_lock(&st->lock);
    while (st->n_free == 0) pthread_cond_wait(&st->available, &st->lock);
    int slot = st->free_slots[--st->n_free];
    pthread_mutex_unlock(&st->lock);
    out->st = st;
    out->slot = slot;
    out->writing = 0;
    store_status s = st->conns[slot] ? STORE_OK : connect_slot(st, slot);
    out->c = st->conns[slot];
    if (s != STORE_OK) store_release(out, s);
    return s;
}

/* A connection goes back to the pool only when it is fit for the next user. */
static int must_drop(const store *st, db_conn *c, store_status last) {
    if (!c) return 0;
    if (st->drv->idle) return !st->drv->idle(c); /* the driver knows: broken, or left in a transaction */
    return last == STORE_UNAVAILABLE && st->drv != &db_sqlite;
}

void store_release(store_conn *sc, store_status last) {
    store *st = sc->st;
    if (must_drop(st, st->conns[sc->slot], last)) {
        st->drv->close(st->conns[sc->slot]); /* reconnect on next use */
        st->conns[sc->slot] = NULL;
    }
    pthread_mutex_lock(&st->lock);
    st->free_slots[st->n_free++] = sc->slot;
    pthread_cond_signal(&st->available);
    pthread_mutex_unlock(&st->lock);
}

store_status store_q(store_conn *sc, const char *sql, const db_arg *args, int nargs, db_rows **rows) {
    return store_map(sc->st->drv->query(sc->c, sql, args, nargs, rows));
}

/* A write transaction waits for the one before it on the store's mutex, woken the moment it ends,
 * rather than in the database's busy handler, which sleeps 1, 2, 5... ms between tries. */
store_status store_begin(store_conn *sc, int for_write) {
    if (for_write && sc->st->drv->one_writer) {
        pthread_mutex_lock(&sc->st->writer);
        sc->writing = 1;
    }
    return store_map(sc->st->drv->begin(sc->c, for_write));
}

static void end_writing(store_conn *sc) {
    if (!sc->writing) return;
    sc->writing = 0;
    pthread_mutex_unlock(&sc->st->writer);
}

store_status store_finish(store_conn *sc, store_status status) {
    if (status == STORE_OK) status = store_map(sc->st->drv->commit(sc->c));
    if (status != STORE_OK) sc->st->drv->rollback(sc->c);
    end_writing(sc);
    return status;
}

store_status store_bump_revision(store_conn *sc, const char *org_id) {
    return store_q(sc, "UPDATE orgs SET revision = revision + 1 WHERE id = $1", DB_ARGS(DB_TEXT(org_id)), NULL);
}

store_status store_bump_principals(store_conn *sc, const char *org_id) {
    return store_q(sc, "UPDATE orgs SET principals_revision = principals_revision + 1 WHERE id = $1",
                   DB_ARGS(DB_TEXT(org_id)), NULL);
}

store_status store_delete_owned(store *st, const char *sql, const char *org_id, const char *id) {
    store_conn sc;
    db_rows *r = NULL;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_begin(&sc, 1);
    if (s == STORE_OK) s = store_q(&sc, sql, DB_ARGS(DB_TEXT(org_id), DB_TEXT(id)), &r);
    if (s == STORE_OK && r->changes == 0) s = STORE_NOT_FOUND;
    if (s == STORE_OK) s = store_bump_revision(&sc, org_id);
    s = store_finish(&sc, s);
    db_rows_free(r);
    store_release(&sc, s);
    return s;
}

json_t *store_json_parse(const char *text) { return text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL; }

int64_t store_page_offset(store_page page) { return (int64_t)(page.page_number - 1) * page.page_size; }

static store_status migrate(store *st, char *err, size_t errlen) {
    store_conn sc;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    /* Inside a write transaction: servers starting together on one PostgreSQL
     * database take turns (the write lock), as they do on SQLite. */
    s = store_begin(&sc, 1);
    if (s == STORE_OK)
        s = store_map(st->drv->exec_script(sc.c, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)"));
    s = store_finish(&sc, s);
    for (const db_migration *m = st->drv->migrations; s == STORE_OK && m->version; m++) {
        db_rows *r = NULL;
        s = store_begin(&sc, 1);
        if (s == STORE_OK) s = store_q(&sc, "SELECT 1 FROM schema_migrations WHERE version = $1", DB_ARGS(DB_INT(m->version)), &r);
        int applied = r && r->nrows > 0;
        db_rows_free(r);
        if (s == STORE_OK && !applied) {
            s = store_map(st->drv->exec_script(sc.c, m->sql));
            if (s == STORE_OK) s = store_q(&sc, "INSERT INTO schema_migrations (version) VALUES ($1)", DB_ARGS(DB_INT(m->version)), NULL);
            if (s != STORE_OK) snprintf(err, errlen, "migration %d failed: %s", m->version, st->drv->last_error(sc.c));
        }
        s = store_finish(&sc, s);
    }
    store_release(&sc, s);
    return s;
}

store_status store_open(const char *target, int pool_size, store **out, char *err, size_t errlen) {
    if (errlen) err[0] = 0;
    const db_driver *drv = driver_for(target);
    store *st = calloc(1, sizeof *st);
    if (!st) return STORE_ERROR;
    st->drv = drv;
    st->pool_size = pool_size < 1 ? 1 : pool_size;
    snprintf(st->target, sizeof st->target, "%s", target);
    st->conns = calloc((size_t)st->pool_size, sizeof *st->conns);
    st->free_slots = calloc((size_t)st->pool_size, sizeof *st->free_slots);
    st->principals = principal_cache_new(PRINCIPAL_CACHE_ENTRIES);
    pthread_mutex_init(&st->lock, NULL);
    pthread_cond_init(&st->available, NULL);
    pthread_mutex_init(&st->writer, NULL);
    if (!st->conns || !st->free_slots || !st->principals) {
        store_close(st);
        return STORE_ERROR;
    }
    for (int i = 0; i < st->pool_size; i++) st->free_slots[st->n_free++] = i;
    store_status s = drv->open(target, &st->conns[0], err, errlen) == DB_OK ? STORE_OK : STORE_UNAVAILABLE;
    if (s == STORE_OK) s = migrate(st, err, errlen);
    if (s != STORE_OK) {
        if (!*err) {
            char shown[sizeof st->target];
            store_target_redacted(target, shown, sizeof shown);
            snprintf(err, errlen, "cannot open the database %s (%s)", shown, store_status_name(s));
        }
        store_close(st);
        return s;
    }
    *out = st;
    return STORE_OK;
}

void store_close(store *st) {
    if (!st) return;
    for (int i = 0; st->conns && i < st->pool_size; i++)
        if (st->conns[i]) st->drv->close(st->conns[i]);
    free(st->conns);
    free(st->free_slots);
    principal_cache_free(st->principals);
    pthread_mutex_destroy(&st->lock);
    pthread_cond_destroy(&st->available);
    pthread_mutex_destroy(&st->writer);
    free(st);
}

store_status store_bulk_load(store *st, int on) {
    st->bulk = on;
    store_status s = STORE_OK;
    for (int i = 0; i < st->pool_size && s == STORE_OK; i++)
        if (st->conns[i]) s = apply_bulk_load(st, st->conns[i]);
    return s;
}

store_status store_ping(store *st) {
    store_conn sc;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_q(&sc, "SELECT 1", DB_NOARGS, NULL);
    store_release(&sc, s);
    return s;
}

#define STORE_MAX_ARGS 8

store_status store_paged(store *st, const char *count_sql, const char *page_sql, const db_arg *args, int nargs,
                         store_page page, store_row_fn to_json, json_t **entities, int64_t *total) {
    db_arg all[STORE_MAX_ARGS + 2];
    if (nargs > STORE_MAX_ARGS) return STORE_ERROR;
    for (int i = 0; i < nargs; i++) all[i] = args[i];
    all[nargs] = DB_INT(page.page_size);
    all[nargs + 1] = DB_INT(store_page_offset(page));
    store_conn sc;
    db_rows *count = NULL, *rows = NULL;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_begin(&sc, 0); /* one snapshot: the total matches the page */
    if (s == STORE_OK) s = store_q(&sc, count_sql, args, nargs, &count);
    if (s == STORE_OK) s = store_q(&sc, page_sql, all, nargs + 2, &rows);
    s = store_finish(&sc, s);
    store_release(&sc, s);
    if (s == STORE_OK) {
        *total = db_int(count, 0, 0);
        *entities = json_array();
        for (int i = 0; i < rows->nrows; i++) json_array_append_new(*entities, to_json(rows, i));
    }
    db_rows_free(count);
    db_rows_free(rows);
    return s;
}

store_status store_one(store *st, const char *sql, const db_arg *args, int nargs, store_row_fn to_json, json_t **out) {
    store_conn sc;
    db_rows *r = NULL;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_q(&sc, sql, args, nargs, &r);
    store_release(&sc, s);
    if (s == STORE_OK && r->nrows == 0) s = STORE_NOT_FOUND;
    if (s == STORE_OK) *out = to_json(r, 0);
    db_rows_free(r);
    return s;
}
