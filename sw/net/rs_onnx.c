/* rs_onnx.c - an ONNX file through protobuf-c, its tensors, its graph
 * inputs; each node is lowered by rs_onnx_ops.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rs_onnx_int.h"

#define FILE_MAX (1ull << 31)   /* protobuf's own limit for one message */

static int read_file(const char *path, uint8_t **buf, size_t *len, rs_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return rs_error_set(err, "%s", strerror(errno));
    long n = -1;
    if (!fseek(f, 0, SEEK_END))
        n = ftell(f);
    if (n < 0 || fseek(f, 0, SEEK_SET)) {
        fclose(f);
        return rs_error_set(err, "not a regular file");
    }
    if (n == 0 || (unsigned long long)n >= FILE_MAX) {
        fclose(f);
        return rs_error_set(err, n == 0 ? "an empty file" : "larger than 2 GiB (external data is not read)");
    }
    *buf = malloc((size_t)n);
    if (!*buf || fread(*buf, 1, (size_t)n, f) != (size_t)n) {
        free(*buf);
        fclose(f);
        return rs_error_set(err, "cannot read it");
    }
    fclose(f);
    *len = (size_t)n;
    return 0;
}

void rs_onnx_tensor_free(rs_onnx_tensor *t)
{
    free(t->data);
    t->data = NULL;
}

static int raw_ok(const Onnx__TensorProto *tp, int64_t n, size_t elem)
{
    return tp->has_raw_data && tp->raw_data.len == (size_t)n * elem;
}

int onnx_tensor_convert(const Onnx__TensorProto *tp, rs_onnx_tensor *t, rs_error *err)
{
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", tp->name ? tp->name : "");
    if (tp->has_data_location && tp->data_location == ONNX__TENSOR_PROTO__DATA_LOCATION__EXTERNAL)
        return rs_error_set(err, "tensor '%s': data in an external file (not read)", t->name);
    if (tp->n_dims > RS_ONNX_MAX_DIMS)
        return rs_error_set(err, "tensor '%s': %zu dimensions (at most %d)", t->name, tp->n_dims, RS_ONNX_MAX_DIMS);
    t->ndim = (int)tp->n_dims;
    t->n = 1;
    for (int i = 0; i < t->ndim; i++) {
        t->dims[i] = tp->dims[i];
        if (tp->dims[i] < 0 || tp->dims[i] > (1ll << 32) || (t->n *= tp->dims[i]) > (1ll << 32))
            return rs_error_set(err, "tensor '%s': bad dimensions", t->name);
    }
    int type = tp->has_data_type ? tp->data_type : 0;
    if (type != ONNX__TENSOR_PROTO__DATA_TYPE__FLOAT && type != ONNX__TENSOR_PROTO__DATA_TYPE__DOUBLE &&
        type != ONNX__TENSOR_PROTO__DATA_TYPE__INT64 && type != ONNX__TENSOR_PROTO__DATA_TYPE__INT32)
        return rs_error_set(err, "tensor '%s': data type %d (read: float, double, int32, int64)", t->name, type);
    size_t elem = type == ONNX__TENSOR_PROTO__DATA_TYPE__DOUBLE || type == ONNX__TENSOR_PROTO__DATA_TYPE__INT64 ? 8 : 4;
    size_t typed = type == ONNX__TENSOR_PROTO__DATA_TYPE__FLOAT    ? tp->n_float_data
                 : type == ONNX__TENSOR_PROTO__DATA_TYPE__DOUBLE   ? tp->n_double_data
                 : type == ONNX__TENSOR_PROTO__DATA_TYPE__INT64    ? tp->n_int64_data
                                                                   : tp->n_int32_data;
    /* the data must be there before anything is allocated for them */
    if (!raw_ok(tp, t->n, elem) && typed != (size_t)t->n)
        return rs_error_set(err, "tensor '%s': its data do not match its %lld elements", t->name, (long long)t->n);
    t->data = malloc((size_t)(t->n ? t->n : 1) * sizeof *t->data);
    if (!t->data)
        return rs_error_set(err, "tensor '%s': out of memory", t->name);
    const uint8_t *raw = tp->raw_data.data;
    int use_raw = raw_ok(tp, t->n, elem);   /* else the typed field, whose count matched */
    for (int64_t i = 0; i < t->n; i++) {
        switch (type) {
        case ONNX__TENSOR_PROTO__DATA_TYPE__FLOAT: {
            float v;
            if (use_raw)
                memcpy(&v, raw + 4 * i, 4);   /* little-endian IEEE, as the host */
            else
                v = tp->float_data[i];
            t->data[i] = v;
            break;
        }
        case ONNX__TENSOR_PROTO__DATA_TYPE__DOUBLE: {
            double v;
            if (use_raw)
                memcpy(&v, raw + 8 * i, 8);
            else
                v = tp->double_data[i];
            t->data[i] = (float)v;
            break;
        }
        case ONNX__TENSOR_PROTO__DATA_TYPE__INT64: {
            int64_t v;
            if (use_raw)
                memcpy(&v, raw + 8 * i, 8);
            else
                v = tp->int64_data[i];
            t->data[i] = (float)v;
            break;
        }
        default: {
            int32_t v;
            if (use_raw)
                memcpy(&v, raw + 4 * i, 4);
            else
                v = tp->int32_data[i];
            t->data[i] = (float)v;
            break;
        }
        }
    }
    return 0;
}

