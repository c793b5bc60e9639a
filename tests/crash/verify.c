/*
** verify.c — the crash tests' judge: after any number of killed runs and a
** final clean one, is every page recorded, published and archived exactly
** once?
**
**   crash-verify --manifest M --src DIR --export FILE --out DIR --archive DIR
**                --inbox DIR [--reference FILE] [--allow-waiting N]
**                [--pictures MIN]
**
** --pictures: the runs were made with --review-pictures. Every
** review_picture of a results.jsonl must be a 0600 file in the review/
** folder (0700) of that results' own run folder, every page that names the
** places to check must have one, at least MIN must be named, and a picture
** no page names may only lie in the folder of a run that died.
**
** M lists the generated pages ("file\tpage\tserial"); DIR holds pristine
** copies of the generated files (their SHA-256 identify them). Prints one
** line per check and "N passed, M failed"; exits 1 if any check failed.
*/
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsutil.h"

static int passed, failed;

static void check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void check(int ok, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%s - ", ok ? "ok" : "not ok");
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
	if (ok)
		passed++;
	else
		failed++;
}

typedef struct {
	char file[256];
	int page;
	char serial[16];
	char sha[65];
	/* what the export says */
	int seen;
	char decision[16];
	char defects[256];
	char dup_sha[65];
	int dup_page;
	int published; /* lines in results.jsonl files */
	char pub_decision[16];
} mpage;

static mpage *pages;
static int npages;

static mpage *find(const char *sha, int page)
{
	for (int i = 0; i < npages; i++)
		if (pages[i].page == page && !strcmp(pages[i].sha, sha))
			return &pages[i];
	return NULL;
}

static const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static void defects_text(json_t *a, char *out, size_t n)
{
	out[0] = '\0';
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v)
	{
		if (out[0])
			strncat(out, ",", n - strlen(out) - 1);
		strncat(out, json_string_value(v) ? json_string_value(v) : "?", n - strlen(out) - 1);
	}
}

/* ---- walking the archive and output folders ---- */

static char **archive_shas;
static int narchive, hidden_files, results_files, results_bad_lines, foreign_lines;
static const char *walk_mode;
static int pictures_min = -1; /* --pictures MIN, or -1 */

/* --pictures: what the results name and what the review folders hold. */
static char **pic_named, **pic_files;
static int npic_named, npic_files;
static int pic_bad_place, pic_missing, pic_no_places, pic_open_dir;

static void push_str(char ***v, int *n, const char *s)
{
	*v = realloc(*v, (size_t)(*n + 1) * sizeof **v);
	(*v)[(*n)++] = strdup(s);
}

/* A REVIEW page has a reason that starts with this; a REJECT page's
** 「このほか確認が必要な箇所：…」 comes without a picture. */
static int names_places(json_t *o)
{
	static const char head[] = "確認が必要な箇所";
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(o, "reasons_ja"), i, v)
	{
		const char *t = json_string_value(v);
		if (t && strncmp(t, head, sizeof head - 1) == 0)
			return 1;
	}
	return 0;
}

/* One results line of the results.jsonl at path. */
static void check_picture(const char *path, json_t *o)
{
	const char *pic = json_string_value(json_object_get(o, "review_picture"));
	int places = names_places(o);
	if (!pic) {
		if (places) {
			pic_no_places++;
			printf("# %s page %lld names places to check but has no picture\n",
			       str(o, "file"), json_integer_value(json_object_get(o, "page")));
		}
		return;
	}
	if (!places)
		pic_no_places++;
	char want[4096], dir[4096], real[PATH_MAX], real_dir[PATH_MAX], pic_dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	*strrchr(dir, '/') = '\0';
	snprintf(pic_dir, sizeof pic_dir, "%s", pic);
	char *slash = strrchr(pic_dir, '/');
	if (slash)
		*slash = '\0';
	struct stat st;
	if (!slash || !realpath(pic, real) || !realpath(pic_dir, real_dir) ||
	    stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
		pic_missing++;
		printf("# picture %s is missing\n", pic);
		return;
	}
	push_str(&pic_named, &npic_named, real);
	char run_real[PATH_MAX];
	if (!realpath(dir, run_real))
		run_real[0] = '\0';
	snprintf(want, sizeof want, "%s/review", run_real);
	if (strcmp(want, real_dir) != 0 || (st.st_mode & 0777) != 0600) {
		pic_bad_place++;
		printf("# picture %s: mode %03o, not 0600 in %s\n", pic, (unsigned)(st.st_mode & 0777),
		       want);
	}
}

