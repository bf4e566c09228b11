/* The one storage interface. Handlers call these functions and never see SQL;
 * the store never decides permissions. Every function that touches an org's
 * data takes the org id and never reads or changes another org's rows.
 * Entities come back as JSON objects (new references, owned by the caller)
 * whose field names are the API's. */
#ifndef PORTICO_STORE_STORE_H
#define PORTICO_STORE_STORE_H

#include <jansson.h>
#include <stdint.h>

/* Room for a name of 256 characters of UTF-8 (up to 4 bytes each). */
#define STORE_NAME_BYTES (256 * 4 + 1)

typedef struct store store;

typedef enum {
    STORE_OK = 0,
    STORE_NOT_FOUND,   /* no such record in this org */
    STORE_CONFLICT,    /* a unique value (name, e-mail) is taken */
    STORE_STALE,       /* a version check failed: someone else wrote first */
    STORE_UNAVAILABLE, /* the database cannot be reached now; try again */
    STORE_ERROR,       /* anything else */
} store_status;

const char *store_status_name(store_status s);

/* target: a SQLite file path, or a postgresql:// URL. Applies migrations. */
store_status store_open(const char *target, int pool_size, store **out, char *err, size_t errlen);
/* The target as it may be shown in messages and logs: a URL's password is replaced by ***. */
void store_target_redacted(const char *target, char *out, size_t outlen);
/* `portico migrate`: copies every record of `from` (SQLite) into `to` (PostgreSQL,
 * migrated and empty) in one transaction, tables in foreign-key order, and checks the
 * counts; refuses a target that holds any record or whose schema differs. On success
 * *summary is {"tables": {NAME: ROWS, ...}, "rows": TOTAL}; else err says why. */
store_status store_copy(store *from, store *to, json_t **summary, char *err, size_t errlen);
void store_close(store *st);
store_status store_ping(store *st);
/* For loading much data at once (the benchmark's generator), never while
 * serving: on 1, commits may return before they reach the disk and each
 * connection caches more of the database; a crash may then lose the last
 * commits but never corrupts the database. On 0 (how a store opens), "a
 * write that returned survives a crash" again. Call it from one thread,
 * with no other call in flight. */
store_status store_bulk_load(store *st, int on);

/* ---- organizations ---- */
typedef struct {
    char id[40];
    char name[STORE_NAME_BYTES];
    int level;
    int64_t revision; /* bumped by every write that can change who sees what */
} store_org;

/* Creates the org and its built-in roles: an array of {name, description,
 * permissionPolicies, default}; a default role is given to every new user. */
store_status store_org_create(store *st, const char *name, int level, const json_t *builtin_roles, store_org *out);
store_status store_org_find(store *st, const char *name, store_org *out);
store_status store_org_get(store *st, const char *org_id, store_org *out);
store_status store_org_first(store *st, store_org *out); /* the one `init` created */
store_status store_org_list(store *st, json_t **out);
store_status store_org_set_level(store *st, const char *org_id, int level);
store_status store_org_license(store *st, const char *org_id, const char *license, int grant);
store_status store_org_licenses(store *st, const char *org_id, json_t **out); /* array of strings */
store_status store_org_revision(store *st, const char *org_id, int64_t *out);

/* ---- paging ---- */
typedef struct {
    int page_size;   /* 1..500 */
    int page_number; /* from 1 */
} store_page;

/* ---- users ---- */
typedef struct {
    const char *name, *email, *password_hash, *language_tag; /* NULL: unchanged / default */
} store_user_fields;

store_status store_user_create(store *st, const char *org_id, const store_user_fields *f, json_t **out);
/* Creates n users in one transaction, all or none (bulk loads); ids[i] gets the id of users[i]. */
store_status store_user_create_many(store *st, const char *org_id, const store_user_fields *users, size_t n,
                                    char (*ids)[40]);
