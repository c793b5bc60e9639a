/*
** results.h — write a run's outputs: results.jsonl (SPEC §7), results.csv
** for spreadsheet users, and the one-line summary.
**
** Files are written to a temporary name in the output folder, fsync'ed and
** renamed into place on results_close(), so a reader never sees half a file.
** Personal data: files 0600, folders 0700. No PIN ever reaches them.
*/
#ifndef SHOKAI_RESULTS_H
#define SHOKAI_RESULTS_H

#include <stddef.h>

#include "pipeline.h"

typedef struct results_writer results_writer;

typedef struct {
	int pages, accept, reject, reinquiry, review, blank, errors;
} results_summary;

/* Open writers for dir/results.jsonl and dir/results.csv (dir is created). */
int results_open(const char *dir, results_writer **out, char *err, size_t errlen);
/* Append one page. */
int results_add(results_writer *w, const page_result *r);
/* Finish: fsync, rename into place, fill *sum (may be NULL). */
int results_close(results_writer *w, results_summary *sum, char *err, size_t errlen);
/* Drop the temporary files without publishing anything. */
void results_abort(results_writer *w);

/* "pages=43 accept=10 reject=20 reinquiry=5 review=6 blank=2 errors=0" */
void results_summary_line(const results_summary *s, char *buf, size_t n);

#endif
