/*
** rng.h — the generator's own seeded PRNG (xoshiro256**, seeded through
** splitmix64), so that the same seed gives the same files on every machine.
**
** A stream number lets every page or form draw from its own sequence: what
** one page draws never shifts what the next page gets.
*/
#ifndef SHOKAI_GEN_RNG_H
#define SHOKAI_GEN_RNG_H

#include <stdint.h>

typedef struct {
	uint64_t s[4];
} rng;

void rng_seed(rng *r, uint64_t seed, uint64_t stream);
uint64_t rng_next(rng *r);
double rng_uniform(rng *r);                 /* [0, 1) */
double rng_range(rng *r, double lo, double hi);
int rng_int(rng *r, int lo, int hi);        /* lo..hi inclusive */
int rng_chance(rng *r, double p);           /* 1 with probability p */
double rng_normal(rng *r);                  /* mean 0, sd 1 */
/* A stream id made of a few small numbers, for rng_seed. */
uint64_t rng_stream(uint64_t a, uint64_t b, uint64_t c);

#endif
