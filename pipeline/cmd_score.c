/*
** cmd_score.c — `shokai score --expected expected.jsonl results.jsonl`:
** compare a run with the truth of a sample batch (SPEC §8). Pages are
** matched on the file's base name and the page number.
**
** Prints each page that differs, then one line:
**   score: pages=N decisions=NN.N% false_accept=N wrong_serial=N
**          missing_serial=N lost=N extra=N defects_named=N/M
**          residual_max_mm=X xform_pages=N xform_max_mm=X blank=N/M foreign=N/M
** (xform: the fitted map against the generator's known one, where the
** truth has scan.xform.)
*/
#include <ctype.h>
#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <math.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "fsutil.h"
#include "geom.h"
#include "model.h"

static json_t *load_lines(const char *path, char *err, size_t n)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, n, "%s: cannot open", path);
		return NULL;
	}
	json_t *arr = json_array();
	char line[1 << 16];
	int lineno = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (line[0] == '\n')
			continue;
		json_error_t je;
		json_t *o = json_loads(line, 0, &je);
		if (!json_is_object(o)) {
			snprintf(err, n, "%s:%d: %s", path, lineno, je.text);
			json_decref(o);
			json_decref(arr);
			fclose(f);
			return NULL;
		}
		json_array_append_new(arr, o);
	}
	fclose(f);
	return arr;
}

static json_t *find_page(json_t *arr, const char *file, json_int_t page)
{
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o) {
		const char *f = json_string_value(json_object_get(o, "file"));
		if (f && !strcmp(fs_basename(f), fs_basename(file)) &&
		    json_integer_value(json_object_get(o, "page")) == page)
			return o;
	}
	return NULL;
}

static int read_affine(json_t *a, affine *t)
{
	if (!json_is_array(a) || json_array_size(a) != 6)
		return -1;
	double v[6];
	for (size_t i = 0; i < 6; i++) {
		if (!json_is_number(json_array_get(a, i)))
			return -1;
		v[i] = json_number_value(json_array_get(a, i));
	}
	*t = (affine){v[0], v[1], v[2], v[3], v[4], v[5]};
	return 0;
}

/* Largest distance, in mm, between where the truth's map and the fitted map
** put a corner of any field. */
static double xform_error(const form_model *m, const affine *want, const affine *got)
{
	double worst = 0, s = affine_scale(want);
	for (int i = 0; i < m->nfields; i++) {
		const mm_box *b = &m->fields[i].box;
		point2 c[4] = {{b->x, b->y}, {b->x + b->w, b->y}, {b->x, b->y + b->h},
			       {b->x + b->w, b->y + b->h}};
		for (int k = 0; k < 4; k++) {
			point2 p = affine_apply(want, c[k]), q = affine_apply(got, c[k]);
			double e = hypot(p.x - q.x, p.y - q.y) / s;
			worst = e > worst ? e : worst;
		}
	}
	return worst;
}

/* Does buf hold pin? A PIN of digits only counts when it stands alone
** (not inside a longer number such as a confidence 0.50241 or 1639.73);
** one with a letter counts anywhere. */
static int holds_pin(const char *buf, size_t n, const char *pin)
{
	size_t k = strlen(pin);
	int digits = strspn(pin, "0123456789") == k;
	for (const char *p = buf; k && p + k <= buf + n; p++) {
		p = memmem(p, (size_t)(buf + n - p), pin, k);
		if (!p)
			break;
		if (!digits)
			return 1;
		int before = p > buf && (isdigit((unsigned char)p[-1]) || p[-1] == '.');
		int after = p + k < buf + n && (isdigit((unsigned char)p[k]) || p[k] == '.');
		if (!before && !after)
			return 1;
	}
	return 0;
}

/* Count files under dir that hold any PIN of the truth. */
static int pin_leaks(const char *dir, json_t *truth)
{
	int leaks = 0;
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char p[4096];
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(p, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			leaks += pin_leaks(p, truth);
			continue;
		}
		FILE *f = fopen(p, "rb");
		if (!f)
			continue;
		char *buf = malloc((size_t)st.st_size + 1);
		size_t n = buf ? fread(buf, 1, (size_t)st.st_size, f) : 0;
		fclose(f);
		size_t i;
		json_t *t;
		int hit = 0;
		json_array_foreach(truth, i, t) {
			json_t *fl = json_object_get(t, "fields");
			const char *keys[] = {"pin_sign", "pin_user"};
			for (int k = 0; k < 2 && !hit; k++) {
				const char *pin = json_string_value(json_object_get(fl, keys[k]));
				if (pin && strlen(pin) >= 4 && holds_pin(buf, n, pin)) {
					hit = 1;
					printf("PIN     %s holds the %s of %s p%d\n", p, keys[k],
					       json_string_value(json_object_get(t, "file")),
					       (int)json_integer_value(json_object_get(t, "page")));
				}
			}
		}
		leaks += hit;
		free(buf);
	}
	closedir(d);
	return leaks;
}

static int has_code(json_t *defects, const char *code)
{
	size_t i;
	json_t *d;
	json_array_foreach(defects, i, d)
		if (json_is_string(d) && !strcmp(json_string_value(d), code))
			return 1;
	return 0;
}

static void codes(json_t *defects, char *buf, size_t n)
{
	size_t i;
	json_t *d;
	buf[0] = 0;
	json_array_foreach(defects, i, d) {
		if (buf[0])
			strncat(buf, ",", n - strlen(buf) - 1);
		strncat(buf, json_string_value(d) ? json_string_value(d) : "?",
			n - strlen(buf) - 1);
	}
}

