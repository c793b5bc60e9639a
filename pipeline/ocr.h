/*
** ocr.h — printed text with the Tesseract C API, on field crops only.
**
** One engine per language, initialised once and reused (Init costs
** 100-250 ms). Set OMP_THREAD_LIMIT=1 in the environment before the
** process starts: Tesseract's OpenMP threads only slow small crops down.
*/
#ifndef SHOKAI_OCR_H
#define SHOKAI_OCR_H

#include <stddef.h>

#include "model.h"
#include "readings.h"

struct Pix;
typedef struct ocr ocr;

/* tessdata: the folder with jpn/eng.traineddata, or NULL for the default. */
int ocr_new(const char *tessdata, ocr **out, char *err, size_t errlen);
void ocr_free(ocr *o);

/* Read one line inside box (mm) of the registered page. digits: the
** serial (eng, digits only); else Japanese. verify: read it at two
** resolutions and distrust it when they disagree (printed data that the
** rules compare); else one reading (handwriting shown for review).
** Fills text and conf. */
int ocr_line(ocr *o, struct Pix *gray, const mm_box *box, double res, int digits,
	     int verify, text_reading *out);

#endif
