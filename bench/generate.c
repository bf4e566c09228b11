/* bench-generate: the benchmark's organization, built through the store API
 * (src/store/store.h) and checked by the same core rules as the API.
 *
 *   bench-generate --data DIR --users N [--sessions N] [--seed N]
 *
 * One org with N users, 5,000 official groups (each user in 5: a division,
 * a department, a site and two teams), 300 roles (each user holds Employee
 * and one or two more), 1,000 integrations of three types (the built-in one
 * and two registered: one configured like it, one with its own schemas),
 * about 75 % of them active, aimed at groups and roles of every breadth.
 * Bench users have no password: their sessions are created directly.
 * Commits skip the disk flush while loading (store_bulk_load); the
 * database is flushed and checkpointed when the store closes.
 *
 * Writes into DIR: portico.db; sessions.txt (a session secret per line);
 * typical.txt (the secret of a user who sees the median number of apps);
 * admin.txt ("secret<TAB>csrf" of a Master Admin session); apps.txt (every
 * integration id); puts.txt ("id<TAB>version<TAB>config body without
 * version", for config PUTs). */
#include "core/builtin_roles.h"
#include "core/clientapp_config.h"
#include "core/integration_type.h"
#include "core/permission.h"
#include "core/visibility.h"
#include "lib/clock.h"
#include "lib/ids.h"
#include "lib/password.h"
#include "store/store.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define N_DIVISIONS 10
#define N_DEPARTMENTS 100
#define N_SITES 40
#define N_GROUPS 5000
#define FIRST_DEPARTMENT N_DIVISIONS
#define FIRST_SITE (FIRST_DEPARTMENT + N_DEPARTMENTS)
#define FIRST_TEAM (FIRST_SITE + N_SITES)
#define N_TEAMS (N_GROUPS - FIRST_TEAM)
#define GROUPS_PER_USER 5
#define N_CUSTOM_ROLES 298 /* + Master Admin and Employee = 300 */
#define MAX_ROLES_PER_USER 2
#define N_APPS 1000
#define MAX_APP_GROUPS N_DIVISIONS
#define MAX_APP_ROLES 3
#define N_PUT_TARGETS 600
#define VISIBILITY_SAMPLE 2000
#define SESSION_DAYS 30
#define WALLBOARD_TYPE "bench-wallboard"
#define CRM_TYPE "bench-crm-sync"

typedef struct {
    const char *dir;
    long users, sessions;
    unsigned long long seed;
} options;

typedef struct {
    char id[UUID_LEN + 1];
} uuid;

typedef struct {
    const char *type;
    int enabled, n_groups, n_roles;
    int groups[MAX_APP_GROUPS]; /* group indexes */
    int roles[MAX_APP_ROLES];   /* role indexes: -1 is Employee */
    uuid id;
    int64_t version;
    char *put_body; /* config body without its version, for PUT targets */
} app_plan;

/* Everything generated, by index. */
typedef struct {
    store *st;
    store_org org;
    unsigned long long rng;
    uuid admin, employee_role, *roles, *groups, *users;
    int (*user_groups)[GROUPS_PER_USER];
    int (*user_roles)[MAX_ROLES_PER_USER]; /* -1: none */
    app_plan *apps;
    int64_t started_ms;
} world;

/* ---- small helpers ---- */

static unsigned long long next_random(world *w) { /* splitmix64 */
    unsigned long long z = (w->rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int below(world *w, int n) { return (int)(next_random(w) % (unsigned long long)n); }

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("bench-generate: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void check(store_status s, const char *what) {
    if (s != STORE_OK) die("%s: %s", what, store_status_name(s));
}

static void phase(world *w, const char *what) {
    printf("  %-46s %6.1f s\n", what, (double)(clock_now_ms() - w->started_ms) / 1000.0);
    fflush(stdout);
}

static void *must_calloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size);
    if (!p) die("out of memory");
    return p;
}

static FILE *open_output(const options *o, const char *name) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", o->dir, name);
    FILE *f = fopen(path, "w");
    if (!f) die("cannot write %s", path);
    return f;
}

