/* rs_onnx.h - ONNX models and tensors in, an rs_net out.
 *
 * The file is parsed by protobuf-c with the C code protoc-c generates at
 * build time from Debian's onnx.proto (libonnx-dev); nothing here decodes
 * protobuf by hand. The graph is lowered to rs_net.h's nodes and checked
 * whole before anything runs: an operator, attribute or input the
 * accelerator and the host glue cannot run is refused with one line naming
 * the node, the operator and the attribute, e.g.
 *   node conv1 (Conv): attribute dilations=2,2: only 1 (no dilation on the array)
 *
 * Accepted: ai.onnx operators Conv, Gemm, MatMul, BatchNormalization (after
 * a Conv), Relu, MaxPool, AveragePool, GlobalAveragePool, Flatten, Reshape,
 * Add, Concat, Softmax, Constant, Transpose (of a constant); float tensors (initializers raw or typed,
 * not external). The first dimension of every graph input is the batch. */
#ifndef RS_ONNX_H
#define RS_ONNX_H

#include <stddef.h>
#include <stdint.h>

#include "rs_error.h"
#include "rs_net.h"

#define RS_ONNX_MAX_DIMS 8

typedef struct {
    char name[RS_NET_NAME];
    int ndim;
    int64_t dims[RS_ONNX_MAX_DIMS];
    int64_t n;       /* elements */
    float *data;     /* n floats (integer tensors converted) */
} rs_onnx_tensor;

/* Load and lower the model at path. bound (n_bound, may be NULL): tensors
 * that stand in for graph inputs without an initializer where the graph
 * needs a constant (a Conv's weights, ...): ONNX's node tests give weights
 * as inputs. Errors: "<path>: <why>" (not an ONNX model, truncated, a
 * missing initializer) or "<path>: node <name> (<op>): <why>". */
int rs_onnx_load(const char *path, const rs_onnx_tensor *bound, int n_bound, rs_net *net, rs_error *err);

/* The same from a serialized model in memory; name stands for the path in
 * the messages. */
int rs_onnx_load_buffer(const uint8_t *buf, size_t len, const char *name, const rs_onnx_tensor *bound, int n_bound,
                        rs_net *net, rs_error *err);

/* One serialized TensorProto (ONNX's test data, input_0.pb). */
int rs_onnx_read_tensor(const char *path, rs_onnx_tensor *t, rs_error *err);
void rs_onnx_tensor_free(rs_onnx_tensor *t);

#endif
