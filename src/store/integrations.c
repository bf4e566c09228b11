/* Installed integrations, their roles, configuration and its history. Every
 * write records an audit event and bumps the org's revision in the same
 * transaction. */
#include "store/store_internal.h"
#include "lib/clock.h"
#include "lib/ids.h"

#include <stdlib.h>
#include <string.h>

#define INTEGRATION_COLUMNS                                                                                        \
    "id, name, type_id, notes, intended_state, reported_code, reported_at, config_version, properties, advanced, " \
    "config_notes, credentials, created_at, updated_at"

static json_t *json_doc(const db_rows *r, int i, int col) {
    json_t *v = store_json_parse(db_text(r, i, col));
    return v ? v : json_object();
}

static json_t *integration_json(const db_rows *r, int i) {
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:o, s:o, s:s, s:o, s:I, s:I, s:[]}", "id",
                     db_text(r, i, 0), "name", db_text(r, i, 1), "typeId", db_text(r, i, 2), "notes", db_text(r, i, 3),
                     "intendedState", db_text(r, i, 4), "reportedCode", db_text(r, i, 5), "reportedAt", db_int(r, i, 6),
                     "version", db_int(r, i, 7), "properties", json_doc(r, i, 8), "advanced", json_doc(r, i, 9),
                     "configNotes", db_text(r, i, 10), "credentials", json_doc(r, i, 11), "createdAt", db_int(r, i, 12),
                     "updatedAt", db_int(r, i, 13), "roles");
}

/* Appends {id, name} of a role row (integration_id, role id, role name) to the integration's roles. */
static void add_role(json_t *integration, const db_rows *r, int row) {
    json_array_append_new(json_object_get(integration, "roles"),
                          json_pack("{s:s, s:s}", "id", db_text(r, row, 1), "name", db_text(r, row, 2)));
}

/* Appends each role row to its integration, found by id. */
static void attach_roles(json_t *integrations, const db_rows *r) {
    json_t *by_id = json_object(), *integration;
    size_t i;
    json_array_foreach(integrations, i, integration)
        json_object_set(by_id, json_string_value(json_object_get(integration, "id")), integration);
    for (int row = 0; row < r->nrows; row++) {
        integration = json_object_get(by_id, db_text(r, row, 0));
        if (integration) add_role(integration, r, row);
    }
    json_decref(by_id);
}

static const char SQL_ROLES_OF_ONE[] =
    "SELECT ir.integration_id, r.id, r.name FROM integration_roles ir JOIN roles r ON r.id = ir.role_id "
    "WHERE ir.integration_id = $1 ORDER BY r.name, r.id";

/* Reads one integration with its roles on an open connection. */
static store_status load_integration(store_conn *sc, const char *org_id, const char *id, json_t **out) {
    db_rows *r = NULL, *roles = NULL;
    store_status s = store_q(sc, "SELECT " INTEGRATION_COLUMNS " FROM integrations WHERE org_id = $1 AND id = $2",
                             DB_ARGS(DB_TEXT(org_id), DB_TEXT(id)), &r);
    if (s == STORE_OK && r->nrows == 0) s = STORE_NOT_FOUND;
    if (s == STORE_OK) s = store_q(sc, SQL_ROLES_OF_ONE, DB_ARGS(DB_TEXT(id)), &roles);
    if (s == STORE_OK) {
        *out = integration_json(r, 0);
        for (int row = 0; row < roles->nrows; row++) add_role(*out, roles, row);
    }
    db_rows_free(r);
    db_rows_free(roles);
    return s;
}

store_status store_integration_get(store *st, const char *org_id, const char *id, json_t **out) {
    store_conn sc;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_begin(&sc, 0);
    if (s == STORE_OK) s = load_integration(&sc, org_id, id, out);
    s = store_finish(&sc, s);
    store_release(&sc, s);
    return s;
}

