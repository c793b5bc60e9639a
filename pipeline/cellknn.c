/*
** cellknn.c — nearest MNIST references of a doubtful digit (cellknn.h).
**
** Two passes: the KNN_SHORTLIST references nearest in plain pixel distance,
** then those ranked again by image distortion distance on the gradient
** (each 3x3 patch of the glyph matched at its best place within KNN_WARP
** px of the reference: a stroke drawn a little higher, or a loop a little
** wider, costs little). The KNN_VOTERS nearest vote, the j-th with weight
** 1/(1+j).
**
** File: "SHKNN001", u32 side, u32 n, n digit bytes, n x side^2 grey bytes
** (0 paper .. 255 ink), u32 CRC-32 of everything before; little-endian.
*/
#include "cellknn.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "cellrec.h"
#include "fsutil.h"

#define KNN_MAGIC "SHKNN001"
#define KNN_SHORTLIST 60
#define KNN_VOTERS 5
#define KNN_WARP 2
/* Added to every digit's votes: a unanimous vote is then a likelihood
** ratio of about 10, not a certainty. */
#define KNN_SMOOTH 0.25
/*
** A digit box whose likeliest digit holds less than KNN_FROM of the digit
** mass is reweighed by the references' shares to the power KNN_WEIGHT. The
** SVM learnt from synthetic cells; the references, compared with give,
** read the felt-pen blobs and odd loops of scanned pages better
** (models/README). KNN_WEIGHT and KNN_SMOOTH are the pair with the lowest
** log loss of the truth on the doubtful date cells of two generated
** batches; KNN_FROM leaves the readings the SVM is sure of as they are.
*/
#define KNN_FROM 0.99
#define KNN_WEIGHT 0.5

enum { SIDE = CELLREC_NORM, NPX = SIDE * SIDE };

struct cellknn {
	int n;
	unsigned char *digit; /* n */
	unsigned char *px;    /* n x NPX */
};

static int fail(char *err, size_t n, const char *what, const char *path)
{
	if (err && n)
		snprintf(err, n, "cellknn: %s %s", what, path);
	return -1;
}

int cellknn_load(const char *models_dir, cellknn **out, char *err, size_t n)
{
	*out = NULL;
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", models_dir ? models_dir : "models", CELLKNN_FILE);
	unsigned char *buf;
	size_t len;
	if (fs_read_all(path, &buf, &len) != 0)
		return errno == ENOENT ? 1 : fail(err, n, "cannot read", path);
	uint32_t side = 0, cnt = 0, want = 0;
	if (len >= 20) {
		memcpy(&side, buf + 8, 4);
		memcpy(&cnt, buf + 12, 4);
		memcpy(&want, buf + len - 4, 4);
	}
	if (len < 20 || memcmp(buf, KNN_MAGIC, 8) != 0 || side != SIDE || cnt < 10 ||
	    cnt > 1000000 || len != 20 + (size_t)cnt * (1 + NPX)) {
		free(buf);
		return fail(err, n, "not a reference file:", path);
	}
	if ((uint32_t)crc32(0, buf, (uInt)(len - 4)) != want) {
		free(buf);
		return fail(err, n, "damaged (CRC):", path);
	}
	cellknn *k = calloc(1, sizeof *k);
	if (!k) {
		free(buf);
		return fail(err, n, "out of memory reading", path);
	}
	k->n = (int)cnt;
	k->digit = malloc(cnt);
	k->px = malloc((size_t)cnt * NPX);
	if (!k->digit || !k->px) {
		free(buf);
		cellknn_free(k);
		return fail(err, n, "out of memory reading", path);
	}
	memcpy(k->digit, buf + 16, cnt);
	memcpy(k->px, buf + 16 + cnt, (size_t)cnt * NPX);
	free(buf);
	for (uint32_t i = 0; i < cnt; i++)
		if (k->digit[i] > 9) {
			cellknn_free(k);
			return fail(err, n, "a reference that is no digit in", path);
		}
	*out = k;
	return 0;
}

void cellknn_free(cellknn *k)
{
	if (!k)
		return;
	free(k->digit);
	free(k->px);
	free(k);
}

int cellknn_save(const char *path, const float *norms, const unsigned char *digit, int n,
		 char *err, size_t errlen)
{
	size_t len = 20 + (size_t)n * (1 + NPX);
	unsigned char *buf = malloc(len);
	if (!buf)
		return fail(err, errlen, "out of memory writing", path);
	uint32_t side = SIDE, cnt = (uint32_t)n;
	memcpy(buf, KNN_MAGIC, 8);
	memcpy(buf + 8, &side, 4);
	memcpy(buf + 12, &cnt, 4);
	memcpy(buf + 16, digit, (size_t)n);
	unsigned char *px = buf + 16 + n;
	for (size_t i = 0; i < (size_t)n * NPX; i++) {
		float v = norms[i] < 0 ? 0 : norms[i] > 1 ? 1 : norms[i];
		px[i] = (unsigned char)(v * 255 + 0.5f);
	}
	uint32_t c = (uint32_t)crc32(0, buf, (uInt)(len - 4));
	memcpy(buf + len - 4, &c, 4);
	char e[256];
	int rc = fs_write_atomic(path, buf, len, 0644, e, sizeof e);
	free(buf);
	return rc ? fail(err, errlen, "cannot write", path) : 0;
}

