/* portico migrate: moves an installation from its SQLite file into a new,
 * empty PostgreSQL database (docs/scale-out.md). */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    const char *from, *to;
} migrate_opts;

static int on_option(void *ctx, int opt, const char *arg) {
    migrate_opts *o = ctx;
    if (opt == 'f') o->from = arg;
    else if (opt == 't') o->to = arg;
    else return -1;
    return 0;
}

static int is_postgres_url(const char *s) { return !strncmp(s, "postgresql://", 13) || !strncmp(s, "postgres://", 11); }

/* The SQLite file to read: --from sqlite:PATH (or a bare PATH), else the one of --data / --database. */
static const char *source_path(const migrate_opts *o, const cli_common *common) {
    if (!o->from) return common->target;
    return strncmp(o->from, "sqlite:", 7) == 0 ? o->from + 7 : o->from;
}

static int copy(const cli_command *self, const char *path, const char *to) {
    char err[1024], shown[1100];
    store *from = NULL, *target = NULL;
    int rc = EXIT_RUNTIME;
    store_target_redacted(to, shown, sizeof shown);
    if (store_open(path, 1, &from, err, sizeof err) != STORE_OK) {
        rc = cli_fail(self, "cannot open %s: %s", path, err);
    } else if (store_open(to, 1, &target, err, sizeof err) != STORE_OK) {
        rc = cli_fail(self, "cannot open %s: %s", shown, err);
    } else {
        json_t *summary = NULL;
        if (store_copy(from, target, &summary, err, sizeof err) != STORE_OK) {
            rc = cli_fail(self, "nothing was copied: %s", err);
        } else {
            json_object_set_new(summary, "from", json_string(path));
            json_object_set_new(summary, "to", json_string(shown));
            rc = json_dumpf(summary, stdout, JSON_INDENT(2) | JSON_SORT_KEYS) == 0 && puts("") >= 0 ? EXIT_OK : EXIT_RUNTIME;
            json_decref(summary);
        }
    }
    store_close(target);
    store_close(from);
    return rc;
}

static int run_migrate(int argc, char **argv, const cli_command *self) {
    static const struct option own[] = {
        {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},
        {0, 0, 0, 0},
    };
    migrate_opts o = {0};
    cli_common common = {0};
    int rc = cli_parse(argc, argv, self, own, "", on_option, &o, &common);
    if (rc >= 0) return rc;
    if (optind < argc) return cli_usage_error(self, "unexpected argument %s", argv[optind]);
    if (!o.to || !is_postgres_url(o.to)) return cli_usage_error(self, "--to needs a postgresql:// URL");
    const char *path = source_path(&o, &common);
    if (is_postgres_url(path)) return cli_usage_error(self, "--from must be a SQLite file (sqlite:PATH)");
    /* store_open would create a missing file: an empty source is a mistake, not a migration. */
    if (access(path, R_OK | W_OK) != 0) return cli_fail(self, "no SQLite database at %s", path);
    return copy(self, path, o.to);
}

const cli_command cmd_migrate = {
    "migrate", "move an installation from SQLite to a new PostgreSQL database",
    "usage: portico migrate --from sqlite:PATH --to postgresql://USER:PASSWORD@HOST:PORT/DB\n"
    "       portico migrate --data DIR --to postgresql://...\n\n"
    "Copies every record of the SQLite database (by default DIR/portico.db of --data) into the\n"
    "PostgreSQL database, in one transaction: all of it or, on any error, nothing. The target\n"
    "must be empty (a new database; the schema is created if missing); a target with any\n"
    "record is refused. Stop the servers using the SQLite file first: what they write during\n"
    "the copy would not be copied. Prints the number of rows per table as JSON.\n\n"
    "  --from sqlite:PATH   the SQLite file to copy (default: the one of --data)\n"
    "  --to URL             the PostgreSQL database to fill\n",
    run_migrate,
};
