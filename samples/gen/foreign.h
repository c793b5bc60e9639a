/*
** foreign.h — pages that are not the form: the envelope the form came in,
** a photocopy of an ID document. Drawn in millimetres of their own sheet.
*/
#ifndef SHOKAI_GEN_FOREIGN_H
#define SHOKAI_GEN_FOREIGN_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "pmodel.h"
#include "rng.h"

/* Sheet sizes in mm. */
#define ENVELOPE_W 120.0
#define ENVELOPE_H 235.0

void draw_envelope(cairo_t *cr, PangoContext *ctx, const print_model *pm, rng *r);
void draw_idcopy(cairo_t *cr, PangoContext *ctx, const print_model *pm, rng *r);

#endif