static int walk(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	if (flag != FTW_F)
		return 0;
	const char *base = path + ftw->base;
	if (base[0] == '.') {
		hidden_files++;
		printf("# leftover hidden file %s\n", path);
		return 0;
	}
	if (!strcmp(walk_mode, "archive")) {
		char hex[FS_SHA256_HEX], err[256];
		if (fs_sha256_file(path, hex, NULL, err, sizeof err) != 0)
			return 0;
		archive_shas = realloc(archive_shas, (size_t)(narchive + 1) * sizeof *archive_shas);
		archive_shas[narchive++] = strdup(hex);
		return 0;
	}
	if (pictures_min >= 0 && ftw->base >= 8 && !strncmp(base - 8, "/review/", 8)) {
		char real[PATH_MAX], dir[PATH_MAX];
		if (realpath(path, real))
			push_str(&pic_files, &npic_files, real);
		snprintf(dir, sizeof dir, "%.*s", ftw->base - 1, path);
		struct stat ds;
		if (stat(dir, &ds) == 0 && (ds.st_mode & 0777) != 0700) {
			pic_open_dir++;
			printf("# %s has mode %03o\n", dir, (unsigned)(ds.st_mode & 0777));
		}
		return 0;
	}
	if (strcmp(base, "results.jsonl") != 0)
		return 0;
	results_files++;
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	char line[65536];
	while (fgets(line, sizeof line, f)) {
		json_t *o = json_loads(line, 0, NULL);
		if (!json_is_object(o)) {
			results_bad_lines++;
			json_decref(o);
			continue;
		}
		if (pictures_min >= 0)
			check_picture(path, o);
		mpage *p = find(str(o, "sha256"), (int)json_integer_value(json_object_get(o, "page")));
		if (!p)
			foreign_lines++;
		else {
			p->published++;
			snprintf(p->pub_decision, sizeof p->pub_decision, "%s", str(o, "decision"));
		}
		json_decref(o);
	}
	fclose(f);
	return 0;
}

/* Pictures no page names: only a run that died may leave them (written
** before its pages were recorded); the run that rebuilt its results said
** so in its report. */
static void check_orphans(void)
{
	int orphans = 0, orphans_bad = 0;
	for (int i = 0; i < npic_files; i++) {
		int named = 0;
		for (int k = 0; k < npic_named && !named; k++)
			named = !strcmp(pic_files[i], pic_named[k]);
		if (named)
			continue;
		orphans++;
		char report[PATH_MAX + 32], buf[4096] = "";
		snprintf(report, sizeof report, "%s", pic_files[i]);
		char *cut = strstr(report, "/review/");
		if (cut)
			strcpy(cut, "/report.txt");
		FILE *f = cut ? fopen(report, "r") : NULL;
		if (f) {
			size_t n = fread(buf, 1, sizeof buf - 1, f);
			buf[n] = '\0';
			fclose(f);
		}
		if (!strstr(buf, "state: interrupted before it finished")) {
			orphans_bad++;
			printf("# %s is named by no page of a run that finished\n", pic_files[i]);
		}
	}
	check(pic_missing == 0 && pic_bad_place == 0 && pic_open_dir == 0,
	      "pictures: %d named, each a 0600 file in its own run's review folder (0700) "
	      "(%d missing, %d misplaced or open, %d open folders)",
	      npic_named, pic_missing, pic_bad_place, pic_open_dir);
	check(npic_named >= pictures_min && pic_no_places == 0,
	      "pictures: one for each page that names places to check, at least %d (%d named, "
	      "%d without)", pictures_min, npic_named, pic_no_places);
	check(orphans_bad == 0, "pictures: %d named by no page, all in runs that died (%d not)",
	      orphans, orphans_bad);
	for (int i = 0; i < npic_named; i++)
		free(pic_named[i]);
	for (int i = 0; i < npic_files; i++)
		free(pic_files[i]);
	free(pic_named);
	free(pic_files);
}

