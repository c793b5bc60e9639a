/*
** fontcheck.c — does pango draw a family itself (fontcheck.h)?
*/
#include "fontcheck.h"

int font_family_drawn(PangoFontMap *map, PangoContext *ctx, const char *family, int weight)
{
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, family);
	pango_font_description_set_weight(fd, (PangoWeight)weight);
	pango_font_description_set_absolute_size(fd, 64 * PANGO_SCALE);
	/* the face pango takes for it, and that face's own family */
	PangoFont *font = pango_font_map_load_font(map, ctx, fd);
	PangoFontDescription *got = font ? pango_font_describe(font) : NULL;
	const char *fam = got ? pango_font_description_get_family(got) : NULL;
	int drawn = fam && !g_ascii_strcasecmp(fam, family);
	if (got)
		pango_font_description_free(got);
	if (font)
		g_object_unref(font);
	pango_font_description_free(fd);
	return drawn;
}
