/* GET /healthz: 200 when the database answers, for load balancers. */
#include "api/api.h"

static int get_health(request *req) {
    store_status s = store_ping(req->cfg->st);
    if (s != STORE_OK) return respond_store_error(req, s, "database");
    return respond_json(req, 200, json_pack("{s:s}", "status", "ok"));
}

const route api_health_routes[] = {
    {"GET", "/healthz", get_health, ROUTE_PUBLIC, NULL},
    {0},
};
