#include "core/clientapp_config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json_check.h"

const char *const CLIENTAPP_SANDBOX_TOKENS[] = {
    "allow-forms",       "allow-modals",  "allow-popups",    "allow-presentation",
    "allow-same-origin", "allow-scripts", "allow-downloads", NULL,
};
const char *const CLIENTAPP_PERMISSION_FEATURES[] = {
    "camera", "microphone", "geolocation", "clipboard-write", "fullscreen", "display-capture", NULL,
};

static const char *const PROPERTY_KEYS[] = {"url",     "displayType", "featureCategory",
                                            "sandbox", "permissions", "groups", NULL};
static const char *const DISPLAY_TYPES[] = {"standalone", "widget", NULL};
static const char *const FEATURE_CATEGORIES[] = {"", "directory", "contactCenterInsights", NULL};
static const char *const ADVANCED_KEYS[] = {"i10n", "lifecycle", "icon", "monochromicIcon", NULL};
static const char *const LIFECYCLE_KEYS[] = {"ephemeral", "hooks", NULL};
static const char *const HOOK_KEYS[] = {"bootstrap", "focus", "blur", "stop", NULL};
static const char *const ICON_KEYS[] = {"vector", "24x24", "36x36", "48x48", "72x72", NULL};
static const char *const LOCALIZED_KEYS[] = {"name", NULL};

#define LANG_TAG_MAX 35
#define INVALID "invalid.value"
#define MISSING "missing.value"

/* ---- comma-separated lists (sandbox, permissions) ---- */

/* Space and tab around list items are tolerated. */
static int is_list_blank(char c) { return c == ' ' || c == '\t'; }

static int list_is_empty(const char *s) {
    while (is_list_blank(*s)) s++;
    return *s == '\0';
}

/* The item at s (up to the next comma or the end), without blanks around it. */
static void list_item(const char *s, const char **start, size_t *len) {
    size_t n = strcspn(s, ",");
    while (n > 0 && is_list_blank(*s)) {
        s++;
        n--;
    }
    while (n > 0 && is_list_blank(s[n - 1])) n--;
    *start = s;
    *len = n;
}

static const char *next_item(const char *s) {
    const char *comma = strchr(s, ',');
    return comma ? comma + 1 : NULL;
}

static int index_in(const char *s, size_t len, const char *const *list) {
    for (int i = 0; list[i]; i++)
        if (strlen(list[i]) == len && strncmp(s, list[i], len) == 0) return i;
    return -1;
}

static int item_problem(const char *start, size_t len, int index, unsigned seen, const char *field,
                        const char *what, const char *const *allowed, field_errors *errs) {
    int shown = (int)(len > 40 ? 40 : len);
    char options[200];
    if (len == 0) {
        field_errors_add(errs, field, INVALID, "%s: empty item in the comma-separated list", field);
    } else if (index < 0) {
        json_check_join(allowed, options, sizeof options);
        field_errors_add(errs, field, INVALID,
                         "%s: \"%.*s\" is not an allowed %s; use a comma-separated list of: %s",
                         field, shown, start, what, options);
    } else if (seen & (1u << index)) {
        field_errors_add(errs, field, INVALID, "%s: \"%.*s\" is listed twice", field, shown, start);
    } else {
        return 0;
    }
    return -1;
}

/* Only items of `allowed`, none empty or repeated; "" means no item. */
static int check_list(const char *value, const char *const *allowed, const char *field,
                      const char *what, field_errors *errs) {
    if (list_is_empty(value)) return 0;
    unsigned seen = 0; /* bit i: allowed[i] already listed */
    int rc = 0;
    for (const char *s = value; s; s = next_item(s)) {
        const char *start;
        size_t len;
        list_item(s, &start, &len);
        int index = index_in(start, len, allowed);
        rc |= item_problem(start, len, index, seen, field, what, allowed, errs);
        if (index >= 0) seen |= 1u << index;
    }
    return rc;
}

/* The list as "a,b,c" (malloc'd), dropping blanks and empty items. */
static char *normalized_list(const char *value) {
    char *out = malloc(strlen(value) + 1);
    if (!out) return NULL;
    size_t used = 0;
    for (const char *s = value; s; s = next_item(s)) {
        const char *start;
        size_t len;
        list_item(s, &start, &len);
        if (len == 0) continue;
        if (used) out[used++] = ',';
        memcpy(out + used, start, len);
        used += len;
    }
    out[used] = '\0';
    return out;
}

