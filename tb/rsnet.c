/* rsnet - run an ONNX network: accuracy on the host (float, 16-bit and
 * 8-bit fixed point, in C) and, for a subset, every CONV / Gemm / MatMul
 * layer on the accelerator model, bit for bit against the golden reference,
 * with the per-layer figures rsrun reports (docs/net.md).
 *
 * Everything a user gives is checked before any simulation: the model
 * (an operator or attribute rsnet cannot run is refused naming the node),
 * the images against the model's input, every layer against the
 * configuration's mapper. Exit 0 ok, 1 mismatch or hardware error, 2 bad
 * input. --onnx-test DIR runs one of ONNX's node tests instead. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rs_driver.h"
#include "rs_energy.h"
#include "rs_idx.h"
#include "rs_manifest.h"
#include "rs_net_run.h"
#include "rs_onnx.h"
#include "rs_opt.h"
#include "rs_paths.h"
#include "rs_random.h"
#include "rs_version.h"
#include "rsnet_report.h"

#ifndef RS_SIM_DIR
#define RS_SIM_DIR "sim"
#endif
#ifndef RS_DEFAULT_CONFIG
#define RS_DEFAULT_CONFIG "build/gen/default"
#endif
#define FMNIST "/usr/share/datasets/fashion-mnist/"

enum { EXIT_PASS = 0, EXIT_MISMATCH = 1, EXIT_BAD_INPUT = 2 };

typedef struct {
    const char *model, *config, *images, *labels, *calib, *csv, *onnx_test;
    int count, hw_images, batch, calib_count, random_input, dram_latency, check_only, dw;
    double dram_bw;
} rsnet_args;

static int build_options(rsnet_args *a, rs_opt *o)
{
    int n = 0;
    o[n++] = (rs_opt){ "model", RS_OPT_TEXT, &a->model, 0, 0, "F.onnx", "the network (required unless --onnx-test)" };
    o[n++] = (rs_opt){ "config", RS_OPT_TEXT, &a->config, 0, 0, "DIR",
                       "generated configuration the accelerator layers run on\n(default " RS_DEFAULT_CONFIG ")" };
    o[n++] = (rs_opt){ "images", RS_OPT_TEXT, &a->images, 0, 0, "F",
                       "test images, IDX (gzip or not; default Fashion-MNIST's t10k)" };
    o[n++] = (rs_opt){ "labels", RS_OPT_TEXT, &a->labels, 0, 0, "F", "their labels, IDX (default Fashion-MNIST's t10k)" };
    o[n++] = (rs_opt){ "calib", RS_OPT_TEXT, &a->calib, 0, 0, "F",
                       "calibration images, IDX (default Fashion-MNIST's training set)" };
    o[n++] = (rs_opt){ "calib-count", RS_OPT_INT, &a->calib_count, 1, 60000, "N",
                       "calibration images used (default 1000)" };
    o[n++] = (rs_opt){ "count", RS_OPT_INT, &a->count, 1, 10000000, "N",
                       "test images run on the host references (default all)" };
    o[n++] = (rs_opt){ "hw-images", RS_OPT_INT, &a->hw_images, 0, 10000000, "K",
                       "the first K of them also through the accelerator model (default 0)" };
    o[n++] = (rs_opt){ "batch", RS_OPT_INT, &a->batch, 1, 1024, "B",
                       "images per accelerator run of a layer (its N; default 25)" };
    o[n++] = (rs_opt){ "random-input", RS_OPT_INT, &a->random_input, 0, 1024, "N",
                       "N random images (0..1) instead of a data set, all through the\n"
                       "accelerator (no accuracy; calibrated on --batch other ones)" };
    o[n++] = (rs_opt){ "dram-bw", RS_OPT_REAL, &a->dram_bw, 0, 64, "B",
                       "DRAM link bytes per core cycle (default 0: a beat each way per\ncycle; Eyeriss: 2.4)" };
    o[n++] = (rs_opt){ "dram-latency", RS_OPT_INT, &a->dram_latency, 0, 100000, "N", "DRAM latency in cycles (default 0)" };
    o[n++] = (rs_opt){ "csv", RS_OPT_TEXT, &a->csv, 0, 0, "F.csv", "write the per-layer table as CSV" };
    o[n++] = (rs_opt){ "check", RS_OPT_FLAG, &a->check_only, 0, 1, NULL,
                       "load, lower and check the model (and images), print the layers, exit" };
    o[n++] = (rs_opt){ "onnx-test", RS_OPT_TEXT, &a->onnx_test, 0, 0, "DIR",
                       "run one ONNX node test (model.onnx, test_data_set_0/) quantized,\n"
                       "compare with its expected output" };
    o[n++] = (rs_opt){ "dw", RS_OPT_INT, &a->dw, 8, 16, "8|16", "with --onnx-test: data width (default 16)" };
    return n;
}

static void usage(const rs_opt *opts, int n)
{
    printf("usage: rsnet --model F.onnx [options]\n"
           "Run a network: top-1 accuracy of the float, 16-bit and 8-bit host references;\n"
           "--hw-images K of the images through the accelerator model, every CONV/Gemm/MatMul\n"
           "layer compared bit for bit with the golden reference, with per-layer figures.\n\n");
    rs_opt_usage(stdout, opts, n);
    printf("Exit status: 0 ok, 1 a mismatch or a hardware error, 2 bad input (the model,\n"
           "an unsupported operator or attribute, the images, an option).\n");
}

static int bad(const char *msg)
{
    fprintf(stderr, "rsnet: %s\n", msg);
    return EXIT_BAD_INPUT;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* "what: 120/10000 images, 3 s, about 250 s left" on stderr */
