#include "core/json_schema.h"

#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json_check.h"

#define INVALID "invalid.value"
#define MISSING "missing.value"
#define PATH_LEN 256

static const char *const TYPES[] = {"object", "array", "string", "integer", "number", "boolean", "null", NULL};
static const char *const ANNOTATIONS[] = {"title", "description", "default", "$schema", "id", "$id", "examples", NULL};

static void child_path(char *out, const char *prefix, const char *key) {
    snprintf(out, PATH_LEN, "%s%s%s", prefix, *prefix ? "." : "", key);
}

static void item_path(char *out, const char *prefix, size_t i) {
    snprintf(out, PATH_LEN, "%s[%zu]", prefix, i);
}

/* ---- is the schema inside the subset? ---- */

typedef int (*keyword_check)(const json_t *value, const char *path, int depth, field_errors *errs);

static int refuse(const char *path, const char *what, field_errors *errs) {
    field_errors_add(errs, path, INVALID, "%s: %s", path, what);
    return -1;
}

static int check_node(const json_t *schema, const char *path, int depth, field_errors *errs);

static int is_type_name(const json_t *v) {
    return json_is_string(v) && json_check_in_list(json_string_value(v), TYPES);
}

static int check_type(const json_t *v, const char *path, int depth, field_errors *errs) {
    (void)depth;
    const char *what = "must be one of object, array, string, integer, number, boolean, null, or a "
                       "non-empty list of them";
    if (is_type_name(v)) return 0;
    if (!json_is_array(v) || json_array_size(v) == 0) return refuse(path, what, errs);
    size_t i;
    const json_t *t;
    json_array_foreach(v, i, t)
        if (!is_type_name(t)) return refuse(path, what, errs);
    return 0;
}

static int check_properties(const json_t *v, const char *path, int depth, field_errors *errs) {
    if (!json_is_object(v)) return refuse(path, "must be an object of schemas", errs);
    const char *key;
    const json_t *sub;
    int rc = 0;
    json_object_foreach((json_t *)v, key, sub) {
        char p[PATH_LEN];
        child_path(p, path, key);
        rc |= check_node(sub, p, depth + 1, errs);
    }
    return rc;
}

static int check_items(const json_t *v, const char *path, int depth, field_errors *errs) {
    return check_node(v, path, depth + 1, errs);
}

static int check_names(const json_t *v, const char *path, int depth, field_errors *errs) {
    (void)depth;
    size_t i;
    const json_t *name;
    if (!json_is_array(v)) return refuse(path, "must be a list of property names", errs);
    json_array_foreach(v, i, name)
        if (!json_is_string(name)) return refuse(path, "must be a list of property names", errs);
    return 0;
}

static int check_bool(const json_t *v, const char *path, int depth, field_errors *errs) {
    (void)depth;
    return json_is_boolean(v) ? 0 : refuse(path, "must be true or false", errs);
}

static int check_enum(const json_t *v, const char *path, int depth, field_errors *errs) {
    (void)depth;
    return json_is_array(v) && json_array_size(v) ? 0 : refuse(path, "must be a non-empty list", errs);
}

static int check_any(const json_t *v, const char *path, int depth, field_errors *errs) {
    (void)v, (void)path, (void)depth, (void)errs;
    return 0;
}

static int check_count(const json_t *v, const char *path, int depth, field_errors *errs) {
    (void)depth;
    if (json_is_integer(v) && json_integer_value(v) >= 0) return 0;
    return refuse(path, "must be a whole number, 0 or more", errs);
}

static int check_number(const json_t *v, const char *path, int depth, field_errors *errs) {
    (void)depth;
    return json_is_number(v) ? 0 : refuse(path, "must be a number", errs);
}

static int check_pattern(const json_t *v, const char *path, int depth, field_errors *errs) {
    (void)depth;
    const char *re = json_check_string(v, path, errs);
    if (!re) return -1;
    regex_t compiled;
    int code = regcomp(&compiled, re, REG_EXTENDED | REG_NOSUB);
    if (code == 0) {
        regfree(&compiled);
        return 0;
    }
    char why[128];
    regerror(code, &compiled, why, sizeof why);
    field_errors_add(errs, path, INVALID, "%s: is not a POSIX extended regular expression (%s)", path, why);
    return -1;
}

