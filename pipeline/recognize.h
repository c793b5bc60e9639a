/*
** recognize.h — every field of a registered page into page_readings.
**
** Dispatches on the field kind of the form model: printed text (Tesseract),
** checkboxes, seals and written lines (marks), boxed cells (the cell
** recogniser). Loaded once per process; not shared between threads.
*/
#ifndef SHOKAI_RECOGNIZE_H
#define SHOKAI_RECOGNIZE_H

#include <stddef.h>

#include "model.h"
#include "page.h"
#include "profile.h"
#include "readings.h"

typedef struct recognizer recognizer;

int recognizer_new(const char *models_dir, recognizer **out, char *err, size_t errlen);
void recognizer_free(recognizer *rz);

/* Use the profile's town list to correct printed addresses (optional: a
** recogniser without one reads them as they come). */
void recognizer_set_towns(recognizer *rz, const profile *p);

/* Read every field of pi (registered). Returns 0, or -1 if the page could
** not be read at all. The caller wipes *out with readings_wipe(). */
int recognize_page(recognizer *rz, const form_model *m, const page_image *pi,
		   page_readings *out);

/* Check the printed lines of r by drawing what they should hold
** (verify.h): the registry's address and name (either may be NULL), the
** birth date (the registry's) and the certificate expiry (the QR code's),
** YYYYMMDD or 0. Returns how many readings it settled, or -1 when pi is
** not registered. */
int recognize_verify(recognizer *rz, const form_model *m, const page_image *pi,
		     const char *address, const char *name, int birth, int expiry,
		     page_readings *r);

/* Whether recognize_verify can check lines (the printed face is
** installed, verify.h); 0: it leaves every reading as read. */
int recognizer_can_verify(const recognizer *rz);

/* The reading slot of a field of the model, by name; NULL if none. */
void *readings_slot(page_readings *r, const char *field);

#endif
