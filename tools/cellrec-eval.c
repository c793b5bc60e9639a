/*
** cellrec-eval.c — measure the boxed-cell recogniser.
**
**   cellrec-eval --mnist DIR --models DIR [--set NAME]... [--engines]
**
** Sets (each drawn with fixed seeds, through cellrec_read like a scan):
**   reserved  MNIST, the last 100 images of each class (never trained on)
**   dev       MNIST 600-699 (the development set)
**   clean     the reserved digits, sharp and centred (no scan distortions)
**   letters   A-Z from every font style, fresh renderings
**   blank     empty cells: noise, JPEG, specks, show-through, neighbours
**   faint     faint or small writing (must count as written)
**   symbols   marks that are not 0-9 A-Z (the class "other"): glyph_others
**             in every font style and scribbles, fresh drawings
** --engines also runs Leptonica's recog and stock Tesseract on the reserved
** digits (the same cells), for the comparison in models/README.
*/
#include <leptonica/allheaders.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#include "cellrec.h"
#include "cellset.h"

static uint64_t seedbase = 5000000000ull;
static const char *dump_dir; /* --dump: write misread cells here (synthetic only) */
static int dumped;

typedef struct {
	int n, right, right3;
	int conf_n[6], conf_right[6];
	int digit_as_letter, letter_as_digit, nd, nl;
	int written_right, nwritten_truth, nblank_truth;
	int w_sure_right, w_sure_wrong; /* empty/written decisions at conf >= 0.9 */
	int other_hi;                   /* written cells with P(other) >= 0.5 */
	long confusion[CELLREC_NCLASS][CELLREC_NCLASS];
} tally;

static const double bucket_lo[6] = {0, 0.5, 0.8, 0.9, 0.95, 0.99};

static int bucket(double p)
{
	int b = 0;
	for (int i = 0; i < 6; i++)
		if (p >= bucket_lo[i])
			b = i;
	return b;
}

static void run_set(const cellrec *cr, const glyph_bank *bank, cell_spec *spec, int n,
                    char_set cs, tally *t)
{
	for (int i = 0; i < n; i++) {
		PIX *pix = spec_draw(bank, &spec[i]);
		cell_reading rd;
		cellrec_read(cr, pix, cs, &rd);
		pixDestroy(&pix);
		int truth_written = spec[i].src != SRC_BLANK;
		if (dump_dir && dumped < 60 && (rd.written.value != truth_written ||
		    (truth_written && rd.ncand && rd.cand[0].ch != cellrec_classes[spec[i].cls]))) {
			char path[1200];
			snprintf(path, sizeof path, "%s/%03d_%c_%c_w%.2f.png", dump_dir, dumped++,
			         truth_written ? cellrec_classes[spec[i].cls] : '-',
			         rd.ncand ? rd.cand[0].ch : '-', rd.written.value ? rd.written.conf : 1 - rd.written.conf);
			PIX *again = spec_draw(bank, &spec[i]);
			pixWrite(path, again, IFF_PNG);
			pixDestroy(&again);
		}
		t->nwritten_truth += truth_written;
		t->nblank_truth += !truth_written;
		t->written_right += rd.written.value == truth_written;
		if (rd.written.conf >= 0.9) {
			t->w_sure_right += rd.written.value == truth_written;
			t->w_sure_wrong += rd.written.value != truth_written;
		}
		if (!truth_written)
			continue;
		t->n++;
		t->other_hi += rd.p_other >= 0.5;
		int cls = spec[i].cls;
		char want = cellrec_classes[cls];
		int got = -1;
		if (rd.ncand > 0)
			got = (int)(strchr(cellrec_classes, rd.cand[0].ch) - cellrec_classes);
		int ok = got == cls;
		t->right += ok;
		for (int k = 0; k < rd.ncand; k++)
			if (rd.cand[k].ch == want)
				t->right3++;
		if (got >= 0) {
			t->confusion[cls][got]++;
			int b = bucket(rd.cand[0].p);
			t->conf_n[b]++;
			t->conf_right[b] += ok;
		}
		if (cls < 10) {
			t->nd++;
			t->digit_as_letter += rd.p_letter >= 0.5;
		} else {
			t->nl++;
			t->letter_as_digit += rd.p_letter < 0.5;
		}
	}
}