typedef struct {
    const char *name;
    keyword_check check;
} keyword_rule;

static const keyword_rule KEYWORDS[] = {
    {"type", check_type},        {"properties", check_properties}, {"required", check_names},
    {"additionalProperties", check_bool}, {"enum", check_enum},     {"const", check_any},
    {"minLength", check_count},  {"maxLength", check_count},       {"pattern", check_pattern},
    {"minimum", check_number},   {"maximum", check_number},        {"items", check_items},
    {"minItems", check_count},   {"maxItems", check_count},        {"uniqueItems", check_bool},
};
#define KEYWORD_COUNT (sizeof KEYWORDS / sizeof KEYWORDS[0])

static const keyword_rule *find_keyword(const char *name) {
    for (size_t i = 0; i < KEYWORD_COUNT; i++)
        if (strcmp(KEYWORDS[i].name, name) == 0) return &KEYWORDS[i];
    return NULL;
}

static int is_annotation(const char *key) {
    return json_check_in_list(key, ANNOTATIONS) || strncmp(key, "x-", 2) == 0;
}

static int unsupported(const char *path, const char *key, field_errors *errs) {
    const char *names[KEYWORD_COUNT + 1];
    for (size_t i = 0; i < KEYWORD_COUNT; i++) names[i] = KEYWORDS[i].name;
    names[KEYWORD_COUNT] = NULL;
    char list[200];
    json_check_join(names, list, sizeof list);
    field_errors_add(errs, path, INVALID, "%s: the keyword \"%s\" is not supported; supported: %s", path,
                     key, list);
    return -1;
}

static int check_node(const json_t *schema, const char *path, int depth, field_errors *errs) {
    if (!json_is_object(schema)) return refuse(path, "must be a JSON Schema object", errs);
    if (depth > JSON_SCHEMA_DEPTH_MAX) return refuse(path, "schemas nest deeper than 16 levels", errs);
    const char *key;
    const json_t *value;
    int rc = 0;
    json_object_foreach((json_t *)schema, key, value) {
        if (is_annotation(key)) continue;
        char p[PATH_LEN];
        child_path(p, path, key);
        const keyword_rule *rule = find_keyword(key);
        rc |= rule ? rule->check(value, p, depth, errs) : unsupported(p, key, errs);
    }
    return rc;
}

int json_schema_check_supported(const json_t *schema, const char *field, field_errors *errs) {
    return check_node(schema, field, 1, errs);
}

/* ---- does a value satisfy the schema? ---- */

static int validate_node(const json_t *schema, const json_t *value, const char *path, field_errors *errs);

static int invalid(const char *path, field_errors *errs, const char *fmt, const char *arg) {
    char what[200];
    snprintf(what, sizeof what, fmt, arg);
    field_errors_add(errs, path, INVALID, "%s: %s", path, what);
    return -1;
}

static int is_whole(const json_t *v) {
    return json_is_integer(v) || (json_is_real(v) && floor(json_real_value(v)) == json_real_value(v));
}

static int has_type(const json_t *value, const char *type) {
    static const json_type KINDS[] = {JSON_OBJECT, JSON_ARRAY, JSON_STRING};
    for (size_t i = 0; i < 3; i++)
        if (strcmp(type, TYPES[i]) == 0) return json_typeof(value) == KINDS[i];
    if (strcmp(type, "integer") == 0) return is_whole(value);
    if (strcmp(type, "number") == 0) return json_is_number(value);
    if (strcmp(type, "boolean") == 0) return json_is_boolean(value);
    return json_is_null(value);
}

static const char *type_words(const char *type) {
    static const char *const WORDS[] = {"an object", "an array", "a string", "a whole number",
                                        "a number",  "true or false", "null"};
    for (size_t i = 0; TYPES[i]; i++)
        if (strcmp(type, TYPES[i]) == 0) return WORDS[i];
    return type;
}

