#include "core/integration_type.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/app_url.h"
#include "core/clientapp_config.h"
#include "core/json_check.h"
#include "core/json_schema.h"

#define INVALID "invalid.value"
#define MISSING "missing.value"
#define IMAGES_MAX 10
#define INSTANCES_MAX 10000
#define DEFAULT_SELF_BASE "/api/v2/integrations/types"

static const char *const MANIFEST_KEYS[] = {
    "id", "name", "description", "provider", "category", "vendorName", "vendorWebsiteUri",
    "helpUri", "termsOfServiceUri", "privacyPolicyUri", "supportContactUri", "salesContactUri",
    "faqUri", "marketplaceUri", "images", "license", "minimumLevel", "maxInstances",
    "propertiesSchema", "advancedSchema", NULL,
};
static const char *const IMAGE_KEYS[] = {"resolution", "imageUri", NULL};

typedef struct {
    const char *key;
    size_t max_chars;
    const char *missing_hint; /* NULL: optional */
} text_rule;

static const text_rule TEXT_RULES[] = {
    {"name", 200, "give the app type's name"},
    {"description", 2000, NULL},
    {"provider", 100, NULL},
    {"category", 100, NULL},
    {"vendorName", 200, NULL},
};

typedef struct {
    const char *key;
    int allows_mailto; /* contact links may be mailto: addresses */
} link_rule;

static const link_rule LINK_RULES[] = {
    {"vendorWebsiteUri", 0}, {"helpUri", 0},           {"termsOfServiceUri", 0},
    {"privacyPolicyUri", 0}, {"faqUri", 0},            {"marketplaceUri", 0},
    {"supportContactUri", 1}, {"salesContactUri", 1},
};

/* Optional strings copied to the API object, in the reference's order. */
static const char *const API_HEAD_FIELDS[] = {"name", "description", "provider", "category", NULL};
static const char *const API_LINK_FIELDS[] = {
    "helpUri", "termsOfServiceUri", "vendorName", "vendorWebsiteUri", "marketplaceUri", "faqUri",
    "privacyPolicyUri", "supportContactUri", "salesContactUri", NULL,
};

json_t *integration_type_builtin(void) {
    return json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[{s:s, s:s}], s:s, s:i}",
        "id", INTEGRATION_TYPE_BUILTIN_ID, "name", "Custom Client Application", "description",
        "Embeds third-party webapps via iframe", "provider", "clientapps", "category", "Client Apps",
        "vendorName", "Portico", "helpUri",
        "https://help.mypurecloud.com/articles/set-custom-client-application-integration/",
        "images", "resolution", "96x96", "imageUri", "/admin/img/client-app.svg", "license",
        "clientapps", "minimumLevel", 2);
}

/* ---- manifest checks ---- */

static int missing(const char *field, const char *hint, field_errors *errs) {
    field_errors_add(errs, field, MISSING, "%s: missing; %s", field, hint);
    return -1;
}

/* 1 when every character of s is in `allowed` and its length is lo..hi. */
static int is_word(const char *s, const char *allowed, size_t lo, size_t hi) {
    size_t n = strlen(s);
    return n >= lo && n <= hi && strspn(s, allowed) == n;
}

#define LOWER_DIGITS_DASH "abcdefghijklmnopqrstuvwxyz0123456789-"
#define KEY_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-"

static int check_word(const json_t *value, const char *field, const char *allowed, size_t lo,
                      size_t hi, const char *rule, field_errors *errs) {
    const char *s = json_check_string(value, field, errs);
    if (!s) return -1;
    if (is_word(s, allowed, lo, hi)) return 0;
    field_errors_add(errs, field, INVALID, "%s: must be %s", field, rule);
    return -1;
}

static int check_text(const json_t *manifest, const text_rule *rule, field_errors *errs) {
    char field[64];
    snprintf(field, sizeof field, "manifest.%s", rule->key);
    const json_t *value = json_object_get(manifest, rule->key);
    int required = rule->missing_hint != NULL;
    if (!value) return required ? missing(field, rule->missing_hint, errs) : 0;
    const char *s = json_check_string(value, field, errs);
    if (!s) return -1;
    if ((required && json_check_is_blank(s)) || json_check_char_count(s) > rule->max_chars) {
        field_errors_add(errs, field, INVALID, "%s: must be %s%zu characters", field,
                         required ? "1 to " : "at most ", rule->max_chars);
        return -1;
    }
    return 0;
}

