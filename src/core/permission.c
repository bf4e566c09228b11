#include "core/permission.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Compares one ':'-separated part; advances both cursors past it. An empty
 * part names nothing, so it is never matched, not even by "*". */
static int part_matches(const char **held, const char **wanted) {
    const char *h = *held, *w = *wanted;
    size_t hl = strcspn(h, ":"), wl = strcspn(w, ":");
    int ok = wl > 0 && ((hl == 1 && h[0] == '*') || (hl == wl && memcmp(h, w, hl) == 0));
    *held = h[hl] ? h + hl + 1 : h + hl;
    *wanted = w[wl] ? w + wl + 1 : w + wl;
    return ok;
}

static int count_separators(const char *s) {
    int n = 0;
    for (; *s; s++) n += *s == ':';
    return n;
}

int permission_grants(const char *held, const char *wanted) {
    if (!held || !wanted || count_separators(held) != 2 || count_separators(wanted) != 2) return 0;
    for (int part = 0; part < 3; part++)
        if (!part_matches(&held, &wanted)) return 0;
    return 1;
}

int permission_any_grants(const char *const *held, size_t n_held, const char *wanted) {
    for (size_t i = 0; i < n_held; i++)
        if (permission_grants(held[i], wanted)) return 1;
    return 0;
}

int permission_policies_expand(const json_t *policies, json_t *out) {
    size_t i, j;
    json_t *p, *action;
    if (!json_is_array(policies)) return -1;
    json_array_foreach(policies, i, p) {
        const char *domain = json_string_value(json_object_get(p, "domain"));
        const char *entity = json_string_value(json_object_get(p, "entityName"));
        json_t *actions = json_object_get(p, "actionSet");
        if (!domain || !entity || !json_is_array(actions)) return -1;
        json_array_foreach(actions, j, action) {
            if (!json_is_string(action)) return -1;
            json_array_append_new(out, json_sprintf("%s:%s:%s", domain, entity, json_string_value(action)));
        }
    }
    return 0;
}

/* A permission part: "*" or 1..64 of letters, digits, '-' and '_'. */
static int part_is_valid(const char *s) {
    if (!s || !*s) return 0;
    if (strcmp(s, "*") == 0) return 1;
    size_t n = 0;
    for (; s[n]; n++)
        if (!isalnum((unsigned char)s[n]) && s[n] != '-' && s[n] != '_') return 0;
    return n <= 64;
}

static void validate_policy(const json_t *p, size_t i, field_errors *errs) {
    char field[64];
    snprintf(field, sizeof field, "permissionPolicies[%zu]", i);
    if (!json_is_object(p)) {
        field_errors_add(errs, field, "invalid.value", "%s: must be an object with domain, entityName and actionSet", field);
        return;
    }
    static const char *const keys[] = {"domain", "entityName"};
    for (size_t k = 0; k < 2; k++)
        if (!part_is_valid(json_string_value(json_object_get(p, keys[k]))))
            field_errors_add(errs, field, "invalid.value", "%s.%s: must be \"*\" or letters, digits, '-' and '_'", field, keys[k]);
    json_t *actions = json_object_get(p, "actionSet"), *a;
    size_t j;
    if (!json_is_array(actions) || json_array_size(actions) == 0) {
        field_errors_add(errs, field, "invalid.value", "%s.actionSet: must be a non-empty array of actions", field);
        return;
    }
    json_array_foreach(actions, j, a)
        if (!part_is_valid(json_string_value(a)))
            field_errors_add(errs, field, "invalid.value", "%s.actionSet[%zu]: must be \"*\" or an action name such as \"view\"", field, j);
}

int permission_policies_validate(const json_t *policies, field_errors *errs) {
    int before = errs->count;
    if (!json_is_array(policies)) {
        field_errors_add(errs, "permissionPolicies", "invalid.value", "permissionPolicies: must be an array");
        return -1;
    }
    size_t i;
    json_t *p;
    json_array_foreach(policies, i, p) validate_policy(p, i, errs);
    return errs->count > before ? -1 : 0;
}
