#include "core/visibility.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* 1 when the two id lists share at least one id. */
static int share_an_id(const char *const *a, size_t n_a, const char *const *b, size_t n_b) {
    for (size_t i = 0; i < n_a; i++)
        for (size_t j = 0; a[i] && j < n_b; j++)
            if (b[j] && strcmp(a[i], b[j]) == 0) return 1;
    return 0;
}

int visibility_user_may_see(int app_active, int app_licensed, const char *const *app_roles,
                            size_t n_app_roles, const char *const *app_groups, size_t n_app_groups,
                            const char *const *user_roles, size_t n_user_roles,
                            const char *const *user_groups, size_t n_user_groups) {
    return app_active && app_licensed &&
           share_an_id(app_roles, n_app_roles, user_roles, n_user_roles) &&
           share_an_id(app_groups, n_app_groups, user_groups, n_user_groups);
}

/* ---- the index ----
 * Each id met is numbered once. A query marks the apps named by the user's
 * groups (few: groups are narrow), then keeps those holding one of the
 * user's roles, compared as numbers: a role every user holds (Employee) and
 * most apps name costs nothing more. */

typedef struct {
    size_t *apps; /* the apps naming an id among their groups, each once */
    size_t n, cap;
} postings;

typedef struct {
    char *id; /* NULL: a free slot */
    uint64_t hash;
    size_t number;
    postings as_group;
} id_entry;

typedef struct {
    size_t *roles; /* the numbers of the app's role ids */
    size_t n_roles;
} app_entry;

struct visibility_index {
    size_t n_apps, words;
    uint64_t *shown; /* bit i: app i is active and licensed */
    app_entry *apps;
    id_entry *slots; /* open addressing; capacity a power of two, at most half full */
    size_t capacity, used;
};

#define WORD_BITS 64
#define FIRST_CAPACITY 64

static uint64_t hash_id(const char *s) {
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* The slot holding id, or the free slot where it would go. */
static id_entry *slot_of(id_entry *slots, size_t capacity, const char *id, uint64_t hash) {
    size_t i = (size_t)hash & (capacity - 1);
    while (slots[i].id && (slots[i].hash != hash || strcmp(slots[i].id, id) != 0)) i = (i + 1) & (capacity - 1);
    return &slots[i];
}

static int grow(visibility_index *ix) {
    size_t capacity = ix->capacity * 2;
    id_entry *slots = calloc(capacity, sizeof *slots);
    if (!slots) return -1;
    for (size_t i = 0; i < ix->capacity; i++)
        if (ix->slots[i].id) *slot_of(slots, capacity, ix->slots[i].id, ix->slots[i].hash) = ix->slots[i];
    free(ix->slots);
    ix->slots = slots;
    ix->capacity = capacity;
    return 0;
}

static id_entry *entry_for(visibility_index *ix, const char *id) {
    if ((ix->used + 1) * 2 > ix->capacity && grow(ix) != 0) return NULL;
    uint64_t hash = hash_id(id);
    id_entry *e = slot_of(ix->slots, ix->capacity, id, hash);
    if (!e->id) {
        if (!(e->id = strdup(id))) return NULL;
        e->hash = hash;
        e->number = ix->used++;
    }
    return e;
}

static const id_entry *find(const visibility_index *ix, const char *id) {
    const id_entry *e = id ? slot_of(ix->slots, ix->capacity, id, hash_id(id)) : NULL;
    return e && e->id ? e : NULL;
}

static int add_posting(postings *p, size_t app) {
    if (p->n && p->apps[p->n - 1] == app) return 0; /* the id listed twice by one app */
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 4;
        size_t *apps = realloc(p->apps, cap * sizeof *apps);
        if (!apps) return -1;
        p->apps = apps;
        p->cap = cap;
    }
    p->apps[p->n++] = app;
    return 0;
}

