/*
** cellrec-train.c — train the boxed-cell recogniser (models/cellrec.model,
** and with --hands all the signing-PIN boxes' models/cellrec-alnum.model).
**
**   cellrec-train --mnist DIR --out MODELDIR [options]   (writes MODELDIR/cellrec.model,
**                                                         or MODELDIR/FILE with --name FILE)
**
** Training cells are drawn synthetically (cellsynth) from MNIST digits
** 0-599 of each class and from digits and letters rendered in the
** handwriting-style fonts, then prepared exactly as cellrec_read prepares a
** scanned cell. Features -> PCA (subspace iteration) -> RBF SVM (libsvm,
** with probability estimates). Blank cells and written cells train the
** logistic empty/written model. MNIST 600-699 (the development set) and
** fresh font renderings set the probability temperature: NLL-optimal, then
** raised (--gate) until readings the pipeline would take as sure (p >= 0.9)
** are right often enough. --elastic-reps adds copies of each MNIST digit
** bent by a smooth random field. MNIST indices from 700 on are never read
** here.
*/
#include <libsvm/svm.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cellrec.h"
#include "cellset.h"

typedef struct {
	const char *mnist, *out, *holdout, *name, *hands;
	int digit_reps, elastic_reps, bar7_reps, lower_reps, letter_reps, fontdigit_reps, other_reps, scribbles, blanks;
	int npca, deskew, threads;
	double C, gscale, elastic, gate, letter_bent;
	uint64_t seed;
	int extra_letter_reps, extra_fontdigit_reps, extra_other_reps; /* -1: as the base styles */
	const char *lower_letters; /* the lower-case letters drawn (NULL: a-z) */
	const char *lower_not;     /* styles (tag prefixes, comma-separated) whose
	                           ** lower case is not drawn */
} options;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int font_held_out(const options *o, int f)
{
	return o->holdout && strncmp(glyph_fonts[f].tag, o->holdout, strlen(o->holdout)) == 0;
}

/* Is the lower case of letter class c (10..35) drawn in style f? */
static int lower_drawn(const options *o, int f, int c)
{
	if (o->lower_letters && !strchr(o->lower_letters, 'a' + (c - 10)))
		return 0;
	for (const char *t = o->lower_not; t && *t;) {
		size_t len = strcspn(t, ",");
		if (len && strncmp(glyph_fonts[f].tag, t, len) == 0)
			return 0;
		t += len + (t[len] == ',');
	}
	return 1;
}

/* ------------------------------------------------------------------ PCA */

/* Top-k subspace of the covariance of x (n x d) by subspace iteration.
** An RBF kernel sees only distances, so any orthonormal basis of the
** subspace serves. Writes mean[d] and basis[k x d]. */
static void pca(const float *x, int n, int d, int k, float *mean, float *basis)
{
	double *mu = calloc((size_t)d, sizeof(double));
	for (int i = 0; i < n; i++)
		for (int j = 0; j < d; j++)
			mu[j] += x[(size_t)i * d + j];
	for (int j = 0; j < d; j++) {
		mu[j] /= n;
		mean[j] = (float)mu[j];
	}
	double *cov = calloc((size_t)d * d, sizeof(double));
	double *row = malloc((size_t)d * sizeof(double));
	int step = n > 12000 ? n / 12000 : 1; /* a subsample is plenty */
	int used = 0;
	for (int i = 0; i < n; i += step, used++) {
		for (int j = 0; j < d; j++)
			row[j] = x[(size_t)i * d + j] - mu[j];
		for (int a = 0; a < d; a++) {
			double ra = row[a];
			double *c = cov + (size_t)a * d;
			for (int b = a; b < d; b++)
				c[b] += ra * row[b];
		}
	}
	for (int a = 0; a < d; a++)
		for (int b = a; b < d; b++) {
			cov[(size_t)a * d + b] /= used;
			cov[(size_t)b * d + a] = cov[(size_t)a * d + b];
		}
	double *q = malloc((size_t)k * d * sizeof(double));
	double *y = malloc((size_t)k * d * sizeof(double));
	synth_rng r;
	synth_seed(&r, 7);
	for (int i = 0; i < k * d; i++)
		q[i] = synth_gauss(&r);
	for (int it = 0; it < 40; it++) {
		for (int c = 0; c < k; c++)
			for (int a = 0; a < d; a++) {
				double acc = 0;
				const double *ca = cov + (size_t)a * d, *qc = q + (size_t)c * d;
				for (int b = 0; b < d; b++)
					acc += ca[b] * qc[b];
				y[(size_t)c * d + a] = acc;
			}
		/* Gram-Schmidt */
		for (int c = 0; c < k; c++) {
			double *yc = y + (size_t)c * d;
			for (int e = 0; e < c; e++) {
				double *ye = y + (size_t)e * d, dot = 0;
				for (int a = 0; a < d; a++)
					dot += yc[a] * ye[a];
				for (int a = 0; a < d; a++)
					yc[a] -= dot * ye[a];
			}
			double nn = 0;
			for (int a = 0; a < d; a++)
				nn += yc[a] * yc[a];
			nn = sqrt(nn);
			for (int a = 0; a < d; a++)
				yc[a] /= nn > 0 ? nn : 1;
		}
		double *t = q;
		q = y;
		y = t;
	}
	for (int i = 0; i < k * d; i++)
		basis[i] = (float)q[i];
	free(mu);
	free(cov);
	free(row);
	free(q);
	free(y);
}

