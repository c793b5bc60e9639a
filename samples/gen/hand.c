/*
** hand.c — handwriting, ticks and seals.
**
** MNIST digits are 28x28 grey images; drawn as they are they look soft.
** They are upsampled 3x and passed through a steep ramp around a threshold
** so that the strokes have edges like a ballpoint or felt pen, and the
** threshold varies the stroke weight.
*/
#include "hand.h"

#include <math.h>
#include <string.h>

#include "text.h"

#define DEG (M_PI / 180.0)

static const char *fonts[] = {
	"Klee One", "kiloji", "kiloji - B", "kiloji - P", "kiloji - D",
};

int hand_font_count(void)
{
	return (int)(sizeof fonts / sizeof fonts[0]);
}

const char *hand_font(int i)
{
	return fonts[i % hand_font_count()];
}

void pen_random(pen *p, rng *r)
{
	memset(p, 0, sizeof *p);
	if (rng_chance(r, 0.5)) { /* dark blue ballpoint */
		p->r = rng_range(r, 0.05, 0.15);
		p->g = rng_range(r, 0.08, 0.2);
		p->b = rng_range(r, 0.35, 0.55);
	} else { /* black */
		double k = rng_range(r, 0.04, 0.14);
		p->r = p->g = p->b = k;
	}
	p->font = hand_font(rng_int(r, 0, hand_font_count() - 1));
	p->weight = rng_chance(r, 0.3) ? PANGO_WEIGHT_SEMIBOLD : PANGO_WEIGHT_NORMAL;
	p->stroke = rng_chance(r, 0.5) ? rng_range(r, 0.05, 0.3) : 0.0;
	p->slant = rng_range(r, -0.08, 0.15);
	p->size_jit = rng_range(r, 0.03, 0.09);
	p->rot_jit = rng_range(r, 1.5, 5.0);
	p->off_jit = rng_range(r, 0.15, 0.45);
	p->mnist_p = rng_range(r, 0.75, 1.0);
	p->mnist_thr = rng_range(r, 0.25, 0.6);
	p->tick_width = rng_range(r, 0.35, 0.7);
}

static void set_ink(cairo_t *cr, const pen *p)
{
	cairo_set_source_rgb(cr, p->r, p->g, p->b);
}

/* Shear the current user space for slanted writing. */
static void slant(cairo_t *cr, double s)
{
	cairo_matrix_t m;
	cairo_matrix_init(&m, 1, 0, -s, 1, 0, 0);
	cairo_transform(cr, &m);
}

#define UP 3
#define USIDE (MNIST_SIDE * UP)

/* An A8 mask of MNIST image img, upsampled and sharpened. */
static cairo_surface_t *mnist_mask(const unsigned char *img, double thr)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, USIDE, USIDE);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		return s;
	cairo_surface_flush(s);
	unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < USIDE; y++) {
		double sy = (y + 0.5) / UP - 0.5;
		int y0 = (int)floor(sy);
		double fy = sy - y0;
		for (int x = 0; x < USIDE; x++) {
			double sx = (x + 0.5) / UP - 0.5;
			int x0 = (int)floor(sx);
			double fx = sx - x0;
			double v = 0;
			for (int j = 0; j < 2; j++)
				for (int i = 0; i < 2; i++) {
					int xx = x0 + i, yy = y0 + j;
					if (xx < 0 || yy < 0 || xx >= MNIST_SIDE || yy >= MNIST_SIDE)
						continue;
					double w = (i ? fx : 1 - fx) * (j ? fy : 1 - fy);
					v += w * img[yy * MNIST_SIDE + xx] / 255.0;
				}
			/* steep ramp 0.18 wide centred on thr */
			double a = (v - thr) / 0.18 + 0.5;
			a = a < 0 ? 0 : a > 1 ? 1 : a;
			d[y * stride + x] = (unsigned char)(a * 255.0 + 0.5);
		}
	}
	cairo_surface_mark_dirty(s);
	return s;
}

static void mnist_digit(const hand *h, cairo_t *cr, const pen *p, rng *r,
			int digit, const mm_box *cell)
{
	int idx = rng_int(r, 0, MNIST_COUNT - 1);
	double thr = p->mnist_thr + rng_normal(r) * 0.05;
	cairo_surface_t *m = mnist_mask(h->mnist->img[digit][idx], thr);
	double cx, cy;
	mm_box_center(cell, &cx, &cy);
	/* The digit fills about 20 of the 28 pixels; make it 70-95 % of the
	** cell height, never wider than the cell. */
	double hgt = cell->h * rng_range(r, 0.65, 0.88) * (1 + rng_normal(r) * p->size_jit);
	double k = hgt / 20.0;
	if (k * 20.0 > cell->w * 1.02)
		k = cell->w * 1.02 / 20.0;
	cairo_save(cr);
	cairo_translate(cr, cx + rng_normal(r) * p->off_jit,
			cy + rng_normal(r) * p->off_jit);
	cairo_rotate(cr, rng_normal(r) * p->rot_jit * DEG);
	slant(cr, p->slant * 0.5);
	cairo_scale(cr, k / UP, k / UP);
	set_ink(cr, p);
	cairo_mask_surface(cr, m, -USIDE / 2.0, -USIDE / 2.0);
	cairo_restore(cr);
	cairo_surface_destroy(m);
}

