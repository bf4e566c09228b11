/* Shared by roles.c and groups.c: the SQL that differs between the two. */
#ifndef PORTICO_STORE_MEMBERSHIPS_H
#define PORTICO_STORE_MEMBERSHIPS_H

#include "store/store_internal.h"

typedef struct {
    const char *owner_exists; /* $1 org id, $2 owner id */
    const char *insert;       /* $1 owner id, $2 user id; a repeat changes nothing */
    const char *remove;       /* $1 owner id, $2 user id */
    const char *count;        /* $1 org id, $2 owner id: how many members */
    const char *page;         /* the same, then $3 LIMIT and $4 OFFSET: id, name, email */
} membership_sql;

/* One page of the owner's members; STORE_NOT_FOUND when the owner is not in the org. */
store_status store_members_list(store *st, const membership_sql *sql, const char *org_id, const char *owner_id,
                                store_page page, json_t **entities, int64_t *total);

/* Bad index: set to the position of the first user id not in the org. */
store_status store_members_change(store *st, const membership_sql *sql, const char *org_id, const char *owner_id,
                                  const json_t *user_ids, int add, size_t *bad_index);

/* A member as listed under a role or group: {id, name, email} of columns 0..2. */
json_t *store_member_json(const db_rows *r, int i);

#endif
