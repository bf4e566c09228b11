#include "core/json_check.h"

#include <stdio.h>
#include <string.h>

const char *json_check_string(const json_t *value, const char *field, field_errors *errs) {
    if (!json_is_string(value)) {
        field_errors_add(errs, field, "invalid.value", "%s: must be a string", field);
        return NULL;
    }
    const char *s = json_string_value(value);
    if (strlen(s) != json_string_length(value)) {
        field_errors_add(errs, field, "invalid.value", "%s: must not contain NUL characters", field);
        return NULL;
    }
    return s;
}

int json_check_in_list(const char *s, const char *const *list) {
    for (size_t i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0) return 1;
    return 0;
}

size_t json_check_char_count(const char *s) {
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80) n++; /* skip continuation bytes */
    return n;
}

int json_check_is_blank(const char *s) {
    return s[strspn(s, " \t\n\r\f\v")] == '\0';
}

void json_check_join(const char *const *list, char *out, size_t outlen) {
    size_t used = 0;
    if (outlen == 0) return;
    out[0] = '\0';
    for (size_t i = 0; list[i] && used < outlen; i++) {
        int n = snprintf(out + used, outlen - used, "%s%s", i ? ", " : "", list[i]);
        if (n < 0) return;
        used += (size_t)n;
    }
}

int json_check_known_keys(const json_t *obj, const char *const *known, const char *prefix,
                          field_errors *errs) {
    const char *key;
    json_t *value;
    int refused = 0;
    char allowed[256];
    json_check_join(known, allowed, sizeof allowed);
    json_object_foreach((json_t *)obj, key, value) {
        if (json_check_in_list(key, known)) continue;
        char field[96];
        snprintf(field, sizeof field, "%s.%s", prefix, key);
        field_errors_add(errs, field, "invalid.value", "%s: unknown property; allowed: %s", field,
                         allowed);
        refused++;
    }
    return refused;
}
