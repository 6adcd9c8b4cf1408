/* test_net.c - rsnet end to end: a few Fashion-MNIST images through the
 * committed model on the small configuration, bit-exact; bad models and
 * images refused with one line and exit 2 before any simulation, nothing
 * written; ONNX's node tests give the results docs/net.md's table states. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include "test_util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "onnx.pb-c.h"
#include "rs_idx.h"
#include "rs_onnx.h"

#define RSNET RS_BUILD "/bin/rsnet"
#define MODEL RS_ROOT "/sw/net/models/fmnist_cnn.onnx"
#define SMALL "--config " RS_BUILD "/gen/small"
#define NODE_TESTS "/usr/share/libonnx-testdata/data/node"

static void tmp_path(char *buf, size_t len, const char *name)
{
    snprintf(buf, len, "%s/rsnet-%ld-%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(), name);
}

static int lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* the bytes of path (caller frees) */
static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc(*len);
    cr_assert_eq(fread(buf, 1, *len, f), *len);
    fclose(f);
    return buf;
}

static void spit(const char *path, const void *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "%s", path);
    cr_assert_eq(fwrite(buf, 1, len, f), len);
    fclose(f);
}

/* rsnet on `model` (plus args) must exit 2 with one line holding every
 * needle, and leave no --csv file behind */
static void expect_refused(const char *model, const char *args, const char *const *needles, int n)
{
    char cmd[2048], out[8192], csv[300];
    tmp_path(csv, sizeof csv, "refused.csv");
    remove(csv);
    snprintf(cmd, sizeof cmd, "%s --model %s %s --csv %s %s --count 20 --hw-images 4 --batch 2", RSNET, model, SMALL,
             csv, args);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 2, "%s: %s", cmd, out);
    cr_expect_eq(lines(out), 1, "not one line: %s", out);
    cr_expect(!strncmp(out, "rsnet: ", 7), "%s", out);
    for (int i = 0; i < n; i++)
        cr_expect(strstr(out, needles[i]) != NULL, "'%s' lacks '%s'", out, needles[i]);
    cr_expect_neq(access(csv, F_OK), 0, "--csv %s written on bad input", csv);
}

Test(net, fmnist_images_bit_exact_on_small_array, .timeout = 300)
{
    char cmd[2048], out[16384], csv[300];
    tmp_path(csv, sizeof csv, "layers.csv");
    snprintf(cmd, sizeof cmd, "%s --model %s %s --count 200 --hw-images 4 --batch 2 --csv %s", RSNET, MODEL, SMALL, csv);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
    cr_expect(strstr(out, "check    PASS") != NULL, "%s", out);
    cr_expect(strstr(out, "4 images in 2 runs of each layer") != NULL, "%s", out);
    /* the three layers of the model ran on the array, each bit-exact */
    const char *layers[] = { "features.0/Conv", "features.3/Conv", "/fc/Gemm" };
    for (int i = 0; i < 3; i++) {
        const char *p = strstr(out, layers[i]);
        cr_expect(p && (p = strstr(p, "accelerator")), "%s: not on the accelerator", layers[i]);
    }
    /* the host references agree with the trained model's accuracy (about 89%) */
    double f = 0, a16 = 0, a8 = 0;
    const char *acc = strstr(out, "top-1 float");
    cr_assert_not_null(acc, "%s", out);
    cr_assert_eq(sscanf(acc, "top-1 float %lf%%, 16-bit %lf%% (%*s points), 8-bit %lf%%", &f, &a16, &a8), 3, "%s", acc);
    cr_expect(f > 80.0 && a16 > f - 2.0 && a8 > f - 4.0, "%s", acc);
    /* the CSV: a header and one row per accelerator layer, no mismatches */
    size_t len;
    char *text = (char *)slurp(csv, &len);
    text = realloc(text, len + 1);
    text[len] = '\0';
    cr_expect_eq(lines(text), 4, "%s", text);
    cr_expect(strstr(text, "/fc/Gemm,Gemm,2,784,10,1,1,1,1,1,0,1,") != NULL, "%s", text);
    cr_expect(strstr(text, ",0\n") != NULL, "%s", text);
    free(text);
    remove(csv);
}