/* ---- properties ---- */

static int check_url(const json_t *value, const url_policy *policy, field_errors *errs) {
    if (!value) return 0;
    const char *url = json_check_string(value, "properties.url", errs);
    if (!url) return -1;
    return *url ? app_url_check(url, policy, "properties.url", errs) : 0;
}

static int check_enum(const json_t *value, const char *field, const char *const *allowed,
                      const char *hint, field_errors *errs) {
    if (!value) return 0;
    const char *s = json_check_string(value, field, errs);
    if (!s) return -1;
    if (json_check_in_list(s, allowed)) return 0;
    field_errors_add(errs, field, INVALID, "%s: %s", field, hint);
    return -1;
}

static int check_sandbox(const json_t *value, field_errors *errs) {
    if (!value) return 0;
    const char *s = json_check_string(value, "properties.sandbox", errs);
    if (!s) return -1;
    return check_list(s, CLIENTAPP_SANDBOX_TOKENS, "properties.sandbox", "option", errs);
}

static int check_permissions(const json_t *value, field_errors *errs) {
    const char *field = "properties.permissions";
    if (!value || json_is_null(value)) return 0;
    if (!json_is_string(value)) {
        field_errors_add(errs, field, INVALID, "%s: must be a string or null", field);
        return -1;
    }
    const char *s = json_check_string(value, field, errs);
    if (!s) return -1;
    return check_list(s, CLIENTAPP_PERMISSION_FEATURES, field, "feature", errs);
}

static int listed_before(const json_t *groups, size_t i, const char *id) {
    for (size_t j = 0; j < i; j++) {
        const char *other = json_string_value(json_array_get(groups, j));
        if (other && strcmp(other, id) == 0) return 1;
    }
    return 0;
}

static int check_group(const json_t *groups, size_t i, group_lookup_fn lookup, void *ctx,
                       field_errors *errs) {
    const char *f = "properties.groups";
    const json_t *g = json_array_get(groups, i);
    const char *id = json_string_value(g);
    if (!id || !*id || strlen(id) != json_string_length(g)) {
        field_errors_add(errs, f, INVALID, "%s: item %zu must be a group id (a non-empty string)", f, i + 1);
        return -1;
    }
    if (listed_before(groups, i, id)) {
        field_errors_add(errs, f, INVALID, "%s: group \"%.64s\" is listed twice", f, id);
        return -1;
    }
    char type[32] = "", name[128] = "";
    if (!lookup || !lookup(ctx, id, type, sizeof type, name, sizeof name)) {
        field_errors_add(errs, f, INVALID, "%s: no group with id \"%.64s\" in this organization", f, id);
        return -1;
    }
    if (strcmp(type, "official") == 0) return 0;
    field_errors_add(errs, f, INVALID,
                     "%s: \"%.100s\" is a %s group; only official groups can see a custom client application",
                     f, name, type);
    return -1;
}

static int check_groups(const json_t *groups, group_lookup_fn lookup, void *ctx, field_errors *errs) {
    const char *f = "properties.groups";
    if (!groups) return 0;
    if (!json_is_array(groups)) {
        field_errors_add(errs, f, INVALID, "%s: must be an array of group ids", f);
        return -1;
    }
    if (json_array_size(groups) > CLIENTAPP_GROUPS_MAX) {
        field_errors_add(errs, f, INVALID, "%s: at most %d groups", f, CLIENTAPP_GROUPS_MAX);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < json_array_size(groups); i++) rc |= check_group(groups, i, lookup, ctx, errs);
    return rc;
}

