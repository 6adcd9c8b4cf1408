/* rsbench - the benchmarks of `make bench` (AlexNet CONV1-5 at batch 4) and
 * `make bench-vgg` (--network vgg16: VGG-16's CONV layers at batch 3) on a
 * generated array with DRAM at Eyeriss's link rate, every output checked
 * bit for bit, figures from the hardware counters beside the Eyeriss chip's
 * published ones (docs/reference/<network>_eyeriss.csv), and the DRAM
 * traffic against its floor. Prints the tables and writes them as CSV and
 * Markdown (--out BASE: BASE.csv, BASE.md; default build/bench/bench).
 * --layers picks some of the layers (a short run). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rs_cosim.h"
#include "rs_energy.h"
#include "rs_manifest.h"
#include "rs_opt.h"
#include "rs_perf.h"
#include "rs_rlc.h"
#include "rs_version.h"

#define CLOCK_MHZ 200.0

/* A layer of the reference and the chip's figures for it; NAN where the
 * chip's paper gives none (VGG-16: totals only). */
typedef struct {
    char name[16];
    rs_shape shape;
    double eyeriss_ms, eyeriss_proc_ms, eyeriss_zeros_pct, eyeriss_glb_mb, eyeriss_dram_mb, eyeriss_pes;
    double zeros_pct;   /* the share of zeros its random ifmap gets */
} ref_layer;

/* The networks rsbench knows: the reference table and the batch of the
 * chip's published figures. */
typedef struct {
    const char *name, *label, *layers, *csv;
    int batch;
    const char *target;   /* the make target that runs it */
    int plots;            /* tb/plot_bench.sh draws its tables */
} network;

static const network networks[] = {
    { "alexnet", "AlexNet", "CONV1-5", "docs/reference/alexnet_eyeriss.csv", 4, "bench", 1 },
    { "vgg16", "VGG-16", "CONV1_1-CONV5_3", "docs/reference/vgg16_eyeriss.csv", 3, "bench-vgg", 0 },
};

#define MAX_LAYERS 16
#define MAX_FIELDS 32
typedef struct {
    uint64_t cycles, macs, glb_bytes, dram_bytes;
    uint64_t expected;            /* the cycle model's estimate for the mapping run (rs_perf) */
    uint64_t dram_raw_bytes;      /* what the same run reads and writes with ifmaps and outputs uncompressed */
    /* the DRAM bytes by kind: the command stream's filter, ifmap and bias
     * payload and the rest of it (headers, IDs, psum and STORE commands)
     * read; the outputs written */
    uint64_t flt_bytes, ifm_bytes, bias_bytes, cmd_bytes, out_bytes;
    /* the compulsory traffic: every filter, bias, ifmap and output once,
     * uncompressed and with the ifmap and outputs run-length coded */
    uint64_t floor_raw, floor_rlc;
    rs_rlc_figures ifmap;         /* the layer's ifmap tensor */
    rs_energy energy, energy_dense;
    int active_pes;
    double sim_rate;
    int pass;
} measured;

static void add_figures(measured *total, const measured *x)
{
    total->cycles += x->cycles;
    total->expected += x->expected;
    total->macs += x->macs;
    total->glb_bytes += x->glb_bytes;
    total->dram_bytes += x->dram_bytes;
    total->dram_raw_bytes += x->dram_raw_bytes;
    total->flt_bytes += x->flt_bytes;
    total->ifm_bytes += x->ifm_bytes;
    total->bias_bytes += x->bias_bytes;
    total->cmd_bytes += x->cmd_bytes;
    total->out_bytes += x->out_bytes;
    total->floor_raw += x->floor_raw;
    total->floor_rlc += x->floor_rlc;
    total->active_pes += x->active_pes;
    total->ifmap.elems += x->ifmap.elems;
    total->ifmap.zeros += x->ifmap.zeros;
    total->ifmap.raw_bytes += x->ifmap.raw_bytes;
    total->ifmap.rlc_bytes += x->ifmap.rlc_bytes;
    total->ifmap.entropy_bytes += x->ifmap.entropy_bytes;
    for (int k = 0; k < RS_E_LEVELS; k++) {
        total->energy.level[k] += x->energy.level[k];
        total->energy_dense.level[k] += x->energy_dense.level[k];
    }
    total->energy.total += x->energy.total;
    total->energy_dense.total += x->energy_dense.total;
}

