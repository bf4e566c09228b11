#include "http/server.h"
#include "http/response.h"
#include "http/router.h"
#include "lib/clock.h"
#include "lib/ids.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define CONNECTION_LIMIT 1000   /* unless --max-connections */
#define CONNECTION_TIMEOUT_S 30 /* unless --idle-timeout */
/* Bounds the request line and headers: 414/431 beyond (about 31 KiB here).
 * libmicrohttpd zeroes the whole pool after every request, so each KiB costs
 * every request: 64 KiB was 7 % of the CPU of a clientapps answer
 * (bench/README.md). nginx takes 8 KiB per line by default. */
#define CONNECTION_MEMORY_LIMIT (32 * 1024)

static request *request_new(struct MHD_Connection *conn, const server_config *cfg, const char *method, const char *url) {
    request *req = calloc(1, sizeof *req);
    if (!req) return NULL;
    req->conn = conn;
    req->cfg = cfg;
    req->method = method;
    req->path = url;
    req->started_us = clock_monotonic_us();
    ids_uuid(req->context_id);
    return req;
}

static void request_free(request *req) {
    for (int i = 0; i < req->n_params; i++) free(req->params[i]);
    json_decref(req->json);
    store_principal_clear(&req->caller);
    free(req->body);
    free(req);
}

static void append_body(request *req, const char *data, size_t size) {
    if (req->body_too_large) return;
    if (req->body_len + size > REQUEST_MAX_BODY) {
        req->body_too_large = 1;
        free(req->body);
        req->body = NULL;
        req->body_len = 0;
        return;
    }
    char *grown = realloc(req->body, req->body_len + size + 1);
    if (!grown) {
        req->body_too_large = 1;
        return;
    }
    memcpy(grown + req->body_len, data, size);
    req->body = grown;
    req->body_len += size;
    req->body[req->body_len] = '\0';
}

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind;
    (void)value;
    int *counts = cls;
    if (strcasecmp(key, "Content-Length") == 0) counts[0]++;
    if (strcasecmp(key, "Transfer-Encoding") == 0) counts[1]++;
    return MHD_YES;
}

/* 1 when the body's length is given twice over (two Content-Lengths, or one
 * with Transfer-Encoding): a proxy in front may read it the other way, and
 * what it takes for a body we would take for a second request (smuggling). */
static int framing_is_ambiguous(struct MHD_Connection *conn) {
    int counts[2] = {0, 0};
    MHD_get_connection_values(conn, MHD_HEADER_KIND, count_framing, counts);
    return counts[0] > 1 || (counts[0] && counts[1]);
}

/* libmicrohttpd calls this several times per request: first with the headers
 * (answering then would drop keep-alive), then with body chunks, then once
 * more with nothing left, when we answer. */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
    (void)version;
    request *req = *con_cls;
    if (!req) {
        *con_cls = req = request_new(conn, cls, method, url);
        if (req && framing_is_ambiguous(conn)) /* answered now, so the connection closes */
            return respond_error(req, 400, "bad.request",
                                 "The request gives its body length twice (Content-Length and Transfer-Encoding, or two "
                                 "Content-Lengths); send one") == MHD_YES ? MHD_YES : MHD_NO;
        return req ? MHD_YES : MHD_NO;
    }
    if (*upload_data_size) {
        append_body(req, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    return router_dispatch(req) == MHD_YES ? MHD_YES : MHD_NO;
}

/* The path as sent, but with control characters and backslashes escaped, so
 * a path holding %0a cannot forge log lines. */
static void log_path(FILE *out, const char *path) {
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p < 0x20 || *p == 0x7f || *p == '\\') fprintf(out, "\\x%02x", *p);
        else fputc(*p, out);
    }
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe) {
    (void)cls;
    (void)conn;
    request *req = *con_cls;
    if (!req) return;
    double ms = (double)(clock_monotonic_us() - req->started_us) / 1000.0;
    flockfile(stdout); /* one line, whole, whatever the other threads print */
    fprintf(stdout, "%s ", req->method);
    log_path(stdout, req->path);
    fprintf(stdout, " %d %.2fms %s%s\n", req->status, ms, req->context_id,
            toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (connection ended early)");
    fflush(stdout);
    funlockfile(stdout);
    request_free(req);
    *con_cls = NULL;
}

static int parse_listen(const char *listen, struct sockaddr_in *addr) {
    char host[64];
    const char *colon = strrchr(listen, ':');
    if (!colon || (size_t)(colon - listen) >= sizeof host) return -1;
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535) return -1;
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_port = htons((uint16_t)port);
    return inet_pton(AF_INET, host, &addr->sin_addr) == 1 ? 0 : -1;
}

