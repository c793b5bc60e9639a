/*
** cellrec-pages.c — try cellrec on the cells of real sample pages.
**
**   cellrec-pages --batch DIR --form models/jlis-shokaisho-v1.json --models DIR
**
** A rough cropper of its own (the pipeline's registration is elsewhere):
** the four fiducial squares give an affine map from form millimetres to
** page pixels (the upright or the 180-degree one, whichever puts ink in the
** QR box); each cell box plus 1.2 mm is resampled through it at the page's
** own resolution and read with cellrec_read, by the model and with the
** character set the pipeline uses for that box (cellrec-alnum.model for
** the signing PIN). Truth comes from the batch's expected.jsonl. Only
** counts are printed: no PIN value leaves this tool.
*/
#include <jansson.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cellrec.h"
#include "ingest.h"
#include "model.h"
#include "truth.h"

static double read_secs;
static long read_calls;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* cellrec_read, timed */
static void timed_read(const cellrec *cr, PIX *c, char_set cs, cell_reading *rd)
{
	double t0 = now();
	cellrec_read(cr, c, cs, rd);
	read_secs += now() - t0;
	read_calls++;
}

typedef struct {
	double a[6]; /* x = a0 + a1*u + a2*v ; y = a3 + a4*u + a5*v (u,v mm) */
	double ppm;
} mapping;

/* Centres of the fiducial squares: near-square, solid components of about
** 6 mm, the one nearest each page corner. */
static int find_fiducials(PIX *g8, double ppm, double cx[4], double cy[4])
{
	PIX *b = pixThresholdToBinary(g8, 128);
	BOXA *boxa = pixConnComp(b, NULL, 8);
	int w = pixGetWidth(g8), h = pixGetHeight(g8);
	double cornx[4] = {0, w, 0, w}, corny[4] = {0, 0, h, h}, best[4] = {1e18, 1e18, 1e18, 1e18};
	int n = boxaGetCount(boxa);
	for (int i = 0; i < n; i++) {
		l_int32 x, y, bw, bh;
		boxaGetBoxGeometry(boxa, i, &x, &y, &bw, &bh);
		if (bw < 4.5 * ppm || bw > 7.5 * ppm || bh < 4.5 * ppm || bh > 7.5 * ppm)
			continue;
		BOX *bx = boxCreate(x, y, bw, bh);
		l_int32 cnt = 0;
		pixCountPixelsInRect(b, bx, &cnt, NULL);
		boxDestroy(&bx);
		if (cnt < 0.8 * bw * bh)
			continue;
		double mx = x + bw / 2.0, my = y + bh / 2.0;
		for (int k = 0; k < 4; k++) {
			double d = hypot(mx - cornx[k], my - corny[k]);
			if (d < best[k] && d < 40 * ppm) {
				best[k] = d;
				cx[k] = mx;
				cy[k] = my;
			}
		}
	}
	boxaDestroy(&boxa);
	pixDestroy(&b);
	for (int k = 0; k < 4; k++)
		if (best[k] > 1e17)
			return -1;
	return 0;
}

/* Least-squares affine from 4 point pairs (mm -> px). */
static void fit(const double u[4], const double v[4], const double x[4], const double y[4], mapping *m)
{
	/* normal equations for [1 u v] */
	double A[3][3] = {{0}}, bx[3] = {0}, by[3] = {0};
	for (int i = 0; i < 4; i++) {
		double f[3] = {1, u[i], v[i]};
		for (int r = 0; r < 3; r++) {
			for (int c = 0; c < 3; c++)
				A[r][c] += f[r] * f[c];
			bx[r] += f[r] * x[i];
			by[r] += f[r] * y[i];
		}
	}
	/* Cramer's rule */
	double det = A[0][0] * (A[1][1] * A[2][2] - A[1][2] * A[2][1]) -
	             A[0][1] * (A[1][0] * A[2][2] - A[1][2] * A[2][0]) +
	             A[0][2] * (A[1][0] * A[2][1] - A[1][1] * A[2][0]);
	for (int k = 0; k < 2; k++) {
		double *b = k ? by : bx;
		for (int c = 0; c < 3; c++) {
			double M[3][3];
			memcpy(M, A, sizeof M);
			for (int r = 0; r < 3; r++)
				M[r][c] = b[r];
			double d = M[0][0] * (M[1][1] * M[2][2] - M[1][2] * M[2][1]) -
			           M[0][1] * (M[1][0] * M[2][2] - M[1][2] * M[2][0]) +
			           M[0][2] * (M[1][0] * M[2][1] - M[1][1] * M[2][0]);
			m->a[k * 3 + c] = d / det;
		}
	}
}

