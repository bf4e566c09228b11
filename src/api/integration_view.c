#include "api/integration_view.h"
#include "core/clientapp_config.h"
#include "lib/clock.h"

#include <string.h>

static const char *field(const json_t *record, const char *key) {
    const char *v = json_string_value(json_object_get(record, key));
    return v ? v : "";
}

json_t *integration_view_config(const json_t *record) {
    const char *id = field(record, "id");
    json_t *config = json_pack("{s:s, s:s, s:O, s:O, s:O, s:s, s:O}", "id", id, "name", field(record, "name"), "version",
                               json_object_get(record, "version"), "properties", json_object_get(record, "properties"),
                               "advanced", json_object_get(record, "advanced"), "notes", field(record, "configNotes"),
                               "credentials", json_object_get(record, "credentials"));
    json_object_set_new(config, "selfUri", json_sprintf(INTEGRATIONS "/%s/config/current", id));
    return config;
}

static json_t *reported_state(const json_t *record) {
    const char *code = field(record, "reportedCode");
    char when[ISO_TIME_LEN + 1];
    clock_iso8601(json_integer_value(json_object_get(record, "reportedAt")), when);
    const char *effective = strcmp(code, "ACTIVE") == 0 ? "Active" : "Inactive";
    return json_pack("{s:s, s:s, s:{s:s, s:s, s:s, s:{}}, s:s}", "code", code, "effective", effective, "detail",
                     "localizableMessageCode", "", "message", effective, "messageWithParams", effective,
                     "messageParams", "lastUpdated", when);
}

/* The short form of the type inside an Integration. */
static json_t *type_summary(const json_t *record, const json_t *type) {
    json_t *summary = json_pack("{s:s}", "id", field(record, "typeId"));
    static const char *const keys[] = {"name", "description", "provider", "category", "images", "selfUri"};
    for (size_t i = 0; type && i < sizeof keys / sizeof keys[0]; i++) {
        json_t *v = json_object_get(type, keys[i]);
        if (v) json_object_set(summary, keys[i], v);
    }
    return summary;
}

json_t *integration_view(const json_t *record, const json_t *type) {
    const char *id = field(record, "id");
    json_t *view = json_pack("{s:s, s:s, s:o, s:s, s:s, s:{s:o}, s:o, s:{}, s:O}", "id", id, "name", field(record, "name"),
                             "integrationType", type_summary(record, type), "notes", field(record, "notes"),
                             "intendedState", field(record, "intendedState"), "config", "current",
                             integration_view_config(record), "reportedState", reported_state(record), "attributes",
                             "roles", json_object_get(record, "roles"));
    json_object_set_new(view, "selfUri", json_sprintf(INTEGRATIONS "/%s", id));
    return view;
}

json_t *integration_view_clientapp(const json_t *record, const json_t *type) {
    json_t *view = integration_view(record, type);
    json_t *effective = integration_view_config(record);
    json_object_set_new(effective, "properties", clientapp_effective_properties(json_object_get(record, "properties")));
    json_object_set_new(json_object_get(view, "config"), "effective", effective);
    json_object_set_new(view, "selfUri", json_sprintf(INTEGRATIONS "/clientapps/%s", field(record, "id")));
    return view;
}
