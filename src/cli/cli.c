#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define COMMON_DATA 1000
#define COMMON_DATABASE 1001
#define COMMON_ORG 1002
#define COMMON_HELP 'h'
#define MAX_OPTIONS 24

static const struct option common_options[] = {
    {"data", required_argument, NULL, COMMON_DATA},
    {"database", required_argument, NULL, COMMON_DATABASE},
    {"org", required_argument, NULL, COMMON_ORG},
    {"help", no_argument, NULL, COMMON_HELP},
};

int cli_usage_error(const cli_command *cmd, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "portico %s: ", cmd->name);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (see: portico %s --help)\n", cmd->name);
    va_end(ap);
    return EXIT_USAGE;
}

int cli_fail(const cli_command *cmd, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "portico %s: ", cmd->name);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return EXIT_RUNTIME;
}

int cli_parse(int argc, char **argv, const cli_command *cmd, const struct option *own, const char *own_short,
              int (*on_option)(void *ctx, int opt, const char *arg), void *ctx, cli_common *common) {
    struct option all[MAX_OPTIONS];
    size_t n = 0;
    for (; own && own[n].name && n < MAX_OPTIONS - 5; n++) all[n] = own[n];
    for (size_t i = 0; i < sizeof common_options / sizeof common_options[0]; i++) all[n++] = common_options[i];
    memset(&all[n], 0, sizeof all[n]);
    char shorts[32];
    snprintf(shorts, sizeof shorts, ":h%s", own_short ? own_short : "");
    common->data_dir = "var";
    optind = 1;
    opterr = 0;
    int opt;
    int which = -1;
    while ((opt = getopt_long(argc, argv, shorts, all, &which)) != -1) {
        switch (opt) {
        case COMMON_DATA: common->data_dir = optarg; break;
        case COMMON_DATABASE: common->database = optarg; break;
        case COMMON_ORG: common->org = optarg; break;
        case COMMON_HELP: fputs(cmd->usage, stdout); return EXIT_OK;
        case ':': return cli_usage_error(cmd, "%s needs a value", argv[optind - 1]);
        case '?': return cli_usage_error(cmd, "unknown option %s", argv[optind - 1]);
        default:
            if (on_option(ctx, opt, optarg) != 0)
                return cli_usage_error(cmd, "bad value for --%s: \"%s\"", which >= 0 ? all[which].name : "?",
                                       optarg ? optarg : "");
        }
    }
    if (common->database) snprintf(common->target, sizeof common->target, "%s", common->database);
    else snprintf(common->target, sizeof common->target, "%s/portico.db", common->data_dir);
    store_target_redacted(common->target, common->shown, sizeof common->shown);
    return -1;
}

int cli_open_store(const cli_command *cmd, cli_common *common, int pool_size, store **out) {
    if (!common->database && mkdir(common->data_dir, 0700) != 0 && errno != EEXIST)
        return cli_fail(cmd, "cannot create the data folder %s: %s", common->data_dir, strerror(errno));
    char err[512];
    if (store_open(common->target, pool_size, out, err, sizeof err) != STORE_OK) return cli_fail(cmd, "%s", err);
    return -1;
}

int cli_find_org(const cli_command *cmd, store *st, const cli_common *common, store_org *out) {
    store_status s = common->org ? store_org_find(st, common->org, out) : store_org_first(st, out);
    if (s == STORE_NOT_FOUND)
        return common->org ? cli_fail(cmd, "no organization named \"%s\" (see: portico org list)", common->org)
                           : cli_fail(cmd, "the database has no organization yet; run portico init first");
    if (s != STORE_OK) return cli_fail(cmd, "cannot read organizations: %s", store_status_name(s));
    return -1;
}
