/*
** picture.h — pictures of a registered page for people (inspect, review).
**
** Every picture starts from picture_page(), which masks the PIN fields
** before anything else is drawn: no picture the program writes can show a
** PIN.
*/
#ifndef SHOKAI_PICTURE_H
#define SHOKAI_PICTURE_H

#include <stddef.h>

#include "defects.h"
#include "model.h"
#include "page.h"

struct Pix;

/* An RGB copy of the registered page with every secret field masked, or
** NULL when the page is not registered (the PIN cells cannot be located). */
struct Pix *picture_page(const page_image *pi, const form_model *m);

/* The file of a page's picture: DIR/<the scan's base name>-p<page>.png (the
** names `shokai inspect` and the review pictures share). Returns 0, or -1
** when it does not fit in n. */
int picture_path(char *out, size_t n, const char *dir, const char *file, int page);

/* Every field outlined in the colour of its kind, and the codes and marks
** (what `shokai inspect` shows). */
void picture_draw_fields(struct Pix *pix, const form_model *m);

/* The fields behind the checks in doubt, outlined in red (a thick line).
** Returns how many fields were marked. */
int picture_mark_doubts(struct Pix *pix, const form_model *m, defect_set doubts);

/* Within a field the reviewer must read, the boxes in doubt (bit i for
** cell i), each outlined in orange. Never a secret field's cells. Returns
** how many boxes were marked. */
int picture_mark_cells(struct Pix *pix, const form_model *m, const char *field, unsigned mask);

#endif
