#include "core/input.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *input_required_string(const json_t *obj, const char *key, field_errors *errs) {
    json_t *v = json_object_get(obj, key);
    if (!v) {
        field_errors_add(errs, key, "missing.value", "%s: is required", key);
        return NULL;
    }
    if (!json_is_string(v)) {
        field_errors_add(errs, key, "invalid.value", "%s: must be a string", key);
        return NULL;
    }
    return json_string_value(v);
}

const char *input_optional_string(const json_t *obj, const char *key, int *bad, field_errors *errs) {
    json_t *v = json_object_get(obj, key);
    if (!v) return NULL;
    if (!json_is_string(v)) {
        field_errors_add(errs, key, "invalid.value", "%s: must be a string", key);
        *bad = 1;
        return NULL;
    }
    return json_string_value(v);
}

static int has_control_chars(const char *s) {
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f) return 1;
    return 0;
}

static int only_spaces(const char *s) {
    for (; *s; s++)
        if (!isspace((unsigned char)*s)) return 0;
    return 1;
}

/* Characters (code points) in UTF-8 text, which JSON strings always are. */
static size_t utf8_length(const char *s) {
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

int input_check_name(const char *field, const char *value, field_errors *errs) {
    if (!value || only_spaces(value)) {
        field_errors_add(errs, field, "missing.value", "%s: must not be empty", field);
        return -1;
    }
    if (utf8_length(value) > NAME_MAX_LEN || has_control_chars(value)) {
        field_errors_add(errs, field, "invalid.value", "%s: must be at most %d characters, without control characters",
                         field, NAME_MAX_LEN);
        return -1;
    }
    return 0;
}

int input_check_description(const char *field, const char *value, field_errors *errs) {
    if (value && utf8_length(value) > DESCRIPTION_MAX_LEN) {
        field_errors_add(errs, field, "invalid.value", "%s: must be at most %d characters", field, DESCRIPTION_MAX_LEN);
        return -1;
    }
    return 0;
}

int input_check_email(const char *field, const char *value, field_errors *errs) {
    const char *at = value ? strchr(value, '@') : NULL;
    int ok = at && at > value && strchr(at + 1, '@') == NULL && strchr(at + 1, '.') && at[1] != '.' &&
             value[strlen(value) - 1] != '.' && strlen(value) <= 254 && !has_control_chars(value) &&
             strpbrk(value, " <>\"(),;:\\[]") == NULL;
    if (!ok) field_errors_add(errs, field, "invalid.value", "%s: must be an e-mail address such as ann@example.com", field);
    return ok ? 0 : -1;
}

int input_check_password(const char *field, const char *value, field_errors *errs) {
    size_t n = value ? strlen(value) : 0;
    if (n < PASSWORD_MIN_LEN || n > PASSWORD_MAX_LEN) {
        field_errors_add(errs, field, "invalid.value", "%s: must be %d to %d characters long", field, PASSWORD_MIN_LEN,
                         PASSWORD_MAX_LEN);
        return -1;
    }
    return 0;
}

int input_check_language_tag(const char *field, const char *value, field_errors *errs) {
    size_t part = 0, n = value ? strlen(value) : 0;
    int ok = n > 0 && n <= 35;
    for (size_t i = 0; ok && i < n; i++) {
        if (value[i] == '-') ok = part > 0, part = 0;
        else ok = isalnum((unsigned char)value[i]) && ++part <= 8;
    }
    if (!ok || part == 0) {
        field_errors_add(errs, field, "invalid.value", "%s: must be a language tag such as en-us", field);
        return -1;
    }
    return 0;
}

int input_check_group_type(const char *field, const char *value, field_errors *errs) {
    if (value && (!strcmp(value, "official") || !strcmp(value, "social") || !strcmp(value, "distribution"))) return 0;
    field_errors_add(errs, field, "invalid.value", "%s: must be official, social or distribution", field);
    return -1;
}

int input_check_keys(const json_t *obj, const char *const *allowed, const char *prefix, field_errors *errs) {
    const char *key;
    json_t *v;
    int bad = 0;
    json_object_foreach((json_t *)obj, key, v) {
        int known = 0;
        for (const char *const *a = allowed; *a && !known; a++) known = strcmp(*a, key) == 0;
        if (!known) {
            char field[96];
            snprintf(field, sizeof field, "%s%s", prefix, key);
            field_errors_add(errs, field, "invalid.value", "%s: unknown field", field);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

static int parse_bounded(const char *text, long lo, long hi, int fallback, int *out) {
    if (!text) {
        *out = fallback;
        return 0;
    }
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < lo || v > hi) return -1;
    *out = (int)v;
    return 0;
}

int input_parse_paging(const char *page_size, const char *page_number, int *size_out, int *number_out,
                       field_errors *errs) {
    int bad = 0;
    if (parse_bounded(page_size, 1, PAGE_SIZE_MAX, PAGE_SIZE_DEFAULT, size_out) != 0) {
        field_errors_add(errs, "pageSize", "invalid.value", "pageSize: must be a whole number from 1 to %d", PAGE_SIZE_MAX);
        bad = 1;
    }
    if (parse_bounded(page_number, 1, 1000000, 1, number_out) != 0) {
        field_errors_add(errs, "pageNumber", "invalid.value", "pageNumber: must be a whole number from 1");
        bad = 1;
    }
    return bad ? -1 : 0;
}

void input_lowercase(const char *in, char *out, size_t len) {
    size_t i = 0;
    for (; in[i] && i + 1 < len; i++) out[i] = (char)tolower((unsigned char)in[i]);
    out[i] = '\0';
}

int input_check_id_list(const char *field, const json_t *ids, size_t max, field_errors *errs) {
    if (!json_is_array(ids) || json_array_size(ids) == 0 || json_array_size(ids) > max) {
        field_errors_add(errs, field, "invalid.value", "%s: must be an array of 1 to %zu ids", field, max);
        return -1;
    }
    size_t i, j;
    json_t *id, *other;
    json_array_foreach(ids, i, id) {
        const char *s = json_string_value(id);
        if (!s || !*s || strlen(s) > 64) {
            field_errors_add(errs, field, "invalid.value", "%s[%zu]: must be an id string", field, i);
            return -1;
        }
        json_array_foreach(ids, j, other) {
            if (j >= i) break;
            if (json_equal(id, other)) {
                field_errors_add(errs, field, "invalid.value", "%s[%zu]: %s is listed twice", field, i, s);
                return -1;
            }
        }
    }
    return 0;
}