static void report(const char *name, const tally *t)
{
	printf("%-10s cells %5d  top1 %6.2f%%  top3 %6.2f%%  written-right %d/%d (blank %d)\n",
	       name, t->n, t->n ? 100.0 * t->right / t->n : 0, t->n ? 100.0 * t->right3 / t->n : 0,
	       t->written_right, t->nwritten_truth + t->nblank_truth, t->nblank_truth);
	printf("           empty/written at confidence >= 0.9: %d right, %d wrong\n", t->w_sure_right,
	       t->w_sure_wrong);
	printf("           P(other) >= 0.5: %d/%d\n", t->other_hi, t->n);
	if (t->nd)
		printf("           digits with P(letter)>=0.5: %d/%d\n", t->digit_as_letter, t->nd);
	if (t->nl)
		printf("           letters with P(letter)<0.5: %d/%d\n", t->letter_as_digit, t->nl);
	if (t->n) {
		printf("           calibration (top-1 p bucket: cells, accuracy):");
		for (int b = 0; b < 6; b++)
			if (t->conf_n[b])
				printf("  [%.2f,%s %d %.1f%%", bucket_lo[b], b < 5 ? "" : "1]", t->conf_n[b],
				       100.0 * t->conf_right[b] / t->conf_n[b]);
		printf("\n           commonest confusions:");
		for (int shown = 0; shown < 8; shown++) {
			long best = 0;
			int ba = -1, bb = -1;
			for (int a = 0; a < CELLREC_NCLASS; a++)
				for (int b = 0; b < CELLREC_NCLASS; b++) {
					if (a == b || t->confusion[a][b] <= best)
						continue;
					int seen = 0; /* skip ones already printed: crude but fine */
					(void)seen;
					best = t->confusion[a][b];
					ba = a;
					bb = b;
				}
			if (ba < 0)
				break;
			printf(" %c->%c:%ld", cellrec_classes[ba], cellrec_classes[bb], best);
			((tally *)t)->confusion[ba][bb] = -best; /* mark shown */
		}
		printf("\n");
	}
}

/* ------------------------------------------------------ other engines */

/* Leptonica recog: templates are the normalised training glyphs (MNIST
** 0-599), binarised; the reserved cells go through cellrec_prepare too,
** so only the classifier differs. */
static void engine_recog(const glyph_bank *bank, cell_spec *test, int nt, int deskew)
{
	PIXA *pa = pixaCreate(0);
	cell_spec *tr = calloc(6000, sizeof *tr);
	for (int d = 0, k = 0; d < 10; d++)
		for (int i = 0; i < 600; i++, k++) {
			tr[k].src = SRC_MNIST;
			tr[k].cls = d;
			tr[k].idx = i;
			tr[k].seed = 777000 + k;
			tr[k].ppm_lo = 7;
			tr[k].ppm_hi = 12;
		}
	cell_set s;
	set_build(&s, bank, tr, 6000, deskew, 0, 2);
	for (int i = 0; i < 6000; i++) {
		if (!s.glyph[i].has_ink)
			continue;
		PIX *p = pixCreate(CELLREC_NORM, CELLREC_NORM, 1);
		for (int y = 0; y < CELLREC_NORM; y++)
			for (int x = 0; x < CELLREC_NORM; x++)
				if (s.glyph[i].norm[y * CELLREC_NORM + x] > 0.4f)
					pixSetPixel(p, x, y, 1);
		char lab[2] = {cellrec_classes[tr[i].cls], 0};
		pixSetText(p, lab);
		pixaAddPix(pa, p, L_INSERT);
	}
	set_free(&s);
	L_RECOG *rec = recogCreateFromPixa(pa, 0, 40, 0, 128, 1);
	if (!rec) {
		printf("recog: could not be created\n");
		return;
	}
	cell_set ts;
	set_build(&ts, bank, test, nt, deskew, 0, 2);
	int right = 0, n = 0;
	for (int i = 0; i < nt; i++) {
		if (!ts.glyph[i].has_ink) {
			n++;
			continue;
		}
		PIX *p = pixCreate(CELLREC_NORM, CELLREC_NORM, 1);
		for (int y = 0; y < CELLREC_NORM; y++)
			for (int x = 0; x < CELLREC_NORM; x++)
				if (ts.glyph[i].norm[y * CELLREC_NORM + x] > 0.4f)
					pixSetPixel(p, x, y, 1);
		PIX *clip = NULL;
		pixClipToForeground(p, &clip, NULL);
		l_float32 score = 0;
		char *text = NULL;
		if (clip && recogIdentifyPix(rec, clip, NULL) == 0) {
			rchExtract(rec->rch, NULL, &score, &text, NULL, NULL, NULL, NULL);
			if (text && text[0] == cellrec_classes[test[i].cls])
				right++;
			free(text);
		}
		n++;
		pixDestroy(&clip);
		pixDestroy(&p);
	}
	printf("leptonica recog (all %d MNIST 0-599 templates, 1 bpp, same border removal): %d/%d = %.2f%%\n",
	       pixaGetCount(pa), right, n, 100.0 * right / n);
	recogDestroy(&rec);
	pixaDestroy(&pa);
	set_free(&ts);
	free(tr);
}

