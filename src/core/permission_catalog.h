/* The permissions Portico checks, for the admin UI's role editor. */
#ifndef PORTICO_CORE_PERMISSION_CATALOG_H
#define PORTICO_CORE_PERMISSION_CATALOG_H

#include <jansson.h>

/* [{domain, entityName, actions: [...]}], new reference. */
json_t *permission_catalog(void);

#endif
