/*
** verify-stress.c — how often does the printed-line check (verify.h) pick
** the wrong text?
**
**   verify-stress --batch DIR [--seed S] [--tries K] [--model FILE]
**
** On every form page of a batch (SPEC §8 layout), registered as the
** pipeline registers it, the printed address and name lines are known from
** expected.jsonl. From each true line X it makes K one-character changes
** (a character of the line replaced by another character of the batch's
** printed lines, a digit by a digit) and asks verify_pick three questions:
**   1  read X, registry X'            want: read      (registry is wrong)
**   2  read X', registry X            want: registry  (read is wrong)
**   3  read X', registry X'' (X' != X'' != X at the same place)
**                                     want: not registry: choosing it takes
**                                     a changed line for the same one
**   4  read X, registry X with a character more or less   want: read
**   5  read X', registry X with a character more or less  want: not registry
** Prints the verdict counts per question; exit status 2 when a wrong
** registry verdict was given (questions 1, 3, 4 and 5). With VS_DUMP set, also
** a line per question asked: R<question> <verdict> fit rel_a rel_b abs_a
** abs_b patch_a patch_b floor <read> <registry> (verify.h verify_misfit;
** printed lines hold no secret), to replay other limits offline.
*/
#include <jansson.h>
#include <leptonica/allheaders.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "identify.h"
#include "ingest.h"
#include "model.h"
#include "page.h"
#include "truth.h"
#include "utf8.h"
#include "verify.h"

static uint64_t rs = 88172645463325252ull;
static double urand(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return (rs >> 11) * (1.0 / 9007199254740992.0);
}
static int irand(int n) { return (int)(urand() * n); }

#define MAXCP 160
#define MAXPOOL 4000

static long pool[MAXPOOL];
static int npool;

static int is_digit(long c) { return c >= '0' && c <= '9'; }
static int is_space(long c) { return c == ' ' || c == 0x3000; }

static void pool_add(const long *cp, int n)
{
	for (int i = 0; i < n; i++) {
		if (is_space(cp[i]) || is_digit(cp[i]))
			continue;
		int seen = 0;
		for (int k = 0; k < npool && !seen; k++)
			seen = pool[k] == cp[i];
		if (!seen && npool < MAXPOOL)
			pool[npool++] = cp[i];
	}
}

/* Another character for position i: a digit for a digit. */
static long other(long c, long not2)
{
	long d;
	do
		d = is_digit(c) ? '0' + irand(10) : pool[irand(npool)];
	while (d == c || d == not2);
	return d;
}

typedef struct {
	int n, a, b, u;
} tally;

static void add(tally *t, verdict d)
{
	t->n++;
	t->a += d == VERDICT_A;
	t->b += d == VERDICT_B;
	t->u += d == VERDICT_UNSURE;
}

static void show(const char *what, const tally *t)
{
	printf("%-44s %5d  read %5d  registry %5d  unsure %5d\n", what, t->n, t->a, t->b, t->u);
}

