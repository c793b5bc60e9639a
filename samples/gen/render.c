/*
** render.c — the printed form. Geometry of fields comes from the form
** model, the rest of the print from the print model; no coordinate here.
*/
#include "render.h"

#include <math.h>
#include <qrencode.h>
#include <stdio.h>
#include <string.h>
#include <zint.h>

#include "text.h"

static void stroke_box(cairo_t *cr, const mm_box *b, double w)
{
	cairo_set_line_width(cr, w);
	cairo_rectangle(cr, b->x, b->y, b->w, b->h);
	cairo_stroke(cr);
}

static void seal_guide(cairo_t *cr, PangoContext *ctx, const print_model *pm,
		       const mm_box *b)
{
	double cx, cy;
	mm_box_center(b, &cx, &cy);
	double r = (b->w < b->h ? b->w : b->h) / 2.0 - pm->seal_inset;
	cairo_set_source_rgb(cr, pm->seal_grey, pm->seal_grey, pm->seal_grey);
	cairo_set_line_width(cr, pm->seal_width);
	cairo_new_sub_path(cr);
	cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
	cairo_stroke(cr);
	double g = pm->seal_mark_grey;
	cairo_set_source_rgb(cr, g, g, g);
	PangoLayout *l = text_layout(ctx, pm->family[pm->seal_mark_font],
				     pm->seal_mark_size, PANGO_WEIGHT_NORMAL,
				     pm->seal_mark);
	cairo_save(cr);
	cairo_translate(cr, cx, cy);
	text_centered_path(cr, l);
	cairo_fill(cr);
	cairo_restore(cr);
	g_object_unref(l);
	cairo_set_source_rgb(cr, 0, 0, 0);
}

void render_static(cairo_t *cr, PangoContext *ctx, const form_model *m,
		   const print_model *pm)
{
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int i = 0; i < 4; i++) {
		const mm_box *f = &m->fiducials[i];
		cairo_rectangle(cr, f->x, f->y, f->w, f->h);
	}
	cairo_fill(cr);
	for (int i = 0; i < pm->nframes; i++)
		stroke_box(cr, &pm->frames[i].box, pm->frames[i].width);
	for (int i = 0; i < pm->nlines; i++) {
		const pm_line *l = &pm->lines[i];
		cairo_set_line_width(cr, l->width);
		cairo_move_to(cr, l->x0, l->y0);
		cairo_line_to(cr, l->x1, l->y1);
		cairo_stroke(cr);
	}
	for (int i = 0; i < pm->ntexts; i++) {
		const pm_text *t = &pm->texts[i];
		text_draw(cr, ctx, pm->family[t->font], t->size, t->x, t->y, t->t);
	}
	for (int i = 0; i < m->nfields; i++) {
		const form_field *f = &m->fields[i];
		switch (f->kind) {
		case FK_CELLS:
		case FK_DATE:
			for (int c = 0; c < f->ncells; c++)
				stroke_box(cr, &f->cells[c], pm->cell_width);
			break;
		case FK_CHECKBOX:
			stroke_box(cr, &f->box, pm->checkbox_width);
			break;
		case FK_HANDWRITTEN:
			cairo_set_line_width(cr, pm->underline_width);
			cairo_move_to(cr, f->box.x, f->box.y + f->box.h);
			cairo_line_to(cr, f->box.x + f->box.w, f->box.y + f->box.h);
			cairo_stroke(cr);
			break;
		case FK_SEAL:
			seal_guide(cr, ctx, pm, &f->box);
			break;
		case FK_PRINTED:
			break;
		}
	}
}

static int draw_qr(cairo_t *cr, const mm_box *b, const char *payload,
		   char *err, size_t errlen)
{
	QRcode *q = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q) {
		snprintf(err, errlen, "QR encoding failed");
		return -1;
	}
	double mw = b->w / q->width, mh = b->h / q->width;
	/* One path of row runs, filled once: no seams between modules. */
	for (int y = 0; y < q->width; y++) {
		int x = 0;
		while (x < q->width) {
			if (!(q->data[y * q->width + x] & 1)) {
				x++;
				continue;
			}
			int x0 = x;
			while (x < q->width && (q->data[y * q->width + x] & 1))
				x++;
			cairo_rectangle(cr, b->x + x0 * mw, b->y + y * mh,
					(x - x0) * mw, mh);
		}
	}
	cairo_fill(cr);
	QRcode_free(q);
	return 0;
}

static int draw_code128(cairo_t *cr, const mm_box *b, const char *serial,
			char *err, size_t errlen)
{
	struct zint_symbol *s = ZBarcode_Create();
	if (!s) {
		snprintf(err, errlen, "zint: out of memory");
		return -1;
	}
	s->symbology = BARCODE_CODE128;
	s->show_hrt = 0;
	s->height = 40;
	int rc = ZBarcode_Encode(s, (const unsigned char *)serial,
				 (int)strlen(serial));
	if (rc < ZINT_ERROR)
		rc = ZBarcode_Buffer_Vector(s, 0);
	if (rc >= ZINT_ERROR || !s->vector || s->vector->width <= 0) {
		snprintf(err, errlen, "zint: %s", s->errtxt);
		ZBarcode_Delete(s);
		return -1;
	}
	double kx = b->w / s->vector->width, ky = b->h / s->vector->height;
	for (struct zint_vector_rect *r = s->vector->rectangles; r; r = r->next)
		cairo_rectangle(cr, b->x + r->x * kx, b->y + r->y * ky,
				r->width * kx, r->height * ky);
	cairo_fill(cr);
	ZBarcode_Delete(s);
	return 0;
}

int render_codes(cairo_t *cr, const form_model *m, const char *payload,
		 const char *serial, char *err, size_t errlen)
{
	cairo_set_source_rgb(cr, 0, 0, 0);
	if (draw_qr(cr, &m->qr, payload, err, errlen))
		return -1;
	return draw_code128(cr, &m->barcode, serial, err, errlen);
}

static void printed(cairo_t *cr, PangoContext *ctx, const print_model *pm,
		    const form_model *m, const char *field, const pm_printed *st,
		    const char *value)
{
	const form_field *f = model_field(m, field);
	if (!f || !value[0])
		return;
	char buf[512];
	snprintf(buf, sizeof buf, "%s%s", value, st->suffix);
	text_draw(cr, ctx, pm->family[st->font], st->size, f->box.x + st->indent,
		  f->box.y + f->box.h / 2.0, buf);
}

void render_printed(cairo_t *cr, PangoContext *ctx, const form_model *m,
		    const print_model *pm, const form_print *fp)
{
	char ser[32] = "";
	if (strlen(fp->serial) == 12)
		snprintf(ser, sizeof ser, "%.4s %.4s %.4s", fp->serial,
			 fp->serial + 4, fp->serial + 8);
	cairo_set_source_rgb(cr, 0, 0, 0);
	printed(cr, ctx, pm, m, "printed_serial", &pm->serial, ser);
	printed(cr, ctx, pm, m, "printed_address", &pm->address, fp->address);
	printed(cr, ctx, pm, m, "printed_name", &pm->name, fp->name);
	printed(cr, ctx, pm, m, "printed_birth", &pm->birth, fp->birth);
	printed(cr, ctx, pm, m, "printed_expiry", &pm->expiry, fp->expiry);
}
