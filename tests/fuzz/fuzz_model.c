/*
** fuzz_model.c — libFuzzer target for model_load (model.h) on an
** arbitrary JSON file, written to a temporary file under /tmp and deleted.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	char path[] = "/tmp/shokai-fuzz-model-XXXXXX";
	if (write_temp(path, data, size) != 0)
		return 0;

	static form_model m; /* large; static keeps it off the fuzzer's stack */
	char err[256];
	err[0] = 0;
	int rc = model_load(path, &m, err, sizeof err);
	unlink(path);
	if (rc != 0) {
		check(memchr(err, 0, sizeof err) && err[0]);
		return 0;
	}
	/* registration divides by the page size and sizes pictures by it */
	check(m.page_w > 0 && m.page_h > 0);
	check(m.nfields >= 0 && m.nfields <= MODEL_MAX_FIELDS);
	for (int i = 0; i < m.nfields; i++) {
		const form_field *f = &m.fields[i];
		check(memchr(f->name, 0, sizeof f->name) != NULL);
		check(model_field(&m, f->name) != NULL);
		check(f->ncells >= 0 && f->ncells <= MODEL_MAX_CELLS);
		check(field_kind_name(f->kind)[0] != '?');
		double x, y;
		mm_box_center(&f->box, &x, &y);
	}
	return 0;
}