int main(int argc, char **argv)
{
	const char *batch = NULL, *model_file = NULL;
	int tries = 3;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--batch"))
			batch = argv[i + 1];
		else if (!strcmp(argv[i], "--seed"))
			rs += strtoull(argv[i + 1], NULL, 10) * 0x9E3779B97F4A7C15ull;
		else if (!strcmp(argv[i], "--tries"))
			tries = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--model"))
			model_file = argv[i + 1];
	}
	if (!batch) {
		fprintf(stderr, "usage: verify-stress --batch DIR [--seed S] [--tries K] [--model FILE]\n");
		return 1;
	}
	char path[4096], err[512], mp[4096];
	if (model_file)
		snprintf(mp, sizeof mp, "%s", model_file);
	else
		cli_model_path("jlis-shokaisho-v1.json", mp, sizeof mp);
	form_model m;
	identifier *idf = NULL;
	verifier *v = verifier_new();
	if (model_load(mp, &m, err, sizeof err) != 0 || identifier_new(&idf) != 0 || !v) {
		fprintf(stderr, "verify-stress: %s\n", err);
		return 1;
	}
	FILE *fp = truth_open(batch, path, sizeof path);
	if (!fp) {
		fprintf(stderr, "verify-stress: cannot open %s\n", path);
		return 1;
	}
	/* the pool of replacement characters: every printed line's */
	char line[1 << 16];
	while (fgets(line, sizeof line, fp)) {
		json_t *t = json_loads(line, 0, NULL);
		json_t *f = json_object_get(t, "fields");
		const char *k[2] = {"printed_address", "printed_name"};
		for (int i = 0; i < 2; i++) {
			const char *s = json_string_value(json_object_get(f, k[i]));
			long cp[MAXCP];
			int n = s ? utf8_decode(s, cp, MAXCP) : -1;
			if (n > 0)
				pool_add(cp, n);
		}
		json_decref(t);
	}
	rewind(fp);
	tally t[5];
	memset(t, 0, sizeof t);
	int pages = 0;
	int page;
	json_t *o;
	while ((o = truth_next_form(fp, batch, path, sizeof path, &page))) {
		const char *file = json_string_value(json_object_get(o, "file"));
		json_t *f = json_object_get(o, "fields");
		PIX *pix = ingest_load_page(path, page - 1, err, sizeof err);
		page_image pi;
		if (!pix || page_analyse(idf, &m, pix, &pi) != 0 || !pi.registered) {
			if (pix)
				page_image_free(&pi);
			pixDestroy(&pix);
			json_decref(o);
			continue;
		}
		pages++;
		for (int w = 0; w < 2; w++) {
			const char *name = w ? "printed_name" : "printed_address";
			const char *x = json_string_value(json_object_get(f, name));
			const form_field *ff = model_field(&m, name);
			long cp[MAXCP];
			int n = x ? utf8_decode(x, cp, MAXCP - 4) : -1;
			if (n <= 0 || !ff)
				continue;
			if (w) { /* the form follows the name with 　様 */
				cp[n++] = 0x3000;
				cp[n++] = 0x69D8;
			}
			int last = w ? n - 2 : n; /* never the 様 */
			for (int k = 0; k < tries; k++) {
				int i;
				do
					i = irand(last);
				while (is_space(cp[i]));
				long y[MAXCP], z[MAXCP];
				memcpy(y, cp, sizeof(long) * (size_t)n);
				memcpy(z, cp, sizeof(long) * (size_t)n);
				y[i] = other(cp[i], -1);
				z[i] = other(cp[i], y[i]);
				char sx[1024], sy[1024], sz[1024];
				utf8_encode(cp, 0, n, sx, sizeof sx);
				utf8_encode(y, 0, n, sy, sizeof sy);
				utf8_encode(z, 0, n, sz, sizeof sz);
				/* 4, 5: a registry a character longer or shorter */
				long e[MAXCP];
				int ne = 0;
				int j = irand(last);
				int del = is_space(cp[j]) || urand() < 0.5 ? 0 : 1;
				for (int q = 0; q < n; q++) {
					if (q == j && del)
						continue;
					if (q == j && !del)
						e[ne++] = other(cp[j], -1);
					e[ne++] = cp[q];
				}
				char se[1024];
				utf8_encode(e, 0, ne, se, sizeof se);
				/* the questions: read a, registry b, and the verdict that is wrong */
				const struct {
					const char *a, *b;
					verdict wrong;
				} qs[5] = {{sx, sy, VERDICT_B}, {sy, sx, VERDICT_A}, {sy, sz, VERDICT_B},
					   {sx, se, VERDICT_B}, {sy, se, VERDICT_B}};
				for (int q = 0; q < 5; q++) {
					verify_misfit mf;
					verdict d = verify_pick(v, pi.gray, &ff->box, PAGE_RES, w ? 5.0 : 4.4,
								qs[q].a, qs[q].b, &mf);
					add(&t[q], d);
					if (getenv("VS_DUMP"))
						printf("R%d %d %.3f %.3f %.3f %.3f %.3f %.3f %.3f %.3f %s %s\n", q + 1,
						       d, mf.fit, mf.rel_a, mf.rel_b, mf.abs_a, mf.abs_b, mf.patch_a,
						       mf.patch_b, mf.floor, qs[q].a, qs[q].b);
					if (d == qs[q].wrong)
						printf("WRONG%d %s p%d %s: %s taken for the printed %s\n", q + 1,
						       file, page, name, d == VERDICT_A ? qs[q].a : qs[q].b, sx);
				}
			}
		}
		page_image_free(&pi);
		pixDestroy(&pix);
		json_decref(o);
	}
	fclose(fp);
	printf("%d pages, %d tries per line\n", pages, tries);
	show("1 read right, registry off (want read)", &t[0]);
	show("2 read off, registry right (want registry)", &t[1]);
	show("3 both off (registry is the danger)", &t[2]);
	show("4 read right, registry a character more/less", &t[3]);
	show("5 read off, registry a character more/less", &t[4]);
	verifier_free(v);
	identifier_free(idf);
	return t[0].b || t[2].b || t[3].b || t[4].b ? 2 : 0;
}
