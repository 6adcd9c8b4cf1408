/* test_sparse.c - zero-skip and the activation threshold, co-simulated.
 *
 * Every layer runs on two configurations that differ only in --zero-skip,
 * so both map it the same way: `small` (4x4, dw 16, zero-gating) and `zskip`,
 * or `dw8` (3x5, dw 8, pw 20, small spads) and `zskip8`. Both must be bit-exact against the golden reference, and their
 * counters must agree with each other and with the identities that hold by
 * construction:
 *   - the same MACs are issued (the same activations are non-zero), and the
 *     same MAC slots exist: issued + gated (gating) = issued + skipped (skipping);
 *   - a filter-spad read is skipped for every gated or skipped slot;
 *   - gating never skips, skipping never gates;
 *   - operand registers load once per issued MAC; with zero-skip the psum spad
 *     is written once per issued MAC, with gating also on the gated slots of
 *     a window's first entry (they overwrite the psum with 0);
 *   - zero-skip never takes more cycles, and fewer when there are zeros.
 * The models are built by `make models`. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rs_cosim.h"
#include "rs_protocol.h"
#include "test_util.h"

typedef struct {
    const char *shape;
    double zeros;
    int bias, relu;
    int thresh;
    int dw8;            /* 1: on dw8 / zskip8, else small / zskip */
} sparse_case;

static const sparse_case cases[] = {
    { "C=8,M=12,H=9,W=9,R=3,S=3,pad=1", 0.0, 1, 1, 0, 0 },        /* only the padding is zero */
    { "C=8,M=12,H=9,W=9,R=3,S=3,pad=1", 0.5, 1, 1, 0, 0 },
    { "C=8,M=12,H=9,W=9,R=3,S=3,pad=1", 0.9, 0, 1, 0, 0 },
    { "C=4,M=4,H=6,W=6,R=3,S=3,pad=1", 1.0, 1, 0, 0, 0 },         /* all zeros: bias only */
    { "C=4,M=4,H=11,W=11,R=3,S=3,U=2,pad=1", 0.5, 0, 0, 0, 0 },   /* stride 2 */
    { "C=2,M=3,H=13,W=13,R=3,S=3,U=3,pad=1", 0.5, 1, 0, 0, 0 },   /* stride 3 */
    { "C=3,M=6,H=23,W=23,R=11,S=11,U=4", 0.9, 0, 1, 0, 0 },       /* stride 4, R folded (11 rows on 4) */
    { "C=20,M=40,H=8,W=8,R=3,S=3,pad=1", 0.3, 1, 1, 0, 0 },       /* nc = 4, nf > 1, C and M > array */
    { "C=16,M=20,H=5,W=5,R=1,S=1", 0.7, 1, 0, 0, 0 },             /* 1x1: window of nc entries only */
    { "C=8,M=8,H=9,W=9,R=3,S=3,G=8,pad=1", 0.9, 1, 0, 0, 0 },     /* depthwise */
    { "C=64,M=10,H=1,W=1,R=1,S=1", 0.5, 1, 0, 0, 0 },             /* fully connected */
    { "N=2,C=6,M=8,H=10,W=10,R=3,S=3,U=2,pad=1", 0.3, 1, 1, 5000, 0 },   /* threshold, batch */
    { "C=4,M=4,H=11,W=11,R=2,S=5,U=2,pad=2", 0.0, 0, 0, 30000, 0 },       /* threshold, no zeros drawn */
    { "C=3,M=5,H=12,W=12,R=7,S=7,pad=1", 0.6, 1, 0, 20000, 0 },           /* threshold, R folded */
    /* 8-bit data: 8 activations per bus beat, 8-entry ifmap spad, 6 psums, 20-bit psums */
    { "C=5,M=7,H=9,W=11,R=3,S=3,pad=1", 0.5, 1, 1, 0, 1 },
    { "C=4,M=4,H=12,W=12,R=5,S=5,U=2,pad=2", 0.3, 1, 0, 20, 1 },       /* R folded (5 on 3), threshold */
    { "N=3,C=2,M=2,H=5,W=5,R=2,S=2", 0.9, 0, 0, 0, 1 },
    { "C=12,M=20,H=6,W=6,R=1,S=1", 1.0, 1, 0, 0, 1 },                  /* all zeros, nc = 8 */
    { "C=64,M=4,H=5,W=5,R=3,S=3", 0.5, 0, 0, 100, 1 },                 /* psums wrap at 20 bits */
    { "C=4,M=6,H=10,W=10,R=3,S=3,U=3", 0.0, 1, 1, 127, 1 },            /* the largest 8-bit threshold */
};

