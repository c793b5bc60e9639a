/*
** text.c — pango helpers.
*/
#include "text.h"

PangoContext *text_context(PangoFontMap *map, cairo_t *cr)
{
	PangoContext *ctx = text_new_context(map);
	pango_cairo_update_context(cr, ctx);
	return ctx;
}

PangoContext *text_new_context(PangoFontMap *map)
{
	PangoContext *ctx = pango_font_map_create_context(map);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	return ctx;
}

PangoLayout *text_layout(PangoContext *ctx, const char *family, double size,
			 int weight, const char *s)
{
	PangoLayout *l = pango_layout_new(ctx);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, family);
	pango_font_description_set_weight(fd, (PangoWeight)weight);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(l, s, -1);
	return l;
}

double text_draw(cairo_t *cr, PangoContext *ctx, const char *family,
		 double size, double x, double y, const char *s)
{
	PangoLayout *l = text_layout(ctx, family, size, PANGO_WEIGHT_NORMAL, s);
	PangoRectangle lr;
	pango_layout_get_extents(l, NULL, &lr);
	cairo_move_to(cr, x, y - (double)lr.height / PANGO_SCALE / 2.0);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	return (double)lr.width / PANGO_SCALE;
}

double text_width(PangoContext *ctx, const char *family, double size,
		  const char *s)
{
	PangoLayout *l = text_layout(ctx, family, size, PANGO_WEIGHT_NORMAL, s);
	PangoRectangle lr;
	pango_layout_get_extents(l, NULL, &lr);
	g_object_unref(l);
	return (double)lr.width / PANGO_SCALE;
}

void text_centered_path(cairo_t *cr, PangoLayout *l)
{
	PangoRectangle lr;
	pango_layout_get_extents(l, NULL, &lr);
	cairo_move_to(cr, -(double)(lr.x + lr.width / 2) / PANGO_SCALE,
		      -(double)(lr.y + lr.height / 2) / PANGO_SCALE);
	pango_cairo_layout_path(cr, l);
}
