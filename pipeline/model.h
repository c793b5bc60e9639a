/*
** model.h — the form model: where every element of the printed form is.
**
** The geometry lives in models/<name>.json (millimetres from the top-left
** corner of the printed page); this module reads it with jansson into plain
** structures. No form coordinate appears anywhere else in C code.
*/
#ifndef SHOKAI_MODEL_H
#define SHOKAI_MODEL_H

#include <stddef.h>

#define MODEL_MAX_FIELDS 32
#define MODEL_MAX_CELLS 16
#define MODEL_NAME_LEN 32

typedef struct {
	double x, y, w, h; /* mm */
} mm_box;

typedef enum {
	FK_PRINTED,     /* printed by J-LIS: serial, address, name, dates */
	FK_CHECKBOX,    /* a box the holder ticks */
	FK_CELLS,       /* one handwritten character per box */
	FK_DATE,        /* 令和 year/month/day, two cells each */
	FK_HANDWRITTEN, /* a free handwritten line */
	FK_SEAL         /* a seal circle */
} field_kind;

typedef enum {
	CS_NONE,   /* not character data (checkbox, seal) */
	CS_DIGITS, /* 0-9 */
	CS_ALNUM,  /* A-Z and 0-9 */
	CS_JPN,    /* Japanese text */
	CS_NUMBER  /* 0-9 of a number people read (the phone; "number" in the
	           ** model): a round O is a 0 and an I a 1 there */
} char_set;

typedef struct {
	char name[MODEL_NAME_LEN];
	char label_ja[96];
	field_kind kind;
	char_set chars;
	int required;                     /* 1: always required */
	char required_if[MODEL_NAME_LEN]; /* checkbox that makes it required, or "" */
	int secret;                       /* PIN: never output, masked in images */
	mm_box box;                       /* bounding box of the whole field */
	int ncells;                       /* FK_CELLS, FK_DATE */
	mm_box cells[MODEL_MAX_CELLS];    /* FK_DATE: year[2] month[2] day[2] */
	char era[16];                     /* FK_DATE: printed era, e.g. 令和 */
} form_field;

typedef struct {
	char name[64];
	double page_w, page_h; /* mm */
	mm_box fiducials[4];   /* TL, TR, BL, BR */
	mm_box qr, barcode;
	int nfields;
	form_field fields[MODEL_MAX_FIELDS];
} form_model;

/* Load a model from a JSON file. Returns 0, or -1 with a message in err. */
int model_load(const char *path, form_model *m, char *err, size_t errlen);

/* The field called name, or NULL. */
const form_field *model_field(const form_model *m, const char *name);

/* A box [x, y, w, h] in millimetres from a JSON array, w and h positive
** (shared with the generator's print model). Returns 0, or -1. */
struct json_t;
int model_read_box(const struct json_t *a, mm_box *b);

/* Centre of a box. */
void mm_box_center(const mm_box *b, double *x, double *y);

const char *field_kind_name(field_kind k);

#endif