static const char *const gate_cfg[] = { "small", "dw8" }, *const skip_cfg[] = { "zskip", "zskip8" };

typedef struct {
    rs_transport t;
    rs_device dev;
    const char *name;
} model;

static void open_model(model *m, const char *config)
{
    m->name = config;
    open_config(config, &m->t, &m->dev);
}

/* l on the model: bit-exact, and the counter identities of its kind;
 * the mapping the driver chose goes to *map when map is not NULL */
static rs_run_stats run_checked(model *m, const rs_layer *l, const char *what, rs_mapping *map)
{
    rs_error err;
    rs_cosim_result r;
    const char *cfg = m->name;
    cr_assert_eq(rs_cosim_run(&m->t, &m->dev, l, &r, &err), 0, "%s on %s: %s", what, cfg, err.msg);
    cr_expect_eq(r.mismatches, 0, "%s on %s (threshold %d): %zu of %zu differ, first at %zu: expected %d got %d",
                 what, cfg, l->quant.thresh, r.mismatches, r.compared, r.first_bad, r.first_expected, r.first_got);
    rs_run_stats s = r.stats;
    if (map)
        *map = r.map;
    rs_cosim_result_free(&r);
    cr_expect_eq(s.op_loads, s.macs, "%s on %s: operand loads %llu, MACs %llu", what, cfg,
                 (unsigned long long)s.op_loads, (unsigned long long)s.macs);
    cr_expect_eq(s.flt_skip, s.gated + s.zskip, "%s on %s: skipped filter reads %llu != gated %llu + skipped %llu",
                 what, cfg, (unsigned long long)s.flt_skip, (unsigned long long)s.gated, (unsigned long long)s.zskip);
    cr_expect_geq(s.macs + s.gated + s.zskip, rs_shape_macs(&l->shape), "%s on %s: fewer MAC slots than MACs",
                  what, cfg);
    if (m->dev.hw.zero_skip) {
        cr_expect_eq(s.gated, 0, "%s: zero-skip gated %llu slots", what, (unsigned long long)s.gated);
        cr_expect_eq(s.psum_wr, s.macs, "%s: zero-skip wrote the psum spad %llu times for %llu MACs", what,
                     (unsigned long long)s.psum_wr, (unsigned long long)s.macs);
    } else {
        cr_expect_eq(s.zskip, 0, "%s: zero-gating skipped %llu slots", what, (unsigned long long)s.zskip);
        cr_expect(s.psum_wr >= s.macs && s.psum_wr <= s.macs + s.gated,
                  "%s: psum writes %llu outside MACs %llu .. MACs + gated %llu", what,
                  (unsigned long long)s.psum_wr, (unsigned long long)s.macs,
                  (unsigned long long)(s.macs + s.gated));
    }
    return s;
}

static void make_layer_w(rs_layer *l, int dw8, const char *shape, double zeros, int bias, int relu, int thresh,
                         uint64_t seed)
{
    rs_error err;
    rs_shape s;
    cr_assert_eq(rs_shape_parse(shape, &s, &err), 0, "%s", err.msg);
    cr_assert_eq(rs_layer_random(l, &s, dw8 ? 8 : 16, dw8 ? 20 : 32, seed, zeros, bias, &err), 0, "%s", err.msg);
    l->quant.relu = relu;
    l->quant.thresh = thresh;
}

