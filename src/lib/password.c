#include "lib/password.h"

#include <semaphore.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#define OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

static sem_t hashing_slots;

/* What an unknown account is checked against, so that it costs a whole hash
 * too: an argon2id hash made with OPSLIMIT and MEMLIMIT (of a password no one
 * uses). A constant rather than made at start-up, which took 65 ms and 64 MiB. */
static const char dummy_hash[PASSWORD_HASH_LEN] = "$argon2id$v=19$m=65536,t=2,p=1$t+kBX2Yxk2c/4QEQPDgFWA$"
                                 "usA3nJwj74j+FlUkMFlLvN0j+g9Abe9Iiy4HQNIB4C4";

static int hash_now(const char *password, char out[PASSWORD_HASH_LEN]) {
    return crypto_pwhash_str(out, password, strlen(password), OPSLIMIT, MEMLIMIT);
}

int password_init(void) {
    if (sodium_init() < 0) return -1;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (sem_init(&hashing_slots, 0, cores > 0 ? (unsigned)cores : 2) != 0) return -1;
    /* Made with the costs in use, or unknown accounts would answer faster than known ones. */
    return crypto_pwhash_str_needs_rehash(dummy_hash, OPSLIMIT, MEMLIMIT) == 0 ? 0 : -1;
}

int password_hash(const char *password, char out[PASSWORD_HASH_LEN]) {
    sem_wait(&hashing_slots);
    int rc = hash_now(password, out);
    sem_post(&hashing_slots);
    return rc;
}

int password_verify(const char *password, const char *hash) {
    int known = hash && *hash;
    sem_wait(&hashing_slots);
    int ok = crypto_pwhash_str_verify(known ? hash : dummy_hash, password, strlen(password)) == 0;
    sem_post(&hashing_slots);
    return known && ok;
}
