/* rs_net_quant.c - a lowered network in the accelerator's fixed point:
 * power-of-two scales from calibration, weights and bias quantized, and the
 * run (CONV through the golden reference or the accelerator, host
 * operators in integers). rs_net_run.h states the rules. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rs_net_run.h"

#define FRAC_MIN (-32)
#define FRAC_MAX 40

/* The largest frac with |x| * 2^frac <= 2^(dw-1) - 1 for |x| <= maxabs. */
static int frac_for(double maxabs, int dw)
{
    double qmax = (double)((1 << (dw - 1)) - 1);
    if (!(maxabs > 0))
        return dw - 1;
    int f = (int)floor(log2(qmax / maxabs));
    while (f > FRAC_MIN && ldexp(maxabs, f) > qmax)   /* log2's rounding */
        f--;
    return f < FRAC_MIN ? FRAC_MIN : f > FRAC_MAX ? FRAC_MAX : f;
}

static int64_t quantize(double x, int frac, int64_t lo, int64_t hi)
{
    double v = floor(ldexp(x, frac) + 0.5);
    return v < (double)lo ? lo : v > (double)hi ? hi : (int64_t)v;
}

/* v at scale `from` to scale `to`, rounding half up (the chip's rule). */
static int64_t rescale(int64_t v, int from, int to)
{
    if (to >= from)
        return to - from > 40 ? 0 : v * ((int64_t)1 << (to - from));
    int k = from - to;
    if (k > 62)
        return 0;
    return (v + ((int64_t)1 << (k - 1))) >> k;
}

static int32_t sat(int64_t v, int dw)
{
    int64_t hi = ((int64_t)1 << (dw - 1)) - 1;
    return (int32_t)(v > hi ? hi : v < -hi - 1 ? -hi - 1 : v);
}

void rs_qnet_free(rs_qnet *qn, const rs_net *net)
{
    for (int k = 0; k < net->n_nodes && qn->w; k++) {
        free(qn->w[k]);
        free(qn->b[k]);
    }
    free(qn->w);
    free(qn->b);
    free(qn->frac);
    free(qn->wfrac);
    free(qn->quant);
    memset(qn, 0, sizeof *qn);
}

/* Weights and bias of CONV node k at the largest scale whose accumulators
 * cannot leave pw bits; the node's shift and the output's frac. */
static int quant_conv(const rs_net *net, int k, const rs_calib *cal, rs_qnet *qn, rs_error *err)
{
    const rs_node *nd = &net->nodes[k];
    size_t per = (size_t)(nd->C / nd->G) * nd->R * nd->S, nw = per * (size_t)nd->M;
    int64_t qmax = ((int64_t)1 << (qn->dw - 1)) - 1, amax = ((int64_t)1 << (qn->pw - 1)) - 1;
    double wmax = 0;
    for (size_t i = 0; i < nw; i++)
        wmax = fmax(wmax, fabs(nd->w[i]));
    int fi = qn->frac[nd->in[0]], fw = frac_for(wmax, qn->dw);
    qn->w[k] = malloc(nw * sizeof *qn->w[k]);
    qn->b[k] = nd->b ? malloc((size_t)nd->M * sizeof *qn->b[k]) : NULL;
    if (!qn->w[k] || (nd->b && !qn->b[k]))
        return rs_error_set(err, "out of memory");
    /* the calibrated accumulator, with a margin, and every bias within pw bits */
    for (;; fw--) {
        int fits = ldexp(cal->acc_max[k] * RS_ACC_MARGIN, fi + fw) <= (double)amax;
        for (int m = 0; fits && nd->b && m < nd->M; m++)
            fits = fabs(floor(ldexp(nd->b[m], fi + fw) + 0.5)) <= (double)amax;
        if (fits)
            break;
        if (fw <= FRAC_MIN)
            return rs_error_set(err, "node %s (%s): no weight scale keeps the accumulator within %d bits", nd->name,
                                nd->op, qn->pw);
    }
    for (size_t i = 0; i < nw; i++)
        qn->w[k][i] = (int32_t)quantize(nd->w[i], fw, -qmax - 1, qmax);
    for (int m = 0; nd->b && m < nd->M; m++)
        qn->b[k][m] = (int32_t)quantize(nd->b[m], fi + fw, -amax - 1, amax);
    int fo = frac_for(cal->maxabs[nd->out], qn->dw);
    int shift = fi + fw - fo;
    if (shift < 0)
        shift = 0;
    if (shift > qn->pw)
        shift = qn->pw;
    qn->wfrac[k] = fw;
    qn->frac[nd->out] = fi + fw - shift;
    qn->quant[k] = (rs_quant){ .dw = qn->dw, .pw = qn->pw, .shift = shift, .relu = nd->relu };
    return 0;
}

