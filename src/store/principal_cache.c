#include "store/principal_cache.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define WAYS 16    /* entries per set: the least recently used of them makes room */
#define STRIPES 64 /* locks; set s is under lock s % STRIPES */
#define KEY_LEN 64 /* a token hash in hex */

typedef struct {
    char key[KEY_LEN + 1]; /* "" when free */
    principal_stamp stamp;
    int64_t expires_at;
    uint64_t used; /* the stripe's clock at the last get or put */
    size_t n_roles, n_groups, n_permissions;
    char *strings; /* the identity's strings, then role ids, group ids, permissions, each ending in NUL */
} entry;

/* Padded so that threads on other stripes rarely share a cache line. */
typedef struct {
    pthread_mutex_t lock;
    uint64_t clock;
    char pad[64 - (sizeof(pthread_mutex_t) + sizeof(uint64_t)) % 64];
} stripe;

struct principal_cache {
    size_t sets; /* a power of two */
    entry *entries; /* sets * WAYS */
    uint64_t *tags; /* the hash of each entry's key, side by side: a lookup reads one set's, not its entries */
    stripe stripes[STRIPES];
};

/* The principal's text fields, in the order they are packed. */
#define FIELD(f) {offsetof(store_principal, f), sizeof(((store_principal *)0)->f)}
static const struct {
    size_t offset, size;
} FIELDS[] = {FIELD(org_id), FIELD(org_name), FIELD(user_id),      FIELD(client_id),
              FIELD(name),   FIELD(email),    FIELD(language_tag), FIELD(csrf_token)};
#define N_FIELDS (sizeof FIELDS / sizeof FIELDS[0])

principal_cache *principal_cache_new(size_t entries) {
    principal_cache *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    for (c->sets = 1; c->sets * WAYS < entries; c->sets *= 2) continue;
    c->entries = calloc(c->sets * WAYS, sizeof *c->entries);
    c->tags = calloc(c->sets * WAYS, sizeof *c->tags);
    if (!c->entries || !c->tags) {
        free(c->entries);
        free(c->tags);
        free(c);
        return NULL;
    }
    for (size_t i = 0; i < STRIPES; i++) pthread_mutex_init(&c->stripes[i].lock, NULL);
    return c;
}

void principal_cache_free(principal_cache *c) {
    if (!c) return;
    for (size_t i = 0; i < c->sets * WAYS; i++) free(c->entries[i].strings);
    for (size_t i = 0; i < STRIPES; i++) pthread_mutex_destroy(&c->stripes[i].lock);
    free(c->entries);
    free(c->tags);
    free(c);
}

static uint64_t hash_key(const char *key) {
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *key; key++) h = (h ^ (unsigned char)*key) * 1099511628211ULL;
    return h;
}

static size_t set_of(const principal_cache *c, uint64_t hash) { return (size_t)hash & (c->sets - 1); }

static entry *find(principal_cache *c, size_t set, uint64_t hash, const char *key) {
    for (size_t i = set * WAYS; i < (set + 1) * WAYS; i++)
        if (c->tags[i] == hash && strcmp(c->entries[i].key, key) == 0) return &c->entries[i];
    return NULL;
}

/* A free entry of the set, else its least recently used. */
static entry *victim(principal_cache *c, size_t set) {
    entry *oldest = &c->entries[set * WAYS];
    for (entry *e = oldest; e < &c->entries[(set + 1) * WAYS]; e++) {
        if (!*e->key) return e;
        if (e->used < oldest->used) oldest = e;
    }
    return oldest;
}

static size_t strings_size(const json_t *array) {
    size_t n = 0, i;
    json_t *v;
    json_array_foreach(array, i, v) n += json_string_length(v) + 1;
    return n;
}

static char *put_string(char *at, const char *s) {
    size_t n = strlen(s) + 1;
    memcpy(at, s, n);
    return at + n;
}