/* Stock Tesseract eng, one character, digits whitelist, on the whole cell
** crop and on the border-free normalised glyph. */
static void engine_tesseract(const glyph_bank *bank, cell_spec *test, int nt, int deskew)
{
	TessBaseAPI *api = TessBaseAPICreate();
	if (TessBaseAPIInit3(api, NULL, "eng") != 0) {
		printf("tesseract: cannot init eng\n");
		return;
	}
	TessBaseAPISetVariable(api, "tessedit_char_whitelist", "0123456789");
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	TessBaseAPISetPageSegMode(api, PSM_SINGLE_CHAR);
	int right_crop = 0, right_norm = 0;
	for (int i = 0; i < nt; i++) {
		PIX *pix = spec_draw(bank, &test[i]);
		for (int pass = 0; pass < 2; pass++) {
			PIX *in = NULL;
			if (pass == 0) {
				in = pixClone(pix);
			} else {
				cellrec_glyph g;
				cellrec_prepare(pix, deskew, &g);
				PIX *n8 = pixCreate(CELLREC_NORM, CELLREC_NORM, 8);
				for (int y = 0; y < CELLREC_NORM; y++)
					for (int x = 0; x < CELLREC_NORM; x++)
						pixSetPixel(n8, x, y, 255 - (int)(255 * g.norm[y * CELLREC_NORM + x]));
				PIX *big = pixScale(n8, 3, 3);
				in = pixAddBorder(big, 20, 255);
				pixDestroy(&n8);
				pixDestroy(&big);
			}
			TessBaseAPISetImage2(api, in);
			TessBaseAPISetSourceResolution(api, 300);
			char *txt = TessBaseAPIGetUTF8Text(api);
			if (txt) {
				char c = 0;
				for (char *q = txt; *q; q++)
					if (*q >= '0' && *q <= '9') {
						c = *q;
						break;
					}
				if (c == cellrec_classes[test[i].cls])
					*(pass ? &right_norm : &right_crop) += 1;
				TessDeleteText(txt);
			}
			pixDestroy(&in);
		}
		pixDestroy(&pix);
	}
	printf("tesseract eng psm10 digits (cell crop as scanned): %d/%d = %.2f%%\n", right_crop, nt,
	       100.0 * right_crop / nt);
	printf("tesseract eng psm10 digits (border removed, normalised x3): %d/%d = %.2f%%\n",
	       right_norm, nt, 100.0 * right_norm / nt);
	TessBaseAPIEnd(api);
	TessBaseAPIDelete(api);
}