static void copy_id(uuid *out, const json_t *entity) {
    snprintf(out->id, sizeof out->id, "%s", json_string_value(json_object_get(entity, "id")));
}

/* ---- org, types, roles, groups ---- */

static void create_org(world *w) {
    json_t *roles = builtin_roles(), *employee = NULL;
    check(store_org_create(w->st, "Bench", 3, roles, &w->org), "create the org");
    json_decref(roles);
    static const char *const licenses[] = {"clientapps", WALLBOARD_TYPE, CRM_TYPE};
    for (size_t i = 0; i < sizeof licenses / sizeof licenses[0]; i++)
        check(store_org_license(w->st, w->org.id, licenses[i], 1), "grant a license");
    check(store_role_find(w->st, w->org.id, EMPLOYEE_ROLE, &employee), "find Employee");
    copy_id(&w->employee_role, employee);
    json_decref(employee);
}

static void register_type(world *w, json_t *manifest) {
    field_errors errs;
    field_errors_init(&errs);
    if (integration_type_manifest_validate(manifest, &errs) != 0) die("manifest: %s", errs.items[0].message);
    check(store_type_put(w->st, json_string_value(json_object_get(manifest, "id")), manifest), "register a type");
    json_decref(manifest);
}

static void register_types(world *w) {
    register_type(w, json_pack("{s:s, s:s, s:s, s:s, s:s, s:i}", "id", WALLBOARD_TYPE, "name", "Bench Wallboard",
                               "description", "Queue statistics on a wallboard", "category", "Client Apps", "license",
                               WALLBOARD_TYPE, "minimumLevel", 2));
    register_type(w, json_pack("{s:s, s:s, s:s, s:s, s:i, s:{s:s, s:{s:{s:s}, s:{s:s}}}, s:{s:s}}", "id", CRM_TYPE,
                               "name", "Bench CRM Sync", "category", "Data", "license", CRM_TYPE, "minimumLevel", 1,
                               "propertiesSchema", "type", "object", "properties", "endpoint", "type", "string",
                               "syncMinutes", "type", "integer", "advancedSchema", "type", "object"));
}

/* A role's policies: a few of these, as an admin would assemble them. */
static json_t *role_policies(world *w, int i) {
    static const char *const grants[][3] = {
        {"directory", "user", "view"},         {"directory", "group", "view"},
        {"integrations", "integration", "view"}, {"integrations", "integration", "edit"},
        {"analytics", "queue", "view"},        {"routing", "queue", "view"},
        {"quality", "evaluation", "view"},     {"outbound", "campaign", "view"},
    };
    size_t n_grants = sizeof grants / sizeof grants[0];
    json_t *policies = json_array();
    for (int k = 0, n = 1 + i % 4; k < n; k++) {
        const char *const *g = grants[(size_t)below(w, (int)n_grants)];
        json_array_append_new(policies,
                              json_pack("{s:s, s:s, s:[s]}", "domain", g[0], "entityName", g[1], "actionSet", g[2]));
    }
    return policies;
}

static void create_roles(world *w) {
    w->roles = must_calloc(N_CUSTOM_ROLES, sizeof *w->roles);
    for (int i = 0; i < N_CUSTOM_ROLES; i++) {
        char name[64];
        snprintf(name, sizeof name, "Bench role %03d", i);
        json_t *policies = role_policies(w, i), *role = NULL;
        field_errors errs;
        field_errors_init(&errs);
        if (permission_policies_validate(policies, &errs) != 0) die("policies: %s", errs.items[0].message);
        check(store_role_create(w->st, w->org.id, name, "Generated for the benchmark", policies, &role),
              "create a role");
        copy_id(&w->roles[i], role);
        json_decref(policies);
        json_decref(role);
    }
}

static const char *group_kind(int g) {
    return g < FIRST_DEPARTMENT ? "Division" : g < FIRST_SITE ? "Department" : g < FIRST_TEAM ? "Site" : "Team";
}

