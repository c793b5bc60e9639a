/*
** fontcheck.h — whether pango draws a font family itself. Asked for a
** family that is not installed, pango draws another face without a word;
** a check of printed lines (verify.c) or a training set (tools/glyphs.c)
** drawn in that face would be wrong, not missing.
*/
#ifndef SHOKAI_FONTCHECK_H
#define SHOKAI_FONTCHECK_H

#include <pango/pango.h>

/* 1 when map, in ctx, draws family at weight (a PangoWeight) in that
** family itself; 0 when it would take another face. */
int font_family_drawn(PangoFontMap *map, PangoContext *ctx, const char *family, int weight);

#endif
