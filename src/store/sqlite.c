/* The SQLite driver: one connection per pool slot, WAL with synchronous=FULL
 * (an acknowledged write survives a crash), foreign keys on, a busy timeout,
 * and every statement prepared once per connection and reused. */
#include "store/db.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STMT_CACHE_SLOTS 512 /* well above the number of distinct statements */
#define BUSY_TIMEOUT_MS 5000

typedef struct {
    const char *key; /* the SQL literal's address */
    sqlite3_stmt *stmt;
} stmt_slot;

struct db_conn {
    sqlite3 *db;
    stmt_slot cache[STMT_CACHE_SLOTS];
};

extern const db_migration sqlite_migrations[];

static db_status status_of(int rc) {
    switch (rc & 0xff) {
    case SQLITE_OK: case SQLITE_DONE: case SQLITE_ROW: return DB_OK;
    case SQLITE_CONSTRAINT: return DB_CONSTRAINT;
    case SQLITE_BUSY: case SQLITE_LOCKED: case SQLITE_CANTOPEN: return DB_UNAVAILABLE;
    default: return DB_ERROR;
    }
}

static db_status sqlite_open(const char *path, db_conn **out, char *err, size_t errlen) {
    db_conn *c = calloc(1, sizeof *c);
    if (!c) return DB_ERROR;
    int rc = sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(c->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot open %s: %s", path, c->db ? sqlite3_errmsg(c->db) : "out of memory");
        sqlite3_close(c->db);
        free(c);
        return status_of(rc) == DB_OK ? DB_ERROR : status_of(rc);
    }
    *out = c;
    return DB_OK;
}

static void sqlite_close(db_conn *c) {
    if (!c) return;
    for (int i = 0; i < STMT_CACHE_SLOTS; i++) sqlite3_finalize(c->cache[i].stmt);
    sqlite3_close(c->db);
    free(c);
}

/* The store writes $1..$n (portable with PostgreSQL); SQLite's ?NNN binds the same index. */
static char *numbered_params(const char *sql) {
    char *copy = strdup(sql);
    if (!copy) return NULL;
    for (char *p = copy; *p; p++)
        if (p[0] == '$' && p[1] >= '0' && p[1] <= '9') *p = '?';
    return copy;
}

static sqlite3_stmt *prepared(db_conn *c, const char *sql) {
    size_t h = ((size_t)(uintptr_t)sql >> 3) % STMT_CACHE_SLOTS;
    for (size_t probe = 0; probe < STMT_CACHE_SLOTS; probe++, h = (h + 1) % STMT_CACHE_SLOTS) {
        if (c->cache[h].key == sql) return c->cache[h].stmt;
        if (c->cache[h].key) continue;
        char *text = numbered_params(sql);
        sqlite3_stmt *stmt = NULL;
        int rc = text ? sqlite3_prepare_v3(c->db, text, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) : SQLITE_NOMEM;
        free(text);
        if (rc != SQLITE_OK) return NULL;
        c->cache[h].key = sql;
        c->cache[h].stmt = stmt;
        return stmt;
    }
    return NULL; /* cache full: a bug (dynamic SQL), reported as an error */
}