visibility_index *visibility_index_new(size_t n_apps) {
    visibility_index *ix = calloc(1, sizeof *ix);
    if (!ix) return NULL;
    ix->n_apps = n_apps;
    ix->words = (n_apps + WORD_BITS - 1) / WORD_BITS;
    ix->capacity = FIRST_CAPACITY;
    ix->shown = calloc(ix->words + 1, sizeof *ix->shown);
    ix->apps = calloc(n_apps + 1, sizeof *ix->apps);
    ix->slots = calloc(ix->capacity, sizeof *ix->slots);
    if (!ix->shown || !ix->apps || !ix->slots) {
        visibility_index_free(ix);
        return NULL;
    }
    return ix;
}

void visibility_index_free(visibility_index *ix) {
    if (!ix) return;
    for (size_t i = 0; ix->slots && i < ix->capacity; i++) {
        free(ix->slots[i].id);
        free(ix->slots[i].as_group.apps);
    }
    for (size_t i = 0; ix->apps && i < ix->n_apps; i++) free(ix->apps[i].roles);
    free(ix->slots);
    free(ix->apps);
    free(ix->shown);
    free(ix);
}

int visibility_index_set(visibility_index *ix, size_t i, int app_active, int app_licensed,
                         const char *const *app_roles, size_t n_app_roles, const char *const *app_groups,
                         size_t n_app_groups) {
    if (i >= ix->n_apps || ix->apps[i].roles) return -1; /* out of range, or set already */
    app_entry *app = &ix->apps[i];
    if (!(app->roles = malloc((n_app_roles + 1) * sizeof *app->roles))) return -1;
    if (app_active && app_licensed) ix->shown[i / WORD_BITS] |= (uint64_t)1 << (i % WORD_BITS);
    for (size_t k = 0; k < n_app_roles; k++) {
        if (!app_roles[k]) continue; /* matches nothing */
        const id_entry *e = entry_for(ix, app_roles[k]);
        if (!e) return -1;
        app->roles[app->n_roles++] = e->number;
    }
    for (size_t k = 0; k < n_app_groups; k++) {
        id_entry *e = app_groups[k] ? entry_for(ix, app_groups[k]) : NULL;
        if (app_groups[k] && (!e || add_posting(&e->as_group, i) != 0)) return -1;
    }
    return 0;
}

static int holds_one_of(const app_entry *app, const size_t *held, size_t n_held) {
    for (size_t r = 0; r < app->n_roles; r++)
        for (size_t h = 0; h < n_held; h++)
            if (app->roles[r] == held[h]) return 1;
    return 0;
}

size_t visibility_index_query(const visibility_index *ix, const char *const *user_roles, size_t n_user_roles,
                              const char *const *user_groups, size_t n_user_groups, size_t *out) {
    uint64_t *in_groups = calloc(ix->words + 1, sizeof *in_groups);
    size_t *held = malloc((n_user_roles + 1) * sizeof *held), n_held = 0, n = 0;
    if (!in_groups || !held) {
        free(in_groups);
        free(held);
        return (size_t)-1;
    }
    for (size_t k = 0; k < n_user_roles; k++) {
        const id_entry *e = find(ix, user_roles[k]);
        if (e) held[n_held++] = e->number;
    }
    for (size_t k = 0; k < n_user_groups; k++) {
        const id_entry *e = find(ix, user_groups[k]);
        for (size_t j = 0; e && j < e->as_group.n; j++)
            in_groups[e->as_group.apps[j] / WORD_BITS] |= (uint64_t)1 << (e->as_group.apps[j] % WORD_BITS);
    }
    for (size_t w = 0; w < ix->words; w++)
        for (uint64_t hit = in_groups[w] & ix->shown[w]; hit; hit &= hit - 1) {
            size_t i = w * WORD_BITS + (size_t)__builtin_ctzll(hit);
            if (holds_one_of(&ix->apps[i], held, n_held)) out[n++] = i;
        }
    free(in_groups);
    free(held);
    return n;
}
