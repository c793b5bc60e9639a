/*
** fill.h — write a form_data onto the form: ticks, PIN cells, dates,
** names, the proxy's details and seals, in the holder's hand.
*/
#ifndef SHOKAI_GEN_FILL_H
#define SHOKAI_GEN_FILL_H

#include "hand.h"
#include "model.h"
#include "scenario.h"

/* Draws with randomness from f->look only: the same form looks the same
** in every scan of it. */
void fill_form(const hand *h, cairo_t *cr, const form_model *m,
	       const form_data *f);

/* A coffee-like stain over the QR code or the barcode. */
void fill_stain(cairo_t *cr, const form_model *m, const form_data *f);

#endif
