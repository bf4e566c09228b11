/* GET /api/v2/audits: the org's audit trail, newest first, optionally for one entity. */
#include "api/api.h"

static int list_audits(request *req) {
    store_page page;
    int ret = api_paging(req, &page);
    if (ret >= 0) return ret;
    const char *entity_id = request_query(req, "entityId");
    char extra[512] = "";
    if (entity_id && api_query_append(extra, sizeof extra, "entityId", entity_id) != 0)
        return respond_error(req, 400, "invalid.value", "entityId: too long");
    json_t *entities = NULL;
    int64_t total = 0;
    store_status s = store_audit_list(req->cfg->st, req->caller.org_id, entity_id, page, &entities, &total);
    if (s != STORE_OK) return respond_store_error(req, s, "audit event");
    return respond_json(req, 200, api_listing(entities, total, page, "/api/v2/audits", extra));
}

const route api_audit_routes[] = {
    {"GET", "/api/v2/audits", list_audits, 0, "audits:audit:view"},
    {0},
};
