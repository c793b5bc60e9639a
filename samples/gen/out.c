/*
** out.c — page writers on top of Leptonica.
*/
#include "out.h"

#include <stdio.h>

const char *fmt_name(file_format f)
{
	switch (f) {
	case FMT_TIFF_G4: return "tiff-g4";
	case FMT_TIFF_JPEG: return "tiff-jpeg";
	case FMT_TIFF_LZW: return "tiff-lzw";
	case FMT_PNG: return "png";
	case FMT_JPEG: return "jpeg";
	case FMT_PNM: return "pnm";
	}
	return "?";
}

const char *fmt_ext(file_format f, int depth)
{
	switch (f) {
	case FMT_TIFF_G4:
	case FMT_TIFF_JPEG:
	case FMT_TIFF_LZW: return "tif";
	case FMT_PNG: return "png";
	case FMT_JPEG: return "jpg";
	case FMT_PNM: return depth == 1 ? "pbm" : depth == 8 ? "pgm" : "ppm";
	}
	return "bin";
}

int fmt_multipage(file_format f)
{
	return f == FMT_TIFF_G4 || f == FMT_TIFF_JPEG || f == FMT_TIFF_LZW;
}

int out_page(const char *path, PIX *pix, file_format f, int page, int quality,
	     char *err, size_t errlen)
{
	int rc = 1;
	const char *mode = page == 0 ? "w" : "a";
	switch (f) {
	case FMT_TIFF_G4:
		rc = pixWriteTiff(path, pix, IFF_TIFF_G4, mode);
		break;
	case FMT_TIFF_JPEG:
		l_jpegSetQuality(quality);
		rc = pixWriteTiff(path, pix, IFF_TIFF_JPEG, mode);
		break;
	case FMT_TIFF_LZW:
		rc = pixWriteTiff(path, pix, IFF_TIFF_LZW, mode);
		break;
	case FMT_PNG:
		/* zlib level 1: level 6 costs seconds on a colour page */
		pixSetZlibCompression(pix, 1);
		rc = pixWrite(path, pix, IFF_PNG);
		break;
	case FMT_JPEG:
		rc = pixWriteJpeg(path, pix, quality, 0);
		break;
	case FMT_PNM:
		rc = pixWrite(path, pix, IFF_PNM);
		break;
	}
	if (rc != 0) {
		snprintf(err, errlen, "cannot write %s (%s)", path, fmt_name(f));
		return -1;
	}
	return 0;
}