int clientapp_properties_validate(const json_t *properties, const url_policy *policy,
                                  group_lookup_fn lookup, void *ctx, field_errors *errs) {
    if (!json_is_object(properties)) {
        field_errors_add(errs, "properties", INVALID, "properties: must be a JSON object");
        return -1;
    }
    int rc = json_check_known_keys(properties, PROPERTY_KEYS, "properties", errs) ? -1 : 0;
    rc |= check_url(json_object_get(properties, "url"), policy, errs);
    rc |= check_enum(json_object_get(properties, "displayType"), "properties.displayType",
                     DISPLAY_TYPES,
                     "must be \"standalone\" (full frame, opened from a menu) or \"widget\" "
                     "(sidebar tab)",
                     errs);
    rc |= check_enum(json_object_get(properties, "featureCategory"), "properties.featureCategory",
                     FEATURE_CATEGORIES,
                     "must be \"\" (Apps menu), \"directory\" (Directory menu) or "
                     "\"contactCenterInsights\" (Performance menu)",
                     errs);
    rc |= check_sandbox(json_object_get(properties, "sandbox"), errs);
    rc |= check_permissions(json_object_get(properties, "permissions"), errs);
    rc |= check_groups(json_object_get(properties, "groups"), lookup, ctx, errs);
    return rc;
}

/* ---- advanced ---- */

static int check_object(const json_t *value, const char *field, field_errors *errs) {
    if (json_is_object(value)) return 0;
    field_errors_add(errs, field, INVALID, "%s: must be a JSON object", field);
    return -1;
}

static int check_bool(const json_t *value, const char *field, field_errors *errs) {
    if (!value || json_is_boolean(value)) return 0;
    field_errors_add(errs, field, INVALID, "%s: must be true or false", field);
    return -1;
}

/* Letters (2 or 3), then "-" subtags of 1..8 letters or digits: "fr", "en-us". */
static int is_language_tag(const char *s) {
    size_t n = strlen(s), i = 0;
    if (n > LANG_TAG_MAX) return 0;
    while (i < n && isalpha((unsigned char)s[i])) i++;
    if (i < 2 || i > 3) return 0;
    while (i < n) {
        if (s[i++] != '-') return 0;
        size_t start = i;
        while (i < n && isalnum((unsigned char)s[i])) i++;
        if (i == start || i - start > 8) return 0;
    }
    return 1;
}

/* advanced.i10n.TAG: {"name": 1..200 characters, not only blanks}. */
static int check_localized_name(const json_t *entry, const char *tag, field_errors *errs) {
    char prefix[64], field[64];
    snprintf(prefix, sizeof prefix, "advanced.i10n.%.*s", LANG_TAG_MAX, tag);
    snprintf(field, sizeof field, "advanced.i10n.%.*s.name", LANG_TAG_MAX, tag);
    if (check_object(entry, prefix, errs) < 0) return -1;
    int rc = json_check_known_keys(entry, LOCALIZED_KEYS, prefix, errs) ? -1 : 0;
    const json_t *value = json_object_get(entry, "name");
    if (!value) {
        field_errors_add(errs, field, MISSING, "%s: missing; give the app's name in this language", field);
        return -1;
    }
    const char *name = json_check_string(value, field, errs);
    if (!name) return -1;
    if (json_check_is_blank(name) || json_check_char_count(name) > CLIENTAPP_LOCALIZED_NAME_MAX) {
        field_errors_add(errs, field, INVALID, "%s: must be 1 to %d characters, not only spaces", field,
                         CLIENTAPP_LOCALIZED_NAME_MAX);
        return -1;
    }
    return rc;
}

static int check_i10n(const json_t *i10n, field_errors *errs) {
    if (!i10n) return 0;
    if (check_object(i10n, "advanced.i10n", errs) < 0) return -1;
    const char *tag;
    json_t *entry;
    int rc = 0;
    json_object_foreach((json_t *)i10n, tag, entry) {
        if (is_language_tag(tag)) {
            rc |= check_localized_name(entry, tag, errs);
            continue;
        }
        field_errors_add(errs, "advanced.i10n", INVALID,
                         "advanced.i10n: \"%.40s\" is not a language tag like \"en-us\" or \"fr\"", tag);
        rc = -1;
    }
    return rc;
}

/* obj may hold only `keys`, each a boolean. */
static int check_flags(const json_t *obj, const char *const *keys, const char *prefix, field_errors *errs) {
    int rc = json_check_known_keys(obj, keys, prefix, errs) ? -1 : 0;
    for (size_t i = 0; keys[i]; i++) {
        char field[96];
        snprintf(field, sizeof field, "%s.%s", prefix, keys[i]);
        rc |= check_bool(json_object_get(obj, keys[i]), field, errs);
    }
    return rc;
}