static void project(const float *raw, const float *mean, const float *basis,
                    int k, float zscale, double *z)
{
	for (int c = 0; c < k; c++) {
		const float *b = basis + (size_t)c * CELLREC_NRAW;
		double acc = 0;
		for (int j = 0; j < CELLREC_NRAW; j++)
			acc += b[j] * (raw[j] - mean[j]);
		z[c] = acc / zscale;
	}
}

/* ------------------------------------------------------- written model */

/* L2-regularised logistic regression by Newton steps. x: n x m, y 0/1.
** w: m+1 (bias last). */
static void logistic(const float *x, const int *y, int n, int m, double lambda, float *wout)
{
	int p = m + 1;
	double w[CELLREC_NINK + 1] = {0}, g[CELLREC_NINK + 1], H[(CELLREC_NINK + 1) * (CELLREC_NINK + 1)];
	for (int it = 0; it < 30; it++) {
		memset(g, 0, sizeof g);
		memset(H, 0, sizeof H);
		for (int i = 0; i < n; i++) {
			double f[CELLREC_NINK + 1];
			for (int j = 0; j < m; j++)
				f[j] = x[(size_t)i * m + j];
			f[m] = 1;
			double z = 0;
			for (int j = 0; j < p; j++)
				z += w[j] * f[j];
			double pr = 1 / (1 + exp(-z)), s = pr * (1 - pr);
			for (int a = 0; a < p; a++) {
				g[a] += (pr - y[i]) * f[a];
				for (int b = 0; b < p; b++)
					H[a * p + b] += s * f[a] * f[b];
			}
		}
		for (int a = 0; a < m; a++) { /* no penalty on the bias */
			g[a] += lambda * w[a];
			H[a * p + a] += lambda;
		}
		H[m * p + m] += 1e-9;
		/* solve H d = g (Gaussian elimination with pivoting) */
		double A[(CELLREC_NINK + 1) * (CELLREC_NINK + 2)];
		for (int a = 0; a < p; a++) {
			for (int b = 0; b < p; b++)
				A[a * (p + 1) + b] = H[a * p + b];
			A[a * (p + 1) + p] = g[a];
		}
		for (int c = 0; c < p; c++) {
			int piv = c;
			for (int rr = c + 1; rr < p; rr++)
				if (fabs(A[rr * (p + 1) + c]) > fabs(A[piv * (p + 1) + c]))
					piv = rr;
			for (int b = 0; b <= p; b++) {
				double t = A[c * (p + 1) + b];
				A[c * (p + 1) + b] = A[piv * (p + 1) + b];
				A[piv * (p + 1) + b] = t;
			}
			for (int rr = 0; rr < p; rr++) {
				if (rr == c)
					continue;
				double f = A[rr * (p + 1) + c] / A[c * (p + 1) + c];
				for (int b = c; b <= p; b++)
					A[rr * (p + 1) + b] -= f * A[c * (p + 1) + b];
			}
		}
		double step = 0;
		for (int a = 0; a < p; a++) {
			double dlt = A[a * (p + 1) + p] / A[a * (p + 1) + a];
			w[a] -= dlt;
			step += fabs(dlt);
		}
		if (step < 1e-7)
			break;
	}
	for (int a = 0; a < p; a++)
		wout[a] = (float)w[a];
}

