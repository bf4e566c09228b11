/* The PostgreSQL driver (libpq): one PGconn per pool slot, every statement
 * prepared once per connection (keyed, like the SQLite driver, by the SQL
 * literal's address) and run with PQexecPrepared; parameters and results
 * travel as text.
 *
 * Transactions keep SQLite's guarantees, so that store code written and tested
 * against SQLite stays correct here:
 *   - a write transaction (begin(1)) is READ COMMITTED and first takes one
 *     transaction-scoped advisory lock shared by every portico process on the
 *     database. Writers are therefore serialized, as SQLite's BEGIN IMMEDIATE
 *     serializes them, and a read-check-write inside one (e.g. "load, compare
 *     version, update") cannot lose an update. Every statement after the lock
 *     sees every write committed before it (READ COMMITTED takes a snapshot per
 *     statement, i.e. after the lock was granted).
 *   - a read transaction (begin(0)) is REPEATABLE READ READ ONLY: one snapshot,
 *     so a count and its page agree, and it never fails to serialize.
 *   - statements outside a transaction autocommit, one by one, as on SQLite.
 *
 * Errors: SQLSTATE class 23 is DB_CONSTRAINT; a lost or refused connection,
 * a deadlock, a serialization failure, a lock timeout and "too many
 * connections" are DB_UNAVAILABLE (503, try again); the pool drops a
 * connection that is broken or was left inside a transaction. Before the
 * first statement of a unit of work, a connection whose server has gone away
 * (restart, failover, terminated backend) is noticed and replaced; one that
 * fails silently on BEGIN or on a SELECT outside a transaction is replaced and
 * the statement retried once. So a restart of PostgreSQL costs no failed
 * request, and no write is ever sent twice. */
#include "store/db.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STMT_CACHE_SLOTS 512 /* well above the number of distinct statements */
#define MAX_PARAMS 100
#define INT8_OID 20
#define TEXT_OID 25
/* Every write transaction of every portico process takes this lock ("port"). */
#define WRITE_LOCK_KEY "1886351988"

typedef struct {
    const char *key; /* the SQL literal's address */
    int id;          /* prepared as "s<id>" */
} stmt_slot;

struct db_conn {
    PGconn *pg;
    char *target;
    stmt_slot cache[STMT_CACHE_SLOTS];
    int next_id;
    int bulk;  /* bulk_load(1): reapplied after a reconnect */
    int in_tx; /* between a successful begin and its commit/rollback */
    char error[512];
};

extern const db_migration postgres_migrations[];

static void ignore_notice(void *arg, const char *message) {
    (void)arg;
    (void)message; /* e.g. "relation already exists, skipping": not worth a log line */
}

static void set_error(db_conn *c, const char *msg) {
    snprintf(c->error, sizeof c->error, "%s", msg && *msg ? msg : "unknown PostgreSQL error");
    size_t n = strlen(c->error);
    while (n && (c->error[n - 1] == '\n' || c->error[n - 1] == ' ')) c->error[--n] = 0;
}

static void disconnect_pg(db_conn *c) {
    PQfinish(c->pg);
    c->pg = NULL;
}

/* Connects c->pg to c->target. The defaults come first so the URL can override
 * them (e.g. ?connect_timeout=2 or ?options=-c%20lock_timeout%3D30s). */
static db_status connect_pg(db_conn *c) {
    static const char *const keys[] = {"connect_timeout", "application_name", "client_encoding", "options", "dbname", NULL};
    const char *values[] = {"5", "portico", "UTF8",
                            "-c lock_timeout=10s -c idle_in_transaction_session_timeout=60s", c->target, NULL};
    memset(c->cache, 0, sizeof c->cache); /* prepared statements live and die with the session */
    c->next_id = 0;
    c->pg = PQconnectdbParams(keys, values, 1);
    if (!c->pg) {
        set_error(c, "out of memory");
        return DB_ERROR;
    }
    if (PQstatus(c->pg) != CONNECTION_OK) {
        set_error(c, PQerrorMessage(c->pg));
        PQfinish(c->pg);
        c->pg = NULL;
        return DB_UNAVAILABLE;
    }
    PQsetNoticeProcessor(c->pg, ignore_notice, NULL);
    if (c->bulk) {
        PGresult *res = PQexec(c->pg, "SET synchronous_commit = off");
        int ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
        PQclear(res);
        if (!ok) {
            set_error(c, PQerrorMessage(c->pg));
            disconnect_pg(c);
            return DB_UNAVAILABLE;
        }
    }
    return DB_OK;
}

