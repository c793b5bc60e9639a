/*
** ocr.c — Tesseract on printed field crops.
*/
#include "ocr.h"
#include "utf8.h"

#include <leptonica/allheaders.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

/* Scales (px/mm) a printed line is read at. Tesseract's jpn model reads
** the printed Mincho lines best at 5-7 px/mm (a 4 mm line 20-28 px high);
** at the page's 10 px/mm it misreads names far more often. Measured on
** the printed address and name of public-1 and 191 generated pages (one
** reading each, exact after normalisation): 5 → 37+39/40 and 154+185/191,
** 6 → 35+38 and 153+179, 7 → 36+34 and 154+180, 10 → 33+30 and 149+157.
** Three readings that err at different places make a vote. */
static const double read_res[OCR_MAX_READS] = {6.0, 5.0, 7.0};

/* Section of a traineddata file that holds the LSTM character set
** (TessdataType TESSDATA_LSTM_UNICHARSET). */
#define LSTM_UNICHARSET_ENTRY 21

struct ocr {
	TessBaseAPI *jpn, *eng;
	long *chars; /* code points the jpn model can output, sorted */
	size_t nchars;
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

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

/* One UTF-8 character alone in s (n bytes), or -1. */
static long single_cp(const char *s, size_t n)
{
	long c;
	int len = utf8_next((const unsigned char *)s, n, &c);
	return len > 0 && (size_t)len == n ? c : -1;
}

/* Read the jpn model's character set from its traineddata file: a count
** of sections, their offsets (int64, -1 when absent), then the sections;
** the LSTM character set is text, one "char properties…" per line. A
** model we cannot read leaves the set empty (every character "known"). */
static void load_charset(ocr *o, const char *tessdata)
{
	char path[4096];
	const char *dir = tessdata ? tessdata : TessBaseAPIGetDatapath(o->jpn);
	if (!dir)
		return;
	snprintf(path, sizeof path, "%s/jpn.traineddata", dir);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return;
	int32_t n = 0;
	int64_t off[64];
	char *buf = NULL;
	long size = 0;
	if (fread(&n, sizeof n, 1, fp) != 1 || n <= LSTM_UNICHARSET_ENTRY || n > 64 ||
	    fread(off, sizeof off[0], (size_t)n, fp) != (size_t)n || fseek(fp, 0, SEEK_END) != 0 ||
	    (size = ftell(fp)) <= 0)
		goto out;
	int64_t start = off[LSTM_UNICHARSET_ENTRY], end = size;
	if (start <= 0 || start >= size)
		goto out;
	for (int i = 0; i < n; i++)
		if (off[i] > start && off[i] < end)
			end = off[i];
	if (end - start > (1 << 22) || !(buf = malloc((size_t)(end - start) + 1)) ||
	    fseek(fp, (long)start, SEEK_SET) != 0 ||
	    fread(buf, 1, (size_t)(end - start), fp) != (size_t)(end - start))
		goto out;
	buf[end - start] = 0;
	size_t cap = 0;
	char *line = strchr(buf, '\n'); /* the first line is the count */
	while (line && *++line) {
		size_t k = strcspn(line, " \n");
		long c = single_cp(line, k);
		if (c > 0) {
			if (o->nchars == cap) {
				cap = cap ? 2 * cap : 4096;
				long *more = realloc(o->chars, cap * sizeof *more);
				if (!more)
					goto out;
				o->chars = more;
			}
			o->chars[o->nchars++] = c;
		}
		line = strchr(line, '\n');
	}
	qsort(o->chars, o->nchars, sizeof *o->chars, cmp_long);
out:
	free(buf);
	fclose(fp);
}

int ocr_knows(void *vo, long c)
{
	const ocr *o = vo;
	if (!o || !o->nchars)
		return 1;
	return bsearch(&c, o->chars, o->nchars, sizeof *o->chars, cmp_long) != NULL;
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
	load_charset(o, tessdata);
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
	free(o->chars);
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

/* Recognise crop (at res px/mm) after scaling it to at px/mm: as it is,
** a single line; or, with again set, binarised (Otsu over the whole crop)
** as a single line and, if that gives nothing, as a raw line, which needs
** no line finding. */
static void ocr_at(ocr *o, PIX *crop, double res, double at, int digits, int again,
		   char *text_out, size_t n, double *conf)
{
	PIX *img = fabs(res - at) > 0.1 ? pixScale(crop, (float)(at / res), (float)(at / res))
					: pixClone(crop);
	text_out[0] = 0;
	*conf = 0;
	if (img && again) {
		PIX *bin = NULL;
		if (pixGetDepth(img) == 8)
			pixOtsuAdaptiveThreshold(img, pixGetWidth(img), pixGetHeight(img), 0, 0, 0.1,
						 NULL, &bin);
		pixDestroy(&img);
		img = bin;
	}
	if (!img)
		return;
	TessBaseAPI *api = digits ? o->eng : o->jpn;
	pixSetResolution(img, (int)lround(at * 25.4), (int)lround(at * 25.4));
	static const TessPageSegMode modes[] = {PSM_SINGLE_LINE, PSM_RAW_LINE};
	for (int m = 0; m < (again ? 2 : 1) && !text_out[0]; m++) {
		TessBaseAPISetPageSegMode(api, modes[m]);
		TessBaseAPISetImage2(api, img);
		char *text = TessBaseAPIGetUTF8Text(api);
		if (text) {
			squeeze(text, text_out, n);
			TessDeleteText(text);
		}
		*conf = text_out[0] ? min_symbol_conf(api) : 0;
		TessBaseAPIClear(api);
	}
	pixDestroy(&img);
}

/* The field crop and whether it holds ink; NULL crop on failure. */
static PIX *crop_line(PIX *gray, const mm_box *b, double res, bool_reading *present)
{
	int x = (int)lround(b->x * res), y = (int)lround(b->y * res);
	int w = (int)lround(b->w * res), h = (int)lround(b->h * res);
	BOX *box = boxCreate(x, y, w, h);
	PIX *crop = pixClipRectangle(gray, box, NULL);
	boxDestroy(&box);
	if (!crop)
		return NULL;
	/* An empty crop makes Tesseract invent text: look for ink first. */
	PIX *bin = pixThresholdToBinary(crop, 128);
	l_int32 ink = 0;
	pixCountPixels(bin, &ink, NULL);
	pixDestroy(&bin);
	present->value = ink > (int)(2.0 * res * res);
	present->conf = 0.9;
	return crop;
}

int ocr_read_line(ocr *o, PIX *gray, const mm_box *b, double res, int digits,
		  text_reading *r, ocr_reads *reads)
{
	memset(r, 0, sizeof *r);
	memset(reads, 0, sizeof *reads);
	PIX *crop = crop_line(gray, b, res, &r->present);
	if (!crop)
		return -1;
	/* The crop holds ink, so no text from any read is a failure, not a
	** blank: a short name spaced wide (渡辺　誠　様) can come back empty
	** from the grey crop at every scale, and is then read again binarised.
	** Only then: where one read found text, the second way's guesses must
	** not outvote it. */
	int found = 0;
	for (int again = 0; again < 2 && r->present.value && !found; again++) {
		reads->n = 0;
		for (int i = 0; i < OCR_MAX_READS; i++, reads->n++) {
			ocr_at(o, crop, res, read_res[i], digits, again, reads->text[i],
			       sizeof reads->text[i], &reads->conf[i]);
			found |= reads->text[i][0] != 0;
		}
	}
	pixDestroy(&crop);
	return 0;
}

void ocr_vote(const ocr_reads *rd, text_reading *r)
{
	r->text[0] = 0;
	r->conf = 0;
	r->votes = 0;
	r->nalt = 0;
	int best = -1, best_votes = 0;
	double best_conf = 0;
	for (int i = 0; i < rd->n; i++) {
		if (!rd->text[i][0])
			continue;
		int votes = 0;
		double hi = 0;
		for (int k = 0; k < rd->n; k++)
			if (!strcmp(rd->text[k], rd->text[i])) {
				votes++;
				hi = rd->conf[k] > hi ? rd->conf[k] : hi;
			}
		if (votes > best_votes || (votes == best_votes && hi > best_conf))
			best = i, best_votes = votes, best_conf = hi;
	}
	if (best < 0)
		return;
	snprintf(r->text, sizeof r->text, "%s", rd->text[best]);
	r->votes = best_votes;
	r->conf = best_conf;
	if (best_votes < rd->n && r->conf > OCR_DISAGREE_CONF)
		r->conf = OCR_DISAGREE_CONF;
	/* the other texts, each once */
	for (int i = 0; i < rd->n && r->nalt < READ_MAX_ALTS; i++) {
		if (!rd->text[i][0] || !strcmp(rd->text[i], r->text))
			continue;
		int seen = 0;
		for (int k = 0; k < r->nalt; k++)
			seen |= !strcmp(r->alt[k], rd->text[i]);
		if (!seen)
			snprintf(r->alt[r->nalt++], sizeof r->alt[0], "%s", rd->text[i]);
	}
}

int ocr_line(ocr *o, PIX *gray, const mm_box *b, double res, int digits, int verify,
	     text_reading *r)
{
	if (verify) {
		ocr_reads reads;
		if (ocr_read_line(o, gray, b, res, digits, r, &reads) != 0)
			return -1;
		ocr_vote(&reads, r);
		return 0;
	}
	memset(r, 0, sizeof *r);
	PIX *crop = crop_line(gray, b, res, &r->present);
	if (!crop)
		return -1;
	if (r->present.value)
		ocr_at(o, crop, res, read_res[0], digits, 0, r->text, sizeof r->text, &r->conf);
	pixDestroy(&crop);
	return 0;
}
