/*
** cellrec-kinds.c — how sure is "a digit" in a signing-PIN box, for
** letters in a hand the model has not seen?
**
**   build/cellrec-kinds --mnist DIR --models DIR --fonts TAGPREFIX
**
** Reads 10 fresh drawings of each capital in the font styles whose tag
** starts with TAGPREFIX (train the model without them: cellrec-train
** --holdout TAGPREFIX) and MNIST 600-699, as a PIN-sign box does
** (cellrec_read CS_ALNUM and the box's mark prior), and prints, per band
** of P(digit) before the box prior's recalibration, how many cells are
** letters and how many digits. The recalibration in cellrec.c comes from
** these bands.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellrec.h"
#include "cellset.h"

int main(int argc, char **argv)
{
	const char *mnist = NULL, *models = NULL, *fonts = NULL;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--mnist"))
			mnist = argv[i + 1];
		else if (!strcmp(argv[i], "--models"))
			models = argv[i + 1];
		else if (!strcmp(argv[i], "--fonts"))
			fonts = argv[i + 1];
	}
	if (!mnist || !models || !fonts) {
		fprintf(stderr, "usage: cellrec-kinds --mnist DIR --models DIR --fonts TAGPREFIX\n");
		return 2;
	}
	setMsgSeverity(L_SEVERITY_ERROR);
	char err[512];
	glyph_bank b;
	cellrec *cr;
	if (bank_load(&b, mnist, 0, err, sizeof err) != 0 ||
	    cellrec_load(models, &cr, err, sizeof err) != 0) {
		fprintf(stderr, "cellrec-kinds: %s\n", err);
		return 1;
	}
	cell_spec *v = calloc((size_t)b.nfonts * 260 + 1000, sizeof *v);
	if (!v)
		return 1;
	int n = 0;
	for (int f = 0; f < b.nfonts; f++) {
		if (strncmp(glyph_fonts[f].tag, fonts, strlen(fonts)) != 0)
			continue;
		for (int c = 10; c < CELLREC_NALNUM; c++)
			for (int r = 0; r < 10; r++)
				v[n++] = (cell_spec){SRC_FONT, c, f, -1,
				                     99991 + (uint64_t)f * 100000 + (uint64_t)c * 100 + r,
				                     7, 12, 0, 0, 0, 0};
	}
	int nletters = n, nd = 0;
	cell_spec *dv = set_mnist_specs(&b, 600, 0, 0, 55, &nd);
	if (!dv)
		return 1;
	memcpy(v + n, dv, (size_t)nd * sizeof *v);
	n += nd;
	free(dv);
	static const double lo[] = {0.999, 0.99, 0.9, 0.5, 0};
	int letters[5] = {0}, digits[5] = {0}, unread = 0;
	for (int i = 0; i < n; i++) {
		PIX *pix = spec_draw(&b, &v[i]);
		cell_reading rd;
		cellrec_read(cr, pix, CS_ALNUM, &rd);
		pixDestroy(&pix);
		if (!rd.written.value || rd.ncand <= 0) {
			unread++;
			continue;
		}
		/* P(digit) as the box prior sees it before recalibrating: the
		** model's P(letter), and P(other) after the mark prior */
		cell_reading boxed = rd;
		cellrec_box_prior(&boxed, CS_ALNUM);
		boxed.p_letter = rd.p_letter;
		double pl, pd, po;
		cell_reading_kinds(&boxed, &pl, &pd, &po);
		int k = 0;
		while (k < 4 && pd < lo[k])
			k++;
		*(i < nletters ? &letters[k] : &digits[k]) += 1;
	}
	printf("letters %d (fonts %s*), digits %d (MNIST 600-699), not read %d\n", nletters, fonts,
	       n - nletters, unread);
	for (int k = 0; k < 5; k++)
		printf("P(digit) >= %.3f%s: letters %4d digits %4d  letters' share %.3f\n", lo[k],
		       k ? " (band)" : "       ", letters[k], digits[k],
		       letters[k] + digits[k] ? (double)letters[k] / (letters[k] + digits[k]) : 0);
	free(v);
	cellrec_free(cr);
	bank_free(&b);
	return 0;
}
