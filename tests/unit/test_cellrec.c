/*
** test_cellrec.c — the boxed-cell recogniser with the committed model.
**
** Cells are drawn here with Leptonica (border lines, pen strokes as thick
** polylines), at 200 and 300 dpi, so the test needs nothing but the repo.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cellrec.h"

static char models_dir[1024];

/* A cell crop: a 7 x 9 mm box with 0.3 mm border, margin mm around it, at
** ppm px/mm, grey paper. Strokes are given in box units (0..1 across,
** 0..1 down) as polylines separated by a NaN pair. */
typedef struct {
	double ppm, margin, pen, offx;
	int ink, paper, noise_seed, neighbours;
} drawing;

static PIX *draw_cell(const drawing *d, const double *pts, int npts)
{
	double bw = 7 * d->ppm, bh = 9 * d->ppm, m = d->margin * d->ppm;
	int w = (int)lround(bw + 2 * m), h = (int)lround(bh + 2 * m);
	/* drawn in RGB (Leptonica draws grey levels there), then made grey */
	PIX *rgb = pixCreate(w, h, 32);
	pixSetAllArbitrary(rgb, ((l_uint32)d->paper << 24) | ((l_uint32)d->paper << 16) |
	                            ((l_uint32)d->paper << 8));
	PIX *pix = rgb;
	int lw = (int)lround(0.3 * d->ppm);
	if (lw < 2)
		lw = 2;
	int x0 = (int)lround(m + d->offx * d->ppm), y0 = (int)lround(m);
	int x1 = (int)lround(x0 + bw), y1 = (int)lround(y0 + bh);
	int hx0 = d->neighbours ? 0 : x0, hx1 = d->neighbours ? w - 1 : x1;
	pixRenderLineArb(pix, hx0, y0, hx1, y0, lw, 20, 20, 20);
	pixRenderLineArb(pix, hx0, y1, hx1, y1, lw, 20, 20, 20);
	pixRenderLineArb(pix, x0, y0, x0, y1, lw, 20, 20, 20);
	pixRenderLineArb(pix, x1, y0, x1, y1, lw, 20, 20, 20);
	int pen = (int)lround(d->pen * d->ppm);
	if (pen < 1)
		pen = 1;
	for (int i = 0; i + 3 < npts * 2; i += 2) {
		if (isnan(pts[i]) || isnan(pts[i + 2]))
			continue;
		int ax = (int)lround(x0 + pts[i] * bw), ay = (int)lround(y0 + pts[i + 1] * bh);
		int bx = (int)lround(x0 + pts[i + 2] * bw), by = (int)lround(y0 + pts[i + 3] * bh);
		pixRenderLineArb(pix, ax, ay, bx, by, pen, d->ink, d->ink, d->ink);
	}
	pix = pixConvertRGBToLuminance(rgb);
	pixDestroy(&rgb);
	if (d->noise_seed) {
		unsigned s = (unsigned)d->noise_seed;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				l_uint32 v;
				pixGetPixel(pix, x, y, &v);
				s = s * 1103515245u + 12345u;
				int n = (int)((s >> 16) % 31) - 15; /* +-15 grey levels */
				int nv = (int)v + n;
				pixSetPixel(pix, x, y, nv < 0 ? 0 : nv > 255 ? 255 : nv);
			}
	}
	return pix;
}

#define BRK NAN, NAN
/* hand-drawn shapes, box units */
static const double SEVEN[] = {0.25, 0.22, 0.75, 0.22, 0.68, 0.35, 0.58, 0.52, 0.48, 0.7, 0.42, 0.82};
static const double ONE[] = {0.42, 0.3, 0.52, 0.2, 0.52, 0.82};
static const double ZERO[] = {0.5, 0.18, 0.35, 0.25, 0.27, 0.4, 0.25, 0.55, 0.3, 0.72, 0.5, 0.82,
                              0.68, 0.72, 0.74, 0.55, 0.72, 0.38, 0.65, 0.25, 0.5, 0.18};
static const double FOUR[] = {0.55, 0.18, 0.25, 0.6, 0.78, 0.6, BRK, 0.6, 0.35, 0.6, 0.84};
static const double LETTER_L[] = {0.32, 0.18, 0.32, 0.8, 0.75, 0.8};
static const double LETTER_H[] = {0.28, 0.18, 0.28, 0.82, BRK, 0.72, 0.18, 0.72, 0.82, BRK,
                                  0.28, 0.5, 0.72, 0.5};
static const double LETTER_T[] = {0.2, 0.2, 0.8, 0.2, BRK, 0.5, 0.2, 0.5, 0.82};
static const double LETTER_X[] = {0.25, 0.2, 0.75, 0.82, BRK, 0.75, 0.2, 0.25, 0.82};

