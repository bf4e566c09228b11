/* Who is calling: a bearer token (OAuth client) or the session cookie of a
 * logged-in user, whose state-changing requests must carry the CSRF token. */
#ifndef PORTICO_HTTP_AUTH_H
#define PORTICO_HTTP_AUTH_H

#include "http/request.h"

#define SESSION_COOKIE "portico_session"

/* Loads the caller into req->caller. Returns -1 when the request may go on,
 * otherwise the MHD result of the 401/403/503 already sent. */
int auth_require_caller(request *req, int check_csrf);

/* Like auth_require_caller but never answers: 1 when a caller was found. */
int auth_try_caller(request *req);

#endif
