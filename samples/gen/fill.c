/*
** fill.c — the holder's entries, drawn from a form_data.
*/
#include "fill.h"

#include <math.h>
#include <string.h>

static void cells(const hand *h, cairo_t *cr, const pen *p, rng *r,
		  const form_field *f, const char *s)
{
	if (!f)
		return;
	for (int i = 0; s[i] && i < f->ncells; i++) {
		if (s[i] == ' ')
			continue;
		char c[2] = {s[i], 0};
		hand_cell(h, cr, p, r, c, &f->cells[i]);
	}
}

static void date(const hand *h, cairo_t *cr, const pen *p, rng *r,
		 const form_field *f, const written_date *d)
{
	if (!f || !d->written)
		return;
	for (int i = 0; i < 6 && i < f->ncells; i++)
		if (d->cell[i][0])
			hand_cell(h, cr, p, r, d->cell[i], &f->cells[i]);
}

static void box_mark(cairo_t *cr, const pen *p, rng *r, const form_field *f,
		     int ticked, int style, int stray)
{
	if (!f)
		return;
	if (ticked)
		hand_tick(cr, p, r, (tick_style)style, &f->box);
	else if (stray)
		hand_dot(cr, p, r, &f->box);
}

static void line(const hand *h, cairo_t *cr, const pen *p, rng *r,
		 const form_field *f, const char *s)
{
	if (f && s[0])
		hand_line(h, cr, p, r, s, &f->box);
}

void fill_form(const hand *h, cairo_t *cr, const form_model *m,
	       const form_data *f)
{
	rng r;
	rng_seed(&r, f->look, 7);
	pen holder, proxy, names;
	pen_random(&holder, &r);
	pen_random(&proxy, &r);
	if (rng_chance(&r, 0.6))
		proxy = holder;
	names = holder;
	if (f->kimei_hand) /* written for the holder by someone else */
		pen_random(&names, &r);

	box_mark(cr, &holder, &r, model_field(m, "cb_sign"), f->cb_sign, f->tick[0], f->stray[0]);
	box_mark(cr, &holder, &r, model_field(m, "cb_user"), f->cb_user, f->tick[1], f->stray[1]);
	box_mark(cr, &holder, &r, model_field(m, "cb_kimei"), f->cb_kimei, f->tick[2], f->stray[2]);
	cells(h, cr, &holder, &r, model_field(m, "pin_sign"), f->pin_sign);
	cells(h, cr, &holder, &r, model_field(m, "pin_user"), f->pin_user);
	date(h, cr, &holder, &r, model_field(m, "answer_date"), &f->answer_date);
	line(h, cr, &names, &r, model_field(m, "answer_name"), f->answer_name);
	date(h, cr, &holder, &r, model_field(m, "mandate_date"), &f->mandate_date);
	line(h, cr, &proxy, &r, model_field(m, "proxy_address"), f->proxy_address);
	line(h, cr, &proxy, &r, model_field(m, "proxy_name"), f->proxy_name);
	cells(h, cr, &proxy, &r, model_field(m, "proxy_phone"), f->phone);
	line(h, cr, &names, &r, model_field(m, "mandator_name"), f->mandator_name);
	const form_field *s = model_field(m, "answer_seal");
	if (s && f->answer_seal)
		hand_seal(h, cr, &r, f->surname, &s->box);
	s = model_field(m, "mandator_seal");
	if (s && f->mandator_seal)
		hand_seal(h, cr, &r, f->surname, &s->box);
}

void fill_stain(cairo_t *cr, const form_model *m, const form_data *f)
{
	if (f->stain == STAIN_NONE)
		return;
	rng r;
	rng_seed(&r, f->look, 11);
	const mm_box *b = f->stain == STAIN_QR ? &m->qr : &m->barcode;
	double cx = b->x + b->w * rng_range(&r, 0.3, 0.7);
	double cy = b->y + b->h * rng_range(&r, 0.3, 0.7);
	double rad = (b->w < b->h ? b->w : b->h) * rng_range(&r, 0.35, 0.5);
	if (f->stain == STAIN_BARCODE)
		rad = b->h * rng_range(&r, 0.6, 0.9);
	/* A translucent wash of overlapping discs with a darker rim: light
	** enough that a code under it still reads, as on a real spill. */
	cairo_save(cr);
	cairo_push_group(cr);
	cairo_set_source_rgba(cr, 0.62, 0.45, 0.22, 1);
	int n = rng_int(&r, 5, 9);
	for (int i = 0; i < n; i++) {
		double a = rng_range(&r, 0, 2 * M_PI), d = rad * rng_range(&r, 0.0, 0.6);
		cairo_new_sub_path(cr);
		cairo_arc(cr, cx + d * cos(a), cy + d * sin(a), rad * rng_range(&r, 0.45, 0.8), 0, 2 * M_PI);
	}
	cairo_fill(cr);
	cairo_pop_group_to_source(cr);
	cairo_paint_with_alpha(cr, rng_range(&r, 0.18, 0.3));
	cairo_set_source_rgba(cr, 0.5, 0.33, 0.15, rng_range(&r, 0.2, 0.35));
	cairo_set_line_width(cr, rng_range(&r, 0.3, 0.6));
	cairo_new_sub_path(cr);
	cairo_arc(cr, cx, cy, rad * 0.95, rng_range(&r, 0, 2), rng_range(&r, 3.5, 6));
	cairo_stroke(cr);
	cairo_restore(cr);
}