static const double TWO[] = {0.25, 0.32, 0.35, 0.2, 0.55, 0.17, 0.7, 0.25, 0.72, 0.4, 0.6, 0.55,
                             0.25, 0.82, 0.78, 0.82};

typedef struct {
	const double *pts;
	int n;
	char ch;
	int letter; /* 1 letter, 0 digit, -1 a shape that is both (0/O, 1/I) */
} shape;

#define SHAPE(a, c, l) {a, (int)(sizeof a / sizeof a[0] / 2), c, l}
static const shape shapes[] = {
	SHAPE(SEVEN, '7', 0), SHAPE(TWO, '2', 0), SHAPE(FOUR, '4', 0),
	SHAPE(ONE, '1', -1), SHAPE(ZERO, '0', -1),
	SHAPE(LETTER_L, 'L', 1), SHAPE(LETTER_H, 'H', 1), SHAPE(LETTER_T, 'T', 1),
	SHAPE(LETTER_X, 'X', 1),
};

/* Load a model of SHOKAI_ROOT/models (or ./models) into *state: file, or
** with NULL the default one through cellrec_load. */
static int load_model(void **state, const char *file)
{
	const char *root = getenv("SHOKAI_ROOT");
	snprintf(models_dir, sizeof models_dir, "%s/models", root ? root : ".");
	cellrec *cr = NULL;
	char err[256];
	if ((file ? cellrec_load_file(models_dir, file, &cr, err, sizeof err)
		  : cellrec_load(models_dir, &cr, err, sizeof err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	*state = cr;
	return 0;
}

/* The digit boxes' model, cellrec.model. */
static int setup(void **state)
{
	return load_model(state, NULL);
}

/* The signing-PIN boxes' model (recognize.c reads CS_ALNUM boxes with it). */
static int setup_alnum(void **state)
{
	return load_model(state, CELLREC_ALNUM_FILE);
}

static int teardown(void **state)
{
	cellrec_free(*state);
	return 0;
}

static void check_reading(const cell_reading *r, char_set cs)
{
	assert_true(r->ncand >= 1 && r->ncand <= READ_MAX_CANDS);
	double sum = 0;
	for (int k = 0; k < r->ncand; k++) {
		assert_true(r->cand[k].p >= 0 && r->cand[k].p <= 1);
		if (k)
			assert_true(r->cand[k].p <= r->cand[k - 1].p);
		char c = r->cand[k].ch;
		if (cs == CS_DIGITS)
			assert_true(c >= '0' && c <= '9');
		else
			assert_true((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'));
		for (int j = 0; j < k; j++)
			assert_true(r->cand[j].ch != c);
		sum += r->cand[k].p;
	}
	assert_true(sum <= 1.0 + 1e-9);
	assert_true(r->p_letter >= 0 && r->p_letter <= 1);
}

static void test_shapes(void **state)
{
	const cellrec *cr = *state;
	static const double ppms[] = {7.87, 11.81};
	int right = 0, total = 0;
	for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
		for (int k = 0; k < 2; k++) {
			drawing d = {ppms[k], 1.0, 0.45, 0, 30, 235, 0, k};
			PIX *pix = draw_cell(&d, shapes[s].pts, shapes[s].n);
			cell_reading r;
			assert_int_equal(cellrec_read(cr, pix, CS_ALNUM, &r), 0);
			pixDestroy(&pix);
			assert_int_equal(r.written.value, 1);
			assert_true(r.written.conf >= 0.9);
			check_reading(&r, CS_ALNUM);
			/* letter/digit decision, what the PIN format check needs */
			if (shapes[s].letter == 1)
				assert_true(r.p_letter > 0.5);
			else if (shapes[s].letter == 0)
				assert_true(r.p_letter < 0.5);
			if (shapes[s].letter >= 0) {
				total++;
				right += r.cand[0].ch == shapes[s].ch;
			}
			/* the right character is at least among the candidates */
			int found = 0;
			for (int c = 0; c < r.ncand; c++)
				found |= r.cand[c].ch == shapes[s].ch;
			assert_true(found);
		}
	/* drawn with a ruler-straight pen, unlike the training writing: the
	** unambiguous shapes must nearly all be read right first */
	assert_true(right >= total - 1);
}

static void test_digits_only(void **state)
{
	const cellrec *cr = *state;
	drawing d = {9.45, 1.2, 0.4, 0, 60, 225, 0, 1};
	/* an L in a digits-only cell: candidates stay digits, P(letter) says
	** that it looks like a letter */
	PIX *pix = draw_cell(&d, LETTER_L, sizeof LETTER_L / sizeof LETTER_L[0] / 2);
	cell_reading r;
	assert_int_equal(cellrec_read(cr, pix, CS_DIGITS, &r), 0);
	pixDestroy(&pix);
	assert_int_equal(r.written.value, 1);
	check_reading(&r, CS_DIGITS);
	assert_true(r.p_letter > 0.5);
	pix = draw_cell(&d, SEVEN, sizeof SEVEN / sizeof SEVEN[0] / 2);
	assert_int_equal(cellrec_read(cr, pix, CS_DIGITS, &r), 0);
	pixDestroy(&pix);
	check_reading(&r, CS_DIGITS);
	assert_int_equal(r.cand[0].ch, '7');
	assert_true(r.cand[0].p > 0.5);
}

static void test_blank_cells(void **state)
{
	const cellrec *cr = *state;
	/* clean, noisy, shifted inside the crop, a neighbour's lines, tight crop */
	drawing cases[] = {
		{7.87, 1.0, 0.4, 0, 30, 235, 0, 0},  {11.81, 1.0, 0.4, 0, 30, 235, 0, 1},
		{7.87, 1.0, 0.4, 0, 30, 215, 7, 1},  {11.81, 1.5, 0.4, 0.8, 30, 240, 9, 1},
		{9.45, 0.3, 0.4, 0, 30, 230, 3, 1},  {7.87, 1.2, 0.4, -0.9, 30, 250, 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		PIX *pix = draw_cell(&cases[i], NULL, 0);
		cell_reading r;
		assert_int_equal(cellrec_read(cr, pix, CS_ALNUM, &r), 0);
		pixDestroy(&pix);
		assert_int_equal(r.written.value, 0);
		assert_true(r.written.conf >= 0.95);
		assert_int_equal(r.ncand, 0);
	}
}

static void test_faint_and_small(void **state)
{
	const cellrec *cr = *state;
	/* faint grey pen */
	drawing faint = {7.87, 1.0, 0.3, 0, 165, 235, 5, 1};
	PIX *pix = draw_cell(&faint, ONE, sizeof ONE / sizeof ONE[0] / 2);
	cell_reading r;
	assert_int_equal(cellrec_read(cr, pix, CS_DIGITS, &r), 0);
	pixDestroy(&pix);
	assert_int_equal(r.written.value, 1);
	/* a small 4 in one corner */
	static const double SMALL4[] = {0.3, 0.3, 0.18, 0.48, 0.38, 0.48, BRK, 0.33, 0.38, 0.33, 0.56};
	drawing small = {11.81, 1.0, 0.3, 0, 40, 235, 0, 0};
	pix = draw_cell(&small, SMALL4, sizeof SMALL4 / sizeof SMALL4[0] / 2);
	assert_int_equal(cellrec_read(cr, pix, CS_DIGITS, &r), 0);
	pixDestroy(&pix);
	assert_int_equal(r.written.value, 1);
	check_reading(&r, CS_DIGITS);
}

static void test_bad_input(void **state)
{
	const cellrec *cr = *state;
	cell_reading r;
	PIX *tiny = pixCreate(5, 5, 8);
	assert_int_equal(cellrec_read(cr, tiny, CS_DIGITS, &r), -1);
	assert_int_equal(r.written.value, 0);
	assert_int_equal(r.ncand, 0);
	pixDestroy(&tiny);
	/* a 1-bpp crop is converted, not refused */
	drawing d = {7.87, 1.0, 0.45, 0, 0, 255, 0, 1};
	PIX *g = draw_cell(&d, SEVEN, sizeof SEVEN / sizeof SEVEN[0] / 2);
	PIX *b = pixThresholdToBinary(g, 128);
	assert_int_equal(cellrec_read(cr, b, CS_DIGITS, &r), 0);
	assert_int_equal(r.written.value, 1);
	pixDestroy(&g);
	pixDestroy(&b);
}

static void test_load_errors(void **state)
{
	(void)state;
	cellrec *cr = (cellrec *)1;
	char err[256] = "";
	assert_int_equal(cellrec_load("/nonexistent-dir", &cr, err, sizeof err), -1);
	assert_null(cr);
	assert_true(strlen(err) > 0);
	/* a damaged copy of the model is refused (CRC) */
	char src[1100], dir[] = "/tmp/test_cellrec_XXXXXX", dst[1100];
	assert_non_null(mkdtemp(dir));
	snprintf(src, sizeof src, "%s/cellrec.model", models_dir);
	snprintf(dst, sizeof dst, "%s/cellrec.model", dir);
	FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
	assert_non_null(in);
	assert_non_null(out);
	int c;
	long pos = 0;
	while ((c = fgetc(in)) != EOF) {
		if (pos++ == 1000)
			c ^= 0x55;
		fputc(c, out);
	}
	fclose(in);
	fclose(out);
	err[0] = 0;
	assert_int_equal(cellrec_load(dir, &cr, err, sizeof err), -1);
	assert_non_null(strstr(err, "damaged"));
	unlink(dst);
	rmdir(dir);
}

/* A written reading: candidates cands[] (ch, p) summing to 1 - p_other. */
static cell_reading written_reading(double p_letter, double p_other, const char *chs,
                                    const double *ps, int n)
{
	cell_reading r;
	memset(&r, 0, sizeof r);
	r.written.value = 1;
	r.written.conf = 0.99;
	r.p_letter = p_letter;
	r.p_other = p_other;
	for (int i = 0; i < n; i++) {
		r.cand[i].ch = chs[i];
		r.cand[i].p = ps[i];
	}
	r.ncand = n;
	return r;
}

static double cand_sum(const cell_reading *r)
{
	double s = 0;
	for (int i = 0; i < r->ncand; i++)
		s += r->cand[i].p;
	return s;
}

static void test_box_prior(void **state)
{
	(void)state;
	/* PIN-sign box: a letter with a faint doubt of being a symbol */
	const double p1[] = {0.75, 0.05};
	cell_reading r = written_reading(0.8, 0.2, "AR", p1, 2);
	cellrec_box_prior(&r, CS_ALNUM);
	assert_true(r.p_other > 0.02 && r.p_other < 0.05);  /* 0.25 x 0.14 odds */
	assert_true(r.p_letter >= 0.8);                       /* a letter loses nothing */
	assert_true(r.cand[0].p == 0.75 && r.cand[1].p == 0.05); /* no letter surer */
	assert_true(cand_sum(&r) <= 1 - r.p_other);
	/* a clear symbol stays a sure one */
	const double p2[] = {0.01};
	r = written_reading(0.01, 0.99, "A", p2, 1);
	cellrec_box_prior(&r, CS_ALNUM);
	assert_true(r.p_other > 0.9);
	/* digits-only box: letter and symbol odds both fall */
	const double p3[] = {0.5, 0.1};
	r = written_reading(0.6, 0.4, "01", p3, 2);
	cellrec_box_prior(&r, CS_DIGITS);
	assert_true(r.p_letter < 0.1 && r.p_other < 0.05);
	assert_true(fabs(cand_sum(&r) - (1 - r.p_other)) < 1e-9);
	/* an empty cell and a sure mark (p_other 1) are left as they are */
	cell_reading e;
	memset(&e, 0, sizeof e);
	cellrec_box_prior(&e, CS_ALNUM);
	assert_true(e.p_other == 0 && e.ncand == 0);
	r = written_reading(0, 1, "A", (const double[]){0}, 1);
	cellrec_box_prior(&r, CS_DIGITS);
	assert_true(r.p_other > 0.99 && r.cand[0].p == 0);
	/* a phone box: a digit the model takes for a letter at 0.9 is a
	** letter at 0.31 in a digit box and at 0.043 in a phone box, where a
	** mark keeps the digit boxes' odds */
	r = written_reading(0.9, 0.05, "4", (const double[]){0.05}, 1);
	cellrec_box_prior(&r, CS_DIGITS);
	double in_digits = r.p_letter, other_digits = r.p_other;
	r = written_reading(0.9, 0.05, "4", (const double[]){0.05}, 1);
	cellrec_box_prior(&r, CS_NUMBER);
	assert_true(in_digits > 0.3 && in_digits < 0.35);
	assert_true(r.p_letter > 0.04 && r.p_letter < 0.05);
	assert_true(fabs(r.p_other - other_digits) < 1e-12);
}

/* In a signing-PIN box "a digit" is recalibrated for letters in an unseen
** hand: a digit at 0.95 is no sure digit, one at 0.9999 still is, and the
** map keeps the order of the readings. */
static void test_pin_kind_calibration(void **state)
{
	(void)state;
	const double p[] = {0.95};
	cell_reading r = written_reading(0.05, 0, "5", p, 1);
	cellrec_box_prior(&r, CS_ALNUM);
	assert_true(1 - r.p_letter - r.p_other < 0.9);
	assert_true(r.p_letter > 0.3);
	r = written_reading(0.0001, 0, "5", (const double[]){0.9999}, 1);
	cellrec_box_prior(&r, CS_ALNUM);
	assert_true(1 - r.p_letter - r.p_other > 0.99);
	double last = -1;
	for (double pd = 0.05; pd < 1; pd += 0.05) {
		r = written_reading(1 - pd, 0, "5", (const double[]){pd}, 1);
		cellrec_box_prior(&r, CS_ALNUM);
		double d = 1 - r.p_letter - r.p_other;
		assert_true(d >= last && d <= pd + 1e-12);
		last = d;
	}
	/* as scanned pages' hands are read, the same digit at 0.95 is a
	** digit at about 0.95: the rest of the letter mass is the unseen
	** hands' share, and a digit is never less sure there */
	r = written_reading(0.05, 0, "5", p, 1);
	cellrec_box_prior(&r, CS_ALNUM);
	double pl, pd, po;
	cell_reading_kinds_seen(&r, &pl, &pd, &po);
	assert_true(pd > 0.94 && pd <= 0.95 + 1e-12);
	assert_true(r.letter_unseen > 0.25);
	for (double x = 0.05; x < 1; x += 0.05) {
		r = written_reading(1 - x, 0, "5", (const double[]){x}, 1);
		cellrec_box_prior(&r, CS_ALNUM);
		double dl = 1 - r.p_letter - r.p_other;
		cell_reading_kinds_seen(&r, &pl, &pd, &po);
		assert_true(r.letter_unseen >= 0 && pd >= dl - 1e-12 && pd <= x + 1e-12);
	}
	/* a digits-only box keeps its own prior */
	r = written_reading(0.05, 0, "5", p, 1);
	cellrec_box_prior(&r, CS_DIGITS);
	assert_true(r.p_letter < 0.01);
	assert_true(r.letter_unseen == 0);
}

/* A round glyph read as O: "a letter" is capped (an O and a 0 share a
** shape), while another letter read as surely keeps its certainty. */
static void test_round_letter_cap(void **state)
{
	(void)state;
	cell_reading r = written_reading(0.985, 0, "O0Q", (const double[]){0.97, 0.015, 0.01}, 3);
	cellrec_box_prior(&r, CS_ALNUM);
	assert_true(r.p_letter <= 0.8 + 1e-12);
	assert_true(1 - r.p_letter - r.p_other >= 0.2 - 1e-12);
	r = written_reading(0.985, 0, "A4", (const double[]){0.98, 0.015}, 2);
	cellrec_box_prior(&r, CS_ALNUM);
	assert_true(r.p_letter > 0.98);
	/* O only second among the letters: no cap */
	r = written_reading(0.985, 0, "QO0", (const double[]){0.6, 0.37, 0.015}, 3);
	cellrec_box_prior(&r, CS_ALNUM);
	assert_true(r.p_letter > 0.98);
	/* a D, the other letter a 0 is taken for, is capped alike */
	r = written_reading(0.985, 0, "D0", (const double[]){0.97, 0.015}, 2);
	cellrec_box_prior(&r, CS_ALNUM);
	assert_true(r.p_letter <= 0.8 + 1e-12);
	assert_int_equal(r.round, 1);
	/* and as scanned pages' hands are read, too */
	assert_true(r.p_letter - r.letter_unseen <= 0.8 + 1e-12);
	/* an unsure O is left as it is (below the cap) */
	r = written_reading(0.6, 0, "O0", (const double[]){0.6, 0.4}, 2);
	cellrec_box_prior(&r, CS_ALNUM);
	assert_true(r.p_letter > 0.55 && r.p_letter <= 0.8);
	/* a D the model is very sure of (letters >= 0.99) is capped higher as
	** scanned pages' hands are read, and as before for an unseen hand */
	r = written_reading(0.998, 0, "DQ0", (const double[]){0.985, 0.01, 0.004}, 3);
	cellrec_box_prior(&r, CS_ALNUM);
	assert_int_equal(r.round, 1);
	assert_true(r.p_letter <= 0.8 + 1e-12);
	double pl, pd, po;
	cell_reading_kinds_seen(&r, &pl, &pd, &po);
	assert_true(pl > 0.98 && pl <= 0.99 + 1e-12);
	/* so is a sure O; an O is a rare PIN letter (test_rare_letters), so
	** for a malformed PIN it is still a letter, less surely */
	r = written_reading(0.998, 0, "OQ0", (const double[]){0.985, 0.01, 0.004}, 3);
	cellrec_box_prior(&r, CS_ALNUM);
	assert_true(r.p_letter <= 0.8 + 1e-12);
	cell_reading_kinds_seen(&r, &pl, &pd, &po);
	assert_true(pl > 0.98 && pl <= 0.99 + 1e-12);
	cell_reading_kinds_rare(&r, &pl, &pd, &po);
	assert_true(pl > 0.9 && pl < 0.98);
	/* just below: the low cap both ways */
	r = written_reading(0.998, 0, "OQ0", (const double[]){0.975, 0.01, 0.014}, 3);
	cellrec_box_prior(&r, CS_ALNUM);
	cell_reading_kinds_seen(&r, &pl, &pd, &po);
	assert_true(r.p_letter <= 0.8 + 1e-12 && pl <= 0.8 + 1e-12);
}

/* I and O weigh a fifth of another letter where a malformed PIN is
** weighed (kinds_rare), and as much as any in the maps a well-formed PIN
** must pass: a 1 that looks a little like an I keeps a digits-only PIN
** from a REJECT less than one that looks like a T, and neither is a
** surer digit, or a lesser letter, for a well-formed PIN. */
static void test_rare_letters(void **state)
{
	(void)state;
	cell_reading i = written_reading(0.3, 0, "1I", (const double[]){0.7, 0.3}, 2);
	cell_reading t = written_reading(0.3, 0, "1T", (const double[]){0.7, 0.3}, 2);
	cellrec_box_prior(&i, CS_ALNUM);
	cellrec_box_prior(&t, CS_ALNUM);
	assert_true(fabs(i.p_letter - t.p_letter) < 1e-12);
	double il, id, io, tl, td, to;
	cell_reading_kinds_seen(&i, &il, &id, &io);
	cell_reading_kinds_seen(&t, &tl, &td, &to);
	assert_true(fabs(il - tl) < 1e-12);
	assert_true(tl > 0.25);
	/* the T is as seen */
	cell_reading_kinds_rare(&t, &il, &id, &io);
	assert_true(fabs(il - tl) < 1e-12);
	cell_reading_kinds_rare(&i, &il, &id, &io);
	/* odds 0.2: 0.3 -> 0.3 * 0.2 / (0.3 * 0.2 + 0.7) */
	assert_true(fabs(il - tl * 0.2 / (tl * 0.2 + 1 - tl)) < 1e-9);
	/* half of the letter mass on O, half on Q: only the O half is reweighed */
	cell_reading o = written_reading(0.4, 0, "0OQ", (const double[]){0.6, 0.2, 0.2}, 3);
	cell_reading q = written_reading(0.4, 0, "0TQ", (const double[]){0.6, 0.2, 0.2}, 3);
	cellrec_box_prior(&o, CS_ALNUM);
	cellrec_box_prior(&q, CS_ALNUM);
	double ol, od, oo, ql, qd, qo;
	cell_reading_kinds_rare(&o, &ol, &od, &oo);
	cell_reading_kinds_rare(&q, &ql, &qd, &qo);
	double half = ql / 2 + 0.2 * ql / 2;
	assert_true(fabs(ol - half / (half + 1 - ql)) < 1e-9);
	/* a digit box has no letters to reweigh */
	cell_reading d = written_reading(0.3, 0, "1I", (const double[]){0.7, 0.3}, 2);
	cellrec_box_prior(&d, CS_DIGITS);
	assert_true(d.letter_unseen == 0 && d.letter_rare == 0);
}

/* A neighbour's big stroke lying along the box line, just outside it,
** must not be taken for the border: the printed line behind it would stay
** in the cell as ink, joined to a stroke that touches it (a "3" read as 8
** on a generated page). The glyph is the same with and without it. */
static void test_neighbour_along_line(void **state)
{
	(void)state;
	static const double THREE[] = {0.0, 0.2, 0.5, 0.08, 0.8, 0.3, 0.4, 0.5, 0.8, 0.7,
				       0.5, 0.92, 0.15, 0.85};
	static const double WITH[] = {0.0, 0.2, 0.5, 0.08, 0.8, 0.3, 0.4, 0.5, 0.8, 0.7,
				      0.5, 0.92, 0.15, 0.85, NAN, NAN,
				      -0.13, 0.1, -0.14, 0.5, -0.13, 0.9};
	drawing d = {10, 1.2, 0.5, 0, 30, 235, 0, 1};
	PIX *a = draw_cell(&d, THREE, sizeof THREE / sizeof THREE[0] / 2);
	PIX *b = draw_cell(&d, WITH, sizeof WITH / sizeof WITH[0] / 2);
	cellrec_glyph ga, gb;
	assert_int_equal(cellrec_prepare(a, 0, &ga), 0);
	assert_int_equal(cellrec_prepare(b, 0, &gb), 0);
	assert_true(ga.has_ink && gb.has_ink);
	double diff = 0;
	for (int i = 0; i < CELLREC_NORM * CELLREC_NORM; i++)
		diff += fabs(ga.norm[i] - gb.norm[i]);
	if (fabs(ga.aspect - gb.aspect) > 0.05 || diff > 10)
		fail_msg("glyph changed by the neighbour's stroke: aspect %.3f vs %.3f, diff %.1f",
			 ga.aspect, gb.aspect, diff);
	pixDestroy(&a);
	pixDestroy(&b);
}

/* A stroke that crosses the box line keeps the part on the line, up to the
** line's outer edge; one that only touches the line from inside gets none
** of it (the line would add a stem: a 0 against a side became a 9). The
** glyph is an upside-down T whose stem goes up to or past the top line;
** its aspect (log width/height) tells how much of the stem is kept. */
static void test_stroke_across_line(void **state)
{
	(void)state;
	drawing d = {10, 1.2, 0.5, 0, 30, 235, 0, 0};
	double aspect[3];
	const double tops[3] = {-0.1, 0.0, 0.04}; /* across, on the line, inside */
	for (int i = 0; i < 3; i++) {
		const double pts[] = {0.25, 0.8, 0.75, 0.8, BRK, 0.5, 0.8, 0.5, tops[i]};
		PIX *p = draw_cell(&d, pts, sizeof pts / sizeof pts[0] / 2);
		cellrec_glyph g;
		assert_int_equal(cellrec_prepare(p, 0, &g), 0);
		assert_true(g.has_ink);
		aspect[i] = g.aspect;
		pixDestroy(&p);
	}
	if (!(aspect[0] < aspect[1] - 0.03) || fabs(aspect[1] - aspect[2]) > 0.03)
		fail_msg("aspect across %.3f, on the line %.3f, inside %.3f", aspect[0], aspect[1],
			 aspect[2]);
}

/* A bar read as I that leans like a slash is no I to trust: its share
** becomes a mark's. An upright I, a leaning 1 and a leaning glyph whose
** likeliest class is not I keep their probabilities. */
static void test_slash_lean(void **state)
{
	(void)state;
	const int I = 10 + 'I' - 'A';
	static const struct {
		float lean;
		int top;           /* likeliest class */
		double p_top;
		int other_grows;
	} rows[] = {
		{-0.40f, 10 + 'I' - 'A', 0.72, 1},
		{-0.31f, 10 + 'I' - 'A', 0.90, 1},
		{-0.25f, 10 + 'I' - 'A', 0.90, 0}, /* an I may lean that much */
		{0.30f, 10 + 'I' - 'A', 0.90, 0},  /* the other way: not a slash */
		{-0.60f, 1, 0.70, 0},              /* a leaning 1 */
	};
	for (size_t n = 0; n < sizeof rows / sizeof rows[0]; n++) {
		double probs[CELLREC_NCLASS] = {0};
		probs[rows[n].top] = rows[n].p_top;
		/* the rest: some I (when not top), some 1, some mark */
		double rest = 1 - rows[n].p_top;
		probs[rows[n].top == I ? 1 : I] += rest / 2;
		probs[CELLREC_OTHER] += rest / 2;
		double before = probs[CELLREC_OTHER], i_before = probs[I];
		cellrec_lean_prior(probs, rows[n].lean);
		double sum = 0;
		for (int k = 0; k < CELLREC_NCLASS; k++)
			sum += probs[k];
		assert_true(fabs(sum - 1) < 1e-12);
		if (rows[n].other_grows) {
			assert_true(probs[I] == 0);
			assert_true(fabs(probs[CELLREC_OTHER] - (before + i_before)) < 1e-12);
		} else {
			assert_true(probs[I] == i_before && probs[CELLREC_OTHER] == before);
		}
	}
}

/* The lean the rule above looks at, measured on drawn glyphs: a "/" leans
** below the rule's -0.30, an upright bar (an I) and a backslash do not. */
static void test_glyph_lean(void **state)
{
	(void)state;
	drawing d = {10, 1.2, 0.5, 0, 30, 235, 0, 0};
	static const double SLASH[] = {0.7, 0.15, 0.3, 0.85};
	static const double BAR[] = {0.5, 0.15, 0.5, 0.85};
	static const double BACK[] = {0.3, 0.15, 0.7, 0.85};
	const double *strokes[3] = {SLASH, BAR, BACK};
	float lean[3];
	for (int i = 0; i < 3; i++) {
		PIX *p = draw_cell(&d, strokes[i], 2);
		cellrec_glyph g;
		assert_int_equal(cellrec_prepare(p, 1, &g), 0);
		assert_true(g.has_ink);
		lean[i] = g.lean;
		pixDestroy(&p);
	}
	if (!(lean[0] < -0.30f && fabsf(lean[1]) < 0.1f && lean[2] > 0.30f))
		fail_msg("lean of / %.3f, | %.3f, \\ %.3f", lean[0], lean[1], lean[2]);
}

/* In a phone box a round O is a 0: an oval that the model takes for the
** letter reads as a 0 with no letter mass left, while an L stays a letter. */
static void test_number_box(void **state)
{
	const cellrec *cr = *state;
	static const double OVAL[] = {0.5, 0.15, 0.25, 0.22, 0.17, 0.5, 0.25, 0.78, 0.5, 0.85,
	                              0.75, 0.78, 0.83, 0.5, 0.75, 0.22, 0.5, 0.15};
	drawing d = {9.45, 1.2, 0.35, 0, 60, 225, 0, 1};
	PIX *pix = draw_cell(&d, OVAL, sizeof OVAL / sizeof OVAL[0] / 2);
	cell_reading dig, num;
	assert_int_equal(cellrec_read(cr, pix, CS_DIGITS, &dig), 0);
	assert_int_equal(cellrec_read(cr, pix, CS_NUMBER, &num), 0);
	pixDestroy(&pix);
	assert_int_equal(num.written.value, 1);
	assert_int_equal(num.cand[0].ch, '0');
	assert_true(dig.p_letter > 0.5); /* the model takes it for an O */
	assert_true(num.p_letter < 0.1);
	assert_true(num.cand[0].p >= dig.cand[0].p);
	check_reading(&num, CS_DIGITS);
	pix = draw_cell(&d, LETTER_L, sizeof LETTER_L / sizeof LETTER_L[0] / 2);
	assert_int_equal(cellrec_read(cr, pix, CS_NUMBER, &num), 0);
	pixDestroy(&pix);
	assert_true(num.p_letter > 0.5);
}

/*
** The digit boxes' second opinion (cellknn.c) as cellrec_read uses it: the
** model loaded with its references against the same model without them.
** A reading the SVM is sure of (its likeliest digit 0.99 or more of the
** digit mass) comes out the same; a doubtful one is weighed again within
** the same digit mass, P(letter) and P(other) unchanged. Some of these
** drawings are made to be doubtful (a 1 with a long flag, a 7 without its
** bar's end, a closed 2), so that the path is taken.
*/
static const double ONE_FLAG[] = {0.3, 0.38, 0.52, 0.18, 0.5, 0.82};
static const double SEVEN_SHORT[] = {0.38, 0.22, 0.62, 0.22, 0.5, 0.82};
static const double TWO_LOOP[] = {0.3, 0.3, 0.5, 0.18, 0.68, 0.3, 0.5, 0.6, 0.32, 0.8, 0.45, 0.7,
				  0.42, 0.82, 0.75, 0.82};
static void test_second_opinion(void **state)
{
	const cellrec *with = *state;
	cellrec *without = NULL;
	char err[256];
	assert_int_equal(cellrec_load_file(models_dir, "cellrec.model", &without, err, sizeof err), 0);
	static const shape draw[] = {SHAPE(ONE_FLAG, '1', 0), SHAPE(SEVEN_SHORT, '7', 0),
				     SHAPE(TWO_LOOP, '2', 0), SHAPE(SEVEN, '7', 0),
				     SHAPE(TWO, '2', 0), SHAPE(FOUR, '4', 0)};
	static const double pens[] = {0.3, 0.45, 0.8};
	int doubtful = 0, sure = 0;
	for (size_t s = 0; s < sizeof draw / sizeof draw[0]; s++)
		for (int k = 0; k < 3; k++) {
			drawing d = {9.45, 1.0, pens[k], 0, 30, 235, 0, 0};
			PIX *pix = draw_cell(&d, draw[s].pts, draw[s].n);
			cell_reading a, b;
			assert_int_equal(cellrec_read(without, pix, CS_DIGITS, &a), 0);
			assert_int_equal(cellrec_read(with, pix, CS_DIGITS, &b), 0);
			pixDestroy(&pix);
			assert_int_equal(a.ncand, b.ncand);
			double sa = 0, sb = 0, moved = 0;
			for (int c = 0; c < a.ncand; c++) {
				sa += a.cand[c].p;
				sb += b.cand[c].p;
			}
			for (int c = 0; c < a.ncand; c++)
				for (int e = 0; e < b.ncand; e++)
					if (a.cand[c].ch == b.cand[e].ch)
						moved += fabs(a.cand[c].p - b.cand[e].p);
			assert_true(fabs(sa - sb) < 1e-9);
			assert_true(a.p_letter == b.p_letter && a.p_other == b.p_other);
			if (a.cand[0].p >= 0.99 * sa) {
				sure++;
				assert_true(moved == 0);
			} else {
				doubtful++;
				assert_true(moved > 1e-6);
			}
		}
	assert_true(doubtful >= 1 && sure >= 1);
	cellrec_free(without);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),        cmocka_unit_test(test_digits_only),
		/* the same shapes read by the signing-PIN boxes' model */
		cmocka_unit_test_setup_teardown(test_shapes, setup_alnum, teardown),
		cmocka_unit_test_setup_teardown(test_digits_only, setup_alnum, teardown),
		cmocka_unit_test(test_blank_cells),   cmocka_unit_test(test_faint_and_small),
		cmocka_unit_test(test_bad_input),     cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_box_prior),     cmocka_unit_test(test_number_box),
		cmocka_unit_test(test_pin_kind_calibration),
		cmocka_unit_test(test_neighbour_along_line),
		cmocka_unit_test(test_stroke_across_line),
		cmocka_unit_test(test_slash_lean),
		cmocka_unit_test(test_glyph_lean),
		cmocka_unit_test(test_round_letter_cap),
		cmocka_unit_test(test_rare_letters),
		cmocka_unit_test(test_second_opinion),
	};
	setMsgSeverity(L_SEVERITY_NONE);
	return cmocka_run_group_tests(tests, setup, teardown);
}