static double ratio(double a, double b) { return b > 0 ? a / b : 0.0; }

/* Splits a CSV line in place into at most MAX_FIELDS fields; the count. */
static int split_fields(char *line, char **field)
{
    int n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    for (char *p = line; n < MAX_FIELDS; p++) {
        field[n++] = p;
        p += strcspn(p, ",");
        if (*p == '\0')
            break;
        *p = '\0';
    }
    return n;
}

/* a figure of the chip: NAN where the field is empty, -1 where it is not a number */
static int parse_figure(const char *text, double *value)
{
    char *end;
    if (*text == '\0') {
        *value = NAN;
        return 0;
    }
    *value = strtod(text, &end);
    return *end == '\0' ? 0 : -1;
}

/* The chip's figures in fields 12..18 of a row: power (unused), latency,
 * processing, active PEs, zeros, GLB and DRAM. */
static int parse_figures(char **f, ref_layer *L)
{
    double *dst[] = { &L->eyeriss_ms, &L->eyeriss_proc_ms, &L->eyeriss_pes, &L->eyeriss_zeros_pct,
                      &L->eyeriss_glb_mb, &L->eyeriss_dram_mb };
    for (int k = 0; k < 6; k++)
        if (parse_figure(f[13 + k], dst[k]))
            return -1;
    return 0;
}

/* The reference's rows: layer,H,W,R,S,P,Q,C,M,U,G,macs,power,latency,
 * processing,active_pes,zeros_pct,glb_mb,dram_mb,... (H, W already padded;
 * the chip's figures may be empty), the layers with names starting "CONV"
 * into out, and the TOTAL row's figures (NAN without one) into total. */
static int read_reference(const char *path, int batch, ref_layer *out, int max, ref_layer *total, rs_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return rs_error_set(err, "%s: cannot open", path);
    *total = (ref_layer){ .name = "TOTAL", .eyeriss_ms = NAN, .eyeriss_proc_ms = NAN, .eyeriss_pes = NAN,
                          .eyeriss_zeros_pct = NAN, .eyeriss_glb_mb = NAN, .eyeriss_dram_mb = NAN };
    char line[1024], *fld[MAX_FIELDS];
    int n = 0, bad = 0;
    while (fgets(line, sizeof line, f) && !bad) {
        int is_total = !strncmp(line, "TOTAL,", 6);
        if (strncmp(line, "CONV", 4) && !is_total)
            continue;
        char row[1024];
        snprintf(row, sizeof row, "%s", line);
        if (split_fields(line, fld) < 19) {
            bad = 1;
        } else if (is_total) {
            bad = parse_figures(fld, total);
        } else if (n == max) {
            fclose(f);
            return rs_error_set(err, "%s: more than %d layers", path, max);
        } else {
            ref_layer *L = &out[n];
            int v[10];
            for (int k = 0; k < 10 && !bad; k++) {
                char *end;
                long x = strtol(fld[1 + k], &end, 10);
                bad = *fld[1 + k] == '\0' || *end != '\0' || x < 0 || x > 100000;
                v[k] = (int)x;
            }
            snprintf(L->name, sizeof L->name, "%s", fld[0]);
            bad = bad || parse_figures(fld, L);
            if (!bad) {
                /* v: H W R S P Q C M U G */
                char text[200];
                snprintf(text, sizeof text, "N=%d,C=%d,M=%d,H=%d,W=%d,R=%d,S=%d,U=%d,G=%d", batch, v[6] * v[9],
                         v[7], v[0], v[1], v[2], v[3], v[8], v[9]);
                if (rs_shape_parse(text, &L->shape, err)) {
                    fclose(f);
                    return -1;
                }
                if (L->shape.P != v[4] || L->shape.Q != v[5]) {
                    fclose(f);
                    return rs_error_set(err, "%s: %s gives P=%d Q=%d, the reference says %d %d", path, L->name,
                                        L->shape.P, L->shape.Q, v[4], v[5]);
                }
                n++;
            }
        }
        if (bad) {
            row[strcspn(row, "\r\n")] = '\0';
            fclose(f);
            return rs_error_set(err, "%s: cannot parse the row '%.40s'", path, row);
        }
    }
    fclose(f);
    return n ? n : rs_error_set(err, "%s: no CONV rows", path);
}

/* Keeps the layers a comma-separated list names (e.g. "CONV3,CONV5"), in
 * the reference's order; the count kept, or -1 for a name not there. */