/* A path on this server, such as "/admin/img/app.svg". */
static int is_site_path(const char *s) {
    if (s[0] != '/' || s[1] == '/' || strlen(s) > APP_URL_MAX_LENGTH) return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= ' ' || *p >= 0x7f || *p == '\\') return 0;
    return 1;
}

static int is_mailto(const char *s) {
    if (strncasecmp(s, "mailto:", 7) != 0) return 0;
    const char *at = strchr(s + 7, '@');
    if (!at) return 0;
    size_t local = (size_t)(at - s - 7);
    return local > 0 && strspn(s + 7, KEY_CHARS "%+") == local &&
           is_word(at + 1, KEY_CHARS, 1, 253);
}

static int is_https_url(const char *s) {
    field_errors ignored;
    field_errors_init(&ignored);
    return app_url_check(s, NULL, "", &ignored) == 0;
}

static int check_link(const json_t *value, const char *field, int allows_mailto, field_errors *errs) {
    const char *s = json_check_string(value, field, errs);
    if (!s) return -1;
    if (is_site_path(s) || is_https_url(s) || (allows_mailto && is_mailto(s))) return 0;
    field_errors_add(errs, field, INVALID, "%s: must be an https:// URL or a path starting with /%s",
                     field, allows_mailto ? ", or a mailto: address" : "");
    return -1;
}

static int check_links(const json_t *manifest, field_errors *errs) {
    int rc = 0;
    for (size_t i = 0; i < sizeof LINK_RULES / sizeof LINK_RULES[0]; i++) {
        const json_t *value = json_object_get(manifest, LINK_RULES[i].key);
        if (!value) continue;
        char field[64];
        snprintf(field, sizeof field, "manifest.%s", LINK_RULES[i].key);
        rc |= check_link(value, field, LINK_RULES[i].allows_mailto, errs);
    }
    return rc;
}

/* "WIDTHxHEIGHT", each 1..4 digits. */
static int is_resolution(const char *s) {
    size_t w = strspn(s, "0123456789");
    if (w < 1 || w > 4 || s[w] != 'x') return 0;
    return is_word(s + w + 1, "0123456789", 1, 4);
}

static int check_resolution(const json_t *value, const char *field, field_errors *errs) {
    if (!value) return missing(field, "give the image size such as \"96x96\"", errs);
    const char *s = json_check_string(value, field, errs);
    if (!s) return -1;
    if (is_resolution(s)) return 0;
    field_errors_add(errs, field, INVALID, "%s: must be WIDTHxHEIGHT such as \"96x96\"", field);
    return -1;
}

static int check_image(const json_t *image, size_t i, field_errors *errs) {
    char prefix[40], field[64];
    snprintf(prefix, sizeof prefix, "manifest.images[%zu]", i);
    if (!json_is_object(image)) {
        field_errors_add(errs, prefix, INVALID, "%s: must be an object {resolution, imageUri}", prefix);
        return -1;
    }
    int rc = json_check_known_keys(image, IMAGE_KEYS, prefix, errs) ? -1 : 0;
    snprintf(field, sizeof field, "%s.resolution", prefix);
    rc |= check_resolution(json_object_get(image, "resolution"), field, errs);
    snprintf(field, sizeof field, "%s.imageUri", prefix);
    const json_t *uri = json_object_get(image, "imageUri");
    rc |= uri ? check_link(uri, field, 0, errs) : missing(field, "give the image's URL", errs);
    return rc;
}

static int check_images(const json_t *images, field_errors *errs) {
    const char *f = "manifest.images";
    if (!images) return 0;
    if (!json_is_array(images) || json_array_size(images) > IMAGES_MAX) {
        field_errors_add(errs, f, INVALID, "%s: must be an array of at most %d {resolution, imageUri}",
                         f, IMAGES_MAX);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < json_array_size(images); i++)
        rc |= check_image(json_array_get(images, i), i, errs);
    return rc;
}

