/*
** recognize.c — read every field of the model on a registered page.
*/
#include "recognize.h"

#include <stdlib.h>
#include <string.h>

#include "marks.h"
#include "ocr.h"

struct recognizer {
	ocr *ocr;
};

int recognizer_new(const char *models_dir, recognizer **out, char *err, size_t errlen)
{
	(void)models_dir;
	recognizer *rz = calloc(1, sizeof *rz);
	if (!rz)
		return -1;
	if (ocr_new(NULL, &rz->ocr, err, errlen) != 0) {
		free(rz);
		return -1;
	}
	*out = rz;
	return 0;
}

void recognizer_free(recognizer *rz)
{
	if (!rz)
		return;
	ocr_free(rz->ocr);
	free(rz);
}

void *readings_slot(page_readings *r, const char *f, field_kind *kind)
{
	static const struct {
		const char *name;
		size_t off;
	} slots[] = {
#define S(n) {#n, offsetof(page_readings, n)}
		S(printed_serial), S(printed_address), S(printed_name), S(printed_birth),
		S(printed_expiry), S(cb_sign), S(cb_user), S(cb_kimei), S(pin_sign),
		S(pin_user), S(proxy_phone), S(answer_date), S(mandate_date),
		S(answer_name), S(mandator_name), S(proxy_name), S(proxy_address),
		S(answer_seal), S(mandator_seal),
#undef S
	};
	(void)kind;
	for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++)
		if (!strcmp(slots[i].name, f))
			return (char *)r + slots[i].off;
	return NULL;
}

static void read_cells(const form_field *f, const page_image *pi, cells_reading *c)
{
	c->n = f->ncells;
	for (int i = 0; i < f->ncells; i++) {
		mark_measure mm;
		cell_reading *cr = &c->cell[i];
		cr->written = mark_cell(pi->gray, &f->cells[i], PAGE_RES, &mm);
		cr->ncand = 0; /* no character recogniser yet: never trusted */
	}
}

/* The printed name ends with 様 (honorific), which is not part of it. */
static void strip_sama(text_reading *t)
{
	size_t n = strlen(t->text);
	if (n >= 3 && !strcmp(t->text + n - 3, "\xE6\xA7\x98"))
		t->text[n - 3] = 0;
}

int recognize_page(recognizer *rz, const form_model *m, const page_image *pi,
		   page_readings *out)
{
	memset(out, 0, sizeof *out);
	if (!pi->registered || !pi->gray)
		return -1;
	for (int i = 0; i < m->nfields; i++) {
		const form_field *f = &m->fields[i];
		void *slot = readings_slot(out, f->name, NULL);
		if (!slot)
			continue;
		mark_measure mm;
		switch (f->kind) {
		case FK_PRINTED:
			ocr_line(rz->ocr, pi->gray, &f->box, PAGE_RES, f->chars == CS_DIGITS, slot);
			if (!strcmp(f->name, "printed_name"))
				strip_sama(slot);
			break;
		case FK_CHECKBOX:
			*(bool_reading *)slot = mark_checkbox(pi->gray, &f->box, PAGE_RES, &mm);
			break;
		case FK_SEAL:
			*(bool_reading *)slot = mark_seal(pi->gray, pi->red, &f->box, PAGE_RES, &mm);
			break;
		case FK_HANDWRITTEN: {
			text_reading *t = slot;
			t->present = mark_line(pi->gray, &f->box, PAGE_RES, &mm);
			break;
		}
		case FK_CELLS:
		case FK_DATE:
			read_cells(f, pi, slot);
			break;
		}
	}
	return 0;
}
