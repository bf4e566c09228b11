/* The HTTP server: libmicrohttpd with epoll and a thread pool, its limits,
 * the per-request context id and the one-line-per-request log. */
#ifndef PORTICO_HTTP_SERVER_H
#define PORTICO_HTTP_SERVER_H

#include "http/request.h"

/* Serves until SIGINT or SIGTERM. Prints "listening on http://ADDR:PORT".
 * Returns 0 on a clean stop, 1 when the server could not start. */
int server_run(const server_config *cfg);

#endif