static void create_groups(world *w) {
    w->groups = must_calloc(N_GROUPS, sizeof *w->groups);
    for (int g = 0; g < N_GROUPS; g++) {
        char name[64];
        snprintf(name, sizeof name, "%s %04d", group_kind(g), g);
        json_t *group = NULL;
        check(store_group_create(w->st, w->org.id, name, "official", "Generated for the benchmark", &group),
              "create a group");
        copy_id(&w->groups[g], group);
        json_decref(group);
    }
}

/* ---- users and who belongs where ---- */

static void create_admin(world *w) {
    store_user_fields f = {.name = "Bench Admin", .email = "admin@bench.example"};
    json_t *user = NULL, *role = NULL;
    check(store_user_create(w->st, w->org.id, &f, &user), "create the admin");
    copy_id(&w->admin, user);
    check(store_role_find(w->st, w->org.id, MASTER_ADMIN_ROLE, &role), "find Master Admin");
    json_t *ids = json_pack("[s]", w->admin.id);
    check(store_role_members_change(w->st, w->org.id, json_string_value(json_object_get(role, "id")), ids, 1, NULL),
          "make the admin a Master Admin");
    json_decref(ids);
    json_decref(user);
    json_decref(role);
}

/* In batches of USER_BATCH, one transaction each. */
static void create_users(world *w, long n) {
    enum { USER_BATCH = 2000 };
    w->users = must_calloc((size_t)n, sizeof *w->users);
    store_user_fields *f = must_calloc(USER_BATCH, sizeof *f);
    char (*names)[2][64] = must_calloc(USER_BATCH, sizeof *names), (*ids)[40] = must_calloc(USER_BATCH, sizeof *ids);
    for (long first = 0; first < n; first += USER_BATCH) {
        size_t count = (size_t)(n - first < USER_BATCH ? n - first : USER_BATCH);
        for (size_t i = 0; i < count; i++) {
            snprintf(names[i][0], sizeof names[i][0], "Bench User %06ld", first + (long)i);
            snprintf(names[i][1], sizeof names[i][1], "user%06ld@bench.example", first + (long)i);
            f[i] = (store_user_fields){.name = names[i][0], .email = names[i][1]};
        }
        check(store_user_create_many(w->st, w->org.id, f, count, ids), "create users");
        for (size_t i = 0; i < count; i++) memcpy(w->users[first + (long)i].id, ids[i], sizeof w->users[0].id);
    }
    free(f);
    free(names);
    free(ids);
}

/* Each user: a department (inside one division), a site and two teams. */
static void assign_groups(world *w, long n) {
    w->user_groups = must_calloc((size_t)n, sizeof *w->user_groups);
    for (long u = 0; u < n; u++) {
        int department = below(w, N_DEPARTMENTS), team = below(w, N_TEAMS), other = below(w, N_TEAMS - 1);
        int *g = w->user_groups[u];
        g[0] = department % N_DIVISIONS;
        g[1] = FIRST_DEPARTMENT + department;
        g[2] = FIRST_SITE + below(w, N_SITES);
        g[3] = FIRST_TEAM + team;
        g[4] = FIRST_TEAM + (other >= team ? other + 1 : other);
    }
}

static void assign_roles(world *w, long n) {
    w->user_roles = must_calloc((size_t)n, sizeof *w->user_roles);
    for (long u = 0; u < n; u++) {
        int first = below(w, N_CUSTOM_ROLES), second = below(w, N_CUSTOM_ROLES);
        w->user_roles[u][0] = first;
        w->user_roles[u][1] = below(w, 2) && second != first ? second : -1;
    }
}

/* Adds every user listed under owner k in slots[u][0..width) to it, one store call per owner. */
typedef store_status (*members_fn)(store *st, const char *org_id, const char *owner_id, const json_t *user_ids, int add,
                                   size_t *bad_index);