static int select_layers(const char *list, ref_layer *layers, int n, rs_error *err)
{
    int keep[MAX_LAYERS] = { 0 };
    char names[256];
    snprintf(names, sizeof names, "%s", list);
    for (char *tok = strtok(names, ","); tok; tok = strtok(NULL, ",")) {
        int found = 0;
        for (int i = 0; i < n; i++)
            if (!strcmp(layers[i].name, tok))
                keep[i] = found = 1;
        if (!found)
            return rs_error_set(err, "'%s' is not a layer of the reference", tok);
    }
    int k = 0;
    for (int i = 0; i < n; i++)
        if (keep[i])
            layers[k++] = layers[i];
    return k ? k : rs_error_set(err, "no layer named");
}

static double ms(uint64_t cycles) { return (double)cycles / (CLOCK_MHZ * 1e3); }

/* The chip's figures for the layers run: sums (means for active PEs and
 * zeros) where every layer has the figure, else the reference's TOTAL row
 * when all its layers run, else NAN. */
static ref_layer eyeriss_total(const ref_layer *layers, int n, const ref_layer *ref_total, int all_layers)
{
    ref_layer t = { .name = "TOTAL" };
    size_t off[] = { offsetof(ref_layer, eyeriss_ms), offsetof(ref_layer, eyeriss_proc_ms),
                     offsetof(ref_layer, eyeriss_glb_mb), offsetof(ref_layer, eyeriss_dram_mb),
                     offsetof(ref_layer, eyeriss_pes), offsetof(ref_layer, eyeriss_zeros_pct) };
    for (int k = 0; k < 6; k++) {
        double sum = 0.0;
        for (int i = 0; i < n; i++)
            sum += *(const double *)((const char *)&layers[i] + off[k]);
        double *dst = (double *)((char *)&t + off[k]);
        *dst = !isnan(sum) ? (k >= 4 ? sum / n : sum)
               : all_layers ? *(const double *)((const char *)ref_total + off[k]) : NAN;
    }
    return t;
}

/* a figure of the chip for a table (buf: 32 characters); `none` where
 * there is none ("-" in the tables, empty in the CSV) */
static const char *fig(char *buf, const char *fmt, double v, const char *none)
{
    if (isnan(v))
        snprintf(buf, 32, "%s", none);
    else
        snprintf(buf, 32, fmt, v);
    return buf;
}