Test(net, bad_files)
{
    char path[300], text[300];
    size_t len;
    uint8_t *model = slurp(MODEL, &len);
    /* truncated: the first half, and all but the last byte */
    tmp_path(path, sizeof path, "half.onnx");
    spit(path, model, len / 2);
    expect_refused(path, "", (const char *const[]){ "not an ONNX model, or a truncated one" }, 1);
    spit(path, model, len - 1);
    expect_refused(path, "", (const char *const[]){ "half.onnx" }, 1);
    /* not ONNX at all, empty, missing */
    snprintf(text, sizeof text, "this is not a protobuf message\n");
    spit(path, text, strlen(text));
    expect_refused(path, "", (const char *const[]){ "not an ONNX model" }, 1);
    spit(path, text, 0);
    expect_refused(path, "", (const char *const[]){ "an empty file" }, 1);
    remove(path);
    expect_refused(path, "", (const char *const[]){ "No such file" }, 1);
    free(model);
}

/* The model, changed by fn, written to a temporary file. */
static void edited_model(const char *name, void (*fn)(Onnx__ModelProto *), char *path, size_t plen)
{
    size_t len;
    uint8_t *buf = slurp(MODEL, &len);
    Onnx__ModelProto *m = onnx__model_proto__unpack(NULL, len, buf);
    cr_assert_not_null(m);
    size_t n_init = m->graph->n_initializer;
    fn(m);
    size_t n = onnx__model_proto__get_packed_size(m);
    uint8_t *out = malloc(n);
    onnx__model_proto__pack(m, out);
    m->graph->n_initializer = n_init;   /* a dropped initializer stays in the array, freed with m */
    tmp_path(path, plen, name);
    spit(path, out, n);
    free(out);
    free(buf);
    onnx__model_proto__free_unpacked(m, NULL);
}

/* fc.weight swapped to the end of the initializers and left out */
static void drop_fc_weight(Onnx__ModelProto *m)
{
    Onnx__GraphProto *g = m->graph;
    for (size_t i = 0; i < g->n_initializer; i++)
        if (!strcmp(g->initializer[i]->name, "fc.weight")) {
            Onnx__TensorProto *t = g->initializer[i];
            g->initializer[i] = g->initializer[--g->n_initializer];
            g->initializer[g->n_initializer] = t;
            return;
        }
    cr_assert_fail("no fc.weight initializer");
}

static void dilate_conv(Onnx__ModelProto *m)
{
    Onnx__NodeProto *n = m->graph->node[0];
    cr_assert_str_eq(n->op_type, "Conv");
    for (size_t i = 0; i < n->n_attribute; i++)
        if (!strcmp(n->attribute[i]->name, "dilations"))
            n->attribute[i]->ints[0] = n->attribute[i]->ints[1] = 2;
}

static void asymmetric_pads(Onnx__ModelProto *m)
{
    Onnx__NodeProto *n = m->graph->node[0];
    for (size_t i = 0; i < n->n_attribute; i++)
        if (!strcmp(n->attribute[i]->name, "pads"))
            n->attribute[i]->ints[2] = 0;
}

/* a node without its op_type (an optional field: protobuf-c leaves it NULL;
 * found by fuzz_onnx) */
static void drop_op_type(Onnx__ModelProto *m)
{
    free(m->graph->node[0]->op_type);   /* protobuf-c's default allocator */
    m->graph->node[0]->op_type = NULL;
}

