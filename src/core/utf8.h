/* Text that ends up in a JSON answer must be valid UTF-8: jansson refuses to
 * build a string from anything else, and an error answer that cannot be built
 * is no answer at all. Messages quote what the caller sent (a path, a key) and
 * are cut to fit fixed buffers, possibly inside a multi-byte character. */
#ifndef PORTICO_CORE_UTF8_H
#define PORTICO_CORE_UTF8_H

/* Replaces, in place, every byte that is not part of a valid UTF-8 sequence
 * (stray, overlong, surrogate, beyond U+10FFFF, cut short) with '?'. */
void utf8_repair(char *s);

#endif
