/* How an integration record from the store is shown through the API: the
 * public Integration, IntegrationConfiguration and ClientApp shapes. */
#ifndef PORTICO_API_INTEGRATION_VIEW_H
#define PORTICO_API_INTEGRATION_VIEW_H

#include <jansson.h>

#define INTEGRATIONS "/api/v2/integrations"

/* IntegrationConfiguration of the record (new reference). */
json_t *integration_view_config(const json_t *record);
/* Integration; type is the manifest's API form (borrowed; may be NULL). New reference. */
json_t *integration_view(const json_t *record, const json_t *type);
/* ClientApp: an Integration whose config also has `effective` (defaults applied). */
json_t *integration_view_clientapp(const json_t *record, const json_t *type);

#endif