int rs_qnet_build(const rs_net *net, const rs_calib *cal, int dw, int pw, rs_qnet *qn, rs_error *err)
{
    memset(qn, 0, sizeof *qn);
    qn->dw = dw, qn->pw = pw;
    qn->frac = calloc((size_t)net->n_values, sizeof *qn->frac);
    qn->wfrac = calloc((size_t)net->n_nodes, sizeof *qn->wfrac);
    qn->w = calloc((size_t)net->n_nodes, sizeof *qn->w);
    qn->b = calloc((size_t)net->n_nodes, sizeof *qn->b);
    qn->quant = calloc((size_t)net->n_nodes, sizeof *qn->quant);
    if (!qn->frac || !qn->wfrac || !qn->w || !qn->b || !qn->quant) {
        rs_qnet_free(qn, net);
        return rs_error_set(err, "out of memory");
    }
    for (int i = 0; i < net->n_inputs; i++)
        qn->frac[net->inputs[i]] = frac_for(cal->maxabs[net->inputs[i]], dw);
    for (int k = 0; k < net->n_nodes; k++) {
        const rs_node *nd = &net->nodes[k];
        int fo = qn->frac[nd->in[0]];
        switch (nd->kind) {
        case RS_NODE_CONV:
            if (quant_conv(net, k, cal, qn, err)) {
                rs_qnet_free(qn, net);
                return -1;
            }
            continue;
        case RS_NODE_ADD:
            fo = frac_for(cal->maxabs[nd->out], dw);
            break;
        case RS_NODE_CONCAT:
            for (int i = 1; i < nd->n_in; i++)
                fo = qn->frac[nd->in[i]] < fo ? qn->frac[nd->in[i]] : fo;
            break;
        case RS_NODE_SOFTMAX:
            fo = frac_for(1.0, dw);
            break;
        default:
            break;
        }
        qn->frac[nd->out] = fo;
    }
    return 0;
}

static int conv_golden(void *ctx, const rs_net *net, int node, const rs_shape *s, const rs_quant *q,
                       const int32_t *x, const int32_t *w, const int32_t *b, int32_t *y, rs_error *err)
{
    (void)ctx;
    (void)net;
    (void)node;
    return rs_conv_ref(s, q, x, w, b, y, err);
}

/* Max and average pooling in integers (average: rounded half up). */
static void pool_int(const rs_node *nd, const rs_dims *xd, const rs_dims *yd, int N, const int32_t *x, int32_t *y)
{
    int H = (int)xd->d[1], W = (int)xd->d[2], P = (int)yd->d[1], Q = (int)yd->d[2];
    for (int64_t plane = 0; plane < (int64_t)N * xd->d[0]; plane++)
        for (int p = 0; p < P; p++)
            for (int q = 0; q < Q; q++) {
                int64_t acc = nd->kind == RS_NODE_MAXPOOL ? INT64_MIN : 0;
                int cnt = 0, valid = 0;
                for (int r = 0; r < nd->kh; r++)
                    for (int s = 0; s < nd->kw; s++) {
                        int h = p * nd->sh - nd->pt + r, w = q * nd->sw - nd->pl + s;
                        if (h >= H + nd->pb || w >= W + nd->pr)
                            continue;
                        if (h < 0 || w < 0 || h >= H || w >= W) {
                            cnt += nd->count_pad;
                            continue;
                        }
                        int64_t v = x[plane * H * W + h * W + w];
                        acc = nd->kind == RS_NODE_MAXPOOL ? (v > acc ? v : acc) : acc + v;
                        cnt++;
                        valid++;
                    }
                if (!valid)   /* a ceil-mode window wholly past the map */
                    acc = 0;
                if (nd->kind == RS_NODE_AVGPOOL) {
                    int64_t d = cnt ? cnt : 1, num = 2 * acc + d, den = 2 * d;
                    acc = num >= 0 ? num / den : -((-num + den - 1) / den);   /* floor */
                }
                y[plane * P * Q + p * Q + q] = (int32_t)acc;
            }
}