static void add_members(world *w, long n, const int *slots, int width, int n_owners, const uuid *owners, members_fn add) {
    long *count = must_calloc((size_t)n_owners + 1, sizeof *count);
    long *order = must_calloc((size_t)(n * width), sizeof *order);
    for (long i = 0; i < n * width; i++)
        if (slots[i] >= 0) count[slots[i] + 1]++;
    for (int k = 0; k < n_owners; k++) count[k + 1] += count[k];
    long *fill = must_calloc((size_t)n_owners, sizeof *fill);
    for (long i = 0; i < n * width; i++)
        if (slots[i] >= 0) order[count[slots[i]] + fill[slots[i]]++] = i / width;
    for (int k = 0; k < n_owners; k++) {
        json_t *ids = json_array();
        for (long i = count[k]; i < count[k + 1]; i++) json_array_append_new(ids, json_string(w->users[order[i]].id));
        if (json_array_size(ids)) check(add(w->st, w->org.id, owners[k].id, ids, 1, NULL), "add members");
        json_decref(ids);
    }
    free(count);
    free(order);
    free(fill);
}

/* ---- integrations ---- */

/* Appends value to list unless it is there already (a group or role is listed once). */
static void add_distinct(int *list, int *n, int value) {
    for (int i = 0; i < *n; i++)
        if (list[i] == value) return;
    list[(*n)++] = value;
}

/* Employee (every user) for most apps, with or without others; or only some of the 298 others. */
static void plan_roles(world *w, app_plan *a) {
    int tries;
    int everyone = below(w, 100) < 60;
    if (everyone) add_distinct(a->roles, &a->n_roles, -1);
    for (tries = everyone ? below(w, 2) : 1 + below(w, MAX_APP_ROLES); tries > 0; tries--)
        add_distinct(a->roles, &a->n_roles, below(w, N_CUSTOM_ROLES));
}

/* Who an app is for: the whole company, a division, departments, sites or teams; and which roles. */
static void plan_targets(world *w, app_plan *a) {
    int breadth = below(w, 100), first, count, tries;
    if (breadth < 2) { /* the whole company: every division */
        for (int g = 0; g < N_DIVISIONS; g++) add_distinct(a->groups, &a->n_groups, g);
    } else {
        if (breadth < 8) first = 0, count = N_DIVISIONS, tries = 1;
        else if (breadth < 33) first = FIRST_DEPARTMENT, count = N_DEPARTMENTS, tries = 1 + below(w, 2);
        else if (breadth < 50) first = FIRST_SITE, count = N_SITES, tries = 1 + below(w, 2);
        else first = FIRST_TEAM, count = N_TEAMS, tries = 1 + below(w, 4);
        for (; tries > 0; tries--) add_distinct(a->groups, &a->n_groups, first + below(w, count));
    }
    plan_roles(w, a);
}

static void plan_apps(world *w) {
    w->apps = must_calloc(N_APPS, sizeof *w->apps);
    for (int i = 0; i < N_APPS; i++) {
        app_plan *a = &w->apps[i];
        a->type = i % 20 == 19 ? CRM_TYPE : i % 10 == 1 ? WALLBOARD_TYPE : INTEGRATION_TYPE_BUILTIN_ID;
        a->enabled = below(w, 100) < 75;
        plan_targets(w, a);
    }
}

static const char *role_id(const world *w, int r) { return r < 0 ? w->employee_role.id : w->roles[r].id; }

/* Finds a generated group for the groups check: every generated group is official. */
static int lookup_group(void *ctx, const char *group_id, char *type, size_t type_len, char *name, size_t name_len) {
    const world *w = ctx;
    for (int g = 0; g < N_GROUPS; g++)
        if (strcmp(w->groups[g].id, group_id) == 0) {
            snprintf(type, type_len, "official");
            snprintf(name, name_len, "%s %04d", group_kind(g), g);
            return 1;
        }
    return 0;
}

static json_t *clientapp_properties(const world *w, const app_plan *a, int i) {
    static const char *const categories[] = {"", "", "directory", "contactCenterInsights"};
    static const char *const permissions[] = {"",  "", "", "", "", "", "", "camera,microphone", "clipboard-write",
                                              "fullscreen"};
    json_t *groups = json_array();
    for (int g = 0; g < a->n_groups; g++) json_array_append_new(groups, json_string(w->groups[a->groups[g]].id));
    const char *host = i % 300 ? "https://apps.example.com/" : "https://app-legacy.example.net/";
    return json_pack("{s:s+, s:s, s:s, s:s, s:s, s:o}", "url", host,
                     i % 7 ? "launch?env={{pcEnvironment}}&lang={{pcLangTag}}" : "index.html", "displayType",
                     i % 5 ? "standalone" : "widget", "featureCategory", categories[i % 4], "sandbox",
                     CLIENTAPP_DEFAULT_SANDBOX, "permissions", permissions[i % 10], "groups", groups);
}