static char *put_strings(char *at, const json_t *array) {
    size_t i;
    json_t *v;
    json_array_foreach(array, i, v) at = put_string(at, json_string_value(v));
    return at;
}

/* The principal's strings in one allocation, in FIELDS order, then its arrays'. */
static char *pack(const store_principal *p) {
    size_t size = strings_size(p->role_ids) + strings_size(p->group_ids) + strings_size(p->permissions);
    for (size_t f = 0; f < N_FIELDS; f++) size += strlen((const char *)p + FIELDS[f].offset) + 1;
    char *strings = malloc(size), *at = strings;
    if (!strings) return NULL;
    for (size_t f = 0; f < N_FIELDS; f++) at = put_string(at, (const char *)p + FIELDS[f].offset);
    at = put_strings(at, p->role_ids);
    at = put_strings(at, p->group_ids);
    put_strings(at, p->permissions);
    return strings;
}

/* An array of the n strings at *at, which then points past them; NULL when out of memory. */
static json_t *take_strings(const char **at, size_t n) {
    json_t *array = json_array();
    for (size_t i = 0; array && i < n; i++) {
        size_t len = strlen(*at);
        if (json_array_append_new(array, json_stringn_nocheck(*at, len)) != 0) {
            json_decref(array);
            array = NULL;
        }
        *at += len + 1;
    }
    return array;
}

static int unpack(const entry *e, store_principal *out) {
    store_principal p = {0};
    const char *at = e->strings;
    for (size_t f = 0; f < N_FIELDS; f++) {
        size_t len = strlen(at);
        memcpy((char *)&p + FIELDS[f].offset, at, len < FIELDS[f].size ? len : FIELDS[f].size - 1); /* p is zeroed */
        at += len + 1;
    }
    p.expires_at = e->expires_at;
    p.org_revision = e->stamp.org_revision;
    p.role_ids = take_strings(&at, e->n_roles);
    p.group_ids = take_strings(&at, e->n_groups);
    p.permissions = take_strings(&at, e->n_permissions);
    if (!p.role_ids || !p.group_ids || !p.permissions) {
        store_principal_clear(&p);
        return -1;
    }
    *out = p;
    return 0;
}

int principal_cache_get(principal_cache *c, const char *token_hash, int64_t now_ms, store_principal *out,
                        principal_stamp *stamp) {
    if (strlen(token_hash) != KEY_LEN) return 0;
    uint64_t hash = hash_key(token_hash);
    size_t set = set_of(c, hash);
    stripe *s = &c->stripes[set % STRIPES];
    pthread_mutex_lock(&s->lock);
    entry *e = find(c, set, hash, token_hash);
    int hit = e && e->expires_at > now_ms;
    if (hit) {
        e->used = ++s->clock;
        *stamp = e->stamp;
        hit = unpack(e, out) == 0;
    }
    pthread_mutex_unlock(&s->lock);
    return hit;
}

void principal_cache_put(principal_cache *c, const char *token_hash, const principal_stamp *stamp,
                         const store_principal *p) {
    char *strings = strlen(token_hash) == KEY_LEN ? pack(p) : NULL;
    if (!strings) return;
    uint64_t hash = hash_key(token_hash);
    size_t set = set_of(c, hash);
    stripe *s = &c->stripes[set % STRIPES];
    pthread_mutex_lock(&s->lock);
    entry *e = find(c, set, hash, token_hash);
    if (!e) e = victim(c, set);
    c->tags[e - c->entries] = hash;
    free(e->strings);
    memcpy(e->key, token_hash, KEY_LEN + 1);
    e->stamp = *stamp;
    e->expires_at = p->expires_at;
    e->n_roles = json_array_size(p->role_ids);
    e->n_groups = json_array_size(p->group_ids);
    e->n_permissions = json_array_size(p->permissions);
    e->strings = strings;
    e->used = ++s->clock;
    pthread_mutex_unlock(&s->lock);
}
