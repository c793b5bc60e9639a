/*
** picture.c — pictures of a registered page for people (see picture.h).
*/
#include "picture.h"

#include <leptonica/allheaders.h>
#include <stdio.h>

#include "fsutil.h"

static BOX *mm_to_box(const mm_box *b, double res)
{
	return boxCreate((l_int32)(b->x * res), (l_int32)(b->y * res),
			 (l_int32)(b->w * res + 0.5), (l_int32)(b->h * res + 0.5));
}

static void outline_box(PIX *pix, const mm_box *b, int width, int r, int g, int bl)
{
	BOX *box = mm_to_box(b, PAGE_RES);
	pixRenderBoxArb(pix, box, width, (l_uint8)r, (l_uint8)g, (l_uint8)bl);
	boxDestroy(&box);
}

/* Outline b grown by margin mm on every side (a frame around it, not on it). */
static void frame_box(PIX *pix, mm_box b, double margin, int width, int r, int g, int bl)
{
	b.x -= margin;
	b.y -= margin;
	b.w += 2 * margin;
	b.h += 2 * margin;
	outline_box(pix, &b, width, r, g, bl);
}

PIX *picture_page(const page_image *pi, const form_model *m)
{
	if (!pi || !pi->registered || !pi->gray)
		return NULL;
	PIX *rgb = pixConvertTo32(pi->gray);
	if (!rgb)
		return NULL;
	/* Mask the secrets first, so that nothing drawn later can reveal them. */
	for (int i = 0; i < m->nfields; i++) {
		const form_field *f = &m->fields[i];
		if (!f->secret)
			continue;
		BOX *box = mm_to_box(&f->box, PAGE_RES);
		pixSetInRectArbitrary(rgb, box, 0x80808000);
		boxDestroy(&box);
	}
	return rgb;
}

int picture_path(char *out, size_t n, const char *dir, const char *file, int page)
{
	int len = snprintf(out, n, "%s/%s-p%d.png", dir, fs_basename(file), page);
	return len < 0 || (size_t)len >= n ? -1 : 0;
}

/* Outline one field (its cells, or its box) in the colour r, g, b. */
static void outline_field(PIX *pix, const form_field *f, int r, int g, int b)
{
	if (f->ncells)
		for (int k = 0; k < f->ncells; k++)
			outline_box(pix, &f->cells[k], 3, r, g, b);
	else
		outline_box(pix, &f->box, 3, r, g, b);
}

void picture_draw_fields(PIX *pix, const form_model *m)
{
	static const int colour[][3] = {
		[FK_PRINTED] = {0, 90, 220},   [FK_CHECKBOX] = {230, 120, 0},
		[FK_CELLS] = {0, 160, 60},     [FK_DATE] = {150, 0, 200},
		[FK_HANDWRITTEN] = {0, 150, 170}, [FK_SEAL] = {220, 0, 0},
	};
	for (int i = 0; i < m->nfields; i++) {
		const form_field *f = &m->fields[i];
		const int *c = colour[f->kind];
		outline_field(pix, f, c[0], c[1], c[2]);
	}
	for (int i = 0; i < 4; i++)
		outline_box(pix, &m->fiducials[i], 3, 255, 0, 255);
	outline_box(pix, &m->qr, 3, 255, 0, 255);
	outline_box(pix, &m->barcode, 3, 255, 0, 255);
}

/* The fields a check reads (the first one names the place). */
static const char *const doubt_fields[DF_COUNT][3] = {
	[DF_NO_CERT_SELECTED] = {"cb_sign", "cb_user"},
	[DF_PIN_SIGN_MISSING] = {"pin_sign", "cb_sign"},
	[DF_PIN_SIGN_FORMAT] = {"pin_sign", "cb_sign"},
	[DF_PIN_USER_MISSING] = {"pin_user", "cb_user"},
	[DF_PIN_USER_FORMAT] = {"pin_user", "cb_user"},
	[DF_ANSWER_DATE_MISSING] = {"answer_date"},
	[DF_ANSWER_DATE_INVALID] = {"answer_date"},
	[DF_ANSWER_NAME_MISSING] = {"answer_name"},
	[DF_ANSWER_SEAL_MISSING] = {"answer_seal", "cb_kimei"},
	[DF_MANDATE_DATE_MISSING] = {"mandate_date"},
	[DF_MANDATE_DATE_INVALID] = {"mandate_date"},
	[DF_PROXY_ADDRESS_MISSING] = {"proxy_address"},
	[DF_PROXY_NAME_MISSING] = {"proxy_name"},
	[DF_PROXY_PHONE_FORMAT] = {"proxy_phone"},
	[DF_MANDATOR_NAME_MISSING] = {"mandator_name"},
	[DF_MANDATOR_SEAL_MISSING] = {"mandator_seal", "cb_kimei"},
	[DF_TOO_EARLY] = {"printed_expiry"},
	[DF_CARD_EXPIRED] = {"printed_expiry"},
	[DF_PRINTED_DATA_CHANGED] = {"printed_address", "printed_name"},
};

int picture_mark_doubts(PIX *pix, const form_model *m, defect_set doubts)
{
	int marked = 0;
	for (int d = 0; d < DF_COUNT; d++) {
		if (!(doubts & DEFECT_BIT(d)))
			continue;
		for (int k = 0; k < 3 && doubt_fields[d][k]; k++) {
			const form_field *f = model_field(m, doubt_fields[d][k]);
			if (!f)
				continue;
			/* a wide frame around the whole field, so it shows at a glance */
			frame_box(pix, f->box, 1.5, 6, 230, 0, 0);
			marked++;
		}
	}
	return marked;
}

int picture_mark_cells(PIX *pix, const form_model *m, const char *field, unsigned mask)
{
	const form_field *f = model_field(m, field);
	if (!f || f->secret)
		return 0;
	int marked = 0;
	for (int i = 0; i < f->ncells && i < 32; i++) {
		if (!(mask & (1u << i)))
			continue;
		frame_box(pix, f->cells[i], 0.6, 3, 255, 140, 0);
		marked++;
	}
	return marked;
}
