/*
** pixutil.c — wiping and private writing of page images.
*/
#include "pixutil.h"
#include "fsutil.h"

#include <leptonica/allheaders.h>
#include <string.h>

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

int pix_write_private_png(const char *path, PIX *pix)
{
	l_uint8 *data = NULL;
	size_t size = 0;
	pixSetZlibCompression(pix, 1);
	if (pixWriteMem(&data, &size, pix, IFF_PNG) != 0)
		return -1;
	char err[256];
	int rc = fs_write_atomic(path, data, size, 0600, err, sizeof err);
	lept_free(data);
	return rc;
}
