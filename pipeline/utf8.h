/*
** utf8.h — the one UTF-8 decoder of the pipeline.
**
** OCR output, registry rows and the QR payload all arrive as bytes; the
** checks compare code points. A decoder that let an overlong form through
** would turn C0 80 into a NUL inside a name (and a name cut there compares
** equal to a shorter one), so every module decodes through this one.
*/
#ifndef SHOKAI_UTF8_H
#define SHOKAI_UTF8_H

#include <stddef.h>

/* The character at s, of the n bytes available: returns its length in
** bytes (1-4) and sets *cp, or returns 0 when s does not start with a
** well-formed character (a stray or missing continuation byte, a sequence
** cut short by n, an overlong form, a surrogate, past U+10FFFF) or n is 0.
** A NUL byte decodes as code point 0 (length 1): callers decide about it. */
int utf8_next(const unsigned char *s, size_t n, long *cp);

/* The code points of the NUL-terminated string in: returns their number,
** or -1 when it is not well-formed UTF-8 or holds more than max. */
int utf8_decode(const char *in, long *cp, int max);

/* Code points cp[from, to) as UTF-8 into out, NUL-terminated: returns the
** length in bytes, or -1 when out is too small. */
int utf8_encode(const long *cp, int from, int to, char *out, size_t outlen);

#endif
