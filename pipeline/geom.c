/*
** geom.c — affine maps: least-squares fit, inverse, composition.
*/
#include "geom.h"

#include <math.h>

/* Solve the 3x3 system m·x = v by Cramer's rule. */
static int solve3(const double m[3][3], const double v[3], double x[3])
{
	double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
		     m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
		     m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
	if (fabs(det) < 1e-12)
		return -1;
	for (int k = 0; k < 3; k++) {
		double t[3][3];
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++)
				t[i][j] = j == k ? v[i] : m[i][j];
		x[k] = (t[0][0] * (t[1][1] * t[2][2] - t[1][2] * t[2][1]) -
			t[0][1] * (t[1][0] * t[2][2] - t[1][2] * t[2][0]) +
			t[0][2] * (t[1][0] * t[2][1] - t[1][1] * t[2][0])) / det;
	}
	return 0;
}

int affine_fit(const point2 *src, const point2 *dst, int n, affine *out)
{
	if (n < 3)
		return -1;
	/* Normal equations; the x and y rows share the same matrix. Centre the
	** source points first so that the system is well conditioned. */
	double cx = 0, cy = 0;
	for (int i = 0; i < n; i++) {
		cx += src[i].x;
		cy += src[i].y;
	}
	cx /= n;
	cy /= n;
	double m[3][3] = {{0}}, vx[3] = {0}, vy[3] = {0};
	for (int i = 0; i < n; i++) {
		double r[3] = {src[i].x - cx, src[i].y - cy, 1};
		for (int j = 0; j < 3; j++) {
			for (int k = 0; k < 3; k++)
				m[j][k] += r[j] * r[k];
			vx[j] += r[j] * dst[i].x;
			vy[j] += r[j] * dst[i].y;
		}
	}
	double px[3], py[3];
	if (solve3(m, vx, px) || solve3(m, vy, py))
		return -1;
	out->a = px[0];
	out->b = px[1];
	out->c = px[2] - px[0] * cx - px[1] * cy;
	out->d = py[0];
	out->e = py[1];
	out->f = py[2] - py[0] * cx - py[1] * cy;
	return 0;
}

point2 affine_apply(const affine *t, point2 p)
{
	point2 q = {t->a * p.x + t->b * p.y + t->c, t->d * p.x + t->e * p.y + t->f};
	return q;
}

int affine_invert(const affine *t, affine *inv)
{
	double det = t->a * t->e - t->b * t->d;
	if (fabs(det) < 1e-12)
		return -1;
	inv->a = t->e / det;
	inv->b = -t->b / det;
	inv->d = -t->d / det;
	inv->e = t->a / det;
	inv->c = -(inv->a * t->c + inv->b * t->f);
	inv->f = -(inv->d * t->c + inv->e * t->f);
	return 0;
}

double affine_scale(const affine *t)
{
	return sqrt(fabs(t->a * t->e - t->b * t->d));
}

double affine_rotation_deg(const affine *t)
{
	return atan2(t->d, t->a) * 180.0 / M_PI;
}

affine affine_compose(const affine *t, const affine *s)
{
	affine r = {
		t->a * s->a + t->b * s->d, t->a * s->b + t->b * s->e,
		t->a * s->c + t->b * s->f + t->c,
		t->d * s->a + t->e * s->d, t->d * s->b + t->e * s->e,
		t->d * s->c + t->e * s->f + t->f,
	};
	return r;
}