/* Marks that are not 0-9 A-Z. "Rejected": the top class is "other" (it
** beats the best candidate) or the best candidate is below 0.9, so the
** checks cannot take the cell for a character. */
static void symbols(const cellrec *cr, const glyph_bank *bank)
{
	int nsub = glyph_nothers + 1; /* the last: scribbles */
	int reps = 6, nscr = 200;
	int n = bank->nfonts * glyph_nothers * reps + nscr;
	cell_spec *v = calloc((size_t)n, sizeof *v);
	int k = 0;
	for (int f = 0; f < bank->nfonts; f++)
		for (int s = 0; s < glyph_nothers; s++)
			for (int r = 0; r < reps; r++, k++)
				v[k] = (cell_spec){SRC_FONT, CELLREC_OTHER, f, s,
				                   seedbase * 7 + (uint64_t)k, 7, 12, 0, 0, 0, 0};
	for (int i = 0; i < nscr; i++, k++)
		v[k] = (cell_spec){SRC_FONT, CELLREC_OTHER, 0, -1, seedbase * 7 + (uint64_t)k, 7, 12, 0, 0, 0, 0};
	for (int pass = 0; pass < 2; pass++) {
		char_set cs = pass ? CS_DIGITS : CS_ALNUM;
		int cells[64] = {0}, top_other[64] = {0}, rejected[64] = {0}, written = 0;
		int all = 0, all_top = 0, all_rej = 0, sure_wrong = 0;
		for (int i = 0; i < n; i++) {
			PIX *pix = spec_draw(bank, &v[i]);
			cell_reading rd;
			cellrec_read(cr, pix, cs, &rd);
			pixDestroy(&pix);
			int s = v[i].sub < 0 ? nsub - 1 : v[i].sub;
			cells[s]++;
			all++;
			if (!rd.written.value || rd.ncand == 0) {
				/* read as empty: not a character either (the checks then
				** see a gap or a missing PIN, never a well-formed one) */
				top_other[s]++, rejected[s]++, all_top++, all_rej++;
				continue;
			}
			written++;
			double best = rd.cand[0].p;
			int top = rd.p_other >= best, rej = top || best < 0.9;
			top_other[s] += top;
			rejected[s] += rej;
			all_top += top;
			all_rej += rej;
			sure_wrong += best >= 0.99;
		}
		printf("symbols/%s cells %d (read as written %d): top class other %.1f%%, "
		       "rejected (other, or best candidate < 0.9) %.1f%%, best candidate >= 0.99 %d\n",
		       pass ? "digits" : "alnum", all, written, 100.0 * all_top / all,
		       100.0 * all_rej / all, sure_wrong);
		printf("           rejected per mark:");
		for (int s = 0; s < nsub; s++)
			printf(" %s %d/%d", s < glyph_nothers ? glyph_others[s] : "scribble", rejected[s],
			       cells[s]);
		printf("\n");
	}
	free(v);
}