int rs_onnx_read_tensor(const char *path, rs_onnx_tensor *t, rs_error *err)
{
    uint8_t *buf;
    size_t len;
    rs_error why;
    memset(t, 0, sizeof *t);
    if (read_file(path, &buf, &len, &why))
        return rs_error_set(err, "%s: %s", path, why.msg);
    Onnx__TensorProto *tp = onnx__tensor_proto__unpack(NULL, len, buf);
    free(buf);
    if (!tp)
        return rs_error_set(err, "%s: not a serialized ONNX tensor", path);
    int rc = onnx_tensor_convert(tp, t, &why);
    onnx__tensor_proto__free_unpacked(tp, NULL);
    return rc ? rs_error_set(err, "%s: %s", path, why.msg) : 0;
}

const rs_onnx_tensor *onnx_const(const onnx_ctx *c, const char *name)
{
    for (int i = 0; i < c->n_consts; i++)
        if (!strcmp(c->consts[i].name, name))
            return &c->consts[i];
    return NULL;
}

int onnx_add_const(onnx_ctx *c, rs_onnx_tensor *t, rs_error *err)
{
    rs_onnx_tensor *n = realloc(c->consts, (size_t)(c->n_consts + 1) * sizeof *n);
    if (!n) {
        rs_onnx_tensor_free(t);
        return rs_error_set(err, "out of memory");
    }
    c->consts = n;
    c->consts[c->n_consts++] = *t;
    return 0;
}

int onnx_uses(const onnx_ctx *c, const char *name)
{
    int n = 0;
    for (size_t k = 0; k < c->g->n_node; k++)
        for (size_t i = 0; i < c->g->node[k]->n_input; i++)
            n += !strcmp(c->g->node[k]->input[i], name);
    for (size_t i = 0; i < c->g->n_output; i++)
        n += c->g->output[i]->name && !strcmp(c->g->output[i]->name, name);
    return n;
}

/* 1 if some node needs name as a constant */
static int wanted_const(const Onnx__GraphProto *g, const char *name)
{
    for (size_t k = 0; k < g->n_node; k++)
        for (size_t i = 0; i < g->node[k]->n_input; i++)
            if (!strcmp(g->node[k]->input[i], name) && onnx_const_slot(g->node[k]->op_type, (int)i))
                return 1;
    return 0;
}

/* A graph input that is not an initializer: a runtime input (the batch
 * first) or, where a constant is needed and one is bound, that constant. */
static int add_input(onnx_ctx *c, const Onnx__ValueInfoProto *vi, const rs_onnx_tensor *bound, int n_bound,
                     rs_error *err)
{
    const char *name = vi->name ? vi->name : "";
    const rs_onnx_tensor *b = NULL;
    for (int i = 0; i < n_bound; i++)
        if (!strcmp(bound[i].name, name))
            b = &bound[i];
    if (wanted_const(c->g, name)) {
        if (!b)
            return rs_error_set(err, "'%s' has no initializer (a missing initializer: a node needs it as a constant)",
                                name);
        rs_onnx_tensor t = *b;
        t.data = malloc((size_t)(b->n ? b->n : 1) * sizeof *t.data);
        if (!t.data)
            return rs_error_set(err, "out of memory");
        memcpy(t.data, b->data, (size_t)b->n * sizeof *t.data);
        return onnx_add_const(c, &t, err);
    }
    rs_dims d = { 0 };
    const Onnx__TypeProto *tp = vi->type;
    if (!tp || tp->value_case != ONNX__TYPE_PROTO__VALUE_TENSOR_TYPE || !tp->tensor_type->shape)
        return rs_error_set(err, "input '%s': not a tensor of known rank", name);
    const Onnx__TypeProto__Tensor *tt = tp->tensor_type;
    if (tt->has_elem_type && tt->elem_type != ONNX__TENSOR_PROTO__DATA_TYPE__FLOAT)
        return rs_error_set(err, "input '%s': element type %d (only float)", name, tt->elem_type);
    size_t rank = tt->shape->n_dim;
    if (rank < 2 || rank > RS_NET_MAX_RANK + 1)
        return rs_error_set(err, "input '%s': rank %zu (2..%d: the batch, then 1 to %d dimensions)", name, rank,
                            RS_NET_MAX_RANK + 1, RS_NET_MAX_RANK);
    d.rank = (int)rank - 1;
    for (size_t i = 1; i < rank; i++) {
        const Onnx__TensorShapeProto__Dimension *dim = tt->shape->dim[i];
        if (b && b->ndim == (int)rank)
            d.d[i - 1] = b->dims[i];
        else if (dim->value_case == ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_VALUE && dim->dim_value > 0 &&
                 dim->dim_value <= (1 << 24))
            d.d[i - 1] = dim->dim_value;
        else
            return rs_error_set(err, "input '%s': dimension %zu has no fixed size (only the batch may vary)", name, i);
    }
    if (rs_dims_count(&d) > (1 << 26))
        return rs_error_set(err, "input '%s': more than 2^26 values per image", name);
    if (c->net->n_inputs == RS_NET_MAX_IN)
        return rs_error_set(err, "more than %d graph inputs", RS_NET_MAX_IN);
    int v = rs_net_add_value(c->net, name, &d, -1);
    if (v < 0)
        return rs_error_set(err, "out of memory");
    c->net->inputs[c->net->n_inputs++] = v;
    return 0;
}

