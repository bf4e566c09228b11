/* The files of web/, compiled into the binary by tools/embed. */
#ifndef PORTICO_HTTP_ASSETS_H
#define PORTICO_HTTP_ASSETS_H

#include <stddef.h>

typedef struct {
    const char *path; /* "/admin/index.html" */
    const char *content_type;
    const unsigned char *data;
    size_t len;
} asset;

extern const asset assets[]; /* ends with a zeroed entry */

/* The asset at exactly this path, or NULL. */
const asset *asset_find(const char *path);

#endif
