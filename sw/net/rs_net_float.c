/* rs_net_float.c - the float reference of a lowered network, and the
 * buffers and helpers both executors share. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rs_net_run.h"

int rs_net_state_alloc(rs_net_state *s, const rs_net *net, int N, rs_error *err)
{
    s->N = N;
    s->acc_max = NULL;
    s->f = calloc((size_t)net->n_values, sizeof *s->f);
    s->q = calloc((size_t)net->n_values, sizeof *s->q);
    if (!s->f || !s->q) {
        rs_net_state_free(s, net);
        return rs_error_set(err, "out of memory");
    }
    for (int v = 0; v < net->n_values; v++) {
        size_t n = (size_t)N * (size_t)rs_dims_count(&net->values[v].dims);
        s->f[v] = malloc(n * sizeof *s->f[v]);
        s->q[v] = malloc(n * sizeof *s->q[v]);
        if (!s->f[v] || !s->q[v]) {
            rs_net_state_free(s, net);
            return rs_error_set(err, "out of memory for a batch of %d", N);
        }
    }
    return 0;
}

void rs_net_state_free(rs_net_state *s, const rs_net *net)
{
    for (int v = 0; s->f && v < net->n_values; v++)
        free(s->f[v]);
    for (int v = 0; s->q && v < net->n_values; v++)
        free(s->q[v]);
    free(s->f);
    free(s->q);
    s->f = NULL;
    s->q = NULL;
}

int rs_net_conv_shape(const rs_net *net, int k, int N, rs_shape *shape, rs_error *err)
{
    const rs_node *nd = &net->nodes[k];
    const rs_dims *x = &net->values[nd->in[0]].dims;
    rs_error why;
    *shape = (rs_shape){ .N = N, .C = nd->C, .M = nd->M, .H = 1, .W = 1, .R = nd->R, .S = nd->S, .U = nd->U,
                         .pad = nd->pad, .G = nd->G };
    if (!nd->fc)
        shape->H = (int)x->d[1], shape->W = (int)x->d[2];
    if (rs_shape_check(shape, &why))
        return rs_error_set(err, "node %s (%s): %s", nd->name, nd->op, why.msg);
    return 0;
}

int rs_argmax(const float *v, int64_t n)
{
    int best = 0;
    for (int64_t i = 1; i < n; i++)
        if (v[i] > v[best])
            best = (int)i;
    return best;
}

void rs_net_observe(const rs_net *net, const rs_net_state *s, double *maxabs)
{
    for (int v = 0; v < net->n_values; v++) {
        size_t n = (size_t)s->N * (size_t)rs_dims_count(&net->values[v].dims);
        for (size_t i = 0; i < n; i++)
            if (fabs(s->f[v][i]) > maxabs[v])
                maxabs[v] = fabs(s->f[v][i]);
    }
}

static void conv_float(const rs_node *nd, const rs_shape *sh, const float *x, float *y, double *acc_max)
{
    int cg = sh->C / sh->G, mg = sh->M / sh->G;
    for (int n = 0; n < sh->N; n++)
        for (int m = 0; m < sh->M; m++) {
            float *out = y + ((size_t)n * sh->M + m) * sh->P * sh->Q;
            for (int i = 0; i < sh->P * sh->Q; i++)
                out[i] = nd->b ? nd->b[m] : 0.0f;
            for (int c = 0; c < cg; c++) {
                const float *in = x + ((size_t)n * sh->C + (size_t)(m / mg) * cg + c) * sh->H * sh->W;
                for (int r = 0; r < sh->R; r++)
                    for (int s = 0; s < sh->S; s++) {
                        float w = nd->w[(((size_t)m * cg + c) * sh->R + r) * sh->S + s];
                        for (int p = 0; p < sh->P; p++) {
                            int h = p * sh->U - sh->pad + r;
                            if (h < 0 || h >= sh->H)
                                continue;
                            for (int q = 0; q < sh->Q; q++) {
                                int wi = q * sh->U - sh->pad + s;
                                if (wi >= 0 && wi < sh->W)
                                    out[p * sh->Q + q] += w * in[h * sh->W + wi];
                            }
                        }
                    }
            }
            for (int i = 0; acc_max && i < sh->P * sh->Q; i++)
                *acc_max = fmax(*acc_max, fabs(out[i]));
            if (nd->relu)
                for (int i = 0; i < sh->P * sh->Q; i++)
                    out[i] = out[i] > 0.0f ? out[i] : 0.0f;
        }
}

static void pool_float(const rs_node *nd, const rs_dims *xd, const rs_dims *yd, int N, const float *x, float *y)
{
    int H = (int)xd->d[1], W = (int)xd->d[2], P = (int)yd->d[1], Q = (int)yd->d[2];
    for (int64_t plane = 0; plane < (int64_t)N * xd->d[0]; plane++)
        for (int p = 0; p < P; p++)
            for (int q = 0; q < Q; q++) {
                float acc = nd->kind == RS_NODE_MAXPOOL ? -INFINITY : 0.0f;
                int cnt = 0, valid = 0;
                for (int r = 0; r < nd->kh; r++)
                    for (int s = 0; s < nd->kw; s++) {
                        int h = p * nd->sh - nd->pt + r, w = q * nd->sw - nd->pl + s;
                        if (h >= H + nd->pb || w >= W + nd->pr)
                            continue;   /* ceil mode: past the padded map */
                        if (h < 0 || w < 0 || h >= H || w >= W) {
                            cnt += nd->count_pad;
                            continue;
                        }
                        float v = x[plane * H * W + h * W + w];
                        acc = nd->kind == RS_NODE_MAXPOOL ? (v > acc ? v : acc) : acc + v;
                        cnt++;
                        valid++;
                    }
                if (!valid)   /* a ceil-mode window wholly past the map */
                    acc = 0.0f;
                y[plane * P * Q + p * Q + q] = nd->kind == RS_NODE_MAXPOOL ? acc : acc / (float)(cnt ? cnt : 1);
            }
}

