/*
** glyphs.c — MNIST digits and font-rendered characters (see glyphs.h).
*/
#include "glyphs.h"

#include <jansson.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Handwriting-style fonts: Klee One and kiloji (fonts-klee, fonts-kiloji,
** which the sample generator also writes with), Humor Sans and Comic Neue
** (fonts-humor-sans, fonts-comic-neue: hand lettering). Each weight or
** variant counts as a style. */
const font_ref glyph_fonts[] = {
	{"Klee One", PANGO_WEIGHT_NORMAL, "klee"},
	{"Klee One", PANGO_WEIGHT_SEMIBOLD, "klee-sb"},
	{"kiloji", PANGO_WEIGHT_NORMAL, "kiloji"},
	{"kiloji - B", PANGO_WEIGHT_NORMAL, "kiloji-b"},
	{"kiloji - D", PANGO_WEIGHT_NORMAL, "kiloji-d"},
	/* (kiloji - P draws the same capitals and digits as kiloji) */
	{"Humor Sans", PANGO_WEIGHT_NORMAL, "humor"},
	{"Comic Neue", PANGO_WEIGHT_NORMAL, "comic"},
	{"Comic Neue", PANGO_WEIGHT_BOLD, "comic-b"},
};
const int glyph_nfonts = sizeof glyph_fonts / sizeof glyph_fonts[0];

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

synth_glyph font_glyph(const font_ref *f, char ch, int px)
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
	char txt[2] = {ch, 0};
	pango_layout_set_text(lay, txt, 1);
	cairo_move_to(cr, px / 2.0, px / 4.0);
	pango_cairo_show_layout(cr, lay);
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
