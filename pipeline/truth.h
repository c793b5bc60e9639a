/*
** truth.h — the form pages of a sample batch's expected.jsonl (SPEC §8),
** for the commands and tools that measure against it (shokai eval,
** build/cellrec-pages, build/verify-stress).
*/
#ifndef SHOKAI_TRUTH_H
#define SHOKAI_TRUTH_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

/* Open batch/expected.jsonl for reading; its name in path (also on
** failure, for the message). NULL when it cannot be opened. */
FILE *truth_open(const char *batch, char *path, size_t pathlen);

/* The next line of fp whose kind is "form", or NULL at the end (lines
** that are not JSON are passed over, as are other kinds). Sets path to
** batch/inbox/<file> and *page to the page number (from 1). The caller
** json_decrefs the object. */
json_t *truth_next_form(FILE *fp, const char *batch, char *path, size_t pathlen, int *page);

#endif
