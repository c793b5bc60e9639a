/*
** rules.h — the generator's own reading of SPEC §1, §3, §5 and §6: the
** decision a form must get. Every planned form is checked against it, so a
** scenario that does not produce the outcome it is meant to is caught when
** the batch is planned, not by a puzzled pipeline author.
*/
#ifndef SHOKAI_GEN_RULES_H
#define SHOKAI_GEN_RULES_H

#include <stddef.h>

#include "scenario.h"

/* Address or name in a canonical notation: ASCII digits, no spaces,
** chome/ban/go as N-N-N, room numbers without 号室. */
void rules_normalise(const char *in, char *out, size_t n);

/* 1 if the printed address and name differ from the registry's. */
int rules_changed(const form_data *f, const resident *r);

/* Decision and defects for form f; r is its registry record or NULL. */
void rules_decide(const form_data *f, const resident *r, int as_of,
		  const char *muni, decision *dec, defect_set *defects);

/* A PIN for signing: 6-16 of A-Z/a-z/0-9 with a letter and a digit. */
int rules_pin_sign_ok(const char *s);

#endif