/* --------------------------------------------------------------- specs */

static cell_spec *add(cell_spec **v, int *n, int *cap)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		*v = realloc(*v, (size_t)*cap * sizeof **v);
	}
	cell_spec *s = &(*v)[(*n)++];
	memset(s, 0, sizeof *s);
	s->ppm_lo = 7;
	s->ppm_hi = 12;
	return s;
}

static void quiet(const char *s) { (void)s; }

static void usage(void)
{
	fprintf(stderr,
	        "usage: cellrec-train --mnist DIR --out MODELDIR [--digit-reps N] [--letter-reps N]\n"
	        "       [--fontdigit-reps N] [--other-reps N] [--scribbles N] [--blanks N] [--npca N] [--C X] [--gscale X]\n"
	        "       [--deskew 0|1] [--holdout FONTTAG] [--seed N] [--threads N]\n"
	        "       [--hands base|all] [--extra-reps LETTERS,FONTDIGITS,OTHERS (per style beyond the base)]\n"
	        "       [--name FILE (in MODELDIR, default cellrec.model)]\n"
	        "       [--elastic-reps N] [--elastic PX] [--bar7-reps N] [--lower-reps N] [--letter-bent F] [--gate ACC]\n"
	        "       [--lower-letters abc.. (default a-z)] [--lower-not TAG,TAG (styles whose lower case is not drawn)]\n"
	        "   or: cellrec-train --check-fonts base|all (exit 1, naming the first missing font)\n");
}

