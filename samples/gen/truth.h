/*
** truth.h — the batch's truth files, exactly as SPEC §8 lays them out:
** residents.csv, batch.json and expected.jsonl (PINs included: the truth
** is the one place where they are written down, so that recognition can
** be measured).
*/
#ifndef SHOKAI_GEN_TRUTH_H
#define SHOKAI_GEN_TRUTH_H

#include <stddef.h>

#include "scenario.h"

int truth_residents(const char *path, const batch_plan *b, char *err, size_t errlen);
int truth_batch(const char *path, const batch_plan *b, const char *layout,
		char *err, size_t errlen);
/* xforms: six numbers per page, from scan_sheet(). */
int truth_expected(const char *path, const batch_plan *b, const double *xforms,
		   char *err, size_t errlen);

#endif
