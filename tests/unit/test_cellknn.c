/*
** test_cellknn.c — the nearest-reference second opinion: the file (written,
** read back, missing, damaged), the vote, and how it reweighs a doubtful
** digit and leaves a sure one alone.
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

#include "cellknn.h"
#include "cellrec.h"

enum { SIDE = CELLREC_NORM, NPX = SIDE * SIDE };

/* Ten glyphs unlike each other: digit d is a bar at its own angle. */
static void bar(float *g, int d, double shift)
{
	memset(g, 0, sizeof(float) * NPX);
	double a = d * M_PI / 10;
	for (double t = -10; t <= 10; t += 0.25) {
		int x = (int)lround(14 + shift + t * cos(a)), y = (int)lround(14 + t * sin(a));
		for (int dy = -1; dy <= 1; dy++)
			for (int dx = -1; dx <= 1; dx++)
				if (x + dx >= 0 && x + dx < SIDE && y + dy >= 0 && y + dy < SIDE)
					g[(y + dy) * SIDE + x + dx] = 1;
	}
}

static char dir[64], path[128];

/* A reference file of the ten bars, three copies each (shifted 0, +1, -1 px). */
static int setup(void **state)
{
	snprintf(dir, sizeof dir, "/tmp/test_cellknn_XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/%s", dir, CELLKNN_FILE);
	static float g[30 * NPX];
	unsigned char dig[30];
	for (int i = 0; i < 30; i++) {
		bar(g + (size_t)i * NPX, i % 10, i < 10 ? 0 : i < 20 ? 1 : -1);
		dig[i] = (unsigned char)(i % 10);
	}
	char err[256];
	if (cellknn_save(path, g, dig, 30, err, sizeof err) != 0)
		return -1;
	cellknn *k = NULL;
	if (cellknn_load(dir, &k, err, sizeof err) != 0)
		return -1;
	*state = k;
	return 0;
}

static int teardown(void **state)
{
	cellknn_free(*state);
	unlink(path);
	rmdir(dir);
	return 0;
}

static void test_vote(void **state)
{
	const cellknn *k = *state;
	float g[NPX];
	for (int d = 0; d < 10; d++) {
		bar(g, d, 0.5); /* between two references of its own */
		double q[10], sum = 0;
		cellknn_shares(k, g, q);
		int best = 0;
		for (int c = 0; c < 10; c++) {
			assert_true(q[c] > 0); /* smoothed: no digit is ruled out */
			sum += q[c];
			if (q[c] > q[best])
				best = c;
		}
		assert_int_equal(best, d);
		assert_true(fabs(sum - 1) < 1e-9);
		/* three of its own among five voters: a likelihood ratio, no
		** certainty */
		assert_true(q[d] > 0.4 && q[d] < 0.9);
	}
}

static void test_reweigh(void **state)
{
	const cellknn *k = *state;
	float g[NPX];
	bar(g, 3, 0);
	/* the SVM prefers 8 (0.5) to 3 (0.4); letters and marks 0.05 */
	double p[CELLREC_NCLASS] = {0};
	p[8] = 0.5;
	p[3] = 0.4;
	p[1] = 0.05;
	p[12] = 0.03;
	p[CELLREC_OTHER] = 0.02;
	assert_int_equal(cellknn_reweigh(k, g, p), 1);
	assert_true(p[3] > p[8]); /* the references are all for 3 */
	double digits = 0;
	for (int d = 0; d < 10; d++)
		digits += p[d];
	assert_true(fabs(digits - 0.95) < 1e-9); /* the digit mass is kept */
	assert_true(p[12] == 0.03 && p[CELLREC_OTHER] == 0.02);
	/* a sure 8 (0.995 of the digit mass) is left as it is */
	double s[CELLREC_NCLASS] = {0};
	s[8] = 0.995;
	s[3] = 0.005;
	assert_int_equal(cellknn_reweigh(k, g, s), 0);
	assert_true(s[8] == 0.995 && s[3] == 0.005);
}

static void test_files(void **state)
{
	(void)state;
	char err[256] = "";
	cellknn *k = (cellknn *)1;
	/* no file: no second opinion, and no error */
	assert_int_equal(cellknn_load("/nonexistent-dir", &k, err, sizeof err), 1);
	assert_null(k);
	/* a damaged copy: one byte changed */
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	fseek(f, 100, SEEK_SET);
	int c = fgetc(f);
	fseek(f, 100, SEEK_SET);
	fputc(c ^ 0x55, f);
	fclose(f);
	assert_int_equal(cellknn_load(dir, &k, err, sizeof err), -1);
	assert_null(k);
	assert_non_null(strstr(err, "damaged"));
	/* a cut one */
	assert_int_equal(truncate(path, 500), 0);
	assert_int_equal(cellknn_load(dir, &k, err, sizeof err), -1);
	assert_non_null(strstr(err, "not a reference file"));
}

/* The committed references load, and cellrec_load takes them. */
static void test_committed(void **state)
{
	(void)state;
	const char *root = getenv("SHOKAI_ROOT");
	char models[1024], err[256];
	snprintf(models, sizeof models, "%s/models", root ? root : ".");
	cellknn *k = NULL;
	assert_int_equal(cellknn_load(models, &k, err, sizeof err), 0);
	assert_non_null(k);
	cellknn_free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_vote, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reweigh, setup, teardown),
		cmocka_unit_test_setup_teardown(test_files, setup, teardown),
		cmocka_unit_test(test_committed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