/* Replaces the integration's roles; each must belong to the org. */
static store_status set_roles(store_conn *sc, const char *org_id, const char *id, const json_t *role_ids,
                              size_t *bad_index) {
    store_status s = store_q(sc, "DELETE FROM integration_roles WHERE integration_id = $1", DB_ARGS(DB_TEXT(id)), NULL);
    size_t i;
    json_t *role;
    json_array_foreach(role_ids, i, role) {
        if (s != STORE_OK) break;
        db_rows *r = NULL;
        const char *role_id = json_string_value(role);
        s = store_q(sc, "SELECT 1 FROM roles WHERE org_id = $1 AND id = $2", DB_ARGS(DB_TEXT(org_id), DB_TEXT(role_id)), &r);
        if (s == STORE_OK && r->nrows == 0) {
            s = STORE_NOT_FOUND;
            if (bad_index) *bad_index = i;
        }
        db_rows_free(r);
        if (s == STORE_OK)
            s = store_q(sc, "INSERT INTO integration_roles (integration_id, role_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                        DB_ARGS(DB_TEXT(id), DB_TEXT(role_id)), NULL);
    }
    return s;
}

static store_status add_history(store_conn *sc, const json_t *integration, const store_actor *actor) {
    char *properties = json_dumps(json_object_get(integration, "properties"), JSON_COMPACT);
    char *advanced = json_dumps(json_object_get(integration, "advanced"), JSON_COMPACT);
    char *credentials = json_dumps(json_object_get(integration, "credentials"), JSON_COMPACT);
    store_status s = properties && advanced && credentials ? STORE_OK : STORE_ERROR;
    if (s == STORE_OK)
        s = store_q(sc,
                    "INSERT INTO config_history (integration_id, version, name, properties, advanced, notes, credentials,"
                    " changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    DB_ARGS(DB_TEXT(json_string_value(json_object_get(integration, "id"))),
                            DB_INT(json_integer_value(json_object_get(integration, "version"))),
                            DB_TEXT(json_string_value(json_object_get(integration, "name"))), DB_TEXT(properties),
                            DB_TEXT(advanced), DB_TEXT(json_string_value(json_object_get(integration, "configNotes"))),
                            DB_TEXT(credentials), DB_TEXT(actor->id), DB_INT(clock_now_ms())),
                    NULL);
    free(properties);
    free(advanced);
    free(credentials);
    return s;
}

/* The end of every write: reload, record history (when the config changed), audit, bump the revision. */
static store_status finish_write(store_conn *sc, const char *org_id, const char *id, const char *action,
                                 const json_t *before, int config_changed, const store_actor *actor, json_t **out) {
    json_t *after = NULL;
    store_status s = load_integration(sc, org_id, id, &after);
    if (s == STORE_OK && config_changed) s = add_history(sc, after, actor);
    if (s == STORE_OK)
        s = store_audit_add(sc, org_id, actor, action, "integration", id, json_string_value(json_object_get(after, "name")),
                            before, after);
    if (s == STORE_OK) s = store_bump_revision(sc, org_id);
    if (s == STORE_OK && out) *out = after;
    else json_decref(after);
    return s;
}

store_status store_integration_create(store *st, const char *org_id, const char *type_id, const char *name,
                                      const json_t *role_ids, const store_actor *actor, json_t **out) {
    char id[UUID_LEN + 1];
    ids_uuid(id);
    int64_t now = clock_now_ms();
    store_conn sc;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_begin(&sc, 1);
    if (s == STORE_OK)
        s = store_q(&sc,
                    "INSERT INTO integrations (id, org_id, type_id, name, notes, intended_state, reported_code, reported_at,"
                    " config_version, properties, advanced, config_notes, credentials, created_at, updated_at) "
                    "VALUES ($1, $2, $3, $4, '', 'DISABLED', 'INACTIVE', $5, 1, '{}', '{}', '', '{}', $5, $5)",
                    DB_ARGS(DB_TEXT(id), DB_TEXT(org_id), DB_TEXT(type_id), DB_TEXT(name), DB_INT(now)), NULL);
    if (s == STORE_OK && role_ids) s = set_roles(&sc, org_id, id, role_ids, NULL);
    if (s == STORE_OK) s = finish_write(&sc, org_id, id, "create", NULL, 1, actor, out);
    s = store_finish(&sc, s);
    store_release(&sc, s);
    return s;
}

static store_status apply_patch(store_conn *sc, const char *org_id, const char *id, const store_integration_patch *p,
                                size_t *bad_index) {
    store_status s = STORE_OK;
    int64_t now = clock_now_ms();
    if (p->name)
        s = store_q(sc, "UPDATE integrations SET name = $3, updated_at = $4 WHERE org_id = $1 AND id = $2",
                    DB_ARGS(DB_TEXT(org_id), DB_TEXT(id), DB_TEXT(p->name), DB_INT(now)), NULL);
    if (s == STORE_OK && p->intended_state) {
        const char *reported = strcmp(p->intended_state, "ENABLED") == 0 ? "ACTIVE" : "INACTIVE";
        s = store_q(sc,
                    "UPDATE integrations SET intended_state = $3, reported_code = $4, reported_at = $5, updated_at = $5 "
                    "WHERE org_id = $1 AND id = $2",
                    DB_ARGS(DB_TEXT(org_id), DB_TEXT(id), DB_TEXT(p->intended_state), DB_TEXT(reported), DB_INT(now)),
                    NULL);
    }
    if (s == STORE_OK && p->role_ids) s = set_roles(sc, org_id, id, p->role_ids, bad_index);
    return s;
}

