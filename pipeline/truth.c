/*
** truth.c — the form pages of a sample batch's expected.jsonl (truth.h).
*/
#include "truth.h"

#include <string.h>

FILE *truth_open(const char *batch, char *path, size_t pathlen)
{
	snprintf(path, pathlen, "%s/expected.jsonl", batch);
	return fopen(path, "r");
}

json_t *truth_next_form(FILE *fp, const char *batch, char *path, size_t pathlen, int *page)
{
	char line[1 << 16];
	while (fgets(line, sizeof line, fp)) {
		json_t *o = json_loads(line, 0, NULL);
		const char *kind = json_string_value(json_object_get(o, "kind"));
		const char *file = json_string_value(json_object_get(o, "file"));
		if (!kind || strcmp(kind, "form") != 0) {
			json_decref(o);
			continue;
		}
		snprintf(path, pathlen, "%s/inbox/%s", batch, file ? file : "");
		*page = (int)json_integer_value(json_object_get(o, "page"));
		return o;
	}
	return NULL;
}