static int bind_args(sqlite3_stmt *stmt, const db_arg *args, int nargs) {
    for (int i = 0; i < nargs; i++) {
        int rc;
        switch (args[i].kind) {
        case DB_ARG_INT: rc = sqlite3_bind_int64(stmt, i + 1, args[i].i); break;
        case DB_ARG_TEXT: rc = args[i].s ? sqlite3_bind_text(stmt, i + 1, args[i].s, -1, SQLITE_STATIC)
                                        : sqlite3_bind_null(stmt, i + 1); break;
        default: rc = sqlite3_bind_null(stmt, i + 1); break;
        }
        if (rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
}

/* Appends the current row's cells to r, growing its cell array as needed. */
static int copy_row(sqlite3_stmt *stmt, db_rows *r, size_t *capacity) {
    size_t need = (size_t)(r->nrows + 1) * (size_t)r->ncols;
    if (need > *capacity) {
        size_t cap = *capacity ? *capacity * 2 : (size_t)r->ncols * 8;
        while (cap < need) cap *= 2;
        char **cells = realloc(r->cells, cap * sizeof *cells);
        if (!cells) return -1;
        r->cells = cells;
        *capacity = cap;
    }
    char **row = r->cells + (size_t)r->nrows * (size_t)r->ncols;
    for (int col = 0; col < r->ncols; col++) {
        const unsigned char *v = sqlite3_column_text(stmt, col);
        row[col] = NULL;
        if (v && !(row[col] = strdup((const char *)v))) {
            r->nrows++; /* so db_rows_free frees what was copied */
            for (int rest = col + 1; rest < r->ncols; rest++) row[rest] = NULL;
            return -1;
        }
    }
    r->nrows++;
    return 0;
}

/* Binds, steps to the end, copies the rows out (when rows is not NULL), and resets stmt. */
static db_status run_stmt(db_conn *c, sqlite3_stmt *stmt, const db_arg *args, int nargs, db_rows **rows) {
    db_rows *r = calloc(1, sizeof *r);
    if (!r) return DB_ERROR;
    r->ncols = sqlite3_column_count(stmt);
    size_t capacity = 0;
    int rc = bind_args(stmt, args, nargs);
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW && rows && copy_row(stmt, r, &capacity) != 0) rc = SQLITE_NOMEM;
    }
    r->changes = sqlite3_changes64(c->db);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    db_status st = status_of(rc);
    if (st != DB_OK || !rows) db_rows_free(r);
    else *rows = r;
    return st;
}

static db_status sqlite_query(db_conn *c, const char *sql, const db_arg *args, int nargs, db_rows **rows) {
    if (rows) *rows = NULL;
    sqlite3_stmt *stmt = prepared(c, sql);
    return stmt ? run_stmt(c, stmt, args, nargs, rows) : DB_ERROR;
}

static db_status sqlite_query_once(db_conn *c, const char *sql, const db_arg *args, int nargs, db_rows **rows) {
    if (rows) *rows = NULL;
    char *text = numbered_params(sql);
    sqlite3_stmt *stmt = NULL;
    int rc = text ? sqlite3_prepare_v2(c->db, text, -1, &stmt, NULL) : SQLITE_NOMEM;
    free(text);
    db_status st = rc == SQLITE_OK ? run_stmt(c, stmt, args, nargs, rows) : status_of(rc) == DB_OK ? DB_ERROR : status_of(rc);
    sqlite3_finalize(stmt);
    return st;
}

static db_status sqlite_exec_script(db_conn *c, const char *sql) {
    return status_of(sqlite3_exec(c->db, sql, NULL, NULL, NULL));
}

static db_status sqlite_begin(db_conn *c, int for_write) {
    /* IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading. */
    return sqlite_exec_script(c, for_write ? "BEGIN IMMEDIATE" : "BEGIN");
}

static db_status sqlite_commit(db_conn *c) { return sqlite_exec_script(c, "COMMIT"); }
static db_status sqlite_rollback(db_conn *c) { return sqlite_exec_script(c, "ROLLBACK"); }
static const char *sqlite_last_error(db_conn *c) { return sqlite3_errmsg(c->db); }

/* In WAL mode, NORMAL syncs only at checkpoints: consistent after a crash, maybe without the last
 * commits. A larger page cache (256 MiB) keeps random-id inserts from rereading index pages, and
 * rarer checkpoints (every 64 MiB of WAL) from writing the same pages again and again. */
static db_status sqlite_bulk_load(db_conn *c, int on) {
    return sqlite_exec_script(c, on ? "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144; PRAGMA wal_autocheckpoint=16384"
                                    : "PRAGMA synchronous=FULL; PRAGMA cache_size=-2000; PRAGMA wal_autocheckpoint=1000");
}

const db_driver db_sqlite = {
    .name = "sqlite",
    .open = sqlite_open,
    .close = sqlite_close,
    .query = sqlite_query,
    .query_once = sqlite_query_once,
    .exec_script = sqlite_exec_script,
    .begin = sqlite_begin,
    .commit = sqlite_commit,
    .rollback = sqlite_rollback,
    .last_error = sqlite_last_error,
    .bulk_load = sqlite_bulk_load,
    .migrations = sqlite_migrations,
    .one_writer = 1,
};