int main(int argc, char **argv)
{
    const char *config = "build/gen/default", *net_name = "alexnet", *ref_path = NULL,
               *out_base = "build/bench/bench", *only = NULL;
    int batch = 0;
    rs_dram_config dram = { 100, 2.4, 0.0, 1 };
    long latency = dram.latency;
    const rs_opt opts[] = {
        { "config", RS_OPT_TEXT, &config, 0, 0, "DIR", "the generated configuration (default build/gen/default)" },
        { "network", RS_OPT_TEXT, &net_name, 0, 0, "NAME",
          "alexnet (default: CONV1-5, batch 4) or vgg16 (CONV1_1-CONV5_3, batch 3)" },
        { "reference", RS_OPT_TEXT, &ref_path, 0, 0, "CSV",
          "the network's shapes and Eyeriss's figures (default docs/reference/<network>_eyeriss.csv)" },
        { "out", RS_OPT_TEXT, &out_base, 0, 0, "BASE", "writes BASE.csv and BASE.md (default build/bench/bench)" },
        { "batch", RS_OPT_INT, &batch, 1, 64, "N", "images per layer (default: Eyeriss's batch for the network)" },
        { "dram-bw", RS_OPT_REAL, &dram.bytes_per_cycle, 0.01, 1024, "B", "DRAM bytes per core cycle (default 2.4)" },
        { "dram-latency", RS_OPT_LONG, &latency, 0, 100000, "C", "DRAM latency in core cycles (default 100)" },
        { "layers", RS_OPT_TEXT, &only, 0, 0, "LIST", "some of the network's layers, e.g. CONV3,CONV5 (a short run)" },
    };
    int n_opts = (int)(sizeof opts / sizeof opts[0]);
    rs_error err;
    switch (rs_opt_parse(opts, n_opts, argc, argv, NULL, &err)) {
    case RS_OPT_HELP:
        printf("usage: rsbench [OPTION]...\nAlexNet CONV1-5 or VGG-16's CONV layers on a generated array, bit-exact, "
               "beside the Eyeriss chip.\n\n");
        rs_opt_usage(stdout, opts, n_opts);
        return 0;
    case RS_OPT_VERSION:
        printf("rsbench %s\n", RS_VERSION);
        return 0;
    case RS_OPT_RUN:
        break;
    default:
        fprintf(stderr, "rsbench: %s\n", err.msg);
        return 2;
    }
    dram.latency = (uint32_t)latency;
    const network *net = NULL;
    for (size_t k = 0; k < sizeof networks / sizeof networks[0]; k++)
        if (!strcmp(net_name, networks[k].name))
            net = &networks[k];
    if (!net) {
        fprintf(stderr, "rsbench: --network: '%s' is not a network rsbench knows (alexnet, vgg16)\n", net_name);
        return 2;
    }
    int own_reference = ref_path != NULL;
    if (!own_reference)
        ref_path = net->csv;
    if (!batch)
        batch = net->batch;

    ref_layer layers[MAX_LAYERS], ref_total;
    int n_layers = read_reference(ref_path, batch, layers, MAX_LAYERS, &ref_total, &err);
    if (n_layers < 0) {
        fprintf(stderr, "rsbench: %s\n", err.msg);
        return 2;
    }
    /* the share of zeros each layer's random ifmap gets: the chip's per
     * layer, else its network-wide share, except in the first layer (an
     * image: none) */
    for (int i = 0; i < n_layers; i++)
        layers[i].zeros_pct = !isnan(layers[i].eyeriss_zeros_pct) ? layers[i].eyeriss_zeros_pct
                       : i == 0 || isnan(ref_total.eyeriss_zeros_pct) ? 0.0
                                                                      : ref_total.eyeriss_zeros_pct;
    int all_layers = !only;
    if (only && (n_layers = select_layers(only, layers, n_layers, &err)) < 0) {
        fprintf(stderr, "rsbench: --layers: %s\n", err.msg);
        return 2;
    }
    uint32_t hash;
    rs_transport t;
    rs_device dev;
    if (rs_manifest_hash(config, &hash, &err) || rs_transport_open_model(&t, config, RS_SIM_DIR, NULL, &err)) {
        fprintf(stderr, "rsbench: %s\n", err.msg);
        return 1;
    }
    if (rs_transport_set_dram(&t, &dram, &err) || rs_device_open(&t, hash, &dev, &err)) {
        fprintf(stderr, "rsbench: %s\n", err.msg);
        rs_transport_close(&t);
        return 1;
    }
    dev.hw.link_bytes = dram.bytes_per_cycle;   /* the mapper plans for the link */
    int pes = dev.hw.rows * dev.hw.cols;
    char title[300];
    /* "AlexNet CONV1-5", or the layers run of another reference */
    if (own_reference)
        snprintf(title, sizeof title, "%s of %s", only ? only : "the layers", ref_path);
    else
        snprintf(title, sizeof title, "%s %s", net->label, only ? only : net->layers);
    printf("rsbench: %s (%dx%d PEs), %s, batch %d, DRAM %.2f B/cycle (%.0f MB/s at %.0f MHz), "
           "latency %u cycles; ifmap zeros as Eyeriss measured\n",
           config, dev.hw.rows, dev.hw.cols, title, batch, dram.bytes_per_cycle, dram.bytes_per_cycle * CLOCK_MHZ,
           CLOCK_MHZ, dram.latency);

    measured m[MAX_LAYERS] = { 0 };
    measured total = { 0 };
    int failures = 0;
    double sim_seconds = 0.0;
    for (int i = 0; i < n_layers; i++) {
        rs_layer l;
        if (rs_layer_random(&l, &layers[i].shape, dev.hw.dw, dev.hw.pw, 1000 + (uint64_t)i,
                            layers[i].zeros_pct / 100.0, 1, &err)) {
            fprintf(stderr, "rsbench: %s\n", err.msg);
            return 1;
        }
        l.quant.relu = 1;
        rs_cosim_result r;
        if (rs_cosim_run(&t, &dev, &l, &r, &err)) {
            fprintf(stderr, "rsbench: %s: %s\n", layers[i].name, err.msg);
            failures++;
            rs_layer_free(&l);
            continue;
        }
        m[i].cycles = r.stats.cycles;
        m[i].macs = rs_shape_macs(&layers[i].shape);
        m[i].glb_bytes = r.stats.glb_rd * 8 + r.stats.glb_wr * 4;
        m[i].dram_bytes = r.stats.dram_rd + r.stats.dram_wr;
        m[i].dram_raw_bytes = m[i].dram_bytes + 8 * (r.stats.ifmap_raw_words - r.stats.ifmap_words) +
                              8 * (r.stats.out_raw_words - r.stats.out_words);
        m[i].flt_bytes = 8 * r.stats.filter_words;
        m[i].ifm_bytes = 8 * r.stats.ifmap_words;
        m[i].bias_bytes = 8 * r.stats.psum_words;
        m[i].cmd_bytes = r.stats.dram_rd - m[i].flt_bytes - m[i].ifm_bytes - m[i].bias_bytes;
        m[i].out_bytes = r.stats.dram_wr;
        rs_energy_estimate(&r.stats, &m[i].energy, &m[i].energy_dense);
        if (rs_rlc_measure(l.ifmap, (size_t)layers[i].shape.N * layers[i].shape.C * layers[i].shape.H *
                                        layers[i].shape.W, dev.hw.dw, &m[i].ifmap, &err)) {
            fprintf(stderr, "rsbench: %s: %s\n", layers[i].name, err.msg);
            return 1;
        }
        const rs_shape *sh = &layers[i].shape;
        uint64_t weights = (uint64_t)sh->M * (uint64_t)(sh->C / sh->G) * (uint64_t)(sh->R * sh->S);
        uint64_t outputs = (uint64_t)sh->N * sh->M * sh->P * sh->Q;
        uint64_t once = (weights * (uint64_t)dev.hw.dw + (uint64_t)sh->M * (uint64_t)dev.hw.pw) / 8;
        m[i].floor_raw = once + m[i].ifmap.raw_bytes + outputs * (uint64_t)dev.hw.dw / 8;
        m[i].floor_rlc = once + (m[i].ifmap.rlc_bytes < m[i].ifmap.raw_bytes ? m[i].ifmap.rlc_bytes
                                                                              : m[i].ifmap.raw_bytes) +
                         m[i].out_bytes;
        m[i].active_pes = r.map.active_pes;
        /* what --explain would expect: the same mapping, link and share of zeros */
        rs_perf expect;
        rs_perf_estimate(&dev.hw, &layers[i].shape, &r.map, 1,
                         m[i].ifmap.elems ? (double)m[i].ifmap.zeros / (double)m[i].ifmap.elems : 0.0, &expect);
        m[i].expected = expect.cycles;
        m[i].sim_rate = r.stats.sim_seconds > 0 ? (double)r.stats.cycles / r.stats.sim_seconds : 0.0;
        m[i].pass = r.mismatches == 0;
        failures += !m[i].pass;
        sim_seconds += r.stats.sim_seconds;
        add_figures(&total, &m[i]);
        printf("  %s: %llu cycles, %s (%zu outputs)\n", layers[i].name, (unsigned long long)m[i].cycles,
               m[i].pass ? "bit-exact" : "MISMATCH", r.compared);
        fflush(stdout);
        rs_cosim_result_free(&r);
        rs_layer_free(&l);
    }
    total.sim_rate = sim_seconds > 0 ? (double)total.cycles / sim_seconds : 0.0;
    rs_transport_close(&t);

    char path[512];
    snprintf(path, sizeof path, "%s.csv", out_base);
    FILE *csv = fopen(path, "w");
    snprintf(path, sizeof path, "%s.md", out_base);
    FILE *md = fopen(path, "w");
    if (!csv || !md) {
        fprintf(stderr, "rsbench: %s.csv, %s.md: cannot write: %s\n", out_base, out_base, strerror(errno));
        return 1;
    }
    fprintf(csv, "layer,cycles,model_cycles,ms_200mhz,eyeriss_ms,eyeriss_processing_ms,active_pes,eyeriss_active_pes,"
                 "util_pct,eyeriss_util_pct,glb_mb,eyeriss_glb_mb,dram_mb,eyeriss_dram_mb,sim_cycles_per_s,bit_exact\n");
    char zeros_text[200];
    if (!isnan(layers[0].eyeriss_zeros_pct))
        snprintf(zeros_text, sizeof zeros_text, "the zero share Eyeriss measured per layer");
    else
        snprintf(zeros_text, sizeof zeros_text, "the zero share Eyeriss measured over the network (%.1f%%; "
                 "none in the first layer's image)", ref_total.eyeriss_zeros_pct);
    fprintf(md, "<!-- written by `make %s` (build/bin/rsbench); do not edit -->\n"
                "# Benchmark: %s, batch %d\n\n"
                "%s (%dx%d PEs, %d-bit data), DRAM link %.2f bytes per core cycle (Eyeriss: 64 bit at 60 MHz "
                "for a 200 MHz core), latency %u cycles; ifmaps with %s, every output compared with the golden "
                "reference. Times are hardware cycles at "
                "200 MHz; \"ours\" figures are the hardware counters. Eyeriss: JSSC 2017 (processing "
                "latency at batch %d; utilization = MACs / (168 x processing cycles); \"-\" where the paper gives "
                "the network's figure only). Model: the cycles the "
                "cycle model (sw/rs_perf.c, `rsrun --explain`) expects for the same mapping, link and share of "
                "zeros, and how far the measurement is from it. GLB: bytes of buffer traffic "
                "(ours: 8 B words read + 4 B psums written). DRAM: bytes read + written.\n\n"
                "| layer | cycles | model | vs model | ms | Eyeriss ms | active PEs | Eyeriss | util | Eyeriss util | GLB MB | "
                "Eyeriss GLB MB | DRAM MB | Eyeriss DRAM MB | sim cycles/s | check |\n"
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n",
            net->target, title, batch, config, dev.hw.rows, dev.hw.cols, dev.hw.dw,
            dram.bytes_per_cycle, dram.latency, zeros_text, net->batch);
    printf("\n%-7s %11s %11s %7s %8s %8s %5s %5s %6s %6s %8s %8s %8s %8s %9s\n", "layer", "cycles", "model",
           "vs mod.", "ms", "eyeriss",
           "PEs", "eyer.", "util", "eyer.", "GLB MB", "eyer.", "DRAM MB", "eyer.", "sim c/s");
    ref_layer ey_total = eyeriss_total(layers, n_layers, &ref_total, all_layers);
    for (int i = 0; i <= n_layers; i++) {
        int is_total = i == n_layers;
        const measured *x = is_total ? &total : &m[i];
        const ref_layer *e = is_total ? &ey_total : &layers[i];
        double pes_ours = is_total ? (double)total.active_pes / n_layers : x->active_pes;
        double util = x->cycles ? 100.0 * (double)x->macs / ((double)x->cycles * pes) : 0.0;
        double e_util = 100.0 * (double)x->macs * net->batch / batch / (e->eyeriss_proc_ms * CLOCK_MHZ * 1e3 * 168);
        const char *check = is_total ? (failures ? "FAIL" : "PASS") : (x->pass ? "PASS" : "FAIL");
        double vs_model = x->expected ? 100.0 * ((double)x->cycles / (double)x->expected - 1.0) : 0.0;
        char f[6][32];
        printf("%-7s %11llu %11llu %+6.1f%% %8.2f %8s %5.0f %5s %5.1f%% %6s %8.2f %8s %8.2f %8s %9.0f %s\n", e->name,
               (unsigned long long)x->cycles, (unsigned long long)x->expected, vs_model, ms(x->cycles),
               fig(f[0], "%.2f", e->eyeriss_proc_ms, "-"), pes_ours, fig(f[1], "%.0f", e->eyeriss_pes, "-"), util,
               fig(f[2], "%.1f%%", e_util, "-"), (double)x->glb_bytes / 1e6,
               fig(f[3], "%.2f", e->eyeriss_glb_mb, "-"), (double)x->dram_bytes / 1e6,
               fig(f[4], "%.2f", e->eyeriss_dram_mb, "-"), x->sim_rate, check);
        fprintf(md, "| %s | %llu | %llu | %+.1f%% | %.2f | %s | %.0f | %s | %.1f%% | %s | %.2f | %s | %.2f | %s | %.0f | %s |\n",
                e->name, (unsigned long long)x->cycles, (unsigned long long)x->expected, vs_model, ms(x->cycles),
                f[0], pes_ours, f[1], util, f[2], (double)x->glb_bytes / 1e6, f[3], (double)x->dram_bytes / 1e6,
                f[4], x->sim_rate, check);
        /* the CSV leaves the chip's missing figures empty */
        fprintf(csv, "%s,%llu,%llu,%.3f,%s,%s,%.1f,%s,%.1f,%s,%.3f,%s,%.3f,%s,%.0f,%d\n", e->name,
                (unsigned long long)x->cycles, (unsigned long long)x->expected, ms(x->cycles),
                fig(f[0], "%.2f", e->eyeriss_ms, ""), fig(f[1], "%.2f", e->eyeriss_proc_ms, ""), pes_ours,
                fig(f[2], "%.1f", e->eyeriss_pes, ""), util, fig(f[3], "%.1f", e_util, ""),
                (double)x->glb_bytes / 1e6, fig(f[4], "%.2f", e->eyeriss_glb_mb, ""), (double)x->dram_bytes / 1e6,
                fig(f[5], "%.2f", e->eyeriss_dram_mb, ""), x->sim_rate, !strcmp(check, "PASS"));
    }
    fprintf(md, "\nDense bound: MACs / %d PEs = %.1f ms (ours: %.1f%% of its speed). Simulation: %.0f s in the "
                "model.%s\n", pes, ms(total.macs / (uint64_t)pes),
            100.0 * ratio((double)(total.macs / (uint64_t)pes), (double)total.cycles), sim_seconds,
            !net->plots ? "" : " Plots: [results.md](results.md) (`make docs` copies them beside "
                                                "this file).");

    /* second table: sparsity, DRAM and energy */
    fprintf(md, "\n## Sparsity, DRAM and energy\n\n"
                "Ifmap: zeros in the layer's ifmap tensor (Eyeriss: measured on real images), its size run-length "
                "coded against 16-bit raw, and the RLC size against the order-0 entropy bound of the same data "
                "(sw/rs_rlc.c). DRAM: bytes read + written by the hardware with RLC ifmap payloads and RLC outputs, "
                "beside the same run's bytes with every ifmap payload and output uncompressed (counted by the "
                "driver; outputs packed 16-bit), per image. "
                "Energy: normalized (MAC = 1) estimate from the counters (sw/rs_energy.h: DRAM 200, GLB 6, NoC 2, "
                "RF 1, MAC 1 per 16-bit access), with zero-gating as run and without it (every MAC slot a MAC), "
                "and the share of each level.\n\n"
                "| layer | ifmap zeros | Eyeriss | RLC ratio | RLC / entropy | DRAM MB/image | raw MB/image | "
                "Eyeriss MB/image | energy (1e9) | no gating (1e9) | DRAM | GLB | NoC | RF | MAC |\n"
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    fprintf(csv, "\nlayer,ifmap_zeros_pct,eyeriss_ifmap_zeros_pct,rlc_ratio,rlc_over_entropy,dram_mb_per_image,"
                 "dram_raw_mb_per_image,eyeriss_dram_mb_per_image,energy_1e9,energy_no_gating_1e9,"
                 "dram_pct,glb_pct,noc_pct,rf_pct,mac_pct\n");
    printf("\n%-7s %6s %6s %6s %8s %9s %9s %9s %9s %9s  %s\n", "layer", "zeros", "eyer.", "RLC", "RLC/H",
           "DRAM MB/i", "raw MB/i", "eyer.", "E 1e9", "dense 1e9", "energy DRAM/GLB/NoC/RF/MAC");
    for (int i = 0; i <= n_layers; i++) {
        int is_total = i == n_layers;
        const measured *x = is_total ? &total : &m[i];
        const ref_layer *e = is_total ? &ey_total : &layers[i];
        const char *name = e->name;
        char f[4][32];
        double zeros = 100.0 * ratio((double)x->ifmap.zeros, (double)x->ifmap.elems);
        double rlc = ratio((double)x->ifmap.raw_bytes, (double)x->ifmap.rlc_bytes);
        double vs_h = ratio((double)x->ifmap.rlc_bytes, x->ifmap.entropy_bytes);
        double dram_i = (double)x->dram_bytes / 1e6 / batch, raw_i = (double)x->dram_raw_bytes / 1e6 / batch;
        double share[RS_E_LEVELS];
        for (int k = 0; k < RS_E_LEVELS; k++)
            share[k] = 100.0 * ratio(x->energy.level[k], x->energy.total);
        double e_dram_i = e->eyeriss_dram_mb / net->batch;
        printf("%-7s %5.1f%% %6s %5.2fx %7.2fx %9.2f %9.2f %9s %9.3f %9.3f  %.0f/%.0f/%.0f/%.0f/%.0f%%\n", name,
               zeros, fig(f[0], "%.1f%%", e->eyeriss_zeros_pct, "-"), rlc, vs_h, dram_i, raw_i,
               fig(f[1], "%.2f", e_dram_i, "-"), x->energy.total / 1e9, x->energy_dense.total / 1e9, share[0],
               share[1], share[2], share[3], share[4]);
        fprintf(md, "| %s | %.1f%% | %s | %.2fx | %.2fx | %.2f | %.2f | %s | %.3f | %.3f | %.0f%% | %.0f%% | "
                    "%.0f%% | %.0f%% | %.0f%% |\n", name, zeros, f[0], rlc, vs_h, dram_i, raw_i, f[1],
                x->energy.total / 1e9, x->energy_dense.total / 1e9, share[0], share[1], share[2], share[3],
                share[4]);
        fprintf(csv, "%s,%.2f,%s,%.3f,%.3f,%.3f,%.3f,%s,%.4f,%.4f,%.1f,%.1f,%.1f,%.1f,%.1f\n", name, zeros,
                fig(f[2], "%.2f", e->eyeriss_zeros_pct, ""), rlc, vs_h, dram_i, raw_i,
                fig(f[3], "%.3f", e_dram_i, ""),
                x->energy.total / 1e9, x->energy_dense.total / 1e9, share[0], share[1], share[2], share[3],
                share[4]);
    }

    /* third table: what the DRAM traffic is made of, against the floor */
    fprintf(md, "\n## DRAM traffic by kind\n\n"
                "MB per image. Read: the command stream, split into the filter payload, the ifmap payload (run-length "
                "coded where that saves a third), the bias (the only psums that cross the link: partial sums stay "
                "in the global buffer until requantized, none is spilled) and the commands themselves (DATA "
                "headers, IDs, psum and STORE commands); written: the outputs (run-length coded). Floor: the "
                "compulsory traffic, every filter, bias, ifmap and output once, uncompressed (raw) and with the "
                "ifmaps and outputs run-length coded (RLC).\n\n"
                "| layer | filters | ifmaps | bias | commands | outputs | total | floor raw | floor RLC | "
                "vs floor RLC | Eyeriss |\n"
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    fprintf(csv, "\nlayer,filter_mb_per_image,ifmap_mb_per_image,bias_mb_per_image,command_mb_per_image,"
                 "output_mb_per_image,dram_mb_per_image,floor_raw_mb_per_image,floor_rlc_mb_per_image,"
                 "eyeriss_dram_mb_per_image\n");
    printf("\n%-7s %9s %9s %9s %9s %9s %9s %9s %9s %8s %9s  (DRAM MB per image)\n", "layer", "filters", "ifmaps",
           "bias", "commands", "outputs", "total", "floor raw", "floor RLC", "vs RLC", "eyeriss");
    for (int i = 0; i <= n_layers; i++) {
        const measured *x = i == n_layers ? &total : &m[i];
        const ref_layer *e = i == n_layers ? &ey_total : &layers[i];
        double f = 1e6 * batch, v[] = { (double)x->flt_bytes / f, (double)x->ifm_bytes / f,
                                        (double)x->bias_bytes / f, (double)x->cmd_bytes / f,
                                        (double)x->out_bytes / f, (double)x->dram_bytes / f,
                                        (double)x->floor_raw / f, (double)x->floor_rlc / f };
        double vs_floor = ratio((double)x->dram_bytes, (double)x->floor_rlc);
        char ey[2][32];
        fig(ey[0], "%.3f", e->eyeriss_dram_mb / net->batch, "-");
        fig(ey[1], "%.4f", e->eyeriss_dram_mb / net->batch, "");
        printf("%-7s", e->name);
        fprintf(csv, "%s", e->name);
        fprintf(md, "| %s |", e->name);
        for (int k = 0; k < 8; k++) {
            printf(" %9.3f", v[k]);
            fprintf(csv, ",%.4f", v[k]);
            fprintf(md, " %.3f |", v[k]);
        }
        printf(" %7.2fx %9s\n", vs_floor, ey[0]);
        fprintf(csv, ",%s\n", ey[1]);
        fprintf(md, " %.2fx | %s |\n", vs_floor, ey[0]);
    }
    fclose(csv);
    fclose(md);
    printf("\ndense bound %.1f ms; wrote %s.csv and %s.md\n", ms(total.macs / (uint64_t)pes), out_base, out_base);
    return failures ? 1 : 0;
}
