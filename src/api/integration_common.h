/* Small pieces the integration handlers share. */
#ifndef PORTICO_API_INTEGRATION_COMMON_H
#define PORTICO_API_INTEGRATION_COMMON_H

#include "http/request.h"

/* Who is acting, for history and audit. Borrows from req. */
store_actor integration_actor(const request *req);

/* Sends the Integration view of record (stolen). */
int respond_integration(request *req, int status, json_t *record);

/* The Integration views of records (borrowed), types looked up once each. */
json_t *integration_views(store *st, const json_t *records);

/* Joins ids (array of strings, each an id of at most 40 characters) with
 * commas into out; -1 when there are more than 100 or they do not fit. */
int integration_ids_csv(const json_t *ids, char *out, size_t len);

#endif
