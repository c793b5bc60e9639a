/*
** model.c — read a form model (models/<name>.json) into a form_model.
*/
#include "model.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

int model_read_box(const json_t *a, mm_box *b)
{
	if (!json_is_array(a) || json_array_size(a) != 4)
		return -1;
	double v[4];
	for (size_t i = 0; i < 4; i++) {
		json_t *n = json_array_get(a, i);
		if (!json_is_number(n))
			return -1;
		v[i] = json_number_value(n);
	}
	if (v[2] <= 0 || v[3] <= 0)
		return -1;
	b->x = v[0];
	b->y = v[1];
	b->w = v[2];
	b->h = v[3];
	return 0;
}

/* Append the boxes of array a to f->cells. */
static int read_cells(json_t *a, form_field *f)
{
	if (!json_is_array(a))
		return -1;
	for (size_t i = 0; i < json_array_size(a); i++) {
		if (f->ncells >= MODEL_MAX_CELLS)
			return -1;
		if (model_read_box(json_array_get(a, i), &f->cells[f->ncells]) != 0)
			return -1;
		f->ncells++;
	}
	return 0;
}

static mm_box union_box(const mm_box *b, int n)
{
	double x0 = b[0].x, y0 = b[0].y;
	double x1 = b[0].x + b[0].w, y1 = b[0].y + b[0].h;
	for (int i = 1; i < n; i++) {
		if (b[i].x < x0) x0 = b[i].x;
		if (b[i].y < y0) y0 = b[i].y;
		if (b[i].x + b[i].w > x1) x1 = b[i].x + b[i].w;
		if (b[i].y + b[i].h > y1) y1 = b[i].y + b[i].h;
	}
	mm_box u = {x0, y0, x1 - x0, y1 - y0};
	return u;
}

static const struct {
	const char *name;
	field_kind kind;
} kinds[] = {
	{"printed", FK_PRINTED},   {"checkbox", FK_CHECKBOX},
	{"cells", FK_CELLS},       {"date", FK_DATE},
	{"handwritten", FK_HANDWRITTEN}, {"seal", FK_SEAL},
};

const char *field_kind_name(field_kind k)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (kinds[i].kind == k)
			return kinds[i].name;
	return "?";
}

static int parse_chars(const char *s, char_set *cs)
{
	if (!s)
		*cs = CS_NONE;
	else if (!strcmp(s, "digits") || !strcmp(s, "0-9"))
		*cs = CS_DIGITS;
	else if (!strcmp(s, "number"))
		*cs = CS_NUMBER;
	else if (!strcmp(s, "A-Z0-9"))
		*cs = CS_ALNUM;
	else if (!strcmp(s, "jpn"))
		*cs = CS_JPN;
	else
		return -1;
	return 0;
}

static int read_field(const char *name, json_t *o, form_field *f, char *err,
		      size_t errlen)
{
	memset(f, 0, sizeof *f);
	if (strlen(name) >= sizeof f->name) {
		snprintf(err, errlen, "field name too long: %s", name);
		return -1;
	}
	strcpy(f->name, name);
	const char *kind = json_string_value(json_object_get(o, "kind"));
	size_t k;
	for (k = 0; kind && k < sizeof kinds / sizeof kinds[0]; k++)
		if (!strcmp(kinds[k].name, kind))
			break;
	if (!kind || k == sizeof kinds / sizeof kinds[0]) {
		snprintf(err, errlen, "field %s: unknown kind", name);
		return -1;
	}
	f->kind = kinds[k].kind;
	if (parse_chars(json_string_value(json_object_get(o, "chars")),
			&f->chars) != 0) {
		snprintf(err, errlen, "field %s: unknown chars", name);
		return -1;
	}
	const char *label = json_string_value(json_object_get(o, "label_ja"));
	snprintf(f->label_ja, sizeof f->label_ja, "%s", label ? label : name);
	json_t *req = json_object_get(o, "required");
	if (json_is_string(req))
		snprintf(f->required_if, sizeof f->required_if, "%s",
			 json_string_value(req));
	else
		f->required = json_is_true(req);
	f->secret = json_is_true(json_object_get(o, "secret"));

	int bad = 0;
	switch (f->kind) {
	case FK_CELLS:
		bad = read_cells(json_object_get(o, "cells"), f) || !f->ncells;
		break;
	case FK_DATE: {
		const char *era = json_string_value(json_object_get(o, "era"));
		snprintf(f->era, sizeof f->era, "%s", era ? era : "");
		bad = read_cells(json_object_get(o, "year"), f) ||
		      read_cells(json_object_get(o, "month"), f) ||
		      read_cells(json_object_get(o, "day"), f) || f->ncells != 6;
		break;
	}
	default:
		bad = model_read_box(json_object_get(o, "box"), &f->box);
		break;
	}
	if (bad) {
		snprintf(err, errlen, "field %s: missing or bad geometry", name);
		return -1;
	}
	if (f->ncells)
		f->box = union_box(f->cells, f->ncells);
	return 0;
}

int model_load(const char *path, form_model *m, char *err, size_t errlen)
{
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	memset(m, 0, sizeof *m);
	if (!root) {
		snprintf(err, errlen, "%s:%d: %s", path, je.line, je.text);
		return -1;
	}
	int rc = -1;
	const char *name = json_string_value(json_object_get(root, "name"));
	json_t *page = json_object_get(root, "page_mm");
	json_t *fid = json_object_get(root, "fiducials");
	json_t *fields = json_object_get(root, "fields");
	if (!name || !json_is_array(page) || json_array_size(page) != 2 ||
	    !json_is_array(fid) || json_array_size(fid) != 4 ||
	    !json_is_object(fields)) {
		snprintf(err, errlen, "%s: missing name, page_mm, fiducials or fields", path);
		goto out;
	}
	snprintf(m->name, sizeof m->name, "%s", name);
	m->page_w = json_number_value(json_array_get(page, 0));
	m->page_h = json_number_value(json_array_get(page, 1));
	/* 0 for a string; registration divides by the page size and sizes
	** the registered page by it (A0 is 1189 mm) */
	if (!(m->page_w > 0 && m->page_h > 0 && m->page_w <= 2000 && m->page_h <= 2000)) {
		snprintf(err, errlen, "%s: page_mm must be two numbers in (0, 2000]", path);
		goto out;
	}
	for (size_t i = 0; i < 4; i++)
		if (model_read_box(json_array_get(fid, i), &m->fiducials[i]) != 0) {
			snprintf(err, errlen, "%s: bad fiducial %zu", path, i);
			goto out;
		}
	if (model_read_box(json_object_get(root, "qr"), &m->qr) != 0 ||
	    model_read_box(json_object_get(root, "barcode"), &m->barcode) != 0) {
		snprintf(err, errlen, "%s: bad qr or barcode box", path);
		goto out;
	}
	const char *key;
	json_t *val;
	json_object_foreach(fields, key, val) {
		if (m->nfields >= MODEL_MAX_FIELDS) {
			snprintf(err, errlen, "%s: too many fields", path);
			goto out;
		}
		char ferr[160];
		if (read_field(key, val, &m->fields[m->nfields], ferr, sizeof ferr)) {
			snprintf(err, errlen, "%s: %s", path, ferr);
			goto out;
		}
		m->nfields++;
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

const form_field *model_field(const form_model *m, const char *name)
{
	for (int i = 0; i < m->nfields; i++)
		if (!strcmp(m->fields[i].name, name))
			return &m->fields[i];
	return NULL;
}

void mm_box_center(const mm_box *b, double *x, double *y)
{
	*x = b->x + b->w / 2;
	*y = b->y + b->h / 2;
}
