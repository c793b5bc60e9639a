/*
** batch.h — one nightly run over a scanner's inbox folder.
**
**   lock → recover → list the inbox → take complete files → for each file:
**   claim → process → record (one transaction) → publish → move to archive
**
** Every page is recorded in the ledger exactly once, whatever kills the
** run; see ledger.h for the file states and batch.c for recovery.
*/
#ifndef SHOKAI_BATCH_H
#define SHOKAI_BATCH_H

#include <limits.h>

#include "config.h"
#include "ledger.h"

/* Exit codes of `shokai batch` (documented in shokai.1). */
enum {
	BATCH_EXIT_OK = 0,      /* every page decided (or nothing to do) */
	BATCH_EXIT_REVIEW = 1,  /* some pages need a person (REVIEW) */
	BATCH_EXIT_USAGE = 2,   /* usage or configuration error; nothing done */
	BATCH_EXIT_FAILURE = 3, /* operational failure: see the log */
	BATCH_EXIT_BUSY = 4     /* another run holds the lock; nothing done */
};

typedef struct {
	int files;                 /* files recorded by this run */
	int pages, accept, reject, reinquiry, review, blank;
	int errors;                /* pages that could not be read (also review) */
	int waiting;               /* files not complete yet: left for a later run */
	int ignored;               /* inbox entries that are not scans */
	int already;               /* copies of files recorded earlier */
	int recovered_files;       /* moves finished for an interrupted run */
	int recovered_runs;        /* interrupted runs whose results were rebuilt */
	int recovered_pages, recovered_review;
	int quarantined;           /* files sent to review after repeated crashes */
	int failed;                /* operational failures */
	char run[LEDGER_RUN_LEN];
	char out_dir[PATH_MAX];    /* "" when this run wrote no folder */
	int exit_code;
	char summary[1024];        /* the one line for stdout */
} batch_outcome;

/* Run once. Fills *out (always, also on failure) and returns its exit code.
** Log lines go to stderr (and syslog when asked); nothing to stdout. */
int batch_run(const shokai_settings *s, batch_outcome *out);

#endif
