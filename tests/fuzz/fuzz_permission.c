/* Permission strings and role permission policies: permission_grants on
 * arbitrary held/wanted pairs (input split at the first newline), and
 * permission_policies_validate/expand on the input parsed as JSON. */
#include "core/permission.h"
#include "fuzz_util.h"

static size_t count_char(const char *s, char c) {
    size_t n = 0;
    for (; *s; s++) n += *s == c;
    return n;
}

/* Three non-empty parts: the only permissions that can be granted. */
static int well_formed(const char *s) {
    return count_char(s, ':') == 2 && s[0] != ':' && !strstr(s, "::") && s[strlen(s) - 1] != ':';
}

static void check_grants(const char *held, const char *wanted) {
    int granted = permission_grants(held, wanted);
    const char *const list[] = {held};
    FUZZ_ASSERT(permission_any_grants(list, 1, wanted) == granted);
    if (granted && !strchr(held, '*')) FUZZ_ASSERT(strcmp(held, wanted) == 0);
    if (granted) FUZZ_ASSERT(well_formed(wanted) && well_formed(held));
    if (well_formed(wanted)) {
        FUZZ_ASSERT(permission_grants(wanted, wanted) == 1);
        FUZZ_ASSERT(permission_grants("*:*:*", wanted) == 1);
    }
}

/* Every permission a valid policy expands to is a well-formed "d:e:a" string. */
static void check_policies(const json_t *policies) {
    field_errors errs;
    field_errors_init(&errs);
    int valid = permission_policies_validate(policies, &errs) == 0;
    FUZZ_ASSERT(valid == (errs.count == 0));
    json_t *out = json_array();
    int expanded = permission_policies_expand(policies, out) == 0;
    if (valid) FUZZ_ASSERT(expanded);
    size_t i;
    json_t *p;
    json_array_foreach(out, i, p) {
        const char *s = json_string_value(p);
        FUZZ_ASSERT(s != NULL || !valid);
        if (valid) FUZZ_ASSERT(well_formed(s) && permission_grants(s, s) && permission_grants("*:*:*", s));
    }
    json_decref(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *held, *wanted;
    fuzz_split(data, size, &held, &wanted);
    check_grants(held, wanted);
    check_grants(wanted, held);
    free(held);
    free(wanted);

    json_t *doc = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, NULL);
    if (doc) {
        check_policies(doc);
        check_policies(json_object_get(doc, "permissionPolicies"));
        json_decref(doc);
    }
    return 0;
}
