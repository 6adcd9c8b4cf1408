/* rsnet_conformance.c - rsnet --onnx-test DIR: one of ONNX's node tests
 * (DIR/model.onnx, DIR/test_data_set_0/input_*.pb and output_0.pb) through
 * rsnet's executor. Inputs the graph needs as constants (weights) are bound
 * as constants; the others are the activations, their first dimension the
 * batch. The node is quantized (scales calibrated on the test's own input),
 * run in fixed point (CONV through the golden reference, bit-identical to
 * the accelerator), and its output compared with the expected one:
 *   PASS when max |y - expected| <= tol * max(1, max |expected|),
 *   tol = 2^-(dw-5) (16-bit: 1/2048; 8-bit: 1/8).
 * Exit 0 pass, 1 outside the tolerance, 2 refused (the line says why). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rs_onnx.h"
#include "rsnet_report.h"

#define MAX_TENSORS 8

static int read_set(const char *dir, const char *what, rs_onnx_tensor *t, int *n)
{
    char path[4200];
    rs_error err;
    *n = 0;
    for (int i = 0; i < MAX_TENSORS; i++) {
        snprintf(path, sizeof path, "%s/test_data_set_0/%s_%d.pb", dir, what, i);
        FILE *f = fopen(path, "rb");
        if (!f)
            break;
        fclose(f);
        if (rs_onnx_read_tensor(path, &t[i], &err)) {
            fprintf(stderr, "rsnet: --onnx-test: %s\n", err.msg);
            return -1;
        }
        (*n)++;
    }
    return 0;
}

static int run_test(const char *dir, int dw, rs_onnx_tensor *in, int n_in, const rs_onnx_tensor *want)
{
    char model[4200], d[64];
    rs_net net;
    rs_error err;
    snprintf(model, sizeof model, "%s/model.onnx", dir);
    if (rs_onnx_load(model, in, n_in, &net, &err)) {
        fprintf(stderr, "rsnet: %s\n", err.msg);
        return 2;
    }
    int rc = 2, N = -1;
    rs_net_state s = { 0 };
    rs_qnet qn = { 0 };
    rs_calib cal = { calloc((size_t)net.n_values, sizeof(double)), calloc((size_t)net.n_nodes, sizeof(double)) };
    /* the activations: bound by name, one batch */
    const rs_onnx_tensor *act[RS_NET_MAX_IN] = { 0 };
    for (int i = 0; i < net.n_inputs; i++) {
        const rs_value *v = &net.values[net.inputs[i]];
        for (int k = 0; k < n_in; k++)
            if (!strcmp(in[k].name, v->name))
                act[i] = &in[k];
        if (!act[i] || act[i]->ndim != v->dims.rank + 1 || (N >= 0 && act[i]->dims[0] != N)) {
            fprintf(stderr, "rsnet: %s: input '%s': no test tensor of its shape and batch\n", model, v->name);
            goto out;
        }
        N = (int)act[i]->dims[0];
    }
    int64_t per_out = rs_dims_count(&net.values[net.output].dims);
    if (want->n != N * per_out) {
        fprintf(stderr, "rsnet: %s: the expected output has %lld values, the graph makes %d x %s\n", model,
                (long long)want->n, N, rs_dims_format(&net.values[net.output].dims, d, sizeof d));
        goto out;
    }
    rc = 1;
    if (!cal.maxabs || !cal.acc_max || rs_net_state_alloc(&s, &net, N, &err))
        goto fail;
    s.acc_max = cal.acc_max;
    for (int i = 0; i < net.n_inputs; i++)
        memcpy(s.f[net.inputs[i]], act[i]->data, (size_t)act[i]->n * sizeof(float));
    if (rs_net_run_float(&net, &s, &err))
        goto fail;
    double ferr = 0, qerr = 0, scale = 1;
    for (int64_t i = 0; i < want->n; i++) {
        ferr = fmax(ferr, fabs(s.f[net.output][i] - want->data[i]));
        scale = fmax(scale, fabs(want->data[i]));
    }
    rs_net_observe(&net, &s, cal.maxabs);
    if (rs_qnet_build(&net, &cal, dw, 32, &qn, &err))
        goto fail;
    for (int i = 0; i < net.n_inputs; i++)
        memcpy(s.f[net.inputs[i]], act[i]->data, (size_t)act[i]->n * sizeof(float));
    if (rs_qnet_run(&net, &qn, &s, NULL, NULL, &err))
        goto fail;
    for (int64_t i = 0; i < want->n; i++)
        qerr = fmax(qerr, fabs(s.f[net.output][i] - want->data[i]));
    double tol = ldexp(1.0, -(dw - 5)) * scale;
    rc = qerr <= tol ? 0 : 1;
    printf("%s: %s: %lld outputs, max error %.3g at %d bits (tolerance %.3g), float reference %.3g\n", dir,
           rc ? "FAIL" : "PASS", (long long)want->n, qerr, dw, tol, ferr);
    goto out;
fail:
    fprintf(stderr, "rsnet: %s: %s\n", model, err.msg);
out:
    free(cal.maxabs);
    free(cal.acc_max);
    rs_qnet_free(&qn, &net);
    rs_net_state_free(&s, &net);
    rs_net_free(&net);
    return rc;
}

int rsnet_onnx_test(const char *dir, int dw)
{
    rs_onnx_tensor in[MAX_TENSORS], out[MAX_TENSORS];
    int n_in = 0, n_out = 0, rc = 2;
    if (read_set(dir, "input", in, &n_in) || read_set(dir, "output", out, &n_out))
        goto out;
    if (!n_in || n_out != 1) {
        fprintf(stderr, "rsnet: --onnx-test %s: %s\n", dir,
                !n_in ? "no test_data_set_0/input_0.pb" : n_out ? "several outputs (only one is compared)"
                                                                 : "no test_data_set_0/output_0.pb");
        goto out;
    }
    rc = run_test(dir, dw, in, n_in, &out[0]);
out:
    for (int i = 0; i < n_in; i++)
        rs_onnx_tensor_free(&in[i]);
    for (int i = 0; i < n_out; i++)
        rs_onnx_tensor_free(&out[i]);
    return rc;
}
