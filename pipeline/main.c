/*
** main.c — the shokai command line: dispatch to a subcommand.
*/
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd_batch.h"
#include "commands.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: shokai COMMAND [OPTIONS]\n"
		"  run      decide every page of scanned files (results.jsonl, results.csv)\n"
		"  batch    one unattended run over a scanner inbox (ledger, archive)\n"
		"  ledger   read the ledger of earlier batch runs\n"
		"  inspect  show what identification and registration found on a file\n"
		"  eval     measure recognition on a sample batch against its truth\n"
		"  score    compare results.jsonl with a sample batch's expected.jsonl\n"
		"See shokai.1 for the options and exit codes.\n");
}

int main(int argc, char **argv)
{
	/* Leptonica's own messages would drown ours; errors come back as values. */
	setMsgSeverity(L_SEVERITY_NONE);
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "run"))
		return cmd_run(argc - 1, argv + 1);
	if (!strcmp(cmd, "inspect"))
		return cmd_inspect(argc - 1, argv + 1);
	if (!strcmp(cmd, "batch"))
		return cmd_batch(argc - 1, argv + 1);
	if (!strcmp(cmd, "ledger"))
		return cmd_ledger(argc - 1, argv + 1);
	if (!strcmp(cmd, "eval"))
		return cmd_eval(argc - 1, argv + 1);
	if (!strcmp(cmd, "score"))
		return cmd_score(argc - 1, argv + 1);
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		usage(stdout);
		return EXIT_DECIDED;
	}
	cli_log("error", "unknown command: %s", cmd);
	usage(stderr);
	return EXIT_USAGE;
}
