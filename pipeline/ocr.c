/*
** ocr.c — Tesseract on printed field crops.
*/
#include "ocr.h"

#include <leptonica/allheaders.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

/* Resolution the crops are given to Tesseract at. Its jpn model read the
** printed Mincho lines best at about 6 px/mm (a 4 mm line 24 px high):
** on public-1, 188/200 printed fields exact at 6 px/mm against 178 at
** 10 px/mm and 165 at 15 px/mm (build/shokai eval, before variant-kanji
** normalisation). */
#define OCR_RES 6.0

/* The confidence of a line whose two readings disagree: below any gate
** worth using, so the rules treat it as a doubt. */
#define OCR_DISAGREE_CONF 0.6

struct ocr {
	TessBaseAPI *jpn, *eng;
};

static TessBaseAPI *engine(const char *tessdata, const char *lang)
{
	TessBaseAPI *api = TessBaseAPICreate();
	/* Silence Tesseract's statistics on stderr; set at init to take effect. */
	char *vars[] = {"debug_file"};
	char *vals[] = {"/dev/null"};
	if (TessBaseAPIInit4(api, tessdata, lang, OEM_LSTM_ONLY, NULL, 0, vars, vals, 1, 0) != 0) {
		TessBaseAPIDelete(api);
		return NULL;
	}
	return api;
}

int ocr_new(const char *tessdata, ocr **out, char *err, size_t errlen)
{
	ocr *o = calloc(1, sizeof *o);
	if (!o) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	o->jpn = engine(tessdata, "jpn");
	o->eng = engine(tessdata, "eng");
	if (!o->jpn || !o->eng) {
		snprintf(err, errlen, "cannot load Tesseract models jpn and eng%s%s",
			 tessdata ? " from " : "", tessdata ? tessdata : "");
		ocr_free(o);
		return -1;
	}
	TessBaseAPISetVariable(o->eng, "tessedit_char_whitelist", "0123456789");
	*out = o;
	return 0;
}

void ocr_free(ocr *o)
{
	if (!o)
		return;
	if (o->jpn) {
		TessBaseAPIEnd(o->jpn);
		TessBaseAPIDelete(o->jpn);
	}
	if (o->eng) {
		TessBaseAPIEnd(o->eng);
		TessBaseAPIDelete(o->eng);
	}
	free(o);
}

/* Drop spaces (half and full width) and the line end. */
static void squeeze(const char *in, char *out, size_t n)
{
	size_t k = 0;
	for (const char *p = in; *p && k + 1 < n;) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			p++;
			continue;
		}
		if (!strncmp(p, "\xE3\x80\x80", 3)) { /* U+3000 */
			p += 3;
			continue;
		}
		out[k++] = *p++;
	}
	out[k] = 0;
}

/* The lowest symbol confidence of the last recognition, in [0, 1]: one
** wrong character makes the line wrong, so the line is as sure as its
** least sure character. */
static double min_symbol_conf(TessBaseAPI *api)
{
	TessResultIterator *it = TessBaseAPIGetIterator(api);
	if (!it)
		return 0;
	double lo = 1;
	int n = 0;
	TessPageIterator *pit = TessResultIteratorGetPageIterator(it);
	TessPageIteratorBegin(pit);
	do {
		char *sym = TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
		if (!sym)
			continue;
		TessDeleteText(sym);
		double c = TessResultIteratorConfidence(it, RIL_SYMBOL) / 100.0;
		lo = c < lo ? c : lo;
		n++;
	} while (TessResultIteratorNext(it, RIL_SYMBOL));
	TessResultIteratorDelete(it);
	return n ? (lo > 0 ? lo : 0) : 0;
}

/* Recognise crop (at res px/mm) after scaling it to at px/mm. */
static void ocr_at(ocr *o, PIX *crop, double res, double at, int digits, text_reading *r)
{
	PIX *img = fabs(res - at) > 0.1 ? pixScale(crop, (float)(at / res), (float)(at / res))
					: pixClone(crop);
	r->text[0] = 0;
	r->conf = 0;
	if (!img)
		return;
	TessBaseAPI *api = digits ? o->eng : o->jpn;
	TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE);
	pixSetResolution(img, (int)lround(at * 25.4), (int)lround(at * 25.4));
	TessBaseAPISetImage2(api, img);
	char *text = TessBaseAPIGetUTF8Text(api);
	if (text) {
		squeeze(text, r->text, sizeof r->text);
		TessDeleteText(text);
	}
	r->conf = r->text[0] ? min_symbol_conf(api) : 0;
	TessBaseAPIClear(api);
	pixDestroy(&img);
}

int ocr_line(ocr *o, PIX *gray, const mm_box *b, double res, int digits, int verify,
	     text_reading *r)
{
	memset(r, 0, sizeof *r);
	int x = (int)lround(b->x * res), y = (int)lround(b->y * res);
	int w = (int)lround(b->w * res), h = (int)lround(b->h * res);
	BOX *box = boxCreate(x, y, w, h);
	PIX *crop = pixClipRectangle(gray, box, NULL);
	boxDestroy(&box);
	if (!crop)
		return -1;
	/* An empty crop makes Tesseract invent text: look for ink first. */
	PIX *bin = pixThresholdToBinary(crop, 128);
	l_int32 ink = 0;
	pixCountPixels(bin, &ink, NULL);
	pixDestroy(&bin);
	r->present.value = ink > (int)(2.0 * res * res);
	r->present.conf = 0.9;
	if (!r->present.value) {
		pixDestroy(&crop);
		return 0;
	}
	/* Read twice, at OCR_RES and at the page's own resolution, and keep
	** the surer reading. Two readings that disagree (after dropping
	** spaces) mean the line is not sure, whatever Tesseract's confidence
	** says: it misreads look-alike kanji at 0.9 and more. */
	ocr_at(o, crop, res, OCR_RES, digits, r);
	if (!verify) {
		pixDestroy(&crop);
		return 0;
	}
	text_reading again = *r;
	ocr_at(o, crop, res, res, digits, &again);
	int agree = !strcmp(again.text, r->text);
	if (again.conf > r->conf)
		*r = again;
	if (!agree && r->conf > OCR_DISAGREE_CONF)
		r->conf = OCR_DISAGREE_CONF;
	pixDestroy(&crop);
	return 0;
}
