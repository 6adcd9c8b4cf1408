/* rs_golden.c - golden reference convolution (see rs_golden.h for the
 * arithmetic contract this implements). Written for clarity first, speed
 * second: it must run full-size AlexNet layers (~0.4 GMAC) in the test
 * suite, so the loop nest keeps one weight in a register and streams an
 * ifmap row into an int64 psum row, with no calls in the inner loop. */
#include "rs_golden.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rs_quant_check(const rs_quant *q, rs_error *err)
{
    if (!q)
        return rs_error_set(err, "quant: no quantization parameters given");
    if (q->dw != 8 && q->dw != 16)
        return rs_error_set(err, "quant: dw=%d is not supported (allowed: 8, 16)", q->dw);
    if (q->pw < 16 || q->pw > 32)
        return rs_error_set(err, "quant: pw=%d is out of range 16..32", q->pw);
    if (q->shift < 0 || q->shift > q->pw)
        return rs_error_set(err, "quant: shift=%d is out of range 0..%d (pw)", q->shift,
                            q->pw);
    if (q->relu != 0 && q->relu != 1)
        return rs_error_set(err, "quant: relu=%d is out of range 0..1", q->relu);
    if (q->raw != 0 && q->raw != 1)
        return rs_error_set(err, "quant: raw=%d is out of range 0..1", q->raw);
    if (q->thresh < 0 || q->thresh > rs_thresh_max(q->dw))
        return rs_error_set(err, "quant: thresh=%d is out of range 0..%d (dw=%d)", q->thresh,
                            rs_thresh_max(q->dw), q->dw);
    return 0;
}

int rs_thresh_max(int dw)
{
    return (int)(((int64_t)1 << (dw - 1)) - 1);
}

int64_t rs_wrap(int64_t v, int bits)
{
    uint64_t u, sign;
    if (bits >= 64)
        return v;
    if (bits < 1)
        return 0;
    /* Work on the unsigned image so that no step relies on signed overflow
     * or implementation-defined conversions. */
    u = (uint64_t)v;
    sign = (uint64_t)1 << (bits - 1);
    u &= (sign << 1) - 1;
    if (u & sign)
        return (int64_t)(u - sign) - (int64_t)sign;
    return (int64_t)u;
}

/* floor(y / 2^sh) for 0 <= sh < 63. Right-shifting a negative signed value
 * is implementation-defined in C, so negative values are shifted through
 * their one's complement: floor(y/d) = ~floor(~y/d) for y < 0. */
static inline int64_t floor_shift(int64_t y, int sh)
{
    return y >= 0 ? (y >> sh) : ~((~y) >> sh);
}

static inline int32_t requant(int64_t acc, const rs_quant *q)
{
    int64_t y = rs_wrap(acc, q->pw);
    int64_t hi, lo;
    if (q->raw)
        return (int32_t)y;
    if (q->shift > 0)
        y = floor_shift(y + ((int64_t)1 << (q->shift - 1)), q->shift); /* half up */
    hi = ((int64_t)1 << (q->dw - 1)) - 1;
    lo = -((int64_t)1 << (q->dw - 1));
    if (y > hi)
        y = hi;
    if (y < lo)
        y = lo;
    if (q->relu && y < 0)
        y = 0;
    return (int32_t)y;
}

int32_t rs_requant(int64_t acc, const rs_quant *q)
{
    return requant(acc, q);
}

/* Report the first value of a tensor outside [lo, hi], with its position
 * in the tensor's own coordinates so a user can find it in numpy. */
static int check_range(const char *name, const char *dims, const int32_t *t,
                       const int *d, int nd, int64_t lo, int64_t hi, const char *what,
                       rs_error *err)
{
    size_t total = 1;
    for (int i = 0; i < nd; i++)
        total *= (size_t)d[i];
    for (size_t i = 0; i < total; i++) {
        if (t[i] < lo || t[i] > hi) {
            int idx[4] = {0, 0, 0, 0};
            size_t r = i;
            for (int k = nd - 1; k >= 0; k--) {
                idx[k] = (int)(r % (size_t)d[k]);
                r /= (size_t)d[k];
            }
            if (nd == 1)
                return rs_error_set(err, "golden: %s[%s=%d] = %ld is out of range %lld..%lld (%s)",
                                    name, dims, idx[0], (long)t[i], (long long)lo,
                                    (long long)hi, what);
            return rs_error_set(err,
                                "golden: %s[%c=%d,%c=%d,%c=%d,%c=%d] (flat index %zu) = %ld "
                                "is out of range %lld..%lld (%s)",
                                name, dims[0], idx[0], dims[1], idx[1], dims[2], idx[2],
                                dims[3], idx[3], i, (long)t[i], (long long)lo,
                                (long long)hi, what);
        }
    }
    return 0;
}

int rs_conv_check_inputs(const rs_shape *s, const rs_quant *q, const int32_t *ifmap, const int32_t *weights,
                         const int32_t *bias, rs_error *err)
{
    int64_t dhi = ((int64_t)1 << (q->dw - 1)) - 1, dlo = -dhi - 1;
    int64_t bhi = ((int64_t)1 << (q->pw - 1)) - 1, blo = -bhi - 1;
    char what[32];
    int di[4] = { s->N, s->C, s->H, s->W };
    int dwt[4] = { s->M, s->C / s->G, s->R, s->S };
    int db[1] = { s->M };
    snprintf(what, sizeof what, "signed %d-bit", q->dw);
    if (check_range("ifmap", "nchw", ifmap, di, 4, dlo, dhi, what, err) != 0 ||
        check_range("weights", "mcrs", weights, dwt, 4, dlo, dhi, what, err) != 0)
        return -1;
    snprintf(what, sizeof what, "signed %d-bit, pw", q->pw);
    return bias ? check_range("bias", "m", bias, db, 1, blo, bhi, what, err) : 0;
}