static int check_lifecycle(const json_t *lifecycle, field_errors *errs) {
    if (!lifecycle) return 0;
    if (check_object(lifecycle, "advanced.lifecycle", errs) < 0) return -1;
    int rc = json_check_known_keys(lifecycle, LIFECYCLE_KEYS, "advanced.lifecycle", errs) ? -1 : 0;
    rc |= check_bool(json_object_get(lifecycle, "ephemeral"), "advanced.lifecycle.ephemeral", errs);
    const json_t *hooks = json_object_get(lifecycle, "hooks");
    if (!hooks) return rc;
    if (check_object(hooks, "advanced.lifecycle.hooks", errs) < 0) return -1;
    return rc | check_flags(hooks, HOOK_KEYS, "advanced.lifecycle.hooks", errs);
}

static int check_icons(const json_t *icons, const char *prefix, const url_policy *policy,
                       field_errors *errs) {
    if (!icons) return 0;
    if (check_object(icons, prefix, errs) < 0) return -1;
    int rc = json_check_known_keys(icons, ICON_KEYS, prefix, errs) ? -1 : 0;
    for (size_t i = 0; ICON_KEYS[i]; i++) {
        const json_t *value = json_object_get(icons, ICON_KEYS[i]);
        if (!value) continue;
        char field[96];
        snprintf(field, sizeof field, "%s.%s", prefix, ICON_KEYS[i]);
        const char *url = json_check_string(value, field, errs);
        rc |= url ? app_url_check(url, policy, field, errs) : -1;
    }
    return rc;
}

int clientapp_advanced_validate(const json_t *advanced, const url_policy *policy, field_errors *errs) {
    if (check_object(advanced, "advanced", errs) < 0) return -1;
    int rc = json_check_known_keys(advanced, ADVANCED_KEYS, "advanced", errs) ? -1 : 0;
    rc |= check_i10n(json_object_get(advanced, "i10n"), errs);
    rc |= check_lifecycle(json_object_get(advanced, "lifecycle"), errs);
    rc |= check_icons(json_object_get(advanced, "icon"), "advanced.icon", policy, errs);
    rc |= check_icons(json_object_get(advanced, "monochromicIcon"), "advanced.monochromicIcon", policy, errs);
    return rc;
}

/* ---- activation ---- */

int clientapp_ready_to_activate(const json_t *properties, const url_policy *policy, field_errors *errs) {
    const char *f = "properties.url";
    const char *url = json_string_value(json_object_get(properties, "url"));
    if (!url || !*url) {
        field_errors_add(errs, f, MISSING, "%s: set a valid Application URL before activating the app", f);
        return -1;
    }
    field_errors why;
    field_errors_init(&why);
    if (app_url_check(url, policy, f, &why) == 0) return 0;
    /* The problem's message without its own "properties.url: " prefix. */
    const char *detail = why.items[0].message + strlen(f) + 2;
    field_errors_add(errs, f, INVALID,
                     "%s: set a valid Application URL before activating the app: %s", f, detail);
    return -1;
}

/* ---- effective properties ---- */

static int set_if_absent(json_t *obj, const char *key, json_t *value) {
    if (json_object_get(obj, key)) {
        json_decref(value);
        return 0;
    }
    return json_object_set_new(obj, key, value);
}

static int normalize_list(json_t *obj, const char *key) {
    const char *value = json_string_value(json_object_get(obj, key));
    if (!value) return 0;
    char *normalized = normalized_list(value);
    if (!normalized) return -1;
    int rc = json_object_set_new(obj, key, json_string(normalized));
    free(normalized);
    return rc;
}

json_t *clientapp_effective_properties(const json_t *properties) {
    json_t *eff = json_is_object(properties) ? json_deep_copy(properties) : json_object();
    if (!eff) return NULL;
    int rc = 0;
    if (json_is_null(json_object_get(eff, "permissions"))) rc |= json_object_del(eff, "permissions");
    rc |= set_if_absent(eff, "displayType", json_string("standalone"));
    rc |= set_if_absent(eff, "featureCategory", json_string(""));
    rc |= set_if_absent(eff, "sandbox", json_string(CLIENTAPP_DEFAULT_SANDBOX));
    rc |= set_if_absent(eff, "permissions", json_string(""));
    rc |= set_if_absent(eff, "groups", json_array());
    rc |= normalize_list(eff, "sandbox");
    rc |= normalize_list(eff, "permissions");
    if (rc == 0) return eff;
    json_decref(eff);
    return NULL;
}