static int lower_graph(onnx_ctx *c, const Onnx__ModelProto *m, const rs_onnx_tensor *bound, int n_bound,
                       rs_error *err)
{
    const Onnx__GraphProto *g = m->graph;
    c->opset = 0;
    for (size_t i = 0; i < m->n_opset_import; i++) {
        const char *dom = m->opset_import[i]->domain;
        if ((!dom || !*dom || !strcmp(dom, "ai.onnx")) && m->opset_import[i]->has_version)
            c->opset = (int)m->opset_import[i]->version;
    }
    if (!g || !c->opset || !g->n_node || !g->n_output)
        return rs_error_set(err, "not an ONNX model, or a truncated one (%s)",
                            !g ? "no graph" : !c->opset ? "no ai.onnx opset_import" : !g->n_node ? "no nodes"
                                                                                              : "no graph output");
    if (g->n_sparse_initializer)
        return rs_error_set(err, "sparse initializers are not read");
    for (size_t i = 0; i < g->n_initializer; i++) {
        rs_onnx_tensor t;
        if (onnx_tensor_convert(g->initializer[i], &t, err) || onnx_add_const(c, &t, err))
            return -1;
    }
    for (size_t i = 0; i < g->n_input; i++)
        if (!onnx_const(c, g->input[i]->name ? g->input[i]->name : "") &&
            add_input(c, g->input[i], bound, n_bound, err))
            return -1;
    if (!c->net->n_inputs)
        return rs_error_set(err, "the graph has no input besides its initializers");
    for (size_t k = 0; k < g->n_node; k++)
        if (onnx_lower_node(c, g->node[k], err))
            return -1;
    c->net->output = rs_net_find_value(c->net, g->output[0]->name ? g->output[0]->name : "");
    if (c->net->output < 0)
        return rs_error_set(err, "the graph output '%s' is no node's output", g->output[0]->name);
    return 0;
}

/* Names come from the file: control characters become '?', so a message
 * stays one line. */
static void printable(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            *s = '?';
}

int rs_onnx_load_buffer(const uint8_t *buf, size_t len, const char *name, const rs_onnx_tensor *bound, int n_bound,
                        rs_net *net, rs_error *err)
{
    rs_error why;
    memset(net, 0, sizeof *net);
    Onnx__ModelProto *m = onnx__model_proto__unpack(NULL, len, buf);
    if (!m)
        return rs_error_set(err, "%s: not an ONNX model, or a truncated one (protobuf-c cannot parse it)", name);
    onnx_ctx c = { .net = net, .g = m->graph };
    int rc = lower_graph(&c, m, bound, n_bound, &why);
    for (int i = 0; i < c.n_consts; i++)
        rs_onnx_tensor_free(&c.consts[i]);
    free(c.consts);
    onnx__model_proto__free_unpacked(m, NULL);
    if (rc) {
        rs_net_free(net);
        rs_error_set(err, "%s: %s", name, why.msg);
        printable(err->msg);
        return -1;
    }
    for (int i = 0; i < net->n_values; i++)
        printable(net->values[i].name);
    for (int k = 0; k < net->n_nodes; k++) {
        printable(net->nodes[k].name);
        printable(net->nodes[k].op);
    }
    return 0;
}

int rs_onnx_load(const char *path, const rs_onnx_tensor *bound, int n_bound, rs_net *net, rs_error *err)
{
    uint8_t *buf;
    size_t len;
    rs_error why;
    memset(net, 0, sizeof *net);
    if (read_file(path, &buf, &len, &why))
        return rs_error_set(err, "%s: %s", path, why.msg);
    int rc = rs_onnx_load_buffer(buf, len, path, bound, n_bound, net, err);
    free(buf);
    return rc;
}
