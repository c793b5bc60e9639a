/*
** pmodel.c — read models/<name>.print.json with jansson.
*/
#include "pmodel.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static int num(json_t *o, const char *key, double *v)
{
	json_t *n = json_object_get(o, key);
	if (!json_is_number(n))
		return -1;
	*v = json_number_value(n);
	return 0;
}

static int font_of(json_t *o, const char *key, pm_font *f)
{
	const char *s = json_string_value(json_object_get(o, key));
	if (!s)
		return -1;
	if (!strcmp(s, "gothic"))
		*f = PF_GOTHIC;
	else if (!strcmp(s, "mincho"))
		*f = PF_MINCHO;
	else
		return -1;
	return 0;
}

static int printed_of(json_t *o, const char *key, pm_printed *p)
{
	json_t *f = json_object_get(o, key);
	if (!json_is_object(f) || font_of(f, "font", &p->font) ||
	    num(f, "size", &p->size) || num(f, "indent", &p->indent))
		return -1;
	const char *suf = json_string_value(json_object_get(f, "suffix"));
	snprintf(p->suffix, sizeof p->suffix, "%s", suf ? suf : "");
	return 0;
}

#define FAIL(...)                                   \
	do {                                        \
		snprintf(err, errlen, __VA_ARGS__); \
		json_decref(root);                  \
		return -1;                          \
	} while (0)

int pmodel_load(const char *path, print_model *pm, char *err, size_t errlen)
{
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	memset(pm, 0, sizeof *pm);
	if (!root) {
		snprintf(err, errlen, "%s:%d: %s", path, je.line, je.text);
		return -1;
	}
	json_t *fonts = json_object_get(root, "fonts");
	const char *g = json_string_value(json_object_get(fonts, "gothic"));
	const char *m = json_string_value(json_object_get(fonts, "mincho"));
	if (!g || !m)
		FAIL("%s: fonts.gothic and fonts.mincho are required", path);
	snprintf(pm->family[PF_GOTHIC], PM_FONT_LEN, "%s", g);
	snprintf(pm->family[PF_MINCHO], PM_FONT_LEN, "%s", m);

	json_t *a = json_object_get(root, "texts");
	if (!json_is_array(a) || json_array_size(a) > PM_MAX_TEXTS)
		FAIL("%s: texts must be an array of at most %d", path, PM_MAX_TEXTS);
	for (size_t i = 0; i < json_array_size(a); i++) {
		json_t *o = json_array_get(a, i);
		pm_text *t = &pm->texts[pm->ntexts++];
		const char *s = json_string_value(json_object_get(o, "t"));
		if (!s || strlen(s) >= sizeof t->t || num(o, "x", &t->x) ||
		    num(o, "y", &t->y) || num(o, "size", &t->size) ||
		    font_of(o, "font", &t->font))
			FAIL("%s: texts[%zu] is malformed", path, i);
		strcpy(t->t, s);
	}
	a = json_object_get(root, "frames");
	if (!json_is_array(a) || json_array_size(a) > PM_MAX_FRAMES)
		FAIL("%s: frames must be an array of at most %d", path, PM_MAX_FRAMES);
	for (size_t i = 0; i < json_array_size(a); i++) {
		json_t *o = json_array_get(a, i);
		pm_frame *f = &pm->frames[pm->nframes++];
		if (model_read_box(json_object_get(o, "box"), &f->box) ||
		    num(o, "width", &f->width))
			FAIL("%s: frames[%zu] is malformed", path, i);
	}
	a = json_object_get(root, "lines");
	if (!json_is_array(a) || json_array_size(a) > PM_MAX_LINES)
		FAIL("%s: lines must be an array of at most %d", path, PM_MAX_LINES);
	for (size_t i = 0; i < json_array_size(a); i++) {
		json_t *o = json_array_get(a, i);
		json_t *p0 = json_object_get(o, "from"), *p1 = json_object_get(o, "to");
		pm_line *l = &pm->lines[pm->nlines++];
		if (json_array_size(p0) != 2 || json_array_size(p1) != 2 ||
		    num(o, "width", &l->width))
			FAIL("%s: lines[%zu] is malformed", path, i);
		l->x0 = json_number_value(json_array_get(p0, 0));
		l->y0 = json_number_value(json_array_get(p0, 1));
		l->x1 = json_number_value(json_array_get(p1, 0));
		l->y1 = json_number_value(json_array_get(p1, 1));
	}

	json_t *fs = json_object_get(root, "field_styles");
	json_t *seal = json_object_get(fs, "seal");
	const char *mark = json_string_value(json_object_get(seal, "mark"));
	if (num(json_object_get(fs, "cells"), "width", &pm->cell_width) ||
	    num(json_object_get(fs, "checkbox"), "width", &pm->checkbox_width) ||
	    num(json_object_get(fs, "handwritten"), "underline_width",
		&pm->underline_width) ||
	    num(seal, "grey", &pm->seal_grey) || num(seal, "width", &pm->seal_width) ||
	    num(seal, "inset", &pm->seal_inset) ||
	    num(seal, "mark_size", &pm->seal_mark_size) ||
	    num(seal, "mark_grey", &pm->seal_mark_grey) ||
	    font_of(seal, "mark_font", &pm->seal_mark_font) || !mark ||
	    strlen(mark) >= sizeof pm->seal_mark)
		FAIL("%s: field_styles is incomplete", path);
	strcpy(pm->seal_mark, mark);

	json_t *pr = json_object_get(root, "printed");
	if (printed_of(pr, "printed_serial", &pm->serial) ||
	    printed_of(pr, "printed_address", &pm->address) ||
	    printed_of(pr, "printed_name", &pm->name) ||
	    printed_of(pr, "printed_birth", &pm->birth) ||
	    printed_of(pr, "printed_expiry", &pm->expiry))
		FAIL("%s: printed styles are incomplete", path);
	json_decref(root);
	return 0;
}

void pmodel_path_for(const char *model_path, char *out, size_t n)
{
	size_t len = strlen(model_path);
	if (len > 5 && !strcmp(model_path + len - 5, ".json"))
		snprintf(out, n, "%.*s.print.json", (int)(len - 5), model_path);
	else
		snprintf(out, n, "%s.print.json", model_path);
}
