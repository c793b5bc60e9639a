/*
** cellrec-knn.c — the references of the second opinion (pipeline/cellknn.h).
**
**   cellrec-knn --mnist DIR --models DIR --write FILE
**       MNIST 0-599 of each class, each drawn once into a clean cell and
**       prepared as the model in DIR wants (deskewed or not): 6,000
**       normalised glyphs.
**   cellrec-knn --models DIR --cells CELL.png...
**       Date cells cut by `cellrec-pages` with CELLREC_DUMP_ALL=1, whose
**       names hold their digit (_T<d>_): each read as a date box reads it,
**       with and without the second opinion. Prints, for the cells the SVM
**       alone reads below 0.99, how many are right, the log loss of the
**       truth, and how many come out at 0.9 or more (and right).
*/
#include <leptonica/allheaders.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellknn.h"
#include "cellrec.h"
#include "cellset.h"

enum { NP = CELLREC_NORM * CELLREC_NORM };

static int write_refs(const char *mnist, const char *models, const char *path)
{
	char err[512];
	glyph_bank bank;
	cellrec *cr;
	if (bank_load(&bank, mnist, 1, err, sizeof err) != 0 ||
	    cellrec_load_file(models, "cellrec.model", &cr, err, sizeof err) != 0) {
		fprintf(stderr, "cellrec-knn: %s\n", err);
		return 1;
	}
	int n = 0;
	cell_spec *rs = calloc(6000, sizeof *rs);
	float *norms = malloc(sizeof(float) * NP * 6000);
	unsigned char *dig = malloc(6000);
	if (!rs || !norms || !dig)
		return 1;
	for (int d = 0; d < 10; d++)
		for (int i = 0; i < 600; i++)
			rs[n++] = (cell_spec){.src = SRC_MNIST, .cls = d, .idx = i, .sub = -1,
					      .seed = 777000 + d * 10000 + i, .ppm_lo = 10,
					      .ppm_hi = 10, .clean = 1};
	cell_set set;
	if (set_build(&set, &bank, rs, n, cellrec_deskew(cr), 0, 2) != 0)
		return 1;
	int m = 0;
	for (int i = 0; i < n; i++) {
		if (!set.glyph[i].has_ink)
			continue;
		memcpy(norms + (size_t)m * NP, set.glyph[i].norm, sizeof(float) * NP);
		dig[m++] = (unsigned char)rs[i].cls;
	}
	if (cellknn_save(path, norms, dig, m, err, sizeof err) != 0) {
		fprintf(stderr, "cellrec-knn: %s\n", err);
		return 1;
	}
	printf("cellrec-knn: %d references written to %s\n", m, path);
	set_free(&set);
	bank_free(&bank);
	cellrec_free(cr);
	return 0;
}

typedef struct {
	int n, right, sure, sure_right;
	double nll;
} tally;

static void count(tally *t, const cell_reading *rd, int truth)
{
	double p = 1e-4;
	for (int c = 0; c < rd->ncand; c++)
		if (rd->cand[c].ch == '0' + truth && rd->cand[c].p > p)
			p = rd->cand[c].p;
	int ok = rd->ncand && rd->cand[0].ch == '0' + truth;
	t->n++;
	t->right += ok;
	t->nll -= log(p);
	if (rd->ncand && rd->cand[0].p >= 0.9) {
		t->sure++;
		t->sure_right += ok;
	}
}

static void report(const char *name, const tally *t)
{
	printf("%-12s cells %d right %d  log loss %.3f  at >= 0.9: %d (right %d)\n", name, t->n,
	       t->right, t->n ? t->nll / t->n : 0, t->sure, t->sure_right);
}

static int compare(const char *models, char **cells, int ncells)
{
	char err[512];
	cellrec *svm, *both;
	if (cellrec_load_file(models, "cellrec.model", &svm, err, sizeof err) != 0 ||
	    cellrec_load(models, &both, err, sizeof err) != 0) {
		fprintf(stderr, "cellrec-knn: %s\n", err);
		return 1;
	}
	tally a = {0}, b = {0};
	for (int i = 0; i < ncells; i++) {
		const char *tp = strstr(cells[i], "_T");
		PIX *p = tp && tp[2] >= '0' && tp[2] <= '9' ? pixRead(cells[i]) : NULL;
		if (!p)
			continue;
		cell_reading r1, r2;
		if (cellrec_read(svm, p, CS_DIGITS, &r1) == 0 && r1.ncand && r1.cand[0].p < 0.99 &&
		    cellrec_read(both, p, CS_DIGITS, &r2) == 0) {
			count(&a, &r1, tp[2] - '0');
			count(&b, &r2, tp[2] - '0');
		}
		pixDestroy(&p);
	}
	report("svm", &a);
	report("svm+refs", &b);
	cellrec_free(svm);
	cellrec_free(both);
	return 0;
}

int main(int argc, char **argv)
{
	const char *mnist = NULL, *models = "models", *write = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--mnist") && i + 1 < argc) mnist = argv[++i];
		else if (!strcmp(argv[i], "--models") && i + 1 < argc) models = argv[++i];
		else if (!strcmp(argv[i], "--write") && i + 1 < argc) write = argv[++i];
		else if (!strcmp(argv[i], "--cells")) {
			setMsgSeverity(L_SEVERITY_ERROR);
			return compare(models, argv + i + 1, argc - i - 1);
		} else {
			break;
		}
	}
	if (!write || !mnist) {
		fprintf(stderr, "usage: cellrec-knn --mnist DIR [--models DIR] --write FILE\n"
				"       cellrec-knn [--models DIR] --cells CELL.png...\n");
		return 2;
	}
	setMsgSeverity(L_SEVERITY_ERROR);
	return write_refs(mnist, models, write);
}