Test(net, bad_models_refused_before_simulation)
{
    char path[300];
    edited_model("noinit.onnx", drop_fc_weight, path, sizeof path);
    expect_refused(path, "", (const char *const[]){ "/fc/Gemm (Gemm)", "fc.weight", "missing initializer" }, 3);
    edited_model("dilated.onnx", dilate_conv, path, sizeof path);
    expect_refused(path, "", (const char *const[]){ "node /features/features.0/Conv (Conv)", "attribute dilations=2,2" },
                   2);
    edited_model("noop.onnx", drop_op_type, path, sizeof path);
    expect_refused(path, "", (const char *const[]){ "node /features/features.0/Conv ()", "not supported" }, 2);
    edited_model("asym.onnx", asymmetric_pads, path, sizeof path);
    expect_refused(path, "", (const char *const[]){ "(Conv)", "attribute pads=1,1,0,1", "asymmetric" }, 3);
    remove(path);
}

Test(net, unknown_operator_refused)
{
    char path[300];
    size_t len;
    uint8_t *buf = slurp(MODEL, &len);
    Onnx__ModelProto *m = onnx__model_proto__unpack(NULL, len, buf);
    cr_assert_not_null(m);
    char *keep = m->graph->node[1]->op_type;
    m->graph->node[1]->op_type = "LpPool";
    size_t n = onnx__model_proto__get_packed_size(m);
    uint8_t *out = malloc(n);
    onnx__model_proto__pack(m, out);
    m->graph->node[1]->op_type = keep;
    onnx__model_proto__free_unpacked(m, NULL);
    tmp_path(path, sizeof path, "lppool.onnx");
    spit(path, out, n);
    expect_refused(path, "", (const char *const[]){ "node /features/features.1/Relu (LpPool)", "not supported" }, 2);
    remove(path);
    free(out);
    free(buf);
}

Test(net, images_not_matching_the_input)
{
    char path[300];
    /* an IDX file of two 32x32 images */
    uint8_t idx[16 + 2 * 32 * 32] = { 0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 32, 0, 0, 0, 32 };
    tmp_path(path, sizeof path, "img32.idx");
    spit(path, idx, sizeof idx);
    char args[400];
    snprintf(args, sizeof args, "--images %s", path);
    expect_refused(MODEL, args, (const char *const[]){ "images are 1x32x32", "1x28x28" }, 2);
    spit(path, idx, 20);
    expect_refused(MODEL, args, (const char *const[]){ "truncated" }, 1);
    remove(path);
}

/* IDX headers that claim more than the file holds (found by fuzz_idx): more
 * than 2^32 bytes of items once read as a short file's 4096 bytes; a 0 x
 * 33554432 image; both refused, and no allocation beyond the file's size */
Test(net, idx_headers_beyond_the_file)
{
    char path[300];
    rs_idx t;
    rs_error err;
    uint8_t big[16 + 4096] = { 0, 0, 8, 3, 0, 0x10, 0, 1, 0, 0, 0, 64, 0, 0, 0, 64 };   /* 1048577 x 64 x 64 */
    tmp_path(path, sizeof path, "big.idx");
    spit(path, big, sizeof big);
    cr_expect_eq(rs_idx_read(path, 0, &t, &err), -1, "a 4 GiB claim in a 4 KiB file was read");
    cr_expect(strstr(err.msg, "truncated") && !t.data, "%s", err.msg);
    uint8_t flat[16 + 8] = { 0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0 };   /* 2 x 0 x 33554432 */
    spit(path, flat, sizeof flat);
    cr_expect_eq(rs_idx_read(path, 0, &t, &err), -1, "an image side of 33554432 was accepted");
    cr_expect(strstr(err.msg, "dimensions out of range") && !t.data, "%s", err.msg);
    remove(path);
}

/* docs/net.md's conformance table: every row's 16-bit and 8-bit results
 * (pass: exit 0, FAIL: exit 1, refused: exit 2) are what rsnet gives. */