static int validate_type(const json_t *type, const json_t *value, const char *path, field_errors *errs) {
    if (json_is_string(type)) {
        if (has_type(value, json_string_value(type))) return 0;
        return invalid(path, errs, "must be %s", type_words(json_string_value(type)));
    }
    size_t i;
    const json_t *t;
    json_array_foreach(type, i, t)
        if (json_is_string(t) && has_type(value, json_string_value(t))) return 0;
    char *list = json_dumps(type, JSON_COMPACT);
    int rc = invalid(path, errs, "must be of one of the types %s", list ? list : "listed");
    free(list);
    return rc;
}

/* "must be one of ..." / "must be ..." with the JSON text of `allowed`. */
static int refuse_value(const json_t *allowed, const char *fmt, const char *path, field_errors *errs) {
    char *text = json_dumps(allowed, JSON_COMPACT | JSON_ENCODE_ANY);
    int rc = invalid(path, errs, fmt, text ? text : "as the schema says");
    free(text);
    return rc;
}

static int validate_enum(const json_t *schema, const json_t *value, const char *path, field_errors *errs) {
    const json_t *options = json_object_get(schema, "enum");
    size_t i;
    const json_t *option;
    if (!json_is_array(options)) return 0;
    json_array_foreach(options, i, option)
        if (json_equal(option, value)) return 0;
    return refuse_value(options, "must be one of %.150s", path, errs);
}

static int validate_const(const json_t *schema, const json_t *value, const char *path, field_errors *errs) {
    const json_t *want = json_object_get(schema, "const");
    if (!want || json_equal(want, value)) return 0;
    return refuse_value(want, "must be %.150s", path, errs);
}

/* Characters (code points) in a UTF-8 string of `len` bytes. */
static size_t char_count(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80) n++;
    return n;
}

/* Whether the limit `key` of the schema is met by `n`; writes the message. */
static int check_limit(const json_t *schema, const char *key, size_t n, int is_max, const char *path,
                       const char *unit, field_errors *errs) {
    const json_t *limit = json_object_get(schema, key);
    if (!json_is_integer(limit)) return 0;
    json_int_t want = json_integer_value(limit);
    if (is_max ? (json_int_t)n <= want : (json_int_t)n >= want) return 0;
    field_errors_add(errs, path, INVALID, "%s: must have at %s %lld %s", path, is_max ? "most" : "least",
                     (long long)want, unit);
    return -1;
}

static int validate_pattern(const json_t *schema, const json_t *value, const char *path, field_errors *errs) {
    const char *re = json_string_value(json_object_get(schema, "pattern"));
    if (!re) return 0;
    const char *s = json_check_string(value, path, errs);
    if (!s) return -1;
    regex_t compiled;
    if (regcomp(&compiled, re, REG_EXTENDED | REG_NOSUB) != 0)
        return invalid(path, errs, "cannot be checked: the type's pattern %.100s does not compile", re);
    int matched = regexec(&compiled, s, 0, NULL, 0) == 0;
    regfree(&compiled);
    return matched ? 0 : invalid(path, errs, "must match the pattern %.150s", re);
}

static int validate_string(const json_t *schema, const json_t *value, const char *path, field_errors *errs) {
    size_t n = char_count(json_string_value(value), json_string_length(value));
    int rc = check_limit(schema, "minLength", n, 0, path, "characters", errs);
    rc |= check_limit(schema, "maxLength", n, 1, path, "characters", errs);
    return rc | validate_pattern(schema, value, path, errs);
}

static void number_text(const json_t *n, char *out, size_t len) {
    if (json_is_integer(n)) snprintf(out, len, "%lld", (long long)json_integer_value(n));
    else snprintf(out, len, "%g", json_real_value(n));
}

/* a < b, exactly when both are integers. */
static int less(const json_t *a, const json_t *b) {
    if (json_is_integer(a) && json_is_integer(b)) return json_integer_value(a) < json_integer_value(b);
    return json_number_value(a) < json_number_value(b);
}

