/* rs_onnx_ops.c - one lowering per ONNX operator into rs_net nodes.
 *
 * Each operator lists the attributes it understands; any other attribute,
 * and any value of a known one that cannot be run, refuses the node with
 * one line: "node NAME (OP): attribute ATTR=VALUE: why". */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rs_onnx_int.h"
#include "rs_shape.h"

static const char *node_name(const Onnx__NodeProto *n)
{
    if (n->name && *n->name)
        return n->name;
    return n->n_output ? n->output[0] : "?";
}

#define REFUSE(err, n, ...) refuse(err, n, __VA_ARGS__)
static int refuse(rs_error *err, const Onnx__NodeProto *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int refuse(rs_error *err, const Onnx__NodeProto *n, const char *fmt, ...)
{
    char why[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return rs_error_set(err, "node %.60s (%.30s): %s", node_name(n), n->op_type ? n->op_type : "", why);
}

static const Onnx__AttributeProto *attr(const Onnx__NodeProto *n, const char *name)
{
    for (size_t i = 0; i < n->n_attribute; i++)
        if (n->attribute[i]->name && !strcmp(n->attribute[i]->name, name))
            return n->attribute[i];
    return NULL;
}

static int64_t attr_int(const Onnx__NodeProto *n, const char *name, int64_t def)
{
    const Onnx__AttributeProto *a = attr(n, name);
    return a && a->has_i ? a->i : def;
}

static float attr_float(const Onnx__NodeProto *n, const char *name, float def)
{
    const Onnx__AttributeProto *a = attr(n, name);
    return a && a->has_f ? a->f : def;
}

/* the ints of name into v (up to max); their count, 0 when absent */
static int attr_ints(const Onnx__NodeProto *n, const char *name, int64_t *v, int max)
{
    const Onnx__AttributeProto *a = attr(n, name);
    if (!a)
        return 0;
    int k = (int)(a->n_ints < (size_t)max ? a->n_ints : (size_t)max);
    for (int i = 0; i < k; i++)
        v[i] = a->ints[i];
    return (int)a->n_ints;
}

static void attr_str(const Onnx__NodeProto *n, const char *name, char *buf, size_t len, const char *def)
{
    const Onnx__AttributeProto *a = attr(n, name);
    if (a && a->has_s)
        snprintf(buf, len, "%.*s", (int)a->s.len, (const char *)a->s.data);
    else
        snprintf(buf, len, "%s", def);
}

static const char *ints_text(const int64_t *v, int k, char *buf, size_t len)
{
    size_t u = 0;
    buf[0] = '\0';
    for (int i = 0; i < k && u < len; i++)
        u += (size_t)snprintf(buf + u, len - u, "%s%lld", i ? "," : "", (long long)v[i]);
    return buf;
}

/* Every attribute of n is in the list (space-separated names). */
static int known_attrs(const Onnx__NodeProto *n, const char *list, rs_error *err)
{
    for (size_t i = 0; i < n->n_attribute; i++) {
        const char *a = n->attribute[i]->name ? n->attribute[i]->name : "";
        size_t len = strlen(a);
        const char *p = list;
        int found = 0;
        while (!found && (p = strstr(p, a)) && len) {
            found = (p == list || p[-1] == ' ') && (p[len] == ' ' || !p[len]);
            p += len;
        }
        if (!found)
            return REFUSE(err, n, "attribute %s: not supported", a);
    }
    return 0;
}

/* The activation at input i (a value of the graph, not a constant). */
static int value_in(onnx_ctx *c, const Onnx__NodeProto *n, size_t i, rs_error *err)
{
    if (i >= n->n_input || !*n->input[i])
        return REFUSE(err, n, "input %zu is missing", i);
    int v = rs_net_find_value(c->net, n->input[i]);
    if (v >= 0)
        return v;
    if (onnx_const(c, n->input[i]))
        return REFUSE(err, n, "input '%s': a constant where this operator takes an activation", n->input[i]);
    return REFUSE(err, n, "input '%s': neither an initializer nor an earlier node's output", n->input[i]);
}

/* The constant at input i; NULL with err set when it is not one. */
static const rs_onnx_tensor *const_in(onnx_ctx *c, const Onnx__NodeProto *n, size_t i, rs_error *err)
{
    const rs_onnx_tensor *t = i < n->n_input && *n->input[i] ? onnx_const(c, n->input[i]) : NULL;
    if (!t)
        REFUSE(err, n, "input %zu '%s': no initializer of that name (a missing initializer)", i,
               i < n->n_input ? n->input[i] : "");
    return t;
}

int onnx_const_slot(const char *op, int i)
{
    if (!op)   /* op_type is optional in the schema */
        return 0;
    if (!strcmp(op, "Conv") || !strcmp(op, "Gemm"))
        return i >= 1;
    if (!strcmp(op, "MatMul") || !strcmp(op, "Reshape"))
        return i == 1;
    if (!strcmp(op, "BatchNormalization"))
        return i >= 1;
    return 0;
}

/* Append node nd writing a new value called out; infer its dims. */
static int add_node(onnx_ctx *c, const Onnx__NodeProto *n, rs_node *nd, const rs_dims *out_dims, rs_error *err)
{
    rs_net *net = c->net;
    if (n->n_output < 1 || !*n->output[0])
        return REFUSE(err, n, "no output");
    for (size_t i = 1; i < n->n_output; i++)
        if (*n->output[i])
            return REFUSE(err, n, "output %zu '%s': only the first output is computed", i, n->output[i]);
    snprintf(nd->name, sizeof nd->name, "%s", node_name(n));
    snprintf(nd->op, sizeof nd->op, "%s", n->op_type ? n->op_type : "");
    rs_node *nodes = realloc(net->nodes, (size_t)(net->n_nodes + 1) * sizeof *nodes);
    if (!nodes)
        return rs_error_set(err, "out of memory");
    net->nodes = nodes;
    nd->out = rs_net_add_value(net, n->output[0], out_dims, net->n_nodes);
    if (nd->out < 0)
        return rs_error_set(err, "out of memory");
    net->nodes[net->n_nodes++] = *nd;
    memset(nd, 0, sizeof *nd);   /* the net owns the weights now */
    return rs_net_infer_node(net, net->n_nodes - 1, err);
}

/* SAME_UPPER/SAME_LOWER: padding before and after so that out = ceil(in/stride). */
static void same_pads(int64_t in, int k, int s, int lower, int *before, int *after)
{
    int64_t out = (in + s - 1) / s, total = (out - 1) * s + k - in;
    if (total < 0)
        total = 0;
    *before = (int)(lower ? total - total / 2 : total / 2);
    *after = (int)total - *before;
}

/* kernel_shape, strides, pads, dilations and auto_pad of Conv and the pools
 * over a (C,H,W) input x: kernel kh x kw, strides, pads t,l,b,r. */
static int window_attrs(const Onnx__NodeProto *n, const rs_dims *x, rs_node *nd, rs_error *err)
{
    int64_t v[8], k[2] = { nd->kh, nd->kw }, s[2] = { 1, 1 }, p[4] = { 0, 0, 0, 0 };
    char buf[64], pad[32];
    if (x->rank != 3)
        return REFUSE(err, n, "input of rank %d: only 2-D maps (N,C,H,W)", x->rank + 1);
    int nk = attr_ints(n, "kernel_shape", v, 8);
    if (nk && nk != 2)
        return REFUSE(err, n, "attribute kernel_shape=%s: only 2-D kernels", ints_text(v, nk < 8 ? nk : 8, buf, sizeof buf));
    if (nk)
        k[0] = v[0], k[1] = v[1];
    if (attr_ints(n, "dilations", v, 8) && (v[0] != 1 || v[1] != 1))
        return REFUSE(err, n, "attribute dilations=%s: only 1 (no dilation)", ints_text(v, 2, buf, sizeof buf));
    int ns = attr_ints(n, "strides", v, 8);
    if (ns && ns != 2)
        return REFUSE(err, n, "attribute strides: %d values for a 2-D window", ns);
    if (ns)
        s[0] = v[0], s[1] = v[1];
    int np = attr_ints(n, "pads", p, 4);
    if (np && np != 4)
        return REFUSE(err, n, "attribute pads: %d values for a 2-D window", np);
    attr_str(n, "auto_pad", pad, sizeof pad, "NOTSET");
    for (int i = 0; i < 2; i++)
        if (k[i] < 1 || k[i] > 64 || s[i] < 1 || s[i] > 64)
            return REFUSE(err, n, "attribute %s=%lld: out of range 1..64", k[i] < 1 || k[i] > 64 ? "kernel_shape" : "strides",
                          (long long)(k[i] < 1 || k[i] > 64 ? k[i] : s[i]));
    for (int i = 0; i < 4; i++)
        if (p[i] < 0 || p[i] > 64)
            return REFUSE(err, n, "attribute pads=%s: out of range 0..64", ints_text(p, 4, buf, sizeof buf));
    nd->kh = (int)k[0], nd->kw = (int)k[1], nd->sh = (int)s[0], nd->sw = (int)s[1];
    nd->pt = (int)p[0], nd->pl = (int)p[1], nd->pb = (int)p[2], nd->pr = (int)p[3];
    if (!strcmp(pad, "VALID")) {
        nd->pt = nd->pl = nd->pb = nd->pr = 0;
    } else if (!strcmp(pad, "SAME_UPPER") || !strcmp(pad, "SAME_LOWER")) {
        int lower = pad[5] == 'L';
        same_pads(x->d[1], nd->kh, nd->sh, lower, &nd->pt, &nd->pb);
        same_pads(x->d[2], nd->kw, nd->sw, lower, &nd->pl, &nd->pr);
    } else if (strcmp(pad, "NOTSET")) {
        return REFUSE(err, n, "attribute auto_pad=%s: not an ONNX value", pad);
    }
    return 0;
}

static int lower_conv(onnx_ctx *c, const Onnx__NodeProto *n, rs_error *err)
{
    rs_node nd = { .kind = RS_NODE_CONV };
    char buf[64];
    if (known_attrs(n, "auto_pad dilations group kernel_shape pads strides", err))
        return -1;
    int x = value_in(c, n, 0, err);
    const rs_onnx_tensor *w = x < 0 ? NULL : const_in(c, n, 1, err);
    const rs_onnx_tensor *b = n->n_input > 2 && *n->input[2] ? const_in(c, n, 2, err) : NULL;
    if (!w || (n->n_input > 2 && *n->input[2] && !b))
        return -1;
    const rs_dims *xd = &c->net->values[x].dims;
    if (w->ndim == 4 && (w->dims[0] > RS_SHAPE_CM_MAX || xd->d[0] > RS_SHAPE_CM_MAX))
        return REFUSE(err, n, "more than %d channels", RS_SHAPE_CM_MAX);
    if (w->ndim != 4)
        return REFUSE(err, n, "weights '%s' of rank %d: only 2-D convolutions (rank 4)", w->name, w->ndim);
    nd.kh = (int)w->dims[2], nd.kw = (int)w->dims[3];
    if (window_attrs(n, xd, &nd, err))
        return -1;
    int64_t g = attr_int(n, "group", 1);
    if (nd.kh != w->dims[2] || nd.kw != w->dims[3])
        return REFUSE(err, n, "attribute kernel_shape=%d,%d: the weights are %lldx%lld", nd.kh, nd.kw,
                      (long long)w->dims[2], (long long)w->dims[3]);
    if (nd.sh != nd.sw)
        return REFUSE(err, n, "attribute strides=%d,%d: only equal strides (the array's U)", nd.sh, nd.sw);
    if (nd.pt != nd.pb || nd.pl != nd.pr || nd.pt != nd.pl) {
        int64_t p[4] = { nd.pt, nd.pl, nd.pb, nd.pr };
        return REFUSE(err, n, "attribute pads=%s: asymmetric padding (the array pads every side alike)",
                      ints_text(p, 4, buf, sizeof buf));
    }
    if (g < 1 || xd->d[0] % g || w->dims[0] % g || w->dims[1] * g != xd->d[0])
        return REFUSE(err, n, "attribute group=%lld: does not fit %lld input and %lld output channels", (long long)g,
                      (long long)xd->d[0], (long long)w->dims[0]);
    if (b && b->n != w->dims[0])
        return REFUSE(err, n, "bias '%s' of %lld values for %lld outputs", b->name, (long long)b->n,
                      (long long)w->dims[0]);
    nd.C = (int)xd->d[0], nd.M = (int)w->dims[0], nd.R = nd.kh, nd.S = nd.kw, nd.U = nd.sh, nd.pad = nd.pt;
    nd.G = (int)g;
    nd.in[0] = x, nd.n_in = 1;
    nd.w = malloc((size_t)w->n * sizeof *nd.w);
    nd.b = b ? malloc((size_t)b->n * sizeof *nd.b) : NULL;
    if (!nd.w || (b && !nd.b)) {
        free(nd.w);
        free(nd.b);
        return rs_error_set(err, "out of memory");
    }
    memcpy(nd.w, w->data, (size_t)w->n * sizeof *nd.w);
    if (b)
        memcpy(nd.b, b->data, (size_t)b->n * sizeof *nd.b);
    if (add_node(c, n, &nd, NULL, err)) {
        free(nd.w);
        free(nd.b);
        return -1;
    }
    return 0;
}

/* Gemm and MatMul: y = alpha * A.B' + beta * C over A (N,K): a 1x1
 * convolution of K channels into M. */
static int lower_fc(onnx_ctx *c, const Onnx__NodeProto *n, int gemm, rs_error *err)
{
    rs_node nd = { .kind = RS_NODE_CONV, .fc = 1, .R = 1, .S = 1, .U = 1, .G = 1 };
    if (known_attrs(n, gemm ? "alpha beta transA transB" : "", err))
        return -1;
    int x = value_in(c, n, 0, err);
    const rs_onnx_tensor *bt = x < 0 ? NULL : const_in(c, n, 1, err);
    const rs_onnx_tensor *ct = gemm && n->n_input > 2 && *n->input[2] ? const_in(c, n, 2, err) : NULL;
    if (!bt || (gemm && n->n_input > 2 && *n->input[2] && !ct))
        return -1;
    const rs_dims *xd = &c->net->values[x].dims;
    if (xd->rank != 1)
        return REFUSE(err, n, "input A of rank %d: only (N,K) matrices (the rows are the batch)", xd->rank + 1);
    if (attr_int(n, "transA", 0))
        return REFUSE(err, n, "attribute transA=1: the rows of A must be the batch");
    int tb = (int)attr_int(n, "transB", 0);
    float alpha = attr_float(n, "alpha", 1.0f), beta = attr_float(n, "beta", 1.0f);
    if (bt->ndim != 2)
        return REFUSE(err, n, "input B of rank %d: only a matrix", bt->ndim);
    int64_t K = tb ? bt->dims[1] : bt->dims[0], M = tb ? bt->dims[0] : bt->dims[1];
    if (K > RS_SHAPE_CM_MAX || M > RS_SHAPE_CM_MAX)
        return REFUSE(err, n, "input B is %lldx%lld: more than %d inputs or outputs", (long long)bt->dims[0],
                      (long long)bt->dims[1], RS_SHAPE_CM_MAX);
    if (K != xd->d[0])
        return REFUSE(err, n, "input B is %lldx%lld: does not fit A's %lld columns", (long long)bt->dims[0],
                      (long long)bt->dims[1], (long long)xd->d[0]);
    if (ct && ct->n != 1 && ct->n != M)
        return REFUSE(err, n, "input C of %lld values: only a bias per output (%lld) or a scalar (not per row)",
                      (long long)ct->n, (long long)M);
    nd.C = (int)K, nd.M = (int)M, nd.kh = nd.kw = 1;
    nd.in[0] = x, nd.n_in = 1;
    nd.w = malloc((size_t)(K * M) * sizeof *nd.w);
    nd.b = ct ? malloc((size_t)M * sizeof *nd.b) : NULL;
    if (!nd.w || (ct && !nd.b)) {
        free(nd.w);
        free(nd.b);
        return rs_error_set(err, "out of memory");
    }
    for (int64_t m = 0; m < M; m++) {
        for (int64_t k = 0; k < K; k++)
            nd.w[m * K + k] = alpha * bt->data[tb ? m * K + k : k * M + m];
        if (ct)
            nd.b[m] = beta * ct->data[ct->n == 1 ? 0 : m];
    }
    if (add_node(c, n, &nd, NULL, err)) {
        free(nd.w);
        free(nd.b);
        return -1;
    }
    return 0;
}

/* The CONV node producing value v, if v has no other consumer (so it can
 * be changed in place), else NULL. */
static rs_node *sole_conv(onnx_ctx *c, int v, const char *name)
{
    int p = c->net->values[v].producer;
    if (p < 0 || c->net->nodes[p].kind != RS_NODE_CONV || onnx_uses(c, name) != 1)
        return NULL;
    return &c->net->nodes[p];
}

/* The conv now writes the value called out (BN or Relu folded into it). */
static void rename_output(onnx_ctx *c, rs_node *conv, const char *out)
{
    snprintf(c->net->values[conv->out].name, RS_NET_NAME, "%s", out);
}

static int lower_bn(onnx_ctx *c, const Onnx__NodeProto *n, rs_error *err)
{
    if (known_attrs(n, "epsilon momentum training_mode spatial", err))
        return -1;
    if (attr_int(n, "training_mode", 0))
        return REFUSE(err, n, "attribute training_mode=1: only inference");
    int x = value_in(c, n, 0, err);
    if (x < 0)
        return -1;
    const rs_onnx_tensor *t[4];
    for (int i = 0; i < 4; i++)
        if (!(t[i] = const_in(c, n, (size_t)i + 1, err)))
            return -1;
    rs_node *cv = sole_conv(c, x, n->input[0]);
    if (!cv || cv->relu)
        return REFUSE(err, n, "input '%s': not the only use of a Conv's output (it is folded into that Conv)",
                      n->input[0]);
    for (int i = 0; i < 4; i++)
        if (t[i]->n != cv->M)
            return REFUSE(err, n, "input '%s' of %lld values for %d channels", t[i]->name, (long long)t[i]->n, cv->M);
    for (size_t i = 1; i < n->n_output; i++)
        if (*n->output[i])
            return REFUSE(err, n, "output %zu '%s': only the first output is computed", i, n->output[i]);
    if (!cv->b && !(cv->b = calloc((size_t)cv->M, sizeof *cv->b)))
        return rs_error_set(err, "out of memory");
    float eps = attr_float(n, "epsilon", 1e-5f);
    size_t per = (size_t)(cv->C / cv->G) * cv->R * cv->S;
    for (int m = 0; m < cv->M; m++) {
        double k = t[0]->data[m] / sqrt((double)t[3]->data[m] + eps);
        for (size_t i = 0; i < per; i++)
            cv->w[m * per + i] = (float)(cv->w[m * per + i] * k);
        cv->b[m] = (float)((cv->b[m] - t[2]->data[m]) * k + t[1]->data[m]);
    }
    rename_output(c, cv, n->output[0]);
    return 0;
}

static int lower_relu(onnx_ctx *c, const Onnx__NodeProto *n, rs_error *err)
{
    if (known_attrs(n, "", err))
        return -1;
    int x = value_in(c, n, 0, err);
    if (x < 0)
        return -1;
    rs_node *cv = sole_conv(c, x, n->input[0]);
    if (cv && !cv->relu && n->n_output == 1) {   /* fused: the chip's ReLU on the way out */
        cv->relu = 1;
        rename_output(c, cv, n->output[0]);
        return 0;
    }
    rs_node nd = { .kind = RS_NODE_RELU, .n_in = 1, .in = { x } };
    return add_node(c, n, &nd, NULL, err);
}

static int lower_pool(onnx_ctx *c, const Onnx__NodeProto *n, int max, rs_error *err)
{
    rs_node nd = { .kind = max ? RS_NODE_MAXPOOL : RS_NODE_AVGPOOL };
    if (known_attrs(n, max ? "auto_pad ceil_mode dilations kernel_shape pads storage_order strides"
                           : "auto_pad ceil_mode count_include_pad kernel_shape pads strides", err))
        return -1;
    int x = value_in(c, n, 0, err);
    if (x < 0)
        return -1;
    if (!attr(n, "kernel_shape"))
        return REFUSE(err, n, "attribute kernel_shape: missing");
    if (window_attrs(n, &c->net->values[x].dims, &nd, err))
        return -1;
    if (attr_int(n, "storage_order", 0))
        return REFUSE(err, n, "attribute storage_order=1: only row major");
    nd.ceil_mode = (int)attr_int(n, "ceil_mode", 0) != 0;
    nd.count_pad = (int)attr_int(n, "count_include_pad", 0) != 0;
    if (nd.pt >= nd.kh || nd.pb >= nd.kh || nd.pl >= nd.kw || nd.pr >= nd.kw)
        return REFUSE(err, n, "attribute pads: padding as large as the kernel");
    nd.n_in = 1, nd.in[0] = x;
    return add_node(c, n, &nd, NULL, err);
}

static int lower_gap(onnx_ctx *c, const Onnx__NodeProto *n, rs_error *err)
{
    rs_node nd = { .kind = RS_NODE_AVGPOOL, .n_in = 1 };
    if (known_attrs(n, "", err) || (nd.in[0] = value_in(c, n, 0, err)) < 0)
        return -1;
    return add_node(c, n, &nd, NULL, err);   /* kh = 0: the whole map */
}

/* Flatten (axis 1) and Reshape (the batch kept: shape[0] 0 or -1). */
static int lower_reshape(onnx_ctx *c, const Onnx__NodeProto *n, int flatten, rs_error *err)
{
    rs_node nd = { .kind = RS_NODE_RESHAPE, .n_in = 1 };
    rs_dims y = { .rank = 1 };
    if (known_attrs(n, flatten ? "axis" : "allowzero", err) || (nd.in[0] = value_in(c, n, 0, err)) < 0)
        return -1;
    const rs_dims *x = &c->net->values[nd.in[0]].dims;
    int64_t count = rs_dims_count(x);
    if (flatten) {
        int64_t axis = attr_int(n, "axis", 1);
        if (axis != 1 && axis != -(int64_t)x->rank)
            return REFUSE(err, n, "attribute axis=%lld: only 1 (the batch stays the first dimension)", (long long)axis);
        y.d[0] = count;
        return add_node(c, n, &nd, &y, err);
    }
    const rs_onnx_tensor *s = const_in(c, n, 1, err);
    if (!s)
        return -1;
    if (s->n < 2 || s->n > RS_NET_MAX_RANK + 1)
        return REFUSE(err, n, "input shape of %lld values: 2..%d (the batch first)", (long long)s->n,
                      RS_NET_MAX_RANK + 1);
    if (s->data[0] != 0 && s->data[0] != -1)
        return REFUSE(err, n, "input shape: dimension 0 is %.0f: the batch must stay (0 or -1)", s->data[0]);
    int64_t known = 1, infer = -1;
    y.rank = (int)s->n - 1;
    for (int i = 1; i < s->n; i++) {
        int64_t v = (int64_t)s->data[i];
        if (v == 0 && attr_int(n, "allowzero", 0))
            return REFUSE(err, n, "attribute allowzero=1 with a zero in the shape: not supported");
        if (v == 0 && i - 1 < x->rank)
            v = x->d[i - 1];
        if (v == -1 && infer < 0 && s->data[0] != -1)
            infer = i - 1;
        else if (v < 1)
            return REFUSE(err, n, "input shape: dimension %d is %lld", i, (long long)s->data[i]);
        y.d[i - 1] = v;
        if (v > 0)
            known *= v;
    }
    if (infer >= 0) {
        if (count % known)
            return REFUSE(err, n, "input shape: %lld values per image do not divide into it", (long long)count);
        y.d[infer] = count / known;
    } else if (known != count) {
        return REFUSE(err, n, "input shape: %lld values per image, not %lld", (long long)known, (long long)count);
    }
    return add_node(c, n, &nd, &y, err);
}

/* Add, Concat: activations only; the axis of Concat and Softmax not the batch. */
static int lower_multi(onnx_ctx *c, const Onnx__NodeProto *n, rs_node_kind kind, rs_error *err)
{
    rs_node nd = { .kind = kind };
    if (known_attrs(n, kind == RS_NODE_ADD ? "" : "axis", err))
        return -1;
    if (n->n_input < 1 || n->n_input > RS_NET_MAX_IN || (kind == RS_NODE_ADD && n->n_input != 2))
        return REFUSE(err, n, "%zu inputs", n->n_input);
    for (size_t i = 0; i < (kind == RS_NODE_SOFTMAX ? 1 : n->n_input); i++)
        if ((nd.in[nd.n_in++] = value_in(c, n, i, err)) < 0)
            return -1;
    int rank = c->net->values[nd.in[0]].dims.rank + 1;
    int64_t axis = attr_int(n, "axis", kind == RS_NODE_SOFTMAX && c->opset >= 13 ? -1 : 1);
    if (axis < 0)
        axis += rank;
    if (kind == RS_NODE_CONCAT && (axis < 1 || axis >= rank))
        return REFUSE(err, n, "attribute axis=%lld: only an axis after the batch", (long long)attr_int(n, "axis", 1));
    if (kind == RS_NODE_SOFTMAX && axis != rank - 1)
        return REFUSE(err, n, "attribute axis=%lld: only the last axis", (long long)attr_int(n, "axis", 1));
    nd.axis = (int)axis - 1;
    return add_node(c, n, &nd, NULL, err);
}

static int lower_constant(onnx_ctx *c, const Onnx__NodeProto *n, rs_error *err)
{
    const Onnx__AttributeProto *a = attr(n, "value");
    rs_onnx_tensor t;
    rs_error why;
    if (n->n_attribute != 1 || !a || !a->t || n->n_output != 1)
        return REFUSE(err, n, "attribute %s: only a tensor 'value'",
                      n->n_attribute ? n->attribute[0]->name : "value");
    if (onnx_tensor_convert(a->t, &t, &why))
        return REFUSE(err, n, "attribute value: %s", why.msg);
    snprintf(t.name, sizeof t.name, "%s", n->output[0]);
    return onnx_add_const(c, &t, err);
}

/* Transpose of a constant (an exporter's transposed weights) folded into a
 * new constant; of an activation refused. */
static int lower_transpose(onnx_ctx *c, const Onnx__NodeProto *n, rs_error *err)
{
    int64_t perm[RS_ONNX_MAX_DIMS];
    if (known_attrs(n, "perm", err))
        return -1;
    const rs_onnx_tensor *x = n->n_input == 1 ? onnx_const(c, n->input[0]) : NULL;
    if (!x || n->n_output != 1)
        return REFUSE(err, n, "only a constant is transposed (folded once)");
    int np = attr_ints(n, "perm", perm, RS_ONNX_MAX_DIMS);
    if (np && np != x->ndim)
        return REFUSE(err, n, "attribute perm: %d values for %d dimensions", np, x->ndim);
    int used[RS_ONNX_MAX_DIMS] = { 0 };
    for (int i = 0; i < x->ndim; i++) {
        if (!np)
            perm[i] = x->ndim - 1 - i;
        if (perm[i] < 0 || perm[i] >= x->ndim || used[perm[i]]++)
            return REFUSE(err, n, "attribute perm: not a permutation");
    }
    rs_onnx_tensor t = *x;
    snprintf(t.name, sizeof t.name, "%s", n->output[0]);
    t.data = malloc((size_t)(x->n ? x->n : 1) * sizeof *t.data);
    if (!t.data)
        return rs_error_set(err, "out of memory");
    int64_t stride[RS_ONNX_MAX_DIMS], idx[RS_ONNX_MAX_DIMS] = { 0 };
    for (int i = x->ndim - 1, s = 1; i >= 0; s *= (int)x->dims[i], i--)
        stride[i] = s;
    for (int i = 0; i < x->ndim; i++)
        t.dims[i] = x->dims[perm[i]];
    for (int64_t k = 0; k < x->n; k++) {   /* k walks the output in order; idx is its index */
        int64_t src = 0;
        for (int i = 0; i < x->ndim; i++)
            src += idx[i] * stride[perm[i]];
        t.data[k] = x->data[src];
        for (int i = x->ndim - 1; i >= 0 && ++idx[i] == t.dims[i]; i--)
            idx[i] = 0;
    }
    return onnx_add_const(c, &t, err);
}

int onnx_lower_node(onnx_ctx *c, const Onnx__NodeProto *n, rs_error *err)
{
    const char *op = n->op_type ? n->op_type : "";
    if (n->domain && *n->domain && strcmp(n->domain, "ai.onnx"))
        return REFUSE(err, n, "domain %s: only ai.onnx operators", n->domain);
    if (!strcmp(op, "Conv"))
        return lower_conv(c, n, err);
    if (!strcmp(op, "Gemm") || !strcmp(op, "MatMul"))
        return lower_fc(c, n, op[0] == 'G', err);
    if (!strcmp(op, "BatchNormalization"))
        return lower_bn(c, n, err);
    if (!strcmp(op, "Relu"))
        return lower_relu(c, n, err);
    if (!strcmp(op, "MaxPool") || !strcmp(op, "AveragePool"))
        return lower_pool(c, n, op[0] == 'M', err);
    if (!strcmp(op, "GlobalAveragePool"))
        return lower_gap(c, n, err);
    if (!strcmp(op, "Flatten") || !strcmp(op, "Reshape"))
        return lower_reshape(c, n, op[0] == 'F', err);
    if (!strcmp(op, "Add"))
        return lower_multi(c, n, RS_NODE_ADD, err);
    if (!strcmp(op, "Concat"))
        return lower_multi(c, n, RS_NODE_CONCAT, err);
    if (!strcmp(op, "Softmax"))
        return lower_multi(c, n, RS_NODE_SOFTMAX, err);
    if (!strcmp(op, "Constant"))
        return lower_constant(c, n, err);
    if (!strcmp(op, "Transpose"))
        return lower_transpose(c, n, err);
    return REFUSE(err, n, "operator not supported (docs/net.md lists those rsnet runs)");
}