/* a 16-bit layer (small / zskip) */
static void make_layer(rs_layer *l, const char *shape, double zeros, int bias, int relu, int thresh, uint64_t seed)
{
    make_layer_w(l, 0, shape, zeros, bias, relu, thresh, seed);
}

/* one layer on both configurations of a pair: the gating run and the skipping
 * run agree. The mapper weighs the zeros by what they cost each array (time
 * on the zero-skip one), so a zero-heavy layer may get another mapping there:
 * then the MAC slots differ with the mapping's empty ones, and only the
 * cycles are compared. */
static void both_of(int dw8, const rs_layer *l, const char *what, rs_run_stats *gate, rs_run_stats *skip)
{
    model g, k;
    open_model(&g, gate_cfg[dw8]);
    open_model(&k, skip_cfg[dw8]);
    cr_assert(!g.dev.hw.zero_skip && k.dev.hw.zero_skip, "FEATURES: %s must gate, %s must skip", g.name, k.name);
    rs_mapping gate_map, skip_map;
    *gate = run_checked(&g, l, what, &gate_map);
    *skip = run_checked(&k, l, what, &skip_map);
    rs_transport_close(&g.t);
    rs_transport_close(&k.t);
    cr_expect_leq(skip->cycles, gate->cycles, "%s: zero-skip took %llu cycles, gating %llu", what,
                  (unsigned long long)skip->cycles, (unsigned long long)gate->cycles);
    /* padding or drawn zeros or a threshold: something to skip */
    cr_expect_gt(skip->zskip, 0, "%s: nothing skipped", what);
    char gate_text[512], skip_text[512];
    rs_mapping_format(&gate_map, gate_text, sizeof gate_text);
    rs_mapping_format(&skip_map, skip_text, sizeof skip_text);
    if (strcmp(gate_text, skip_text))
        return;
    cr_expect_eq(skip->macs, gate->macs, "%s: %llu MACs issued with zero-skip, %llu with gating", what,
                 (unsigned long long)skip->macs, (unsigned long long)gate->macs);
    cr_expect_eq(skip->macs + skip->zskip, gate->macs + gate->gated,
                 "%s: MAC slots differ: %llu + %llu skipped vs %llu + %llu gated", what,
                 (unsigned long long)skip->macs, (unsigned long long)skip->zskip, (unsigned long long)gate->macs,
                 (unsigned long long)gate->gated);
    cr_expect_eq(skip->flt_skip, gate->flt_skip, "%s: skipped filter-spad reads differ", what);
}

static void both(const rs_layer *l, const char *what, rs_run_stats *gate, rs_run_stats *skip)
{
    both_of(0, l, what, gate, skip);
}