static void progress(const char *what, long done, long total, double t0)
{
    static double last;
    double t = now();
    if (done < total && t - last < (isatty(2) ? 0.5 : 10.0))
        return;
    last = t;
    double left = done ? (t - t0) * (double)(total - done) / (double)done : 0;
    fprintf(stderr, "%s%s: %ld/%ld images, %.0f s, about %.0f s left%s", isatty(2) ? "\r" : "", what, done, total,
            t - t0, left, isatty(2) && done < total ? "   " : "\n");
    fflush(stderr);
}

/* ---------------------------------------------------------------- data */

typedef struct {
    int64_t n, per;      /* images, values per image */
    float *x;            /* n x per, 0..1 */
    uint8_t *labels;     /* n, or NULL */
} dataset;

static void dataset_free(dataset *d)
{
    free(d->x);
    free(d->labels);
    memset(d, 0, sizeof *d);
}

/* IDX images (and labels) that must fit the model's input dims. */
static int load_images(const char *path, const char *labels, int64_t limit, const rs_dims *in, dataset *d,
                       rs_error *err)
{
    rs_idx im, lb;
    char want[64];
    memset(d, 0, sizeof *d);
    if (rs_idx_read(path, limit, &im, err))
        return -1;
    if (im.ndim != 3) {
        rs_idx_free(&im);
        return rs_error_set(err, "%s: not a set of images (IDX with 3 dimensions)", path);
    }
    int64_t h = im.dims[1], w = im.dims[2];
    int fits = (in->rank == 3 && in->d[0] == 1 && in->d[1] == h && in->d[2] == w) ||
               (in->rank == 1 && in->d[0] == h * w);
    if (!fits) {
        rs_idx_free(&im);
        return rs_error_set(err, "%s: the images are 1x%lldx%lld, the model's input is %s per image", path,
                            (long long)h, (long long)w, rs_dims_format(in, want, sizeof want));
    }
    d->n = im.dims[0], d->per = h * w;
    d->x = malloc((size_t)(d->n * d->per) * sizeof *d->x);
    if (!d->x) {
        rs_idx_free(&im);
        return rs_error_set(err, "out of memory for the images");
    }
    for (int64_t i = 0; i < d->n * d->per; i++)
        d->x[i] = (float)im.data[i] / 255.0f;
    rs_idx_free(&im);
    if (labels) {
        if (rs_idx_read(labels, d->n, &lb, err))
            return -1;
        if (lb.ndim != 1 || lb.dims[0] != d->n) {
            rs_idx_free(&lb);
            return rs_error_set(err, "%s: not %lld labels", labels, (long long)d->n);
        }
        d->labels = lb.data;
    }
    return 0;
}

static int random_images(int64_t n, const rs_dims *in, uint64_t seed, dataset *d, rs_error *err)
{
    rs_rng rng;
    memset(d, 0, sizeof *d);
    d->n = n, d->per = rs_dims_count(in);
    d->x = malloc((size_t)(n * d->per) * sizeof *d->x);
    if (!d->x)
        return rs_error_set(err, "out of memory for the random images");
    rs_rng_seed(&rng, seed);
    for (int64_t i = 0; i < n * d->per; i++)
        d->x[i] = (float)(rs_rng_next(&rng) >> 40) / (float)(1 << 24);
    return 0;
}

/* ---------------------------------------------------------------- host runs */