/* ---- JSON Schema documents: built from the same lists as the checks ---- */

#define SCHEMA_DRAFT "http://json-schema.org/draft-07/schema#"
#define SCHEMA_ID_BASE "/api/v2/integrations/types/embedded-client-app/configschemas/"

/* http(s)://host[:port] then an optional path, query or fragment of
 * printable ASCII: the shape app_url_check accepts (it also checks the host,
 * the port, placeholders, and http only for loopback when allowed). */
#define URL_BODY "[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9._:\\[\\]-]+([/?#\\\\][!-~]*)?"
#define URL_PATTERN "^" URL_BODY "$"
#define URL_OR_EMPTY_PATTERN "^(|" URL_BODY ")$"
#define LANG_TAG_PATTERN "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
#define NOT_BLANK_PATTERN "[^ \t\n\r\f\v]"

static json_t *string_array(const char *const *list) {
    json_t *array = json_array();
    for (size_t i = 0; array && list[i]; i++) {
        if (json_array_append_new(array, json_string(list[i])) < 0) {
            json_decref(array);
            return NULL;
        }
    }
    return array;
}

/* Blank-tolerant comma-separated items of `list`, or nothing at all. */
static json_t *list_pattern(const char *const *list) {
    char alternatives[256] = "";
    size_t used = 0;
    for (size_t i = 0; list[i]; i++) {
        int n = snprintf(alternatives + used, sizeof alternatives - used, "%s%s", i ? "|" : "", list[i]);
        if (n < 0 || (size_t)n >= sizeof alternatives - used) return NULL;
        used += (size_t)n;
    }
    return json_sprintf("^[ \t]*(|(%s)([ \t]*,[ \t]*(%s))*)[ \t]*$", alternatives, alternatives);
}

/* "x-allowedValues" (ignored by validators) lets a form offer the items. */
static json_t *list_schema(const char *title, const char *description, const char *const *list,
                           int nullable, const char *default_value) {
    json_t *type = nullable ? json_pack("[s,s]", "string", "null") : json_string("string");
    return json_pack("{s:o, s:s, s:s, s:o, s:s, s:o}", "type", type, "title", title, "description",
                     description, "pattern", list_pattern(list), "default", default_value,
                     "x-allowedValues", string_array(list));
}

static json_t *enum_schema(const char *title, const char *description, const char *const *list,
                           const char *default_value) {
    return json_pack("{s:s, s:s, s:s, s:o, s:s}", "type", "string", "title", title, "description",
                     description, "enum", string_array(list), "default", default_value);
}

static json_t *url_schema(void) {
    return json_pack(
        "{s:s, s:s, s:s, s:i, s:s}", "type", "string", "title", "Application URL", "description",
        "The full URL of the web application, starting with https:// (http:// only for localhost and "
        "127.0.0.1 when the server runs with --allow-http-apps). No user name or password, spaces or "
        "control characters. {{gcHostOrigin}}, {{gcTargetEnv}}, {{gcLangTag}}, {{pcLangTag}} and "
        "{{pcEnvironment}} may appear in the path, query or fragment. Required before activation.",
        "maxLength", APP_URL_MAX_LENGTH, "pattern", URL_OR_EMPTY_PATTERN);
}

static json_t *groups_schema(void) {
    return json_pack("{s:s, s:s, s:s, s:{s:s, s:i}, s:b, s:i, s:[]}", "type", "array", "title",
                     "Select Groups", "description",
                     "Ids of the official groups whose members see the app.", "items", "type",
                     "string", "minLength", 1, "uniqueItems", 1, "maxItems", CLIENTAPP_GROUPS_MAX,
                     "default");
}

