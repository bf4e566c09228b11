/* Copying a whole installation from SQLite into an empty PostgreSQL database
 * (`portico migrate`). The tables and their columns are read from the SQLite
 * schema itself, and ordered so that a row's parents are copied before it,
 * so the copy follows the schema as migrations add to it. The source is read
 * in one snapshot, the target written in one transaction: it ends with every
 * row copied and counted, or with nothing written. */
#include "store/store_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TABLES 64
#define MAX_COLUMNS 64
#define NAME_LEN 64
#define BATCH_ROWS 200 /* rows per INSERT: fewer round trips, bounded memory */

typedef struct {
    char name[NAME_LEN];
    char cols[MAX_COLUMNS][NAME_LEN];
    int ncols;
    int parents[MAX_TABLES]; /* indexes of the tables it references */
    int nparents;
    int64_t rows;
} table;

typedef struct {
    store_conn src, dst;
    table tables[MAX_TABLES];
    int ntables;
    int order[MAX_TABLES]; /* parents first */
    char *err;
    size_t errlen;
} copy_job;

/* A growing string for SQL built at run time. */
typedef struct {
    char *s;
    size_t len, cap;
    int failed;
} sql_buf;

static void buf_add(sql_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void buf_add(sql_buf *b, const char *fmt, ...) {
    if (b->failed) return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || b->len + (size_t)n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (n >= 0 && b->len + (size_t)n + 1 > cap) cap *= 2;
        char *s = n < 0 ? NULL : realloc(b->s, cap);
        if (!s) {
            b->failed = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static store_status fail(copy_job *job, store_status s, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static store_status fail(copy_job *job, store_status s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(job->err, job->errlen, fmt, ap);
    va_end(ap);
    return s == STORE_OK ? STORE_ERROR : s;
}

static store_status q_once(store_conn *sc, const char *sql, const db_arg *args, int nargs, db_rows **rows) {
    return store_map(sc->st->drv->query_once(sc->c, sql, args, nargs, rows));
}

static const char *why(store_conn *sc) { return sc->st->drv->last_error(sc->c); }

/* Names come from the schema; quoting keeps them names, and a quote in one is refused. */
static int plain_name(const char *s) { return *s && strlen(s) < NAME_LEN && !strchr(s, '"'); }

static int table_index(const copy_job *job, const char *name) {
    for (int i = 0; i < job->ntables; i++)
        if (strcmp(job->tables[i].name, name) == 0) return i;
    return -1;
}

static store_status same_schema_version(copy_job *job) {
    static const char sql[] = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
    db_rows *a = NULL, *b = NULL;
    store_status s = store_q(&job->src, sql, DB_NOARGS, &a);
    if (s == STORE_OK) s = store_q(&job->dst, sql, DB_NOARGS, &b);
    if (s != STORE_OK) s = fail(job, s, "cannot read the schema versions");
    else if (db_int(a, 0, 0) != db_int(b, 0, 0))
        s = fail(job, STORE_ERROR, "the schema versions differ (SQLite %lld, PostgreSQL %lld)", (long long)db_int(a, 0, 0),
                 (long long)db_int(b, 0, 0));
    db_rows_free(a);
    db_rows_free(b);
    return s;
}

static store_status read_columns(copy_job *job, table *t) {
    db_rows *r = NULL;
    store_status s = store_q(&job->src, "SELECT name FROM pragma_table_info($1) ORDER BY cid", DB_ARGS(DB_TEXT(t->name)), &r);
    if (s == STORE_OK && (r->nrows == 0 || r->nrows > MAX_COLUMNS)) s = fail(job, STORE_ERROR, "table %s: %d columns", t->name, r->nrows);
    for (int i = 0; s == STORE_OK && i < r->nrows; i++) {
        if (!plain_name(db_text(r, i, 0))) s = fail(job, STORE_ERROR, "table %s: a column name cannot be copied", t->name);
        else snprintf(t->cols[t->ncols++], NAME_LEN, "%s", db_text(r, i, 0));
    }
    db_rows_free(r);
    return s;
}

static store_status read_parents(copy_job *job, table *t) {
    db_rows *r = NULL;
    store_status s = store_q(&job->src, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list($1)", DB_ARGS(DB_TEXT(t->name)), &r);
    for (int i = 0; s == STORE_OK && i < r->nrows; i++) {
        int p = table_index(job, db_text(r, i, 0));
        if (p < 0) s = fail(job, STORE_ERROR, "table %s references an unknown table %s", t->name, db_text(r, i, 0));
        else if (strcmp(job->tables[p].name, t->name) != 0) t->parents[t->nparents++] = p; /* a self-reference orders nothing */
    }
    db_rows_free(r);
    return s;
}

/* Every table of the SQLite schema but the migrations' own, with columns and parents. */
static store_status read_tables(copy_job *job) {
    db_rows *r = NULL;
    store_status s = store_q(&job->src,
                             "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite/_%' ESCAPE '/' "
                             "AND name <> 'schema_migrations' ORDER BY name",
                             DB_NOARGS, &r);
    if (s != STORE_OK) return fail(job, s, "cannot list the SQLite tables: %s", why(&job->src));
    if (r->nrows > MAX_TABLES) s = fail(job, STORE_ERROR, "%d tables: more than this build copies", r->nrows);
    for (int i = 0; s == STORE_OK && i < r->nrows; i++) {
        if (!plain_name(db_text(r, i, 0))) s = fail(job, STORE_ERROR, "a table name cannot be copied");
        else snprintf(job->tables[job->ntables++].name, NAME_LEN, "%s", db_text(r, i, 0));
    }
    db_rows_free(r);
    for (int i = 0; s == STORE_OK && i < job->ntables; i++) s = read_columns(job, &job->tables[i]);
    for (int i = 0; s == STORE_OK && i < job->ntables; i++) s = read_parents(job, &job->tables[i]);
    return s;
}

/* Orders the tables parents first; a cycle of references cannot be copied this way. */
static store_status order_tables(copy_job *job) {
    int placed[MAX_TABLES] = {0}, n = 0;
    while (n < job->ntables) {
        int progress = 0;
        for (int i = 0; i < job->ntables; i++) {
            if (placed[i]) continue;
            int ready = 1;
            for (int p = 0; p < job->tables[i].nparents; p++) ready &= placed[job->tables[i].parents[p]];
            if (!ready) continue;
            placed[i] = 1;
            job->order[n++] = i;
            progress = 1;
        }
        if (!progress) return fail(job, STORE_ERROR, "the tables reference each other in a cycle");
    }
    return STORE_OK;
}

/* The target must have the same tables, each with (at least) the source's columns. */
static store_status check_target_tables(copy_job *job) {
    db_rows *r = NULL;
    store_status s = store_q(&job->dst,
                             "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                             "AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY table_name",
                             DB_NOARGS, &r);
    if (s != STORE_OK) return fail(job, s, "cannot list the PostgreSQL tables: %s", why(&job->dst));
    for (int i = 0; s == STORE_OK && i < r->nrows; i++)
        if (table_index(job, db_text(r, i, 0)) < 0)
            s = fail(job, STORE_ERROR, "PostgreSQL has a table %s that SQLite lacks: the two schemas differ", db_text(r, i, 0));
    if (s == STORE_OK && r->nrows != job->ntables)
        s = fail(job, STORE_ERROR, "SQLite has %d tables, PostgreSQL %d: the two schemas differ", job->ntables, r->nrows);
    db_rows_free(r);
    return s;
}

static store_status check_target_columns(copy_job *job, const table *t) {
    db_rows *r = NULL;
    store_status s = store_q(&job->dst,
                             "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                             "AND table_name = $1",
                             DB_ARGS(DB_TEXT(t->name)), &r);
    for (int c = 0; s == STORE_OK && c < t->ncols; c++) {
        int found = 0;
        for (int i = 0; i < r->nrows; i++) found |= strcmp(db_text(r, i, 0), t->cols[c]) == 0;
        if (!found) s = fail(job, STORE_ERROR, "PostgreSQL's table %s has no column %s: the two schemas differ", t->name, t->cols[c]);
    }
    db_rows_free(r);
    return s;
}

static store_status check_target_empty(copy_job *job, const table *t) {
    sql_buf sql = {0};
    db_rows *r = NULL;
    buf_add(&sql, "SELECT 1 FROM \"%s\" LIMIT 1", t->name);
    store_status s = sql.failed ? STORE_ERROR : q_once(&job->dst, sql.s, DB_NOARGS, &r);
    if (s != STORE_OK) s = fail(job, s, "table %s: %s", t->name, why(&job->dst));
    else if (r->nrows) s = fail(job, STORE_ERROR, "the target database is not empty (table %s has rows); migrate only into a new database", t->name);
    db_rows_free(r);
    free(sql.s);
    return s;
}

/* "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)..." for nrows rows. */
static void insert_sql(sql_buf *b, const table *t, int nrows) {
    buf_add(b, "INSERT INTO \"%s\" (", t->name);
    for (int c = 0; c < t->ncols; c++) buf_add(b, "%s\"%s\"", c ? ", " : "", t->cols[c]);
    buf_add(b, ") VALUES ");
    for (int row = 0, n = 1; row < nrows; row++) {
        buf_add(b, "%s(", row ? ", " : "");
        for (int c = 0; c < t->ncols; c++, n++) buf_add(b, "%s$%d", c ? ", " : "", n);
        buf_add(b, ")");
    }
}

/* Inserts the rows of a source batch (column 0 is the rowid, then the table's columns). */
static store_status insert_batch(copy_job *job, const table *t, const db_rows *batch) {
    sql_buf sql = {0};
    insert_sql(&sql, t, batch->nrows);
    db_arg *args = calloc((size_t)batch->nrows * (size_t)t->ncols, sizeof *args);
    store_status s = sql.failed || !args ? STORE_ERROR : STORE_OK;
    for (int row = 0; s == STORE_OK && row < batch->nrows; row++)
        for (int c = 0; c < t->ncols; c++)
            args[row * t->ncols + c] = db_is_null(batch, row, c + 1) ? DB_NULL : DB_TEXT(db_text(batch, row, c + 1));
    if (s == STORE_OK) s = q_once(&job->dst, sql.s, args, batch->nrows * t->ncols, NULL);
    if (s != STORE_OK) s = fail(job, s, "table %s: %s", t->name, sql.failed || !args ? "out of memory" : why(&job->dst));
    free(args);
    free(sql.s);
    return s;
}

static store_status copy_rows_of(copy_job *job, table *t) {
    sql_buf select = {0};
    buf_add(&select, "SELECT rowid");
    for (int c = 0; c < t->ncols; c++) buf_add(&select, ", \"%s\"", t->cols[c]);
    buf_add(&select, " FROM \"%s\" WHERE rowid > $1 ORDER BY rowid LIMIT %d", t->name, BATCH_ROWS);
    store_status s = select.failed ? STORE_ERROR : STORE_OK;
    for (int64_t after = -1; s == STORE_OK;) {
        db_rows *batch = NULL;
        s = q_once(&job->src, select.s, DB_ARGS(DB_INT(after)), &batch);
        if (s != STORE_OK) s = fail(job, s, "table %s: cannot read: %s", t->name, why(&job->src));
        else if (batch->nrows == 0) {
            db_rows_free(batch);
            break;
        } else {
            s = insert_batch(job, t, batch);
            t->rows += batch->nrows;
            after = db_int(batch, batch->nrows - 1, 0);
        }
        db_rows_free(batch);
    }
    free(select.s);
    return s;
}

/* The target counts what the source has, table by table. */
static store_status check_counts(copy_job *job, const table *t) {
    sql_buf sql = {0};
    db_rows *r = NULL;
    buf_add(&sql, "SELECT COUNT(*) FROM \"%s\"", t->name);
    store_status s = sql.failed ? STORE_ERROR : q_once(&job->dst, sql.s, DB_NOARGS, &r);
    if (s != STORE_OK) s = fail(job, s, "table %s: cannot count: %s", t->name, why(&job->dst));
    else if (db_int(r, 0, 0) != t->rows)
        s = fail(job, STORE_ERROR, "table %s: %lld rows copied but %lld in the target", t->name, (long long)t->rows,
                 (long long)db_int(r, 0, 0));
    db_rows_free(r);
    free(sql.s);
    return s;
}

static store_status copy_all(copy_job *job) {
    store_status s = same_schema_version(job);
    if (s == STORE_OK) s = read_tables(job);
    if (s == STORE_OK) s = order_tables(job);
    if (s == STORE_OK) s = check_target_tables(job);
    for (int i = 0; s == STORE_OK && i < job->ntables; i++) s = check_target_columns(job, &job->tables[i]);
    for (int i = 0; s == STORE_OK && i < job->ntables; i++) s = check_target_empty(job, &job->tables[job->order[i]]);
    for (int i = 0; s == STORE_OK && i < job->ntables; i++) s = copy_rows_of(job, &job->tables[job->order[i]]);
    for (int i = 0; s == STORE_OK && i < job->ntables; i++) s = check_counts(job, &job->tables[i]);
    return s;
}

static json_t *summary_of(const copy_job *job) {
    json_t *tables = json_object();
    json_int_t total = 0;
    for (int i = 0; i < job->ntables; i++) {
        const table *t = &job->tables[job->order[i]];
        json_object_set_new(tables, t->name, json_integer(t->rows));
        total += t->rows;
    }
    return json_pack("{s:o, s:I}", "tables", tables, "rows", total);
}

store_status store_copy(store *from, store *to, json_t **summary, char *err, size_t errlen) {
    copy_job *job = calloc(1, sizeof *job);
    if (!job) return STORE_ERROR;
    job->err = err;
    job->errlen = errlen;
    if (errlen) err[0] = '\0';
    store_status s = STORE_OK;
    if (from->drv != &db_sqlite || to->drv != &db_postgres || !from->drv->query_once || !to->drv->query_once)
        s = fail(job, STORE_ERROR, "copies from SQLite to PostgreSQL only");
    if (s == STORE_OK && (s = store_acquire(from, &job->src)) != STORE_OK) s = fail(job, s, "cannot open the source");
    if (s != STORE_OK) {
        free(job);
        return s;
    }
    if ((s = store_acquire(to, &job->dst)) != STORE_OK) {
        store_release(&job->src, STORE_OK);
        free(job);
        snprintf(err, errlen, "cannot connect to the target");
        return s;
    }
    s = store_begin(&job->src, 0); /* one snapshot of the source */
    store_status t = store_begin(&job->dst, 1);
    if (s == STORE_OK && t != STORE_OK) s = t;
    if (s == STORE_OK) s = copy_all(job);
    else fail(job, s, "cannot start the transactions");
    store_finish(&job->src, STORE_ERROR); /* it only read: roll back */
    s = store_finish(&job->dst, s);
    if (s != STORE_OK && !*err) fail(job, s, "the copy was not committed: %s", why(&job->dst));
    if (s == STORE_OK && summary) *summary = summary_of(job);
    store_release(&job->src, STORE_OK);
    store_release(&job->dst, s);
    free(job);
    return s;
}
