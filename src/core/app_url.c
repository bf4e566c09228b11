#include "core/app_url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HOST_MAX 253
#define LABEL_MAX 63

typedef enum {
    URL_OK,
    URL_EMPTY,
    URL_TOO_LONG,
    URL_BAD_CHAR,
    URL_NOT_ASCII,
    URL_BAD_SCHEME,
    URL_TOKEN_IN_ORIGIN,
    URL_NOT_ABSOLUTE,
    URL_USERINFO,
    URL_NO_HOST,
    URL_BAD_HOST,
    URL_BAD_PORT,
    URL_HTTP_NOT_ALLOWED,
} url_status;

typedef struct {
    const char *scheme;
    size_t scheme_len;
    const char *host;
    size_t host_len;
    long port; /* -1 when the URL names none */
    int is_https;
} url_parts;

/* Character classes of the C locale, whatever locale the server runs in. */
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alnum(char c) { return is_alpha(c) || is_digit(c); }
static int is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
static char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }

/* Length, control characters, whitespace and non-ASCII bytes (a non-ASCII
 * byte may start an invisible or look-alike character). */
static url_status scan_chars(const char *url) {
    size_t len = strlen(url);
    if (len == 0) return URL_EMPTY;
    if (len > APP_URL_MAX_LENGTH) return URL_TOO_LONG;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)url[i];
        if (c <= 0x20 || c == 0x7f) return URL_BAD_CHAR;
        if (c >= 0x80) return URL_NOT_ASCII;
    }
    return URL_OK;
}

/* Length of a valid scheme followed by ':', or 0 when the URL has none.
 * "localhost:3000/app" is a host and port without a scheme, not a scheme. */
static size_t scheme_length(const char *url) {
    if (!is_alpha(url[0])) return 0;
    size_t i = 1;
    while (is_alnum(url[i]) || url[i] == '+' || url[i] == '-' || url[i] == '.') i++;
    return (url[i] == ':' && !is_digit(url[i + 1])) ? i : 0;
}

static int scheme_is(const url_parts *p, const char *name) {
    return p->scheme_len == strlen(name) && strncasecmp(p->scheme, name, p->scheme_len) == 0;
}

/* Canonical dotted quad: four parts 0..255, no leading zeros. */
static int ipv4_is_canonical(const char *h, size_t n) {
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        if (part > 0 && (i >= n || h[i++] != '.')) return 0;
        size_t start = i;
        int value = 0;
        while (i < n && is_digit(h[i]) && i - start < 3) value = value * 10 + (h[i++] - '0');
        size_t digits = i - start;
        if (digits == 0 || value > 255 || (digits > 1 && h[start] == '0')) return 0;
    }
    return i == n;
}

static int ipv6_literal_is_valid(const char *h, size_t n) {
    if (n < 4 || h[n - 1] != ']' || !memchr(h, ':', n)) return 0;
    for (size_t i = 1; i + 1 < n; i++)
        if (!is_hex(h[i]) && h[i] != ':' && h[i] != '.') return 0;
    return 1;
}

/* Dot-separated labels of letters, digits, '-' and '_'. A browser reads a
 * host whose last label starts with a digit as an IPv4 address, so such a
 * host must be a canonical dotted quad: then our origin equals the browser's. */
static int reg_name_is_valid(const char *h, size_t n) {
    size_t label = 0, last_label = 0;
    for (size_t i = 0; i < n; i++) {
        if (h[i] == '.') {
            if (label == 0) return 0;
            label = 0;
            last_label = i + 1;
        } else if ((!is_alnum(h[i]) && h[i] != '-' && h[i] != '_') || ++label > LABEL_MAX) {
            return 0;
        }
    }
    if (label == 0) return 0;
    return is_digit(h[last_label]) ? ipv4_is_canonical(h, n) : 1;
}

static int host_is_valid(const char *h, size_t n) {
    if (n > HOST_MAX) return 0;
    return h[0] == '[' ? ipv6_literal_is_valid(h, n) : reg_name_is_valid(h, n);
}

