#include "api/api.h"
#include "core/input.h"

#include <stdio.h>
#include <string.h>

int api_paging(request *req, store_page *page) {
    field_errors errs;
    field_errors_init(&errs);
    if (input_parse_paging(request_query(req, "pageSize"), request_query(req, "pageNumber"), &page->page_size,
                           &page->page_number, &errs) != 0)
        return respond_field_errors(req, &errs);
    return -1;
}

static json_t *page_uri(const char *base, const char *extra, int size, int64_t number) {
    return json_sprintf("%s?pageSize=%d&pageNumber=%lld%s", base, size, (long long)number, extra);
}

json_t *api_listing(json_t *entities, int64_t total, store_page page, const char *base, const char *extra_query) {
    int64_t page_count = (total + page.page_size - 1) / page.page_size;
    json_t *list = json_pack("{s:o, s:i, s:i, s:I, s:I}", "entities", entities, "pageSize", page.page_size,
                             "pageNumber", page.page_number, "total", (json_int_t)total, "pageCount",
                             (json_int_t)page_count);
    json_object_set_new(list, "firstUri", page_uri(base, extra_query, page.page_size, 1));
    json_object_set_new(list, "selfUri", page_uri(base, extra_query, page.page_size, page.page_number));
    json_object_set_new(list, "lastUri", page_uri(base, extra_query, page.page_size, page_count ? page_count : 1));
    if (page.page_number < page_count)
        json_object_set_new(list, "nextUri", page_uri(base, extra_query, page.page_size, page.page_number + 1));
    if (page.page_number > 1 && page_count > 0)
        json_object_set_new(list, "previousUri",
                            page_uri(base, extra_query, page.page_size,
                                     page.page_number - 1 < page_count ? page.page_number - 1 : page_count));
    return list;
}

json_t *api_with_self_uri(json_t *entity, const char *prefix) {
    const char *id = json_string_value(json_object_get(entity, "id"));
    if (id) json_object_set_new(entity, "selfUri", json_sprintf("%s/%s", prefix, id));
    return entity;
}

int api_list_members(request *req, api_member_lister list, const char *prefix, const char *suffix, const char *what) {
    store_page page;
    int ret = api_paging(req, &page);
    if (ret >= 0) return ret;
    json_t *entities = NULL;
    int64_t total = 0;
    const char *id = request_param(req, 0);
    store_status s = list(req->cfg->st, req->caller.org_id, id, page, &entities, &total);
    if (s != STORE_OK) return respond_store_error(req, s, what);
    size_t i;
    json_t *u;
    json_array_foreach(entities, i, u) api_with_self_uri(u, "/api/v2/users");
    char base[160];
    snprintf(base, sizeof base, "%s/%s/%s", prefix, id, suffix);
    return respond_json(req, 200, api_listing(entities, total, page, base, ""));
}

int api_respond_unknown_user(request *req, const char *field, const json_t *ids, size_t index) {
    field_errors errs;
    field_errors_init(&errs);
    field_errors_add(&errs, field, "invalid.value", "%s[%zu]: no user %s in this organization", field, index,
                     json_string_value(json_array_get(ids, index)));
    return respond_field_errors(req, &errs);
}

int api_query_append(char *out, size_t len, const char *key, const char *value) {
    static const char hex[] = "0123456789ABCDEF";
    size_t used = strlen(out);
    int n = snprintf(out + used, len - used, "&%s=", key);
    if (n < 0 || (size_t)n >= len - used) return -1;
    used += (size_t)n;
    for (const unsigned char *s = (const unsigned char *)value; *s; s++) {
        if (used + 4 > len) return -1;
        int plain = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || strchr("-._~,", *s);
        if (plain) {
            out[used++] = (char)*s;
        } else {
            out[used++] = '%';
            out[used++] = hex[*s >> 4];
            out[used++] = hex[*s & 0x0f];
        }
    }
    out[used] = '\0';
    return 0;
}
