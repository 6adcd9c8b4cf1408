/* rsrun - run one CONV layer on a generated accelerator's Verilator model and
 * check every output element against the golden reference. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rs_cosim.h"
#include "rs_energy.h"
#include "rs_manifest.h"
#include "rs_npy.h"
#include "rs_perf.h"
#include "rs_rlc.h"

#ifndef RS_SIM_DIR
#define RS_SIM_DIR "sim"
#endif
#ifndef RS_DEFAULT_CONFIG
#define RS_DEFAULT_CONFIG "build/gen/default"
#endif

static void usage(FILE *f)
{
    fprintf(f,
        "usage: rsrun --shape N=1,C=..,M=..,H=..,W=..,R=..,S=..,U=..,pad=..,G=.. [options]\n"
        "Run a CONV layer on the accelerator model and compare it bit for bit with the\n"
        "golden reference.\n\n"
        "  --config DIR     generated configuration (default %s); its Verilator\n"
        "                   model is built on first use\n"
        "  --shape TEXT     layer: C and M count all channels, G groups divide both,\n"
        "                   H and W before padding; defaults N=1 U=1 pad=0 G=1\n"
        "  --ifmap F.npy    activations (N,C,H,W); random when absent\n"
        "  --weights F.npy  weights (M,C/G,R,S); random when absent\n"
        "  --bias F.npy     bias (M), at the accumulator's scale; none when absent\n"
        "  --random-bias    random bias when --bias is absent\n"
        "  --seed S         seed of the random data (default 1)\n"
        "  --zeros F        fraction of zero activations in random data, 0..1 (default 0);\n"
        "                   the mapper and the cycle model take the share counted in the\n"
        "                   ifmap (random or --ifmap)\n"
        "  --shift K        requantization shift (default: dw-1 + half the bits of C/G*R*S)\n"
        "  --relu           apply ReLU\n"
        "  --threshold T    activations with |x| <= T count as zero (gated, or skipped\n"
        "                   with --zero-skip), in hardware and golden; 0..2^(dw-1)-1\n"
        "                   (default 0: only zeros)\n"
        "  --out F.npy      write the hardware's output (N,M,P,Q)\n"
        "  --fst F.fst      dump an FST waveform (slow)\n"
        "  --dram-latency N DRAM latency in cycles (default 0)\n"
        "  --dram-bw B      DRAM link bytes per core cycle, shared by reads and writes\n"
        "                   (default 0: one beat each way per cycle; Eyeriss: 2.4)\n"
        "  --dram-stall P   share 0..0.99 of cycles each AXI channel holds back (default 0)\n"
        "  --no-rlc         send ifmaps uncompressed (default: run-length coded where\n"
        "                   that is shorter)\n"
        "  --fc C=..,M=..[,N=..]  fully connected layer: shorthand for H=W=R=S=1\n"
        "  --explain        print the mapping in Eyeriss's terms and the cycles the\n"
        "                   analytical model expects, then exit without simulating\n"
        "  --run            with --explain: simulate as well, print expected and\n"
        "                   measured cycles\n"
        "  --help           this help\n"
        "Exit status: 0 bit-exact (or explained), 1 mismatch or hardware error,\n"
        "2 bad usage or a layer this configuration cannot run (the message names the limit).\n",
        RS_DEFAULT_CONFIG);
}

static int usage_error(const char *msg)
{
    fprintf(stderr, "rsrun: %s\n", msg);
    return 2;
}

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

int main(int argc, char **argv)
{
    const char *config = RS_DEFAULT_CONFIG, *shape_text = NULL, *ifmap_path = NULL, *weights_path = NULL,
               *bias_path = NULL, *out_path = NULL, *fst_path = NULL;
    long seed = 1, shift = -1;
    const char *thresh_text = NULL;
    double zeros = 0.0;
    int relu = 0, random_bias = 0, explain = 0, run = 0, no_rlc = 0;
    const char *fc_text = NULL;
    rs_dram_config dram = { 0, 0.0, 0.0, 1 };
    char msg[600];

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        static const char *const with_value[] = { "--config", "--shape", "--ifmap", "--weights", "--bias",
                                                  "--out", "--fst", "--seed", "--zeros", "--shift", "--fc", "--threshold",
                                                  "--dram-latency", "--dram-bw", "--dram-stall" };
        int takes_value = 0;
        for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++)
            takes_value |= !strcmp(a, with_value[k]);
        if (takes_value && !next) {
            snprintf(msg, sizeof msg, "%s: missing value", a);
            return usage_error(msg);
        }
        char *end = NULL;
        if (!strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--relu")) {
            relu = 1;
        } else if (!strcmp(a, "--random-bias")) {
            random_bias = 1;
        } else if (!strcmp(a, "--explain")) {
            explain = 1;
        } else if (!strcmp(a, "--run")) {
            run = 1;
        } else if (!strcmp(a, "--no-rlc")) {
            no_rlc = 1;
        } else if (!strcmp(a, "--threshold")) {
            thresh_text = argv[++i];   /* its range depends on the configuration's dw */
        } else if (!strcmp(a, "--fc")) {
            fc_text = argv[++i];
        } else if (!strcmp(a, "--config")) {
            config = argv[++i];
        } else if (!strcmp(a, "--shape")) {
            shape_text = argv[++i];
        } else if (!strcmp(a, "--ifmap")) {
            ifmap_path = argv[++i];
        } else if (!strcmp(a, "--weights")) {
            weights_path = argv[++i];
        } else if (!strcmp(a, "--bias")) {
            bias_path = argv[++i];
        } else if (!strcmp(a, "--out")) {
            out_path = argv[++i];
        } else if (!strcmp(a, "--fst")) {
            fst_path = argv[++i];
        } else if (!strcmp(a, "--seed")) {
            errno = 0;
            seed = strtol(argv[++i], &end, 10);
            if (errno || *end || seed < 0) {
                snprintf(msg, sizeof msg, "--seed: '%s' is not a non-negative integer", argv[i]);
                return usage_error(msg);
            }
        } else if (!strcmp(a, "--zeros")) {
            zeros = strtod(argv[++i], &end);
            if (*end || !(zeros >= 0.0 && zeros <= 1.0)) {
                snprintf(msg, sizeof msg, "--zeros: '%s' is out of range 0..1", argv[i]);
                return usage_error(msg);
            }
        } else if (!strcmp(a, "--shift")) {
            errno = 0;
            shift = strtol(argv[++i], &end, 10);
            if (errno || *end || shift < 0 || shift > 32) {
                snprintf(msg, sizeof msg, "--shift: '%s' is out of range 0..32", argv[i]);
                return usage_error(msg);
            }
        } else if (!strcmp(a, "--dram-latency")) {
            errno = 0;
            long v = strtol(argv[++i], &end, 10);
            if (errno || *end || v < 0 || v > 100000) {
                snprintf(msg, sizeof msg, "--dram-latency: '%s' is out of range 0..100000", argv[i]);
                return usage_error(msg);
            }
            dram.latency = (uint32_t)v;
        } else if (!strcmp(a, "--dram-bw")) {
            dram.bytes_per_cycle = strtod(argv[++i], &end);
            if (*end || !(dram.bytes_per_cycle >= 0.0 && dram.bytes_per_cycle <= 64.0)) {
                snprintf(msg, sizeof msg, "--dram-bw: '%s' is out of range 0..64", argv[i]);
                return usage_error(msg);
            }
        } else if (!strcmp(a, "--dram-stall")) {
            dram.stall = strtod(argv[++i], &end);
            if (*end || !(dram.stall >= 0.0 && dram.stall <= 0.99)) {
                snprintf(msg, sizeof msg, "--dram-stall: '%s' is out of range 0..0.99", argv[i]);
                return usage_error(msg);
            }
        } else {
            snprintf(msg, sizeof msg, "%.200s: unknown option (see --help)", a);
            return usage_error(msg);
        }
    }
    if (shape_text && fc_text)
        return usage_error("--fc: give either --shape or --fc, not both");
    if (!shape_text && !fc_text)
        return usage_error("--shape: missing (e.g. --shape N=1,C=16,M=32,H=15,W=15,R=3,S=3,pad=1)");

    rs_error err;
    rs_shape shape;
    if (fc_text) {
        /* a fully connected layer is a 1x1 convolution of a 1x1 ifmap */
        char full[300];
        if (strstr(fc_text, "H=") || strstr(fc_text, "W=") || strstr(fc_text, "R=") || strstr(fc_text, "S=") ||
            strstr(fc_text, "U=") || strstr(fc_text, "pad="))
            return usage_error("--fc: give only N, C, M (and G); H, W, R, S are 1");
        snprintf(full, sizeof full, "%.200s,H=1,W=1,R=1,S=1", fc_text);
        if (rs_shape_parse(full, &shape, &err)) {
            snprintf(msg, sizeof msg, "--fc: %s", err.msg);
            return usage_error(msg);
        }
    } else if (rs_shape_parse(shape_text, &shape, &err)) {
        snprintf(msg, sizeof msg, "--shape: %s", err.msg);
        return usage_error(msg);
    }

    /* Map the layer before any model is built or opened: a layer the
     * configuration cannot run is a usage error naming the limit. */
    rs_hw hw;
    rs_mapping plan;
    rs_perf perf;
    if (rs_manifest_hw(config, &hw, &err)) {
        fprintf(stderr, "rsrun: --config: %s\n", err.msg);
        return 2;
    }
    hw.link_bytes = dram.bytes_per_cycle;   /* the mapper plans for the run's DRAM link */
    hw.rlc = !no_rlc;
    long thresh = 0;
    if (thresh_text) {
        char *end = NULL;
        errno = 0;
        thresh = strtol(thresh_text, &end, 10);
        if (errno || end == thresh_text || *end || thresh < 0 || thresh > rs_thresh_max(hw.dw)) {
            snprintf(msg, sizeof msg, "--threshold: '%.40s' is out of range 0..%d (the configuration's dw=%d)",
                     thresh_text, rs_thresh_max(hw.dw), hw.dw);
            return usage_error(msg);
        }
    }
    if (shift > hw.pw) {
        snprintf(msg, sizeof msg, "--shift: %ld is out of range 0..%d (the configuration's psum width)", shift,
                 hw.pw);
        return usage_error(msg);
    }
    if (rs_map_layer(&hw, &shape, 0.0, &plan, &err)) {
        snprintf(msg, sizeof msg, "%s: %s (configuration %s)", fc_text ? "--fc" : "--shape", err.msg, config);
        return usage_error(msg);
    }

    /* The layer's data come first: zero-skip time and the size of run-length
     * coded payloads depend on its share of zeros, which the mapper and the
     * model take as the run's driver counts it (rs_zero_share). Only a layer
     * too large to hold can still be explained without them, from --zeros. */
    rs_layer layer;
    int have_data = rs_layer_random(&layer, &shape, hw.dw, hw.pw, (uint64_t)seed, zeros, random_bias, &err) == 0;
    if (!have_data && (run || ifmap_path)) {
        fprintf(stderr, "rsrun: %s\n", err.msg);
        return 1;
    }
    double model_zeros = zeros;
    if (have_data) {
        layer.quant.relu = relu;
        layer.quant.thresh = (int)thresh;
        if (shift >= 0)
            layer.quant.shift = (int)shift;
        int64_t ishape[4] = { shape.N, shape.C, shape.H, shape.W };
        int64_t wshape[4] = { shape.M, shape.C / shape.G, shape.R, shape.S };
        int64_t bshape[1] = { shape.M };
        if ((ifmap_path && load_tensor(ifmap_path, "ifmap", 4, ishape, &layer.ifmap, &err)) ||
            (weights_path && load_tensor(weights_path, "weights", 4, wshape, &layer.weights, &err)) ||
            (bias_path && load_tensor(bias_path, "bias", 1, bshape, &layer.bias, &err))) {
            fprintf(stderr, "rsrun: %s\n", err.msg);
            rs_layer_free(&layer);
            return 2;
        }
        model_zeros = rs_zero_share(layer.ifmap, (size_t)shape.N * shape.C * shape.H * shape.W);
        rs_map_layer(&hw, &shape, model_zeros, &plan, &err);   /* as above, so it maps */
    }
    rs_perf_estimate(&hw, &shape, &plan, bias_path || random_bias, model_zeros, &perf);
    if (explain) {
        char shape_line[256], text[4096];
        rs_shape_format(&shape, shape_line, sizeof shape_line);
        printf("config   %s: %dx%d PEs, dw=%d pw=%d, spads %d/%d/%dx%d\n", config, hw.rows, hw.cols, hw.dw, hw.pw,
               hw.ifmap_spad, hw.filter_spad, hw.psum_spad, hw.psum_banks);
        if (hw.link_bytes > 0.0)
            printf("link     mapping and expected cycles planned for the DRAM link of --dram-bw %.2f bytes per cycle\n",
                   hw.link_bytes);
        printf("layer    %s -> P=%d Q=%d, MACs %llu\n", shape_line, shape.P, shape.Q,
               (unsigned long long)rs_shape_macs(&shape));
        rs_explain_format(&hw, &shape, &plan, &perf, text, sizeof text);
        fputs(text, stdout);
        if (hw.zero_skip || hw.rlc)
            printf("note     the cycle model expects %.1f%% zero activations (%s): %s\n", 100.0 * model_zeros,
                   !have_data   ? "--zeros: the layer's data do not fit in memory"
                   : ifmap_path ? "counted in the --ifmap file"
                                : "counted in the random ifmap of --zeros",
                   hw.zero_skip ? "MAC slots skipped, run-length coded ifmaps" : "run-length coded ifmaps");
        fflush(stdout);
        if (!run) {
            if (have_data)
                rs_layer_free(&layer);
            return 0;
        }
    }

    rs_transport t;
    rs_device dev;
    uint32_t hash;
    int rc = 1;
    if (rs_manifest_hash(config, &hash, &err)) {
        fprintf(stderr, "rsrun: --config: %s\n", err.msg);
        rs_layer_free(&layer);
        return 2;
    }
    if (rs_transport_open_model(&t, config, RS_SIM_DIR, fst_path, &err)) {
        fprintf(stderr, "rsrun: %s\n", err.msg);
        rs_layer_free(&layer);
        return 1;
    }
    dram.seed = (uint64_t)seed;
    if (rs_transport_set_dram(&t, &dram, &err) || rs_device_open(&t, hash, &dev, &err)) {
        fprintf(stderr, "rsrun: %s\n", err.msg);
        goto out;
    }
    if (no_rlc)
        dev.hw.rlc = 0;
    dev.hw.link_bytes = dram.bytes_per_cycle;

    char shape_line[256];
    rs_shape_format(&shape, shape_line, sizeof shape_line);
    printf("config   %s: %dx%d PEs, dw=%d pw=%d, spads %d/%d/%dx%d, %s, hash 0x%08x\n", config, dev.hw.rows,
           dev.hw.cols, dev.hw.dw, dev.hw.pw, dev.hw.ifmap_spad, dev.hw.filter_spad, dev.hw.psum_spad, dev.hw.psum_banks,
           dev.hw.zero_skip ? "zero-skip" : "zero-gating", dev.config_hash);
    printf("layer    %s -> P=%d Q=%d, shift=%d%s%s, threshold %d\n", shape_line, shape.P, shape.Q,
           layer.quant.shift, relu ? ", relu" : "", layer.bias ? ", bias" : "", layer.quant.thresh);
    fflush(stdout);

    rs_cosim_result r;
    if (rs_cosim_run(&t, &dev, &layer, &r, &err)) {
        fprintf(stderr, "rsrun: %s\n", err.msg);
        goto out;
    }
    char map_line[300];
    rs_mapping_format(&r.map, map_line, sizeof map_line);
    printf("mapping  %s\n", map_line);

    uint64_t macs = rs_shape_macs(&shape);
    int pes = dev.hw.rows * dev.hw.cols;
    double util = r.stats.cycles ? (double)macs / ((double)r.stats.cycles * pes) : 0.0;
    uint64_t slots = r.stats.macs + r.stats.gated + r.stats.zskip;
    printf("cycles   %llu in %ld passes; MACs %llu (layer), %llu issued + %llu gated + %llu skipped (hardware)\n",
           (unsigned long long)r.stats.cycles, r.stats.passes, (unsigned long long)macs,
           (unsigned long long)r.stats.macs, (unsigned long long)r.stats.gated, (unsigned long long)r.stats.zskip);
    printf("util     %.1f%% PE utilization (layer MACs / (cycles x %d PEs)), %.1f active PEs on average\n",
           100.0 * util, pes, r.stats.cycles ? (double)r.stats.pe_cycles / (double)r.stats.cycles : 0.0);
    /* what gating and skipping save, against the dense count (every MAC slot) */
    printf("gating   %llu MAC slots: %.1f%% gated, %.1f%% skipped; filter-spad reads skipped %llu, "
           "operand-register loads %llu, psum-spad writes %llu\n",
           (unsigned long long)slots, slots ? 100.0 * (double)r.stats.gated / (double)slots : 0.0,
           slots ? 100.0 * (double)r.stats.zskip / (double)slots : 0.0, (unsigned long long)r.stats.flt_skip,
           (unsigned long long)r.stats.op_loads, (unsigned long long)r.stats.psum_wr);
    printf("memory   DRAM %llu B read, %llu B written; GLB %llu words read, %llu psums written; "
           "%llu cycles waiting for commands\n",
           (unsigned long long)r.stats.dram_rd, (unsigned long long)r.stats.dram_wr,
           (unsigned long long)r.stats.glb_rd, (unsigned long long)r.stats.glb_wr,
           (unsigned long long)r.stats.stalls);
    /* what the command stream (all of the DRAM reads) is made of */
    uint64_t payload = r.stats.filter_words + r.stats.ifmap_words + r.stats.psum_words;
    printf("stream   %llu words read: filter payload %llu, ifmap payload %llu, bias %llu, commands %llu "
           "(headers, IDs, psum and STORE commands)\n",
           (unsigned long long)r.stats.stream_words, (unsigned long long)r.stats.filter_words,
           (unsigned long long)r.stats.ifmap_words, (unsigned long long)r.stats.psum_words,
           (unsigned long long)(r.stats.stream_words > payload ? r.stats.stream_words - payload : 0));
    rs_rlc_figures fig;
    if (rs_rlc_measure(layer.ifmap, (size_t)shape.N * shape.C * shape.H * shape.W, dev.hw.dw, &fig, &err)) {
        fprintf(stderr, "rsrun: %s\n", err.msg);
        goto out;
    }
    printf("ifmap    %.1f%% zeros; tensor %zu B raw, %zu B run-length coded (%.2fx), entropy bound %.0f B "
           "(RLC %.2fx the bound); stream payload %llu words (%s, raw %llu: %.2fx)\n",
           fig.elems ? 100.0 * (double)fig.zeros / (double)fig.elems : 0.0, fig.raw_bytes, fig.rlc_bytes,
           fig.rlc_bytes ? (double)fig.raw_bytes / (double)fig.rlc_bytes : 0.0, fig.entropy_bytes,
           fig.entropy_bytes > 0 ? (double)fig.rlc_bytes / fig.entropy_bytes : 0.0,
           (unsigned long long)r.stats.ifmap_words, dev.hw.rlc ? "RLC where it saves a third" : "uncompressed",
           (unsigned long long)r.stats.ifmap_raw_words,
           r.stats.ifmap_words ? (double)r.stats.ifmap_raw_words / (double)r.stats.ifmap_words : 0.0);
    size_t n_out = (size_t)shape.N * shape.M * shape.P * shape.Q;
    size_t out_zeros = 0;
    for (size_t i = 0; i < n_out; i++)
        out_zeros += r.hw_out[i] == 0;
    printf("ofmap    %.1f%% zeros; the tiles' STOREs wrote %llu words (%s; packed %llu: %.2fx)\n",
           n_out ? 100.0 * (double)out_zeros / (double)n_out : 0.0, (unsigned long long)r.stats.out_words,
           dev.hw.rlc ? "run-length coded" : "packed", (unsigned long long)r.stats.out_raw_words,
           r.stats.out_words ? (double)r.stats.out_raw_words / (double)r.stats.out_words : 0.0);
    printf("noc      %llu filter, %llu ifmap, %llu psum beats in; %llu results out of the array\n",
           (unsigned long long)r.stats.noc_flt, (unsigned long long)r.stats.noc_ifm,
           (unsigned long long)r.stats.noc_psm, (unsigned long long)r.stats.res_words);
    rs_energy ea, ed;
    rs_energy_estimate(&r.stats, &ea, &ed);
    printf("energy   %.4g (normalized, MAC = 1):", ea.total);
    for (int i = 0; i < RS_E_LEVELS; i++)
        printf(" %s %.1f%%%s", rs_energy_level_names[i], ea.total > 0 ? 100.0 * ea.level[i] / ea.total : 0.0,
               i + 1 < RS_E_LEVELS ? "," : ";");
    printf(" without gating %.4g (gating saves %.1f%%)\n", ed.total,
           ed.total > 0 ? 100.0 * (ed.total - ea.total) / ed.total : 0.0);
    if (explain) {
        double off = perf.cycles ? 100.0 * ((double)r.stats.cycles - (double)perf.cycles) / (double)perf.cycles : 0.0;
        printf("measured %llu cycles, expected %llu (%+.1f%%)\n", (unsigned long long)r.stats.cycles,
               (unsigned long long)perf.cycles, off);
    }
    printf("speed    %.0f simulated cycles/s (%.2f s in the model, %.2f s in all)\n",
           r.stats.sim_seconds > 0 ? (double)r.stats.cycles / r.stats.sim_seconds : 0.0, r.stats.sim_seconds,
           r.seconds);

    if (r.mismatches) {
        size_t i = r.first_bad;
        int q = (int)(i % (size_t)shape.Q), p = (int)(i / (size_t)shape.Q % (size_t)shape.P);
        int m = (int)(i / ((size_t)shape.Q * shape.P) % (size_t)shape.M);
        int n = (int)(i / ((size_t)shape.Q * shape.P * shape.M));
        printf("check    FAIL: %zu of %zu outputs differ; first at [n=%d,m=%d,p=%d,q=%d]: expected %d, got %d\n",
               r.mismatches, r.compared, n, m, p, q, r.first_expected, r.first_got);
    } else {
        printf("check    PASS: %zu of %zu outputs bit-exact\n", r.compared, r.compared);
        rc = 0;
    }
    if (out_path) {
        rs_tensor o = { .ndim = 4, .shape = { shape.N, shape.M, shape.P, shape.Q }, .data = r.hw_out };
        if (rs_npy_write(out_path, &o, dev.hw.dw == 8 ? "<i1" : "<i2", &err)) {
            fprintf(stderr, "rsrun: %s\n", err.msg);
            rc = 1;
        }
    }
    rs_cosim_result_free(&r);
out:
    rs_layer_free(&layer);
    rs_transport_close(&t);
    return rc;
}
