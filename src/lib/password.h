/* Password hashing with argon2id (libsodium), at most a few at once so that a
 * burst of logins cannot starve the server: each hash takes ~64 MiB and ~65 ms. */
#ifndef PORTICO_LIB_PASSWORD_H
#define PORTICO_LIB_PASSWORD_H

#include <stddef.h>

#define PASSWORD_HASH_LEN 128 /* crypto_pwhash_STRBYTES */

int password_init(void); /* sodium_init and the concurrency cap; 0 on success */
/* 0 on success; out holds the encoded hash. */
int password_hash(const char *password, char out[PASSWORD_HASH_LEN]);
/* 1 when password matches hash. A NULL or empty hash still costs one hash, so
 * that unknown accounts take as long as known ones. */
int password_verify(const char *password, const char *hash);

#endif