static const char *patch_action(const store_integration_patch *p) {
    if (p->intended_state) return strcmp(p->intended_state, "ENABLED") == 0 ? "activate" : "deactivate";
    if (p->role_ids) return "change-roles";
    return "rename";
}

store_status store_integration_update(store *st, const char *org_id, const char *id, const store_integration_patch *p,
                                      const store_actor *actor, size_t *bad_index, json_t **out) {
    json_t *before = NULL;
    store_conn sc;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_begin(&sc, 1);
    if (s == STORE_OK) s = load_integration(&sc, org_id, id, &before);
    if (s == STORE_OK && p->expect_version && json_integer_value(json_object_get(before, "version")) != p->expect_version)
        s = STORE_STALE;
    if (s == STORE_OK) s = apply_patch(&sc, org_id, id, p, bad_index);
    /* A rename is a config change too: the config's name is the integration's name. */
    if (s == STORE_OK && p->name)
        s = store_q(&sc, "UPDATE integrations SET config_version = config_version + 1 WHERE org_id = $1 AND id = $2",
                    DB_ARGS(DB_TEXT(org_id), DB_TEXT(id)), NULL);
    if (s == STORE_OK) s = finish_write(&sc, org_id, id, patch_action(p), before, p->name != NULL, actor, out);
    s = store_finish(&sc, s);
    store_release(&sc, s);
    json_decref(before);
    return s;
}

store_status store_integration_delete(store *st, const char *org_id, const char *id, const store_actor *actor,
                                      json_t **out) {
    json_t *before = NULL;
    store_conn sc;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_begin(&sc, 1);
    if (s == STORE_OK) s = load_integration(&sc, org_id, id, &before);
    if (s == STORE_OK)
        s = store_q(&sc, "DELETE FROM integrations WHERE org_id = $1 AND id = $2", DB_ARGS(DB_TEXT(org_id), DB_TEXT(id)), NULL);
    if (s == STORE_OK)
        s = store_audit_add(&sc, org_id, actor, "delete", "integration", id,
                            json_string_value(json_object_get(before, "name")), before, NULL);
    if (s == STORE_OK) s = store_bump_revision(&sc, org_id);
    s = store_finish(&sc, s);
    store_release(&sc, s);
    if (s == STORE_OK) *out = before;
    else json_decref(before);
    return s;
}

store_status store_config_update(store *st, const char *org_id, const char *id, const store_config_put *c,
                                 const store_actor *actor, json_t **out) {
    char *properties = json_dumps(c->properties, JSON_COMPACT), *advanced = json_dumps(c->advanced, JSON_COMPACT);
    char *credentials = json_dumps(c->credentials, JSON_COMPACT);
    json_t *before = NULL;
    db_rows *r = NULL;
    store_conn sc;
    store_status s = properties && advanced && credentials ? store_acquire(st, &sc) : STORE_ERROR;
    if (s != STORE_OK) goto done;
    s = store_begin(&sc, 1);
    if (s == STORE_OK) s = load_integration(&sc, org_id, id, &before);
    /* The checks are in the UPDATE itself: of two writers with one version, one changes a row;
     * and an app activated meanwhile (validated as inactive) is not changed. */
    if (s == STORE_OK)
        s = store_q(&sc,
                    "UPDATE integrations SET config_version = config_version + 1, name = $4, properties = $5,"
                    " advanced = $6, config_notes = $7, credentials = $8, updated_at = $9 "
                    "WHERE org_id = $1 AND id = $2 AND config_version = $3 AND intended_state = $10",
                    DB_ARGS(DB_TEXT(org_id), DB_TEXT(id), DB_INT(c->version), DB_TEXT(c->name), DB_TEXT(properties),
                            DB_TEXT(advanced), DB_TEXT(c->notes ? c->notes : ""), DB_TEXT(credentials),
                            DB_INT(clock_now_ms()), DB_TEXT(c->expect_state)),
                    &r);
    if (s == STORE_OK && r->changes == 0) s = STORE_STALE;
    if (s == STORE_OK) s = finish_write(&sc, org_id, id, "configure", before, 1, actor, out);
    s = store_finish(&sc, s);
    store_release(&sc, s);
done:
    db_rows_free(r);
    json_decref(before);
    free(properties);
    free(advanced);
    free(credentials);
    return s;
}