int main(int argc, char **argv)
{
	const char *manifest = NULL, *src = NULL, *export = NULL, *out = NULL, *archive = NULL,
		   *inbox = NULL, *reference = NULL;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--manifest")) manifest = argv[i + 1];
		else if (!strcmp(argv[i], "--src")) src = argv[i + 1];
		else if (!strcmp(argv[i], "--export")) export = argv[i + 1];
		else if (!strcmp(argv[i], "--out")) out = argv[i + 1];
		else if (!strcmp(argv[i], "--archive")) archive = argv[i + 1];
		else if (!strcmp(argv[i], "--inbox")) inbox = argv[i + 1];
		else if (!strcmp(argv[i], "--reference")) reference = argv[i + 1];
		else if (!strcmp(argv[i], "--pictures")) pictures_min = atoi(argv[i + 1]);
		else {
			fprintf(stderr, "crash-verify: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	if (!manifest || !src || !export || !out || !archive || !inbox) {
		fprintf(stderr, "crash-verify: missing options\n");
		return 2;
	}

	/* The manifest, with each file's SHA-256 from its pristine copy. */
	FILE *f = fopen(manifest, "r");
	if (!f) {
		perror(manifest);
		return 2;
	}
	char line[65536];
	int cap = 0;
	while (fgets(line, sizeof line, f)) {
		if (npages == cap) {
			cap = cap ? 2 * cap : 128;
			pages = realloc(pages, (size_t)cap * sizeof *pages);
		}
		mpage *p = &pages[npages];
		memset(p, 0, sizeof *p);
		if (sscanf(line, "%255[^\t]\t%d\t%15s", p->file, &p->page, p->serial) != 3)
			continue;
		if (!strcmp(p->serial, "-"))
			p->serial[0] = '\0';
		char path[4096], err[256];
		snprintf(path, sizeof path, "%s/%s", src, p->file);
		if (fs_sha256_file(path, p->sha, NULL, err, sizeof err) != 0) {
			fprintf(stderr, "crash-verify: %s\n", err);
			return 2;
		}
		npages++;
	}
	fclose(f);
	int nfiles = 0;
	for (int i = 0; i < npages; i++)
		if (pages[i].page == 1)
			nfiles++;
	printf("# manifest: %d files, %d pages\n", nfiles, npages);

	/* 1. The ledger export: each page exactly once, nothing else. */
	f = fopen(export, "r");
	if (!f) {
		perror(export);
		return 2;
	}
	int lines = 0, bad = 0, extra = 0, twice = 0, keys_missing = 0;
	while (fgets(line, sizeof line, f)) {
		lines++;
		json_t *o = json_loads(line, 0, NULL);
		if (!json_is_object(o)) {
			bad++;
			json_decref(o);
			continue;
		}
		static const char *const keys[] = {"sha256", "file", "page", "serial", "decision",
						   "defects", "run"};
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			if (!json_object_get(o, keys[k]))
				keys_missing++;
		mpage *p = find(str(o, "sha256"), (int)json_integer_value(json_object_get(o, "page")));
		if (!p) {
			extra++;
			printf("# export has a page not generated: %s page %lld\n", str(o, "file"),
			       json_integer_value(json_object_get(o, "page")));
		} else {
			if (p->seen++)
				twice++;
			snprintf(p->decision, sizeof p->decision, "%s", str(o, "decision"));
			defects_text(json_object_get(o, "defects"), p->defects, sizeof p->defects);
			json_t *d = json_object_get(o, "duplicate_of");
			if (d) {
				snprintf(p->dup_sha, sizeof p->dup_sha, "%s", str(d, "sha256"));
				p->dup_page = (int)json_integer_value(json_object_get(d, "page"));
			}
			const char *ser = json_string_value(json_object_get(o, "serial"));
			if (strcmp(ser ? ser : "", p->serial) != 0)
				printf("# %s page %d: serial %s read, %s generated\n", p->file, p->page,
				       ser ? ser : "null", p->serial[0] ? p->serial : "none");
		}
		json_decref(o);
	}
	fclose(f);
	int missing = 0;
	for (int i = 0; i < npages; i++)
		if (!pages[i].seen) {
			missing++;
			printf("# not recorded: %s page %d\n", pages[i].file, pages[i].page);
		}
	check(bad == 0 && keys_missing == 0, "export: %d lines, all JSON with the required keys "
	      "(%d bad, %d keys missing)", lines, bad, keys_missing);
	check(missing == 0, "export: every generated page recorded (%d of %d missing)", missing,
	      npages);
	check(twice == 0, "export: no page recorded twice (%d doubles)", twice);
	check(extra == 0, "export: nothing recorded that was not generated (%d extra)", extra);

	/* 2. Re-scans: the first page with a serial is the original; every later
	** one is REVIEW/DUPLICATE and points to it. */
	int dup_ok = 0, dup_bad = 0, orig_bad = 0;
	for (int i = 0; i < npages; i++) {
		if (!pages[i].serial[0] || !pages[i].seen)
			continue;
		const mpage *first = NULL;
		for (int j = 0; j < i && !first; j++)
			if (!strcmp(pages[j].serial, pages[i].serial))
				first = &pages[j];
		int is_dup = strstr(pages[i].defects, "DUPLICATE") != NULL;
		if (!first) {
			if (is_dup || pages[i].dup_sha[0]) {
				orig_bad++;
				printf("# %s page %d is the first with %s but marked duplicate\n",
				       pages[i].file, pages[i].page, pages[i].serial);
			}
		} else if (is_dup && !strcmp(pages[i].decision, "REVIEW") &&
			   !strcmp(pages[i].dup_sha, first->sha) && pages[i].dup_page == first->page) {
			dup_ok++;
		} else {
			dup_bad++;
			printf("# %s page %d re-scans %s (first %s page %d) but is %s [%s] -> %.12s/%d\n",
			       pages[i].file, pages[i].page, pages[i].serial, first->file, first->page,
			       pages[i].decision, pages[i].defects, pages[i].dup_sha, pages[i].dup_page);
		}
	}
	check(dup_bad == 0 && orig_bad == 0, "duplicates: %d re-scans REVIEW/DUPLICATE with a "
	      "pointer to the first page (%d wrong, %d originals marked)", dup_ok, dup_bad, orig_bad);

	/* 3. Published results: each page in exactly one results.jsonl. */
	walk_mode = "out";
	hidden_files = 0;
	nftw(out, walk, 16, FTW_PHYS);
	int pub_missing = 0, pub_twice = 0, pub_diff = 0;
	for (int i = 0; i < npages; i++) {
		if (pages[i].published == 0)
			pub_missing++;
		else if (pages[i].published > 1)
			pub_twice++;
		else if (strcmp(pages[i].pub_decision, pages[i].decision))
			pub_diff++;
	}
	check(results_bad_lines == 0, "results: %d results.jsonl files parse (%d bad lines)",
	      results_files, results_bad_lines);
	check(pub_missing == 0 && pub_twice == 0 && foreign_lines == 0,
	      "results: every page published exactly once (%d missing, %d twice, %d foreign)",
	      pub_missing, pub_twice, foreign_lines);
	check(pub_diff == 0, "results: published decisions equal the ledger's (%d differ)",
	      pub_diff);
	check(hidden_files == 0, "output: no temporary file left (%d)", hidden_files);
	if (pictures_min >= 0)
		check_orphans();

	/* 4. The archive: each input file exactly once, no partial copy. */
	walk_mode = "archive";
	hidden_files = 0;
	nftw(archive, walk, 16, FTW_PHYS);
	int arch_missing = 0, arch_twice = 0, arch_foreign = 0;
	for (int i = 0; i < npages; i++) {
		if (pages[i].page != 1)
			continue;
		int n = 0;
		for (int k = 0; k < narchive; k++)
			n += !strcmp(archive_shas[k], pages[i].sha);
		if (n == 0) {
			arch_missing++;
			printf("# not in the archive: %s\n", pages[i].file);
		} else if (n > 1) {
			arch_twice++;
			printf("# %d times in the archive: %s\n", n, pages[i].file);
		}
	}
	for (int k = 0; k < narchive; k++) {
		int known = 0;
		for (int i = 0; i < npages && !known; i++)
			known = !strcmp(archive_shas[k], pages[i].sha);
		arch_foreign += !known;
	}
	check(arch_missing == 0 && arch_twice == 0 && arch_foreign == 0,
	      "archive: %d files, each input exactly once (%d missing, %d twice, %d foreign)",
	      narchive, arch_missing, arch_twice, arch_foreign);
	check(hidden_files == 0, "archive: no partial copy left (%d)", hidden_files);

	/* 5. The inbox is empty. */
	walk_mode = "archive";
	int before = narchive;
	hidden_files = 0;
	nftw(inbox, walk, 16, FTW_PHYS);
	check(narchive == before && hidden_files == 0, "inbox: empty (%d files left)",
	      narchive - before + hidden_files);

	/* 6. Crashes changed no decision: compare with an uninterrupted run. */
	if (reference) {
		f = fopen(reference, "r");
		if (!f) {
			perror(reference);
			return 2;
		}
		int same = 0, diff = 0;
		while (fgets(line, sizeof line, f)) {
			json_t *o = json_loads(line, 0, NULL);
			mpage *p = json_is_object(o) ? find(str(o, "sha256"),
				(int)json_integer_value(json_object_get(o, "page"))) : NULL;
			if (!p) {
				diff++;
				json_decref(o);
				continue;
			}
			char defs[256], dsha[65] = "";
			int dpage = 0;
			defects_text(json_object_get(o, "defects"), defs, sizeof defs);
			json_t *d = json_object_get(o, "duplicate_of");
			if (d) {
				snprintf(dsha, sizeof dsha, "%s", str(d, "sha256"));
				dpage = (int)json_integer_value(json_object_get(d, "page"));
			}
			if (!strcmp(p->decision, str(o, "decision")) && !strcmp(p->defects, defs) &&
			    !strcmp(p->dup_sha, dsha) && p->dup_page == dpage)
				same++;
			else {
				diff++;
				printf("# %s page %d: %s [%s] after crashes, %s [%s] without\n", p->file,
				       p->page, p->decision, p->defects, str(o, "decision"), defs);
			}
			json_decref(o);
		}
		fclose(f);
		check(diff == 0 && same == npages, "reference: %d of %d pages decided as in an "
		      "uninterrupted run (%d differ)", same, npages, diff);
	}

	for (int k = 0; k < narchive; k++)
		free(archive_shas[k]);
	free(archive_shas);
	free(pages);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