int main(int argc, char **argv)
{
	options o = {NULL, NULL, NULL, "cellrec.model", "base", 2, 0, 0, 0, 60, 8, 10, 600, 3000, 80, 0, 2, 10, 1, 2.0, 0, 0, 1, -1, -1, -1, NULL, NULL};
	/* are the fonts of these hands installed (scripts/train-cellrec)? */
	if (argc == 3 && !strcmp(argv[1], "--check-fonts")) {
		if (strcmp(argv[2], "base") && strcmp(argv[2], "all")) {
			usage();
			return 2;
		}
		const char *m = glyph_missing_font(strcmp(argv[2], "all") ? glyph_nbase : glyph_nfonts);
		if (m)
			fprintf(stderr, "cellrec-train: font %s not installed\n", m);
		return m ? 1 : 0;
	}
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v) {
			usage();
			return 2;
		}
		i++;
		if (!strcmp(a, "--mnist")) o.mnist = v;
		else if (!strcmp(a, "--out")) o.out = v;
		else if (!strcmp(a, "--holdout")) o.holdout = v;
		else if (!strcmp(a, "--name")) o.name = v;
		else if (!strcmp(a, "--hands")) o.hands = v;
		else if (!strcmp(a, "--extra-reps")) {
			if (sscanf(v, "%d,%d,%d", &o.extra_letter_reps, &o.extra_fontdigit_reps,
				   &o.extra_other_reps) != 3) {
				usage();
				return 2;
			}
		}
		else if (!strcmp(a, "--digit-reps")) o.digit_reps = atoi(v);
		else if (!strcmp(a, "--elastic-reps")) o.elastic_reps = atoi(v);
		else if (!strcmp(a, "--bar7-reps")) o.bar7_reps = atoi(v);
		else if (!strcmp(a, "--lower-reps")) o.lower_reps = atoi(v);
		else if (!strcmp(a, "--lower-letters")) o.lower_letters = v;
		else if (!strcmp(a, "--lower-not")) o.lower_not = v;
		else if (!strcmp(a, "--letter-bent")) o.letter_bent = atof(v);
		else if (!strcmp(a, "--elastic")) o.elastic = atof(v);
		else if (!strcmp(a, "--gate")) o.gate = atof(v);
		else if (!strcmp(a, "--letter-reps")) o.letter_reps = atoi(v);
		else if (!strcmp(a, "--fontdigit-reps")) o.fontdigit_reps = atoi(v);
		else if (!strcmp(a, "--other-reps")) o.other_reps = atoi(v);
		else if (!strcmp(a, "--scribbles")) o.scribbles = atoi(v);
		else if (!strcmp(a, "--blanks")) o.blanks = atoi(v);
		else if (!strcmp(a, "--npca")) o.npca = atoi(v);
		else if (!strcmp(a, "--deskew")) o.deskew = atoi(v);
		else if (!strcmp(a, "--threads")) o.threads = atoi(v);
		else if (!strcmp(a, "--C")) o.C = atof(v);
		else if (!strcmp(a, "--gscale")) o.gscale = atof(v);
		else if (!strcmp(a, "--seed")) o.seed = strtoull(v, NULL, 10);
		else {
			usage();
			return 2;
		}
	}
	if (!o.mnist || !o.out || o.npca < 2 || o.npca > CELLREC_NRAW ||
	    (strcmp(o.hands, "base") && strcmp(o.hands, "all")) || strchr(o.name, '/')) {
		usage();
		return 2;
	}
	setMsgSeverity(L_SEVERITY_ERROR);
	double t0 = now();
	char err[512];
	glyph_bank bank;
	/* base: the styles of the digit model; all: the further hands too */
	if (bank_load(&bank, o.mnist, strcmp(o.hands, "all") ? glyph_nbase : 0, err, sizeof err) != 0) {
		fprintf(stderr, "cellrec-train: %s\n", err);
		return 1;
	}

	/* training cells */
	cell_spec *spec = NULL;
	int n = 0, cap = 0;
	uint64_t seed = o.seed * 1000003u + 17;
	for (int d = 0; d < 10; d++)
		for (int i = 0; i < 600; i++) /* MNIST training indices only */
			for (int r = 0; r < o.digit_reps; r++) {
				cell_spec *s = add(&spec, &n, &cap);
				s->src = SRC_MNIST;
				s->cls = d;
				s->idx = i;
				s->seed = seed++;
			}
	/* further copies of each MNIST digit, bent by a smooth random field */
	for (int d = 0; d < 10; d++)
		for (int i = 0; i < 600; i++)
			for (int r = 0; r < o.elastic_reps; r++) {
				cell_spec *s = add(&spec, &n, &cap);
				s->src = SRC_MNIST;
				s->cls = d;
				s->idx = i;
				s->elastic = o.elastic;
				s->seed = seed++;
			}
	/* the continental 7, crossed on its stem: half plain, half bent */
	for (int i = 0; i < 600; i++)
		for (int r = 0; r < o.bar7_reps; r++) {
			cell_spec *s = add(&spec, &n, &cap);
			s->src = SRC_MNIST;
			s->cls = 7;
			s->idx = i;
			s->bar = 1;
			s->elastic = r % 2 ? o.elastic : 0;
			s->seed = seed++;
		}
	for (int f = 0; f < bank.nfonts; f++) {
		if (font_held_out(&o, f))
			continue;
		for (int c = 0; c < CELLREC_NALNUM; c++) {
			int extra = f >= glyph_nbase;
			int reps = c < 10 ? (extra && o.extra_fontdigit_reps >= 0 ? o.extra_fontdigit_reps
			                                                          : o.fontdigit_reps)
			                  : (extra && o.extra_letter_reps >= 0 ? o.extra_letter_reps
			                                                      : o.letter_reps);
			for (int r = 0; r < reps; r++) {
				cell_spec *s = add(&spec, &n, &cap);
				s->src = SRC_FONT;
				s->cls = c;
				s->idx = f;
				/* a share of the letters bent like the MNIST copies */
				if (c >= 10 && r < reps * o.letter_bent)
					s->elastic = o.elastic;
				s->seed = seed++;
			}
			/* the same letter in lower case, as the capital's class */
			for (int r = 0; c >= 10 && lower_drawn(&o, f, c) && r < o.lower_reps; r++) {
				cell_spec *s = add(&spec, &n, &cap);
				s->src = SRC_FONT;
				s->cls = c;
				s->idx = f;
				s->lower = 1;
				s->seed = seed++;
			}
		}
	}
	/* the class "other": symbols and kana in every style, and scribbles */
	for (int f = 0; f < bank.nfonts; f++) {
		if (font_held_out(&o, f))
			continue;
		int oreps = f >= glyph_nbase && o.extra_other_reps >= 0 ? o.extra_other_reps : o.other_reps;
		for (int c = 0; c < glyph_nothers; c++)
			for (int r = 0; r < oreps; r++) {
				cell_spec *s = add(&spec, &n, &cap);
				s->src = SRC_FONT;
				s->cls = CELLREC_OTHER;
				s->idx = f;
				s->sub = c;
				s->seed = seed++;
			}
	}
	for (int i = 0; i < o.scribbles; i++) {
		cell_spec *s = add(&spec, &n, &cap);
		s->src = SRC_FONT;
		s->cls = CELLREC_OTHER;
		s->sub = -1;
		s->seed = seed++;
	}
	int nclassify = n;
	/* one written cell in ten is faint or small */
	for (int i = 0; i < n; i++)
		if (spec[i].seed % 10 == 3)
			spec[i].clean = 2;
	for (int i = 0; i < o.blanks; i++) {
		cell_spec *s = add(&spec, &n, &cap);
		s->src = SRC_BLANK;
		s->cls = -1;
		s->seed = seed++;
		s->clean = i % 2 ? 3 : 0; /* half of them hard scans */
	}
	cell_set set;
	int fails = set_build(&set, &bank, spec, n, o.deskew, 1, o.threads);
	fprintf(stderr, "cellrec-train: %d cells drawn and prepared (%d failed) in %.1fs\n",
	        n, fails, now() - t0);

	cellrec_parts parts;
	memset(&parts, 0, sizeof parts);
	parts.npca = o.npca;
	parts.deskew = o.deskew;
	parts.temp = 1;

	/* written model: every cell with surviving ink (a cell with none is
	** empty without asking the model) */
	{
		float *x = malloc((size_t)n * CELLREC_NINK * sizeof(float));
		int *y = malloc((size_t)n * sizeof(int));
		int m = 0, neg = 0;
		for (int i = 0; i < n; i++) {
			if (!set.glyph[i].has_ink)
				continue;
			memcpy(x + (size_t)m * CELLREC_NINK, set.glyph[i].ink, sizeof set.glyph[i].ink);
			y[m] = spec[i].src != SRC_BLANK;
			neg += !y[m];
			m++;
		}
		logistic(x, y, m, CELLREC_NINK, 1.0, parts.written_w);
		fprintf(stderr, "cellrec-train: written model on %d inked cells (%d blank):", m, neg);
		for (int j = 0; j <= CELLREC_NINK; j++)
			fprintf(stderr, " %.3f", parts.written_w[j]);
		fprintf(stderr, "\n");
		free(x);
		free(y);
	}

	/* classifier cells: written, with ink */
	int *use = malloc((size_t)nclassify * sizeof(int));
	int nu = 0;
	for (int i = 0; i < nclassify; i++)
		if (set.glyph[i].has_ink)
			use[nu++] = i;
	float *xr = malloc((size_t)nu * CELLREC_NRAW * sizeof(float));
	for (int i = 0; i < nu; i++)
		memcpy(xr + (size_t)i * CELLREC_NRAW, set.raw + (size_t)use[i] * CELLREC_NRAW,
		       CELLREC_NRAW * sizeof(float));
	float *basis = malloc((size_t)o.npca * CELLREC_NRAW * sizeof(float));
	double t1 = now();
	pca(xr, nu, CELLREC_NRAW, o.npca, parts.mean, basis);
	parts.proj = basis;
	double ss = 0;
	double *z = malloc((size_t)nu * o.npca * sizeof(double));
	for (int i = 0; i < nu; i++) {
		project(xr + (size_t)i * CELLREC_NRAW, parts.mean, basis, o.npca, 1, z + (size_t)i * o.npca);
		for (int c = 0; c < o.npca; c++)
			ss += z[(size_t)i * o.npca + c] * z[(size_t)i * o.npca + c];
	}
	parts.zscale = (float)sqrt(ss / nu / o.npca);
	for (int i = 0; i < nu * o.npca; i++)
		z[i] /= parts.zscale;
	fprintf(stderr, "cellrec-train: PCA %d -> %d on %d cells in %.1fs\n", CELLREC_NRAW,
	        o.npca, nu, now() - t1);

	struct svm_problem prob;
	prob.l = nu;
	prob.y = malloc((size_t)nu * sizeof(double));
	prob.x = malloc((size_t)nu * sizeof(struct svm_node *));
	struct svm_node *xs = malloc((size_t)nu * (o.npca + 1) * sizeof(struct svm_node));
	for (int i = 0; i < nu; i++) {
		struct svm_node *xi = xs + (size_t)i * (o.npca + 1);
		for (int c = 0; c < o.npca; c++) {
			xi[c].index = c + 1;
			xi[c].value = z[(size_t)i * o.npca + c];
		}
		xi[o.npca].index = -1;
		prob.x[i] = xi;
		prob.y[i] = spec[use[i]].cls;
	}
	struct svm_parameter par;
	memset(&par, 0, sizeof par);
	par.svm_type = C_SVC;
	par.kernel_type = RBF;
	par.gamma = o.gscale / (2.0 * o.npca);
	par.cache_size = 1000;
	par.eps = 1e-3;
	par.C = o.C;
	par.shrinking = 1;
	par.probability = 1;
	const char *perr = svm_check_parameter(&prob, &par);
	if (perr) {
		fprintf(stderr, "cellrec-train: %s\n", perr);
		return 1;
	}
	svm_set_print_string_function(quiet);
	t1 = now();
	struct svm_model *model = svm_train(&prob, &par);
	fprintf(stderr, "cellrec-train: SVM C=%g gamma=%g: %d support vectors in %.1fs\n", par.C,
	        par.gamma, model->l, now() - t1);
	parts.svm = model;
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", o.out, o.name);
	if (cellrec_save(path, &parts, err, sizeof err) != 0) {
		fprintf(stderr, "cellrec-train: %s\n", err);
		return 1;
	}

	/* Probability temperature on the development set: MNIST 600-699 and
	** fresh renderings of the fonts in training. */
	{
		cellrec *cr;
		cell_spec *dv = NULL;
		int nd = 0, dcap = 0;
		for (int d = 0; d < 10; d++)
			for (int i = 600; i < 700; i++) {
				cell_spec *s = add(&dv, &nd, &dcap);
				s->src = SRC_MNIST;
				s->cls = d;
				s->idx = i;
				s->seed = 900000000ull + seed++;
			}
		for (int f = 0; f < bank.nfonts; f++) {
			if (font_held_out(&o, f))
				continue;
			for (int c = 10; c < CELLREC_NALNUM; c++)
				for (int r = 0; r < 4; r++) {
					cell_spec *s = add(&dv, &nd, &dcap);
					s->src = SRC_FONT;
					s->cls = c;
					s->idx = f;
					s->seed = 900000000ull + seed++;
				}
			for (int c = 0; c < glyph_nothers; c++) {
				cell_spec *s = add(&dv, &nd, &dcap);
				s->src = SRC_FONT;
				s->cls = CELLREC_OTHER;
				s->idx = f;
				s->sub = c;
				s->seed = 900000000ull + seed++;
			}
		}
		for (int i = 0; i < 40; i++) {
			cell_spec *s = add(&dv, &nd, &dcap);
			s->src = SRC_FONT;
			s->cls = CELLREC_OTHER;
			s->sub = -1;
			s->seed = 900000000ull + seed++;
		}
		cell_set ds;
		set_build(&ds, &bank, dv, nd, o.deskew, 0, o.threads);
		if (cellrec_load_file(o.out, o.name, &cr, err, sizeof err) != 0) {
			fprintf(stderr, "cellrec-train: %s\n", err);
			return 1;
		} else {
			double (*pp)[CELLREC_NCLASS] = malloc((size_t)nd * sizeof *pp);
			int right = 0, m = 0;
			for (int i = 0; i < nd; i++) {
				if (!ds.glyph[i].has_ink)
					continue;
				cellrec_classify(cr, &ds.glyph[i], pp[m]);
				dv[m] = dv[i];
				int best = 0;
				for (int k = 1; k < CELLREC_NCLASS; k++)
					if (pp[m][k] > pp[m][best])
						best = k;
				right += best == dv[m].cls;
				m++;
			}
			double best_t = 1, best_nll = 1e300;
			for (double t = 0.4; t <= 2.51; t += 0.05) {
				double nll = 0;
				for (int i = 0; i < m; i++) {
					double sum = 0;
					for (int k = 0; k < CELLREC_NCLASS; k++)
						sum += pow(pp[i][k], 1 / t);
					nll -= log(pow(pp[i][dv[i].cls], 1 / t) / sum + 1e-300);
				}
				if (nll < best_nll) {
					best_nll = nll;
					best_t = t;
				}
			}
			fprintf(stderr, "cellrec-train: dev %d/%d right; temperature %.2f (NLL %.4f)\n",
			        right, m, best_t, best_nll / m);
			/* The gate: a reading the pipeline takes as sure (candidate
			** p >= 0.9, computed as cellrec_read computes it, digits-only
			** for the MNIST cells) must be right at least o.gate of the
			** time. Soften (raise the temperature) until it is. */
			for (double t = best_t; o.gate > 0 && t <= 4.01; t += 0.05) {
				int sure = 0, sure_right = 0;
				for (int i = 0; i < m; i++) {
					double q[CELLREC_NCLASS], sum = 0, ssum = 0;
					for (int k = 0; k < CELLREC_NCLASS; k++)
						sum += q[k] = pow(pp[i][k], 1 / t);
					int hi = dv[i].src == SRC_MNIST ? 10 : CELLREC_NALNUM, top = 0;
					for (int k = 0; k < hi; k++) {
						ssum += q[k];
						if (q[k] > q[top])
							top = k;
					}
					double conf = q[top] / ssum * (1 - q[CELLREC_OTHER] / sum);
					if (conf >= 0.9) {
						sure++;
						sure_right += top == dv[i].cls;
					}
				}
				best_t = t;
				if (sure_right >= o.gate * sure) {
					fprintf(stderr, "cellrec-train: gate: temperature %.2f, %d/%d sure answers right\n",
					        t, sure_right, sure);
					break;
				}
			}
			parts.temp = (float)best_t;
			free(pp);
			cellrec_free(cr);
			if (cellrec_save(path, &parts, err, sizeof err) != 0) {
				fprintf(stderr, "cellrec-train: %s\n", err);
				return 1;
			}
		}
		set_free(&ds);
		free(dv);
	}
	fprintf(stderr, "cellrec-train: wrote %s in %.1fs total\n", path, now() - t0);
	svm_free_and_destroy_model(&model);
	free(prob.y);
	free(prob.x);
	free(xs);
	free(z);
	free(xr);
	free(basis);
	free(use);
	set_free(&set);
	free(spec);
	bank_free(&bank);
	return 0;
}
