/* The database driver under the store: what SQLite and PostgreSQL each
 * provide so that the store's SQL, written once with $1..$n parameters, runs
 * on both. Only files in src/store include this. */
#ifndef PORTICO_STORE_DB_H
#define PORTICO_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

typedef struct db_conn db_conn;

typedef enum {
    DB_OK = 0,
    DB_CONSTRAINT,   /* a unique, foreign-key or check constraint refused the write */
    DB_UNAVAILABLE,  /* the database cannot be reached or is busy past its timeout */
    DB_ERROR,        /* anything else: a bug or a damaged database */
} db_status;

typedef enum { DB_ARG_NULL, DB_ARG_INT, DB_ARG_TEXT } db_arg_kind;

typedef struct {
    db_arg_kind kind;
    int64_t i;
    const char *s;
} db_arg;

#define DB_TEXT(v) ((db_arg){DB_ARG_TEXT, 0, (v)})
#define DB_INT(v) ((db_arg){DB_ARG_INT, (int64_t)(v), NULL})
#define DB_NULL ((db_arg){DB_ARG_NULL, 0, NULL})
#define DB_ARGS(...) ((const db_arg[]){__VA_ARGS__}), (int)(sizeof((const db_arg[]){__VA_ARGS__}) / sizeof(db_arg))
#define DB_NOARGS NULL, 0

/* The rows a query returned, copied out of the driver; NULL cells stay NULL. */
typedef struct {
    int nrows, ncols;
    char **cells; /* nrows * ncols, row-major; each malloc'd or NULL */
    int64_t changes; /* rows changed by an INSERT/UPDATE/DELETE */
} db_rows;

const char *db_text(const db_rows *r, int row, int col); /* "" for NULL */
int db_is_null(const db_rows *r, int row, int col);
int64_t db_int(const db_rows *r, int row, int col);
void db_rows_free(db_rows *r);

typedef struct {
    int version;
    const char *sql; /* several statements separated by ';' */
} db_migration;

typedef struct db_driver {
    const char *name;
    db_status (*open)(const char *target, db_conn **out, char *err, size_t errlen);
    void (*close)(db_conn *c);
    /* Runs one statement. rows may be NULL when the caller wants none back;
     * otherwise *rows is set (also on error, then to NULL). `sql` must be a
     * string literal: drivers cache prepared statements by its address. */
    db_status (*query)(db_conn *c, const char *sql, const db_arg *args, int nargs, db_rows **rows);
    /* Like query, for SQL built at run time (`portico migrate`): prepared for
     * this call only. On PostgreSQL its parameters are typed by their use, so
     * text may go into a column of any type. */
    db_status (*query_once)(db_conn *c, const char *sql, const db_arg *args, int nargs, db_rows **rows);
    db_status (*exec_script)(db_conn *c, const char *sql); /* migrations only */
    db_status (*begin)(db_conn *c, int for_write);
    db_status (*commit)(db_conn *c);
    db_status (*rollback)(db_conn *c);
    const char *(*last_error)(db_conn *c);
    /* Optional: 0 when the connection is broken or was left inside a
     * transaction; the pool then closes it and the next user reconnects. */
    int (*idle)(db_conn *c);
    /* Optional: on 1 tunes the connection for loading much data (a commit
     * may return before its data reaches the disk: a crash may lose the last
     * commits, never corrupts); on 0 restores the defaults, where a commit
     * that returned survives a crash. */
    db_status (*bulk_load)(db_conn *c, int on);
    const db_migration *migrations; /* in version order, ends with {0, NULL} */
    /* 1 when the database takes one writer at a time (SQLite): the store then
     * queues its own writers, which a busy database would make poll and sleep. */
    int one_writer;
} db_driver;

extern const db_driver db_sqlite;
extern const db_driver db_postgres;

#endif