int cmd_score(int argc, char **argv)
{
	static const struct option opts[] = {
		{"expected", required_argument, NULL, 'e'},
		{"quiet", no_argument, NULL, 'q'},
		{"pins-under", required_argument, NULL, 'p'},
		{NULL, 0, NULL, 0},
	};
	const char *expected = NULL, *pins_under = NULL;
	int quiet = 0, c;
	while ((c = getopt_long(argc, argv, "e:q", opts, NULL)) != -1) {
		if (c == 'e')
			expected = optarg;
		else if (c == 'q')
			quiet = 1;
		else if (c == 'p')
			pins_under = optarg;
		else
			return EXIT_USAGE;
	}
	if (!expected || optind != argc - 1) {
		fprintf(stderr, "usage: shokai score --expected expected.jsonl [--pins-under DIR] "
				"[--quiet] results.jsonl\n");
		return EXIT_USAGE;
	}
	char err[512];
	json_t *truth = load_lines(expected, err, sizeof err);
	json_t *got = truth ? load_lines(argv[optind], err, sizeof err) : NULL;
	if (!truth || !got) {
		cli_log("error", "%s", err);
		json_decref(truth);
		return EXIT_USAGE;
	}
	int pages = 0, right = 0, false_accept = 0, wrong_serial = 0, missing_serial = 0;
	int lost = 0, named = 0, to_name = 0, nxform = 0;
	int blanks = 0, blank_right = 0, foreign = 0, foreign_right = 0;
	double xform_max = 0, resid_max = 0;
	char model_path[4096];
	form_model m;
	cli_model_path("jlis-shokaisho-v1.json", model_path, sizeof model_path);
	int have_model = model_load(model_path, &m, err, sizeof err) == 0;
	size_t i;
	json_t *t;
	json_array_foreach(truth, i, t) {
		pages++;
		const char *file = json_string_value(json_object_get(t, "file"));
		json_int_t page = json_integer_value(json_object_get(t, "page"));
		json_t *g = find_page(got, file ? file : "", page);
		if (!g) {
			lost++;
			printf("LOST    %s p%d\n", file, (int)page);
			continue;
		}
		const char *td = json_string_value(json_object_get(t, "decision"));
		const char *gd = json_string_value(json_object_get(g, "decision"));
		const char *ts = json_string_value(json_object_get(t, "serial"));
		const char *gs = json_string_value(json_object_get(g, "serial"));
		json_t *tdef = json_object_get(t, "defects"), *gdef = json_object_get(g, "defects");
		int ok = td && gd && !strcmp(td, gd);
		if (ok && !strcmp(td, "REJECT")) {
			/* A REJECT is right only with the truth's defects named. */
			size_t k;
			json_t *d;
			json_array_foreach(tdef, k, d)
				if (!has_code(gdef, json_string_value(d)))
					ok = 0;
		}
		if (td && !strcmp(td, "REJECT")) {
			size_t k;
			json_t *d;
			json_array_foreach(tdef, k, d) {
				to_name++;
				named += gd && !strcmp(gd, "REJECT") &&
					 has_code(gdef, json_string_value(d));
			}
		}
		right += ok;
		const char *kind = json_string_value(json_object_get(t, "kind"));
		if (kind && !strcmp(kind, "blank")) {
			blanks++;
			blank_right += gd && !strcmp(gd, "BLANK");
		} else if (kind && strcmp(kind, "form")) {
			foreign++;
			foreign_right += gd && !strcmp(gd, "REVIEW") &&
					 has_code(gdef, "UNIDENTIFIED") && !gs;
		}
		json_t *reg = json_object_get(g, "registration");
		affine want, fit;
		if (reg && json_is_number(json_object_get(reg, "max_mm"))) {
			double r = json_number_value(json_object_get(reg, "max_mm"));
			resid_max = r > resid_max ? r : resid_max;
		}
		if (have_model && reg &&
		    read_affine(json_object_get(json_object_get(t, "scan"), "xform"), &want) == 0 &&
		    read_affine(json_object_get(reg, "xform"), &fit) == 0) {
			double e = xform_error(&m, &want, &fit);
			xform_max = e > xform_max ? e : xform_max;
			nxform++;
		}
		if (gd && !strcmp(gd, "ACCEPT") && !(td && !strcmp(td, "ACCEPT")))
			false_accept++;
		if (gs && (!ts || strcmp(ts, gs)))
			wrong_serial++;
		if (ts && !gs)
			missing_serial++;
		if (!ok && !quiet) {
			char a[256], b[256];
			codes(tdef, a, sizeof a);
			codes(gdef, b, sizeof b);
			printf("DIFF    %s p%d %-24s truth %s[%s] got %s[%s]\n", fs_basename(file),
			       (int)page,
			       json_string_value(json_object_get(t, "scenario")) ?
				       json_string_value(json_object_get(t, "scenario")) : "",
			       td ? td : "?", a, gd ? gd : "?", b);
		}
	}
	int extra = (int)json_array_size(got) - (pages - lost);
	int leaks = pins_under ? pin_leaks(pins_under, truth) : 0;
	if (pins_under)
		printf("pins: files under %s holding a PIN: %d\n", pins_under, leaks);
	printf("score: pages=%d decisions=%.1f%% false_accept=%d wrong_serial=%d "
	       "missing_serial=%d lost=%d extra=%d defects_named=%d/%d "
	       "residual_max_mm=%.3f xform_pages=%d xform_max_mm=%.3f "
	       "blank=%d/%d foreign=%d/%d\n",
	       pages, pages ? 100.0 * right / pages : 0.0, false_accept, wrong_serial,
	       missing_serial, lost, extra, named, to_name, resid_max, nxform, xform_max,
	       blank_right, blanks, foreign_right, foreign);
	json_decref(truth);
	json_decref(got);
	return false_accept || wrong_serial || lost || leaks ? EXIT_REVIEW : EXIT_DECIDED;
}
