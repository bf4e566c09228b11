#include "lib/password.h"

#include <semaphore.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

static sem_t hashing_slots;
static char dummy_hash[PASSWORD_HASH_LEN];

static int hash_now(const char *password, char out[PASSWORD_HASH_LEN]) {
    return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

int password_init(void) {
    if (sodium_init() < 0) return -1;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (sem_init(&hashing_slots, 0, cores > 0 ? (unsigned)cores : 2) != 0) return -1;
    return hash_now("not a real password", dummy_hash) == 0 ? 0 : -1;
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
