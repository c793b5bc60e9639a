/*
** recognize.c — read every field of the model on a registered page.
*/
#include "recognize.h"

#include <leptonica/allheaders.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cellrec.h"
#include "dates.h"
#include "marks.h"
#include "normalize.h"
#include "ocr.h"
#include "pixutil.h"
#include "verify.h"

/* A cell is handed to the recogniser with this much of its surroundings,
** so that it sees (and removes) the whole printed border. */
#define CELL_MARGIN_MM 1.0

struct recognizer {
	ocr *ocr;
	cellrec *cells; /* boxes for digits: dates, phone, user PIN */
	cellrec *alnum; /* boxes for letters and digits: the signing PIN */
	verifier *ver;  /* draws printed lines to check them (verify.h) */
	/* the municipality's towns, to correct the printed address */
	char muni_name[64];
	int ntowns;
	char towns[PROFILE_MAX_TOWNS][PROFILE_TOWN_LEN];
	const char *town_ptr[PROFILE_MAX_TOWNS];
};

int recognizer_new(const char *models_dir, recognizer **out, char *err, size_t errlen)
{
	recognizer *rz = calloc(1, sizeof *rz);
	if (!rz)
		return -1;
	const char *dir = models_dir ? models_dir : "models";
	if (ocr_new(NULL, &rz->ocr, err, errlen) != 0 ||
	    cellrec_load(dir, &rz->cells, err, errlen) != 0 ||
	    cellrec_load_file(dir, CELLREC_ALNUM_FILE, &rz->alnum, err, errlen) != 0) {
		recognizer_free(rz);
		return -1;
	}
	if (!(rz->ver = verifier_new())) {
		snprintf(err, errlen, "cannot set up the printed-face drawing (pango)");
		recognizer_free(rz);
		return -1;
	}
	*out = rz;
	return 0;
}

void recognizer_set_towns(recognizer *rz, const profile *p)
{
	snprintf(rz->muni_name, sizeof rz->muni_name, "%s", p->muni_name);
	rz->ntowns = p->ntowns;
	for (int i = 0; i < p->ntowns; i++) {
		memcpy(rz->towns[i], p->towns[i], sizeof rz->towns[i]);
		rz->town_ptr[i] = rz->towns[i];
	}
}

void recognizer_free(recognizer *rz)
{
	if (!rz)
		return;
	ocr_free(rz->ocr);
	if (rz->cells)
		cellrec_free(rz->cells);
	if (rz->alnum)
		cellrec_free(rz->alnum);
	verifier_free(rz->ver);
	free(rz);
}

void *readings_slot(page_readings *r, const char *f)
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
	for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++)
		if (!strcmp(slots[i].name, f))
			return (char *)r + slots[i].off;
	return NULL;
}

static void read_cells(const recognizer *rz, const form_field *f, const page_image *pi,
		       cells_reading *c)
{
	c->n = f->ncells;
	char_set allowed = f->kind == FK_DATE ? CS_DIGITS : f->chars;
	/* letters are read by the model that learnt them from more hands; the
	** digit boxes keep the model whose digits are surest (models/README) */
	const cellrec *model = allowed == CS_ALNUM ? rz->alnum : rz->cells;
	for (int i = 0; i < f->ncells; i++) {
		const mm_box *b = &f->cells[i];
		cell_reading *cr = &c->cell[i];
		double x = (b->x - CELL_MARGIN_MM) * PAGE_RES, y = (b->y - CELL_MARGIN_MM) * PAGE_RES;
		BOX *box = boxCreate((int)lround(x), (int)lround(y),
				     (int)lround((b->w + 2 * CELL_MARGIN_MM) * PAGE_RES),
				     (int)lround((b->h + 2 * CELL_MARGIN_MM) * PAGE_RES));
		PIX *crop = pixClipRectangle(pi->gray, box, NULL);
		boxDestroy(&box);
		if (!crop || cellrec_read(model, crop, allowed, cr) != 0) {
			memset(cr, 0, sizeof *cr); /* unreadable: not trusted */
			cr->written.conf = 0;
		}
		cellrec_box_prior(cr, allowed);
		/* Two measures of "written" must agree to be trusted. */
		mark_measure mm;
		bool_reading ink = mark_cell(pi->gray, b, PAGE_RES, &mm);
		if (ink.value != cr->written.value)
			cr->written.conf = cr->written.conf < 0.5 ? cr->written.conf : 0.5;
		pix_wipe_destroy(&crop);
	}
}

/* Below any gate: a date line read as no date. */
#define PRINTED_NOT_A_DATE_CONF 0.5

