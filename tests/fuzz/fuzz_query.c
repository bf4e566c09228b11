/* Paths and query values: %XX decoding (request_unescape, which libmicrohttpd
 * calls for every path and query value), comma-separated id lists
 * (request_split_list, used by DELETE /api/v2/groups/{id}/members?ids=a,b) and
 * paging numbers (input_parse_paging). Input: "pageSize\npageNumber", and the
 * whole input as one path or list value. */
#include "core/input.h"
#include "http/request.h"
#include "fuzz_util.h"

static void check_list(const char *value) {
    json_t *items = json_array();
    request_split_list(value, items);
    size_t i, total = 0;
    json_t *item;
    json_array_foreach(items, i, item) {
        const char *s = json_string_value(item);
        FUZZ_ASSERT(s && *s && !strchr(s, ','));
        FUZZ_ASSERT(strstr(value, s) != NULL);
        total += strlen(s);
    }
    FUZZ_ASSERT(total <= strlen(value));
    json_decref(items);
}

/* Decoding never lengthens, never lets a NUL in, and leaves text without '%' alone. */
static void check_unescape(const char *raw) {
    char *s = fuzz_strndup((const uint8_t *)raw, strlen(raw));
    size_t n = request_unescape(s);
    FUZZ_ASSERT(n == strlen(s) && n <= strlen(raw));
    if (!strchr(raw, '%')) FUZZ_ASSERT(strcmp(s, raw) == 0);
    free(s);
}

static void check_paging(const char *size_text, const char *number_text) {
    field_errors errs;
    field_errors_init(&errs);
    int size = -1, number = -1;
    int rc = input_parse_paging(size_text, number_text, &size, &number, &errs);
    FUZZ_ASSERT(rc == 0 ? errs.count == 0 : errs.count > 0);
    if (rc == 0) FUZZ_ASSERT(size >= 1 && size <= PAGE_SIZE_MAX && number >= 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *whole = fuzz_strndup(data, size);
    check_list(whole);
    check_unescape(whole);
    free(whole);
    char *a, *b;
    fuzz_split(data, size, &a, &b);
    check_paging(a, b);
    check_paging(a, NULL);
    check_paging(NULL, b);
    free(a);
    free(b);
    return 0;
}