ParameterizedTestParameters(sparse, layer)
{
    static int index[sizeof cases / sizeof cases[0]];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        index[i] = (int)i;
    return cr_make_param_array(int, index, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(int *i, sparse, layer, .timeout = 600)
{
    const sparse_case *c = &cases[*i];
    char what[200];
    snprintf(what, sizeof what, "%s zeros %.2f threshold %d", c->shape, c->zeros, c->thresh);
    rs_layer l;
    make_layer_w(&l, c->dw8, c->shape, c->zeros, c->bias, c->relu, c->thresh, 42 + (uint64_t)*i);
    rs_run_stats gate, skip;
    both_of(c->dw8, &l, what, &gate, &skip);
    if (c->zeros >= 1.0) {
        cr_expect_eq(skip.macs, 0, "all zeros: no MAC may issue");
        cr_expect_eq(skip.psum_wr, 0, "all zeros: the psum spads are never written (shipped as zero)");
        cr_expect_eq(skip.op_loads, 0, "all zeros: no operand loads");
    }
    rs_layer_free(&l);
}

/* A layer with zeros: zero-skip saves most of the cycles gating spends on
 * them (on this 60%-zero layer the PEs bound the pass). */
Test(sparse, skipping_takes_fewer_cycles, .timeout = 600)
{
    rs_layer l;
    make_layer(&l, "C=8,M=24,H=12,W=12,R=3,S=3,pad=1", 0.6, 1, 1, 0, 3);
    rs_run_stats gate, skip;
    both(&l, "60% zeros", &gate, &skip);
    cr_expect_lt(skip.cycles * 10, gate.cycles * 8, "zero-skip took %llu cycles, gating %llu: less than 20%% saved",
                 (unsigned long long)skip.cycles, (unsigned long long)gate.cycles);
    cr_expect_gt((double)skip.zskip, 0.5 * (double)(skip.macs + skip.zskip), "most slots skipped");
    rs_layer_free(&l);
}

/* No zero anywhere (no padding, no zero drawn, a mapping that uses every
 * entry): nothing gated, nothing skipped, every MAC slot is a MAC of the
 * layer, and zero-skip runs cycle for cycle like gating. */
Test(sparse, no_zeros_nothing_skipped, .timeout = 600)
{
    rs_layer l;
    make_layer(&l, "C=4,M=8,H=6,W=6,R=3,S=3", 0.0, 1, 0, 0, 5);
    size_t n = (size_t)l.shape.N * l.shape.C * l.shape.H * l.shape.W;
    for (size_t i = 0; i < n; i++)
        if (l.ifmap[i] == 0)
            l.ifmap[i] = 1;
    rs_run_stats gate, skip;
    model g, k;
    open_model(&g, "small");
    open_model(&k, "zskip");
    gate = run_checked(&g, &l, "no zeros", NULL);
    skip = run_checked(&k, &l, "no zeros", NULL);
    cr_expect_eq(gate.gated, 0);
    cr_expect_eq(skip.zskip, 0, "%llu slots skipped without a zero", (unsigned long long)skip.zskip);
    cr_expect_eq(skip.flt_skip, 0);
    cr_expect_eq(skip.macs, rs_shape_macs(&l.shape), "every slot a MAC of the layer: %llu vs %llu",
                 (unsigned long long)skip.macs, (unsigned long long)rs_shape_macs(&l.shape));
    cr_expect_eq(skip.cycles, gate.cycles, "no zeros: %llu cycles with zero-skip, %llu with gating",
                 (unsigned long long)skip.cycles, (unsigned long long)gate.cycles);
    /* the same layer with a threshold: now there is something to skip */
    l.quant.thresh = 10000;
    gate = run_checked(&g, &l, "no zeros, threshold 10000", NULL);
    skip = run_checked(&k, &l, "no zeros, threshold 10000", NULL);
    cr_expect_gt(gate.gated, 0, "threshold 10000 gated nothing");
    cr_expect_eq(skip.zskip, gate.gated, "skipped %llu, gated %llu", (unsigned long long)skip.zskip,
                 (unsigned long long)gate.gated);
    cr_expect_lt(skip.cycles, gate.cycles);
    rs_transport_close(&g.t);
    rs_transport_close(&k.t);
    rs_layer_free(&l);
}

/* A higher threshold gates more slots (the same slots in all), and the
 * results still match the golden reference with the same threshold. */
Test(sparse, threshold_gates_more, .timeout = 600)
{
    rs_layer l;
    make_layer(&l, "C=8,M=12,H=9,W=9,R=3,S=3,pad=1", 0.2, 1, 1, 0, 9);
    model g;
    open_model(&g, "small");
    rs_run_stats t0 = run_checked(&g, &l, "threshold 0", NULL);
    l.quant.thresh = 3000;
    rs_run_stats t1 = run_checked(&g, &l, "threshold 3000", NULL);
    l.quant.thresh = 20000;
    rs_run_stats t2 = run_checked(&g, &l, "threshold 20000", NULL);
    cr_expect_gt(t1.gated, t0.gated);
    cr_expect_gt(t2.gated, t1.gated);
    cr_expect_eq(t1.macs + t1.gated, t0.macs + t0.gated);
    cr_expect_eq(t2.macs + t2.gated, t0.macs + t0.gated);
    rs_transport_close(&g.t);
    rs_layer_free(&l);
}

/* |x| <= T without overflow: with T = 2^15 - 1 every activation but
 * -32768 counts as zero, in hardware (both kinds) as in golden. */
Test(sparse, threshold_keeps_the_most_negative_value, .timeout = 600)
{
    rs_layer l;
    make_layer(&l, "C=4,M=6,H=8,W=8,R=3,S=3,pad=1", 0.3, 1, 0, 32767, 11);
    size_t n = (size_t)l.shape.N * l.shape.C * l.shape.H * l.shape.W, kept = 0;
    for (size_t i = 0; i < n; i += 5, kept++)
        l.ifmap[i] = -32768;
    l.quant.shift = 0;
    rs_run_stats gate, skip;
    both(&l, "threshold 32767 with -32768", &gate, &skip);
    cr_expect_gt(skip.macs, 0, "-32768 must not count as zero");
    /* each kept activation meets at most R*S*M weights */
    cr_expect_leq(skip.macs, kept * 9 * 6);
    rs_layer_free(&l);
}

/* The decoder refuses a threshold that does not fit the data width:
 * THRESH >= 2^(DW-1) is ERR_CONFIG (dw8 configuration: 127 is the largest). */
Test(sparse, threshold_beyond_the_data_width_is_a_config_error, .timeout = 120)
{
    rs_transport t;
    rs_error err;
    cr_assert_eq(rs_transport_open_model(&t, RS_BUILD "/gen/dw8", RS_ROOT "/sim", NULL, &err), 0, "%s", err.msg);
    const uint32_t want[] = { RS_ERR_NONE, RS_ERR_CONFIG };
    const uint64_t thresh[] = { 127, 128 };
    for (int i = 0; i < 2; i++) {
        uint64_t cfg = (uint64_t)RS_OP_CONFIG << RS_F_CMD_OP_LSB | 1ull << RS_F_CONFIG_NE_LSB |
                       1ull << RS_F_CONFIG_NPOP_LSB | 1ull << RS_F_CONFIG_NF_LSB | 1ull << RS_F_CONFIG_NW_LSB |
                       thresh[i] << RS_F_CONFIG_THRESH_LSB;
        uint64_t words[] = { cfg, (uint64_t)RS_OP_END << RS_F_CMD_OP_LSB }, res[4];
        size_t n_res = 0;
        t.csr_write(t.ctx, RS_CSR_CTRL, 1);
        cr_expect_eq(t.exchange(t.ctx, words, 2, res, 4, &n_res, 20000), 0, "must not hang");
        uint32_t status = t.csr_read(t.ctx, RS_CSR_STATUS);
        cr_expect_eq(status >> 8 & 0xff, want[i], "THRESH %llu: error %u, want %u", (unsigned long long)thresh[i],
                     status >> 8 & 0xff, want[i]);
    }
    rs_transport_close(&t);
}

/* A window with no non-zero entry must ship zero psums (plus bias): after a
 * dense layer the psum spads hold old values, so an all-zero layer on the
 * same model shows whether they leak (a fresh model's spads are zero). */
Test(sparse, all_zero_windows_after_a_dense_layer, .timeout = 600)
{
    rs_layer dense, zero;
    make_layer(&dense, "C=4,M=4,H=6,W=6,R=3,S=3,pad=1", 0.0, 1, 0, 0, 13);
    make_layer(&zero, "C=4,M=4,H=6,W=6,R=3,S=3,pad=1", 1.0, 1, 0, 0, 14);
    model k;
    open_model(&k, "zskip");
    run_checked(&k, &dense, "dense", NULL);
    rs_run_stats s = run_checked(&k, &zero, "all zeros after dense", NULL);
    cr_expect_eq(s.macs, 0);
    cr_expect_eq(s.psum_wr, 0);
    rs_transport_close(&k.t);
    rs_layer_free(&dense);
    rs_layer_free(&zero);
}
