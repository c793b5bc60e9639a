/*
** glyphs.c — MNIST digits and font-rendered characters (see glyphs.h).
*/
#include "glyphs.h"

#include "fontcheck.h"

#include <jansson.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Handwriting-style fonts: Klee One and kiloji (fonts-klee, fonts-kiloji,
** which the sample generator also writes with), Humor Sans and Comic Neue
** (fonts-humor-sans, fonts-comic-neue: hand lettering), and the hands of
** Debian's handwriting fonts (fonts-bwht, -breip, -cabinsketch,
** -dancingscript, -dkg-handwriting, -femkeklaver, -kaushanscript,
** -kristi): print, brush, felt pen, cursive and sketched capitals. Each
** weight or variant counts as a style. */
const font_ref glyph_fonts[] = {
	{"Klee One", PANGO_WEIGHT_NORMAL, "klee", 0},
	{"Klee One", PANGO_WEIGHT_SEMIBOLD, "klee-sb", 0},
	{"kiloji", PANGO_WEIGHT_NORMAL, "kiloji", 0},
	{"kiloji - B", PANGO_WEIGHT_NORMAL, "kiloji-b", 0},
	{"kiloji - D", PANGO_WEIGHT_NORMAL, "kiloji-d", 0},
	/* (kiloji - P draws the same capitals and digits as kiloji) */
	{"Humor Sans", PANGO_WEIGHT_NORMAL, "humor", 0},
	{"Comic Neue", PANGO_WEIGHT_NORMAL, "comic", 0},
	{"Comic Neue", PANGO_WEIGHT_BOLD, "comic-b", 0},
	/* hollow: the outline of a bold face traced with a thin pen */
	{"kiloji - B", PANGO_WEIGHT_NORMAL, "kiloji-b-o", 0.025},
	{"Comic Neue", PANGO_WEIGHT_BOLD, "comic-b-o", 0.03},
	{"Humor Sans", PANGO_WEIGHT_NORMAL, "humor-o", 0.02},
	/* ---- the further hands (glyph_nbase styles above) */
	{"Because We Build", PANGO_WEIGHT_NORMAL, "bwht-build", 0},
	{"Because We Connect", PANGO_WEIGHT_NORMAL, "bwht-connect", 0},
	{"Because We Create", PANGO_WEIGHT_NORMAL, "bwht-create", 0},
	{"Because We Learn", PANGO_WEIGHT_NORMAL, "bwht-learn", 0},
	{"Because We Mentor", PANGO_WEIGHT_NORMAL, "bwht-mentor", 0},
	{"Because We Organize", PANGO_WEIGHT_NORMAL, "bwht-organize", 0},
	{"Breip", PANGO_WEIGHT_NORMAL, "breip", 0},
	{"Cabin Sketch", PANGO_WEIGHT_NORMAL, "cabinsketch", 0},
	{"Dancing Script", PANGO_WEIGHT_NORMAL, "dancing", 0},
	{"DkgHandwriting", PANGO_WEIGHT_NORMAL, "dkg", 0},
	{"Kaushan Script", PANGO_WEIGHT_NORMAL, "kaushan", 0},
	{"Kristi", PANGO_WEIGHT_NORMAL, "kristi", 0},
	{"femkeklaver", PANGO_WEIGHT_NORMAL, "femke", 0},
};
const int glyph_nfonts = sizeof glyph_fonts / sizeof glyph_fonts[0];
const int glyph_nbase = 11;

float *mnist_load(const char *dir, int d, int *count, char *err, size_t n)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%d.json", dir, d);
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	if (!root) {
		snprintf(err, n, "%s: %s", path, je.text);
		return NULL;
	}
	json_t *a = json_object_get(root, "data");
	if (!json_is_array(a) || json_array_size(a) % 784 || json_array_size(a) < 784 * 700) {
		snprintf(err, n, "%s: expected at least 700 images of 784 values", path);
		json_decref(root);
		return NULL;
	}
	*count = (int)(json_array_size(a) / 784);
	float *out = malloc(json_array_size(a) * sizeof(float));
	for (size_t i = 0; out && i < json_array_size(a); i++)
		out[i] = (float)json_number_value(json_array_get(a, i));
	json_decref(root);
	return out;
}

synth_glyph mnist_glyph(const float *cls, int idx)
{
	synth_glyph g = {28, 28, malloc(784 * sizeof(float))};
	memcpy(g.a, cls + (size_t)idx * 784, 784 * sizeof(float));
	return g;
}