static db_status pg_open(const char *target, db_conn **out, char *err, size_t errlen) {
    db_conn *c = calloc(1, sizeof *c);
    if (!c || !(c->target = strdup(target))) {
        free(c);
        snprintf(err, errlen, "out of memory");
        return DB_ERROR;
    }
    db_status s = connect_pg(c);
    if (s != DB_OK) {
        snprintf(err, errlen, "cannot connect to PostgreSQL: %s", c->error);
        free(c->target);
        free(c);
        return s;
    }
    *out = c;
    return DB_OK;
}

static void pg_close(db_conn *c) {
    if (!c) return;
    disconnect_pg(c);
    free(c->target);
    free(c);
}

static int connection_lost(const db_conn *c) { return !c->pg || PQstatus(c->pg) != CONNECTION_OK; }

static int is_state(const char *state, const char *prefix) { return strncmp(state, prefix, strlen(prefix)) == 0; }

/* Maps a result to a db_status, keeping the error message. Takes ownership of res. */
static db_status finish_result(db_conn *c, PGresult *res) {
    ExecStatusType t = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK) {
        PQclear(res);
        return DB_OK;
    }
    set_error(c, res ? PQresultErrorMessage(res) : PQerrorMessage(c->pg));
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    db_status s;
    if (connection_lost(c) || !state) s = DB_UNAVAILABLE; /* no SQLSTATE: libpq itself failed (socket, EOF) */
    else if (is_state(state, "23")) s = DB_CONSTRAINT;
    else if (is_state(state, "08") || is_state(state, "53") || is_state(state, "57P") || is_state(state, "40001") ||
             is_state(state, "40P01") || is_state(state, "55P03") || is_state(state, "25P03") || is_state(state, "57014"))
        s = DB_UNAVAILABLE; /* connection, resources, shutdown, serialization, deadlock, lock/idle/statement timeout */
    else s = DB_ERROR;
    PQclear(res);
    return s;
}

/* Before the first statement of a unit of work (outside a transaction): a
 * connection whose server went away meanwhile (restart, terminated backend,
 * proxy cut) has EOF or an error waiting on its socket. Reading what is there
 * (the socket is non-blocking) notices that before anything is sent, and a
 * new connection is made; if that fails too, c->pg stays NULL and the
 * statement fails with DB_UNAVAILABLE. Never inside a transaction: its
 * failure must reach the caller, not continue on another session. */
static void revive(db_conn *c) {
    if (c->in_tx) return;
    if (c->pg && PQconsumeInput(c->pg) && PQstatus(c->pg) == CONNECTION_OK) return;
    disconnect_pg(c);
    connect_pg(c);
}

/* A connection that broke without a word (no EOF seen before sending) fails
 * the first statement: when that statement changed nothing (BEGIN, a SELECT
 * outside a transaction), connect again and let the caller retry it once. */
static int reconnected(db_conn *c, db_status s) {
    /* c->pg NULL: revive() just failed to connect; one attempt per statement is enough. */
    if (s != DB_UNAVAILABLE || c->in_tx || !c->pg || PQstatus(c->pg) == CONNECTION_OK) return 0;
    disconnect_pg(c);
    return connect_pg(c) == DB_OK;
}

/* Follows the server's view of the transaction. A connection lost inside one
 * stays "in a transaction" for good: the pool drops it. */
static void track_tx(db_conn *c) {
    if (!connection_lost(c)) c->in_tx = PQtransactionStatus(c->pg) != PQTRANS_IDLE;
}

static int idle(const db_conn *c) {
    return !c->in_tx && !connection_lost(c) && PQtransactionStatus(c->pg) == PQTRANS_IDLE;
}

