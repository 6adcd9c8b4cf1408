/* rsregress - make the list of co-simulation layers `make regress` runs.
 *
 * Draws seeded random layers (shapes over the ranges the hardware supports,
 * zeros fraction, bias, ReLU, shift, activation threshold) for a set of
 * generated configurations and writes each as a complete rsrun command line, so any layer is
 * reproduced by copying its line. Layer i depends only on (--seed, i), not
 * on --count, so a longer run starts with the same layers; --first F starts
 * at layer F, so a long run splits into chunks (tests/farm/) that together
 * are the same layers as one run. Each layer is
 * kept small with the analytical cycle model (rs_perf): a draw whose
 * expected cycles exceed the configuration's budget is drawn again.
 *
 * --full adds the full-size reference layers (AlexNet CONV1-5, VGG-16
 * CONV1_1, CONV3_1, CONV5_1) on the default configuration, and --limits a
 * few layers each configuration must refuse (rsrun exit status 2).
 *
 * Output: --list prints "name<TAB>expected-status<TAB>command" lines;
 * --makefile F writes a makefile with one target per layer (for make -j)
 * whose log files tests/regress_summary.sh reads. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rs_manifest.h"
#include "rs_mapper.h"
#include "rs_opt.h"
#include "rs_perf.h"
#include "rs_random.h"
#include "rs_shape.h"
#include "rs_version.h"

#define MAX_CONFIGS 16

typedef struct {
    char name[64];
    char dir[512];
    rs_hw hw;
    double budget;    /* expected cycles allowed per random layer */
} config;

typedef struct {
    char name[64];
    int status;       /* the exit status rsrun must return */
    char cmd[1024];
} layer;

static void usage(const rs_opt *opts, int n)
{
    printf("usage: rsregress [OPTION]... (--list | --makefile F --logs DIR)\n"
           "Seeded random co-simulation layers as rsrun command lines.\n\n");
    rs_opt_usage(stdout, opts, n);
}

static int fail(const char *what, const char *why)
{
    fprintf(stderr, "rsregress: %s: %s\n", what, why);
    return 2;
}

/* uniform in [lo, hi] with small values more likely: sizes of real layers
 * spread over decades, and small ones keep the run short */
static int draw_size(rs_rng *r, int lo, int hi)
{
    int a = rs_rng_range(r, lo, hi), b = rs_rng_range(r, lo, hi);
    return a < b ? a : b;
}

static int chance(rs_rng *r, int percent) { return rs_rng_range(r, 0, 99) < percent; }

/* One random layer for configuration c; 0 when it fits the budget. */
static int draw_layer(rs_rng *r, const config *c, rs_shape *s)
{
    memset(s, 0, sizeof *s);
    s->N = chance(r, 80) ? 1 : rs_rng_range(r, 2, 3);
    int max_s = 11;
    if (max_s > c->hw.ifmap_spad)
        max_s = c->hw.ifmap_spad;
    if (max_s > c->hw.filter_spad)
        max_s = c->hw.filter_spad;
    int kind = rs_rng_range(r, 0, 99);
    int cg, mg;
    if (kind < 10) {                       /* fully connected: a 1x1 convolution of a 1x1 ifmap */
        s->G = 1;
        cg = draw_size(r, 1, 512);
        mg = draw_size(r, 1, 128);
        s->H = s->W = s->R = s->S = 1;
        s->U = 1;
        s->pad = 0;
    } else {
        int g = rs_rng_range(r, 0, 99);
        s->G = g < 65 ? 1 : g < 85 ? rs_rng_range(r, 2, 4) : 0;   /* 0: depthwise, below */
        cg = draw_size(r, 1, 40);
        mg = draw_size(r, 1, 48);
        if (!s->G) {
            s->G = draw_size(r, 2, 24);
            cg = 1;
            mg = chance(r, 70) ? 1 : 2;
        }
        s->R = rs_rng_range(r, 1, 11);
        s->S = chance(r, 70) ? (s->R < max_s ? s->R : max_s) : rs_rng_range(r, 1, max_s);
        s->U = chance(r, 55) ? 1 : rs_rng_range(r, 2, 4);
        int pmax = s->R > s->S ? s->R - 1 : s->S - 1;
        s->pad = chance(r, 40) ? 0 : rs_rng_range(r, 0, pmax < 5 ? pmax : 5);
        /* the filter must fit the padded input */
        int hmin = s->R - 2 * s->pad, wmin = s->S - 2 * s->pad;
        s->H = draw_size(r, hmin > 1 ? hmin : 1, 40);
        s->W = draw_size(r, wmin > 1 ? wmin : 1, 40);
    }
    s->C = cg * s->G;
    s->M = mg * s->G;
    rs_error err;
    rs_mapping m;
    rs_perf p;
    if (rs_shape_check(s, &err) || rs_map_layer(&c->hw, s, 0.0, &m, &err))
        return -1;
    /* the dense estimate (no zeros) even on zero-skip arrays: the layers
     * drawn do not depend on the zero-skip model */
    rs_perf_estimate(&c->hw, s, &m, 1, 0.0, &p);
    return (double)p.cycles <= c->budget ? 0 : -1;
}

