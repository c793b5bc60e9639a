/*
** cmd_score.c — `shokai score --expected expected.jsonl results.jsonl`:
** compare a run with the truth of a sample batch (SPEC §8). Pages are
** matched on the file's base name and the page number.
**
** Prints each page that differs, then one line:
**   score: pages=N decisions=NN.N% false_accept=N wrong_serial=N
**          missing_serial=N lost=N extra=N defects_named=N/M
*/
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

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
		if (f && !strcmp(base_name(f), base_name(file)) &&
		    json_integer_value(json_object_get(o, "page")) == page)
			return o;
	}
	return NULL;
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
		{NULL, 0, NULL, 0},
	};
	const char *expected = NULL;
	int quiet = 0, c;
	while ((c = getopt_long(argc, argv, "e:q", opts, NULL)) != -1) {
		if (c == 'e')
			expected = optarg;
		else if (c == 'q')
			quiet = 1;
		else
			return EXIT_USAGE;
	}
	if (!expected || optind != argc - 1) {
		fprintf(stderr, "usage: shokai score --expected expected.jsonl results.jsonl\n");
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
	int lost = 0, named = 0, to_name = 0;
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
			printf("DIFF    %s p%d %-24s truth %s[%s] got %s[%s]\n", base_name(file),
			       (int)page,
			       json_string_value(json_object_get(t, "scenario")) ?
				       json_string_value(json_object_get(t, "scenario")) : "",
			       td ? td : "?", a, gd ? gd : "?", b);
		}
	}
	int extra = (int)json_array_size(got) - (pages - lost);
	printf("score: pages=%d decisions=%.1f%% false_accept=%d wrong_serial=%d "
	       "missing_serial=%d lost=%d extra=%d defects_named=%d/%d\n",
	       pages, pages ? 100.0 * right / pages : 0.0, false_accept, wrong_serial,
	       missing_serial, lost, extra, named, to_name);
	json_decref(truth);
	json_decref(got);
	return false_accept || wrong_serial || lost ? EXIT_REVIEW : EXIT_DECIDED;
}