int rs_conv_ref(const rs_shape *s, const rs_quant *q, const int32_t *ifmap,
                const int32_t *weights, const int32_t *bias, int32_t *ofmap,
                rs_error *err)
{
    rs_shape chk;
    int Cg, Mg, P, Q, H, W, R, S, U, pad;
    int64_t *acc;
    size_t plane_in, plane_out;

    if (!s)
        return rs_error_set(err, "golden: no shape given");
    if (rs_quant_check(q, err) != 0)
        return -1;
    if (!ifmap || !weights || !ofmap)
        return rs_error_set(err, "golden: %s tensor is NULL",
                            !ifmap ? "ifmap" : !weights ? "weights" : "ofmap");
    /* Re-validate on a copy: the output layout depends on P and Q, so a
     * shape that skipped rs_shape_check must not silently index garbage. */
    chk = *s;
    if (rs_shape_check(&chk, err) != 0)
        return -1;
    if (chk.P != s->P || chk.Q != s->Q)
        return rs_error_set(err,
                            "golden: shape has P=%d,Q=%d but H,W,R,S,U,pad give P=%d,Q=%d "
                            "(run rs_shape_check first)",
                            s->P, s->Q, chk.P, chk.Q);

    Cg = chk.C / chk.G;
    Mg = chk.M / chk.G;
    P = chk.P;
    Q = chk.Q;
    H = chk.H;
    W = chk.W;
    R = chk.R;
    S = chk.S;
    U = chk.U;
    pad = chk.pad;

    if (rs_conv_check_inputs(&chk, q, ifmap, weights, bias, err) != 0)
        return -1;

    plane_in = (size_t)H * (size_t)W;

    /* Step 1a: with a threshold the layer sees a copy of the ifmap in which
     * every |x| <= thresh is 0 (|x| in int64: exact for -2^(dw-1)). */
    if (q->thresh > 0) {
        size_t n_in = (size_t)chk.N * (size_t)chk.C * plane_in;
        int32_t *xt = malloc((n_in ? n_in : 1) * sizeof *xt);
        if (!xt)
            return rs_error_set(err, "golden: out of memory for the thresholded ifmap");
        for (size_t i = 0; i < n_in; i++) {
            int64_t x = ifmap[i];
            xt[i] = (x < 0 ? -x : x) <= q->thresh ? 0 : ifmap[i];
        }
        rs_quant q0 = *q;
        q0.thresh = 0;
        int rc = rs_conv_ref(s, &q0, xt, weights, bias, ofmap, err);
        free(xt);
        return rc;
    }

    plane_out = (size_t)P * (size_t)Q;
    acc = malloc(plane_out * sizeof *acc);
    if (!acc)
        return rs_error_set(err, "golden: out of memory for a %dx%d psum plane", P, Q);

    /* Loop order n, m | c, r, s | p, q: one output plane is accumulated in
     * int64 (exact; |sum| < 2^57 for any checked shape with dw <= 16), the
     * weight is loaded once per (c, r, s), and the (p, q) ranges that hit
     * the padding are clipped up front instead of tested per MAC. */
    for (int n = 0; n < chk.N; n++) {
        for (int m = 0; m < chk.M; m++) {
            int g = m / Mg;
            int64_t b = bias ? bias[m] : 0;
            for (size_t i = 0; i < plane_out; i++)
                acc[i] = b;
            for (int cc = 0; cc < Cg; cc++) {
                const int32_t *xplane =
                    ifmap + ((size_t)n * (size_t)chk.C + (size_t)(g * Cg + cc)) * plane_in;
                const int32_t *wk =
                    weights + ((size_t)m * (size_t)Cg + (size_t)cc) * (size_t)R * (size_t)S;
                for (int r = 0; r < R; r++) {
                    /* p with 0 <= p*U + r - pad <= H-1 */
                    int p_lo = r >= pad ? 0 : (pad - r + U - 1) / U;
                    int p_hi = (H - 1 + pad - r) >= 0 ? (H - 1 + pad - r) / U : -1;
                    if (p_hi > P - 1)
                        p_hi = P - 1;
                    for (int sx = 0; sx < S; sx++) {
                        int64_t w = wk[r * S + sx];
                        int q_lo = sx >= pad ? 0 : (pad - sx + U - 1) / U;
                        int q_hi = (W - 1 + pad - sx) >= 0 ? (W - 1 + pad - sx) / U : -1;
                        int nq;
                        if (q_hi > Q - 1)
                            q_hi = Q - 1;
                        nq = q_hi - q_lo + 1;
                        if (w == 0 || nq <= 0)
                            continue; /* zero weight adds nothing */
                        for (int p = p_lo; p <= p_hi; p++) {
                            const int32_t *xr = xplane + (size_t)(p * U + r - pad) * (size_t)W +
                                                (size_t)(q_lo * U + sx - pad);
                            int64_t *ar = acc + (size_t)p * (size_t)Q + (size_t)q_lo;
                            if (U == 1) {
                                for (int k = 0; k < nq; k++)
                                    ar[k] += w * xr[k];
                            } else {
                                for (int k = 0; k < nq; k++)
                                    ar[k] += w * xr[(size_t)k * (size_t)U];
                            }
                        }
                    }
                }
            }
            {
                int32_t *o = ofmap + ((size_t)n * (size_t)chk.M + (size_t)m) * plane_out;
                for (size_t i = 0; i < plane_out; i++)
                    o[i] = requant(acc[i], q);
            }
        }
    }
    free(acc);
    return 0;
}