static json_t *clientapp_advanced(int i) {
    if (i % 2) return json_object();
    char name[64], icon[96];
    snprintf(name, sizeof name, "Application %04d", i);
    snprintf(icon, sizeof icon, "https://apps.example.com/icons/%04d.svg", i);
    return json_pack("{s:{s:{s:s}, s:{s:s}}, s:{s:s}, s:{s:b}}", "i10n", "en-us", "name", name, "fr", "name", name, "icon",
                     "vector", icon, "lifecycle", "ephemeral", i % 4 == 0);
}

static void check_config(world *w, const app_plan *a, const json_t *properties, const json_t *advanced) {
    if (strcmp(a->type, CRM_TYPE) == 0) return; /* its own schemas: not interpreted */
    url_policy policy = {0};
    field_errors errs;
    field_errors_init(&errs);
    if (clientapp_properties_validate(properties, &policy, lookup_group, w, &errs) != 0 ||
        clientapp_advanced_validate(advanced, &policy, &errs) != 0 ||
        (a->enabled && clientapp_ready_to_activate(properties, &policy, &errs) != 0))
        die("app config: %s", errs.items[0].message);
}

static char *body_without_version(const char *name, const json_t *properties, const json_t *advanced) {
    json_t *body = json_pack("{s:s, s:O, s:O}", "name", name, "properties", properties, "advanced", advanced);
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    return text;
}

static void create_app(world *w, app_plan *a, int i, const store_actor *actor) {
    static const char *const words[] = {"Wallboard", "Scheduler", "Knowledge", "Timesheets",
                                        "CRM",       "Helpdesk",  "Surveys",   "Payroll"};
    char name[80];
    snprintf(name, sizeof name, "%s %04d", words[i % 8], i);
    json_t *roles = json_array(), *record = NULL, *saved = NULL;
    for (int r = 0; r < a->n_roles; r++) json_array_append_new(roles, json_string(role_id(w, a->roles[r])));
    check(store_integration_create(w->st, w->org.id, a->type, name, roles, actor, &record), "create an integration");
    copy_id(&a->id, record);
    int crm = strcmp(a->type, CRM_TYPE) == 0;
    json_t *properties = crm ? json_pack("{s:s, s:i}", "endpoint", "https://crm.example.com/api", "syncMinutes", 5 + i % 55)
                             : clientapp_properties(w, a, i);
    json_t *advanced = crm ? json_object() : clientapp_advanced(i), *credentials = json_object();
    check_config(w, a, properties, advanced);
    store_config_put c = {.version = json_integer_value(json_object_get(record, "version")),
                          .expect_state = json_string_value(json_object_get(record, "intendedState")), .name = name,
                          .properties = properties, .advanced = advanced, .credentials = credentials, .notes = ""};
    check(store_config_update(w->st, w->org.id, a->id.id, &c, actor, &saved), "configure an integration");
    a->version = json_integer_value(json_object_get(saved, "version"));
    if (!crm) a->put_body = body_without_version(name, properties, advanced);
    if (a->enabled) {
        store_integration_patch p = {.intended_state = "ENABLED", .expect_version = a->version};
        json_t *enabled = NULL;
        check(store_integration_update(w->st, w->org.id, a->id.id, &p, actor, NULL, &enabled), "activate an integration");
        json_decref(enabled);
    }
    json_decref(properties);
    json_decref(advanced);
    json_decref(credentials);
    json_decref(roles);
    json_decref(record);
    json_decref(saved);
}

static void create_apps(world *w) {
    store_actor actor = {w->admin.id, "Bench Admin"};
    for (int i = 0; i < N_APPS; i++) create_app(w, &w->apps[i], i, &actor);
}

/* ---- sessions and the files the benchmark reads ---- */