static void concat_int(const rs_net *net, const rs_qnet *qn, const rs_node *nd, int N, int32_t *const *q)
{
    const rs_dims *yd = &net->values[nd->out].dims;
    int64_t inner = 1, outer = N, off = 0;
    int fo = qn->frac[nd->out];
    for (int i = nd->axis + 1; i < yd->rank; i++)
        inner *= yd->d[i];
    for (int i = 0; i < nd->axis; i++)
        outer *= yd->d[i];
    for (int k = 0; k < nd->n_in; k++) {
        int64_t len = net->values[nd->in[k]].dims.d[nd->axis] * inner;
        int fi = qn->frac[nd->in[k]];
        for (int64_t o = 0; o < outer; o++)
            for (int64_t i = 0; i < len; i++)
                q[nd->out][o * yd->d[nd->axis] * inner + off + i] =
                    sat(rescale(q[nd->in[k]][o * len + i], fi, fo), qn->dw);
        off += len;
    }
}

int rs_qnet_run(const rs_net *net, const rs_qnet *qn, rs_net_state *s, rs_conv_fn conv, void *ctx, rs_error *err)
{
    int64_t qmax = ((int64_t)1 << (qn->dw - 1)) - 1;
    if (!conv)
        conv = conv_golden;
    for (int i = 0; i < net->n_inputs; i++) {
        int v = net->inputs[i];
        int64_t n = (int64_t)s->N * rs_dims_count(&net->values[v].dims);
        for (int64_t k = 0; k < n; k++)
            s->q[v][k] = (int32_t)quantize(s->f[v][k], qn->frac[v], -qmax - 1, qmax);
    }
    for (int k = 0; k < net->n_nodes; k++) {
        const rs_node *nd = &net->nodes[k];
        const rs_dims *xd = &net->values[nd->in[0]].dims, *yd = &net->values[nd->out].dims;
        const int32_t *x = s->q[nd->in[0]];
        int32_t *y = s->q[nd->out];
        int64_t n = (int64_t)s->N * rs_dims_count(yd);
        int fi = qn->frac[nd->in[0]], fo = qn->frac[nd->out];
        rs_shape sh;
        switch (nd->kind) {
        case RS_NODE_CONV:
            if (rs_net_conv_shape(net, k, s->N, &sh, err) ||
                conv(ctx, net, k, &sh, &qn->quant[k], x, qn->w[k], qn->b[k], y, err))
                return -1;
            break;
        case RS_NODE_RELU:
            for (int64_t i = 0; i < n; i++)
                y[i] = x[i] > 0 ? x[i] : 0;
            break;
        case RS_NODE_MAXPOOL:
        case RS_NODE_AVGPOOL:
            pool_int(nd, xd, yd, s->N, x, y);
            break;
        case RS_NODE_RESHAPE:
            memcpy(y, x, (size_t)n * sizeof *y);
            break;
        case RS_NODE_ADD:
            for (int64_t i = 0; i < n; i++)
                y[i] = sat(rescale(x[i], fi, fo) + rescale(s->q[nd->in[1]][i], qn->frac[nd->in[1]], fo), qn->dw);
            break;
        case RS_NODE_CONCAT:
            concat_int(net, qn, nd, s->N, s->q);
            break;
        case RS_NODE_SOFTMAX: {
            int64_t len = yd->d[yd->rank - 1];
            float *tmp = s->f[nd->out];
            for (int64_t i = 0; i < n; i++)
                tmp[i] = (float)ldexp(x[i], -fi);
            rs_softmax_rows(tmp, tmp, n / len, len);
            for (int64_t i = 0; i < n; i++)
                y[i] = (int32_t)quantize(tmp[i], fo, -qmax - 1, qmax);
            break;
        }
        }
    }
    int v = net->output;
    int64_t n = (int64_t)s->N * rs_dims_count(&net->values[v].dims);
    for (int64_t i = 0; i < n; i++)
        s->f[v][i] = (float)ldexp(s->q[v][i], -qn->frac[v]);
    return 0;
}
