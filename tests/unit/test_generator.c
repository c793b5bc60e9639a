/*
** test_generator.c — the sample generator, build/shokai-samples, run as a
** program: the same seed gives the same files; the truth of a batch is the
** same whether or not its scans are drawn; every payload in the truth
** verifies; the test preset covers every defect code, decision, page kind
** and scanner variation; the recorded geometry (scan.xform) puts the
** corner marks where they are in the images. The MNIST reader is compiled
** in to show that it reads images 600-699 and nothing else.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <ftw.h>
#include <jansson.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "defects.h"
#include "model.h"
#include "payload.h"
#include "testutil.h"

#include "../../samples/gen/mnist.c"

typedef struct {
	char dir[64];          /* scratch directory */
	char gen[1024], model[1024];
	json_t *pages;         /* expected.jsonl of the test preset, seed 7 */
	json_t *batch;
	form_model fm;
} fixture;

static int run(const fixture *fx, const char *args, const char *out)
{
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "'%s' --quiet --model '%s' --out '%s/%s' %s", fx->gen,
		 fx->model, fx->dir, out, args);
	return system(cmd);
}

static char *slurp_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf) {
		buf[n] = 0;
		*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

/* 1 if the two files have the same bytes. */
static int same_file(const char *a, const char *b)
{
	size_t na = 0, nb = 0;
	char *x = slurp_file(a, &na), *y = slurp_file(b, &nb);
	int same = x && y && na == nb && !memcmp(x, y, na);
	free(x);
	free(y);
	return same;
}

static json_t *load_jsonl(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	json_t *a = json_array();
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, f) > 0) {
		json_error_t e;
		json_t *o = json_loads(line, 0, &e);
		if (!o) {
			json_decref(a);
			a = NULL;
			break;
		}
		json_array_append_new(a, o);
	}
	free(line);
	fclose(f);
	return a;
}

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof fx->dir, "/tmp/shokai-gen-XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	repo_path("build/shokai-samples", fx->gen, sizeof fx->gen);
	repo_path("models/jlis-shokaisho-v1.json", fx->model, sizeof fx->model);
	char err[256];
	if (model_load(fx->model, &fx->fm, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	if (run(fx, "--preset test --seed 7", "test") != 0)
		return -1;
	char path[256];
	snprintf(path, sizeof path, "%s/test/expected.jsonl", fx->dir);
	fx->pages = load_jsonl(path);
	snprintf(path, sizeof path, "%s/test/batch.json", fx->dir);
	json_error_t e;
	fx->batch = json_load_file(path, 0, &e);
	if (!fx->pages || !fx->batch)
		return -1;
	setMsgSeverity(L_SEVERITY_NONE);
	*state = fx;
	return 0;
}

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static int teardown(void **state)
{
	fixture *fx = *state;
	if (!fx)
		return 0;
	json_decref(fx->pages);
	json_decref(fx->batch);
	nftw(fx->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(fx);
	return 0;
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static int has_defect(json_t *page, const char *code)
{
	json_t *d = json_object_get(page, "defects");
	for (size_t i = 0; i < json_array_size(d); i++)
		if (!strcmp(json_string_value(json_array_get(d, i)), code))
			return 1;
	return 0;
}

/* Drawing the scans does not change the truth: --truth-only writes the
** same three files as a full run. */
static void test_truth_only_matches_full_run(void **state)
{
	fixture *fx = *state;
	assert_int_equal(run(fx, "--preset test --seed 7 --truth-only", "truth"), 0);
	static const char *files[] = {"expected.jsonl", "residents.csv", "batch.json"};
	for (size_t i = 0; i < 3; i++) {
		char a[256], b[256];
		snprintf(a, sizeof a, "%s/test/%s", fx->dir, files[i]);
		snprintf(b, sizeof b, "%s/truth/%s", fx->dir, files[i]);
		assert_true(same_file(a, b));
	}
	char inbox[256];
	snprintf(inbox, sizeof inbox, "%s/truth/inbox", fx->dir);
	assert_int_not_equal(access(inbox, F_OK), 0);
}

/* Same seed, same bytes in every file; another seed, another batch. */
static void test_same_seed_same_files(void **state)
{
	fixture *fx = *state;
	assert_int_equal(run(fx, "--pages 10 --seed 5", "s5a"), 0);
	assert_int_equal(run(fx, "--pages 10 --seed 5", "s5b"), 0);
	assert_int_equal(run(fx, "--pages 10 --seed 6 --truth-only", "s6"), 0);
	char a[256], b[256];
	snprintf(a, sizeof a, "%s/s5a/expected.jsonl", fx->dir);
	json_t *pages = load_jsonl(a);
	assert_non_null(pages);
	assert_int_equal(json_array_size(pages), 10);
	int nfiles = 0;
	const char *prev = "";
	for (size_t i = 0; i < json_array_size(pages); i++) {
		const char *file = str(json_array_get(pages, i), "file");
		if (!strcmp(file, prev))
			continue;
		prev = file;
		snprintf(a, sizeof a, "%s/s5a/inbox/%s", fx->dir, file);
		snprintf(b, sizeof b, "%s/s5b/inbox/%s", fx->dir, file);
		assert_true(same_file(a, b));
		nfiles++;
	}
	assert_true(nfiles >= 1);
	static const char *files[] = {"expected.jsonl", "residents.csv", "batch.json"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(a, sizeof a, "%s/s5a/%s", fx->dir, files[i]);
		snprintf(b, sizeof b, "%s/s5b/%s", fx->dir, files[i]);
		assert_true(same_file(a, b));
	}
	snprintf(a, sizeof a, "%s/s5a/expected.jsonl", fx->dir);
	snprintf(b, sizeof b, "%s/s6/expected.jsonl", fx->dir);
	assert_false(same_file(a, b));
	json_decref(pages);
}

/* A registry row by rid: its status, or NULL when the rid is not there. */
static const char *registry_status(const char *csv, const char *rid, char *buf, size_t n)
{
	char key[48];
	snprintf(key, sizeof key, "\n%s,", rid);
	const char *p = strstr(csv, key);
	if (!p)
		return NULL;
	/* status is the 6th column; no field of ours holds a comma */
	for (int commas = 0; *p && commas < 5; p++)
		if (*p == ',')
			commas++;
	size_t k = 0;
	while (*p && *p != ',' && k + 1 < n)
		buf[k++] = *p++;
	buf[k] = 0;
	return buf;
}

/* Every form's payload verifies and agrees with the page, the batch and
** the registry. */
static void test_payloads_verify(void **state)
{
	fixture *fx = *state;
	const char *muni = str(fx->batch, "municipality");
	int as_of = 0;
	int y, m, d;
	assert_int_equal(sscanf(str(fx->batch, "as_of"), "%d-%d-%d", &y, &m, &d), 3);
	as_of = y * 10000 + m * 100 + d;
	char path[256];
	snprintf(path, sizeof path, "%s/test/residents.csv", fx->dir);
	size_t n;
	char *csv = slurp_file(path, &n);
	assert_non_null(csv);
	assert_true(!strncmp(csv, "rid,name,kana,birth_date,address,status,overseas,card_expiry,cert_expiry",
			     strlen("rid,name,kana,birth_date,address,status,overseas,card_expiry,cert_expiry")));
	int forms = 0;
	for (size_t i = 0; i < json_array_size(fx->pages); i++) {
		json_t *pg = json_array_get(fx->pages, i);
		if (strcmp(str(pg, "kind"), "form")) {
			assert_true(json_is_null(json_object_get(pg, "serial")));
			continue;
		}
		forms++;
		const char *s = str(pg, "payload");
		form_payload p;
		assert_int_equal(payload_parse(s, strlen(s), &p), PAYLOAD_OK);
		assert_string_equal(p.serial, str(pg, "serial"));
		assert_string_equal(p.serial, str(json_object_get(pg, "fields"), "printed_serial"));
		assert_true(p.printed <= as_of);
		assert_true(p.printed < p.exp);
		int wrong = has_defect(pg, "WRONG_MUNICIPALITY");
		assert_int_equal(strcmp(p.muni, muni) != 0, wrong);
		char st[32];
		const char *status = registry_status(csv, p.rid, st, sizeof st);
		if (has_defect(pg, "NOT_RESIDENT"))
			assert_true(!status || strcmp(status, "resident") != 0);
		else if (!wrong) {
			assert_non_null(status);
			assert_string_equal(status, "resident");
		}
	}
	assert_true(forms > 30);
	free(csv);
}

/* The test preset holds every defect code the generator can plant (all
** but LOW_CONFIDENCE, which is the pipeline's own verdict), every decision,
** page kind and scanner variation; decisions and defects agree. */
static void test_preset_coverage(void **state)
{
	fixture *fx = *state;
	int seen[DF_COUNT] = {0}, dec[5] = {0};
	int rot[4] = {0}, modes = 0, fmts = 0, kinds = 0, no_tag = 0, wrong_tag = 0;
	static const char *mode_names[] = {"color", "gray", "bw"};
	static const char *fmt_names[] = {"tiff-g4", "tiff-jpeg", "tiff-lzw", "png", "jpeg", "pnm"};
	static const char *kind_names[] = {"form", "blank", "envelope", "idcopy"};
	for (size_t i = 0; i < json_array_size(fx->pages); i++) {
		json_t *pg = json_array_get(fx->pages, i), *scan = json_object_get(pg, "scan");
		json_t *ds = json_object_get(pg, "defects");
		for (size_t k = 0; k < json_array_size(ds); k++) {
			int c = defect_from_code(json_string_value(json_array_get(ds, k)));
			assert_true(c >= 0);
			seen[c] = 1;
		}
		int d = decision_from_str(str(pg, "decision"));
		assert_true(d >= 0 && d < 5);
		dec[d] = 1;
		size_t nd = json_array_size(ds);
		switch (d) {
		case DEC_ACCEPT:
		case DEC_BLANK:
			assert_int_equal(nd, 0);
			break;
		case DEC_REJECT:
			assert_true(nd > 0);
			assert_false(has_defect(pg, "UNIDENTIFIED") || has_defect(pg, "DUPLICATE"));
			break;
		case DEC_REINQUIRY:
			assert_int_equal(nd, 1);
			assert_true(has_defect(pg, "PRINTED_DATA_CHANGED"));
			break;
		case DEC_REVIEW:
			assert_int_equal(nd, 1);
			assert_true(has_defect(pg, "UNIDENTIFIED") || has_defect(pg, "DUPLICATE"));
			break;
		}
		if (!strcmp(str(pg, "kind"), "blank"))
			assert_int_equal(d, DEC_BLANK);
		if (has_defect(pg, "DUPLICATE")) {
			/* the same serial earlier in the batch */
			int earlier = 0;
			for (size_t j = 0; j < i; j++)
				if (!strcmp(str(json_array_get(fx->pages, j), "serial"), str(pg, "serial")))
					earlier = 1;
			assert_true(earlier);
		}
		for (int k = 0; k < 4; k++) {
			if (!strcmp(str(pg, "kind"), kind_names[k]))
				kinds |= 1 << k;
			if (json_integer_value(json_object_get(scan, "rot")) == k * 90)
				rot[k] = 1;
		}
		for (int k = 0; k < 3; k++)
			if (!strcmp(str(scan, "mode"), mode_names[k]))
				modes |= 1 << k;
		for (int k = 0; k < 6; k++)
			if (!strcmp(str(scan, "format"), fmt_names[k]))
				fmts |= 1 << k;
		json_t *tag = json_object_get(scan, "dpi_tag");
		if (json_is_null(tag))
			no_tag = 1;
		else if (json_integer_value(tag) != json_integer_value(json_object_get(scan, "dpi")))
			wrong_tag = 1;
	}
	for (int k = 0; k < DF_COUNT; k++)
		if (k != DF_LOW_CONFIDENCE) {
			if (!seen[k])
				fprintf(stderr, "missing %s\n", defect_code((defect)k));
			assert_true(seen[k]);
		}
	for (int k = 0; k < 5; k++)
		assert_true(dec[k]);
	assert_int_equal(kinds, 15);
	assert_int_equal(modes, 7);
	assert_int_equal(fmts, 63);
	assert_true(rot[0] && rot[1] && rot[2] && rot[3]);
	assert_true(no_tag && wrong_tag);
}

/* A pixel of page `page` of a scan, as grey 0..255. */
static int grey_at(PIX *pix, double x, double y)
{
	int ix = (int)floor(x), iy = (int)floor(y);
	if (ix < 0 || iy < 0 || ix >= pixGetWidth(pix) || iy >= pixGetHeight(pix))
		return -1;
	l_uint32 v;
	pixGetPixel(pix, ix, iy, &v);
	switch (pixGetDepth(pix)) {
	case 1: return v ? 0 : 255;
	case 8: return (int)v;
	default: return (int)((((v >> 24) & 255) * 299 + ((v >> 16) & 255) * 587 +
			      ((v >> 8) & 255) * 114) / 1000);
	}
}

/* scan.xform maps each corner mark's centre onto dark pixels, and a point
** just inside the page from it onto paper. */
static void test_xform_finds_marks(void **state)
{
	fixture *fx = *state;
	int checked = 0;
	for (size_t i = 0; i < json_array_size(fx->pages); i++) {
		json_t *pg = json_array_get(fx->pages, i);
		if (strcmp(str(pg, "kind"), "form"))
			continue;
		json_t *x = json_object_get(json_object_get(pg, "scan"), "xform");
		assert_int_equal(json_array_size(x), 6);
		double a[6];
		for (int k = 0; k < 6; k++)
			a[k] = json_number_value(json_array_get(x, k));
		char path[512];
		snprintf(path, sizeof path, "%s/test/inbox/%s", fx->dir, str(pg, "file"));
		int page = (int)json_integer_value(json_object_get(pg, "page"));
		size_t len = strlen(path);
		PIX *pix = len > 4 && !strcmp(path + len - 4, ".tif") ? pixReadTiff(path, page - 1)
								      : pixRead(path);
		assert_non_null(pix);
		for (int f = 0; f < 4; f++) {
			const mm_box *b = &fx->fm.fiducials[f];
			double cx = b->x + b->w / 2, cy = b->y + b->h / 2;
			/* paper 2.5 mm beyond the mark, towards the middle of the page */
			double px = cx, py = cy + (f < 2 ? 1 : -1) * (b->h / 2 + 2.5);
			int dark = grey_at(pix, a[0] * cx + a[1] * cy + a[2], a[3] * cx + a[4] * cy + a[5]);
			int light = grey_at(pix, a[0] * px + a[1] * py + a[2], a[3] * px + a[4] * py + a[5]);
			assert_in_range(dark, 0, 110);
			assert_in_range(light, 150, 255);
		}
		pixDestroy(&pix);
		checked++;
	}
	assert_true(checked > 30);
}

/* Without MNIST the generator warns and draws digits in fonts. */
static void test_without_mnist(void **state)
{
	fixture *fx = *state;
	char args[256];
	snprintf(args, sizeof args, "--pages 2 --seed 3 --mnist '%s/nothing-here' 2>'%s/warn.txt'",
		 fx->dir, fx->dir);
	assert_int_equal(run(fx, args, "nomnist"), 0);
	char path[256];
	snprintf(path, sizeof path, "%s/warn.txt", fx->dir);
	size_t n;
	char *w = slurp_file(path, &n);
	assert_non_null(w);
	assert_non_null(strstr(w, "warning"));
	free(w);
	snprintf(path, sizeof path, "%s/nomnist/expected.jsonl", fx->dir);
	json_t *pages = load_jsonl(path);
	assert_non_null(pages);
	assert_int_equal(json_array_size(pages), 2);
	json_decref(pages);
}

/* The MNIST reader takes images 600-699 of each class and no other: a
** fake package whose images carry their own index and class. */
static void test_mnist_reads_600_to_699(void **state)
{
	fixture *fx = *state;
	char dir[256], path[300];
	snprintf(dir, sizeof dir, "%s/fake-mnist/src/digits", fx->dir);
	char mk[512];
	snprintf(mk, sizeof mk, "mkdir -p '%s'", dir);
	assert_int_equal(system(mk), 0);
	for (int c = 0; c < 10; c++) {
		snprintf(path, sizeof path, "%s/%d.json", dir, c);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs("{ \"data\": [", f);
		for (int i = 0; i < 720; i++)
			for (int p = 0; p < 784; p++) {
				/* pixel 0: hundreds of the index, 1: the rest, 2: class */
				double v = p == 0 ? (i / 100) / 10.0 : p == 1 ? (i % 100) / 100.0
					 : p == 2 ? c / 10.0 : 0;
				if (i || p)
					fputc(',', f);
				if (v == 0)
					fputc('0', f);
				else
					fprintf(f, "%g", v);
			}
		fputs("]}\n", f);
		fclose(f);
	}
	static mnist_set ms;
	char err[256];
	snprintf(path, sizeof path, "%s/fake-mnist", fx->dir);
	assert_int_equal(mnist_load(path, &ms, err, sizeof err), 0);
	for (int c = 0; c < 10; c++)
		for (int k = 0; k < MNIST_COUNT; k++) {
			assert_int_equal(ms.img[c][k][0], (int)(0.6 * 255 + 0.5));
			assert_int_equal(ms.img[c][k][1], (int)(k / 100.0 * 255 + 0.5));
			assert_int_equal(ms.img[c][k][2], (int)(c / 10.0 * 255 + 0.5));
		}
	snprintf(path, sizeof path, "%s/no-such-dir", fx->dir);
	assert_int_equal(mnist_load(path, &ms, err, sizeof err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_truth_only_matches_full_run),
		cmocka_unit_test(test_same_seed_same_files),
		cmocka_unit_test(test_payloads_verify),
		cmocka_unit_test(test_preset_coverage),
		cmocka_unit_test(test_xform_finds_marks),
		cmocka_unit_test(test_without_mnist),
		cmocka_unit_test(test_mnist_reads_600_to_699),
	};
	return cmocka_run_group_tests_name("generator", tests, setup, teardown);
}
