/* Logging in and out, OAuth client-credentials tokens, and "who am I". */
#include "api/api.h"
#include "core/input.h"
#include "http/auth.h"
#include "lib/clock.h"
#include "lib/ids.h"
#include "lib/password.h"

#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SESSION_TTL_S (12 * 3600)
#define TOKEN_TTL_S (24 * 3600)
/* After this many failures in a row, each try waits. An address gets more
 * room than an account: many people may share one (a NAT, a proxy). */
#define FREE_ACCOUNT_FAILURES 5
#define FREE_ADDRESS_FAILURES 20
#define MAX_LOGIN_DELAY_S 300

/* Seconds until the next try is allowed, given failures so far. */
static int64_t login_wait_s(int failures, int free_failures, int64_t last_at_ms, int64_t now_ms) {
    if (failures < free_failures) return 0;
    int shift = failures - free_failures;
    int64_t delay = shift >= 9 ? MAX_LOGIN_DELAY_S : ((int64_t)1 << shift);
    if (delay > MAX_LOGIN_DELAY_S) delay = MAX_LOGIN_DELAY_S;
    int64_t wait_ms = last_at_ms + delay * 1000 - now_ms;
    return wait_ms > 0 ? (wait_ms + 999) / 1000 : 0;
}

static int64_t throttle_wait(request *req, const char *account_key, const char *addr_key) {
    int64_t now = clock_now_ms(), worst = 0;
    const char *keys[] = {account_key, addr_key};
    const int free_failures[] = {FREE_ACCOUNT_FAILURES, FREE_ADDRESS_FAILURES};
    for (int i = 0; i < 2; i++) {
        int failures;
        int64_t last;
        if (store_login_failures(req->cfg->st, keys[i], &failures, &last) != STORE_OK) continue;
        int64_t w = login_wait_s(failures, free_failures[i], last, now);
        if (w > worst) worst = w;
    }
    return worst;
}

static int too_many_tries(request *req, int64_t wait_s) {
    char retry[24];
    snprintf(retry, sizeof retry, "%lld", (long long)wait_s);
    response_header h[] = {{"Retry-After", retry}};
    json_t *body = json_pack("{s:s, s:s, s:i, s:s, s:[], s:[]}", "message", "", "code", "too.many.requests", "status",
                             429, "contextId", req->context_id, "details", "errors");
    json_object_set_new(body, "message",
                        json_sprintf("Too many failed logins; try again in %lld seconds", (long long)wait_s));
    return respond_json_with(req, 429, body, h, 1);
}

static int start_session(request *req, const store_login *account) {
    char secret[SECRET_HEX_LEN + 1], hash[TOKEN_HASH_HEX_LEN + 1], csrf[SECRET_HEX_LEN + 1];
    ids_secret(secret);
    ids_secret(csrf);
    ids_token_hash(secret, hash);
    store_status s = store_session_create(req->cfg->st, hash, account->org_id, account->user_id, NULL, csrf,
                                          clock_now_ms() + (int64_t)SESSION_TTL_S * 1000);
    if (s != STORE_OK) return respond_store_error(req, s, "session");
    char cookie[256];
    snprintf(cookie, sizeof cookie, "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s", SESSION_COOKIE, secret,
             SESSION_TTL_S, req->cfg->secure_cookies ? "; Secure" : "");
    response_header h[] = {{"Set-Cookie", cookie}};
    return respond_json_with(req, 200, json_pack("{s:s}", "csrfToken", csrf), h, 1);
}

static int post_login(request *req) {
    field_errors errs;
    field_errors_init(&errs);
    int bad = 0;
    const char *email = input_required_string(req->json, "email", &errs);
    const char *password = input_required_string(req->json, "password", &errs);
    const char *org = input_optional_string(req->json, "org", &bad, &errs);
    if (!email || !password || bad) return respond_field_errors(req, &errs);

    char lower[256], peer[64], account_key[300], addr_key[80];
    input_lowercase(email, lower, sizeof lower);
    request_peer(req, peer, sizeof peer);
    snprintf(account_key, sizeof account_key, "account:%s", lower);
    snprintf(addr_key, sizeof addr_key, "addr:%s", peer);
    int64_t wait_s = throttle_wait(req, account_key, addr_key);
    if (wait_s > 0) return too_many_tries(req, wait_s);

    store_login account = {0};
    store_status s = store_user_find_login(req->cfg->st, lower, org, &account);
    if (s == STORE_CONFLICT)
        return respond_error(req, 400, "bad.request", "This e-mail belongs to several organizations; add \"org\": its name");
    if (s != STORE_OK && s != STORE_NOT_FOUND) return respond_store_error(req, s, "account");
    if (!password_verify(password, s == STORE_OK ? account.password_hash : NULL)) {
        int64_t now = clock_now_ms();
        store_login_failed(req->cfg->st, account_key, now);
        store_login_failed(req->cfg->st, addr_key, now);
        return respond_error(req, 401, "bad.credentials", "The e-mail or password is not correct");
    }
    store_login_succeeded(req->cfg->st, account_key);
    store_login_succeeded(req->cfg->st, addr_key);
    return start_session(req, &account);
}