static int check_range(const json_t *value, const char *field, int lo, int hi, field_errors *errs) {
    json_int_t n = json_integer_value(value);
    if (json_is_integer(value) && n >= lo && n <= hi) return 0;
    field_errors_add(errs, field, INVALID, "%s: must be a whole number from %d to %d", field, lo, hi);
    return -1;
}

/* A schema of the subset core/json_schema.h validates, describing an object. */
static int check_schema(const json_t *schema, const char *field, field_errors *errs) {
    const char *type = json_string_value(json_object_get(schema, "type"));
    if (json_is_object(schema) && type && strcmp(type, "object") == 0)
        return json_schema_check_supported(schema, field, errs);
    field_errors_add(errs, field, INVALID,
                     "%s: must be a JSON Schema object whose \"type\" is \"object\"", field);
    return -1;
}

/* Both schemas or neither: a type without them is configured like a client app. */
static int check_schemas(const json_t *manifest, field_errors *errs) {
    const json_t *props = json_object_get(manifest, "propertiesSchema");
    const json_t *adv = json_object_get(manifest, "advancedSchema");
    const char *hint = "give propertiesSchema and advancedSchema together, or neither (then the type "
                       "is configured like a Custom Client Application)";
    int rc = 0;
    if (props) rc |= check_schema(props, "manifest.propertiesSchema", errs);
    if (adv) rc |= check_schema(adv, "manifest.advancedSchema", errs);
    if (props && !adv) rc = missing("manifest.advancedSchema", hint, errs);
    if (adv && !props) rc = missing("manifest.propertiesSchema", hint, errs);
    return rc;
}

static int check_required(const json_t *manifest, field_errors *errs) {
    const json_t *id = json_object_get(manifest, "id");
    const json_t *license = json_object_get(manifest, "license");
    const json_t *level = json_object_get(manifest, "minimumLevel");
    int rc = 0;
    rc |= id ? check_word(id, "manifest.id", LOWER_DIGITS_DASH, 3, 64,
                          "3 to 64 lowercase letters, digits or dashes", errs)
             : missing("manifest.id", "give the type a unique id such as \"acme-crm\"", errs);
    rc |= license ? check_word(license, "manifest.license", KEY_CHARS, 1, 64,
                               "a license key of 1 to 64 letters, digits, '.', '_' or '-'", errs)
                  : missing("manifest.license", "give the license key an organization needs", errs);
    rc |= level ? check_range(level, "manifest.minimumLevel", INTEGRATION_TYPE_LEVEL_MIN,
                              INTEGRATION_TYPE_LEVEL_MAX, errs)
                : missing("manifest.minimumLevel", "give the lowest subscription level (1 to 3)", errs);
    return rc;
}

int integration_type_manifest_validate(const json_t *manifest, field_errors *errs) {
    if (!json_is_object(manifest)) {
        field_errors_add(errs, "manifest", INVALID, "manifest: must be a JSON object");
        return -1;
    }
    int rc = json_check_known_keys(manifest, MANIFEST_KEYS, "manifest", errs) ? -1 : 0;
    rc |= check_required(manifest, errs);
    for (size_t i = 0; i < sizeof TEXT_RULES / sizeof TEXT_RULES[0]; i++)
        rc |= check_text(manifest, &TEXT_RULES[i], errs);
    rc |= check_links(manifest, errs);
    rc |= check_images(json_object_get(manifest, "images"), errs);
    const json_t *instances = json_object_get(manifest, "maxInstances");
    if (instances) rc |= check_range(instances, "manifest.maxInstances", 1, INSTANCES_MAX, errs);
    rc |= check_schemas(manifest, errs);
    return rc;
}

/* ---- API object ---- */

static int copy_fields(json_t *api, const json_t *manifest, const char *const *keys) {
    int rc = 0;
    for (size_t i = 0; keys[i]; i++) {
        const json_t *value = json_object_get(manifest, keys[i]);
        if (value) rc |= json_object_set_new(api, keys[i], json_deep_copy(value));
    }
    return rc;
}

static json_t *copy_or(const json_t *value, json_t *fallback) {
    if (!value) return fallback;
    json_decref(fallback);
    return json_deep_copy(value);
}