static void map_pt(const mapping *m, double u, double v, double *x, double *y)
{
	*x = m->a[0] + m->a[1] * u + m->a[2] * v;
	*y = m->a[3] + m->a[4] * u + m->a[5] * v;
}

/* Resample box b (mm) grown by g mm into an 8-bpp crop at m->ppm. */
static PIX *cut(PIX *g8, const mapping *m, const mm_box *b, double g)
{
	double u0 = b->x - g, v0 = b->y - g, uw = b->w + 2 * g, vh = b->h + 2 * g;
	int w = (int)lround(uw * m->ppm), h = (int)lround(vh * m->ppm);
	PIX *o = pixCreate(w, h, 8);
	int W = pixGetWidth(g8), H = pixGetHeight(g8);
	l_uint32 *sd = pixGetData(g8), *od = pixGetData(o);
	int swpl = pixGetWpl(g8), owpl = pixGetWpl(o);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			double px, py;
			map_pt(m, u0 + (x + 0.5) / m->ppm, v0 + (y + 0.5) / m->ppm, &px, &py);
			px -= 0.5;
			py -= 0.5;
			int x0 = (int)floor(px), y0 = (int)floor(py);
			double fx = px - x0, fy = py - y0, acc = 0;
			for (int j = 0; j < 2; j++)
				for (int i = 0; i < 2; i++) {
					int xx = x0 + i, yy = y0 + j;
					double v = 255;
					if (xx >= 0 && yy >= 0 && xx < W && yy < H)
						v = GET_DATA_BYTE(sd + yy * swpl, xx);
					acc += v * (i ? fx : 1 - fx) * (j ? fy : 1 - fy);
				}
			SET_DATA_BYTE(od + y * owpl, x, (int)lround(acc));
		}
	return o;
}

static double box_ink(PIX *g8, const mapping *m, const mm_box *b)
{
	PIX *c = cut(g8, m, b, 0);
	l_float32 v = 0;
	pixGetAverageMasked(c, NULL, 0, 0, 1, L_MEAN_ABSVAL, &v);
	pixDestroy(&c);
	return 255 - v;
}

static int register_page(PIX *g8, const form_model *fm, mapping *m)
{
	double ppm = pixGetWidth(g8) / fm->page_w;
	if (pixGetHeight(g8) < pixGetWidth(g8))
		return -1; /* sideways: not handled by this rough tool */
	double cx[4], cy[4];
	if (find_fiducials(g8, ppm, cx, cy) != 0)
		return -1;
	double u[4], v[4];
	for (int k = 0; k < 4; k++)
		mm_box_center(&fm->fiducials[k], &u[k], &v[k]);
	mapping up, down;
	fit(u, v, cx, cy, &up);
	/* 180 degrees: the page's TL fiducial is the form's BR */
	double rx[4] = {cx[3], cx[2], cx[1], cx[0]}, ry[4] = {cy[3], cy[2], cy[1], cy[0]};
	fit(u, v, rx, ry, &down);
	up.ppm = down.ppm = ppm;
	*m = box_ink(g8, &up, &fm->qr) >= box_ink(g8, &down, &fm->qr) ? up : down;
	return 0;
}

