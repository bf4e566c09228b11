/* portico serve: the HTTP server. */
#include "api/api.h"
#include "cli/cli.h"
#include "http/server.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct {
    server_config cfg;
    unsigned pool; /* database connections; 0: threads + 2 */
} serve_opts;

/* A whole number lo..hi; -1 when arg is not one. */
static int parse_count(const char *arg, long lo, long hi, unsigned *out) {
    char *end;
    long v = strtol(arg, &end, 10);
    if (end == arg || *end || v < lo || v > hi) return -1;
    *out = (unsigned)v;
    return 0;
}

static int on_option(void *ctx, int opt, const char *arg) {
    serve_opts *o = ctx;
    char *end;
    switch (opt) {
    case 'l': o->cfg.listen = arg; return 0;
    case 'a': o->cfg.allow_http_apps = 1; return 0;
    case 's': o->cfg.secure_cookies = 1; return 0;
    case 't':
        o->cfg.threads = (int)strtol(arg, &end, 10);
        return *end || o->cfg.threads < 2 || o->cfg.threads > 256 ? -1 : 0;
    case 'm': return parse_count(arg, 1, 100000, &o->cfg.max_connections);
    case 'i': return parse_count(arg, 1, 3600, &o->cfg.idle_timeout_s);
    case 'p': return parse_count(arg, 1, 1000, &o->pool);
    default: return -1;
    }
}

static int run_serve(int argc, char **argv, const cli_command *self) {
    static const struct option own[] = {
        {"listen", required_argument, NULL, 'l'},
        {"allow-http-apps", no_argument, NULL, 'a'},
        {"secure-cookies", no_argument, NULL, 's'},
        {"threads", required_argument, NULL, 't'},
        {"max-connections", required_argument, NULL, 'm'},
        {"idle-timeout", required_argument, NULL, 'i'},
        {"pool", required_argument, NULL, 'p'},
        {0, 0, 0, 0},
    };
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    serve_opts o = {.cfg = {.listen = "127.0.0.1:8080", .threads = cores > 2 ? (int)cores : 2}};
    cli_common common = {0};
    int rc = cli_parse(argc, argv, self, own, "", on_option, &o, &common);
    if (rc >= 0) return rc;
    if (optind < argc) return cli_usage_error(self, "unexpected argument %s", argv[optind]);
    store *st;
    /* Two more than the workers: a request never waits for a connection held by another. */
    rc = cli_open_store(self, &common, o.pool ? (int)o.pool : o.cfg.threads + 2, &st);
    if (rc >= 0) return rc;
    store_org org;
    if (store_org_first(st, &org) == STORE_NOT_FOUND)
        fprintf(stderr, "portico serve: warning: %s has no organization yet; run portico init\n", common.shown);
    o.cfg.st = st;
    o.cfg.routes = api_routes();
    rc = server_run(&o.cfg);
    store_close(st);
    return rc;
}

const cli_command cmd_serve = {
    "serve", "serve the API, the admin UI and the workspace over HTTP",
    "usage: portico serve [--listen ADDR:PORT] [--allow-http-apps] [--max-connections N]\n"
    "                     [--idle-timeout S] [--threads N] [--pool N] [--data DIR | --database URL]\n\n"
    "  --listen ADDR:PORT   where to listen (default 127.0.0.1:8080; port 0 picks a free port)\n"
    "  --allow-http-apps    accept http:// app URLs on localhost and 127.0.0.1 (development)\n"
    "  --secure-cookies     mark session cookies Secure (when a TLS proxy is in front)\n"
    "  --threads N          HTTP worker threads (default: the number of cores, at least 2)\n"
    "  --max-connections N  connections open at once, spread over the threads; more are closed\n"
    "                       as soon as accepted (default 1000)\n"
    "  --idle-timeout S     close a connection that sends nothing for S seconds (default 30)\n"
    "  --pool N             database connections kept open at most (default: threads + 2); with\n"
    "                       several servers on one PostgreSQL, all their pools together must stay\n"
    "                       below its max_connections\n"
    "  --data DIR           data folder of the embedded SQLite database (default ./var)\n"
    "  --database URL       a SQLite file, or postgresql://USER:PASSWORD@HOST:PORT/DB to share one\n"
    "                       PostgreSQL database between several servers (docs/scale-out.md)\n",
    run_serve,
};
