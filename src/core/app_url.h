/* Rules for the URLs an admin gives a custom client application: the app's
 * own URL and its icons. An app URL is absolute https (http only for
 * localhost/127.0.0.1 when the operator allows it), carries no user-info,
 * whitespace or control characters, and may hold {{token}} placeholders in
 * its path, query or fragment, which the shell fills in (URL-encoded) for
 * each user. The origin of an accepted URL is what the shell puts in its
 * CSP frame-src and compares postMessage origins against. */
#ifndef PORTICO_CORE_APP_URL_H
#define PORTICO_CORE_APP_URL_H

#include <stddef.h>

#include "core/field_errors.h"

#define APP_URL_MAX_LENGTH 2048
/* Room for any origin app_url_origin writes: "https://", a host of at most
 * 253 characters, ":65535" and the terminating NUL. */
#define APP_URL_ORIGIN_MAX 272

typedef struct {
    int allow_http_loopback; /* the server runs with --allow-http-apps */
} url_policy;

/* 0 when url is acceptable; otherwise -1 after adding one problem to errs
 * under `field` (code "missing.value" for NULL/"", else "invalid.value").
 * A NULL policy allows https only. */
int app_url_check(const char *url, const url_policy *policy, const char *field,
                  field_errors *errs);

/* Writes "scheme://host[:port]" of an http(s) URL that app_url_check would
 * accept under some policy: scheme and host lower-cased, the default port
 * (443/80) left out. Returns 0, or -1 when the URL is not acceptable or out
 * is too small. */
int app_url_origin(const char *url, char *out, size_t outlen);

typedef struct {
    const char *host_origin;    /* {{gcHostOrigin}}, e.g. "http://127.0.0.1:8080" */
    const char *target_env;     /* {{gcTargetEnv}}, e.g. "prod" */
    const char *lang_tag;       /* {{gcLangTag}} and {{pcLangTag}}, e.g. "en-us" */
    const char *pc_environment; /* {{pcEnvironment}} */
} url_token_values;

/* A malloc'd copy of url with each known {{token}} replaced by its value,
 * percent-encoded (RFC 3986 unreserved characters kept). A NULL value fills
 * in as empty; unknown tokens are left as they are. NULL on out-of-memory.
 * v must not be NULL. */
char *app_url_fill_tokens(const char *url, const url_token_values *v);

#endif
