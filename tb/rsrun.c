/* rsrun - run one CONV layer on a generated accelerator's Verilator model (or
 * on an FPGA board through its UART bridge, --uart) and check every output
 * element against the golden reference.
 *
 * The layer goes one way: options -> shape -> data -> mapping and expected
 * cycles (--explain) -> run on the model -> report (text, --json) and
 * --out. Everything a user gives is checked before the model starts: a bad
 * option, shape, tensor or output path exits 2 with one line; a mismatch or
 * a hardware error exits 1. docs/rsrun.md explains every report line. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rs_cosim.h"
#include "rs_energy.h"
#include "rs_golden.h"
#include "rs_json.h"
#include "rs_manifest.h"
#include "rs_npy.h"
#include "rs_opt.h"
#include "rs_paths.h"
#include "rs_perf.h"
#include "rs_rlc.h"
#include "rs_uart.h"
#include "rs_version.h"

#ifndef RS_SIM_DIR
#define RS_SIM_DIR "sim"
#endif
#ifndef RS_DEFAULT_CONFIG
#define RS_DEFAULT_CONFIG "build/gen/default"
#endif

enum { EXIT_PASS = 0, EXIT_MISMATCH = 1, EXIT_BAD_INPUT = 2 };

typedef struct {
    const char *config, *shape, *fc, *ifmap, *weights, *bias, *out, *fst, *fst_window, *json, *threshold, *uart;
    long seed, shift;
    double zeros, dram_bw, dram_stall;
    int dram_latency, relu, random_bias, explain, run, no_rlc, baud, timeout;
} rsrun_args;

/* Everything a run decided before the model starts. */
typedef struct {
    rs_hw hw;
    rs_shape shape;
    rs_mapping plan;
    rs_perf perf;
    rs_layer layer;
    int have_data;          /* the tensors fit in memory */
    double model_zeros;     /* share of zero activations the mapper and model take */
    long thresh;
    uint64_t fst_from, fst_to;
} rsrun_layer;

static int build_options(rsrun_args *a, rs_opt *o)
{
    int n = 0;
    o[n++] = (rs_opt){ "config", RS_OPT_TEXT, &a->config, 0, 0, "DIR",
                       "generated configuration (default " RS_DEFAULT_CONFIG ");\nits Verilator model is built on first use" };
    o[n++] = (rs_opt){ "shape", RS_OPT_TEXT, &a->shape, 0, 0, "TEXT",
                       "layer N=1,C=..,M=..,H=..,W=..,R=..,S=..,U=..,pad=..,G=..: C and M\n"
                       "count all channels, G groups divide both, H and W before padding;\n"
                       "defaults N=1 U=1 pad=0 G=1; keys the --ifmap and --weights files\n"
                       "fix may be left out (then --shape itself may be left out)" };
    o[n++] = (rs_opt){ "fc", RS_OPT_TEXT, &a->fc, 0, 0, "C=..,M=..[,N=..]",
                       "fully connected layer: shorthand for H=W=R=S=1" };
    o[n++] = (rs_opt){ "ifmap", RS_OPT_TEXT, &a->ifmap, 0, 0, "F.npy", "activations (N,C,H,W); random when absent" };
    o[n++] = (rs_opt){ "weights", RS_OPT_TEXT, &a->weights, 0, 0, "F.npy", "weights (M,C/G,R,S); random when absent" };
    o[n++] = (rs_opt){ "bias", RS_OPT_TEXT, &a->bias, 0, 0, "F.npy",
                       "bias (M), at the accumulator's scale; none when absent\n"
                       "(.npy dtypes read: int8, int16, int32, int64, uint8, uint16)" };
    o[n++] = (rs_opt){ "random-bias", RS_OPT_FLAG, &a->random_bias, 0, 1, NULL, "random bias when --bias is absent" };
    o[n++] = (rs_opt){ "seed", RS_OPT_LONG, &a->seed, 0, 2147483647.0, "S", "seed of the random data (default 1)" };
    o[n++] = (rs_opt){ "zeros", RS_OPT_REAL, &a->zeros, 0, 1, "F",
                       "fraction of zero activations in random data, 0..1 (default 0);\n"
                       "the mapper and the cycle model take the share counted in the ifmap" };
    o[n++] = (rs_opt){ "shift", RS_OPT_LONG, &a->shift, 0, 32, "K",
                       "requantization shift (default: dw-1 + half the bits of C/G*R*S)" };
    o[n++] = (rs_opt){ "relu", RS_OPT_FLAG, &a->relu, 0, 1, NULL, "apply ReLU" };
    o[n++] = (rs_opt){ "threshold", RS_OPT_TEXT, &a->threshold, 0, 0, "T",
                       "activations with |x| <= T count as zero (gated, or skipped with\n"
                       "--zero-skip), in hardware and golden; 0..2^(dw-1)-1 (default 0)" };
    o[n++] = (rs_opt){ "out", RS_OPT_TEXT, &a->out, 0, 0, "F.npy", "write the hardware's output (N,M,P,Q)" };
    o[n++] = (rs_opt){ "json", RS_OPT_TEXT, &a->json, 0, 0, "F.json", "write every figure of the report as JSON" };
    o[n++] = (rs_opt){ "fst", RS_OPT_TEXT, &a->fst, 0, 0, "F.fst",
                       "dump an FST waveform (slow; open it with the configuration's\nrs_top.gtkw save file)" };
    o[n++] = (rs_opt){ "fst-window", RS_OPT_TEXT, &a->fst_window, 0, 0, "FROM:TO",
                       "with --fst: dump only model cycles FROM..TO-1" };
    o[n++] = (rs_opt){ "dram-latency", RS_OPT_INT, &a->dram_latency, 0, 100000, "N",
                       "DRAM latency in cycles (default 0)" };
    o[n++] = (rs_opt){ "dram-bw", RS_OPT_REAL, &a->dram_bw, 0, 64, "B",
                       "DRAM link bytes per core cycle, shared by reads and writes\n"
                       "(default 0: one beat each way per cycle; Eyeriss: 2.4)" };
    o[n++] = (rs_opt){ "dram-stall", RS_OPT_REAL, &a->dram_stall, 0, 0.99, "P",
                       "share 0..0.99 of cycles each AXI channel holds back (default 0)" };
    o[n++] = (rs_opt){ "no-rlc", RS_OPT_FLAG, &a->no_rlc, 0, 1, NULL,
                       "send ifmaps uncompressed (default: run-length coded where shorter)" };
    o[n++] = (rs_opt){ "uart", RS_OPT_TEXT, &a->uart, 0, 0, "DEV",
                       "run on an FPGA board, through the board top's UART bridge on the\n"
                       "serial port DEV (e.g. /dev/ttyUSB0), instead of the model; --config\n"
                       "names the configuration the board was programmed with" };
    o[n++] = (rs_opt){ "baud", RS_OPT_INT, &a->baud, 1200, 4000000, "N",
                       "with --uart: the serial port's rate (default 115200, the board top's)" };
    o[n++] = (rs_opt){ "timeout", RS_OPT_INT, &a->timeout, 100, 3600000, "MS",
                       "with --uart: how long a reply is awaited (default 2000 ms, plus the\n"
                       "time the line takes to carry the command); the board top simulated\n"
                       "under Icarus (docs/icarus.md) needs minutes" };
    o[n++] = (rs_opt){ "explain", RS_OPT_FLAG, &a->explain, 0, 1, NULL,
                       "print the mapping in Eyeriss's terms and the cycles the analytical\n"
                       "model expects, then exit without simulating" };
    o[n++] = (rs_opt){ "run", RS_OPT_FLAG, &a->run, 0, 1, NULL,
                       "with --explain: simulate as well, print expected and measured cycles" };
    return n;
}

