/* rs_cosim.h - one co-simulation: the layer on the hardware model and on the
 * golden reference, every output element compared. Used by rsrun and by the
 * regression tests. */
#ifndef RS_COSIM_H
#define RS_COSIM_H

#include <stddef.h>
#include <stdint.h>

#include "rs_driver.h"

typedef struct {
    rs_shape shape;
    rs_quant quant;
    int32_t *ifmap;     /* N,C,H,W */
    int32_t *weights;   /* M,C/G,R,S */
    int32_t *bias;      /* M, or NULL */
} rs_layer;

typedef struct {
    int32_t *hw_out;          /* N,M,P,Q from the hardware (owned) */
    size_t compared;
    size_t mismatches;
    size_t first_bad;         /* flat index of the first mismatch */
    int32_t first_expected, first_got;
    rs_mapping map;
    rs_run_stats stats;
    double seconds;           /* wall time of the hardware run */
} rs_cosim_result;

/* Random data: activations with a zero fraction, full-range weights, bias
 * (when with_bias) within +-2^(pw-4). Also picks quant.shift so outputs are
 * not all saturated: dw - 1 + half the bits of C/G*R*S. */
int rs_layer_random(rs_layer *l, const rs_shape *s, int dw, int pw, uint64_t seed, double zeros,
                    int with_bias, rs_error *err);
int rs_default_shift(const rs_shape *s, int dw);
void rs_layer_free(rs_layer *l);

int rs_cosim_run(rs_transport *t, const rs_device *dev, const rs_layer *l, rs_cosim_result *r, rs_error *err);
void rs_cosim_result_free(rs_cosim_result *r);

#endif
