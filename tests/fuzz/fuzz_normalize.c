/*
** fuzz_normalize.c — libFuzzer target for the text folding, address
** parsing and comparison functions (normalize.h). OCR output is untrusted,
** so every string is arbitrary bytes.
**
** Input: byte 0 the confidence, byte 1 the gate, byte 2 the number of
** readings and a small output size; then strings separated by NUL bytes:
** the registry value, the readings, then the municipality and its towns.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "fuzzutil.h"

#define MAXS 12

static int known_odd(void *ctx, long c)
{
	(void)ctx;
	return (int)(c & 1);
}

/* Every function that writes text into out, at full and at a small size. */
static void text_functions(const char *s, size_t small)
{
	char out[4096], tiny[64];
	int n = norm_text(s, out, sizeof out);
	if (n >= 0) {
		check((size_t)n == strlen(out));
		/* folding twice changes nothing */
		char again[4096];
		check(norm_text(out, again, sizeof again) == n && !strcmp(out, again));
	}
	int m = norm_text(s, tiny, small);
	check(m < 0 || (size_t)m < small);

	address_parts a;
	if (address_parse(s, &a) == 0) {
		check(a.nnum >= 0 && a.nnum <= ADDR_MAX_NUMS);
		check(memchr(a.pref, 0, sizeof a.pref) && memchr(a.locality, 0, sizeof a.locality) &&
		      memchr(a.building, 0, sizeof a.building));
		int k = address_canonical(&a, out, sizeof out);
		check(k < 0 || (size_t)k == strlen(out));
		address_canonical(&a, tiny, small);
	}

	check(ocr_tidy(s, tiny, small) < (int)small || small == 0);
	ocr_tidy(s, out, sizeof out);
	int f = address_fix_chome(s, out, sizeof out);
	check(f >= -1 && f <= 1);
	address_fix_chome(s, tiny, small);
	f = address_fix_go(s, out, sizeof out);
	check(f >= -1 && f <= 1);
	address_fix_go(s, tiny, small);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3 || size > 8192)
		return 0;
	double conf = data[0] / 255.0, gate = data[1] / 255.0;
	int nreads = 1 + data[2] % 6;
	size_t small = (size_t)(data[2] >> 3) % 64;
	data += 3, size -= 3;

	/* split into NUL-terminated strings, each its own exact-size block */
	char *s[MAXS];
	int ns = 0;
	size_t start = 0;
	for (size_t i = 0; i <= size && ns < MAXS; i++)
		if (i == size || data[i] == 0) {
			size_t len = i - start;
			s[ns] = malloc(len + 1);
			if (!s[ns])
				break;
			memcpy(s[ns], data + start, len);
			s[ns][len] = 0;
			ns++;
			start = i + 1;
		}
	if (ns == 0)
		return 0;

	for (int i = 0; i < ns; i++)
		text_functions(s[i], small);

	const char *reg = s[0];
	const char *const *reads = (const char *const *)(ns > 1 ? s + 1 : s);
	int nr = ns > 1 ? ns - 1 : 1;
	if (nreads > nr)
		nreads = nr;

	cmp_detail d;
	for (int i = 0; i < nr; i++) {
		int e = utf8_edit_distance(reads[i], reg);
		check(e == utf8_edit_distance(reg, reads[i]));
		if (e >= 0)
			check(utf8_edit_distance(reg, reg) == 0);
		cmp_result r = compare_address(reads[i], conf, reg, gate, &d);
		check(r == d.result && memchr(d.why, 0, sizeof d.why));
		r = compare_name(reads[i], conf, reg, gate, &d);
		check(r == d.result && memchr(d.why, 0, sizeof d.why));
		compare_address(reads[i], conf, reg, gate, NULL);
	}
	cmp_result r = compare_address_reads(reads, nreads, conf, reg, gate, &d);
	check(r == d.result && cmp_result_str(r) != NULL);
	r = compare_name_reads(reads, nreads, conf, reg, gate, &d);
	check(r == d.result);
	compare_address_reads(reads, nreads, conf, reg, gate, NULL);
	compare_name_reads(reads, nreads, conf, reg, gate, NULL);
	ocr_plausible_errors(nr * 37 - 20, conf);

	/* the town fix: the first string read, the second the municipality,
	** the rest its towns */
	char out[4096], tiny[64];
	const char *muni = ns > 1 ? s[1] : "東京都世田谷区";
	const char *const *towns = (const char *const *)(ns > 2 ? s + 2 : NULL);
	int nt = ns > 2 ? ns - 2 : 0;
	int f = address_fix_town(s[0], muni, towns, nt, NULL, NULL, out, sizeof out);
	check(f >= -1 && f <= 1);
	if (f >= 0)
		check(memchr(out, 0, sizeof out) != NULL);
	address_fix_town(s[0], muni, towns, nt, known_odd, NULL, out, sizeof out);
	address_fix_town(s[0], muni, towns, nt, known_odd, NULL, tiny, small);

	for (int i = 0; i < ns; i++)
		free(s[i]);
	return 0;
}
