/*
** cellknn.h — a second opinion on a doubtful handwritten digit: its
** nearest neighbours among the MNIST training digits (indices 0-599 of
** each class), compared with some give (image distortion: every part of
** the glyph may match up to 2 px away), as the SVM of cellrec.c is not.
**
** The references are normalised glyphs (cellrec_prepare's 28x28, made the
** way the model wants them), kept in models/cellrec-knn.refs (written by
** build/cellrec-knn --write; see models/README). Read-only once loaded:
** one cellknn may be shared by threads.
*/
#ifndef SHOKAI_CELLKNN_H
#define SHOKAI_CELLKNN_H

#include <stddef.h>

#define CELLKNN_FILE "cellrec-knn.refs"

typedef struct cellknn cellknn;

/* Load models_dir/CELLKNN_FILE. 0 on success; 1 when the file does not
** exist (*out NULL: no second opinion); -1 with a message in err when it
** exists but cannot be used. */
int cellknn_load(const char *models_dir, cellknn **out, char *err, size_t n);
void cellknn_free(cellknn *k);

/* The shares q[0..9] (summing to 1) of the ten digits among the nearest
** references of a normalised glyph (CELLREC_NORM^2 floats, 0 paper .. 1
** ink), smoothed so that no digit gets 0. */
void cellknn_shares(const cellknn *k, const float *norm, double q[10]);

/* A digit box's class probabilities (probs[0..9] the digits) when its
** likeliest digit holds less than 0.99 of the digit mass: each digit's
** share is multiplied by the references' share to the power 0.5, within
** the same digit mass (the other classes are left as they are). Returns 1
** when it reweighed, 0 when the reading was sure enough as it was. */
int cellknn_reweigh(const cellknn *k, const float *norm, double *probs);

/* Write a reference file: n glyphs (n x CELLREC_NORM^2 floats) and their
** digits. 0, or -1 with a message in err. */
int cellknn_save(const char *path, const float *norms, const unsigned char *digit, int n,
		 char *err, size_t errlen);

#endif
