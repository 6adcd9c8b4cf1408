/* rs_net_run.h - running a lowered network on a batch of N images: the float
 * reference (rs_net_float.c) and the accelerator's fixed point
 * (rs_net_quant.c).
 *
 * Quantization (docs/net.md): every tensor x has a power-of-two scale,
 * x = q * 2^-frac with q a signed dw-bit integer, frac chosen per tensor
 * from the largest |x| a calibration run saw (the largest frac whose
 * range holds it). Weights get their own frac per layer: the largest that
 * holds them and keeps RS_ACC_MARGIN times the largest accumulator the
 * calibration saw (and every bias) within pw bits, so the chip's modulo
 * 2^pw wrap stays out of reach unless a test image drives a layer far past
 * anything calibration saw. Bias is at the accumulator's
 * scale (frac_in + frac_w); the layer's requantization shift is
 * frac_in + frac_w - frac_out, and the chip rounds, saturates and applies
 * a fused ReLU exactly as docs/arithmetic.md says. Host operators keep
 * their input's scale (pools, ReLU, reshapes) or rescale with the same
 * rounding (Add, Concat); Softmax is computed in float and requantized. */
#ifndef RS_NET_RUN_H
#define RS_NET_RUN_H

#include <stdint.h>

#include "rs_golden.h"
#include "rs_net.h"
#include "rs_shape.h"

/* One buffer per value for N images (float and integer). */
typedef struct {
    int N;
    float **f;
    int32_t **q;
    double *acc_max;   /* per node: largest |CONV output| before ReLU (calibration; NULL: not kept) */
} rs_net_state;

int rs_net_state_alloc(rs_net_state *s, const rs_net *net, int N, rs_error *err);
void rs_net_state_free(rs_net_state *s, const rs_net *net);

/* Float reference: the inputs in s->f[net->inputs[i]], every value out. */
int rs_net_run_float(const rs_net *net, rs_net_state *s, rs_error *err);
/* Largest |x| of each value in this run, folded into maxabs (n_values). */
void rs_net_observe(const rs_net *net, const rs_net_state *s, double *maxabs);

/* What calibration measured: per value the largest |x| (after a fused
 * ReLU), per CONV node the largest |accumulator| (before it). */
typedef struct {
    double *maxabs;   /* n_values */
    double *acc_max;  /* n_nodes */
} rs_calib;

/* The shape of CONV node k for a batch of N (Gemm/MatMul: H=W=R=S=1). */
int rs_net_conv_shape(const rs_net *net, int k, int N, rs_shape *shape, rs_error *err);

/* A network quantized for dw-bit data and pw-bit accumulators. */
typedef struct {
    int dw, pw;
    int *frac;          /* per value */
    int *wfrac;         /* per node (CONV) */
    int32_t **w, **b;   /* per node (CONV): weights, bias at the accumulator's scale (NULL: none) */
    rs_quant *quant;    /* per node (CONV): shift, relu */
} rs_qnet;

/* Scales from a calibration. The weights' scale is the largest that holds
 * them and keeps RS_ACC_MARGIN x the largest calibrated accumulator within
 * pw bits. */
#define RS_ACC_MARGIN 4.0
int rs_qnet_build(const rs_net *net, const rs_calib *cal, int dw, int pw, rs_qnet *qn, rs_error *err);
void rs_qnet_free(rs_qnet *qn, const rs_net *net);

/* What runs a CONV node: the golden reference (NULL: rs_conv_ref) or the
 * accelerator. */
typedef int (*rs_conv_fn)(void *ctx, const rs_net *net, int node, const rs_shape *s, const rs_quant *q,
                          const int32_t *x, const int32_t *w, const int32_t *b, int32_t *y, rs_error *err);

/* Fixed-point run: s->f of the inputs are quantized into s->q, every value
 * computed in s->q, the output dequantized into s->f[net->output]. */
int rs_qnet_run(const rs_net *net, const rs_qnet *qn, rs_net_state *s, rs_conv_fn conv, void *ctx, rs_error *err);

/* Softmax of each row of len values. */
void rs_softmax_rows(const float *x, float *y, int64_t rows, int64_t len);
/* Index of the largest of n values. */
int rs_argmax(const float *v, int64_t n);

#endif
