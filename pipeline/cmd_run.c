/*
** cmd_run.c — `shokai run`: decide every page of the inputs, write
** DIR/results.jsonl and DIR/results.csv, print a one-line summary.
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "ingest.h"
#include "fsutil.h"
#include "pipeline.h"
#include "results.h"

static void usage(void)
{
	fprintf(stderr,
		"usage: shokai run --out DIR [--as-of YYYY-MM-DD] [--registry residents.csv]\n"
		"                  [--model FILE] [--profile FILE] [--review-pictures] INPUT...\n"
		"  INPUT is a scan file or a folder of scans (TIFF, PNG, JPEG, PNM).\n"
		"  --review-pictures: a picture of each page the checks could not decide, PIN\n"
		"  fields masked, the doubtful fields framed in red and a doubtful date's\n"
		"  unreadable boxes in orange, in DIR/review.\n");
}

typedef struct {
	results_writer *w;
	int failed;
} run_state;

static void on_page(const page_result *r, void *arg)
{
	run_state *st = arg;
	if (r->read_error)
		cli_log("error", "%s page %d: %s (kept for review)", r->file, r->page, r->error);
	if (results_add(st->w, r) != 0)
		st->failed = 1;
}

int cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"out", required_argument, NULL, 'o'},
		{"as-of", required_argument, NULL, 'd'},
		{"registry", required_argument, NULL, 'r'},
		{"model", required_argument, NULL, 'm'},
		{"profile", required_argument, NULL, 'p'},
		{"review-pictures", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *out = NULL;
	char model[4096], profile[4096];
	cli_model_path("jlis-shokaisho-v1.json", model, sizeof model);
	cli_model_path("profile-setagaya.json", profile, sizeof profile);
	shokai_config cfg = {.model_path = model, .profile_path = profile};
	cfg.as_of = cli_today();
	int c;
	int pictures = 0;
	while ((c = getopt_long(argc, argv, "o:d:r:m:p:vh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'd':
			if ((cfg.as_of = cli_parse_date(optarg)) < 0) {
				cli_log("error", "--as-of: not a date: %s", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'r': cfg.registry_path = optarg; break;
		case 'm': snprintf(model, sizeof model, "%s", optarg); break;
		case 'p': snprintf(profile, sizeof profile, "%s", optarg); break;
		case 'v': pictures = 1; break;
		case 'h': usage(); return EXIT_DECIDED;
		default: usage(); return EXIT_USAGE;
		}
	}
	if (!out || optind >= argc) {
		usage();
		return EXIT_USAGE;
	}
	char err[512];
	path_list files = {0};
	int missing = 0;
	for (int i = optind; i < argc; i++)
		if (ingest_expand(argv[i], &files, err, sizeof err) != 0) {
			cli_log("error", "%s", err);
			missing = 1;
		}
	/* Pictures of the pages a person must decide, under OUT/review. */
	char review[4200];
	if (pictures) {
		snprintf(review, sizeof review, "%s/review", out);
		if (fs_mkdirs(review, 0700, err, sizeof err) != 0) {
			cli_log("error", "%s", err);
			path_list_free(&files);
			return EXIT_OPERATIONAL;
		}
		cfg.review_dir = review;
	}
	shokai_ctx *ctx = NULL;
	if (shokai_open(&cfg, &ctx, err, sizeof err) != 0) {
		cli_log("error", "%s", err);
		path_list_free(&files);
		return EXIT_USAGE;
	}
	if (shokai_warning(ctx))
		cli_log("warning", "%s", shokai_warning(ctx));
	run_state st = {0};
	if (results_open(out, &st.w, err, sizeof err) != 0) {
		cli_log("error", "%s", err);
		shokai_close(ctx);
		path_list_free(&files);
		return EXIT_OPERATIONAL;
	}
	for (int i = 0; i < files.n; i++)
		shokai_process_file(ctx, files.paths[i], on_page, &st);
	shokai_close(ctx);
	path_list_free(&files);
	results_summary sum;
	if (st.failed) {
		results_abort(st.w);
		cli_log("error", "%s: writing results failed", out);
		return EXIT_OPERATIONAL;
	}
	if (results_close(st.w, &sum, err, sizeof err) != 0) {
		cli_log("error", "%s", err);
		return EXIT_OPERATIONAL;
	}
	char line[256];
	results_summary_line(&sum, line, sizeof line);
	printf("shokai: %s results=%s/results.jsonl\n", line, out);
	if (missing)
		return EXIT_OPERATIONAL;
	return sum.review ? EXIT_REVIEW : EXIT_DECIDED;
}
