/*
** fuzz_cellrec.c — libFuzzer target for the cell image preparation
** (cellrec_prepare: border removal, strokes across a box line, speck
** removal, normalisation, lean) and for cellrec_features on what it
** returns. A scanned cell can hold anything: lines in odd places, solid
** black, one dot. No model is loaded (the preparation needs none).
**
** Input: byte 0 width (12-75 px), byte 1 height (12-75 px), byte 2 bit 0
** deskew; the rest are grey pixels, row by row, repeated to fill the cell
** (a short input makes stripes and grids, which look like box lines).
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cellrec.h"
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 4)
		return 0;
	int w = 12 + data[0] % 64, h = 12 + data[1] % 64, deskew = data[2] & 1;
	const uint8_t *px = data + 3;
	size_t npx = size - 3;
	PIX *p = pixCreate(w, h, 8);
	if (!p)
		return 0;
	size_t k = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++, k++)
			pixSetPixel(p, x, y, px[k % npx]);
	cellrec_glyph g;
	int rc = cellrec_prepare(p, deskew, &g);
	check(rc == 0 || rc == -1);
	if (rc == 0) {
		for (int i = 0; i < CELLREC_NORM * CELLREC_NORM; i++)
			check(isfinite(g.norm[i]) && g.norm[i] >= -1e-4f && g.norm[i] <= 1 + 1e-4f);
		for (int i = 0; i < CELLREC_NINK; i++)
			check(isfinite(g.ink[i]));
		check(isfinite(g.aspect) && isfinite(g.lean));
		if (g.has_ink) {
			float f[CELLREC_NRAW];
			cellrec_features(&g, f);
			for (int i = 0; i < CELLREC_NRAW; i++)
				check(isfinite(f[i]));
		}
		/* the lean rule moves mass, never makes or loses it */
		double probs[CELLREC_NCLASS], sum = 0, after = 0;
		for (int i = 0; i < CELLREC_NCLASS; i++)
			sum += probs[i] = px[i % npx] + 1;
		for (int i = 0; i < CELLREC_NCLASS; i++)
			probs[i] /= sum;
		cellrec_lean_prior(probs, g.lean);
		for (int i = 0; i < CELLREC_NCLASS; i++) {
			check(probs[i] >= 0);
			after += probs[i];
		}
		check(fabs(after - 1) < 1e-9);
	}
	pixDestroy(&p);
	return 0;
}