/* Port 1..65535 written with 1..5 digits; -1 when not. */
static long parse_port(const char *s, size_t n) {
    if (n == 0 || n > 5) return -1;
    long port = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i])) return -1;
        port = port * 10 + (s[i] - '0');
    }
    return (port >= 1 && port <= 65535) ? port : -1;
}

/* authority = host [":" port]; user-info is refused, not parsed. */
static url_status parse_authority(const char *auth, size_t len, url_parts *p) {
    if (memchr(auth, '@', len)) return URL_USERINFO;
    size_t host_len = len;
    if (len && auth[0] == '[') {
        const char *close = memchr(auth, ']', len);
        if (!close) return URL_BAD_HOST;
        host_len = (size_t)(close - auth) + 1;
    } else {
        const char *colon = memchr(auth, ':', len);
        if (colon) host_len = (size_t)(colon - auth);
    }
    if (host_len == 0) return URL_NO_HOST;
    if (!host_is_valid(auth, host_len)) return URL_BAD_HOST;
    p->host = auth;
    p->host_len = host_len;
    p->port = -1;
    if (host_len == len) return URL_OK;
    if (auth[host_len] != ':') return URL_BAD_HOST;
    p->port = parse_port(auth + host_len + 1, len - host_len - 1);
    return p->port < 0 ? URL_BAD_PORT : URL_OK;
}

static url_status url_parse(const char *url, url_parts *p) {
    url_status st = scan_chars(url);
    if (st != URL_OK) return st;
    p->scheme = url;
    p->scheme_len = scheme_length(url);
    if (p->scheme_len && !scheme_is(p, "https") && !scheme_is(p, "http")) return URL_BAD_SCHEME;
    int has_slashes = p->scheme_len && strncmp(url + p->scheme_len, "://", 3) == 0;
    const char *auth = has_slashes ? url + p->scheme_len + 3 : url;
    /* Browsers end the authority of http(s) URLs at a backslash too. */
    size_t auth_len = strcspn(auth, "/?#\\");
    size_t origin_len = (size_t)(auth - url) + auth_len;
    if (memchr(url, '{', origin_len) || memchr(url, '}', origin_len)) return URL_TOKEN_IN_ORIGIN;
    if (!has_slashes) return URL_NOT_ABSOLUTE;
    p->is_https = scheme_is(p, "https");
    return parse_authority(auth, auth_len, p);
}

static int host_is_loopback(const url_parts *p) {
    return (p->host_len == 9 && strncasecmp(p->host, "localhost", 9) == 0) ||
           (p->host_len == 9 && strncmp(p->host, "127.0.0.1", 9) == 0);
}

static int http_allowed(const url_parts *p, const url_policy *policy) {
    return policy && policy->allow_http_loopback && host_is_loopback(p);
}

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

/* What a person reads for each problem, after "FIELD: ". */
static const char *const PROBLEM_TEXT[] = {
    [URL_EMPTY] = "missing; give the full URL, starting with https://",
    [URL_TOO_LONG] = "too long; at most " STRINGIFY(APP_URL_MAX_LENGTH) " characters",
    [URL_BAD_CHAR] = "must not contain spaces or control characters",
    [URL_NOT_ASCII] = "must contain only ASCII characters; percent-encode the others",
    [URL_TOKEN_IN_ORIGIN] = "{{...}} placeholders may appear only in the path, query or fragment, "
                            "not in the scheme or host",
    [URL_NOT_ABSOLUTE] = "must be a full URL starting with https:// (for example "
                         "https://apps.example.com/app)",
    [URL_USERINFO] = "must not contain a user name or password (user:password@)",
    [URL_NO_HOST] = "a host name is required after https://",
    [URL_BAD_HOST] = "the host name is not valid",
    [URL_BAD_PORT] = "the port must be a number from 1 to 65535",
    [URL_HTTP_NOT_ALLOWED] = "must start with https: (http: is allowed only for localhost and "
                             "127.0.0.1 when the server runs with --allow-http-apps)",
};

