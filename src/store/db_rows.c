/* The driver-independent half of db.h: reading and freeing copied rows. */
#include "store/db.h"

#include <stdlib.h>

const char *db_text(const db_rows *r, int row, int col) {
    const char *s = r->cells[row * r->ncols + col];
    return s ? s : "";
}

int db_is_null(const db_rows *r, int row, int col) { return r->cells[row * r->ncols + col] == NULL; }

int64_t db_int(const db_rows *r, int row, int col) {
    const char *s = r->cells[row * r->ncols + col];
    return s ? strtoll(s, NULL, 10) : 0;
}

void db_rows_free(db_rows *r) {
    if (!r) return;
    for (int i = 0; i < r->nrows * r->ncols; i++) free(r->cells[i]);
    free(r->cells);
    free(r);
}