static void new_session(world *w, const char *user_id, char secret[SECRET_HEX_LEN + 1], char csrf[SECRET_HEX_LEN + 1]) {
    char hash[TOKEN_HASH_HEX_LEN + 1];
    ids_secret(secret);
    ids_secret(csrf);
    ids_token_hash(secret, hash);
    int64_t expires = clock_now_ms() + (int64_t)SESSION_DAYS * 24 * 3600 * 1000;
    check(store_session_create(w->st, hash, w->org.id, user_id, NULL, csrf, expires), "create a session");
}

/* How many apps user u sees, by the core rule on what was generated. */
static int visible_count(const world *w, long u) {
    const char *user_roles[MAX_ROLES_PER_USER + 1] = {w->employee_role.id}, *user_groups[GROUPS_PER_USER];
    size_t n_roles = 1;
    for (int r = 0; r < MAX_ROLES_PER_USER; r++)
        if (w->user_roles[u][r] >= 0) user_roles[n_roles++] = w->roles[w->user_roles[u][r]].id;
    for (int g = 0; g < GROUPS_PER_USER; g++) user_groups[g] = w->groups[w->user_groups[u][g]].id;
    int n = 0;
    for (int i = 0; i < N_APPS; i++) {
        const app_plan *a = &w->apps[i];
        const char *app_roles[MAX_APP_ROLES], *app_groups[MAX_APP_GROUPS];
        for (int r = 0; r < a->n_roles; r++) app_roles[r] = role_id(w, a->roles[r]);
        for (int g = 0; g < a->n_groups; g++) app_groups[g] = w->groups[a->groups[g]].id;
        int shown_in_shell = strcmp(a->type, CRM_TYPE) != 0;
        n += shown_in_shell && visibility_user_may_see(a->enabled, 1, app_roles, (size_t)a->n_roles, app_groups,
                                                       (size_t)a->n_groups, user_roles, n_roles, user_groups, GROUPS_PER_USER);
    }
    return n;
}

