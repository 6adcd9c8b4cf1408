/* rs_net.h - a network as rsnet runs it: values (tensors) and nodes in
 * topological order, lowered from an ONNX graph (rs_onnx.h).
 *
 * Every activation carries the batch N as its first dimension; a value's
 * dims here are per image (rank 1..3 after the batch: (K), (C,H,W), ...).
 * Lowering already did what the host can do once: Gemm and MatMul became
 * 1x1 convolutions over (N,K,1,1), BatchNormalization is folded into the
 * Conv before it, a Relu that is its Conv's only consumer is fused into it
 * (the chip applies ReLU on the way out), Constant nodes became constants.
 * What is left are the operators below; their arithmetic is in
 * rs_net_float.c (float reference) and rs_net_quant.c (the accelerator's
 * fixed point). */
#ifndef RS_NET_H
#define RS_NET_H

#include <stddef.h>
#include <stdint.h>

#include "rs_error.h"

#define RS_NET_MAX_RANK 3   /* per image (the batch not counted) */
#define RS_NET_MAX_IN 8     /* inputs of one node (Concat) */
#define RS_NET_NAME 64

typedef enum {
    RS_NODE_CONV,      /* Conv, Gemm, MatMul (on the accelerator) */
    RS_NODE_RELU,
    RS_NODE_MAXPOOL,
    RS_NODE_AVGPOOL,   /* AveragePool, GlobalAveragePool (kernel = the whole map) */
    RS_NODE_RESHAPE,   /* Flatten, Reshape: same data, other dims */
    RS_NODE_ADD,
    RS_NODE_CONCAT,
    RS_NODE_SOFTMAX
} rs_node_kind;

typedef struct {
    int rank;                        /* 1..RS_NET_MAX_RANK */
    int64_t d[RS_NET_MAX_RANK];
} rs_dims;

typedef struct {
    char name[RS_NET_NAME];
    rs_dims dims;      /* per image */
    int producer;      /* node index, -1 for a graph input */
} rs_value;

typedef struct {
    rs_node_kind kind;
    char name[RS_NET_NAME];      /* the ONNX node's name (or its first output's) */
    char op[32];                 /* the ONNX operator */
    int n_in, in[RS_NET_MAX_IN]; /* value indices */
    int out;
    /* CONV: weights (M, C/G, R, S), bias (M) or NULL, stride, padding, groups */
    int C, M, R, S, U, pad, G, relu, fc;
    float *w, *b;
    /* pools: kernel, strides, padding begin/end per axis, ceil mode, average counts padding */
    int kh, kw, sh, sw, pt, pl, pb, pr, count_pad, ceil_mode;
    /* CONCAT / SOFTMAX: axis of the per-image dims (0 = the first after the batch) */
    int axis;
} rs_node;

typedef struct {
    rs_value *values;
    int n_values;
    rs_node *nodes;
    int n_nodes;
    int n_inputs, inputs[RS_NET_MAX_IN];   /* graph inputs (values) */
    int output;                            /* the graph's (first) output */
} rs_net;

/* Elements of one image of a value. */
int64_t rs_dims_count(const rs_dims *d);
/* "1x28x28" into buf */
const char *rs_dims_format(const rs_dims *d, char *buf, size_t len);

/* Per-image output dims of node k from its inputs' dims (the loader calls
 * it node by node; rs_net_infer does the whole graph). A RESHAPE's output
 * dims must be set before. */
int rs_net_infer_node(rs_net *net, int k, rs_error *err);
int rs_net_infer(rs_net *net, rs_error *err);

void rs_net_free(rs_net *net);

/* Add a value (name, dims, producer); returns its index, -1 out of memory. */
int rs_net_add_value(rs_net *net, const char *name, const rs_dims *dims, int producer);
int rs_net_find_value(const rs_net *net, const char *name);

#endif
