/* rs_onnx_int.h - what the ONNX loader's two halves share: rs_onnx.c (file,
 * tensors, graph inputs) and rs_onnx_ops.c (one lowering per operator). */
#ifndef RS_ONNX_INT_H
#define RS_ONNX_INT_H

#include "onnx.pb-c.h"
#include "rs_onnx.h"

typedef struct {
    rs_net *net;
    const Onnx__GraphProto *g;
    rs_onnx_tensor *consts;   /* initializers, Constant nodes, bound inputs */
    int n_consts;
    int opset;                /* the ai.onnx operator set */
} onnx_ctx;

/* The constant called name, or NULL. */
const rs_onnx_tensor *onnx_const(const onnx_ctx *c, const char *name);
/* Add a constant (takes t's data). */
int onnx_add_const(onnx_ctx *c, rs_onnx_tensor *t, rs_error *err);
/* A TensorProto as floats. */
int onnx_tensor_convert(const Onnx__TensorProto *tp, rs_onnx_tensor *t, rs_error *err);
/* How many node inputs and graph outputs name this value. */
int onnx_uses(const onnx_ctx *c, const char *name);

/* Lower node k of the graph into c->net (rs_onnx_ops.c). Errors name the
 * node and the operator. */
int onnx_lower_node(onnx_ctx *c, const Onnx__NodeProto *node, rs_error *err);
/* 1 if input slot i of op must be a constant (weights, bias, shape). */
int onnx_const_slot(const char *op, int i);

#endif
