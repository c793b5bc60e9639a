/*
** pixutil.h — image helpers with the care personal data needs.
*/
#ifndef SHOKAI_PIXUTIL_H
#define SHOKAI_PIXUTIL_H

struct Pix;

/* Overwrite the pixels (explicit_bzero) if this is the last reference, then
** destroy: page images hold handwritten PINs. */
void pix_wipe_destroy(struct Pix **pix);
/* Write a PNG readable by the owner only (0600), whole or not at all. */
int pix_write_private_png(const char *path, struct Pix *pix);

#endif
