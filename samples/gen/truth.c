/*
** truth.c — write residents.csv, batch.json and expected.jsonl.
*/
#include "truth.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"

#define JFLAGS (JSON_REAL_PRECISION(10))

/* RFC 4180: quote a field holding a comma, a quote or a line break. */
static void csv_field(FILE *f, const char *s, int last)
{
	if (strpbrk(s, ",\"\r\n")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputs(last ? "\r\n" : ",", f);
}

static int by_rid(const void *a, const void *b)
{
	return strcmp(((const resident *)a)->rid, ((const resident *)b)->rid);
}

int truth_residents(const char *path, const batch_plan *b, char *err, size_t errlen)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		snprintf(err, errlen, "cannot write %s", path);
		return -1;
	}
	resident *rows = malloc(sizeof *rows * (size_t)(b->nres ? b->nres : 1));
	if (!rows) {
		fclose(f);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memcpy(rows, b->res, sizeof *rows * (size_t)b->nres);
	qsort(rows, (size_t)b->nres, sizeof *rows, by_rid);
	fputs("rid,name,kana,birth_date,address,status,overseas,card_expiry,cert_expiry\r\n", f);
	for (int i = 0; i < b->nres; i++) {
		const resident *r = &rows[i];
		char birth[11], card[11], cert[11];
		cal_iso(r->birth, birth);
		cal_iso(r->card_expiry, card);
		cal_iso(r->cert_expiry, cert);
		csv_field(f, r->rid, 0);
		csv_field(f, r->name, 0);
		csv_field(f, r->kana, 0);
		csv_field(f, birth, 0);
		csv_field(f, r->address, 0);
		csv_field(f, r->status, 0);
		csv_field(f, r->overseas ? "1" : "0", 0);
		csv_field(f, card, 0);
		csv_field(f, cert, 1);
	}
	free(rows);
	if (fclose(f) != 0) {
		snprintf(err, errlen, "cannot write %s", path);
		return -1;
	}
	return 0;
}

static const char *preset_name(preset p)
{
	return p == PRESET_DEMO ? "demo" : p == PRESET_TEST ? "test" : "full";
}

static int dump(json_t *o, const char *path, const char *mode, int indent,
		char *err, size_t errlen)
{
	FILE *f = fopen(path, mode);
	int rc = -1;
	if (f) {
		rc = json_dumpf(o, f, JFLAGS | (indent ? JSON_INDENT(1) : 0));
		fputc('\n', f);
		if (fclose(f) != 0)
			rc = -1;
	}
	if (rc != 0)
		snprintf(err, errlen, "cannot write %s", path);
	return rc;
}

int truth_batch(const char *path, const batch_plan *b, const char *layout,
		char *err, size_t errlen)
{
	char asof[11];
	cal_iso(b->as_of, asof);
	json_t *o = json_object();
	json_object_set_new(o, "as_of", json_string(asof));
	json_object_set_new(o, "municipality", json_string(b->muni));
	json_object_set_new(o, "layout", json_string(layout));
	json_object_set_new(o, "seed", json_integer((json_int_t)b->seed));
	json_object_set_new(o, "preset", json_string(preset_name(b->pre)));
	json_object_set_new(o, "pages", json_integer(b->npages));
	json_object_set_new(o, "files", json_integer(b->nfiles));
	int rc = dump(o, path, "w", 1, err, errlen);
	json_decref(o);
	return rc;
}

static json_t *num(double v, double unit)
{
	return json_real(round(v / unit) * unit);
}

static json_t *date_json(const written_date *d)
{
	if (!d->written)
		return json_null();
	json_t *o = json_object();
	json_object_set_new(o, "era", json_string("令和"));
	json_object_set_new(o, "year", json_integer(d->year));
	json_object_set_new(o, "month", json_integer(d->month));
	json_object_set_new(o, "day", json_integer(d->day));
	return o;
}

static json_t *fields_json(const form_data *f)
{
	json_t *o = json_object();
	json_object_set_new(o, "printed_serial", json_string(f->pay.serial));
	json_object_set_new(o, "printed_address", json_string(f->p_address));
	json_object_set_new(o, "printed_name", json_string(f->p_name));
	json_object_set_new(o, "printed_birth", json_string(f->p_birth));
	json_object_set_new(o, "printed_expiry", json_string(f->p_expiry));
	json_object_set_new(o, "cb_sign", json_boolean(f->cb_sign));
	json_object_set_new(o, "cb_user", json_boolean(f->cb_user));
	json_object_set_new(o, "pin_sign", json_string(f->pin_sign));
	json_object_set_new(o, "pin_user", json_string(f->pin_user));
	json_object_set_new(o, "answer_date", date_json(&f->answer_date));
	json_object_set_new(o, "mandate_date", date_json(&f->mandate_date));
	json_object_set_new(o, "cb_kimei", json_boolean(f->cb_kimei));
	json_object_set_new(o, "answer_name", json_string(f->answer_name));
	json_object_set_new(o, "mandator_name", json_string(f->mandator_name));
	json_object_set_new(o, "answer_seal", json_boolean(f->answer_seal));
	json_object_set_new(o, "mandator_seal", json_boolean(f->mandator_seal));
	json_object_set_new(o, "proxy_name", json_string(f->proxy_name));
	json_object_set_new(o, "proxy_address", json_string(f->proxy_address));
	json_object_set_new(o, "proxy_phone", json_string(f->phone));
	return o;
}

