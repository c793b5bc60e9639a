/*
** pmodel.h — the static print of the form (titles, frames, labels) and the
** styles for drawing the model's fields, read from
** models/<name>.print.json. Field geometry stays in the form model
** (pipeline/model.h); this file only says how the paper looks.
*/
#ifndef SHOKAI_GEN_PMODEL_H
#define SHOKAI_GEN_PMODEL_H

#include <stddef.h>

#include "model.h"

#define PM_MAX_TEXTS 64
#define PM_MAX_FRAMES 16
#define PM_MAX_LINES 16
#define PM_FONT_LEN 48

typedef enum { PF_GOTHIC, PF_MINCHO } pm_font;

typedef struct {
	char t[256];
	double x, y, size; /* left edge, middle of the line box, em size */
	pm_font font;
} pm_text;

typedef struct {
	mm_box box;
	double width;
} pm_frame;

typedef struct {
	double x0, y0, x1, y1, width;
} pm_line;

typedef struct {
	pm_font font;
	double size, indent;
	char suffix[32];
} pm_printed;

typedef struct {
	char family[2][PM_FONT_LEN]; /* indexed by pm_font */
	int ntexts, nframes, nlines;
	pm_text texts[PM_MAX_TEXTS];
	pm_frame frames[PM_MAX_FRAMES];
	pm_line lines[PM_MAX_LINES];
	double cell_width, checkbox_width, underline_width;
	double seal_grey, seal_width, seal_inset, seal_mark_size, seal_mark_grey;
	char seal_mark[16];
	pm_font seal_mark_font;
	/* printed holder data, by field name */
	pm_printed serial, address, name, birth, expiry;
} print_model;

int pmodel_load(const char *path, print_model *pm, char *err, size_t errlen);

/* The print model beside a form model: "x.json" -> "x.print.json". */
void pmodel_path_for(const char *model_path, char *out, size_t n);

#endif
