/* utf8_repair and what relies on it: every field error can go into a JSON
 * ErrorBody, even when a message quoting the input is cut inside a character. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/field_errors.h"
#include "core/input.h"
#include "core/utf8.h"

static void repair(const char *in, const char *want) {
    char buf[64];
    snprintf(buf, sizeof buf, "%s", in);
    utf8_repair(buf);
    assert_string_equal(buf, want);
}

static void valid_text_is_left_alone(void **state) {
    (void)state;
    repair("plain ascii", "plain ascii");
    repair("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
}

static void invalid_bytes_become_question_marks(void **state) {
    (void)state;
    repair("a\xff" "b", "a?b");
    repair("cut \xc3", "cut ?");                 /* a character cut short at the end */
    repair("\xe2\x82", "??");
    repair("\xc0\xaf", "??");                    /* overlong '/' */
    repair("\xed\xa0\x80", "???");               /* a UTF-16 surrogate */
    repair("\xf4\x90\x80\x80", "????");          /* beyond U+10FFFF */
    repair("\x80lone", "?lone");
}

/* An unknown key of 200 two-byte characters: the message (256 bytes) and the
 * field name (96 bytes) are cut inside a character, and must still be JSON. */
static void a_long_multibyte_key_still_makes_a_sendable_error(void **state) {
    (void)state;
    char key[512] = "";
    for (int i = 0; i < 200; i++) strcat(key, "\xc3\xa9");
    json_t *body = json_pack("{s:i}", key, 1);
    static const char *const allowed[] = {"name", NULL};
    field_errors errs;
    field_errors_init(&errs);
    assert_int_equal(input_check_keys(body, allowed, "", &errs), -1);
    json_t *sendable = json_pack("{s:s, s:s}", "field", errs.items[0].field, "message", errs.items[0].message);
    assert_non_null(sendable);
    json_decref(sendable);
    json_decref(body);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_text_is_left_alone),
        cmocka_unit_test(invalid_bytes_become_question_marks),
        cmocka_unit_test(a_long_multibyte_key_still_makes_a_sendable_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