/* With CELLREC_DUMP=DIR, write the crop of a cell that is no secret (a
** date or phone box) as DIR/<tag>_<what>_<i>.png, to look at. */
static void dump_cell(PIX *g8, const mapping *m, const mm_box *b, const char *tag,
                      const char *what, int i)
{
	const char *dir = getenv("CELLREC_DUMP");
	if (!dir)
		return;
	char p[512];
	snprintf(p, sizeof p, "%s/%s_%s_%d.png", dir, tag, what, i);
	for (char *q = strrchr(p, '/'); *q; q++)
		if (*q == ' ')
			*q = '_';
	PIX *c = cut(g8, m, b, 1.2);
	pixWrite(p, c, IFF_PNG);
	pixDestroy(&c);
}

typedef struct {
	int letters, letters_right, letter_as_digit, digits, digits_right, digit_as_letter;
	int other_hi; /* written characters with P(other) >= 0.5 */
	int cells, right, written_right, blanks, blank_right, wrote, wrote_right;
	int fields, fields_right;
	int conf_n[4], conf_right[4];
} tally;

static void read_field(const cellrec *cr, PIX *g8, const mapping *m, const form_field *f,
                       const char *truth, int dates, tally *t, FILE *log, const char *tag)
{
	char got[MODEL_MAX_CELLS + 1];
	int ng = 0;
	for (int i = 0; i < f->ncells; i++) {
		PIX *c = cut(g8, m, &f->cells[i], 1.2);
		cell_reading rd;
		timed_read(cr, c, f->chars, &rd);
		pixDestroy(&c);
		if (dates)
			continue;
		char want = i < (int)strlen(truth) ? truth[i] : 0;
		t->cells++;
		if (!want) {
			t->blanks++;
			t->blank_right += !rd.written.value;
			t->written_right += !rd.written.value;
			if (rd.written.value && log)
				fprintf(log, "%s cell %d: blank read as written (conf %.2f)\n", tag, i, rd.written.conf);
		} else {
			t->wrote++;
			t->written_right += rd.written.value;
			int ok = rd.written.value && rd.ncand && rd.cand[0].ch == want;
			t->wrote_right += ok;
			t->other_hi += rd.written.value && rd.p_other >= 0.5;
			if (log && rd.written.value && rd.p_other >= 0.5)
				fprintf(log, "%s cell %d: a character taken for another mark (P(other) %.2f)\n",
				        tag, i, rd.p_other);
			if (want >= 'A') {
				t->letters++;
				t->letters_right += ok;
				t->letter_as_digit += rd.written.value && rd.p_letter < 0.5;
			} else {
				t->digits++;
				t->digits_right += ok;
				t->digit_as_letter += rd.written.value && rd.p_letter >= 0.5;
			}
			if (rd.ncand) {
				double p = rd.cand[0].p;
				int b = p >= 0.99 ? 3 : p >= 0.9 ? 2 : p >= 0.5 ? 1 : 0;
				t->conf_n[b]++;
				t->conf_right[b] += ok;
			}
			if (!ok && log && !f->secret)
				fprintf(log, "%s cell %d: %c read as %c (p %.2f, written %d conf %.2f)\n", tag, i,
				        want, rd.ncand ? rd.cand[0].ch : '-', rd.ncand ? rd.cand[0].p : 0,
				        rd.written.value, rd.written.conf);
			if (!ok && !f->secret) /* never a PIN cell */
				dump_cell(g8, m, &f->cells[i], tag, f->name, i);
			if (!ok && log && f->secret)
				fprintf(log, "%s cell %d: misread (secret)\n", tag, i);
		}
		explicit_bzero(&rd, sizeof rd);
	}
	(void)got;
	(void)ng;
}