store_status store_user_get(store *st, const char *org_id, const char *user_id, json_t **out);
store_status store_user_list(store *st, const char *org_id, store_page page, json_t **entities, int64_t *total);
/* version: the version the caller read, or 0 to skip the check. */
store_status store_user_update(store *st, const char *org_id, const char *user_id, int64_t version,
                               const store_user_fields *f, json_t **out);
store_status store_user_delete(store *st, const char *org_id, const char *user_id);

typedef struct {
    char user_id[40], org_id[40];
    char password_hash[256];
} store_login;

/* Finds the account for a login; org_name NULL means "the only org with this e-mail". */
store_status store_user_find_login(store *st, const char *email, const char *org_name, store_login *out);

/* ---- roles ---- */
store_status store_role_create(store *st, const char *org_id, const char *name, const char *description,
                               const json_t *policies, json_t **out);
store_status store_role_get(store *st, const char *org_id, const char *role_id, json_t **out);
store_status store_role_find(store *st, const char *org_id, const char *name, json_t **out);
store_status store_role_list(store *st, const char *org_id, store_page page, json_t **entities, int64_t *total);
store_status store_role_update(store *st, const char *org_id, const char *role_id, const char *name,
                               const char *description, const json_t *policies, json_t **out);
store_status store_role_delete(store *st, const char *org_id, const char *role_id);
store_status store_role_users(store *st, const char *org_id, const char *role_id, store_page page,
                              json_t **entities, int64_t *total);
/* Adds or removes users (ids) to a role, all or nothing; an id not in the
 * org is STORE_NOT_FOUND with its index in *bad_index. */
store_status store_role_members_change(store *st, const char *org_id, const char *role_id,
                                       const json_t *user_ids, int add, size_t *bad_index);

/* ---- groups ---- */
store_status store_group_create(store *st, const char *org_id, const char *name, const char *type,
                                const char *description, json_t **out);
store_status store_group_get(store *st, const char *org_id, const char *group_id, json_t **out);
/* {id, name, type} alone: without memberCount, which reads every membership of the group. */
store_status store_group_brief(store *st, const char *org_id, const char *group_id, json_t **out);
store_status store_group_list(store *st, const char *org_id, const char *type, store_page page,
                              json_t **entities, int64_t *total);
store_status store_group_update(store *st, const char *org_id, const char *group_id, int64_t version,
                                const char *name, const char *type, const char *description, json_t **out);
store_status store_group_delete(store *st, const char *org_id, const char *group_id);
store_status store_group_members(store *st, const char *org_id, const char *group_id, store_page page,
                                 json_t **entities, int64_t *total);
store_status store_group_members_change(store *st, const char *org_id, const char *group_id,
                                        const json_t *user_ids, int add, size_t *bad_index);

/* ---- OAuth clients, sessions and tokens ---- */
store_status store_client_create(store *st, const char *org_id, const char *name, const char *secret_hash,
                                 const json_t *role_ids, char client_id[40]);
store_status store_client_secret_hash(store *st, const char *client_id, char org_id[40], char hash[256]);

/* A session (user_id set) or an access token (client_id set), by its hash. */
store_status store_session_create(store *st, const char *token_hash, const char *org_id, const char *user_id,
                                  const char *client_id, const char *csrf_token, int64_t expires_at);
store_status store_session_delete(store *st, const char *token_hash);

/* Who is calling: the identity behind a session or token, with what it may do. */
typedef struct {
    char org_id[40], org_name[STORE_NAME_BYTES];
    char user_id[40];   /* "" for an OAuth client */
    char client_id[40]; /* "" for a user */
    char name[STORE_NAME_BYTES], email[256], language_tag[36];
    char csrf_token[72]; /* sessions only */
    int64_t expires_at;
    int64_t org_revision; /* the org's revision when the caller was loaded */
    json_t *permissions; /* array of "domain:entity:action" strings */
    json_t *role_ids;    /* array of role ids held */
    json_t *group_ids;   /* array of group ids the user is a member of */
} store_principal;