/* maxabs of every value over the calibration images */
static int calibrate(const rs_net *net, const dataset *cal, int batch, rs_calib *c, rs_error *err)
{
    rs_net_state s;
    if (rs_net_state_alloc(&s, net, batch, err))
        return -1;
    s.acc_max = c->acc_max;
    for (int64_t i = 0; i < cal->n; i += batch) {
        int64_t take = cal->n - i < batch ? cal->n - i : batch;
        memset(s.f[net->inputs[0]], 0, (size_t)(batch * cal->per) * sizeof(float));
        memcpy(s.f[net->inputs[0]], cal->x + i * cal->per, (size_t)(take * cal->per) * sizeof(float));
        if (rs_net_run_float(net, &s, err)) {
            rs_net_state_free(&s, net);
            return -1;
        }
        s.N = (int)take;   /* observe only the real images */
        rs_net_observe(net, &s, c->maxabs);
        s.N = batch;
    }
    rs_net_state_free(&s, net);
    return 0;
}

typedef struct {
    long hits[3];    /* float, 16-bit, 8-bit */
    long agree[2];   /* 16/8-bit top-1 equal to float's */
    double seconds;
} host_result;

static int host_references(const rs_net *net, const rs_qnet *qn, const dataset *d, int64_t count, host_result *h,
                           rs_error *err)
{
    enum { B = 100 };
    rs_net_state s;
    int64_t cls = rs_dims_count(&net->values[net->output].dims);
    int *ref = malloc(B * sizeof *ref);
    memset(h, 0, sizeof *h);
    if (!ref || rs_net_state_alloc(&s, net, B, err)) {
        free(ref);
        return rs_error_set(err, "out of memory");
    }
    double t0 = now();
    int rc = 0;
    for (int64_t i = 0; i < count && !rc; i += B) {
        int64_t take = count - i < B ? count - i : B;
        memset(s.f[net->inputs[0]], 0, (size_t)(B * d->per) * sizeof(float));
        memcpy(s.f[net->inputs[0]], d->x + i * d->per, (size_t)(take * d->per) * sizeof(float));
        const float *in = d->x + i * d->per;
        for (int mode = 0; mode < 3 && !rc; mode++) {
            if (mode) {   /* the quantized runs start from the same images */
                memset(s.f[net->inputs[0]], 0, (size_t)(B * d->per) * sizeof(float));
                memcpy(s.f[net->inputs[0]], in, (size_t)(take * d->per) * sizeof(float));
            }
            rc = mode ? rs_qnet_run(net, &qn[mode - 1], &s, NULL, NULL, err) : rs_net_run_float(net, &s, err);
            for (int64_t k = 0; k < take && !rc; k++) {
                int top = rs_argmax(s.f[net->output] + k * cls, cls);
                if (!mode)
                    ref[k] = top;
                else
                    h->agree[mode - 1] += top == ref[k];
                h->hits[mode] += d->labels && top == d->labels[i + k];
            }
        }
        progress("host references (float, 16-bit, 8-bit)", (long)(i + take), (long)count, t0);
    }
    h->seconds = now() - t0;
    rs_net_state_free(&s, net);
    free(ref);
    return rc;
}

/* ---------------------------------------------------------------- accelerator */