static db_status run_simple(db_conn *c, const char *sql) {
    if (connection_lost(c)) {
        set_error(c, "the connection to PostgreSQL was lost");
        return DB_UNAVAILABLE;
    }
    return finish_result(c, PQexec(c->pg, sql));
}

/* Finds or creates the prepared statement for sql; writes its name. The
 * parameter types are fixed by the first call: integers are bigint, text is
 * text, NULL is left for PostgreSQL to infer. */
static db_status prepared(db_conn *c, const char *sql, const db_arg *args, int nargs, char name[16]) {
    size_t h = ((size_t)(uintptr_t)sql >> 3) % STMT_CACHE_SLOTS;
    for (size_t probe = 0; probe < STMT_CACHE_SLOTS; probe++, h = (h + 1) % STMT_CACHE_SLOTS) {
        if (c->cache[h].key == sql) {
            snprintf(name, 16, "s%d", c->cache[h].id);
            return DB_OK;
        }
        if (c->cache[h].key) continue;
        Oid types[MAX_PARAMS];
        for (int i = 0; i < nargs; i++)
            types[i] = args[i].kind == DB_ARG_INT ? INT8_OID : args[i].kind == DB_ARG_TEXT ? TEXT_OID : 0;
        int id = c->next_id;
        snprintf(name, 16, "s%d", id);
        db_status s = finish_result(c, PQprepare(c->pg, name, sql, nargs, types));
        if (s != DB_OK) return s;
        c->next_id++;
        c->cache[h].key = sql;
        c->cache[h].id = id;
        return DB_OK;
    }
    set_error(c, "statement cache full (SQL built at run time?)");
    return DB_ERROR;
}

/* Copies a result's cells out; NULL stays NULL. */
static db_rows *copy_rows(const PGresult *res) {
    db_rows *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->ncols = PQnfields(res);
    int n = PQntuples(res);
    const char *tuples = PQcmdTuples((PGresult *)res);
    r->changes = *tuples ? strtoll(tuples, NULL, 10) : 0;
    if (n == 0 || r->ncols == 0) return r;
    r->cells = calloc((size_t)n * (size_t)r->ncols, sizeof *r->cells);
    if (!r->cells) {
        free(r);
        return NULL;
    }
    r->nrows = n; /* set first: db_rows_free frees whatever was copied */
    for (int row = 0; row < n; row++)
        for (int col = 0; col < r->ncols; col++) {
            if (PQgetisnull(res, row, col)) continue;
            if (!(r->cells[row * r->ncols + col] = strdup(PQgetvalue(res, row, col)))) {
                db_rows_free(r);
                return NULL;
            }
        }
    return r;
}

/* The parameters as libpq takes them: text, NULL for NULL; integers are
 * written into ints[i]. */
static void fill_values(const db_arg *args, int nargs, const char **values, char (*ints)[24]) {
    for (int i = 0; i < nargs; i++) {
        values[i] = NULL;
        if (args[i].kind == DB_ARG_INT) {
            snprintf(ints[i], sizeof ints[i], "%lld", (long long)args[i].i);
            values[i] = ints[i];
        } else if (args[i].kind == DB_ARG_TEXT) {
            values[i] = args[i].s;
        }
    }
}

/* Maps res and, when it succeeded, copies its rows to *rows (if wanted). Takes ownership of res. */
static db_status take_result(db_conn *c, PGresult *res, db_rows **rows) {
    ExecStatusType t = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) return finish_result(c, res);
    db_rows *r = copy_rows(res);
    PQclear(res);
    if (!r) {
        set_error(c, "out of memory");
        return DB_ERROR;
    }
    if (rows) *rows = r;
    else db_rows_free(r);
    return DB_OK;
}

static db_status execute(db_conn *c, const char *sql, const db_arg *args, int nargs, db_rows **rows) {
    if (connection_lost(c)) {
        set_error(c, "the connection to PostgreSQL was lost");
        return DB_UNAVAILABLE;
    }
    char name[16], ints[MAX_PARAMS][24];
    const char *values[MAX_PARAMS];
    db_status s = prepared(c, sql, args, nargs, name);
    if (s != DB_OK) return s;
    fill_values(args, nargs, values, ints);
    return take_result(c, PQexecPrepared(c->pg, name, nargs, values, NULL, NULL, 0), rows);
}

