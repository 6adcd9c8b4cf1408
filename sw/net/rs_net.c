/* rs_net.c - values, nodes and per-image shapes of a lowered network. */
#include "rs_net.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t rs_dims_count(const rs_dims *d)
{
    int64_t n = 1;
    for (int i = 0; i < d->rank; i++)
        n *= d->d[i];
    return n;
}

const char *rs_dims_format(const rs_dims *d, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < d->rank && used < len; i++)
        used += (size_t)snprintf(buf + used, len - used, "%s%lld", i ? "x" : "", (long long)d->d[i]);
    return buf;
}

int rs_net_add_value(rs_net *net, const char *name, const rs_dims *dims, int producer)
{
    rs_value *v = realloc(net->values, (size_t)(net->n_values + 1) * sizeof *v);
    if (!v)
        return -1;
    net->values = v;
    v = &net->values[net->n_values];
    memset(v, 0, sizeof *v);
    snprintf(v->name, sizeof v->name, "%s", name);
    if (dims)
        v->dims = *dims;
    v->producer = producer;
    return net->n_values++;
}

int rs_net_find_value(const rs_net *net, const char *name)
{
    for (int i = net->n_values - 1; i >= 0; i--)
        if (!strncmp(net->values[i].name, name, RS_NET_NAME - 1))
            return i;
    return -1;
}

/* Output size of a window of k with stride s over n plus padding a+b. */
static int64_t window_out(int64_t n, int a, int b, int k, int s, int ceil_mode)
{
    int64_t span = n + a + b - k;
    if (span < 0)
        return 0;
    return (ceil_mode ? (span + s - 1) / s : span / s) + 1;
}

int rs_net_infer_node(rs_net *net, int k, rs_error *err)
{
    rs_node *nd = &net->nodes[k];
    const rs_dims *x = &net->values[nd->in[0]].dims;
    rs_dims y = *x;
    switch (nd->kind) {
    case RS_NODE_CONV: {
        int64_t c = nd->fc ? rs_dims_count(x) : x->d[0];
        if ((!nd->fc && x->rank != 3) || c != nd->C)
            return rs_error_set(err, "node %s (%s): input of %lld channels, the weights expect %d", nd->name, nd->op,
                                (long long)c, nd->C);
        if (nd->fc) {
            y.rank = 1;
            y.d[0] = nd->M;
        } else {
            y.d[0] = nd->M;
            y.d[1] = window_out(x->d[1], nd->pad, nd->pad, nd->R, nd->U, 0);
            y.d[2] = window_out(x->d[2], nd->pad, nd->pad, nd->S, nd->U, 0);
        }
        break;
    }
    case RS_NODE_MAXPOOL:
    case RS_NODE_AVGPOOL:
        if (x->rank != 3)
            return rs_error_set(err, "node %s (%s): input rank %d: only 2-D maps (N,C,H,W)", nd->name, nd->op,
                                x->rank + 1);
        if (nd->kh == 0) {   /* global average */
            nd->kh = (int)x->d[1];
            nd->kw = (int)x->d[2];
            nd->sh = nd->sw = 1;
        }
        y.d[1] = window_out(x->d[1], nd->pt, nd->pb, nd->kh, nd->sh, nd->ceil_mode);
        y.d[2] = window_out(x->d[2], nd->pl, nd->pr, nd->kw, nd->sw, nd->ceil_mode);
        break;
    case RS_NODE_RESHAPE:
        y = net->values[nd->out].dims;   /* set by the loader */
        if (rs_dims_count(&y) != rs_dims_count(x))
            return rs_error_set(err, "node %s (%s): %lld values per image cannot become %lld", nd->name, nd->op,
                                (long long)rs_dims_count(x), (long long)rs_dims_count(&y));
        break;
    case RS_NODE_ADD:
        for (int i = 1; i < nd->n_in; i++) {
            const rs_dims *o = &net->values[nd->in[i]].dims;
            if (o->rank != x->rank || memcmp(o->d, x->d, sizeof(int64_t) * (size_t)x->rank))
                return rs_error_set(err, "node %s (%s): inputs of different shapes (no broadcasting)", nd->name,
                                    nd->op);
        }
        break;
    case RS_NODE_CONCAT:
        y.d[nd->axis] = 0;
        for (int i = 0; i < nd->n_in; i++) {
            const rs_dims *o = &net->values[nd->in[i]].dims;
            for (int k = 0; k < x->rank; k++)
                if (o->rank != x->rank || (k != nd->axis && o->d[k] != x->d[k]))
                    return rs_error_set(err, "node %s (%s): inputs differ outside the axis", nd->name, nd->op);
            y.d[nd->axis] += o->d[nd->axis];
        }
        break;
    case RS_NODE_RELU:
    case RS_NODE_SOFTMAX:
        break;
    }
    for (int i = 0; i < y.rank; i++)
        if (y.d[i] <= 0)
            return rs_error_set(err, "node %s (%s): the output would be empty", nd->name, nd->op);
    net->values[nd->out].dims = y;
    return 0;
}

int rs_net_infer(rs_net *net, rs_error *err)
{
    for (int k = 0; k < net->n_nodes; k++)
        if (rs_net_infer_node(net, k, err))
            return -1;
    return 0;
}

void rs_net_free(rs_net *net)
{
    for (int k = 0; k < net->n_nodes; k++) {
        free(net->nodes[k].w);
        free(net->nodes[k].b);
    }
    free(net->nodes);
    free(net->values);
    memset(net, 0, sizeof *net);
}