static int validate_bound(const json_t *schema, const json_t *value, int is_max, const char *path,
                          field_errors *errs) {
    const json_t *bound = json_object_get(schema, is_max ? "maximum" : "minimum");
    if (!json_is_number(bound) || !(is_max ? less(bound, value) : less(value, bound))) return 0;
    char text[64];
    number_text(bound, text, sizeof text);
    return invalid(path, errs, is_max ? "must be at most %s" : "must be at least %s", text);
}

static int validate_unique(const json_t *value, const char *path, field_errors *errs) {
    size_t n = json_array_size(value);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            if (!json_equal(json_array_get(value, i), json_array_get(value, j))) continue;
            field_errors_add(errs, path, INVALID, "%s: must not repeat items; [%zu] equals [%zu]", path, i, j);
            return -1;
        }
    return 0;
}

static int validate_array(const json_t *schema, const json_t *value, const char *path, field_errors *errs) {
    int rc = check_limit(schema, "minItems", json_array_size(value), 0, path, "items", errs);
    rc |= check_limit(schema, "maxItems", json_array_size(value), 1, path, "items", errs);
    if (json_is_true(json_object_get(schema, "uniqueItems"))) rc |= validate_unique(value, path, errs);
    const json_t *items = json_object_get(schema, "items");
    size_t i;
    const json_t *item;
    if (!json_is_object(items)) return rc;
    json_array_foreach(value, i, item) {
        char p[PATH_LEN];
        item_path(p, path, i);
        rc |= validate_node(items, item, p, errs);
    }
    return rc;
}

static int validate_required(const json_t *schema, const json_t *value, const char *path, field_errors *errs) {
    const json_t *names = json_object_get(schema, "required");
    size_t i;
    const json_t *name;
    int rc = 0;
    json_array_foreach(names, i, name) {
        const char *key = json_string_value(name);
        if (!key || json_object_get(value, key)) continue;
        char p[PATH_LEN];
        child_path(p, path, key);
        field_errors_add(errs, p, MISSING, "%s: is required", p);
        rc = -1;
    }
    return rc;
}

static int refuse_unknown(const json_t *props, const char *path, field_errors *errs) {
    const char *names[32];
    size_t n = 0;
    const char *name;
    const json_t *sub;
    json_object_foreach((json_t *)props, name, sub) {
        if (n < 31) names[n++] = name;
    }
    names[n] = NULL;
    char allowed[160];
    json_check_join(names, allowed, sizeof allowed);
    field_errors_add(errs, path, INVALID, "%s: unknown property; allowed: %s", path, n ? allowed : "none");
    return -1;
}

static int validate_object(const json_t *schema, const json_t *value, const char *path, field_errors *errs) {
    const json_t *props = json_object_get(schema, "properties");
    int closed = json_is_false(json_object_get(schema, "additionalProperties"));
    int rc = validate_required(schema, value, path, errs);
    const char *key;
    const json_t *member;
    json_object_foreach((json_t *)value, key, member) {
        const json_t *sub = json_object_get(props, key);
        char p[PATH_LEN];
        child_path(p, path, key);
        if (json_is_object(sub)) rc |= validate_node(sub, member, p, errs);
        else if (closed) rc |= refuse_unknown(props, p, errs);
    }
    return rc;
}

static int validate_node(const json_t *schema, const json_t *value, const char *path, field_errors *errs) {
    const json_t *type = json_object_get(schema, "type");
    if (type && validate_type(type, value, path, errs) != 0) return -1;
    int rc = validate_enum(schema, value, path, errs) | validate_const(schema, value, path, errs);
    if (json_is_string(value)) rc |= validate_string(schema, value, path, errs);
    if (json_is_number(value))
        rc |= validate_bound(schema, value, 0, path, errs) | validate_bound(schema, value, 1, path, errs);
    if (json_is_array(value)) rc |= validate_array(schema, value, path, errs);
    if (json_is_object(value)) rc |= validate_object(schema, value, path, errs);
    return rc;
}

int json_schema_validate(const json_t *schema, const json_t *value, const char *field, field_errors *errs) {
    return validate_node(schema, value, field, errs);
}