/* Glyphs are laid out at one size and scaled: every size jitter would
** otherwise be a new font for pango and fontconfig to look up. */
#define GLYPH_EM 10.0

/* One glyph from the pen's font centred at (x, y) with em size. */
static void font_glyph(const hand *h, cairo_t *cr, const pen *p, rng *r,
		       const char *ch, double x, double y, double size)
{
	PangoLayout *l = text_layout(h->ctx, p->font, GLYPH_EM, p->weight, ch);
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_rotate(cr, rng_normal(r) * p->rot_jit * DEG);
	slant(cr, p->slant);
	cairo_scale(cr, size / GLYPH_EM, size / GLYPH_EM);
	text_centered_path(cr, l);
	set_ink(cr, p);
	if (p->stroke > 0) {
		cairo_fill_preserve(cr);
		cairo_set_line_width(cr, p->stroke * rng_range(r, 0.7, 1.3) * GLYPH_EM / size);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		cairo_stroke(cr);
	} else {
		cairo_fill(cr);
	}
	cairo_restore(cr);
	g_object_unref(l);
}

void hand_cell(const hand *h, cairo_t *cr, const pen *p, rng *r,
	       const char *ch, const mm_box *cell)
{
	if (!ch[0])
		return;
	if (ch[0] >= '0' && ch[0] <= '9' && !ch[1] && h->mnist && h->mnist->loaded &&
	    rng_chance(r, p->mnist_p)) {
		mnist_digit(h, cr, p, r, ch[0] - '0', cell);
		return;
	}
	double cx, cy;
	mm_box_center(cell, &cx, &cy);
	double size = cell->h * rng_range(r, 0.72, 0.92) * (1 + rng_normal(r) * p->size_jit);
	font_glyph(h, cr, p, r, ch, cx + rng_normal(r) * p->off_jit,
		   cy + rng_normal(r) * p->off_jit, size);
}

/* Length in bytes of the UTF-8 sequence starting with c. */
static int u8len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

static int is_space(const char *s, int n)
{
	return (n == 1 && s[0] == ' ') || (n == 3 && !memcmp(s, "\xe3\x80\x80", 3));
}

void hand_line(const hand *h, cairo_t *cr, const pen *p, rng *r,
	       const char *s, const mm_box *box)
{
	if (!s[0])
		return;
	double size = box->h * rng_range(r, 0.5, 0.68);
	/* Estimate the width and shrink to fit the line. */
	double est = 0;
	for (const char *q = s; *q;) {
		int n = u8len((unsigned char)*q);
		est += is_space(q, n) ? 0.7 : (n == 1 ? 0.62 : 1.0);
		q += n;
	}
	double indent = rng_range(r, 1.0, 6.0);
	if (est * size * 1.05 > box->w - indent - 1.0)
		size = (box->w - indent - 1.0) / (est * 1.05);
	double x = box->x + indent;
	double base = box->y + box->h * rng_range(r, 0.5, 0.6);
	double drift = rng_normal(r) * 0.012;
	for (const char *q = s; *q;) {
		int n = u8len((unsigned char)*q);
		char ch[8] = "";
		memcpy(ch, q, (size_t)n);
		q += n;
		double w = is_space(ch, n) ? 0.7 : (n == 1 ? 0.62 : 1.0);
		double sz = size * (1 + rng_normal(r) * p->size_jit);
		double adv = w * size * rng_range(r, 0.95, 1.12);
		if (!is_space(ch, n))
			font_glyph(h, cr, p, r, ch, x + adv / 2,
				   base + (x - box->x) * drift + rng_normal(r) * p->off_jit * 0.6,
				   sz);
		x += adv;
	}
}