static size_t unescape(void *cls, struct MHD_Connection *conn, char *s) {
    (void)cls;
    (void)conn;
    return request_unescape(s);
}

/* Connections beyond the limit are closed as soon as they are accepted, so a
 * client learns at once instead of waiting in the listen backlog (which is what
 * libmicrohttpd's own limit does: a full worker stops accepting). */
typedef struct {
    unsigned limit;
    atomic_uint open;
} connection_gate;

static enum MHD_Result admit(void *cls, const struct sockaddr *addr, socklen_t addrlen) {
    (void)addr;
    (void)addrlen;
    connection_gate *gate = cls;
    return atomic_load(&gate->open) < gate->limit ? MHD_YES : MHD_NO;
}

static void count_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                             enum MHD_ConnectionNotificationCode code) {
    (void)conn;
    (void)socket_context;
    connection_gate *gate = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) atomic_fetch_add(&gate->open, 1);
    else atomic_fetch_sub(&gate->open, 1);
}

static void log_mhd_error(void *cls, const char *fmt, va_list ap) {
    (void)cls;
    fprintf(stderr, "microhttpd: ");
    vfprintf(stderr, fmt, ap);
}

/* libmicrohttpd splits its own limit among the threads; set high enough that
 * no thread stops accepting before the gate refuses. */
static struct MHD_Daemon *start_daemon(const server_config *cfg, struct sockaddr_in *addr, connection_gate *gate) {
    unsigned threads = cfg->threads >= 2 ? (unsigned)cfg->threads : 2; /* 1 would fall back to a single thread */
    return MHD_start_daemon( /* the logger first, so that it gets every message */
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, ntohs(addr->sin_port), admit, gate,
        on_request, (void *)cfg, MHD_OPTION_EXTERNAL_LOGGER, log_mhd_error, NULL, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)addr, MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT,
        (gate->limit + 1) * threads, MHD_OPTION_NOTIFY_CONNECTION, count_connection, gate,
        MHD_OPTION_CONNECTION_TIMEOUT, cfg->idle_timeout_s ? cfg->idle_timeout_s : (unsigned)CONNECTION_TIMEOUT_S,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY_LIMIT, MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
}

int server_run(const server_config *cfg) {
    struct sockaddr_in addr;
    if (parse_listen(cfg->listen, &addr) != 0) {
        fprintf(stderr, "portico: --listen must be IPv4ADDRESS:PORT, got \"%s\"\n", cfg->listen);
        return 2;
    }
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL); /* the daemon's threads inherit the mask */
    signal(SIGPIPE, SIG_IGN);
    connection_gate gate = {cfg->max_connections ? cfg->max_connections : CONNECTION_LIMIT, 0};
    struct MHD_Daemon *d = start_daemon(cfg, &addr, &gate);
    if (!d) {
        fprintf(stderr, "portico: cannot listen on %s (in use, or not an address of this machine)\n", cfg->listen);
        return 1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char host[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &addr.sin_addr, host, sizeof host);
    printf("portico: listening on http://%s:%u\n", host, info ? info->port : ntohs(addr.sin_port));
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    printf("portico: stopping (signal %d)\n", sig);
    MHD_stop_daemon(d);
    return 0;
}
