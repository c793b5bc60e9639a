/*
** text.h — drawing text with pango on a cairo context whose user units
** are millimetres. Hinting is off so that a text has the same shape at
** every resolution, skew and scale.
*/
#ifndef SHOKAI_GEN_TEXT_H
#define SHOKAI_GEN_TEXT_H

#include <pango/pangocairo.h>

/* A pango context with hinting off; bind it to a cairo context with
** pango_cairo_update_context() before drawing. */
PangoContext *text_new_context(PangoFontMap *map);
/* The same, bound to cr. */
PangoContext *text_context(PangoFontMap *map, cairo_t *cr);

/* A layout of s in family at em size (mm); weight as PangoWeight. */
PangoLayout *text_layout(PangoContext *ctx, const char *family, double size,
			 int weight, const char *s);

/* Draw s with its left edge at x and its line box centred on y.
** Returns the advance width in mm. */
double text_draw(cairo_t *cr, PangoContext *ctx, const char *family,
		 double size, double x, double y, const char *s);

/* Width of s in mm. */
double text_width(PangoContext *ctx, const char *family, double size,
		  const char *s);

/* Add the outline of layout l to cr's path, its logical box centred on
** (0, 0) of the current user space. */
void text_centered_path(cairo_t *cr, PangoLayout *l);

#endif
