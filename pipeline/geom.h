/*
** geom.h — the affine map from form millimetres to image pixels.
**
**   px = a*x + b*y + c,   py = d*x + e*y + f
*/
#ifndef SHOKAI_GEOM_H
#define SHOKAI_GEOM_H

typedef struct {
	double a, b, c, d, e, f;
} affine;

typedef struct {
	double x, y;
} point2;

/* Least-squares fit of n >= 3 correspondences src[i] → dst[i]. Returns 0,
** or -1 if the points are degenerate. */
int affine_fit(const point2 *src, const point2 *dst, int n, affine *out);
point2 affine_apply(const affine *t, point2 p);
/* The inverse map; -1 if singular. */
int affine_invert(const affine *t, affine *inv);
/* Mean scale (pixels per unit), rotation in degrees (clockwise positive in
** image coordinates) and shear of the map. */
double affine_scale(const affine *t);
double affine_rotation_deg(const affine *t);
/* Compose: first s, then t. */
affine affine_compose(const affine *t, const affine *s);

#endif
