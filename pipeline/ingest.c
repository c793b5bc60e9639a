/*
** ingest.c — list input files and decode their pages with Leptonica.
*/
#include "ingest.h"

#include <dirent.h>
#include <errno.h>
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct ingest_doc {
	char *path;
	int format; /* Leptonica IFF_* */
	int npages;
};

static int list_add(path_list *l, const char *p)
{
	if (l->n == l->cap) {
		int cap = l->cap ? 2 * l->cap : 16;
		char **np = realloc(l->paths, (size_t)cap * sizeof *np);
		if (!np)
			return -1;
		l->paths = np;
		l->cap = cap;
	}
	if (!(l->paths[l->n] = strdup(p)))
		return -1;
	l->n++;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int ingest_expand(const char *input, path_list *list, char *err, size_t errlen)
{
	struct stat st;
	if (stat(input, &st) != 0) {
		snprintf(err, errlen, "%s: %s", input, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return list_add(list, input);

	DIR *dir = opendir(input);
	if (!dir) {
		snprintf(err, errlen, "%s: %s", input, strerror(errno));
		return -1;
	}
	path_list found = {0};
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char p[4096];
		snprintf(p, sizeof p, "%s/%s", input, e->d_name);
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && list_add(&found, p)) {
			rc = -1;
			break;
		}
	}
	closedir(dir);
	if (found.n)
		qsort(found.paths, (size_t)found.n, sizeof *found.paths, cmp_str);
	for (int i = 0; rc == 0 && i < found.n; i++)
		rc = list_add(list, found.paths[i]);
	path_list_free(&found);
	if (rc)
		snprintf(err, errlen, "%s: out of memory", input);
	return rc;
}

void path_list_free(path_list *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	memset(l, 0, sizeof *l);
}

static int is_tiff(int f)
{
	return f == IFF_TIFF || f == IFF_TIFF_PACKBITS || f == IFF_TIFF_RLE ||
	       f == IFF_TIFF_G3 || f == IFF_TIFF_G4 || f == IFF_TIFF_LZW ||
	       f == IFF_TIFF_ZIP || f == IFF_TIFF_JPEG;
}

int ingest_open(const char *path, ingest_doc **out, char *err, size_t errlen)
{
	*out = NULL;
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		snprintf(err, errlen, "cannot open: %s", strerror(errno));
		return -1;
	}
	l_int32 fmt = IFF_UNKNOWN;
	if (findFileFormatStream(fp, &fmt) != 0 || fmt == IFF_UNKNOWN) {
		fclose(fp);
		snprintf(err, errlen, "not an image file Leptonica can read");
		return -1;
	}
	l_int32 n = 1;
	if (is_tiff(fmt)) {
		rewind(fp);
		if (tiffGetCount(fp, &n) != 0 || n < 1) {
			fclose(fp);
			snprintf(err, errlen, "TIFF directory cannot be read");
			return -1;
		}
	}
	fclose(fp);
	ingest_doc *d = calloc(1, sizeof *d);
	if (!d || !(d->path = strdup(path))) {
		free(d);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	d->format = fmt;
	d->npages = n;
	*out = d;
	return 0;
}

int ingest_npages(const ingest_doc *d)
{
	return d->npages;
}

PIX *ingest_page(ingest_doc *d, int i, char *err, size_t errlen)
{
	if (i < 0 || i >= d->npages) {
		snprintf(err, errlen, "page %d out of range", i + 1);
		return NULL;
	}
	PIX *pix = is_tiff(d->format) ? pixReadTiff(d->path, i) : pixRead(d->path);
	if (!pix) {
		snprintf(err, errlen, "page %d cannot be decoded", i + 1);
		return NULL;
	}
	if (pixGetWidth(pix) < 200 || pixGetHeight(pix) < 200) {
		snprintf(err, errlen, "page %d is too small (%dx%d px) to be a scan",
			 i + 1, pixGetWidth(pix), pixGetHeight(pix));
		pixDestroy(&pix);
		return NULL;
	}
	return pix;
}

void ingest_close(ingest_doc *d)
{
	if (!d)
		return;
	free(d->path);
	free(d);
}

struct Pix *ingest_load_page(const char *path, int i, char *err, size_t errlen)
{
	ingest_doc *d;
	if (ingest_open(path, &d, err, errlen) != 0)
		return NULL;
	struct Pix *p = ingest_page(d, i, err, errlen);
	ingest_close(d);
	return p;
}