/* A date field: the written cells of each pair must spell the number. */
static void read_date(const cellrec *cr, PIX *g8, const mapping *m, const form_field *f,
                      json_t *truth, tally *t, FILE *log, const char *tag)
{
	static const char *part[3] = {"year", "month", "day"};
	for (int k = 0; k < 3; k++) {
		int want = (int)json_integer_value(json_object_get(truth, part[k]));
		char s[3] = {0};
		int ns = 0, unsure = 0, doubtful = 0, wr[2] = {0, 0};
		for (int i = 0; i < 2; i++) {
			PIX *c = cut(g8, m, &f->cells[2 * k + i], 1.2);
			cell_reading rd;
			timed_read(cr, c, CS_DIGITS, &rd);
			pixDestroy(&c);
			wr[i] = rd.written.value;
			if (rd.written.value && rd.ncand)
				s[ns++] = rd.cand[0].ch;
			unsure |= rd.written.conf < 0.9;
			if (rd.written.value && rd.ncand && rd.cand[0].p < 0.9) {
				doubtful = 1;
				if (log)
					fprintf(log, "%s %s box %d: doubt %c %.2f / %c %.2f (number %d)\n",
					        tag, part[k], i, rd.cand[0].ch, rd.cand[0].p,
					        rd.ncand > 1 ? rd.cand[1].ch : '-',
					        rd.ncand > 1 ? rd.cand[1].p : 0, want);
			}
		}
		/* CELLREC_DUMP_ALL=1: every written cell, its digit in the name */
		if (getenv("CELLREC_DUMP_ALL") && want > 0 && want < 100)
			for (int i = 0; i < 2; i++) {
				int d = want >= 10 ? (i ? want % 10 : want / 10)
				      : wr[0] && wr[1] ? (i ? want : 0) : wr[i] ? want : -1;
				if (d < 0)
					continue;
				char what[80];
				snprintf(what, sizeof what, "%s_%s_T%d", f->name, part[k], d);
				dump_cell(g8, m, &f->cells[2 * k + i], tag, what, i);
			}
		t->fields++;
		int ok = ns > 0 && atoi(s) == want;
		t->fields_right += ok;
		/* dates are not secret: CELLREC_DUMP=DIR writes the cells of the
		** numbers read wrong, and with CELLREC_DUMP_DOUBT=1 also of those
		** read right below 0.9 */
		if (!ok || (doubtful && getenv("CELLREC_DUMP_DOUBT")))
			for (int i = 0; i < 2; i++) {
				char what[80];
				snprintf(what, sizeof what, "%s_%s", f->name, part[k]);
				dump_cell(g8, m, &f->cells[2 * k + i], tag, what, i);
			}
		if (!ok && log)
			fprintf(log, "%s %s: %d read as '%s'%s\n", tag, part[k], want, s, unsure ? " (unsure)" : "");
	}
}

