/*
** sheet.c — sheets for the scanner.
*/
#include "sheet.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fill.h"
#include "foreign.h"
#include "hand.h"
#include "render.h"
#include "text.h"

void painter_init(page_painter *pp, const form_model *fm, const print_model *pm,
		  const mnist_set *mnist)
{
	memset(pp, 0, sizeof *pp);
	pp->fm = fm;
	pp->pm = pm;
	pp->mnist = mnist;
	pp->fonts = pango_cairo_font_map_new();
	pp->ctx = text_new_context(pp->fonts);
}

void painter_free(page_painter *pp)
{
	for (int i = 0; i < pp->ncache; i++)
		cairo_surface_destroy(pp->cache[i].ink);
	if (pp->ctx)
		g_object_unref(pp->ctx);
	if (pp->fonts)
		g_object_unref(pp->fonts);
	memset(pp, 0, sizeof *pp);
}

static cairo_surface_t *new_rgb(double w, double h, double k)
{
	return cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(w * k),
					  (int)ceil(h * k));
}

/* The static print at dpi as an ink mask, from the cache or drawn now. */
static cairo_surface_t *static_ink(page_painter *pp, int dpi)
{
	for (int i = 0; i < pp->ncache; i++)
		if (pp->cache[i].dpi == dpi)
			return pp->cache[i].ink;
	double k = dpi / 25.4;
	cairo_surface_t *s = new_rgb(pp->fm->page_w, pp->fm->page_h, k);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, k, k);
	pango_cairo_update_context(cr, pp->ctx);
	render_static(cr, pp->ctx, pp->fm, pp->pm);
	cairo_destroy(cr);
	cairo_surface_t *ink = scan_ink_surface(s);
	cairo_surface_destroy(s);
	int slot;
	if (pp->ncache < PAGE_CACHE) {
		slot = pp->ncache++;
	} else { /* round robin: batches use few resolutions */
		slot = pp->next;
		pp->next = (pp->next + 1) % PAGE_CACHE;
		cairo_surface_destroy(pp->cache[slot].ink);
	}
	pp->cache[slot].dpi = dpi;
	pp->cache[slot].ink = ink;
	return ink;
}

static void form_print_of(const form_data *f, form_print *fp)
{
	memset(fp, 0, sizeof *fp);
	snprintf(fp->serial, sizeof fp->serial, "%s", f->pay.serial);
	snprintf(fp->payload, sizeof fp->payload, "%s", f->payload);
	snprintf(fp->address, sizeof fp->address, "%s", f->p_address);
	snprintf(fp->name, sizeof fp->name, "%s", f->p_name);
	snprintf(fp->birth, sizeof fp->birth, "%s", f->p_birth);
	snprintf(fp->expiry, sizeof fp->expiry, "%s", f->p_expiry);
}

void sheet_place(const batch_plan *b, const page_plan *p, double *w, double *h,
		 double *ox, double *oy)
{
	*w = b->page_w;
	*h = b->page_h;
	*ox = *oy = 0;
	if (p->kind == PK_ENVELOPE) {
		/* an envelope lies anywhere on the bed */
		rng r;
		rng_seed(&r, p->seed, 4);
		*w = ENVELOPE_W;
		*h = ENVELOPE_H;
		*ox = rng_range(&r, 5, p->scan.bed_w - ENVELOPE_W - 5);
		*oy = rng_range(&r, 5, p->scan.bed_h - ENVELOPE_H - 5);
	}
}

int paint_page(page_painter *pp, const batch_plan *b, const page_plan *p,
	       sheet_image *out, char *err, size_t errlen)
{
	const scan_params *sp = &p->scan;
	double k = sp->dpi / 25.4;
	rng r;
	rng_seed(&r, p->seed, 3);
	memset(out, 0, sizeof *out);
	sheet_place(b, p, &out->w, &out->h, &out->ox, &out->oy);
	double paper[3] = {sp->paper, sp->paper, sp->paper * 0.985};
	if (p->kind == PK_ENVELOPE) {
		if (rng_chance(&r, 0.5)) { /* kraft paper */
			paper[0] = 0.86;
			paper[1] = 0.76;
			paper[2] = 0.6;
		}
	}
	cairo_surface_t *s = new_rgb(out->w, out->h, k);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "cairo: cannot create the sheet");
		cairo_surface_destroy(s);
		return -1;
	}
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, paper[0], paper[1], paper[2]);
	cairo_paint(cr);
	int rc = 0;
	if (p->kind == PK_FORM || (p->kind == PK_BLANK && p->showthrough)) {
		cairo_surface_t *ink = static_ink(pp, sp->dpi);
		cairo_save(cr);
		if (p->kind == PK_BLANK) {
			/* the print on the other side, mirrored and faint */
			cairo_translate(cr, cairo_image_surface_get_width(s), 0);
			cairo_scale(cr, -1, 1);
			cairo_set_source_rgba(cr, 0.2, 0.2, 0.2, rng_range(&r, 0.04, 0.1));
		} else {
			cairo_set_source_rgb(cr, 0.04, 0.04, 0.04);
		}
		cairo_mask_surface(cr, ink, 0, 0);
		cairo_restore(cr);
	}
	cairo_scale(cr, k, k);
	PangoContext *ctx = pp->ctx;
	pango_cairo_update_context(cr, ctx);
	if (p->kind == PK_FORM) {
		const form_data *f = &b->forms[p->form];
		form_print fp;
		form_print_of(f, &fp);
		cairo_set_source_rgb(cr, 0.04, 0.04, 0.04);
		rc = render_codes(cr, pp->fm, fp.payload, fp.serial, err, errlen);
		render_printed(cr, ctx, pp->fm, pp->pm, &fp);
		hand h = {ctx, pp->mnist};
		fill_form(&h, cr, pp->fm, f);
		fill_stain(cr, pp->fm, f);
	} else if (p->kind == PK_ENVELOPE) {
		draw_envelope(cr, ctx, pp->pm, &r);
	} else if (p->kind == PK_IDCOPY) {
		draw_idcopy(cr, ctx, pp->pm, &r);
	}
	scan_folds(cr, out->w, out->h, p->kind == PK_ENVELOPE ? 0 : sp->folds, &r);
	cairo_destroy(cr);
	if (rc != 0) {
		cairo_surface_destroy(s);
		return -1;
	}
	cairo_surface_flush(s);
	out->img = s;
	return 0;
}
