/* Helpers every resource handler uses: paging and listings in the public
 * API's shape, and the routes of each resource file. */
#ifndef PORTICO_API_API_H
#define PORTICO_API_API_H

#include "http/request.h"
#include "http/response.h"
#include "http/router.h"

/* Reads pageSize/pageNumber; on bad values answers 400 and returns its result, else -1. */
int api_paging(request *req, store_page *page);

/* {entities, pageSize, pageNumber, total, pageCount, firstUri, selfUri, lastUri, nextUri?, previousUri?}.
 * base is the path; extra_query (may be "") is appended to every URI. Steals entities. */
json_t *api_listing(json_t *entities, int64_t total, store_page page, const char *base, const char *extra_query);

/* Appends "&key=value" to the string in out (len bytes), value percent-encoded
 * (RFC 3986 unreserved characters and ',' kept). 0, or -1 when it does not fit. */
int api_query_append(char *out, size_t len, const char *key, const char *value);

/* Sets entity.selfUri = prefix + "/" + entity.id. Returns entity. */
json_t *api_with_self_uri(json_t *entity, const char *prefix);

/* Lists the users of a role or group named by the first path parameter: the
 * store function to call, the listing's path suffix and what to call the owner. */
typedef store_status (*api_member_lister)(store *st, const char *org_id, const char *owner_id, store_page page,
                                          json_t **entities, int64_t *total);
int api_list_members(request *req, api_member_lister list, const char *prefix, const char *suffix, const char *what);

/* The 400 for a role or group change whose ids[index] is no user of the
 * caller's org; details name field. */
int api_respond_unknown_user(request *req, const char *field, const json_t *ids, size_t index);

/* Each resource file's routes, gathered by routes.c. */
extern const route api_health_routes[];
extern const route api_session_routes[];
extern const route api_user_routes[];
extern const route api_group_routes[];
extern const route api_role_routes[];
extern const route api_web_routes[];
extern const route api_openapi_routes[];
extern const route api_clientapp_routes[];
extern const route api_type_routes[];
extern const route api_integration_config_routes[];
extern const route api_integration_routes[];
extern const route api_audit_routes[];
extern const route api_shell_routes[];

/* The whole table, ends with a zeroed route. */
const route *api_routes(void);

#endif