int main(int argc, char **argv)
{
	const char *batch = NULL, *form = "models/jlis-shokaisho-v1.json", *models = "models";
	int verbose = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--batch") && i + 1 < argc) batch = argv[++i];
		else if (!strcmp(argv[i], "--form") && i + 1 < argc) form = argv[++i];
		else if (!strcmp(argv[i], "--models") && i + 1 < argc) models = argv[++i];
		else if (!strcmp(argv[i], "-v")) verbose = 1;
		else {
			fprintf(stderr, "usage: cellrec-pages --batch DIR [--form JSON] [--models DIR] [-v]\n");
			return 2;
		}
	}
	if (!batch)
		return 2;
	setMsgSeverity(L_SEVERITY_ERROR);
	char err[512], path[2048];
	form_model fm;
	cellrec *cr, *alnum;
	/* the two models as the pipeline uses them (recognize.c) */
	if (model_load(form, &fm, err, sizeof err) != 0 || cellrec_load(models, &cr, err, sizeof err) != 0 ||
	    cellrec_load_file(models, CELLREC_ALNUM_FILE, &alnum, err, sizeof err) != 0) {
		fprintf(stderr, "cellrec-pages: %s\n", err);
		return 1;
	}
	FILE *ef = truth_open(batch, path, sizeof path);
	if (!ef) {
		fprintf(stderr, "cellrec-pages: cannot open %s\n", path);
		return 1;
	}
	static const char *cellf[] = {"pin_sign", "pin_user", "proxy_phone"};
	tally t[3], td;
	memset(t, 0, sizeof t);
	memset(&td, 0, sizeof td);
	int pages = 0, unregistered = 0;
	int page;
	json_t *o;
	while ((o = truth_next_form(ef, batch, path, sizeof path, &page))) {
		const char *file = json_string_value(json_object_get(o, "file"));
		json_t *fields = json_object_get(o, "fields");
		PIX *pix = ingest_load_page(path, page - 1, err, sizeof err);
		PIX *g8 = pix ? pixConvertTo8(pix, 0) : NULL;
		pixDestroy(&pix);
		mapping m;
		char tag[256];
		snprintf(tag, sizeof tag, "%s p%d", file, page);
		if (!g8 || register_page(g8, &fm, &m) != 0) {
			unregistered++;
			if (verbose)
				fprintf(stderr, "%s: not registered\n", tag);
			pixDestroy(&g8);
			json_decref(o);
			continue;
		}
		pages++;
		for (int k = 0; k < 3; k++) {
			const form_field *f = model_field(&fm, cellf[k]);
			const char *truth = json_string_value(json_object_get(fields, cellf[k]));
			read_field(f->chars == CS_ALNUM ? alnum : cr, g8, &m, f, truth ? truth : "", 0,
			           &t[k], verbose ? stderr : NULL, tag);
		}
		static const char *datef[] = {"answer_date", "mandate_date"};
		for (int k = 0; k < 2; k++) {
			json_t *d = json_object_get(fields, datef[k]);
			if (json_is_object(d))
				read_date(cr, g8, &m, model_field(&fm, datef[k]), d, &td, verbose ? stderr : NULL, tag);
		}
		pixDestroy(&g8);
		json_decref(o);
	}
	fclose(ef);
	printf("pages read %d (not registered by this rough cropper: %d)\n", pages, unregistered);
	tally all;
	memset(&all, 0, sizeof all);
	for (int k = 0; k < 3; k++) {
		printf("%-12s cells %4d  written %4d read right %4d (%.1f%%)  blank %4d kept empty %4d  empty/written right %.1f%%\n",
		       cellf[k], t[k].cells, t[k].wrote, t[k].wrote_right,
		       t[k].wrote ? 100.0 * t[k].wrote_right / t[k].wrote : 0, t[k].blanks, t[k].blank_right,
		       t[k].cells ? 100.0 * t[k].written_right / t[k].cells : 0);
		printf("             characters with P(other) >= 0.5: %d\n", t[k].other_hi);
		if (t[k].letters)
			printf("             letters %d right %d, P(letter)<0.5 %d; digits %d right %d, P(letter)>=0.5 %d\n",
			       t[k].letters, t[k].letters_right, t[k].letter_as_digit, t[k].digits,
			       t[k].digits_right, t[k].digit_as_letter);
		all.wrote += t[k].wrote;
		all.wrote_right += t[k].wrote_right;
		for (int b = 0; b < 4; b++) {
			all.conf_n[b] += t[k].conf_n[b];
			all.conf_right[b] += t[k].conf_right[b];
		}
	}
	printf("dates        numbers %d read right %d (%.1f%%)\n", td.fields, td.fields_right,
	       td.fields ? 100.0 * td.fields_right / td.fields : 0);
	static const char *bn[4] = {"<0.5", "0.5-0.9", "0.9-0.99", ">=0.99"};
	printf("calibration of written cells (top-1 p: cells, accuracy):");
	for (int b = 0; b < 4; b++)
		if (all.conf_n[b])
			printf("  %s %d %.1f%%", bn[b], all.conf_n[b], 100.0 * all.conf_right[b] / all.conf_n[b]);
	printf("\n");
	printf("cellrec_read: %ld calls, %.2f ms per cell\n", read_calls, 1000 * read_secs / (read_calls ? read_calls : 1));
	cellrec_free(cr);
	cellrec_free(alnum);
	return 0;
}
