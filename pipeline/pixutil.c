/*
** pixutil.c — wiping and private writing of page images.
*/
#include "pixutil.h"

#include <errno.h>
#include <fcntl.h>
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void pix_wipe_destroy(PIX **pp)
{
	if (!pp || !*pp)
		return;
	PIX *p = *pp;
	if (pixGetRefcount(p) == 1 && pixGetData(p))
		explicit_bzero(pixGetData(p),
			       (size_t)pixGetWpl(p) * (size_t)pixGetHeight(p) * 4);
	pixDestroy(pp);
}

int pix_make_private_dir(const char *path)
{
	char buf[4096];
	snprintf(buf, sizeof buf, "%s", path);
	for (char *s = buf + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return -1;
		*s = '/';
	}
	return mkdir(buf, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

int pix_write_private_png(const char *path, PIX *pix)
{
	l_uint8 *data = NULL;
	size_t size = 0;
	pixSetZlibCompression(pix, 1);
	if (pixWriteMem(&data, &size, pix, IFF_PNG) != 0)
		return -1;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	int rc = -1;
	if (fd >= 0) {
		rc = write(fd, data, size) == (ssize_t)size ? 0 : -1;
		if (close(fd) != 0)
			rc = -1;
	}
	lept_free(data);
	return rc;
}