static json_t *scan_json(const page_plan *p, const file_plan *fp, const double *xf,
			 const form_data *f)
{
	const scan_params *s = &p->scan;
	json_t *o = json_object();
	json_object_set_new(o, "dpi", json_integer(s->dpi));
	json_object_set_new(o, "dpi_tag", s->dpi_tag ? json_integer(s->dpi_tag) : json_null());
	json_object_set_new(o, "mode", json_string(scan_mode_name(s->mode)));
	json_object_set_new(o, "format", json_string(fmt_name(fp->fmt)));
	json_object_set_new(o, "skew", num(s->skew, 0.001));
	json_object_set_new(o, "rot", json_integer(s->rot));
	json_t *sh = json_array();
	json_array_append_new(sh, num(s->dx, 0.01));
	json_array_append_new(sh, num(s->dy, 0.01));
	json_object_set_new(o, "shift", sh);
	json_object_set_new(o, "scale", num(s->scale, 0.0001));
	json_object_set_new(o, "blur", num(s->blur, 0.01));
	json_object_set_new(o, "noise", num(s->noise, 0.01));
	json_object_set_new(o, "jpeg_q", json_integer(s->mode == SCAN_BW ? 0 :
		fp->fmt == FMT_JPEG || fp->fmt == FMT_TIFF_JPEG ? fp->quality : s->jpeg_q));
	json_object_set_new(o, "folds", json_integer(p->kind == PK_ENVELOPE ? 0 : s->folds));
	json_t *bed = json_array();
	json_array_append_new(bed, num(s->bed_w, 0.01));
	json_array_append_new(bed, num(s->bed_h, 0.01));
	json_object_set_new(o, "bed", bed);
	if (f && f->stain != STAIN_NONE)
		json_object_set_new(o, "stain", json_string(f->stain == STAIN_QR ? "qr" : "barcode"));
	json_t *x = json_array();
	for (int i = 0; i < 6; i++)
		json_array_append_new(x, num(xf[i], i % 3 == 2 ? 0.001 : 0.000001));
	json_object_set_new(o, "xform", x);
	return o;
}

int truth_expected(const char *path, const batch_plan *b, const double *xforms,
		   char *err, size_t errlen)
{
	FILE *out = fopen(path, "w");
	if (!out) {
		snprintf(err, errlen, "cannot write %s", path);
		return -1;
	}
	int rc = 0;
	for (int i = 0; i < b->npages && rc == 0; i++) {
		const page_plan *p = &b->pages[i];
		const file_plan *fp = &b->files[p->file];
		const form_data *f = p->kind == PK_FORM ? &b->forms[p->form] : NULL;
		json_t *o = json_object();
		json_object_set_new(o, "file", json_string(fp->name));
		json_object_set_new(o, "page", json_integer(p->page_in_file));
		json_object_set_new(o, "kind", json_string(page_kind_name(p->kind)));
		json_object_set_new(o, "serial", f ? json_string(f->pay.serial) : json_null());
		json_object_set_new(o, "scenario", json_string(p->scenario));
		json_object_set_new(o, "decision", json_string(decision_str(p->dec)));
		json_t *d = json_array();
		for (int k = 0; k < DF_COUNT; k++)
			if (p->defects & DEFECT_BIT(k))
				json_array_append_new(d, json_string(defect_code((defect)k)));
		json_object_set_new(o, "defects", d);
		json_object_set_new(o, "scan", scan_json(p, fp, xforms + 6 * i, f));
		if (f) {
			json_object_set_new(o, "fields", fields_json(f));
			json_object_set_new(o, "payload", json_string(f->payload));
		}
		char *s = json_dumps(o, JFLAGS);
		json_decref(o);
		if (!s || fputs(s, out) < 0 || fputc('\n', out) < 0) {
			snprintf(err, errlen, "cannot write %s", path);
			rc = -1;
		}
		free(s);
	}
	if (fclose(out) != 0 && rc == 0) {
		snprintf(err, errlen, "cannot write %s", path);
		rc = -1;
	}
	return rc;
}