/* Symbols a holder might write in a box, and a few kana and kanji (あ ア 一
** 十), none of which may read as 0-9 or A-Z. */
const char *const glyph_others[] = {
	"-", "/", "+", "*", "#", "?", "!", "@", "%", "&", "=", "~", "<", ">", "$",
	"\xE3\x81\x82", "\xE3\x82\xA2", "\xE4\xB8\x80", "\xE5\x8D\x81",
};
const int glyph_nothers = sizeof glyph_others / sizeof glyph_others[0];

const char *glyph_missing_font(int nstyles)
{
	PangoFontMap *map = pango_cairo_font_map_get_default();
	PangoContext *ctx = pango_font_map_create_context(map);
	const char *missing = NULL;
	for (int i = 0; i < nstyles && i < glyph_nfonts && !missing; i++)
		if (!font_family_drawn(map, ctx, glyph_fonts[i].family, glyph_fonts[i].weight))
			missing = glyph_fonts[i].family;
	g_object_unref(ctx);
	return missing;
}

synth_glyph font_glyph(const font_ref *f, const char *text, int px)
{
	synth_glyph g = {0, 0, NULL};
	int side = px * 2;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, side, side);
	cairo_t *cr = cairo_create(s);
	PangoLayout *lay = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, f->family);
	pango_font_description_set_weight(fd, (PangoWeight)f->weight);
	pango_font_description_set_absolute_size(fd, px * PANGO_SCALE);
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_text(lay, text, -1);
	cairo_move_to(cr, px / 2.0, px / 4.0);
	if (f->outline > 0) {
		pango_cairo_layout_path(cr, lay);
		cairo_set_line_width(cr, px * f->outline);
		cairo_stroke(cr);
	} else {
		pango_cairo_show_layout(cr, lay);
	}
	cairo_surface_flush(s);
	unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	g.w = side;
	g.h = side;
	g.a = malloc((size_t)side * side * sizeof(float));
	for (int y = 0; y < side; y++)
		for (int x = 0; x < side; x++)
			g.a[y * side + x] = d[y * stride + x] / 255.0f;
	pango_font_description_free(fd);
	g_object_unref(lay);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return g;
}

synth_glyph scribble_glyph(synth_rng *r, int px)
{
	int side = px * 2;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, side, side);
	cairo_t *cr = cairo_create(s);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_width(cr, px * synth_range(r, 0.06, 0.12));
	double cx = side / 2.0, cy = side / 2.0, hw = px * 0.45, hh = px * 0.6;
	double kind = synth_uniform(r);
	if (kind < 0.5) { /* a scribble: a run of curves back and forth */
		int n = (int)synth_range(r, 6, 12);
		cairo_move_to(cr, cx + synth_range(r, -hw, hw), cy + synth_range(r, -hh, hh));
		for (int i = 0; i < n; i++)
			cairo_curve_to(cr, cx + synth_range(r, -hw, hw), cy + synth_range(r, -hh, hh),
			               cx + synth_range(r, -hw, hw), cy + synth_range(r, -hh, hh),
			               cx + synth_range(r, -hw, hw), cy + synth_range(r, -hh, hh));
	} else if (kind < 0.75) { /* a strike-through, zigzag or wavy line */
		int n = (int)synth_range(r, 3, 7);
		double y0 = cy + synth_range(r, -hh, hh) * 0.5;
		cairo_move_to(cr, cx - hw * 1.2, y0);
		for (int i = 1; i <= n; i++)
			cairo_line_to(cr, cx - hw * 1.2 + 2.4 * hw * i / n,
			              y0 + synth_range(r, -hh, hh) * 0.5);
	} else { /* an inked-over blot */
		double rw = hw * synth_range(r, 0.4, 0.9), rh = hh * synth_range(r, 0.3, 0.8);
		for (int i = 0; i < 14; i++) {
			double y = cy - rh + 2 * rh * i / 13.0;
			cairo_move_to(cr, cx - rw + synth_range(r, -0.1, 0.1) * rw, y);
			cairo_line_to(cr, cx + rw + synth_range(r, -0.1, 0.1) * rw, y + synth_range(r, -0.2, 0.2) * rh);
		}
	}
	cairo_stroke(cr);
	cairo_surface_flush(s);
	unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	synth_glyph g = {side, side, malloc((size_t)side * side * sizeof(float))};
	for (int y = 0; y < side; y++)
		for (int x = 0; x < side; x++)
			g.a[y * side + x] = d[y * stride + x] / 255.0f;
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return g;
}
