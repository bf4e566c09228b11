#include "http/auth.h"
#include "http/response.h"
#include "lib/clock.h"
#include "lib/ids.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

int auth_bearer_token(const char *authorization, char *out, size_t len) {
    if (len == 0) return 0;
    out[0] = '\0';
    if (!authorization || strncasecmp(authorization, "Bearer ", 7) != 0) return 0; /* some other scheme */
    const char *t = authorization + 7;
    while (*t == ' ') t++;
    size_t n = strlen(t);
    if (n == 0 || n >= len) return 0;
    memcpy(out, t, n + 1);
    return 1;
}

/* The secret the caller presented ("" when unusable, NULL when none), and whether it came from the cookie. */
static const char *presented_secret(request *req, char *buf, size_t len, int *via_cookie) {
    const char *authz = request_header(req, "Authorization");
    *via_cookie = 0;
    if (authz) {
        auth_bearer_token(authz, buf, len);
        return buf;
    }
    *via_cookie = 1;
    return request_cookie(req, SESSION_COOKIE, buf, len);
}

static store_status load_caller(request *req, const char *secret) {
    ids_token_hash(secret, req->session_hash);
    store_status s = store_principal_load(req->cfg->st, req->session_hash, clock_now_ms(), &req->caller);
    req->authenticated = s == STORE_OK;
    return s;
}

int auth_try_caller(request *req) {
    char secret[256];
    const char *presented = presented_secret(req, secret, sizeof secret, &req->via_cookie);
    return presented && *presented && load_caller(req, presented) == STORE_OK;
}

static int csrf_ok(request *req) {
    const char *sent = request_header(req, "X-CSRF-Token");
    size_t n = strlen(req->caller.csrf_token);
    return sent && n > 0 && strlen(sent) == n && sodium_memcmp(sent, req->caller.csrf_token, n) == 0;
}

int auth_require_caller(request *req, int check_csrf) {
    char secret[256];
    const char *presented = presented_secret(req, secret, sizeof secret, &req->via_cookie);
    if (!presented)
        return respond_error(req, 401, "authentication.required",
                             "Authentication required: send a bearer token or log in");
    store_status s = *presented ? load_caller(req, presented) : STORE_NOT_FOUND;
    if (s == STORE_NOT_FOUND)
        return respond_error(req, 401, "bad.credentials",
                             req->via_cookie ? "Your session has ended; log in again"
                                             : "The access token is invalid or has expired; request a new one");
    if (s != STORE_OK) return respond_store_error(req, s, "session");
    if (check_csrf && req->via_cookie && request_changes_state(req) && !csrf_ok(req))
        return respond_error(req, 403, "csrf.token.missing",
                             "This request needs the X-CSRF-Token header with the token returned at login");
    return -1;
}
