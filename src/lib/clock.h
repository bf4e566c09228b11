/* Wall-clock time as milliseconds since the epoch, and its ISO-8601 form. */
#ifndef PORTICO_LIB_CLOCK_H
#define PORTICO_LIB_CLOCK_H

#include <stdint.h>

#define ISO_TIME_LEN 24 /* 2026-12-04T16:05:49.123Z */

int64_t clock_now_ms(void);
int64_t clock_monotonic_us(void);

/* Formats ms as UTC "YYYY-MM-DDTHH:MM:SS.mmmZ" into out[ISO_TIME_LEN + 1]. */
void clock_iso8601(int64_t ms, char out[ISO_TIME_LEN + 1]);

#endif
