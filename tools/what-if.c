/*
** what-if.c — what would the decisions be if some fields were read right?
**
**   what-if --assume FIELD[,FIELD...] BATCH_DIR OUT_DIR
**
** Runs the pipeline on a sample batch (SPEC §8 layout) as `shokai run`
** does, but puts the truth of the named fields (from expected.jsonl) in
** place of their readings, with full confidence, before the rules. Then
** `shokai score --expected BATCH_DIR/expected.jsonl OUT_DIR/results.jsonl`
** tells how many decisions that would make right: the share of the
** remaining errors that those fields cause. A diagnostic, not a way to
** decide pages (scripts/what-if runs both steps).
**
** FIELD is answer_date, mandate_date or proxy_phone. A date's digits go
** in the boxes the holder was read to have written (a one-digit part in
** the written box of its two); PINs are never assumed, and never read
** from the truth.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ingest.h"
#include "pipeline.h"
#include "results.h"

enum { A_ANSWER = 1, A_MANDATE = 2, A_PHONE = 4 };

typedef struct {
	json_t *truth; /* "file#page" -> fields */
	int assume;
	int replaced, missing;
} hook_state;

/* The cells as if read with certainty: ch '\0' for an empty cell. */
static void set_cells(cells_reading *c, const char *chars, int n)
{
	for (int i = 0; i < n && i < c->n; i++) {
		cell_reading *r = &c->cell[i];
		memset(r, 0, sizeof *r);
		r->written.conf = 1;
		if (!chars[i])
			continue;
		r->written.value = 1;
		r->ncand = 1;
		r->cand[0].ch = chars[i];
		r->cand[0].p = 1;
	}
}

static int put_date(cells_reading *c, json_t *d)
{
	if (!json_is_object(d) || c->n != 6)
		return -1;
	const int v[3] = {(int)json_integer_value(json_object_get(d, "year")),
			  (int)json_integer_value(json_object_get(d, "month")),
			  (int)json_integer_value(json_object_get(d, "day"))};
	char ch[6];
	for (int p = 0; p < 3; p++) {
		int a = c->cell[2 * p].written.value, b = c->cell[2 * p + 1].written.value;
		char tens = (char)('0' + v[p] / 10 % 10), ones = (char)('0' + v[p] % 10);
		if (v[p] < 10 && a != b) { /* one box written: the digit stands there */
			ch[2 * p] = a ? ones : 0;
			ch[2 * p + 1] = b ? ones : 0;
		} else if (v[p] < 10 && !a && !b) {
			ch[2 * p] = 0;
			ch[2 * p + 1] = ones;
		} else {
			ch[2 * p] = tens;
			ch[2 * p + 1] = ones;
		}
	}
	set_cells(c, ch, 6);
	return 0;
}

static int put_phone(cells_reading *c, json_t *s)
{
	const char *t = json_string_value(s);
	if (!t)
		return -1;
	char ch[READ_MAX_CELLS] = {0};
	for (int i = 0; i < c->n && i < READ_MAX_CELLS && t[i]; i++)
		ch[i] = t[i];
	set_cells(c, ch, c->n);
	return 0;
}

static void hook(const char *file, int page, page_readings *rd, void *arg)
{
	hook_state *st = arg;
	const char *base = strrchr(file, '/');
	char key[1100];
	snprintf(key, sizeof key, "%s#%d", base ? base + 1 : file, page);
	json_t *f = json_object_get(st->truth, key);
	int bad = !f;
	if (f && (st->assume & A_ANSWER))
		bad |= put_date(&rd->answer_date, json_object_get(f, "answer_date")) != 0;
	if (f && (st->assume & A_MANDATE))
		bad |= put_date(&rd->mandate_date, json_object_get(f, "mandate_date")) != 0;
	if (f && (st->assume & A_PHONE))
		bad |= put_phone(&rd->proxy_phone, json_object_get(f, "proxy_phone")) != 0;
	if (bad)
		st->missing++;
	else
		st->replaced++;
}

