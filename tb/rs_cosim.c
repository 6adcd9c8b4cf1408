/* rs_cosim.c - hardware against golden, element by element. */
#define _POSIX_C_SOURCE 200809L
#include "rs_cosim.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rs_random.h"

int rs_default_shift(const rs_shape *s, int dw)
{
    long k = (long)(s->C / s->G) * s->R * s->S;
    int bits = 0;
    while ((1L << bits) < k)
        bits++;
    return dw - 1 + (bits + 1) / 2;
}

int rs_layer_random(rs_layer *l, const rs_shape *s, int dw, int pw, uint64_t seed, double zeros,
                    int with_bias, rs_error *err)
{
    memset(l, 0, sizeof *l);
    l->shape = *s;
    l->quant = (rs_quant){ .dw = dw, .pw = pw, .shift = rs_default_shift(s, dw), .relu = 0, .raw = 0 };
    size_t ni = (size_t)s->N * s->C * s->H * s->W;
    size_t nw = (size_t)s->M * (s->C / s->G) * s->R * s->S;
    l->ifmap = malloc((ni ? ni : 1) * sizeof *l->ifmap);
    l->weights = malloc((nw ? nw : 1) * sizeof *l->weights);
    l->bias = with_bias ? malloc((size_t)s->M * sizeof *l->bias) : NULL;
    if (!l->ifmap || !l->weights || (with_bias && !l->bias)) {
        rs_layer_free(l);
        return rs_error_set(err, "out of memory for the layer's tensors");
    }
    rs_rng rng;
    rs_rng_seed(&rng, seed);
    int32_t hi = (1 << (dw - 1)) - 1, lo = -hi - 1;
    rs_fill_random(&rng, l->ifmap, ni, lo, hi, zeros);
    rs_fill_random(&rng, l->weights, nw, lo, hi, 0.0);
    if (l->bias) {
        int32_t b = 1 << (pw - 4);
        rs_fill_random(&rng, l->bias, (size_t)s->M, -b, b, 0.0);
    }
    return 0;
}

void rs_layer_free(rs_layer *l)
{
    free(l->ifmap);
    free(l->weights);
    free(l->bias);
    memset(l, 0, sizeof *l);
}

int rs_cosim_run(rs_transport *t, const rs_device *dev, const rs_layer *l, rs_cosim_result *r, rs_error *err)
{
    memset(r, 0, sizeof *r);
    const rs_shape *s = &l->shape;
    size_t n = (size_t)s->N * s->M * s->P * s->Q;
    int32_t *golden = malloc((n ? n : 1) * sizeof *golden);
    r->hw_out = malloc((n ? n : 1) * sizeof *r->hw_out);
    if (!golden || !r->hw_out) {
        free(golden);
        rs_cosim_result_free(r);
        return rs_error_set(err, "out of memory for the outputs");
    }
    if (rs_conv_ref(s, &l->quant, l->ifmap, l->weights, l->bias, golden, err)) {
        free(golden);
        rs_cosim_result_free(r);
        return -1;
    }
    /* a value the hardware never writes must not pass by luck */
    for (size_t i = 0; i < n; i++)
        r->hw_out[i] = ~golden[i];

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = rs_run_conv(t, dev, s, &l->quant, l->ifmap, l->weights, l->bias, r->hw_out, &r->map, &r->stats, err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    r->seconds = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    if (rc) {
        free(golden);
        return -1;
    }
    r->compared = n;
    for (size_t i = 0; i < n; i++)
        if (r->hw_out[i] != golden[i]) {
            if (!r->mismatches) {
                r->first_bad = i;
                r->first_expected = golden[i];
                r->first_got = r->hw_out[i];
            }
            r->mismatches++;
        }
    free(golden);
    return 0;
}

void rs_cosim_result_free(rs_cosim_result *r)
{
    free(r->hw_out);
    r->hw_out = NULL;
}