static json_t *properties_of_properties(void) {
    json_t *display = enum_schema("Application Type",
                                  "standalone: full frame, opened from a menu; widget: a tab of the "
                                  "sidebar Apps panel.",
                                  DISPLAY_TYPES, "standalone");
    json_t *category = enum_schema("Application Category",
                                   "The menu that lists a standalone app: \"\" Apps, directory "
                                   "Directory, contactCenterInsights Performance.",
                                   FEATURE_CATEGORIES, "");
    json_t *sandbox = list_schema("Iframe Sandbox Options",
                                  "Comma-separated iframe sandbox options, each at most once; empty "
                                  "means fully sandboxed.",
                                  CLIENTAPP_SANDBOX_TOKENS, 0, CLIENTAPP_DEFAULT_SANDBOX);
    json_t *permissions = list_schema("Iframe Permissions",
                                      "Comma-separated features the iframe may use (its allow "
                                      "attribute), each at most once.",
                                      CLIENTAPP_PERMISSION_FEATURES, 1, "");
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "url", url_schema(), "displayType", display,
                     "featureCategory", category, "sandbox", sandbox, "permissions", permissions,
                     "groups", groups_schema());
}

/* A JsonSchemaDocument; nothing is required when saving. */
static json_t *schema_document(const char *id, const char *title, const char *description,
                               json_t *properties) {
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:[], s:o, s:b}", "id", id, "$schema", SCHEMA_DRAFT,
                     "title", title, "description", description, "type", "object", "required",
                     "properties", properties, "additionalProperties", 0);
}

json_t *clientapp_properties_schema(void) {
    return schema_document(SCHEMA_ID_BASE "properties", "Custom Client Application",
                           "Configuration properties of a custom client application.",
                           properties_of_properties());
}

/* An object that may hold only `keys`, each described by a copy of `value`. */
static json_t *object_schema(const char *title, const char *const *keys, const json_t *value) {
    json_t *props = json_object();
    for (size_t i = 0; props && keys[i]; i++) {
        if (json_object_set_new(props, keys[i], json_deep_copy(value)) < 0) {
            json_decref(props);
            return NULL;
        }
    }
    return json_pack("{s:s, s:s, s:b, s:o}", "type", "object", "title", title,
                     "additionalProperties", 0, "properties", props);
}

static json_t *i10n_schema(void) {
    return json_pack(
        "{s:s, s:s, s:s, s:{s:s, s:i}, s:{s:s, s:[s], s:b, s:{s:{s:s, s:i, s:i, s:s}}}}", "type",
        "object", "title", "Localized names", "description",
        "The app's name in other languages, by language tag (e.g. \"fr\", \"en-us\").",
        "propertyNames", "pattern", LANG_TAG_PATTERN, "maxLength", LANG_TAG_MAX,
        "additionalProperties", "type", "object", "required", "name", "additionalProperties", 0,
        "properties", "name", "type", "string", "minLength", 1, "maxLength",
        CLIENTAPP_LOCALIZED_NAME_MAX, "pattern", NOT_BLANK_PATTERN);
}

static json_t *lifecycle_schema(void) {
    json_t *boolean = json_pack("{s:s}", "type", "boolean");
    json_t *hooks = object_schema("Lifecycle hooks sent to the app", HOOK_KEYS, boolean);
    json_decref(boolean);
    return json_pack("{s:s, s:s, s:b, s:{s:{s:s}, s:o}}", "type", "object", "title", "Lifecycle",
                     "additionalProperties", 0, "properties", "ephemeral", "type", "boolean",
                     "hooks", hooks);
}

static json_t *icon_schema(const char *title) {
    json_t *url = json_pack("{s:s, s:i, s:s}", "type", "string", "maxLength", APP_URL_MAX_LENGTH,
                            "pattern", URL_PATTERN);
    json_t *schema = url ? object_schema(title, ICON_KEYS, url) : NULL;
    json_decref(url);
    return schema;
}

json_t *clientapp_advanced_schema(void) {
    json_t *props = json_pack("{s:o, s:o, s:o, s:o}", "i10n", i10n_schema(), "lifecycle",
                              lifecycle_schema(), "icon", icon_schema("Icon"), "monochromicIcon",
                              icon_schema("Monochromic icon"));
    return schema_document(SCHEMA_ID_BASE "advanced", "Custom Client Application (advanced)",
                           "Advanced configuration of a custom client application.", props);
}