static void usage(const rs_opt *opts, int n)
{
    printf("usage: rsrun [--shape N=..,C=..,M=..,H=..,W=..,R=..,S=..,U=..,pad=..,G=..] [options]\n"
           "Run a CONV layer on the accelerator model (or on a board, --uart) and compare\n"
           "it bit for bit with the golden reference.\n\n");
    rs_opt_usage(stdout, opts, n);
    printf("Exit status: 0 bit-exact (or explained), 1 mismatch or hardware error (with\n"
           "--uart: a board that does not answer), 2 bad input: an option, a shape, a\n"
           "tensor, an output path, a layer this configuration cannot run (the message\n"
           "names the limit), or a --uart board programmed with another configuration.\n");
}

static int bad_input(const char *msg)
{
    fprintf(stderr, "rsrun: %s\n", msg);
    return EXIT_BAD_INPUT;
}

/* ---------------------------------------------------------------- paths */

/* An output path must name a file in a folder that exists and is writable,
 * and not one of the input files. */
static int check_output_path(const char *opt, const char *path, const rsrun_args *a, rs_error *err)
{
    char dir[PATH_MAX];
    struct stat st, in;
    if (!path)
        return 0;
    if (!*path)
        return rs_error_set(err, "--%s: an empty path", opt);
    if (!stat(path, &st) && S_ISDIR(st.st_mode))
        return rs_error_set(err, "--%s: %.200s is a folder (give a file name)", opt, path);
    snprintf(dir, sizeof dir, "%s", path);
    const char *parent = dirname(dir);
    if (stat(parent, &st) || !S_ISDIR(st.st_mode))
        return rs_error_set(err, "--%s: %.200s: the folder %.200s does not exist", opt, path, parent);
    if (access(parent, W_OK))
        return rs_error_set(err, "--%s: %.200s: the folder %.200s is not writable", opt, path, parent);
    const char *inputs[] = { a->ifmap, a->weights, a->bias };
    const char *names[] = { "ifmap", "weights", "bias" };
    for (int i = 0; i < 3; i++)
        if (inputs[i] && !stat(path, &st) && !stat(inputs[i], &in) && st.st_dev == in.st_dev &&
            st.st_ino == in.st_ino)
            return rs_error_set(err, "--%s: %.200s is the --%s file (it would be overwritten)", opt, path, names[i]);
    return 0;
}

static int check_paths(const rsrun_args *a, rsrun_layer *L, rs_error *err)
{
    if (check_output_path("out", a->out, a, err) || check_output_path("json", a->json, a, err) ||
        check_output_path("fst", a->fst, a, err))
        return -1;
    const char *outs[] = { a->out, a->json, a->fst };
    for (int i = 0; i < 3; i++)
        for (int k = i + 1; k < 3; k++)
            if (outs[i] && outs[k] && !strcmp(outs[i], outs[k]))
                return rs_error_set(err, "--%s and --%s: both name %.200s", i == 0 ? "out" : "json",
                                    k == 1 ? "json" : "fst", outs[i]);
    L->fst_from = 0;
    L->fst_to = UINT64_MAX;
    if (a->fst_window) {
        unsigned long long from, to;
        char tail;
        if (!a->fst)
            return rs_error_set(err, "--fst-window: give --fst as well");
        if (sscanf(a->fst_window, "%llu:%llu%c", &from, &to, &tail) != 2 || from >= to || a->fst_window[0] == '-')
            return rs_error_set(err, "--fst-window: '%.60s' is not FROM:TO with FROM < TO (cycles)", a->fst_window);
        L->fst_from = from;
        L->fst_to = to;
    }
    return 0;
}

