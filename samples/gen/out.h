/*
** out.h — writing scanned pages the way scanners and their drivers store
** them: multi-page TIFF (Group 4 for bitonal, JPEG or LZW for grey and
** colour), PNG, JPEG and PNM.
*/
#ifndef SHOKAI_GEN_OUT_H
#define SHOKAI_GEN_OUT_H

#include <leptonica/allheaders.h>
#include <stddef.h>

typedef enum {
	FMT_TIFF_G4,
	FMT_TIFF_JPEG,
	FMT_TIFF_LZW,
	FMT_PNG,
	FMT_JPEG,
	FMT_PNM
} file_format;

const char *fmt_name(file_format f);    /* "tiff-g4", ... */
const char *fmt_ext(file_format f, int depth); /* "tif", "png", "jpg", "pbm"/"pgm"/"ppm" */
int fmt_multipage(file_format f);

/* Write pix as page `page` (0 = create the file) of path. quality is the
** JPEG quality for FMT_JPEG and FMT_TIFF_JPEG. Returns 0 or -1. */
int out_page(const char *path, PIX *pix, file_format f, int page, int quality,
	     char *err, size_t errlen);

#endif