/* Concat along per-image axis a of equal-rank inputs: outer x (d[a] x inner) blocks. */
static void concat_float(const rs_net *net, const rs_node *nd, int N, float *const *f)
{
    const rs_dims *yd = &net->values[nd->out].dims;
    int64_t inner = 1, outer = N, off = 0;
    for (int i = nd->axis + 1; i < yd->rank; i++)
        inner *= yd->d[i];
    for (int i = 0; i < nd->axis; i++)
        outer *= yd->d[i];
    for (int k = 0; k < nd->n_in; k++) {
        int64_t len = net->values[nd->in[k]].dims.d[nd->axis] * inner;
        for (int64_t o = 0; o < outer; o++)
            memcpy(f[nd->out] + o * yd->d[nd->axis] * inner + off, f[nd->in[k]] + o * len, (size_t)len * sizeof(float));
        off += len;
    }
}

void rs_softmax_rows(const float *x, float *y, int64_t rows, int64_t len)
{
    for (int64_t r = 0; r < rows; r++) {
        const float *a = x + r * len;
        float *b = y + r * len, mx = a[0];
        double sum = 0;
        for (int64_t i = 1; i < len; i++)
            mx = a[i] > mx ? a[i] : mx;
        for (int64_t i = 0; i < len; i++)
            sum += (b[i] = expf(a[i] - mx));
        for (int64_t i = 0; i < len; i++)
            b[i] = (float)(b[i] / sum);
    }
}

int rs_net_run_float(const rs_net *net, rs_net_state *s, rs_error *err)
{
    for (int k = 0; k < net->n_nodes; k++) {
        const rs_node *nd = &net->nodes[k];
        const rs_dims *xd = &net->values[nd->in[0]].dims, *yd = &net->values[nd->out].dims;
        const float *x = s->f[nd->in[0]];
        float *y = s->f[nd->out];
        int64_t n = (int64_t)s->N * rs_dims_count(yd);
        rs_shape sh;
        switch (nd->kind) {
        case RS_NODE_CONV:
            if (rs_net_conv_shape(net, k, s->N, &sh, err))
                return -1;
            conv_float(nd, &sh, x, y, s->acc_max ? &s->acc_max[k] : NULL);
            break;
        case RS_NODE_RELU:
            for (int64_t i = 0; i < n; i++)
                y[i] = x[i] > 0.0f ? x[i] : 0.0f;
            break;
        case RS_NODE_MAXPOOL:
        case RS_NODE_AVGPOOL:
            pool_float(nd, xd, yd, s->N, x, y);
            break;
        case RS_NODE_RESHAPE:
            memcpy(y, x, (size_t)n * sizeof *y);
            break;
        case RS_NODE_ADD:
            for (int64_t i = 0; i < n; i++)
                y[i] = x[i] + s->f[nd->in[1]][i];
            break;
        case RS_NODE_CONCAT:
            concat_float(net, nd, s->N, s->f);
            break;
        case RS_NODE_SOFTMAX:
            rs_softmax_rows(x, y, n / yd->d[yd->rank - 1], yd->d[yd->rank - 1]);
            break;
        }
    }
    return 0;
}