/* --baud and --timeout go with --uart; the waveform and the DRAM's timing are the
 * model's, a board has neither. */
static int check_uart_options(const rsrun_args *a, rs_error *err)
{
    if (!a->uart) {
        if (a->baud)
            return rs_error_set(err, "--baud: give --uart as well (the serial port to the board)");
        if (a->timeout)
            return rs_error_set(err, "--timeout: give --uart as well (the serial port to the board)");
        return 0;
    }
    if (!*a->uart)
        return rs_error_set(err, "--uart: an empty path (give the serial port, e.g. /dev/ttyUSB0)");
    const char *model_only = a->fst ? "fst" : a->dram_latency ? "dram-latency" : a->dram_bw > 0 ? "dram-bw"
                           : a->dram_stall > 0 ? "dram-stall" : NULL;
    if (model_only)
        return rs_error_set(err, "--%s: a setting of the simulation model, not of a board (--uart)", model_only);
    return 0;
}

/* ---------------------------------------------------------------- shape */

/* 1 if the shape text gives key (as "key=") */
static int shape_has(const char *text, const char *key)
{
    size_t len = strlen(key);
    for (const char *p = text; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
        if (!strncmp(p, key, len) && p[len] == '=')
            return 1;
    return 0;
}

/* The shape from --shape / --fc, with the keys the --ifmap and --weights files
 * fix filled in where the text leaves them out. */
static int resolve_shape(const rsrun_args *a, rs_shape *shape, rs_error *err)
{
    char text[512], sub[160];
    rs_error why;
    if (a->shape && a->fc)
        return rs_error_set(err, "--fc: give either --shape or --fc, not both");
    if (a->fc) {
        if (shape_has(a->fc, "H") || shape_has(a->fc, "W") || shape_has(a->fc, "R") || shape_has(a->fc, "S") ||
            shape_has(a->fc, "U") || shape_has(a->fc, "pad"))
            return rs_error_set(err, "--fc: give only N, C, M (and G); H, W, R, S are 1");
        snprintf(text, sizeof text, "%.200s,H=1,W=1,R=1,S=1", a->fc);
        if (rs_shape_parse(text, shape, &why))
            return rs_error_set(err, "--fc: %s", why.msg);
        return 0;
    }
    snprintf(text, sizeof text, "%.300s", a->shape ? a->shape : "");
    /* N, C, H, W from the ifmap file; M, R, S from the weights file; G from both */
    const char *keys[] = { "N", "C", "H", "W", "M", "R", "S", "G" };
    long long vals[8];
    int known[8] = { 0 };
    rs_tensor t;
    if (a->ifmap) {
        if (rs_npy_read(a->ifmap, &t, err))
            return -1;
        for (int i = 0; i < 4 && t.ndim == 4; i++)
            vals[i] = t.shape[i], known[i] = 1;
        rs_tensor_free(&t);
    }
    if (a->weights) {
        if (rs_npy_read(a->weights, &t, err))
            return -1;
        if (t.ndim == 4) {
            vals[4] = t.shape[0], vals[5] = t.shape[2], vals[6] = t.shape[3];
            known[4] = known[5] = known[6] = 1;
            known[7] = known[1] && t.shape[1] > 0 && vals[1] % t.shape[1] == 0;
            vals[7] = known[7] ? vals[1] / t.shape[1] : 1;
        }
        rs_tensor_free(&t);
    }
    for (int i = 0; i < 8; i++)
        if (known[i] && !shape_has(text, keys[i])) {
            snprintf(sub, sizeof sub, "%s%s=%lld", *text ? "," : "", keys[i], vals[i]);
            strncat(text, sub, sizeof text - strlen(text) - 1);
        }
    if (!*text)
        return rs_error_set(err, "--shape: missing (e.g. --shape N=1,C=16,M=32,H=15,W=15,R=3,S=3,pad=1; "
                                 "or --ifmap and --weights files, whose shapes fix it)");
    if (rs_shape_parse(text, shape, &why))
        return rs_error_set(err, "--shape: %s", why.msg);
    return 0;
}

/* ---------------------------------------------------------------- data */

static int load_tensor(const char *path, const char *what, int ndim, const int64_t *shape, int32_t **out,
                       rs_error *err)
{
    rs_tensor t;
    if (rs_npy_read(path, &t, err))
        return -1;
    int ok = t.ndim == ndim;
    for (int i = 0; ok && i < ndim; i++)
        ok = t.shape[i] == shape[i];
    if (!ok) {
        char want[128] = "", got[128] = "";
        for (int i = 0; i < ndim; i++)
            snprintf(want + strlen(want), sizeof want - strlen(want), "%s%lld", i ? "," : "", (long long)shape[i]);
        for (int i = 0; i < t.ndim; i++)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%lld", i ? "," : "", (long long)t.shape[i]);
        rs_tensor_free(&t);
        return rs_error_set(err, "--%s %s: shape (%s) does not match the layer's (%s)", what, path, got, want);
    }
    free(*out);
    *out = t.data;
    return 0;
}

/* The layer's tensors (random, or from the files), checked against the
 * configuration's widths. A layer whose tensors do not fit in memory can
 * only be explained (from --zeros), not run. */
static int prepare_data(const rsrun_args *a, rsrun_layer *L, rs_error *err)
{
    const rs_shape *s = &L->shape;
    rs_layer *l = &L->layer;
    L->model_zeros = a->zeros;
    L->have_data = rs_layer_random(l, s, L->hw.dw, L->hw.pw, (uint64_t)a->seed, a->zeros, a->random_bias, err) == 0;
    if (!L->have_data) {
        if (a->explain && !a->run && !a->ifmap && !a->weights && !a->bias)
            return 0;
        return rs_error_set(err, "the layer's tensors do not fit in this machine's memory (%s): %.100s",
                            "N*C*H*W + M*C/G*R*S values", err->msg);
    }
    l->quant.relu = a->relu;
    l->quant.thresh = (int)L->thresh;
    if (a->shift >= 0)
        l->quant.shift = (int)a->shift;
    int64_t ishape[4] = { s->N, s->C, s->H, s->W };
    int64_t wshape[4] = { s->M, s->C / s->G, s->R, s->S };
    int64_t bshape[1] = { s->M };
    if ((a->ifmap && load_tensor(a->ifmap, "ifmap", 4, ishape, &l->ifmap, err)) ||
        (a->weights && load_tensor(a->weights, "weights", 4, wshape, &l->weights, err)) ||
        (a->bias && load_tensor(a->bias, "bias", 1, bshape, &l->bias, err)))
        return -1;
    rs_error why;
    if (rs_conv_check_inputs(s, &l->quant, l->ifmap, l->weights, l->bias, &why))
        return rs_error_set(err, "%s", why.msg + (strncmp(why.msg, "golden: ", 8) ? 0 : 8));
    L->model_zeros = rs_zero_share(l->ifmap, (size_t)s->N * s->C * s->H * s->W);
    return 0;
}

/* Configuration, shape, limits, data and mapping: everything before the model. */
static int prepare_layer(const rsrun_args *a, rsrun_layer *L, rs_error *err)
{
    rs_error why;
    if (check_paths(a, L, err) || check_uart_options(a, err) || resolve_shape(a, &L->shape, err))
        return -1;
    if (rs_manifest_hw(a->config, &L->hw, &why))
        return rs_error_set(err, "--config: %s", why.msg);
    L->hw.link_bytes = a->dram_bw;   /* the mapper plans for the run's DRAM link */
    L->hw.rlc = !a->no_rlc;
    L->thresh = 0;
    if (a->threshold) {
        char *end = NULL;
        errno = 0;
        L->thresh = strtol(a->threshold, &end, 10);
        if (errno || end == a->threshold || *end || L->thresh < 0 || L->thresh > rs_thresh_max(L->hw.dw))
            return rs_error_set(err, "--threshold: '%.40s' is out of range 0..%d (the configuration's dw=%d)",
                                a->threshold, rs_thresh_max(L->hw.dw), L->hw.dw);
    }
    if (a->shift > L->hw.pw)
        return rs_error_set(err, "--shift: %ld is out of range 0..%d (the configuration's psum width)", a->shift,
                            L->hw.pw);
    if (rs_map_layer(&L->hw, &L->shape, 0.0, &L->plan, &why))
        return rs_error_set(err, "%s: %s (configuration %s)", a->fc ? "--fc" : "--shape", why.msg, a->config);
    if (prepare_data(a, L, err))
        return -1;
    /* zero-skip time and coded payload sizes depend on the share of zeros */
    if (L->have_data)
        rs_map_layer(&L->hw, &L->shape, L->model_zeros, &L->plan, &why);
    rs_perf_estimate(&L->hw, &L->shape, &L->plan, a->bias || a->random_bias, L->model_zeros, &L->perf);
    return 0;
}

static void print_explain(const rsrun_args *a, const rsrun_layer *L)
{
    char shape_line[256], text[4096];
    const rs_hw *hw = &L->hw;
    rs_shape_format(&L->shape, shape_line, sizeof shape_line);
    printf("config   %s: %dx%d PEs, dw=%d pw=%d, spads %d/%d/%dx%d\n", a->config, hw->rows, hw->cols, hw->dw, hw->pw,
           hw->ifmap_spad, hw->filter_spad, hw->psum_spad, hw->psum_banks);
    if (hw->link_bytes > 0.0)
        printf("link     mapping and expected cycles planned for the DRAM link of --dram-bw %.2f bytes per cycle\n",
               hw->link_bytes);
    printf("layer    %s -> P=%d Q=%d, MACs %llu\n", shape_line, L->shape.P, L->shape.Q,
           (unsigned long long)rs_shape_macs(&L->shape));
    rs_explain_format(hw, &L->shape, &L->plan, &L->perf, text, sizeof text);
    fputs(text, stdout);
    if (hw->zero_skip || hw->rlc)
        printf("note     the cycle model expects %.1f%% zero activations (%s): %s\n", 100.0 * L->model_zeros,
               !L->have_data ? "--zeros: the layer's data do not fit in memory"
               : a->ifmap    ? "counted in the --ifmap file"
                             : "counted in the random ifmap of --zeros",
               hw->zero_skip ? "MAC slots skipped, run-length coded ifmaps" : "run-length coded ifmaps");
    fflush(stdout);
}

/* ---------------------------------------------------------------- report */

/* The figures of a finished run, computed once for the text and the JSON. */
typedef struct {
    uint64_t macs, slots, payload, out_zeros, n_out;
    double util, active_pes;
    rs_rlc_figures ifm;
    rs_energy energy, dense;
} run_figures;

static double pct(double part, double whole)
{
    return whole > 0 ? 100.0 * part / whole : 0.0;
}

static double ratio(double a, double b)
{
    return b > 0 ? a / b : 0.0;
}

static int compute_figures(const rsrun_layer *L, const rs_device *dev, const rs_cosim_result *r, run_figures *f,
                           rs_error *err)
{
    const rs_shape *s = &L->shape;
    const rs_run_stats *st = &r->stats;
    memset(f, 0, sizeof *f);
    f->macs = rs_shape_macs(s);
    f->util = ratio((double)f->macs, (double)st->cycles * dev->hw.rows * dev->hw.cols);
    f->active_pes = ratio((double)st->pe_cycles, (double)st->cycles);
    f->slots = st->macs + st->gated + st->zskip;
    f->payload = st->filter_words + st->ifmap_words + st->psum_words;
    f->n_out = (uint64_t)s->N * s->M * s->P * s->Q;
    for (uint64_t i = 0; i < f->n_out; i++)
        f->out_zeros += r->hw_out[i] == 0;
    rs_energy_estimate(st, &f->energy, &f->dense);
    return rs_rlc_measure(L->layer.ifmap, (size_t)s->N * s->C * s->H * s->W, dev->hw.dw, &f->ifm, err);
}

static void print_report(const rsrun_args *a, const rsrun_layer *L, const rs_device *dev, const rs_cosim_result *r,
                         const run_figures *f)
{
    const rs_run_stats *st = &r->stats;
    char map_line[300];
    rs_mapping_format(&r->map, map_line, sizeof map_line);
    printf("mapping  %s\n", map_line);
    printf("cycles   %llu in %ld passes; MACs %llu (layer), %llu issued + %llu gated + %llu skipped (hardware)\n",
           (unsigned long long)st->cycles, st->passes, (unsigned long long)f->macs, (unsigned long long)st->macs,
           (unsigned long long)st->gated, (unsigned long long)st->zskip);
    printf("util     %.1f%% PE utilization (layer MACs / (cycles x %d PEs)), %.1f active PEs on average\n",
           100.0 * f->util, dev->hw.rows * dev->hw.cols, f->active_pes);
    printf("gating   %llu MAC slots: %.1f%% gated, %.1f%% skipped; filter-spad reads skipped %llu, "
           "operand-register loads %llu, psum-spad writes %llu\n",
           (unsigned long long)f->slots, pct((double)st->gated, (double)f->slots),
           pct((double)st->zskip, (double)f->slots), (unsigned long long)st->flt_skip,
           (unsigned long long)st->op_loads, (unsigned long long)st->psum_wr);
    printf("memory   DRAM %llu B read, %llu B written; GLB %llu words read, %llu psums written; "
           "%llu cycles waiting for commands\n",
           (unsigned long long)st->dram_rd, (unsigned long long)st->dram_wr, (unsigned long long)st->glb_rd,
           (unsigned long long)st->glb_wr, (unsigned long long)st->stalls);
    printf("stream   %llu words read: filter payload %llu, ifmap payload %llu, bias %llu, commands %llu "
           "(headers, IDs, psum and STORE commands)\n",
           (unsigned long long)st->stream_words, (unsigned long long)st->filter_words,
           (unsigned long long)st->ifmap_words, (unsigned long long)st->psum_words,
           (unsigned long long)(st->stream_words > f->payload ? st->stream_words - f->payload : 0));
    printf("ifmap    %.1f%% zeros; tensor %zu B raw, %zu B run-length coded (%.2fx), entropy bound %.0f B "
           "(RLC %.2fx the bound); stream payload %llu words (%s, raw %llu: %.2fx)\n",
           pct((double)f->ifm.zeros, (double)f->ifm.elems), f->ifm.raw_bytes, f->ifm.rlc_bytes,
           ratio((double)f->ifm.raw_bytes, (double)f->ifm.rlc_bytes), f->ifm.entropy_bytes,
           ratio((double)f->ifm.rlc_bytes, f->ifm.entropy_bytes), (unsigned long long)st->ifmap_words,
           dev->hw.rlc ? "RLC where it saves a third" : "uncompressed", (unsigned long long)st->ifmap_raw_words,
           ratio((double)st->ifmap_raw_words, (double)st->ifmap_words));
    printf("ofmap    %.1f%% zeros; the tiles' STOREs wrote %llu words (%s; packed %llu: %.2fx)\n",
           pct((double)f->out_zeros, (double)f->n_out), (unsigned long long)st->out_words,
           dev->hw.rlc ? "run-length coded" : "packed", (unsigned long long)st->out_raw_words,
           ratio((double)st->out_raw_words, (double)st->out_words));
    printf("noc      %llu filter, %llu ifmap, %llu psum beats in; %llu results out of the array\n",
           (unsigned long long)st->noc_flt, (unsigned long long)st->noc_ifm, (unsigned long long)st->noc_psm,
           (unsigned long long)st->res_words);
    printf("energy   %.4g (normalized, MAC = 1):", f->energy.total);
    for (int i = 0; i < RS_E_LEVELS; i++)
        printf(" %s %.1f%%%s", rs_energy_level_names[i], pct(f->energy.level[i], f->energy.total),
               i + 1 < RS_E_LEVELS ? "," : ";");
    printf(" without gating %.4g (gating saves %.1f%%)\n", f->dense.total,
           pct(f->dense.total - f->energy.total, f->dense.total));
    if (a->explain)
        printf("measured %llu cycles, expected %llu (%+.1f%%)\n", (unsigned long long)st->cycles,
               (unsigned long long)L->perf.cycles, pct((double)st->cycles - (double)L->perf.cycles, (double)L->perf.cycles));
    if (a->uart)
        printf("board    %.2f s from START to DONE (polled over the UART), %.2f s in all\n", st->sim_seconds,
               r->seconds);
    else
        printf("speed    %.0f simulated cycles/s (%.2f s in the model, %.2f s in all)\n",
               ratio((double)st->cycles, st->sim_seconds), st->sim_seconds, r->seconds);
    if (r->mismatches) {
        const rs_shape *s = &L->shape;
        size_t i = r->first_bad;
        int q = (int)(i % (size_t)s->Q), p = (int)(i / (size_t)s->Q % (size_t)s->P);
        int m = (int)(i / ((size_t)s->Q * s->P) % (size_t)s->M);
        int n = (int)(i / ((size_t)s->Q * s->P * s->M));
        printf("check    FAIL: %zu of %zu outputs differ; first at [n=%d,m=%d,p=%d,q=%d]: expected %d, got %d\n",
               r->mismatches, r->compared, n, m, p, q, r->first_expected, r->first_got);
    } else {
        printf("check    PASS: %zu of %zu outputs bit-exact\n", r->compared, r->compared);
    }
}

static void json_report(FILE *fp, const rsrun_args *a, const rsrun_layer *L, const rs_device *dev,
                        const rs_cosim_result *r, const run_figures *f)
{
    const rs_run_stats *st = &r->stats;
    const rs_shape *s = &L->shape;
    char text[300];
    rs_json j;
    rs_json_begin(&j, fp);
    rs_json_str(&j, "tool", "rsrun " RS_VERSION);
    rs_json_object(&j, "config");
    rs_json_str(&j, "path", a->config);
    if (a->uart)
        rs_json_str(&j, "uart", a->uart);
    rs_json_int(&j, "rows", dev->hw.rows);
    rs_json_int(&j, "cols", dev->hw.cols);
    rs_json_int(&j, "dw", dev->hw.dw);
    rs_json_int(&j, "pw", dev->hw.pw);
    rs_json_int(&j, "ifmap_spad", dev->hw.ifmap_spad);
    rs_json_int(&j, "filter_spad", dev->hw.filter_spad);
    rs_json_int(&j, "psum_spad", dev->hw.psum_spad);
    rs_json_int(&j, "psum_banks", dev->hw.psum_banks);
    rs_json_bool(&j, "zero_skip", dev->hw.zero_skip);
    rs_json_int(&j, "pe_lanes", dev->hw.pe_lanes);
    rs_json_int(&j, "psum_lanes", dev->hw.psum_lanes);
    snprintf(text, sizeof text, "0x%08x", dev->config_hash);
    rs_json_str(&j, "config_hash", text);
    rs_json_end(&j);
    rs_json_object(&j, "layer");
    rs_shape_format(s, text, sizeof text);
    rs_json_str(&j, "shape", text);
    const char *keys[] = { "N", "C", "M", "H", "W", "R", "S", "U", "pad", "G", "P", "Q" };
    const int vals[] = { s->N, s->C, s->M, s->H, s->W, s->R, s->S, s->U, s->pad, s->G, s->P, s->Q };
    for (int i = 0; i < 12; i++)
        rs_json_int(&j, keys[i], vals[i]);
    rs_json_int(&j, "shift", L->layer.quant.shift);
    rs_json_bool(&j, "relu", L->layer.quant.relu);
    rs_json_bool(&j, "bias", L->layer.bias != NULL);
    rs_json_int(&j, "threshold", L->layer.quant.thresh);
    rs_json_u64(&j, "macs", f->macs);
    rs_json_end(&j);
    rs_mapping_format(&r->map, text, sizeof text);
    rs_json_str(&j, "mapping", text);
    rs_json_object(&j, "cycles");
    rs_json_u64(&j, "measured", st->cycles);
    rs_json_u64(&j, "expected", L->perf.cycles);
    rs_json_int(&j, "passes", st->passes);
    rs_json_real(&j, "pe_utilization", f->util);
    rs_json_real(&j, "active_pes", f->active_pes);
    rs_json_end(&j);
    rs_json_object(&j, "macs");
    rs_json_u64(&j, "slots", f->slots);
    rs_json_u64(&j, "issued", st->macs);
    rs_json_u64(&j, "gated", st->gated);
    rs_json_u64(&j, "skipped", st->zskip);
    rs_json_u64(&j, "filter_spad_reads_skipped", st->flt_skip);
    rs_json_u64(&j, "operand_loads", st->op_loads);
    rs_json_u64(&j, "psum_spad_writes", st->psum_wr);
    rs_json_end(&j);
    rs_json_object(&j, "memory");
    rs_json_u64(&j, "dram_read_bytes", st->dram_rd);
    rs_json_u64(&j, "dram_write_bytes", st->dram_wr);
    rs_json_u64(&j, "glb_words_read", st->glb_rd);
    rs_json_u64(&j, "glb_psums_written", st->glb_wr);
    rs_json_u64(&j, "command_wait_cycles", st->stalls);
    rs_json_end(&j);
    rs_json_object(&j, "stream");
    rs_json_u64(&j, "words", st->stream_words);
    rs_json_u64(&j, "filter_payload", st->filter_words);
    rs_json_u64(&j, "ifmap_payload", st->ifmap_words);
    rs_json_u64(&j, "ifmap_payload_raw", st->ifmap_raw_words);
    rs_json_u64(&j, "bias_payload", st->psum_words);
    rs_json_u64(&j, "commands", st->stream_words > f->payload ? st->stream_words - f->payload : 0);
    rs_json_end(&j);
    rs_json_object(&j, "ifmap");
    rs_json_u64(&j, "elements", f->ifm.elems);
    rs_json_u64(&j, "zeros", f->ifm.zeros);
    rs_json_u64(&j, "raw_bytes", f->ifm.raw_bytes);
    rs_json_u64(&j, "rlc_bytes", f->ifm.rlc_bytes);
    rs_json_real(&j, "entropy_bound_bytes", f->ifm.entropy_bytes);
    rs_json_end(&j);
    rs_json_object(&j, "ofmap");
    rs_json_u64(&j, "elements", f->n_out);
    rs_json_u64(&j, "zeros", f->out_zeros);
    rs_json_u64(&j, "store_words", st->out_words);
    rs_json_u64(&j, "store_words_packed", st->out_raw_words);
    rs_json_end(&j);
    rs_json_object(&j, "noc");
    rs_json_u64(&j, "filter_beats", st->noc_flt);
    rs_json_u64(&j, "ifmap_beats", st->noc_ifm);
    rs_json_u64(&j, "psum_beats", st->noc_psm);
    rs_json_u64(&j, "results", st->res_words);
    rs_json_end(&j);
    rs_json_object(&j, "energy");
    rs_json_real(&j, "total", f->energy.total);
    for (int i = 0; i < RS_E_LEVELS; i++)
        rs_json_real(&j, rs_energy_level_names[i], f->energy.level[i]);
    rs_json_real(&j, "without_gating", f->dense.total);
    rs_json_end(&j);
    rs_json_object(&j, "speed");
    rs_json_real(&j, "cycles_per_second", ratio((double)st->cycles, st->sim_seconds));
    rs_json_real(&j, "model_seconds", st->sim_seconds);
    rs_json_real(&j, "total_seconds", r->seconds);
    rs_json_end(&j);
    rs_json_object(&j, "check");
    rs_json_str(&j, "result", r->mismatches ? "FAIL" : "PASS");
    rs_json_u64(&j, "compared", r->compared);
    rs_json_u64(&j, "mismatches", r->mismatches);
    if (r->mismatches) {
        rs_json_u64(&j, "first_flat_index", r->first_bad);
        rs_json_int(&j, "first_expected", r->first_expected);
        rs_json_int(&j, "first_got", r->first_got);
    }
    rs_json_end(&j);
    rs_json_end(&j);
}

/* path is written through a temporary name, so a failed write leaves nothing */
static int write_json(const char *path, const rsrun_args *a, const rsrun_layer *L, const rs_device *dev,
                      const rs_cosim_result *r, const run_figures *f, rs_error *err)
{
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    FILE *fp = fopen(tmp, "w");
    if (!fp)
        return rs_error_set(err, "--json: %.200s: %s", tmp, strerror(errno));
    json_report(fp, a, L, dev, r, f);
    int bad = ferror(fp);
    if (fclose(fp) || bad || rename(tmp, path)) {
        rs_error_set(err, "--json: %.200s: %s", path, strerror(errno ? errno : EIO));
        remove(tmp);
        return -1;
    }
    return 0;
}

static int write_out(const char *path, const rsrun_layer *L, const rs_device *dev, const rs_cosim_result *r,
                     rs_error *err)
{
    char tmp[PATH_MAX];
    const rs_shape *s = &L->shape;
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    rs_tensor o = { .ndim = 4, .shape = { s->N, s->M, s->P, s->Q }, .data = r->hw_out };
    if (rs_npy_write(tmp, &o, dev->hw.dw == 8 ? "<i1" : "<i2", err) || rename(tmp, path)) {
        remove(tmp);
        return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------- run */

static void format_hw(const rs_hw *hw, uint32_t hash, char *buf, size_t len)
{
    snprintf(buf, len, "%dx%d PEs, dw=%d pw=%d, spads %d/%d/%dx%d, %s%s%s, %ld KB buffer, hash 0x%08x", hw->rows,
             hw->cols, hw->dw, hw->pw, hw->ifmap_spad, hw->filter_spad, hw->psum_spad, hw->psum_banks,
             hw->zero_skip ? "zero-skip" : "zero-gating", hw->pe_lanes == 1 ? ", 1 PE lane" : "",
             hw->psum_lanes == 4 ? ", 4 psum lanes" : "", hw->glb_words * 8 / 1024, hash);
}

/* Print what went wrong on the transport; with --uart the serial line's own
 * error (no answer, a bad reply) is the cause of whatever the driver saw. */
static void report_error(const rs_transport *t, const rs_error *err)
{
    const char *uart = rs_uart_error(t);
    if (uart)
        fprintf(stderr, "rsrun: %s: %s\n", err->msg, uart);
    else
        fprintf(stderr, "rsrun: %s\n", err->msg);
}

/* The board on --uart: its bridge answers, and the accelerator on it is the
 * one --config describes (identity, hash and every size the CSRs report).
 * 0, or the exit status. */
static int open_board(const rsrun_args *a, const rsrun_layer *L, uint32_t hash, rs_transport *t, rs_device *dev)
{
    rs_error err;
    int baud = a->baud ? a->baud : RS_UART_BAUD;
    int rc = rs_transport_open_uart(t, a->uart, baud, a->timeout, &err);
    if (rc) {
        fprintf(stderr, "rsrun: --uart: %s\n", err.msg);
        return rc == RS_UART_BAD_DEVICE ? EXIT_BAD_INPUT : EXIT_MISMATCH;
    }
    if (rs_device_open(t, 0, dev, &err)) {
        if (rs_uart_error(t)) {
            report_error(t, &err);
            return EXIT_MISMATCH;
        }
        fprintf(stderr, "rsrun: --uart %s: %s\n", a->uart, err.msg);
        return EXIT_BAD_INPUT;
    }
    if (rs_uart_error(t)) {
        fprintf(stderr, "rsrun: --uart: %s\n", rs_uart_error(t));
        return EXIT_MISMATCH;
    }
    const rs_hw *b = &dev->hw, *c = &L->hw;
    if (dev->config_hash != hash || b->rows != c->rows || b->cols != c->cols || b->dw != c->dw || b->pw != c->pw ||
        b->ifmap_spad != c->ifmap_spad || b->filter_spad != c->filter_spad || b->psum_spad != c->psum_spad ||
        b->psum_banks != c->psum_banks || b->zero_skip != c->zero_skip || b->glb_words != c->glb_words ||
        (b->pe_lanes == 1) != (c->pe_lanes == 1) || (b->psum_lanes == 4) != (c->psum_lanes == 4)) {
        char board[200], config[200];
        format_hw(b, dev->config_hash, board, sizeof board);
        format_hw(c, hash, config, sizeof config);
        fprintf(stderr, "rsrun: --uart %s: the board's accelerator (%s) is not the one of --config %s (%s): "
                        "program the board with this configuration, or give --config the board's\n",
                a->uart, board, a->config, config);
        return EXIT_BAD_INPUT;
    }
    return 0;
}

static int run_layer(const rsrun_args *a, rsrun_layer *L)
{
    rs_transport t;
    rs_device dev;
    rs_cosim_result r;
    run_figures f;
    rs_error err;
    uint32_t hash;
    char sim_dir[PATH_MAX], shape_line[256];
    int rc = EXIT_MISMATCH;
    const rs_quant *q = &L->layer.quant;

    if (rs_manifest_hash(a->config, &hash, &err)) {
        fprintf(stderr, "rsrun: --config: %s\n", err.msg);
        return EXIT_BAD_INPUT;
    }
    if (a->uart) {
        int brc = open_board(a, L, hash, &t, &dev);
        if (brc) {
            rs_transport_close(&t);
            return brc;
        }
    } else {
        if (rs_transport_open_model_window(&t, a->config, rs_data_dir("sim", RS_SIM_DIR, sim_dir, sizeof sim_dir),
                                           a->fst, L->fst_from, L->fst_to, &err)) {
            fprintf(stderr, "rsrun: %s\n", err.msg);
            return EXIT_MISMATCH;
        }
        rs_dram_config dram = { (uint32_t)a->dram_latency, a->dram_bw, a->dram_stall, (uint64_t)a->seed };
        if (rs_transport_set_dram(&t, &dram, &err) || rs_device_open(&t, hash, &dev, &err)) {
            fprintf(stderr, "rsrun: %s\n", err.msg);
            goto out;
        }
    }
    if (a->no_rlc)
        dev.hw.rlc = 0;
    dev.hw.link_bytes = a->dram_bw;
    rs_shape_format(&L->shape, shape_line, sizeof shape_line);
    printf("config   %s: %dx%d PEs, dw=%d pw=%d, spads %d/%d/%dx%d, %s%s%s, hash 0x%08x\n", a->config, dev.hw.rows,
           dev.hw.cols, dev.hw.dw, dev.hw.pw, dev.hw.ifmap_spad, dev.hw.filter_spad, dev.hw.psum_spad,
           dev.hw.psum_banks, dev.hw.zero_skip ? "zero-skip" : "zero-gating",
           dev.hw.pe_lanes == 1 ? ", 1 PE lane" : "", dev.hw.psum_lanes == 4 ? ", 4 psum lanes" : "",
           dev.config_hash);
    printf("layer    %s -> P=%d Q=%d, shift=%d%s%s, threshold %d\n", shape_line, L->shape.P, L->shape.Q, q->shift,
           q->relu ? ", relu" : "", L->layer.bias ? ", bias" : "", q->thresh);
    fflush(stdout);
    if (rs_cosim_run(&t, &dev, &L->layer, &r, &err)) {
        report_error(&t, &err);
        goto out;
    }
    if (rs_uart_error(&t)) {   /* a CSR the driver read without a reply */
        fprintf(stderr, "rsrun: %s\n", rs_uart_error(&t));
        goto done;
    }
    if (compute_figures(L, &dev, &r, &f, &err)) {
        fprintf(stderr, "rsrun: %s\n", err.msg);
        goto done;
    }
    print_report(a, L, &dev, &r, &f);
    rc = r.mismatches ? EXIT_MISMATCH : EXIT_PASS;
    if ((a->json && write_json(a->json, a, L, &dev, &r, &f, &err)) || (a->out && write_out(a->out, L, &dev, &r, &err))) {
        fprintf(stderr, "rsrun: %s\n", err.msg);
        rc = EXIT_MISMATCH;
    }
done:
    rs_cosim_result_free(&r);
out:
    rs_transport_close(&t);
    return rc;
}

int main(int argc, char **argv)
{
    rsrun_args a = { .config = RS_DEFAULT_CONFIG, .seed = 1, .shift = -1 };
    rsrun_layer L;
    rs_opt opts[32];
    rs_error err;
    int n = build_options(&a, opts);
    memset(&L, 0, sizeof L);

    switch (rs_opt_parse(opts, n, argc, argv, NULL, &err)) {
    case RS_OPT_HELP:
        usage(opts, n);
        return EXIT_PASS;
    case RS_OPT_VERSION:
        printf("rsrun %s\n", RS_VERSION);
        return EXIT_PASS;
    case RS_OPT_RUN:
        break;
    default:
        return bad_input(err.msg);
    }
    if (prepare_layer(&a, &L, &err)) {
        rs_layer_free(&L.layer);
        return bad_input(err.msg);
    }
    int rc = EXIT_PASS;
    if (a.explain)
        print_explain(&a, &L);
    if (!a.explain || a.run)
        rc = run_layer(&a, &L);
    rs_layer_free(&L.layer);
    return rc;
}
