/* Who is calling: a bearer token (OAuth client) or the session cookie of a
 * logged-in user, whose state-changing requests must carry the CSRF token. */
#ifndef PORTICO_HTTP_AUTH_H
#define PORTICO_HTTP_AUTH_H

#include "http/request.h"

#define SESSION_COOKIE "portico_session"

/* Loads the caller into req->caller. Returns -1 when the request may go on,
 * otherwise the MHD result of the 401/403/503 already sent. */
int auth_require_caller(request *req, int check_csrf);

/* The token of an "Authorization: Bearer TOKEN" header value, copied into out
 * (len bytes). Returns 1, or 0 with out = "" when the value is another scheme,
 * holds no token or one that does not fit. Pure: no request needed. */
int auth_bearer_token(const char *authorization, char *out, size_t len);

/* Like auth_require_caller but never answers: 1 when a caller was found. */
int auth_try_caller(request *req);

#endif