static int add(layer **v, size_t *n, size_t *cap, const char *name, int status, const char *cmd)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 256;
        layer *p = realloc(*v, nc * sizeof *p);
        if (!p)
            return -1;
        *v = p;
        *cap = nc;
    }
    layer *l = &(*v)[(*n)++];
    snprintf(l->name, sizeof l->name, "%s", name);
    l->status = status;
    snprintf(l->cmd, sizeof l->cmd, "%s", cmd);
    return 0;
}

int main(int argc, char **argv)
{
    long count = 200, seed = 1, first = 0;
    double budget = 1500000;
    const char *configs = "default,small,dw8,wide,zskip,zskip8", *gen_dir = "build/gen", *rsrun = "build/bin/rsrun";
    const char *makefile = NULL, *logs = NULL, *uart = NULL;
    long baud = 115200, timeout = 0;
    int list = 0, full = 0, limits = 0;
    const rs_opt opts[] = {
        { "count", RS_OPT_LONG, &count, 0, 1e7, "N", "random layers (default 200), spread round-robin over the configurations" },
        { "first", RS_OPT_LONG, &first, 0, 1e9, "F",
          "the first random layer's index (default 0): layers F..F+N-1, layer i\non configuration i mod (number of configurations)" },
        { "seed", RS_OPT_LONG, &seed, 0, 2147483647.0, "S", "master seed (default 1); layer i depends only on (S, i)" },
        { "configs", RS_OPT_TEXT, &configs, 0, 0, "LIST",
          "configuration names under --gen-dir (default default,small,dw8,wide,zskip,zskip8)" },
        { "gen-dir", RS_OPT_TEXT, &gen_dir, 0, 0, "DIR", "where the configurations are (default build/gen)" },
        { "rsrun", RS_OPT_TEXT, &rsrun, 0, 0, "PATH", "rsrun to call (default build/bin/rsrun)" },
        { "budget", RS_OPT_REAL, &budget, 1, 1e12, "C",
          "expected cycles of a random layer on a 168-PE array, scaled by\n168/PEs for other sizes (default 1500000)" },
        { "full", RS_OPT_FLAG, &full, 0, 1, NULL, "add the full-size AlexNet CONV1-5 and VGG-16 CONV1_1/3_1/5_1 layers" },
        { "limits", RS_OPT_FLAG, &limits, 0, 1, NULL, "add layers each configuration must refuse (exit status 2)" },
        { "list", RS_OPT_FLAG, &list, 0, 1, NULL, "print name, expected exit status and command, tab-separated" },
        { "makefile", RS_OPT_TEXT, &makefile, 0, 0, "F", "write a makefile running every layer into --logs DIR" },
        { "logs", RS_OPT_TEXT, &logs, 0, 0, "DIR", "where the makefile's layers write their logs" },
        { "uart", RS_OPT_TEXT, &uart, 0, 0, "DEV",
          "run every layer on an FPGA board on serial port DEV (rsrun --uart);\n--configs names the one configuration the board was programmed with" },
        { "baud", RS_OPT_LONG, &baud, 1200, 4000000, "N", "with --uart: the serial port's rate (default 115200)" },
        { "timeout", RS_OPT_LONG, &timeout, 100, 3600000, "MS",
          "with --uart: how long rsrun awaits a reply (rsrun --timeout; default rsrun's)" },
    };
    int n_opts = (int)(sizeof opts / sizeof opts[0]);
    rs_error perr;
    switch (rs_opt_parse(opts, n_opts, argc, argv, NULL, &perr)) {
    case RS_OPT_HELP:
        usage(opts, n_opts);
        return 0;
    case RS_OPT_VERSION:
        printf("rsregress %s\n", RS_VERSION);
        return 0;
    case RS_OPT_RUN:
        break;
    default:
        fprintf(stderr, "rsregress: %s\n", perr.msg);
        return 2;
    }
    if (list == !!makefile)
        return fail("--list/--makefile", "give exactly one");
    if (makefile && !logs)
        return fail("--logs", "missing (the directory the makefile writes logs into)");

    config cfg[MAX_CONFIGS];
    int ncfg = 0;
    char names[512];
    snprintf(names, sizeof names, "%s", configs);
    for (char *tok = strtok(names, ","); tok; tok = strtok(NULL, ",")) {
        if (ncfg == MAX_CONFIGS)
            return fail("--configs", "too many configurations");
        config *c = &cfg[ncfg++];
        rs_error err;
        snprintf(c->name, sizeof c->name, "%s", tok);
        snprintf(c->dir, sizeof c->dir, "%s/%s", gen_dir, tok);
        if (rs_manifest_hw(c->dir, &c->hw, &err))
            return fail("--configs", err.msg);
        c->budget = budget * 168.0 / (c->hw.rows * c->hw.cols);
    }
    if (!ncfg)
        return fail("--configs", "empty");
    char runner[1024];
    if (uart) {
        if (ncfg != 1)
            return fail("--uart", "give exactly one configuration in --configs: the one the board was programmed with");
        if (full)
            return fail("--uart", "--full runs the default 12x14 configuration, not a board's");
        int k = snprintf(runner, sizeof runner, "%s --uart %s --baud %ld", rsrun, uart, baud);
        if (timeout && k > 0 && (size_t)k < sizeof runner)
            snprintf(runner + k, sizeof runner - (size_t)k, " --timeout %ld", timeout);
        rsrun = runner;
    }

    layer *v = NULL;
    size_t n = 0, cap = 0;
    char cmd[1024], name[64];
    if (full) {
        /* full size, batch 1, the share of zeros Eyeriss measured per layer
         * (AlexNet; VGG-16: its 58.6% average); longest first for make -j */
        static const struct { const char *name, *shape; double zeros; } ref[] = {
            { "vgg16-conv3_1", "C=128,M=256,H=56,W=56,R=3,S=3,pad=1", 0.586 },
            { "vgg16-conv1_1", "C=3,M=64,H=224,W=224,R=3,S=3,pad=1", 0.0 },
            { "vgg16-conv5_1", "C=512,M=512,H=14,W=14,R=3,S=3,pad=1", 0.586 },
            { "alexnet-conv2", "C=96,M=256,H=27,W=27,R=5,S=5,pad=2,G=2", 0.387 },
            { "alexnet-conv3", "C=256,M=384,H=13,W=13,R=3,S=3,pad=1", 0.725 },
            { "alexnet-conv4", "C=384,M=384,H=13,W=13,R=3,S=3,pad=1,G=2", 0.793 },
            { "alexnet-conv5", "C=384,M=256,H=13,W=13,R=3,S=3,pad=1,G=2", 0.776 },
            { "alexnet-conv1", "C=3,M=96,H=227,W=227,R=11,S=11,U=4", 0.0001 },
        };
        for (size_t k = 0; k < sizeof ref / sizeof ref[0]; k++) {
            snprintf(cmd, sizeof cmd, "%s --config %s/default --shape N=1,%s --zeros %g --relu --random-bias --explain --run",
                     rsrun, gen_dir, ref[k].shape, ref[k].zeros);
            if (add(&v, &n, &cap, ref[k].name, 0, cmd))
                return fail("memory", "out of memory");
        }
    }
    for (long i = first; i < first + count; i++) {
        const config *c = &cfg[i % ncfg];
        rs_rng r;
        rs_rng_seed(&r, (uint64_t)seed * 1000003u + (uint64_t)i);
        rs_shape s;
        int tries = 0;
        while (draw_layer(&r, c, &s))
            if (++tries == 1000)
                return fail(c->name, "no random layer fits the cycle budget (raise --budget)");
        char shape[256], extra[128] = "";
        rs_shape_format(&s, shape, sizeof shape);
        int zr = rs_rng_range(&r, 0, 99);
        double zeros = zr < 10 ? 0.0 : zr < 15 ? 1.0 : rs_rng_range(&r, 0, 95) / 100.0;
        int bias = chance(&r, 50), relu = chance(&r, 50);
        if (chance(&r, 40))
            snprintf(extra, sizeof extra, " --shift %d", rs_rng_range(&r, 0, c->hw.pw));
        unsigned data_seed = (unsigned)rs_rng_range(&r, 1, 1000000);
        /* drawn last, so the layers before it stay what they were: some layers
         * with an activation threshold (up to a quarter of the data range) */
        if (chance(&r, 20))
            snprintf(extra + strlen(extra), sizeof extra - strlen(extra), " --threshold %d",
                     rs_rng_range(&r, 1, 1 << (c->hw.dw - 2)));
        snprintf(cmd, sizeof cmd, "%s --config %s --shape %s --seed %u --zeros %.2f%s%s%s --explain --run", rsrun,
                 c->dir, shape, data_seed, zeros, bias ? " --random-bias" : "", relu ? " --relu" : "", extra);
        snprintf(name, sizeof name, "r%03ld-%.40s", i, c->name);
        if (add(&v, &n, &cap, name, 0, cmd))
            return fail("memory", "out of memory");
    }
    if (limits)
        for (int k = 0; k < ncfg; k++) {
            const config *c = &cfg[k];
            /* a filter row one wider than the ifmap spad */
            int S = c->hw.ifmap_spad + 1;
            if (S <= RS_SHAPE_RS_MAX) {
                snprintf(cmd, sizeof cmd, "%s --config %s --shape C=2,M=2,H=%d,W=%d,R=3,S=%d --explain", rsrun,
                         c->dir, S + 2, S + 2, S);
                snprintf(name, sizeof name, "limit-spad-%.40s", c->name);
                if (add(&v, &n, &cap, name, 2, cmd))
                    return fail("memory", "out of memory");
            }
            /* a threshold beyond the data width */
            snprintf(cmd, sizeof cmd, "%s --config %s --shape C=2,M=2,H=5,W=5,R=3,S=3 --threshold %d", rsrun,
                     c->dir, 1 << (c->hw.dw - 1));
            snprintf(name, sizeof name, "limit-thresh-%.40s", c->name);
            if (add(&v, &n, &cap, name, 2, cmd))
                return fail("memory", "out of memory");
            /* a shift beyond the psum width */
            if (c->hw.pw < 32) {
                snprintf(cmd, sizeof cmd, "%s --config %s --shape C=2,M=2,H=5,W=5,R=3,S=3 --shift %d", rsrun,
                         c->dir, c->hw.pw + 1);
                snprintf(name, sizeof name, "limit-shift-%.40s", c->name);
                if (add(&v, &n, &cap, name, 2, cmd))
                    return fail("memory", "out of memory");
            }
        }

    if (list) {
        for (size_t k = 0; k < n; k++)
            printf("%s\t%d\t%s\n", v[k].name, v[k].status, v[k].cmd);
        free(v);
        return 0;
    }
    FILE *f = fopen(makefile, "w");
    if (!f)
        return fail(makefile, strerror(errno));
    /* each recipe records the command, the expected and the actual exit
     * status in its log and never fails, so one mismatch does not stop the
     * others; the summary decides */
    fprintf(f, "# generated by rsregress: %ld random layers from layer %ld, seed %ld\nLOGS := %s\nall:", count, first,
            seed, logs);
    for (size_t k = 0; k < n; k++)
        fprintf(f, " $(LOGS)/%s.log", v[k].name);
    fprintf(f, "\n\n");
    for (size_t k = 0; k < n; k++) {
        /* the commands hold no quote and no '$' (made above), so they go
         * into echo '...' and into the recipe as they are */
        fprintf(f, "$(LOGS)/%s.log:\n\t@mkdir -p $(LOGS); start=$$(date +%%s%%N); "
                   "{ echo 'cmd: %s'; echo 'expect: %d'; %s; echo \"exit: $$?\"; } > $@.tmp 2>&1; "
                   "echo \"wall_ms: $$(( ($$(date +%%s%%N) - start) / 1000000 ))\" >> $@.tmp; mv $@.tmp $@; "
                   "echo \"regress: %s $$(sed -n 's/^check *//p;s/^exit: /exit /p' $@ | tr '\\n' ' ')\"\n\n",
                v[k].name, v[k].cmd, v[k].status, v[k].cmd, v[k].name);
    }
    if (fclose(f))
        return fail(makefile, strerror(errno));
    free(v);
    return 0;
}
