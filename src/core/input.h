/* Checks of plain input fields shared by several resources: names, e-mail
 * addresses, language tags, passwords, paging. Each adds a problem naming the
 * field to errs and returns -1, or returns 0. */
#ifndef PORTICO_CORE_INPUT_H
#define PORTICO_CORE_INPUT_H

#include "core/field_errors.h"

#include <jansson.h>

#define NAME_MAX_LEN 256
#define DESCRIPTION_MAX_LEN 2000
#define PASSWORD_MIN_LEN 8
#define PASSWORD_MAX_LEN 256
#define PAGE_SIZE_DEFAULT 25
#define PAGE_SIZE_MAX 500

/* A required string member of obj: present, a string, passing the check.
 * Returns the string (borrowed from obj) or NULL after adding a problem. */
const char *input_required_string(const json_t *obj, const char *key, field_errors *errs);
/* An optional string member: NULL when absent; a non-string is a problem. */
const char *input_optional_string(const json_t *obj, const char *key, int *bad, field_errors *errs);

/* 1..256 characters with no control characters, not only spaces. */
int input_check_name(const char *field, const char *value, field_errors *errs);
int input_check_description(const char *field, const char *value, field_errors *errs);
/* local@domain with a dot in the domain, no spaces, <= 254. */
int input_check_email(const char *field, const char *value, field_errors *errs);
int input_check_password(const char *field, const char *value, field_errors *errs);
/* BCP-47-ish: letters and digits in parts of 1..8 separated by '-', <= 35. */
int input_check_language_tag(const char *field, const char *value, field_errors *errs);
int input_check_group_type(const char *field, const char *value, field_errors *errs);
/* Rejects unknown keys: allowed is a NULL-terminated list. */
int input_check_keys(const json_t *obj, const char *const *allowed, const char *prefix, field_errors *errs);

/* An array of 1..max id strings (each 1..64 characters, no duplicates). */
int input_check_id_list(const char *field, const json_t *ids, size_t max, field_errors *errs);

/* Parses pageSize/pageNumber query values (NULL: default). */
int input_parse_paging(const char *page_size, const char *page_number, int *size_out, int *number_out,
                       field_errors *errs);

/* Copies an e-mail lower-cased into out (len bytes). */
void input_lowercase(const char *in, char *out, size_t len);

#endif