Test(net, onnx_node_tests_as_the_table_says, .timeout = 300)
{
    FILE *f = fopen(RS_ROOT "/docs/net.md", "r");
    cr_assert_not_null(f);
    char line[1024], name[128], r16[16], r8[16], cmd[600], out[4096];
    int rows = 0, passes = 0;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "| %127[a-z0-9_] | %15[a-zA-Z] | %15[a-zA-Z] |", name, r16, r8) != 3 || strncmp(name, "test_", 5))
            continue;
        const char *res[2] = { r16, r8 };
        for (int k = 0; k < 2; k++) {
            int want = !strcmp(res[k], "pass") ? 0 : !strcmp(res[k], "FAIL") ? 1 : 2;
            cr_expect(want != 2 || !strcmp(res[k], "refused"), "%s: '%s'", name, res[k]);
            snprintf(cmd, sizeof cmd, "%s --onnx-test %s/%s --dw %d", RSNET, NODE_TESTS, name, k ? 8 : 16);
            int rc = run_cmd(cmd, out, sizeof out);
            cr_expect_eq(rc, want, "%s at %d bits: the table says %s, rsnet: %s", name, k ? 8 : 16, res[k], out);
            cr_expect(want != 2 || lines(out) == 1, "%s: %s", name, out);
            passes += !k && rc == 0;
        }
        rows++;
    }
    fclose(f);
    cr_expect_geq(rows, 80, "only %d rows in docs/net.md's table", rows);
    cr_expect_geq(passes, 45, "only %d node tests pass at 16 bits", passes);
}

/* Every proper prefix of the model is refused by the loader with one line
 * (a cut between two fields still leaves something missing: the graph's
 * end, the opset import). */
Test(net, every_truncation_refused, .timeout = 120)
{
    size_t len;
    uint8_t *model = slurp(MODEL, &len);
    rs_net net;
    rs_error err;
    cr_assert_eq(rs_onnx_load_buffer(model, len, "m", NULL, 0, &net, &err), 0, "%s", err.msg);
    rs_net_free(&net);
    long tried = 0;
    for (size_t cut = 0; cut < len; cut += 1 + cut / 4000) {
        int rc = rs_onnx_load_buffer(model, cut, "m", NULL, 0, &net, &err);
        cr_expect_eq(rc, -1, "a prefix of %zu bytes was loaded", cut);
        tried++;
        if (!rc)
            rs_net_free(&net);
        cr_expect(!strncmp(err.msg, "m: ", 3) && !strchr(err.msg, '\n'), "%s", err.msg);
    }
    cr_expect_gt(tried, 10000, "only %ld prefixes", tried);
    free(model);
}

/* The tiny model (sw/net/train_fmnist.py tiny) holds every operator rsnet
 * lowers: Conv with BatchNormalization folded in, fused and host ReLU, a
 * residual Add, MaxPool, AveragePool, Concat, GlobalAveragePool, Flatten,
 * MatMul (its weights a folded Transpose), Gemm, Softmax. Quantized at 16
 * and 8 bits it stays within the tolerance of PyTorch's output, and its six
 * accelerator layers run bit-exact on the small array. */
Test(net, tiny_model_every_operator, .timeout = 120)
{
    char cmd[1024], out[16384];
    for (int dw = 16; dw >= 8; dw -= 8) {
        snprintf(cmd, sizeof cmd, "%s --onnx-test %s/sw/net/models/tiny --dw %d", RSNET, RS_ROOT, dw);
        cr_expect_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
        cr_expect(strstr(out, "PASS: 15 outputs") != NULL, "%s", out);
        double ferr = 1;
        const char *p = strstr(out, "float reference ");
        cr_expect(p && sscanf(p, "float reference %lf", &ferr) == 1 && ferr < 1e-5, "float: %s", out);
    }
    snprintf(cmd, sizeof cmd, "%s --model %s/sw/net/models/tiny/model.onnx %s --random-input 3 --batch 3", RSNET,
             RS_ROOT, SMALL);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
    cr_expect(strstr(out, "check    PASS: 3489 of 3489") != NULL, "%s", out);
    const char *layers[] = { "/conv1/Conv", "/conv2/Conv", "/branch1/Conv", "/branch2/Conv", "/fc1/MatMul", "/fc2/Gemm" };
    for (int i = 0; i < 6; i++)
        cr_expect(strstr(out, layers[i]) != NULL, "%s missing: %s", layers[i], out);
    cr_expect(strstr(out, "BatchNormalization") == NULL, "BatchNormalization not folded: %s", out);
}