static int post_logout(request *req) {
    store_status s = store_session_delete(req->cfg->st, req->session_hash);
    if (s != STORE_OK) return respond_store_error(req, s, "session");
    char cookie[160];
    snprintf(cookie, sizeof cookie, "%s=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0%s", SESSION_COOKIE,
             req->cfg->secure_cookies ? "; Secure" : "");
    response_header h[] = {{"Set-Cookie", cookie}};
    return respond_empty(req, 204, h, 1);
}

/* 1 when the form body holds grant_type=client_credentials. */
static int grant_is_client_credentials(const char *body) {
    if (!body) return 0;
    for (const char *p = body; *p;) {
        size_t n = strcspn(p, "&");
        if (n == 29 && strncmp(p, "grant_type=client_credentials", 29) == 0) return 1;
        p += n;
        if (*p == '&') p++;
    }
    return 0;
}

static int client_secret_matches(request *req, const char *client_id, const char *secret, char org_id[40]) {
    char stored[256], presented[TOKEN_HASH_HEX_LEN + 1];
    if (!ids_is_uuid(client_id) || store_client_secret_hash(req->cfg->st, client_id, org_id, stored) != STORE_OK) return 0;
    ids_token_hash(secret, presented);
    return strlen(stored) == TOKEN_HASH_HEX_LEN && sodium_memcmp(stored, presented, TOKEN_HASH_HEX_LEN) == 0;
}

static int post_oauth_token(request *req) {
    if (!grant_is_client_credentials(req->body))
        return respond_error(req, 400, "bad.request",
                             "Only grant_type=client_credentials is supported, sent as a form body");
    char *password = NULL;
    char *user = MHD_basic_auth_get_username_password(req->conn, &password);
    char org_id[40];
    int ok = user && password && client_secret_matches(req, user, password, org_id);
    char secret[SECRET_HEX_LEN + 1], hash[TOKEN_HASH_HEX_LEN + 1];
    store_status s = STORE_OK;
    if (ok) {
        ids_secret(secret);
        ids_token_hash(secret, hash);
        s = store_session_create(req->cfg->st, hash, org_id, NULL, user, NULL, clock_now_ms() + (int64_t)TOKEN_TTL_S * 1000);
    }
    MHD_free(user);
    MHD_free(password);
    if (!ok)
        return respond_error(req, 401, "bad.credentials",
                             "The client id or secret is not correct: send them with HTTP Basic authentication");
    if (s != STORE_OK) return respond_store_error(req, s, "token");
    return respond_json(req, 200, json_pack("{s:s, s:s, s:i}", "access_token", secret, "token_type", "bearer",
                                            "expires_in", TOKEN_TTL_S));
}

static json_t *organization_json(const store_principal *p) {
    return json_pack("{s:s, s:s, s:s}", "id", p->org_id, "name", p->org_name, "selfUri", "/api/v2/organizations/me");
}

static int get_users_me(request *req) {
    const store_principal *p = &req->caller;
    if (!*p->user_id)
        return respond_error(req, 400, "bad.request", "This request needs a user: an OAuth client has no user profile");
    json_t *me = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:O, s:O, s:O}", "id", p->user_id, "name", p->name, "email",
                           p->email, "languageTag", p->language_tag, "state", "active", "organization",
                           organization_json(p), "permissions", p->permissions, "roleIds", p->role_ids, "groupIds",
                           p->group_ids);
    json_object_set_new(me, "selfUri", json_sprintf("/api/v2/users/%s", p->user_id));
    if (req->via_cookie) json_object_set_new(me, "csrfToken", json_string(p->csrf_token));
    return respond_json(req, 200, me);
}

static int get_tokens_me(request *req) {
    const store_principal *p = &req->caller;
    json_t *me = json_pack("{s:s, s:o, s:o}", "name", p->name, "organization", organization_json(p), "homeOrganization",
                           organization_json(p));
    if (*p->client_id) json_object_set_new(me, "OAuthClient", json_pack("{s:s, s:s}", "id", p->client_id, "name", p->name));
    else json_object_set_new(me, "user", json_pack("{s:s, s:s}", "id", p->user_id, "name", p->name));
    return respond_json(req, 200, me);
}

const route api_session_routes[] = {
    {"POST", "/login", post_login, ROUTE_PUBLIC | ROUTE_JSON_BODY, NULL},
    {"POST", "/logout", post_logout, 0, NULL},
    {"POST", "/oauth/token", post_oauth_token, ROUTE_PUBLIC, NULL},
    {"GET", "/api/v2/users/me", get_users_me, 0, NULL},
    {"GET", "/api/v2/tokens/me", get_tokens_me, 0, NULL},
    {0},
};
