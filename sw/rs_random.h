/* rs_random.h - seeded test data (xorshift64*), the same on every machine. */
#ifndef RS_RANDOM_H
#define RS_RANDOM_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t s;
} rs_rng;

void rs_rng_seed(rs_rng *r, uint64_t seed);
uint64_t rs_rng_next(rs_rng *r);
/* uniform in [lo, hi] */
int32_t rs_rng_range(rs_rng *r, int32_t lo, int32_t hi);
/* values uniform in [lo, hi], each replaced by 0 with probability zero_frac */
void rs_fill_random(rs_rng *r, int32_t *v, size_t n, int32_t lo, int32_t hi, double zero_frac);

#endif
