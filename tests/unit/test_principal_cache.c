/* The store's cache of principals: what goes in comes out whole, with its
 * stamp; expired entries are not returned; a full set gives up its least
 * recently used entry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "store/principal_cache.h"

#define NOW 1000000

/* A token hash: 64 hex characters. */
static void key_of(int n, char out[65]) { snprintf(out, 65, "%064x", n); }

static store_principal principal(const char *name, int64_t expires_at) {
    store_principal p = {0};
    snprintf(p.org_id, sizeof p.org_id, "org-1");
    snprintf(p.org_name, sizeof p.org_name, "Org");
    snprintf(p.user_id, sizeof p.user_id, "user-1");
    snprintf(p.name, sizeof p.name, "%s", name);
    snprintf(p.email, sizeof p.email, "someone@example.com");
    snprintf(p.language_tag, sizeof p.language_tag, "fr");
    snprintf(p.csrf_token, sizeof p.csrf_token, "csrf");
    p.expires_at = expires_at;
    p.org_revision = 7;
    p.role_ids = json_pack("[s, s]", "role-a", "role-b");
    p.group_ids = json_pack("[s]", "group-a");
    p.permissions = json_pack("[s, s, s]", "a:b:c", "d:e:f", "x:y:z");
    return p;
}

static void what_goes_in_comes_out(void **state) {
    (void)state;
    principal_cache *c = principal_cache_new(100);
    char key[65];
    key_of(1, key);
    store_principal in = principal("Ada", NOW + 1), out;
    principal_stamp stamp = {7, 3}, kept;
    assert_int_equal(principal_cache_get(c, key, NOW, &out, &kept), 0);
    principal_cache_put(c, key, &stamp, &in);
    assert_int_equal(principal_cache_get(c, key, NOW, &out, &kept), 1);
    assert_int_equal(kept.org_revision, 7);
    assert_int_equal(kept.principals_revision, 3);
    assert_string_equal(out.org_id, "org-1");
    assert_string_equal(out.name, "Ada");
    assert_string_equal(out.email, "someone@example.com");
    assert_string_equal(out.language_tag, "fr");
    assert_string_equal(out.csrf_token, "csrf");
    assert_string_equal(out.client_id, "");
    assert_int_equal(out.expires_at, NOW + 1);
    assert_int_equal(out.org_revision, 7);
    assert_true(json_equal(out.role_ids, in.role_ids));
    assert_true(json_equal(out.group_ids, in.group_ids));
    assert_true(json_equal(out.permissions, in.permissions));
    assert_ptr_not_equal(out.role_ids, in.role_ids); /* the caller's own arrays */
    store_principal_clear(&out);
    store_principal_clear(&in);
    principal_cache_free(c);
}

static void expired_entries_are_not_returned(void **state) {
    (void)state;
    principal_cache *c = principal_cache_new(100);
    char key[65];
    key_of(2, key);
    store_principal in = principal("Bob", NOW), out;
    principal_stamp stamp = {1, 1}, kept;
    principal_cache_put(c, key, &stamp, &in);
    assert_int_equal(principal_cache_get(c, key, NOW, &out, &kept), 0);
    assert_int_equal(principal_cache_get(c, key, NOW - 1, &out, &kept), 1);
    store_principal_clear(&out);
    store_principal_clear(&in);
    principal_cache_free(c);
}

static void a_put_replaces_and_a_full_set_drops_its_least_recently_used(void **state) {
    (void)state;
    principal_cache *c = principal_cache_new(1); /* one set */
    store_principal in = principal("Carol", NOW + 1), out;
    principal_stamp one = {1, 1}, two = {2, 1}, kept;
    char key[65];
    key_of(0, key);
    principal_cache_put(c, key, &one, &in);
    principal_cache_put(c, key, &two, &in); /* replaces */
    assert_int_equal(principal_cache_get(c, key, NOW, &out, &kept), 1);
    assert_int_equal(kept.org_revision, 2);
    store_principal_clear(&out);
    int n = 1;
    for (; n < 100; n++) { /* fill the set; key 0 stays the most recently used */
        key_of(n, key);
        principal_cache_put(c, key, &one, &in);
        key_of(0, key);
        if (!principal_cache_get(c, key, NOW, &out, &kept)) break;
        store_principal_clear(&out);
    }
    assert_true(n == 100);
    key_of(1, key); /* the oldest of the others: gone */
    assert_int_equal(principal_cache_get(c, key, NOW, &out, &kept), 0);
    key_of(99, key);
    assert_int_equal(principal_cache_get(c, key, NOW, &out, &kept), 1);
    store_principal_clear(&out);
    store_principal_clear(&in);
    principal_cache_free(c);
}

static void keys_that_are_not_token_hashes_are_not_kept(void **state) {
    (void)state;
    principal_cache *c = principal_cache_new(10);
    store_principal in = principal("Dan", NOW + 1), out;
    principal_stamp stamp = {1, 1}, kept;
    principal_cache_put(c, "short", &stamp, &in);
    assert_int_equal(principal_cache_get(c, "short", NOW, &out, &kept), 0);
    store_principal_clear(&in);
    principal_cache_free(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(what_goes_in_comes_out),
        cmocka_unit_test(expired_entries_are_not_returned),
        cmocka_unit_test(a_put_replaces_and_a_full_set_drops_its_least_recently_used),
        cmocka_unit_test(keys_that_are_not_token_hashes_are_not_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