/* A printed line: read several times, each reading tidied (specks, kana
** for kanji, 様, the town against the municipality's list) before the
** vote, so that readings which differ only in what the tidying undoes
** count as agreeing. */
static void read_printed(recognizer *rz, const form_field *f, const page_image *pi,
			 text_reading *t)
{
	int digits = f->chars == CS_DIGITS;
	ocr_reads reads;
	if (ocr_read_line(rz->ocr, pi->gray, &f->box, PAGE_RES, digits, t, &reads) != 0)
		return;
	int is_name = !strcmp(f->name, "printed_name");
	int is_address = !strcmp(f->name, "printed_address");
	for (int i = 0; i < reads.n && !digits; i++) {
		char tmp[READ_TEXT_LEN];
		if ((is_name ? name_tidy(reads.text[i], tmp, sizeof tmp)
			     : ocr_tidy(reads.text[i], tmp, sizeof tmp)) >= 0)
			memcpy(reads.text[i], tmp, sizeof tmp);
		if (is_address && address_fix_chome(reads.text[i], tmp, sizeof tmp) == 1)
			memcpy(reads.text[i], tmp, sizeof tmp);
		if (is_address && address_fix_go(reads.text[i], tmp, sizeof tmp) == 1)
			memcpy(reads.text[i], tmp, sizeof tmp);
		if (is_address && rz->ntowns &&
		    address_fix_town(reads.text[i], rz->muni_name, rz->town_ptr, rz->ntowns,
				     ocr_knows, rz->ocr, tmp, sizeof tmp) == 1)
			memcpy(reads.text[i], tmp, sizeof tmp);
	}
	ocr_vote(&reads, t);
	/* J-LIS prints exactly one era date on a date line: a reading that is
	** none (日 read as H, 和 as 利) is a misread, however well voted. */
	int is_date = !strcmp(f->name, "printed_birth") || !strcmp(f->name, "printed_expiry");
	if (is_date && t->conf > PRINTED_NOT_A_DATE_CONF && !era_parse(t->text))
		t->conf = PRINTED_NOT_A_DATE_CONF;
}

int recognize_page(recognizer *rz, const form_model *m, const page_image *pi,
		   page_readings *out)
{
	memset(out, 0, sizeof *out);
	if (!pi->registered || !pi->gray)
		return -1;
	for (int i = 0; i < m->nfields; i++) {
		const form_field *f = &m->fields[i];
		void *slot = readings_slot(out, f->name);
		if (!slot)
			continue;
		mark_measure mm;
		switch (f->kind) {
		case FK_PRINTED:
			read_printed(rz, f, pi, slot);
			break;
		case FK_CHECKBOX:
			*(bool_reading *)slot = mark_checkbox(pi->gray, &f->box, PAGE_RES, &mm);
			break;
		case FK_SEAL:
			*(bool_reading *)slot = mark_seal(pi->gray, pi->red, &f->box, PAGE_RES, &mm);
			break;
		case FK_HANDWRITTEN: {
			/* Written or empty decides; the OCR text is for review
			** screens only (handwriting reads poorly). */
			text_reading *t = slot, o;
			t->present = mark_line(pi->gray, &f->box, PAGE_RES, &mm);
			if (t->present.value &&
			    ocr_line(rz->ocr, pi->gray, &f->box, PAGE_RES, 0, 0, &o) == 0) {
				text_mask_digit_runs(o.text);
				memcpy(t->text, o.text, sizeof t->text);
				t->conf = o.conf;
				explicit_bzero(&o, sizeof o);
			}
			break;
		}
		case FK_CELLS:
		case FK_DATE:
			read_cells(rz, f, pi, slot);
			break;
		}
	}
	return 0;
}

/* The em of each printed line, in mm (J-LIS's print, as the generator's
** models/jlis-shokaisho-v1.print.json draws it; verify_printed fits the
** size within ±6 %). */
static const struct {
	const char *field;
	double em_mm;
	verify_kind kind;
} printed_lines[] = {
	{"printed_address", 4.4, VERIFY_ADDRESS},
	{"printed_name", 5.0, VERIFY_NAME},
	{"printed_birth", 3.95, VERIFY_TEXT},
	{"printed_expiry", 3.95, VERIFY_TEXT},
};

int recognizer_can_verify(const recognizer *rz)
{
	return rz && verifier_ready(rz->ver);
}

int recognize_verify(recognizer *rz, const form_model *m, const page_image *pi,
		     const char *address, const char *name, int birth, int expiry,
		     page_readings *r)
{
	if (!pi->registered || !pi->gray)
		return -1;
	char b[64] = "", e[64] = "";
	if (birth && era_format(birth, b, sizeof b - 4) > 0)
		strcat(b, "生");
	if (expiry)
		era_format(expiry, e, sizeof e);
	const char *value[4] = {address, name, b, e};
	int changed = 0;
	for (int k = 0; k < 4; k++) {
		const form_field *f = model_field(m, printed_lines[k].field);
		text_reading *t = readings_slot(r, printed_lines[k].field);
		if (f && t && value[k] && value[k][0] &&
		    verify_printed(rz->ver, pi->gray, &f->box, PAGE_RES, printed_lines[k].em_mm,
				   printed_lines[k].kind, value[k], t) == 1)
			changed++;
	}
	return changed;
}
