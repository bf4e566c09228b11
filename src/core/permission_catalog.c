#include "core/permission_catalog.h"

static const struct {
    const char *domain, *entity;
} entities[] = {
    {"integrations", "integration"},
    {"directory", "user"},
    {"directory", "group"},
    {"authorization", "role"},
    {"audits", "audit"},
};

json_t *permission_catalog(void) {
    json_t *list = json_array();
    for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
        json_array_append_new(list, json_pack("{s:s, s:s, s:[ssss]}", "domain", entities[i].domain, "entityName",
                                              entities[i].entity, "actions", "view", "add", "edit", "delete"));
    return list;
}