static int conv_on_hw(void *ctx, const rs_net *net, int node, const rs_shape *s, const rs_quant *q, const int32_t *x,
                      const int32_t *w, const int32_t *b, int32_t *y, rs_error *err)
{
    hw_run *hr = ctx;
    layer_row *row = &hr->rows[node];
    size_t n = (size_t)s->N * s->M * s->P * s->Q, ni = (size_t)s->N * s->C * s->H * s->W;
    int32_t *golden = malloc((n ? n : 1) * sizeof *golden);
    rs_mapping map;
    rs_run_stats st;
    if (!golden)
        return rs_error_set(err, "out of memory");
    if (hr->layer_progress) {
        fprintf(stderr, "accelerator: layer %s (%s), %llu MACs, %.0f s so far\n", net->nodes[node].name,
                net->nodes[node].op, (unsigned long long)rs_shape_macs(s), now() - hr->start);
        fflush(stderr);
    }
    if (rs_conv_ref(s, q, x, w, b, golden, err)) {
        free(golden);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        y[i] = ~golden[i];   /* an output the hardware never writes must not pass */
    if (rs_run_conv(hr->t, &hr->dev, s, q, x, w, b, y, &map, &st, err)) {
        free(golden);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        row->mismatches += y[i] != golden[i];
    for (size_t i = 0; i < ni; i++)
        row->ifmap_zeros += x[i] == 0;
    row->ifmap_values += ni;
    row->compared += n;
    row->macs += rs_shape_macs(s);
    row->shape = *s;
    row->map = map;
    row->quant = *q;
    report_add_stats(&row->stats, &st);
    row->used = 1;
    free(golden);
    return 0;
}

static int run_accelerator(const rsnet_args *a, int K, const rs_net *net, const rs_qnet *qn, const dataset *d, hw_run *hr)
{
    rs_error err;
    uint32_t hash;
    char sim_dir[4096];
    rs_net_state s;
    int B = a->batch;
    int64_t cls = rs_dims_count(&net->values[net->output].dims);
    if (rs_manifest_hash(a->config, &hash, &err))
        return bad(err.msg);
    if (rs_transport_open_model(&hr->transport, a->config, rs_data_dir("sim", RS_SIM_DIR, sim_dir, sizeof sim_dir), NULL,
                                &err)) {
        fprintf(stderr, "rsnet: %s\n", err.msg);
        return EXIT_MISMATCH;
    }
    hr->t = &hr->transport;
    rs_dram_config dram = { (uint32_t)a->dram_latency, a->dram_bw, 0.0, 1 };
    if (rs_transport_set_dram(hr->t, &dram, &err) || rs_device_open(hr->t, hash, &hr->dev, &err) ||
        rs_net_state_alloc(&s, net, B, &err)) {
        fprintf(stderr, "rsnet: %s\n", err.msg);
        rs_transport_close(hr->t);
        return EXIT_MISMATCH;
    }
    hr->dev.hw.link_bytes = a->dram_bw;
    double t0 = now();
    hr->start = t0;
    hr->layer_progress = K <= B;
    int rc = 0;
    for (int i = 0; i < K && !rc; i += B) {
        int take = K - i < B ? K - i : B;
        memset(s.f[net->inputs[0]], 0, (size_t)(B * d->per) * sizeof(float));
        memcpy(s.f[net->inputs[0]], d->x + (int64_t)i * d->per, (size_t)((int64_t)take * d->per) * sizeof(float));
        if (rs_qnet_run(net, qn, &s, conv_on_hw, hr, &err)) {
            fprintf(stderr, "rsnet: %s\n", err.msg);
            rc = EXIT_MISMATCH;
            break;
        }
        for (int k = 0; k < take; k++) {
            int top = rs_argmax(s.f[net->output] + k * cls, cls);
            hr->hits += d->labels && top == d->labels[i + k];
        }
        hr->images += take;
        hr->batches++;
        progress("accelerator", (long)(i + take), (long)K, t0);
    }
    hr->seconds = now() - t0;
    rs_net_state_free(&s, net);
    rs_transport_close(hr->t);
    return rc;
}

/* Every CONV node's shape for a batch of B maps on the configuration. */
static int check_layers(const rs_net *net, const rs_hw *hw, int B, const char *config, rs_error *err)
{
    for (int k = 0; k < net->n_nodes; k++) {
        rs_shape s;
        rs_mapping map;
        rs_error why;
        if (net->nodes[k].kind != RS_NODE_CONV)
            continue;
        if (rs_net_conv_shape(net, k, B, &s, err))
            return -1;
        if (rs_map_layer(hw, &s, 0.0, &map, &why))
            return rs_error_set(err, "node %s (%s): %s (configuration %s)", net->nodes[k].name, net->nodes[k].op,
                                why.msg, config);
    }
    return 0;
}

/* ---------------------------------------------------------------- main run */

static int run_network(const rsnet_args *a)
{
    rs_net net;
    rs_error err;
    rs_hw hw;
    dataset test = { 0 }, cal = { 0 };
    rs_qnet qn[2];
    int rc = EXIT_BAD_INPUT;
    if (rs_onnx_load(a->model, NULL, 0, &net, &err))
        return bad(err.msg);
    memset(qn, 0, sizeof qn);
    hw_run hr;
    memset(&hr, 0, sizeof hr);
    const rs_dims *in = &net.values[net.inputs[0]].dims;
    if (net.n_inputs != 1) {
        fprintf(stderr, "rsnet: %s: %d graph inputs besides the initializers (only one, the images)\n", a->model,
                net.n_inputs);
        goto out;
    }
    if (rs_manifest_hw(a->config, &hw, &err)) {
        fprintf(stderr, "rsnet: --config: %s\n", err.msg);
        goto out;
    }
    hw.link_bytes = a->dram_bw;
    if (check_layers(&net, &hw, a->batch, a->config, &err)) {
        fprintf(stderr, "rsnet: %s: %s\n", a->model, err.msg);
        goto out;
    }
    int rnd = a->random_input > 0;
    if (rnd ? random_images(a->random_input, in, 1, &test, &err) || random_images(a->batch, in, 2, &cal, &err)
            : load_images(a->images, a->labels, a->count, in, &test, &err) ||
                  load_images(a->calib, NULL, a->calib_count, in, &cal, &err)) {
        fprintf(stderr, "rsnet: %s\n", err.msg);
        goto out;
    }
    report_model(a->model, &net, &hw, a->config);
    if (a->check_only) {
        rc = EXIT_PASS;
        goto out;
    }
    int64_t count = a->count && a->count < test.n ? a->count : test.n;
    int K = rnd ? (int)test.n : a->hw_images;
    if (K > count) {
        fprintf(stderr, "rsnet: --hw-images %d: more than the %lld test images\n", K, (long long)count);
        goto out;
    }
    rs_calib cb = { calloc((size_t)net.n_values, sizeof(double)), calloc((size_t)net.n_nodes, sizeof(double)) };
    int pw16 = hw.dw == 16 ? hw.pw : 32, pw8 = hw.dw == 8 ? hw.pw : 32;
    rc = EXIT_MISMATCH;
    int bad_cal = !cb.maxabs || !cb.acc_max;
    if (bad_cal || calibrate(&net, &cal, a->batch, &cb, &err) || rs_qnet_build(&net, &cb, 16, pw16, &qn[0], &err) ||
        rs_qnet_build(&net, &cb, 8, pw8, &qn[1], &err)) {
        fprintf(stderr, "rsnet: %s\n", bad_cal ? "out of memory" : err.msg);
        bad_cal = 1;
    }
    free(cb.maxabs);
    free(cb.acc_max);
    if (bad_cal)
        goto out;
    report_quant(&net, qn, cal.n, rnd);
    host_result h;
    memset(&h, 0, sizeof h);
    if (!rnd && host_references(&net, qn, &test, count, &h, &err)) {
        fprintf(stderr, "rsnet: %s\n", err.msg);
        goto out;
    }
    if (K > 0) {
        hr.rows = calloc((size_t)net.n_nodes, sizeof *hr.rows);
        if (!hr.rows) {
            fprintf(stderr, "rsnet: out of memory\n");
            goto out;
        }
        test.labels = rnd ? NULL : test.labels;
        rc = run_accelerator(a, K, &net, &qn[hw.dw == 8], &test, &hr);
        if (rc)
            goto out;
    }
    rc = report_results(a->csv, &net, &hw, a->config, rnd ? 0 : count, h.hits, h.agree, h.seconds, K > 0 ? &hr : NULL,
                        &err);
    if (rc == -1) {
        fprintf(stderr, "rsnet: %s\n", err.msg);
        rc = EXIT_MISMATCH;
    }
out:
    free(hr.rows);
    rs_qnet_free(&qn[0], &net);
    rs_qnet_free(&qn[1], &net);
    dataset_free(&test);
    dataset_free(&cal);
    rs_net_free(&net);
    return rc;
}

int main(int argc, char **argv)
{
    rsnet_args a = { .config = RS_DEFAULT_CONFIG, .images = FMNIST "t10k-images-idx3-ubyte.gz",
                     .labels = FMNIST "t10k-labels-idx1-ubyte.gz", .calib = FMNIST "train-images-idx3-ubyte.gz",
                     .calib_count = 1000, .batch = 25, .dw = 16 };
    rs_opt opts[24];
    rs_error err;
    int n = build_options(&a, opts);
    switch (rs_opt_parse(opts, n, argc, argv, NULL, &err)) {
    case RS_OPT_HELP:
        usage(opts, n);
        return EXIT_PASS;
    case RS_OPT_VERSION:
        printf("rsnet %s\n", RS_VERSION);
        return EXIT_PASS;
    case RS_OPT_RUN:
        break;
    default:
        return bad(err.msg);
    }
    if (a.dw != 8 && a.dw != 16)
        return bad("--dw: only 8 or 16");
    if (a.onnx_test)
        return rsnet_onnx_test(a.onnx_test, a.dw);
    if (!a.model)
        return bad("--model: missing (the ONNX file to run)");
    if (a.csv && report_check_path(a.csv, &err))
        return bad(err.msg);
    return run_network(&a);
}
