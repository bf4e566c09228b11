/* Identifiers and secrets made from libsodium's random source. */
#ifndef PORTICO_LIB_IDS_H
#define PORTICO_LIB_IDS_H

#include <stddef.h>

#define UUID_LEN 36           /* without the terminating NUL */
#define SECRET_HEX_LEN 64     /* 32 random bytes as hex */
#define TOKEN_HASH_HEX_LEN 64 /* BLAKE2b-256 as hex */

/* Writes a random (version 4) UUID and its NUL into out[UUID_LEN + 1]. */
void ids_uuid(char out[UUID_LEN + 1]);

/* Writes 32 random bytes as lowercase hex, NUL-terminated. */
void ids_secret(char out[SECRET_HEX_LEN + 1]);

/* BLAKE2b-256 of a secret as hex: what is stored in place of a token. */
void ids_token_hash(const char *secret, char out[TOKEN_HASH_HEX_LEN + 1]);

/* 1 when s looks like a UUID (36 chars, hex and dashes at the right places). */
int ids_is_uuid(const char *s);

#endif