static db_status pg_query(db_conn *c, const char *sql, const db_arg *args, int nargs, db_rows **rows) {
    if (rows) *rows = NULL;
    if (nargs < 0 || nargs > MAX_PARAMS) {
        set_error(c, "too many parameters");
        return DB_ERROR;
    }
    revive(c);
    db_status s = execute(c, sql, args, nargs, rows);
    /* Only a SELECT is retried: a write might have been applied before the
     * connection broke, and must not be applied twice. */
    if (strncmp(sql, "SELECT", 6) == 0 && reconnected(c, s)) s = execute(c, sql, args, nargs, rows);
    return s;
}

/* Unprepared, for SQL built at run time; parameters untyped, so PostgreSQL
 * types each by its use (text into a BIGINT column is fine). No retry: it is
 * used inside transactions only. */
static db_status pg_query_once(db_conn *c, const char *sql, const db_arg *args, int nargs, db_rows **rows) {
    if (rows) *rows = NULL;
    if (connection_lost(c)) {
        set_error(c, "the connection to PostgreSQL was lost");
        return DB_UNAVAILABLE;
    }
    if (nargs < 0 || nargs > 65535) {
        set_error(c, "too many parameters");
        return DB_ERROR;
    }
    const char **values = calloc((size_t)nargs + 1, sizeof *values);
    char (*ints)[24] = calloc((size_t)nargs + 1, sizeof *ints);
    db_status s = DB_ERROR;
    if (values && ints) {
        fill_values(args, nargs, values, ints);
        s = take_result(c, PQexecParams(c->pg, sql, nargs, NULL, values, NULL, NULL, 0), rows);
    } else {
        set_error(c, "out of memory");
    }
    free(values);
    free(ints);
    return s;
}

static db_status pg_exec_script(db_conn *c, const char *sql) { return run_simple(c, sql); }

static db_status pg_begin(db_conn *c, int for_write) {
    const char *sql = for_write ? "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(" WRITE_LOCK_KEY ")"
                                : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    revive(c);
    db_status s = run_simple(c, sql);
    if (reconnected(c, s)) s = run_simple(c, sql);
    track_tx(c); /* also when the lock failed after BEGIN: the caller's rollback ends it */
    return s;
}

static db_status pg_commit(db_conn *c) {
    if (connection_lost(c)) {
        set_error(c, "the connection to PostgreSQL was lost");
        return DB_UNAVAILABLE;
    }
    PGresult *res = PQexec(c->pg, "COMMIT");
    track_tx(c);
    /* COMMIT of a transaction that had failed answers "ROLLBACK", not an error. */
    if (res && PQresultStatus(res) == PGRES_COMMAND_OK && strcmp(PQcmdStatus(res), "COMMIT") != 0) {
        PQclear(res);
        set_error(c, "the transaction had failed and was rolled back");
        return DB_ERROR;
    }
    return finish_result(c, res);
}

static db_status pg_rollback(db_conn *c) {
    db_status s = run_simple(c, "ROLLBACK");
    track_tx(c);
    return s;
}

static const char *pg_last_error(db_conn *c) { return c->error; }

static int pg_idle(db_conn *c) { return idle(c); }

/* For bulk loads: the commit returns before the WAL reaches the disk. A crash
 * may lose the last commits but never corrupts the database. */
static db_status pg_bulk_load(db_conn *c, int on) {
    c->bulk = on;
    return run_simple(c, on ? "SET synchronous_commit = off" : "SET synchronous_commit = on");
}

const db_driver db_postgres = {
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .query = pg_query,
    .query_once = pg_query_once,
    .exec_script = pg_exec_script,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .last_error = pg_last_error,
    .idle = pg_idle,
    .bulk_load = pg_bulk_load,
    .migrations = postgres_migrations,
};
