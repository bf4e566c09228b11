/* GET /api/v2/openapi.json: an OpenAPI 3 description made from the route
 * table itself, so it lists exactly the endpoints that exist. */
#include "api/api.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static json_t *path_parameters(const char *pattern) {
    json_t *params = json_array();
    for (const char *p = strchr(pattern, '{'); p; p = strchr(p + 1, '{')) {
        const char *end = strchr(p, '}');
        if (!end) break;
        json_array_append_new(params, json_pack("{s:s%, s:s, s:b, s:{s:s}}", "name", p + 1, (size_t)(end - p - 1), "in",
                                                "path", "required", 1, "schema", "type", "string"));
    }
    return params;
}

static json_t *operation(const route *r) {
    char method[8];
    size_t i = 0;
    for (; r->method[i] && i < sizeof method - 1; i++) method[i] = (char)tolower((unsigned char)r->method[i]);
    method[i] = '\0';
    json_t *op = json_pack("{s:s, s:o, s:{s:{s:s}}}", "operationId", "", "parameters", path_parameters(r->pattern),
                           "responses", "default", "description", "ErrorBody on failure");
    json_object_set_new(op, "operationId", json_sprintf("%s %s", r->method, r->pattern));
    if (r->flags & ROUTE_PUBLIC) json_object_set_new(op, "security", json_array());
    if (r->permission) json_object_set_new(op, "x-permission", json_string(r->permission));
    if (r->flags & ROUTE_JSON_BODY)
        json_object_set_new(op, "requestBody", json_pack("{s:b, s:{s:{}}}", "required", 1, "content", "application/json"));
    return json_pack("{s:o}", method, op);
}

static int get_openapi(request *req) {
    json_t *paths = json_object();
    for (const route *r = api_routes(); r->method; r++) {
        json_t *item = json_object_get(paths, r->pattern);
        if (!item) json_object_set_new(paths, r->pattern, item = json_object());
        json_t *op = operation(r);
        json_object_update(item, op);
        json_decref(op);
    }
    return respond_json(req, 200, json_pack("{s:s, s:{s:s, s:s, s:s}, s:o, s:{s:{s:{s:s, s:s}, s:{s:s, s:s, s:s}}}}",
                                            "openapi", "3.0.3", "info", "title", "Portico API", "version", "1",
                                            "description", "Follows the Genesys Cloud Platform API v2; see docs/api.md",
                                            "paths", paths, "components", "securitySchemes", "bearer", "type", "http",
                                            "scheme", "bearer", "session", "type", "apiKey", "in", "cookie", "name",
                                            "portico_session"));
}

const route api_openapi_routes[] = {
    {"GET", "/api/v2/openapi.json", get_openapi, ROUTE_PUBLIC, NULL},
    {0},
};
