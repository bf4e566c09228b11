#include "core/utf8.h"

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s, or 0 when s does not start one. */
static size_t sequence_length(const unsigned char *s) {
    unsigned char c = s[0];
    size_t n;
    unsigned long cp;
    if (c < 0x80) return 1;
    if (c >= 0xc2 && c <= 0xdf) n = 2, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef) n = 3, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4) n = 4, cp = c & 0x07;
    else return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80) return 0; /* also stops at the terminating NUL */
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    int overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    int surrogate = cp >= 0xd800 && cp <= 0xdfff;
    return overlong || surrogate || cp > 0x10ffff ? 0 : n;
}

void utf8_repair(char *s) {
    unsigned char *p = (unsigned char *)s;
    while (*p) {
        size_t n = sequence_length(p);
        if (n == 0) *p++ = '?';
        else p += n;
    }
}
