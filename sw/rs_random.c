/* rs_random.c - xorshift64* generator. */
#include "rs_random.h"

void rs_rng_seed(rs_rng *r, uint64_t seed)
{
    r->s = seed * 0x9e3779b97f4a7c15ull + 0x2545f4914f6cdd1dull;
    if (!r->s)
        r->s = 1;
}

uint64_t rs_rng_next(rs_rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545f4914f6cdd1dull;
}

int32_t rs_rng_range(rs_rng *r, int32_t lo, int32_t hi)
{
    uint64_t span = (uint64_t)((int64_t)hi - lo) + 1;
    return (int32_t)(lo + (int64_t)(rs_rng_next(r) % span));
}

void rs_fill_random(rs_rng *r, int32_t *v, size_t n, int32_t lo, int32_t hi, double zero_frac)
{
    uint64_t zero_below = (uint64_t)(zero_frac * 18446744073709551616.0);
    for (size_t i = 0; i < n; i++) {
        int is_zero = zero_frac >= 1.0 || (zero_frac > 0.0 && rs_rng_next(r) < zero_below);
        v[i] = is_zero ? 0 : rs_rng_range(r, lo, hi);
    }
}
