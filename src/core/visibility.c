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

/* ---- the index ---- */

typedef struct {
    size_t *apps; /* the apps naming an id, each once */
    size_t n, cap;
} postings;

typedef struct {
    char *id; /* NULL: a free slot */
    postings as_role, as_group;
} id_entry;

struct visibility_index {
    size_t n_apps, words;
    uint64_t *shown; /* bit i: app i is active and licensed */
    id_entry *slots; /* open addressing; capacity a power of two, at most half full */
    size_t capacity, used;
};

#define WORD_BITS 64
#define FIRST_CAPACITY 64

static size_t hash_id(const char *s) {
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)h;
}

/* The slot holding id, or the free slot where it would go. */
static id_entry *slot_of(id_entry *slots, size_t capacity, const char *id) {
    size_t i = hash_id(id) & (capacity - 1);
    while (slots[i].id && strcmp(slots[i].id, id) != 0) i = (i + 1) & (capacity - 1);
    return &slots[i];
}

static int grow(visibility_index *ix) {
    size_t capacity = ix->capacity * 2;
    id_entry *slots = calloc(capacity, sizeof *slots);
    if (!slots) return -1;
    for (size_t i = 0; i < ix->capacity; i++)
        if (ix->slots[i].id) *slot_of(slots, capacity, ix->slots[i].id) = ix->slots[i];
    free(ix->slots);
    ix->slots = slots;
    ix->capacity = capacity;
    return 0;
}

static id_entry *entry_for(visibility_index *ix, const char *id) {
    if ((ix->used + 1) * 2 > ix->capacity && grow(ix) != 0) return NULL;
    id_entry *e = slot_of(ix->slots, ix->capacity, id);
    if (!e->id) {
        if (!(e->id = strdup(id))) return NULL;
        ix->used++;
    }
    return e;
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
    ix->slots = calloc(ix->capacity, sizeof *ix->slots);
    if (!ix->shown || !ix->slots) {
        visibility_index_free(ix);
        return NULL;
    }
    return ix;
}

void visibility_index_free(visibility_index *ix) {
    if (!ix) return;
    for (size_t i = 0; ix->slots && i < ix->capacity; i++) {
        free(ix->slots[i].id);
        free(ix->slots[i].as_role.apps);
        free(ix->slots[i].as_group.apps);
    }
    free(ix->slots);
    free(ix->shown);
    free(ix);
}

static int add_ids(visibility_index *ix, size_t app, const char *const *ids, size_t n, int as_group) {
    for (size_t k = 0; k < n; k++) {
        if (!ids[k]) continue; /* matches nothing */
        id_entry *e = entry_for(ix, ids[k]);
        if (!e || add_posting(as_group ? &e->as_group : &e->as_role, app) != 0) return -1;
    }
    return 0;
}

int visibility_index_set(visibility_index *ix, size_t i, int app_active, int app_licensed,
                         const char *const *app_roles, size_t n_app_roles, const char *const *app_groups,
                         size_t n_app_groups) {
    if (i >= ix->n_apps) return -1;
    if (app_active && app_licensed) ix->shown[i / WORD_BITS] |= (uint64_t)1 << (i % WORD_BITS);
    if (add_ids(ix, i, app_roles, n_app_roles, 0) != 0) return -1;
    return add_ids(ix, i, app_groups, n_app_groups, 1);
}

/* Sets in bits the apps that name one of the ids (as a role, or as a group). */
static void mark(const visibility_index *ix, const char *const *ids, size_t n, int as_group, uint64_t *bits) {
    for (size_t k = 0; k < n; k++) {
        const id_entry *e = ids[k] ? slot_of(ix->slots, ix->capacity, ids[k]) : NULL;
        if (!e || !e->id) continue; /* NULL, or named by no app */
        const postings *p = as_group ? &e->as_group : &e->as_role;
        for (size_t j = 0; j < p->n; j++) bits[p->apps[j] / WORD_BITS] |= (uint64_t)1 << (p->apps[j] % WORD_BITS);
    }
}

size_t visibility_index_query(const visibility_index *ix, const char *const *user_roles, size_t n_user_roles,
                              const char *const *user_groups, size_t n_user_groups, size_t *out) {
    uint64_t *by_role = calloc(2 * ix->words + 1, sizeof *by_role);
    if (!by_role) return (size_t)-1;
    uint64_t *by_group = by_role + ix->words;
    mark(ix, user_roles, n_user_roles, 0, by_role);
    mark(ix, user_groups, n_user_groups, 1, by_group);
    size_t n = 0;
    for (size_t w = 0; w < ix->words; w++)
        for (uint64_t hit = by_role[w] & by_group[w] & ix->shown[w]; hit; hit &= hit - 1)
            out[n++] = w * WORD_BITS + (size_t)__builtin_ctzll(hit);
    free(by_role);
    return n;
}
