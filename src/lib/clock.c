#include "lib/clock.h"

#include <stdio.h>
#include <time.h>

int64_t clock_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t clock_monotonic_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void clock_iso8601(int64_t ms, char out[ISO_TIME_LEN + 1]) {
    time_t secs = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    size_t n = strftime(out, ISO_TIME_LEN + 1, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + n, ISO_TIME_LEN + 1 - n, ".%03uZ", (unsigned)(ms % 1000) % 1000u);
}