static json_t *history_json(const db_rows *r, int i) {
    char at[ISO_TIME_LEN + 1];
    clock_iso8601(db_int(r, i, 7), at);
    return json_pack("{s:I, s:s, s:o, s:o, s:s, s:o, s:{s:s}, s:s}", "version", db_int(r, i, 0), "name", db_text(r, i, 1),
                     "properties", json_doc(r, i, 2), "advanced", json_doc(r, i, 3), "notes", db_text(r, i, 4),
                     "credentials", json_doc(r, i, 5), "changedBy", "id", db_text(r, i, 6), "changedAt", at);
}

store_status store_config_history(store *st, const char *org_id, const char *id, store_page page, json_t **entities,
                                  int64_t *total) {
    return store_paged(st,
                       "SELECT COUNT(*) FROM config_history h JOIN integrations i ON i.id = h.integration_id "
                       "WHERE i.org_id = $1 AND i.id = $2",
                       "SELECT h.version, h.name, h.properties, h.advanced, h.notes, h.credentials, h.changed_by, h.changed_at "
                       "FROM config_history h JOIN integrations i ON i.id = h.integration_id "
                       "WHERE i.org_id = $1 AND i.id = $2 ORDER BY h.version DESC LIMIT $3 OFFSET $4",
                       DB_ARGS(DB_TEXT(org_id), DB_TEXT(id)), page, history_json, entities, total);
}

#define FILTER_WHERE                                                                                  \
    "WHERE org_id = $1 AND (CAST($2 AS TEXT) IS NULL OR type_id = $2)"                                \
    " AND (CAST($3 AS TEXT) IS NULL OR reported_code = $3)"                                           \
    " AND (CAST($4 AS TEXT) IS NULL OR (',' || $4 || ',') LIKE ('%,' || id || ',%'))"

static const char SQL_ROLES_OF_ORG[] =
    "SELECT ir.integration_id, r.id, r.name FROM integration_roles ir JOIN roles r ON r.id = ir.role_id "
    "JOIN integrations i ON i.id = ir.integration_id WHERE i.org_id = $1 ORDER BY r.name, r.id";

/* Adds the roles of every listed integration: an indexed query each, in one snapshot, so
 * that a page costs the same however many integrations the org has. */
static store_status roles_for(store *st, json_t *integrations) {
    if (json_array_size(integrations) == 0) return STORE_OK;
    store_conn sc;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_begin(&sc, 0);
    size_t i;
    json_t *integration;
    json_array_foreach(integrations, i, integration) {
        db_rows *r = NULL;
        if (s == STORE_OK)
            s = store_q(&sc, SQL_ROLES_OF_ONE, DB_ARGS(DB_TEXT(json_string_value(json_object_get(integration, "id")))), &r);
        for (int row = 0; s == STORE_OK && row < r->nrows; row++) add_role(integration, r, row);
        db_rows_free(r);
    }
    s = store_finish(&sc, s);
    store_release(&sc, s);
    return s;
}

store_status store_integration_list(store *st, const char *org_id, const store_integration_filter *f, store_page page,
                                    json_t **entities, int64_t *total) {
    store_status s = store_paged(st, "SELECT COUNT(*) FROM integrations " FILTER_WHERE,
                                 "SELECT " INTEGRATION_COLUMNS " FROM integrations " FILTER_WHERE
                                 " ORDER BY name, id LIMIT $5 OFFSET $6",
                                 DB_ARGS(DB_TEXT(org_id), DB_TEXT(f->type_id), DB_TEXT(f->reported), DB_TEXT(f->ids_csv)),
                                 page, integration_json, entities, total);
    if (s == STORE_OK && (s = roles_for(st, *entities)) != STORE_OK) {
        json_decref(*entities);
        *entities = NULL;
    }
    return s;
}

store_status store_integration_active(store *st, const char *org_id, json_t **out) {
    store_conn sc;
    db_rows *r = NULL, *roles = NULL;
    store_status s = store_acquire(st, &sc);
    if (s != STORE_OK) return s;
    s = store_begin(&sc, 0);
    if (s == STORE_OK)
        s = store_q(&sc, "SELECT " INTEGRATION_COLUMNS " FROM integrations WHERE org_id = $1 AND intended_state = 'ENABLED' "
                         "ORDER BY name, id",
                    DB_ARGS(DB_TEXT(org_id)), &r);
    if (s == STORE_OK) s = store_q(&sc, SQL_ROLES_OF_ORG, DB_ARGS(DB_TEXT(org_id)), &roles);
    s = store_finish(&sc, s);
    store_release(&sc, s);
    if (s == STORE_OK) {
        *out = json_array();
        for (int i = 0; i < r->nrows; i++) json_array_append_new(*out, integration_json(r, i));
        attach_roles(*out, roles);
    }
    db_rows_free(r);
    db_rows_free(roles);
    return s;
}