/* Image distortion distance of the glyph (tx, ty) to a reference (rx, ry). */
static float idm(const float *tx, const float *ty, const float *rx, const float *ry)
{
	float s = 0;
	for (int y = 0; y < SIDE; y++)
		for (int x = 0; x < SIDE; x++) {
			float best = 1e30f;
			for (int dy = -KNN_WARP; dy <= KNN_WARP; dy++)
				for (int dx = -KNN_WARP; dx <= KNN_WARP; dx++) {
					int cy = y + dy, cx = x + dx;
					if (cy < 1 || cx < 1 || cy >= SIDE - 1 || cx >= SIDE - 1)
						continue;
					float d = 0;
					for (int oy = -1; oy <= 1; oy++)
						for (int ox = -1; ox <= 1; ox++) {
							int py = y + oy, px = x + ox;
							float a = 0, b = 0;
							if (py >= 0 && px >= 0 && py < SIDE && px < SIDE)
								a = tx[py * SIDE + px], b = ty[py * SIDE + px];
							int r = (cy + oy) * SIDE + cx + ox;
							d += (a - rx[r]) * (a - rx[r]) + (b - ry[r]) * (b - ry[r]);
						}
					if (d < best)
						best = d;
				}
			s += best;
		}
	return s;
}

typedef struct {
	float d;
	int i;
} near_ref;

void cellknn_shares(const cellknn *k, const float *norm, double q[10])
{
	/* the shortlist, kept sorted by pixel distance */
	near_ref sl[KNN_SHORTLIST];
	int ns = 0;
	for (int i = 0; i < k->n; i++) {
		const unsigned char *r = k->px + (size_t)i * NPX;
		float d = 0;
		for (int j = 0; j < NPX; j++) {
			float e = norm[j] - r[j] * (1.0f / 255);
			d += e * e;
		}
		if (ns == KNN_SHORTLIST && d >= sl[ns - 1].d)
			continue;
		int at = ns < KNN_SHORTLIST ? ns++ : ns - 1;
		while (at > 0 && sl[at - 1].d > d) {
			sl[at] = sl[at - 1];
			at--;
		}
		sl[at] = (near_ref){d, i};
	}
	float tx[NPX], ty[NPX], rp[NPX], rx[NPX], ry[NPX];
	cellrec_gradients(norm, tx, ty);
	for (int s = 0; s < ns; s++) {
		const unsigned char *r = k->px + (size_t)sl[s].i * NPX;
		for (int j = 0; j < NPX; j++)
			rp[j] = r[j] * (1.0f / 255);
		cellrec_gradients(rp, rx, ry);
		sl[s].d = idm(tx, ty, rx, ry);
	}
	/* the voters: the KNN_VOTERS nearest by distortion distance */
	double v[10] = {0}, tot = 0;
	for (int j = 0; j < KNN_VOTERS && j < ns; j++) {
		int b = j;
		for (int s = j + 1; s < ns; s++)
			if (sl[s].d < sl[b].d)
				b = s;
		near_ref t = sl[j];
		sl[j] = sl[b];
		sl[b] = t;
		double w = 1.0 / (1 + j);
		v[k->digit[sl[j].i]] += w;
		tot += w;
	}
	for (int d = 0; d < 10; d++)
		q[d] = (v[d] + KNN_SMOOTH) / (tot + 10 * KNN_SMOOTH);
	/* what was derived from the cell (a PIN box, maybe) */
	explicit_bzero(tx, sizeof tx);
	explicit_bzero(ty, sizeof ty);
	explicit_bzero(v, sizeof v);
	explicit_bzero(sl, sizeof sl);
}

int cellknn_reweigh(const cellknn *k, const float *norm, double *probs)
{
	double mass = 0, top = 0;
	for (int d = 0; d < 10; d++) {
		mass += probs[d];
		if (probs[d] > top)
			top = probs[d];
	}
	if (mass <= 0 || top >= KNN_FROM * mass)
		return 0;
	double q[10], sum = 0;
	cellknn_shares(k, norm, q);
	for (int d = 0; d < 10; d++) {
		probs[d] *= pow(q[d], KNN_WEIGHT);
		sum += probs[d];
	}
	for (int d = 0; d < 10 && sum > 0; d++)
		probs[d] *= mass / sum;
	explicit_bzero(q, sizeof q);
	return 1;
}