/* expected.jsonl -> {"file#page": fields}, without the PINs. */
static json_t *load_truth(const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		return NULL;
	json_t *all = json_object();
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, fp) > 0) {
		json_t *e = json_loads(line, 0, NULL);
		json_t *f = json_object_get(e, "fields");
		const char *file = json_string_value(json_object_get(e, "file"));
		if (file && json_is_object(f)) {
			char key[1100];
			snprintf(key, sizeof key, "%s#%d", file,
				 (int)json_integer_value(json_object_get(e, "page")));
			json_object_del(f, "pin_sign");
			json_object_del(f, "pin_user");
			json_object_set(all, key, f);
		}
		json_decref(e);
		explicit_bzero(line, cap); /* the truth's PINs were in it */
	}
	free(line);
	fclose(fp);
	return all;
}

static int parse_assume(const char *s)
{
	int a = 0;
	char buf[256];
	snprintf(buf, sizeof buf, "%s", s);
	for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (!strcmp(t, "answer_date")) a |= A_ANSWER;
		else if (!strcmp(t, "mandate_date")) a |= A_MANDATE;
		else if (!strcmp(t, "proxy_phone")) a |= A_PHONE;
		else return -1;
	}
	return a;
}

typedef struct {
	results_writer *w;
	int failed;
} out_state;

static void on_page(const page_result *r, void *arg)
{
	out_state *o = arg;
	if (results_add(o->w, r) != 0)
		o->failed = 1;
}

int main(int argc, char **argv)
{
	if (argc != 5 || strcmp(argv[1], "--assume") != 0) {
		fprintf(stderr, "usage: what-if --assume FIELD[,FIELD...] BATCH_DIR OUT_DIR\n"
				"  FIELD: answer_date, mandate_date, proxy_phone\n");
		return 2;
	}
	int assume = parse_assume(argv[2]);
	if (assume <= 0) {
		fprintf(stderr, "what-if: unknown field in %s\n", argv[2]);
		return 2;
	}
	const char *batch = argv[3], *out = argv[4];
	char path[4200], err[512];
	snprintf(path, sizeof path, "%s/batch.json", batch);
	json_t *b = json_load_file(path, 0, NULL);
	const char *as_of_text = json_string_value(json_object_get(b, "as_of"));
	int as_of = as_of_text ? cli_parse_date(as_of_text) : -1;
	json_decref(b);
	if (as_of < 0) {
		fprintf(stderr, "what-if: %s: no as_of date\n", path);
		return 1;
	}
	hook_state st = {.assume = assume};
	snprintf(path, sizeof path, "%s/expected.jsonl", batch);
	if (!(st.truth = load_truth(path))) {
		fprintf(stderr, "what-if: %s: cannot read\n", path);
		return 1;
	}
	char reg[4200], inbox[4200], model[4096], profile[4096];
	snprintf(reg, sizeof reg, "%s/residents.csv", batch);
	snprintf(inbox, sizeof inbox, "%s/inbox", batch);
	/* the same models as `shokai run` (SHOKAI_MODELS, ./models, ...) */
	cli_model_path("jlis-shokaisho-v1.json", model, sizeof model);
	cli_model_path("profile-setagaya.json", profile, sizeof profile);
	shokai_config cfg = {
		.model_path = model,
		.profile_path = profile,
		.registry_path = reg,
		.as_of = as_of,
		.readings_hook = hook,
		.hook_arg = &st,
	};
	path_list files = {0};
	shokai_ctx *ctx = NULL;
	out_state o = {0};
	int rc = 1;
	if (ingest_expand(inbox, &files, err, sizeof err) != 0 ||
	    shokai_open(&cfg, &ctx, err, sizeof err) != 0 ||
	    results_open(out, &o.w, err, sizeof err) != 0) {
		fprintf(stderr, "what-if: %s\n", err);
		goto done;
	}
	for (int i = 0; i < files.n; i++)
		shokai_process_file(ctx, files.paths[i], on_page, &o);
	results_summary sum;
	if (o.failed) {
		results_abort(o.w);
		fprintf(stderr, "what-if: writing results failed\n");
		goto done;
	}
	if (results_close(o.w, &sum, err, sizeof err) != 0) {
		fprintf(stderr, "what-if: %s\n", err);
		goto done;
	}
	printf("what-if: %s assumed on %d pages; on %d a field has no truth value (left as read) "
	       "results=%s/results.jsonl\n", argv[2], st.replaced, st.missing, out);
	rc = 0;
done:
	if (ctx)
		shokai_close(ctx);
	path_list_free(&files);
	json_decref(st.truth);
	return rc;
}
