/*
** cmd_batch.c — the command lines of `shokai batch` and `shokai ledger`.
**
** Every --option is also a "key = value" line of the config file (--config
** FILE, read first); the command line wins. The one-line summary goes to
** stdout (cron mails it), log lines to stderr.
*/
#include "cmd_batch.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "batch.h"
#include "config.h"
#include "ledger.h"

static void batch_usage(FILE *f)
{
	fprintf(f,
		"usage: shokai batch [--config FILE] --inbox DIR --archive DIR --out DIR\n"
		"                    --ledger FILE --registry CSV [--as-of YYYY-MM-DD] [--jobs N]\n"
		"                    [--settle SECONDS] [--done-marker SUFFIX] [--max-attempts N]\n"
		"                    [--model FILE] [--profile FILE] [--models-dir DIR]\n"
		"                    [--log-level error|warn|info|debug] [--syslog] [--wait]\n"
		"                    [--review-pictures]\n"
		"Takes every complete scan in the inbox exactly once: records its pages in the\n"
		"ledger, writes OUT/YYYY-MM-DD/RUN/{results.jsonl,results.csv,report.txt} and\n"
		"moves the file to ARCHIVE/YYYY-MM-DD/. Exit: 0 all decided, 1 pages to review,\n"
		"2 usage or configuration error, 3 operational failure, 4 another run is busy.\n"
		"--review-pictures: a picture of each page the checks could not decide, PIN\n"
		"fields masked and the doubtful fields framed in red, in OUT/YYYY-MM-DD/RUN/review.\n");
}

static const struct option batch_opts[] = {
	{"config", required_argument, NULL, 'c'},
	{"inbox", required_argument, NULL, 0},
	{"archive", required_argument, NULL, 0},
	{"out", required_argument, NULL, 0},
	{"ledger", required_argument, NULL, 0},
	{"registry", required_argument, NULL, 0},
	{"as-of", required_argument, NULL, 0},
	{"jobs", required_argument, NULL, 0},
	{"settle", required_argument, NULL, 0},
	{"done-marker", required_argument, NULL, 0},
	{"max-attempts", required_argument, NULL, 0},
	{"model", required_argument, NULL, 0},
	{"profile", required_argument, NULL, 0},
	{"models-dir", required_argument, NULL, 0},
	{"log-level", required_argument, NULL, 0},
	{"syslog", no_argument, NULL, 0},
	{"wait", no_argument, NULL, 0},
	{"review-pictures", no_argument, NULL, 0},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

/* Read --config first, then every other option over it. 0, or an exit code. */
static int parse(int argc, char **argv, const struct option *opts, shokai_settings *s,
		 int *help)
{
	char err[1024];
	*help = 0;
	for (int pass = 0; pass < 2; pass++) {
		optind = 1;
		opterr = pass; /* complain once */
		int c, idx;
		while ((c = getopt_long(argc, argv, "c:h", opts, &idx)) != -1) {
			if (c == '?') {
				if (pass)
					return BATCH_EXIT_USAGE;
				continue;
			}
			if (c == 'h') {
				*help = 1;
				continue;
			}
			if (c == 'c') {
				if (pass == 0 && settings_load(s, optarg, err, sizeof err) != 0) {
					fprintf(stderr, "shokai: %s\n", err);
					return BATCH_EXIT_USAGE;
				}
				continue;
			}
			if (pass == 0)
				continue;
			const char *key = opts[idx].name;
			const char *val = settings_is_flag(key) ? "yes" : optarg;
			if (settings_set(s, key, val, err, sizeof err) != 0) {
				fprintf(stderr, "shokai: --%s\n", err);
				return BATCH_EXIT_USAGE;
			}
		}
	}
	return 0;
}

int cmd_batch(int argc, char **argv)
{
	shokai_settings s;
	int help;
	settings_init(&s);
	int rc = parse(argc, argv, batch_opts, &s, &help);
	if (rc == 0 && help) {
		batch_usage(stdout);
		return 0;
	}
	if (rc == 0 && optind < argc) {
		fprintf(stderr, "shokai: batch takes no file arguments (got '%s')\n", argv[optind]);
		rc = BATCH_EXIT_USAGE;
	}
	if (rc != 0) {
		batch_usage(stderr);
		printf("shokai batch: USAGE nothing done: bad command line\n");
		return rc;
	}
	batch_outcome o;
	rc = batch_run(&s, &o);
	printf("%s\n", o.summary);
	fflush(stdout);
	return rc;
}

static void ledger_usage(FILE *f)
{
	fprintf(f,
		"usage: shokai ledger [--config FILE] --ledger FILE COMMAND\n"
		"  export  every recorded page as JSON Lines: sha256, file, page, serial,\n"
		"          decision, defects, run (and recorded, archive, duplicate_of)\n"
		"  files   every file: sha256, state, pages, attempts, run, name, archive\n"
		"  runs    every run: id, state, times, summary, output folder\n"
		"  check   consistency checks; exit 1 if a problem is found\n");
}

int cmd_ledger(int argc, char **argv)
{
	/* The config file may carry batch settings too: accept and ignore them. */
	shokai_settings s;
	int help;
	settings_init(&s);
	int rc = parse(argc, argv, batch_opts, &s, &help);
	if (rc == 0 && help) {
		ledger_usage(stdout);
		return 0;
	}
	if (rc != 0 || optind != argc - 1 || !s.ledger[0]) {
		ledger_usage(stderr);
		return BATCH_EXIT_USAGE;
	}
	const char *what = argv[optind];
	if (strcmp(what, "export") && strcmp(what, "files") && strcmp(what, "runs") &&
	    strcmp(what, "check")) {
		fprintf(stderr, "shokai: ledger: unknown command '%s'\n", what);
		ledger_usage(stderr);
		return BATCH_EXIT_USAGE;
	}
	char err[1024];
	ledger *l;
	if (ledger_open(s.ledger, 0, &l, err, sizeof err) != 0) {
		fprintf(stderr, "shokai: %s\n", err);
		return BATCH_EXIT_FAILURE;
	}
	int problems = 0;
	if (!strcmp(what, "export"))
		rc = ledger_export_jsonl(l, stdout, err, sizeof err);
	else if (!strcmp(what, "files"))
		rc = ledger_list_files(l, stdout, err, sizeof err);
	else if (!strcmp(what, "runs"))
		rc = ledger_list_runs(l, stdout, err, sizeof err);
	else
		rc = ledger_check(l, stdout, &problems, err, sizeof err);
	ledger_close(l);
	if (fflush(stdout) != 0 && rc == 0) {
		rc = -1;
		snprintf(err, sizeof err, "cannot write to stdout");
	}
	if (rc != 0) {
		fprintf(stderr, "shokai: %s\n", err);
		return BATCH_EXIT_FAILURE;
	}
	if (!strcmp(what, "check")) {
		printf("%d problem%s\n", problems, problems == 1 ? "" : "s");
		return problems ? 1 : 0;
	}
	return 0;
}
