#include "lib/ids.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

void ids_uuid(char out[UUID_LEN + 1]) {
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    snprintf(out, UUID_LEN + 1,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
             b[13], b[14], b[15]);
}

void ids_secret(char out[SECRET_HEX_LEN + 1]) {
    unsigned char b[SECRET_HEX_LEN / 2];
    randombytes_buf(b, sizeof b);
    sodium_bin2hex(out, SECRET_HEX_LEN + 1, b, sizeof b);
}

void ids_token_hash(const char *secret, char out[TOKEN_HASH_HEX_LEN + 1]) {
    unsigned char h[TOKEN_HASH_HEX_LEN / 2];
    crypto_generichash(h, sizeof h, (const unsigned char *)secret, strlen(secret), NULL, 0);
    sodium_bin2hex(out, TOKEN_HASH_HEX_LEN + 1, h, sizeof h);
}

int ids_is_uuid(const char *s) {
    if (!s || strlen(s) != UUID_LEN) return 0;
    for (int i = 0; i < UUID_LEN; i++) {
        int dash = (i == 8 || i == 13 || i == 18 || i == 23);
        if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i])) return 0;
    }
    return 1;
}
