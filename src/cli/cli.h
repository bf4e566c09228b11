/* What the portico subcommands share: common flags (--data, --database,
 * --org, --help), opening the store, finding the org, and exit codes. */
#ifndef PORTICO_CLI_CLI_H
#define PORTICO_CLI_CLI_H

#include "store/store.h"

#include <getopt.h>

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

typedef struct {
    const char *data_dir; /* default ./var */
    const char *database; /* a URL; wins over data_dir */
    const char *org;      /* default: the org init created */
    char target[1100];    /* what store_open gets */
    char shown[1100];     /* the target as messages show it: without a password */
} cli_common;

/* One subcommand: its name, one-line summary, usage text and entry point. */
typedef struct cli_command cli_command;
struct cli_command {
    const char *name;
    const char *summary;
    const char *usage;
    int (*run)(int argc, char **argv, const cli_command *self);
};

/* Parses argv with the command's own options plus the common ones. For each
 * own option, on_option(ctx, opt, optarg) is called and returns 0 or -1.
 * Returns -1 to go on, or an exit code (help printed: 0; bad usage: 2). */
int cli_parse(int argc, char **argv, const cli_command *cmd, const struct option *own, const char *own_short,
              int (*on_option)(void *ctx, int opt, const char *arg), void *ctx, cli_common *common);

/* Prints "portico CMD: message" and the usage hint; returns EXIT_USAGE. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints "portico CMD: message"; returns EXIT_RUNTIME. */
int cli_fail(const cli_command *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Opens the store named by the common flags (creating the data folder). */
int cli_open_store(const cli_command *cmd, cli_common *common, int pool_size, store **out);
/* Finds --org, or the first org; prints the error and returns an exit code, or -1. */
int cli_find_org(const cli_command *cmd, store *st, const cli_common *common, store_org *out);

extern const cli_command cmd_init, cmd_serve, cmd_client, cmd_org, cmd_user, cmd_type, cmd_migrate;

#endif
