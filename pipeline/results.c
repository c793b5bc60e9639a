/*
** results.c — results.jsonl, results.csv and the summary line.
*/
#include "results.h"
#include "fsutil.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct results_writer {
	char dir[4096];
	FILE *jsonl, *csv;
	char jsonl_tmp[4200], csv_tmp[4200];
	results_summary sum;
};

static FILE *open_tmp(const char *dir, const char *name, char *tmp, size_t n)
{
	snprintf(tmp, n, "%s/.%s.%ld.tmp", dir, name, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return NULL;
	FILE *f = fdopen(fd, "w");
	if (!f)
		close(fd);
	return f;
}

int results_open(const char *dir, results_writer **out, char *err, size_t errlen)
{
	*out = NULL;
	if (fs_mkdirs(dir, 0700, err, errlen) != 0)
		return -1;
	results_writer *w = calloc(1, sizeof *w);
	if (!w) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	snprintf(w->dir, sizeof w->dir, "%s", dir);
	w->jsonl = open_tmp(dir, "results.jsonl", w->jsonl_tmp, sizeof w->jsonl_tmp);
	w->csv = open_tmp(dir, "results.csv", w->csv_tmp, sizeof w->csv_tmp);
	if (!w->jsonl || !w->csv) {
		snprintf(err, errlen, "%s: cannot write: %s", dir, strerror(errno));
		results_abort(w);
		return -1;
	}
	/* UTF-8 with BOM so that spreadsheet programs read the Japanese right. */
	fputs("\xEF\xBB\xBF", w->csv);
	fputs("file,page,serial,decision,defects,reasons_ja,note\r\n", w->csv);
	*out = w;
	return 0;
}

/* A cell that starts with = + - @ (or a tab/CR) would be a formula in a
** spreadsheet: prefix a quote so it stays text. */
static void csv_cell(FILE *f, const char *s, int last)
{
	char buf[2048];
	if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	    s[0] == '\t' || s[0] == '\r')
		snprintf(buf, sizeof buf, "'%s", s);
	else
		snprintf(buf, sizeof buf, "%s", s);
	csv_fwrite(f, buf, strlen(buf));
	fputs(last ? "\r\n" : ",", f);
}

static void count(results_summary *s, const page_result *r)
{
	s->pages++;
	switch (r->dec) {
	case DEC_ACCEPT: s->accept++; break;
	case DEC_REJECT: s->reject++; break;
	case DEC_REINQUIRY: s->reinquiry++; break;
	case DEC_REVIEW: s->review++; break;
	case DEC_BLANK: s->blank++; break;
	}
	if (r->read_error)
		s->errors++;
}

int results_add(results_writer *w, const page_result *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "file", json_string(r->file));
	json_object_set_new(o, "page", json_integer(r->page));
	json_object_set_new(o, "serial", r->serial[0] ? json_string(r->serial) : json_null());
	json_object_set_new(o, "decision", json_string(decision_str(r->dec)));
	json_t *d = json_array();
	char codes[512] = "";
	for (int i = 0; i < DF_COUNT; i++) {
		if (!(r->defects & DEFECT_BIT(i)))
			continue;
		json_array_append_new(d, json_string(defect_code((defect)i)));
		if (codes[0])
			strncat(codes, " ", sizeof codes - strlen(codes) - 1);
		strncat(codes, defect_code((defect)i), sizeof codes - strlen(codes) - 1);
	}
	json_object_set_new(o, "defects", d);
	char reasons[1536] = "";
	if (r->detail_json) {
		json_t *extra = json_loads(r->detail_json, 0, NULL);
		if (json_is_object(extra)) {
			json_t *ja = json_object_get(extra, "reasons_ja");
			for (size_t i = 0; i < json_array_size(ja); i++) {
				if (reasons[0])
					strncat(reasons, "／", sizeof reasons - strlen(reasons) - 1);
				strncat(reasons, json_string_value(json_array_get(ja, i)),
					sizeof reasons - strlen(reasons) - 1);
			}
			json_object_update_missing(o, extra);
		}
		json_decref(extra);
	}
	char *line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	json_decref(o);
	if (!line)
		return -1;
	fputs(line, w->jsonl);
	fputc('\n', w->jsonl);
	free(line);

	char page[16];
	snprintf(page, sizeof page, "%d", r->page);
	csv_cell(w->csv, r->file, 0);
	csv_cell(w->csv, page, 0);
	csv_cell(w->csv, r->serial, 0);
	csv_cell(w->csv, decision_str(r->dec), 0);
	csv_cell(w->csv, codes, 0);
	csv_cell(w->csv, reasons, 0);
	csv_cell(w->csv, r->error, 1);
	count(&w->sum, r);
	return ferror(w->jsonl) || ferror(w->csv) ? -1 : 0;
}

static int finish(FILE *f, const char *tmp, const char *dir, const char *name)
{
	char final[4200];
	snprintf(final, sizeof final, "%s/%s", dir, name);
	int bad = fflush(f) != 0 || fsync(fileno(f)) != 0;
	bad |= fclose(f) != 0;
	if (bad || rename(tmp, final) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

int results_close(results_writer *w, results_summary *sum, char *err, size_t errlen)
{
	int rc = 0;
	if (finish(w->jsonl, w->jsonl_tmp, w->dir, "results.jsonl") != 0 ||
	    finish(w->csv, w->csv_tmp, w->dir, "results.csv") != 0) {
		snprintf(err, errlen, "%s: cannot write results: %s", w->dir, strerror(errno));
		rc = -1;
	}
	/* Make the renames durable. */
	int dfd = open(w->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	if (sum)
		*sum = w->sum;
	free(w);
	return rc;
}

void results_abort(results_writer *w)
{
	if (!w)
		return;
	if (w->jsonl) {
		fclose(w->jsonl);
		unlink(w->jsonl_tmp);
	}
	if (w->csv) {
		fclose(w->csv);
		unlink(w->csv_tmp);
	}
	free(w);
}

void results_summary_line(const results_summary *s, char *buf, size_t n)
{
	snprintf(buf, n, "pages=%d accept=%d reject=%d reinquiry=%d review=%d blank=%d errors=%d",
		 s->pages, s->accept, s->reject, s->reinquiry, s->review, s->blank, s->errors);
}