int main(int argc, char **argv)
{
	const char *mnist = NULL, *models = "models";
	const char *sets[16];
	int nsets = 0, engines = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--mnist") && i + 1 < argc) mnist = argv[++i];
		else if (!strcmp(argv[i], "--models") && i + 1 < argc) models = argv[++i];
		else if (!strcmp(argv[i], "--set") && i + 1 < argc && nsets < 16) sets[nsets++] = argv[++i];
		else if (!strcmp(argv[i], "--engines")) engines = 1;
		else if (!strcmp(argv[i], "--dump") && i + 1 < argc) dump_dir = argv[++i];
		else {
			fprintf(stderr, "usage: cellrec-eval --mnist DIR --models DIR [--set NAME]... [--engines]\n");
			return 2;
		}
	}
	if (!mnist)
		return 2;
	if (!nsets) {
		static const char *all[] = {"reserved", "dev", "clean", "letters", "blank", "faint",
		                            "symbols"};
		for (int i = 0; i < 7; i++)
			sets[nsets++] = all[i];
	}
	setMsgSeverity(L_SEVERITY_ERROR);
	char err[512];
	glyph_bank bank;
	cellrec *cr;
	if (bank_load(&bank, mnist, 0, err, sizeof err) != 0 || cellrec_load(models, &cr, err, sizeof err) != 0) {
		fprintf(stderr, "cellrec-eval: %s\n", err);
		return 1;
	}
	for (int si = 0; si < nsets; si++) {
		const char *s = sets[si];
		tally t;
		memset(&t, 0, sizeof t);
		int n = 0;
		cell_spec *v = NULL;
		if (!strcmp(s, "reserved") || !strcmp(s, "clean")) {
			v = set_mnist_specs(&bank, -1, 100, !strcmp(s, "clean"), seedbase, &n);
			tally t2;
			memset(&t2, 0, sizeof t2);
			run_set(cr, &bank, v, n, CS_DIGITS, &t);
			report(s, &t);
			run_set(cr, &bank, v, n, CS_ALNUM, &t2);
			char nm[32];
			snprintf(nm, sizeof nm, "%s/36", s);
			report(nm, &t2);
			if (engines && !strcmp(s, "reserved")) {
				engine_recog(&bank, v, n, cellrec_deskew(cr));
				engine_tesseract(&bank, v, n, cellrec_deskew(cr));
			}
		} else if (!strcmp(s, "dev")) {
			v = set_mnist_specs(&bank, 600, 0, 0, seedbase, &n);
			run_set(cr, &bank, v, n, CS_DIGITS, &t);
			report(s, &t);
			memset(&t, 0, sizeof t);
			run_set(cr, &bank, v, n, CS_ALNUM, &t);
			report("dev/36", &t);
		} else if (!strcmp(s, "letters") || !strcmp(s, "lower")) {
			int lower = !strcmp(s, "lower");
			for (int f = 0; f < bank.nfonts; f++) {
				tally tf;
				memset(&tf, 0, sizeof tf);
				cell_spec *fv = calloc(26 * 10, sizeof *fv);
				int k = 0;
				for (int c = 10; c < CELLREC_NALNUM; c++)
					for (int r = 0; r < 10; r++, k++) {
						fv[k].src = SRC_FONT;
						fv[k].cls = c;
						fv[k].idx = f;
						fv[k].lower = lower;
						fv[k].seed = seedbase * (lower ? 11 : 3) +
							     (uint64_t)f * 100000 + c * 100 + r;
						fv[k].ppm_lo = 7;
						fv[k].ppm_hi = 12;
					}
				run_set(cr, &bank, fv, k, CS_ALNUM, &tf);
				run_set(cr, &bank, fv, k, CS_ALNUM, &t);
				char nm[32];
				snprintf(nm, sizeof nm, "%s:%s", lower ? "l" : "L", glyph_fonts[f].tag);
				printf("%-10s letters %d top1 %.1f%% letter-as-digit %d\n", nm, tf.n,
				       100.0 * tf.right / tf.n, tf.letter_as_digit);
				free(fv);
			}
			report(s, &t);
		} else if (!strcmp(s, "symbols")) {
			symbols(cr, &bank);
		} else if (!strcmp(s, "blank") || !strcmp(s, "faint")) {
			int blank = !strcmp(s, "blank");
			n = 2000;
			v = calloc((size_t)n, sizeof *v);
			for (int i = 0; i < n; i++) {
				v[i].src = blank ? SRC_BLANK : (i % 2 ? SRC_FONT : SRC_MNIST);
				v[i].cls = blank ? -1 : (i % 2 ? 10 + (i / 2) % 26 : (i / 2) % 10);
				v[i].idx = blank ? 0 : (i % 2 ? (i / 2) % bank.nfonts : bank.mnist_n[v[i].cls] - 1 - (i / 20) % 100);
				v[i].seed = seedbase * 5 + (uint64_t)i + (blank ? 0 : 77777);
				v[i].ppm_lo = 7;
				v[i].ppm_hi = 12;
			}
			for (int i = 0; i < n; i++) /* blanks: half of them hard scans */
				v[i].clean = blank ? (i % 2 ? 3 : 0) : 2;
			run_set(cr, &bank, v, n, CS_ALNUM, &t);
			report(s, &t);
		}
		free(v);
	}
	cellrec_free(cr);
	bank_free(&bank);
	return 0;
}
