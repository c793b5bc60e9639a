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

/* Several readings of one printed line, each at another scale: Tesseract
** misreads a kanji at one scale and not at the next, so readings that
** agree are worth more than any one reading's confidence. */
#define OCR_MAX_READS 3
typedef struct {
	int n;                                /* readings taken */
	char text[OCR_MAX_READS][READ_TEXT_LEN]; /* spaces dropped; "" if none */
	double conf[OCR_MAX_READS];           /* lowest symbol confidence */
} ocr_reads;

/* Read one line inside box (mm) of the registered page. digits: the
** serial (eng, digits only); else Japanese. verify: read it several times
** (ocr_read_line + ocr_vote); else one reading (handwriting shown for
** review). Fills text and conf. */
int ocr_line(ocr *o, struct Pix *gray, const mm_box *box, double res, int digits,
	     int verify, text_reading *out);

/* The readings of a printed line, for the caller to tidy before the vote.
** Sets out->present (ink on the line); reads nothing on an empty line. */
int ocr_read_line(ocr *o, struct Pix *gray, const mm_box *box, double res, int digits,
		  text_reading *out, ocr_reads *reads);

/* Pool the readings into out: the text most readings gave (ties: the
** surest), its votes and the other texts (alt). A line read the same every
** time keeps its surest reading's confidence; any disagreement, or a
** reading that found nothing, caps it at OCR_DISAGREE_CONF. Pure. */
#define OCR_DISAGREE_CONF 0.6
void ocr_vote(const ocr_reads *reads, text_reading *out);

/* Whether the Japanese model can output code point c at all (from its
** character set; 1 for everything when the set could not be read). The
** signature fits char_known_fn (normalize.h), ctx being the ocr. */
int ocr_knows(void *o, long c);

#endif
