#include "http/assets.h"

#include <string.h>

const asset *asset_find(const char *path) {
    for (const asset *a = assets; a->path; a++)
        if (strcmp(a->path, path) == 0) return a;
    return NULL;
}
