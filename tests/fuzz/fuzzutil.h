/*
** fuzzutil.h — what the fuzz targets share: a property that must hold
** (abort, so libFuzzer keeps the input), and the input as a file for the
** loaders that read one.
*/
#ifndef SHOKAI_FUZZUTIL_H
#define SHOKAI_FUZZUTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static inline void check(int ok)
{
	if (!ok)
		abort();
}

/* Write data to a new file made from tmpl (ending in XXXXXX, rewritten in
** place with the name); returns 0, or -1 with no file left behind. */
static inline int write_temp(char *tmpl, const uint8_t *data, size_t size)
{
	int fd = mkstemp(tmpl);
	if (fd < 0)
		return -1;
	FILE *fp = fdopen(fd, "wb");
	if (!fp) {
		close(fd);
		unlink(tmpl);
		return -1;
	}
	int ok = fwrite(data, 1, size, fp) == size;
	if (fclose(fp) != 0 || !ok) {
		unlink(tmpl);
		return -1;
	}
	return 0;
}

#endif
