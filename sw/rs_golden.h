/* rs_golden.h - bit-exact golden reference for one convolution layer.
 *
 * Co-simulation compares the hardware with this code bit for bit, so this
 * header IS the arithmetic contract (DESIGN.md "Arithmetic contract"):
 *
 *   1. Inputs: activations and weights are signed dw-bit values, bias is a
 *      signed pw-bit value at the accumulator's scale (no shift applied).
 *   1a. Threshold: every activation with |x| <= thresh counts as 0
 *      (thresh 0..2^(dw-1)-1; 0 changes nothing). |x| is exact, also for
 *      x = -2^(dw-1). Padding is zero anyway.
 *   2. Padding is zeros. Group g uses input channels g*C/G .. (g+1)*C/G-1
 *      and output channels g*M/G .. (g+1)*M/G-1.
 *   3. acc = bias[m] + sum over (c, r, s) of x * w, wrapped modulo 2^pw to
 *      a signed pw-bit two's-complement value. Because wrapping is a ring
 *      homomorphism, wrapping once at the end gives the same bits as a
 *      pw-bit adder wrapping after every add, in any order - so every array
 *      size and mapping must produce the same acc.
 *   4. raw = 1: the output is acc itself (psum readout, no shift/sat/relu).
 *   5. Otherwise:
 *        y = acc
 *        if shift > 0: y = floor((y + 2^(shift-1)) / 2^shift)
 *        y = saturate(y, -2^(dw-1), 2^(dw-1)-1)
 *        if relu:      y = max(y, 0)
 *      ROUNDING: round half up, i.e. to nearest with ties toward +infinity
 *      (+2.5 -> 3, -2.5 -> -2, -2.6 -> -3). In hardware this is "add
 *      2^(shift-1), then arithmetic shift right by shift" on a value one bit
 *      wider than pw (acc + 2^(shift-1) can exceed the pw-bit range).
 *      Saturation comes after rounding, ReLU after saturation.
 */
#ifndef RS_GOLDEN_H
#define RS_GOLDEN_H

#include <stdint.h>

#include "rs_error.h"
#include "rs_shape.h"

typedef struct {
    int dw;    /* activation/weight bits: 8 or 16 */
    int pw;    /* accumulator (psum) bits: 16..32 */
    int shift; /* output right shift: 0..pw */
    int relu;  /* 0 or 1 */
    int raw;   /* 0 or 1: 1 = output the wrapped accumulator unchanged */
    int thresh;/* activation threshold: |x| <= thresh counts as 0 (step 1a); 0..2^(dw-1)-1 */
} rs_quant;

/* Largest activation threshold for dw-bit data: 2^(dw-1)-1. */
int rs_thresh_max(int dw);

/* Validate q: dw in {8,16}, pw 16..32, shift 0..pw, relu and raw 0/1,
 * thresh 0..rs_thresh_max(dw). */
int rs_quant_check(const rs_quant *q, rs_error *err);

/* Sign-extend the low `bits` bits of v (1 <= bits <= 64): v modulo 2^bits
 * as a signed two's-complement value. */
int64_t rs_wrap(int64_t v, int bits);

/* Steps 3 (wrap to pw) to 5 above for one output. acc may be unwrapped
 * (it is wrapped to pw first, which is a no-op on an already wrapped
 * value), so rs_requant(exact_sum, q) is the golden output. q must pass
 * rs_quant_check. */
int32_t rs_requant(int64_t acc, const rs_quant *q);

/* Compute one layer. Layouts are dense C order:
 *   ifmap   [N][C][H][W]      (unpadded)
 *   weights [M][C/G][R][S]
 *   bias    [M]               (NULL = zeros)
 *   ofmap   [N][M][P][Q]
 * s must have been through rs_shape_check (P, Q are checked against the
 * derived values). Every input value is range-checked first; an error
 * names the tensor, the index and the value, and ofmap is not written. */
int rs_conv_ref(const rs_shape *s, const rs_quant *q, const int32_t *ifmap,
                const int32_t *weights, const int32_t *bias, int32_t *ofmap,
                rs_error *err);

/* The input range check of rs_conv_ref alone (a checked shape and quant):
 * activations and weights signed dw bits, bias signed pw bits. A tool calls
 * it before a run to refuse bad data as bad input. */
int rs_conv_check_inputs(const rs_shape *s, const rs_quant *q, const int32_t *ifmap, const int32_t *weights,
                         const int32_t *bias, rs_error *err);
#endif
