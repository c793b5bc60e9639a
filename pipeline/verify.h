/*
** verify.h — check a printed line's reading by drawing it.
**
** Tesseract's jpn model cannot output some characters J-LIS prints (砧,
** 欅, 荏 are not in its character set) and misreads others in the form's
** Mincho time after time (和也 as 和志, 世田谷 as 性田谷). The registry
** says what the line held when it was printed, unless it has changed
** since. So where the reading and the registry differ character for
** character, both versions of the line are drawn in the printed face, fitted
** onto the scan, and compared with it where the two drawings differ: the
** scan decides which one was printed. Only a clear verdict changes the
** reading; anything else leaves it as the OCR gave it.
*/
#ifndef SHOKAI_VERIFY_H
#define SHOKAI_VERIFY_H

#include "model.h"
#include "readings.h"

struct Pix;
typedef struct verifier verifier;

/* The face the form prints its holder data in (font family, em in mm). */
#define VERIFY_FACE "IPAexMincho"

/* Returns NULL when out of memory. */
verifier *verifier_new(void);
void verifier_free(verifier *v);
/* Whether VERIFY_FACE is installed: without it no line is checked (a line
** drawn in another face fits no scan of this one), and verify_pick and
** verify_printed leave everything as read. */
int verifier_ready(const verifier *v);

typedef enum { VERDICT_UNSURE = 0, VERDICT_A = 1, VERDICT_B = 2 } verdict;

/* How each text fits: fit, the normalised correlation of text a's drawing
** with the scan; rel_*, the misfit where the two drawings differ, as a
** share of their difference (0 perfect, about 1 nothing alike); abs_*,
** the misfit over those columns as a share of the ink there. */
typedef struct {
	double fit, rel_a, rel_b, abs_a, abs_b;
	double patch_a, patch_b; /* the worst 5x5 px patch's mean misfit there */
	double floor;            /* text a's misfit over the columns where the two
	                         ** drawings agree, as a share of the ink there: how
	                         ** well any text explains this scan (0: too little
	                         ** ink there to tell) */
} verify_misfit;

/* Which of two texts, spaced as printed, is the line in box (mm) of gray
** (res px/mm), drawn with an em of em_mm: VERDICT_A, VERDICT_B, or
** VERDICT_UNSURE. m (may be NULL) gets the measures behind it. */
verdict verify_pick(verifier *v, struct Pix *gray, const mm_box *box, double res,
		    double em_mm, const char *a, const char *b, verify_misfit *m);

/* What a registry value is to the printed line. */
typedef enum {
	VERIFY_ADDRESS, /* an address in any notation: drawn as J-LIS prints it */
	VERIFY_NAME,    /* a name: its parts one full-width space apart, then 様 */
	VERIFY_TEXT     /* the line exactly as printed (a date in era notation) */
} verify_kind;

/* Check a printed line's reading t against the registry's value, drawn
** with an em of em_mm. Where the voted reading and the value as printed
** have the same length, each run of differing characters is drawn both
** ways and the scan picks; so is each run where another reading differs
** from the result. When every run gets a clear verdict, t's text becomes
** the result, read as one agreeing text at VERIFY_CONF, and t->verified
** is set; else t is left as it was. Returns 1 when t was set, 0 when left
** alone, -1 on error. */
#define VERIFY_CONF 0.99
int verify_printed(verifier *v, struct Pix *gray, const mm_box *box, double res, double em_mm,
		   verify_kind kind, const char *registry, text_reading *t);

#endif