json_t *integration_type_to_api(const json_t *manifest, const char *self_base) {
    const char *id = json_string_value(json_object_get(manifest, "id"));
    json_t *api = id ? json_object() : NULL;
    if (!api) return NULL;
    const char *base = self_base ? self_base : DEFAULT_SELF_BASE;
    const json_t *instances = json_object_get(manifest, "maxInstances");
    int rc = json_object_set_new(api, "id", json_string(id));
    rc |= copy_fields(api, manifest, API_HEAD_FIELDS);
    rc |= json_object_set_new(api, "images", copy_or(json_object_get(manifest, "images"), json_array()));
    rc |= json_object_set_new(api, "configPropertiesSchemaUri",
                              json_sprintf("%s/%s/configschemas/properties", base, id));
    rc |= json_object_set_new(api, "configAdvancedSchemaUri",
                              json_sprintf("%s/%s/configschemas/advanced", base, id));
    rc |= copy_fields(api, manifest, API_LINK_FIELDS);
    rc |= json_object_set_new(api, "helpLinks", json_array());
    rc |= json_object_set_new(api, "credentials", json_object());
    rc |= json_object_set_new(api, "nonInstallable", json_false());
    if (instances) rc |= json_object_set_new(api, "maxInstances", json_deep_copy(instances));
    rc |= json_object_set_new(api, "userPermissions", json_array());
    rc |= json_object_set_new(api, "vendorOAuthClientIds", json_array());
    rc |= json_object_set_new(api, "selfUri", json_sprintf("%s/%s", base, id));
    if (rc == 0) return api;
    json_decref(api);
    return NULL;
}

/* ---- licensing ---- */

static int holds_license(const char *const *licenses, size_t n, const char *license) {
    for (size_t i = 0; i < n; i++)
        if (licenses[i] && strcmp(licenses[i], license) == 0) return 1;
    return 0;
}

static void explain(char *why, size_t len, const char *license, long long level, int org_level) {
    const char *tail = "Contact your sales representative.";
    if (license && level)
        snprintf(why, len, "This app needs the %s license and subscription level %lld or higher; "
                 "your organization has level %d and no %s license. %s",
                 license, level, org_level, license, tail);
    else if (license)
        snprintf(why, len, "This app needs the %s license; your organization has no %s license. %s",
                 license, license, tail);
    else
        snprintf(why, len, "This app needs subscription level %lld or higher; your organization "
                 "has level %d. %s", level, org_level, tail);
}

int integration_type_installable(const json_t *manifest, int org_level,
                                 const char *const *org_licenses, size_t n_licenses, char *why,
                                 size_t why_len) {
    const char *license = json_string_value(json_object_get(manifest, "license"));
    long long level = (long long)json_integer_value(json_object_get(manifest, "minimumLevel"));
    const char *missing_license =
        (license && *license && !holds_license(org_licenses, n_licenses, license)) ? license : NULL;
    long long missing_level = org_level < level ? level : 0;
    if (why && why_len) why[0] = '\0';
    if (!missing_license && !missing_level) return 1;
    if (why && why_len) explain(why, why_len, missing_license, missing_level, org_level);
    return 0;
}

/* ---- configuration ---- */

int integration_type_uses_clientapp_config(const json_t *manifest) {
    const char *id = json_string_value(json_object_get(manifest, "id"));
    return (id && strcmp(id, INTEGRATION_TYPE_BUILTIN_ID) == 0) ||
           !json_object_get(manifest, "propertiesSchema");
}

static json_t *type_schema(const json_t *manifest, const char *key, json_t *(*clientapp_schema)(void)) {
    const json_t *own = json_object_get(manifest, key);
    if (integration_type_uses_clientapp_config(manifest) || !own) return clientapp_schema();
    return json_deep_copy(own);
}

json_t *integration_type_properties_schema(const json_t *manifest) {
    return type_schema(manifest, "propertiesSchema", clientapp_properties_schema);
}

json_t *integration_type_advanced_schema(const json_t *manifest) {
    return type_schema(manifest, "advancedSchema", clientapp_advanced_schema);
}