static void report(url_status st, const url_parts *p, const char *field, field_errors *errs) {
    const char *code = st == URL_EMPTY ? "missing.value" : "invalid.value";
    if (st != URL_BAD_SCHEME) {
        field_errors_add(errs, field, code, "%s: %s", field, PROBLEM_TEXT[st]);
        return;
    }
    int shown = (int)(p->scheme_len > 20 ? 20 : p->scheme_len);
    field_errors_add(errs, field, code,
                     "%s: the \"%.*s:\" scheme is not allowed; the URL must start with https:",
                     field, shown, p->scheme);
}

int app_url_check(const char *url, const url_policy *policy, const char *field,
                  field_errors *errs) {
    url_parts p = {0};
    url_status st = url ? url_parse(url, &p) : URL_EMPTY;
    if (st == URL_OK && !p.is_https && !http_allowed(&p, policy)) st = URL_HTTP_NOT_ALLOWED;
    if (st == URL_OK) return 0;
    report(st, &p, field, errs);
    return -1;
}

int app_url_origin(const char *url, char *out, size_t outlen) {
    url_parts p = {0};
    if (!url || url_parse(url, &p) != URL_OK) return -1;
    char host[HOST_MAX + 1];
    for (size_t i = 0; i < p.host_len; i++) host[i] = to_lower(p.host[i]);
    host[p.host_len] = '\0';
    long default_port = p.is_https ? 443 : 80;
    const char *scheme = p.is_https ? "https" : "http";
    int n = (p.port < 0 || p.port == default_port)
                ? snprintf(out, outlen, "%s://%s", scheme, host)
                : snprintf(out, outlen, "%s://%s:%ld", scheme, host, p.port);
    return (n < 0 || (size_t)n >= outlen) ? -1 : 0;
}

/* RFC 3986 unreserved characters are kept, every other byte becomes %XX.
 * Writes to out when not NULL; returns the encoded length either way. */
static size_t percent_encode(const char *value, char *out) {
    static const char hex[] = "0123456789ABCDEF";
    size_t n = 0;
    for (const unsigned char *s = (const unsigned char *)value; *s; s++) {
        if (is_alnum((char)*s) || strchr("-._~", *s)) {
            if (out) out[n] = (char)*s;
            n++;
            continue;
        }
        if (out) {
            out[n] = '%';
            out[n + 1] = hex[*s >> 4];
            out[n + 2] = hex[*s & 0x0f];
        }
        n += 3;
    }
    return n;
}

typedef struct {
    const char *token;
    const char *value;
} url_token;

/* The known token starting at s, or NULL. */
static const url_token *token_at(const char *s, const url_token *tokens, size_t n_tokens) {
    if (s[0] != '{' || s[1] != '{') return NULL;
    for (size_t i = 0; i < n_tokens; i++)
        if (strncmp(s, tokens[i].token, strlen(tokens[i].token)) == 0) return &tokens[i];
    return NULL;
}

/* One pass of filling: counts when out is NULL, writes otherwise. */
static size_t fill(const char *url, const url_token *tokens, size_t n_tokens, char *out) {
    size_t n = 0;
    while (*url) {
        const url_token *t = token_at(url, tokens, n_tokens);
        if (t) {
            n += percent_encode(t->value ? t->value : "", out ? out + n : NULL);
            url += strlen(t->token);
        } else {
            if (out) out[n] = *url;
            n++;
            url++;
        }
    }
    return n;
}

char *app_url_fill_tokens(const char *url, const url_token_values *v) {
    const url_token tokens[] = {
        {"{{gcHostOrigin}}", v->host_origin}, {"{{gcTargetEnv}}", v->target_env},
        {"{{gcLangTag}}", v->lang_tag},       {"{{pcLangTag}}", v->lang_tag},
        {"{{pcEnvironment}}", v->pc_environment},
    };
    size_t n_tokens = sizeof tokens / sizeof tokens[0];
    size_t len = fill(url, tokens, n_tokens, NULL);
    char *out = malloc(len + 1);
    if (!out) return NULL;
    fill(url, tokens, n_tokens, out);
    out[len] = '\0';
    return out;
}