void hand_tick(cairo_t *cr, const pen *p, rng *r, tick_style st,
	       const mm_box *b)
{
	cairo_save(cr);
	set_ink(cr, p);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_width(cr, p->tick_width);
#define J(v) ((v) + rng_normal(r) * 0.06)
	switch (st) {
	case TICK_CHECK: {
		double over = rng_range(r, 0.0, 0.6);
		cairo_move_to(cr, b->x + b->w * J(0.15), b->y + b->h * J(0.5));
		cairo_line_to(cr, b->x + b->w * J(0.42), b->y + b->h * J(0.88));
		cairo_curve_to(cr, b->x + b->w * J(0.6), b->y + b->h * J(0.5),
			       b->x + b->w * J(0.8), b->y + b->h * J(0.1),
			       b->x + b->w * (1.0 + over * 0.5), b->y - b->h * over * 0.4);
		cairo_stroke(cr);
		break;
	}
	case TICK_CROSS:
		cairo_move_to(cr, b->x + b->w * J(0.12), b->y + b->h * J(0.12));
		cairo_line_to(cr, b->x + b->w * J(0.88), b->y + b->h * J(0.88));
		cairo_move_to(cr, b->x + b->w * J(0.88), b->y + b->h * J(0.12));
		cairo_line_to(cr, b->x + b->w * J(0.12), b->y + b->h * J(0.88));
		cairo_stroke(cr);
		break;
	case TICK_FILL: {
		/* Zigzag scribble that covers most of the box. */
		int n = rng_int(r, 5, 8);
		cairo_set_line_width(cr, p->tick_width * 1.6);
		cairo_move_to(cr, b->x + b->w * J(0.15), b->y + b->h * 0.15);
		for (int i = 1; i <= n; i++) {
			double t = 0.15 + 0.7 * i / n;
			double xx = (i % 2) ? 0.85 : 0.15;
			cairo_line_to(cr, b->x + b->w * J(xx), b->y + b->h * J(t));
		}
		cairo_stroke(cr);
		break;
	}
	}
#undef J
	cairo_restore(cr);
}

void hand_dot(cairo_t *cr, const pen *p, rng *r, const mm_box *b)
{
	double cx, cy;
	mm_box_center(b, &cx, &cy);
	double rad = rng_range(r, 0.2, 0.4);
	double gap = rng_range(r, 0.9, 2.0) + rad;
	switch (rng_int(r, 0, 3)) {
	case 0: cx = b->x - gap; cy += rng_range(r, -b->h / 3, b->h / 3); break;
	case 1: cx = b->x + b->w + gap; cy += rng_range(r, -b->h / 3, b->h / 3); break;
	case 2: cy = b->y - gap; cx += rng_range(r, -b->w / 3, b->w / 3); break;
	default: cy = b->y + b->h + gap; cx += rng_range(r, -b->w / 3, b->w / 3); break;
	}
	set_ink(cr, p);
	cairo_new_sub_path(cr);
	cairo_arc(cr, cx, cy, rad, 0, 2 * M_PI);
	cairo_fill(cr);
}

void hand_seal(const hand *h, cairo_t *cr, rng *r, const char *surname,
	       const mm_box *box)
{
	double cx, cy;
	mm_box_center(box, &cx, &cy);
	double d = rng_range(r, 10.0, 12.5);
	cx += rng_range(r, -1.2, 1.2);
	cy += rng_range(r, -1.2, 1.2);
	int n = 0;
	const char *chars[4];
	int lens[4];
	for (const char *q = surname; *q && n < 4; n++) {
		chars[n] = q;
		lens[n] = u8len((unsigned char)*q);
		q += lens[n];
	}
	cairo_save(cr);
	cairo_translate(cr, cx, cy);
	cairo_rotate(cr, rng_range(r, -14, 14) * DEG);
	cairo_push_group(cr);
	cairo_set_source_rgb(cr, rng_range(r, 0.78, 0.9), rng_range(r, 0.1, 0.2),
			     rng_range(r, 0.08, 0.16));
	cairo_set_line_width(cr, rng_range(r, 0.5, 0.8));
	cairo_new_sub_path(cr);
	cairo_arc(cr, 0, 0, d / 2, 0, 2 * M_PI);
	cairo_stroke(cr);
	double inner = d * 0.74;
	double cs = n ? inner / n : 0;
	if (cs > d * 0.5)
		cs = d * 0.5;
	for (int i = 0; i < n; i++) {
		char ch[8] = "";
		memcpy(ch, chars[i], (size_t)lens[i]);
		PangoLayout *l = text_layout(h->ctx, "IPAexMincho", GLYPH_EM, PANGO_WEIGHT_NORMAL, ch);
		cairo_save(cr);
		cairo_translate(cr, 0, (i - (n - 1) / 2.0) * cs * 0.98);
		cairo_scale(cr, cs / GLYPH_EM, cs / GLYPH_EM);
		text_centered_path(cr, l);
		cairo_fill_preserve(cr);
		cairo_set_line_width(cr, GLYPH_EM * 0.035);
		cairo_stroke(cr);
		cairo_restore(cr);
		g_object_unref(l);
	}
	/* Uneven impression: punch small holes into the ink only. */
	cairo_set_operator(cr, CAIRO_OPERATOR_DEST_OUT);
	cairo_set_source_rgba(cr, 0, 0, 0, 1);
	int holes = rng_int(r, 30, 90);
	for (int i = 0; i < holes; i++) {
		double a = rng_range(r, 0, 2 * M_PI), rr = d / 2 * sqrt(rng_uniform(r));
		cairo_new_sub_path(cr);
		cairo_arc(cr, rr * cos(a), rr * sin(a), rng_range(r, 0.05, 0.2), 0, 2 * M_PI);
	}
	cairo_fill(cr);
	cairo_pop_group_to_source(cr);
	cairo_paint_with_alpha(cr, rng_range(r, 0.8, 0.95));
	cairo_restore(cr);
}