/* Who the session or token of token_hash speaks for, unless it is gone or has
 * expired. Answered from a per-store cache while the org's row shows that
 * nothing it depends on changed: so every write that changes what a
 * principal holds (roles, their policies, groups, memberships, the org) bumps
 * the org's revision, and every write that ends a session or changes a
 * user's row bumps its principals revision, in the same transaction. */
store_status store_principal_load(store *st, const char *token_hash, int64_t now_ms, store_principal *out);
void store_principal_clear(store_principal *p);

/* Failed-login bookkeeping, keyed by account or address. */
store_status store_login_failures(store *st, const char *key, int *failures, int64_t *last_at);
store_status store_login_failed(store *st, const char *key, int64_t now_ms);
store_status store_login_succeeded(store *st, const char *key);

/* ---- who made a change, for history and audit ---- */
typedef struct {
    const char *id;   /* user or OAuth client id */
    const char *name;
} store_actor;

/* ---- integration types registered by the operator (the built-in one lives in core) ---- */
store_status store_type_put(store *st, const char *type_id, const json_t *manifest);
store_status store_type_get(store *st, const char *type_id, json_t **manifest);
store_status store_type_list(store *st, json_t **manifests); /* array, ordered by id */

/* ---- integrations ----
 * An integration comes back as {id, name, typeId, notes, intendedState,
 * reportedCode, reportedAt (ms), version, properties, advanced, configNotes,
 * credentials, roles: [{id, name}], createdAt, updatedAt}. */
typedef struct {
    const char *type_id;     /* NULL: any */
    const char *reported;    /* NULL: any; ACTIVE or INACTIVE */
    const char *ids_csv;     /* NULL: any; "id1,id2" */
} store_integration_filter;

store_status store_integration_create(store *st, const char *org_id, const char *type_id, const char *name,
                                      const json_t *role_ids, const store_actor *actor, json_t **out);
store_status store_integration_get(store *st, const char *org_id, const char *id, json_t **out);
store_status store_integration_list(store *st, const char *org_id, const store_integration_filter *f, store_page page,
                                    json_t **entities, int64_t *total);

typedef struct {
    const char *name;            /* NULL: unchanged */
    const char *intended_state;  /* NULL: unchanged; ENABLED or DISABLED */
    const json_t *role_ids;      /* NULL: unchanged; array of ids */
    int64_t expect_version;      /* 0: any; else the config version the caller validated */
} store_integration_patch;

/* A role id not in the org is STORE_NOT_FOUND with its index in *bad_index. */
store_status store_integration_update(store *st, const char *org_id, const char *id, const store_integration_patch *p,
                                      const store_actor *actor, size_t *bad_index, json_t **out);
/* Deletes; *out is the integration as it was. */
store_status store_integration_delete(store *st, const char *org_id, const char *id, const store_actor *actor,
                                      json_t **out);

typedef struct {
    int64_t version; /* the version the caller read: STORE_STALE unless current */
    const char *expect_state; /* the intendedState the caller validated for: STORE_STALE unless current */
    const char *name;
    const json_t *properties, *advanced, *credentials;
    const char *notes;
} store_config_put;

store_status store_config_update(store *st, const char *org_id, const char *id, const store_config_put *c,
                                 const store_actor *actor, json_t **out);
/* Versions newest first: {version, name, properties, advanced, notes, credentials, changedBy: {id, name}, changedAt}. */
store_status store_config_history(store *st, const char *org_id, const char *id, store_page page, json_t **entities,
                                  int64_t *total);

/* Every ENABLED integration of the org, for deciding who sees what. */
store_status store_integration_active(store *st, const char *org_id, json_t **out);

/* ---- audit: who, when, what, before, after; kept after the entity is gone ---- */
store_status store_audit_list(store *st, const char *org_id, const char *entity_id, store_page page, json_t **entities,
                              int64_t *total);

#endif
