/*
** rng.c — xoshiro256** with splitmix64 seeding. Written from the published
** algorithm description; nothing here depends on libc's rand().
*/
#include "rng.h"

#include <math.h>

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void rng_seed(rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xd1342543de82ef95ULL + 0x632be59bd9b4e019ULL);
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix(&x);
}

static uint64_t rotl(uint64_t v, int k)
{
	return (v << k) | (v >> (64 - k));
}

uint64_t rng_next(rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

double rng_uniform(rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

double rng_range(rng *r, double lo, double hi)
{
	return lo + (hi - lo) * rng_uniform(r);
}

int rng_int(rng *r, int lo, int hi)
{
	if (hi <= lo)
		return lo;
	uint64_t n = (uint64_t)(hi - lo) + 1;
	return lo + (int)(rng_next(r) % n);
}

int rng_chance(rng *r, double p)
{
	return rng_uniform(r) < p;
}

double rng_normal(rng *r)
{
	/* Box-Muller; the second value is dropped to keep no state. */
	double u = rng_uniform(r), v = rng_uniform(r);
	if (u < 1e-300)
		u = 1e-300;
	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

uint64_t rng_stream(uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t x = a * 0x100000001b3ULL;
	x = (x ^ b) * 0x9e3779b97f4a7c15ULL;
	x = (x ^ c) * 0xff51afd7ed558ccdULL;
	return x ^ (x >> 29);
}