static int compare_ints(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

/* Sessions for a random sample of users; the first VISIBILITY_SAMPLE also tell the median app count. */
static void create_sessions(world *w, const options *o) {
    long n = o->sessions < o->users ? o->sessions : o->users;
    long *pick = must_calloc((size_t)o->users, sizeof *pick);
    for (long u = 0; u < o->users; u++) pick[u] = u;
    int *seen = must_calloc(VISIBILITY_SAMPLE, sizeof *seen), *sorted = must_calloc(VISIBILITY_SAMPLE, sizeof *sorted);
    FILE *sessions = open_output(o, "sessions.txt");
    char (*secrets)[SECRET_HEX_LEN + 1] = must_calloc((size_t)n, sizeof *secrets);
    for (long i = 0; i < n; i++) {
        long j = i + (long)(next_random(w) % (unsigned long long)(o->users - i)), u = pick[j];
        pick[j] = pick[i];
        pick[i] = u;
        char csrf[SECRET_HEX_LEN + 1];
        new_session(w, w->users[u].id, secrets[i], csrf);
        fprintf(sessions, "%s\n", secrets[i]);
        if (i < VISIBILITY_SAMPLE) sorted[i] = seen[i] = visible_count(w, u);
    }
    long sample = n < VISIBILITY_SAMPLE ? n : VISIBILITY_SAMPLE;
    qsort(sorted, (size_t)sample, sizeof *sorted, compare_ints);
    int median = sorted[sample / 2];
    FILE *typical = open_output(o, "typical.txt");
    for (long i = 0; i < sample; i++)
        if (seen[i] == median) {
            fprintf(typical, "%s\n", secrets[i]);
            break;
        }
    printf("  apps a user sees (%ld sampled): min %d, median %d, p90 %d, max %d\n", sample, sorted[0], median,
           sorted[sample * 9 / 10], sorted[sample - 1]);
    fclose(typical);
    fclose(sessions);
    free(secrets);
    free(seen);
    free(sorted);
    free(pick);
}

static void write_admin_and_apps(world *w, const options *o) {
    char secret[SECRET_HEX_LEN + 1], csrf[SECRET_HEX_LEN + 1];
    new_session(w, w->admin.id, secret, csrf);
    FILE *admin = open_output(o, "admin.txt"), *apps = open_output(o, "apps.txt"), *puts = open_output(o, "puts.txt");
    fprintf(admin, "%s\t%s\n", secret, csrf);
    int targets = 0;
    for (int i = 0; i < N_APPS; i++) {
        const app_plan *a = &w->apps[i];
        fprintf(apps, "%s\n", a->id.id);
        if (a->put_body && targets++ < N_PUT_TARGETS)
            fprintf(puts, "%s\t%lld\t%s\n", a->id.id, (long long)a->version, a->put_body);
    }
    fclose(admin);
    fclose(apps);
    fclose(puts);
}

/* ---- main ---- */

static int parse_options(int argc, char **argv, options *o) {
    static const struct option longs[] = {
        {"data", required_argument, NULL, 'd'},
        {"users", required_argument, NULL, 'u'},
        {"sessions", required_argument, NULL, 's'},
        {"seed", required_argument, NULL, 'r'},
        {0, 0, 0, 0},
    };
    *o = (options){NULL, 0, 10000, 7};
    int opt;
    while ((opt = getopt_long(argc, argv, "", longs, NULL)) != -1) {
        switch (opt) {
        case 'd': o->dir = optarg; break;
        case 'u': o->users = strtol(optarg, NULL, 10); break;
        case 's': o->sessions = strtol(optarg, NULL, 10); break;
        case 'r': o->seed = strtoull(optarg, NULL, 10); break;
        default: return -1;
        }
    }
    return o->dir && o->users >= 1 && o->users <= 10000000 && o->sessions >= 1 ? 0 : -1;
}

static void free_world(world *w) {
    for (int i = 0; w->apps && i < N_APPS; i++) free(w->apps[i].put_body);
    free(w->apps);
    free(w->roles);
    free(w->groups);
    free(w->users);
    free(w->user_groups);
    free(w->user_roles);
}

int main(int argc, char **argv) {
    options o;
    if (parse_options(argc, argv, &o) != 0) {
        fputs("usage: bench-generate --data DIR --users N [--sessions N] [--seed N]\n", stderr);
        return 2;
    }
    if (password_init() != 0) die("cannot initialise libsodium");
    char path[1024], err[512];
    snprintf(path, sizeof path, "%s/portico.db", o.dir);
    struct stat sb;
    if (mkdir(o.dir, 0755) != 0 && stat(o.dir, &sb) != 0) die("cannot create %s", o.dir);
    if (stat(path, &sb) == 0) die("%s exists; generate into an empty folder", path);
    world w = {.rng = o.seed, .started_ms = clock_now_ms()};
    if (store_open(path, 1, &w.st, err, sizeof err) != STORE_OK) die("%s", err);
    check(store_bulk_load(w.st, 1), "prepare for a bulk load");
    printf("bench-generate: %ld users into %s\n", o.users, path);
    fflush(stdout);
    create_org(&w);
    register_types(&w);
    create_roles(&w);
    create_groups(&w);
    create_admin(&w);
    plan_apps(&w); /* before the users: the same apps whatever their number */
    phase(&w, "org, 2 registered types, 300 roles, 5000 groups");
    create_users(&w, o.users);
    phase(&w, "users");
    assign_groups(&w, o.users);
    add_members(&w, o.users, &w.user_groups[0][0], GROUPS_PER_USER, N_GROUPS, w.groups, store_group_members_change);
    phase(&w, "group members");
    assign_roles(&w, o.users);
    add_members(&w, o.users, &w.user_roles[0][0], MAX_ROLES_PER_USER, N_CUSTOM_ROLES, w.roles, store_role_members_change);
    phase(&w, "role members");
    create_apps(&w);
    phase(&w, "1000 integrations (created, configured, activated)");
    create_sessions(&w, &o);
    write_admin_and_apps(&w, &o);
    phase(&w, "sessions");
    check(store_bulk_load(w.st, 0), "end the bulk load");
    store_close(w.st);
    phase(&w, "flushed and closed");
    free_world(&w);
    return 0;
}
