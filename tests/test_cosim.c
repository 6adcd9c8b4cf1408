/* test_cosim.c - co-simulation regression: layers on the generated array
 * configurations, every output element compared with the golden reference.
 * The models are built by `make models` (the test target depends on it). */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>

#include "rs_cosim.h"
#include "test_util.h"

typedef struct {
    const char *config;    /* build/gen/<config> */
    const char *shape;
    double zeros;
    int bias, relu;
    int shift;             /* -1: default */
} cosim_case;

static const cosim_case cases[] = {
    /* default 12x14, dw 16 */
    { "default", "C=32,M=48,H=13,W=13,R=3,S=3,pad=1", 0.5, 1, 1, -1 },          /* AlexNet CONV3-like */
    { "default", "C=3,M=16,H=31,W=31,R=11,S=11,U=4", 0.0, 1, 1, -1 },           /* CONV1-like, stride 4 */
    { "default", "C=16,M=32,H=15,W=15,R=5,S=5,pad=2,G=2", 0.4, 0, 1, -1 },      /* CONV2-like, groups */
    { "default", "C=64,M=32,H=7,W=7,R=1,S=1", 0.2, 1, 0, -1 },                  /* 1x1 */
    { "default", "N=2,C=8,M=8,H=14,W=14,R=3,S=3,U=2,pad=1", 0.0, 0, 0, -1 },    /* batch, stride 2 */
    { "default", "C=256,M=10,H=1,W=1,R=1,S=1", 0.0, 1, 0, -1 },                 /* fully connected */
    { "default", "C=16,M=16,H=10,W=10,R=3,S=3,pad=1", 0.9, 0, 1, -1 },          /* zero-heavy */
    { "default", "C=4,M=4,H=6,W=6,R=3,S=3,pad=1", 1.0, 1, 0, -1 },              /* all zeros: bias only */
    { "default", "C=2,M=3,H=20,W=9,R=13,S=5,pad=1", 0.0, 1, 0, -1 },            /* R taller than the array */
    { "default", "C=144,M=1,H=28,W=28,R=1,S=1,U=2", 0.3, 1, 0, -1 },            /* 12 sets x 27 ifmap tags > 255: a DATA per set */
    { "default", "C=8,M=40,H=16,W=16,R=3,S=3", 0.5, 1, 1, -1 },                /* ifmaps kept in the buffer, RLC copies */
    /* small 4x4 */
    { "small", "C=3,M=8,H=9,W=9,R=3,S=3,pad=1", 0.0, 0, 0, -1 },
    { "small", "C=20,M=40,H=8,W=8,R=3,S=3,pad=1", 0.3, 1, 1, -1 },              /* C, M > array */
    { "small", "C=4,M=4,H=11,W=11,R=3,S=3,U=2,pad=1", 0.0, 0, 0, -1 },
    { "small", "C=8,M=12,H=7,W=7,R=3,S=3,G=4,pad=1", 0.2, 1, 0, -1 },
    { "small", "C=3,M=6,H=23,W=23,R=11,S=11,U=4", 0.0, 0, 1, -1 },             /* R, S folded */
    { "small", "C=8,M=8,H=9,W=9,R=3,S=3,G=8,pad=1", 0.0, 1, 0, -1 },            /* depthwise */
    { "small", "C=2,M=3,H=13,W=13,R=3,S=3,U=3,pad=1", 0.5, 0, 0, 0 },           /* stride 3, no shift */
    /* dw8: 3x5, dw 8, pw 20, small spads */
    { "dw8", "C=5,M=7,H=9,W=11,R=3,S=3,pad=1", 0.0, 1, 1, -1 },
    { "dw8", "C=12,M=20,H=6,W=6,R=1,S=1", 0.0, 0, 0, -1 },
    { "dw8", "C=4,M=4,H=12,W=12,R=5,S=5,U=2,pad=2", 0.3, 1, 0, -1 },            /* R > rows */
    { "dw8", "N=3,C=2,M=2,H=5,W=5,R=2,S=2", 0.7, 0, 0, -1 },
    { "dw8", "C=64,M=4,H=5,W=5,R=3,S=3", 0.0, 0, 0, 4 },                        /* psums wrap at 20 bits */
    /* wide: 6x16, bigger ifmap spad, 8 psums */
    { "wide", "C=10,M=30,H=20,W=20,R=3,S=3,pad=1", 0.5, 1, 1, -1 },
    { "wide", "C=6,M=9,H=16,W=16,R=7,S=7,U=2,pad=3", 0.0, 0, 0, -1 },           /* R > rows */
    { "wide", "C=4,M=64,H=6,W=6,R=3,S=3", 0.0, 1, 0, -1 },                      /* sets side by side */
    { "wide", "C=7,M=5,H=17,W=40,R=3,S=16", 0.1, 0, 0, -1 },                    /* S = ifmap spad */
    /* lean: small with one element a cycle into each PE (--pe-lanes 1) */
    { "lean", "C=20,M=40,H=8,W=8,R=3,S=3,pad=1", 0.3, 1, 1, -1 },               /* C, M > array */
    { "lean", "C=3,M=6,H=23,W=23,R=11,S=11,U=4", 0.0, 0, 1, -1 },              /* R, S folded */
    { "lean", "C=8,M=8,H=9,W=9,R=3,S=3,G=8,pad=1", 0.9, 1, 0, -1 },             /* depthwise, zero-heavy */
    { "lean", "C=64,M=10,H=1,W=1,R=1,S=1", 0.0, 1, 0, -1 },                     /* fully connected */
    /* lean8: zskip8 with one element a cycle into each PE */
    { "lean8", "C=5,M=7,H=9,W=11,R=3,S=3,pad=1", 0.5, 1, 1, -1 },
    { "lean8", "C=4,M=4,H=12,W=12,R=5,S=5,U=2,pad=2", 0.3, 1, 0, -1 },          /* R > rows */
    { "lean8", "C=64,M=4,H=5,W=5,R=3,S=3", 0.0, 0, 0, 4 },                      /* psums wrap at 20 bits */
    /* zskipw, dw8w: zskip and dw8 with four psums a beat (--psum-lanes 4) */
    { "zskipw", "C=20,M=40,H=8,W=8,R=3,S=3,pad=1", 0.6, 1, 1, -1 },             /* C, M > array: psums back */
    { "zskipw", "C=3,M=6,H=23,W=23,R=11,S=11,U=4", 0.0, 1, 0, -1 },            /* R, S folded */
    { "zskipw", "N=2,C=16,M=24,H=12,W=12,R=3,S=3,pad=1", 0.8, 1, 0, -1 },      /* buffer tiles */
    { "dw8w", "C=5,M=7,H=9,W=11,R=3,S=3,pad=1", 0.0, 1, 1, -1 },                /* odd nf: odd words */
    { "dw8w", "C=4,M=4,H=12,W=12,R=5,S=5,U=2,pad=2", 0.3, 1, 0, -1 },           /* R > rows */
    { "dw8w", "C=64,M=4,H=5,W=5,R=3,S=3", 0.0, 0, 0, 4 },                       /* psums wrap at 20 bits */
};

/* Criterion may run each parameter in a freshly started process, where
 * pointers of the parent mean nothing: the parameter is an index. */
ParameterizedTestParameters(cosim, layer)
{
    static int index[sizeof cases / sizeof cases[0]];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        index[i] = (int)i;
    return cr_make_param_array(int, index, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(int *i, cosim, layer, .timeout = 600)
{
    const cosim_case *c = &cases[*i];
    rs_error err;
    rs_shape s;
    cr_assert_eq(rs_shape_parse(c->shape, &s, &err), 0, "%s", err.msg);
    rs_transport t;
    rs_device dev;
    open_config(c->config, &t, &dev);

    rs_layer l;
    cr_assert_eq(rs_layer_random(&l, &s, dev.hw.dw, dev.hw.pw, 42, c->zeros, c->bias, &err), 0, "%s", err.msg);
    l.quant.relu = c->relu;
    if (c->shift >= 0)
        l.quant.shift = c->shift;

    rs_cosim_result r;
    cr_assert_eq(rs_cosim_run(&t, &dev, &l, &r, &err), 0, "%s on %s: %s", c->shape, c->config, err.msg);
    cr_expect_eq(r.compared, (size_t)s.N * s.M * s.P * s.Q);
    cr_expect_eq(r.mismatches, 0, "%s on %s: %zu of %zu differ, first at flat index %zu: expected %d got %d",
                 c->shape, c->config, r.mismatches, r.compared, r.first_bad, r.first_expected, r.first_got);
    /* every MAC slot of the layer went through a PE, gated, skipped (zero-skip) or not */
    cr_expect_geq(r.stats.macs + r.stats.gated + r.stats.zskip, rs_shape_macs(&s));
    if (c->zeros >= 1.0)
        cr_expect_eq(r.stats.macs, 0, "all-zero ifmap: no MAC may be issued");
    rs_cosim_result_free(&r);
    rs_layer_free(&l);
    rs_transport_close(&t);
}

/* Ifmaps kept in the global buffer: the mapper keeps them for this layer
 * (2 filter chunks in 7 tiles on `small`), the first chunk of a tile copies
 * them in (or the tile before copied them ahead) and the other reads exactly
 * those words back; bit-exact, with RLC copies (half zeros) and without (no
 * zeros). */
Test(cosim, kept_ifmaps_are_read_back_from_the_buffer, .timeout = 600)
{
    rs_error err;
    rs_shape s;
    cr_assert_eq(rs_shape_parse("C=8,M=40,H=16,W=16,R=3,S=3", &s, &err), 0, "%s", err.msg);
    rs_transport t;
    rs_device dev;
    open_config("small", &t, &dev);
    for (int z = 0; z < 2; z++) {
        rs_layer l;
        cr_assert_eq(rs_layer_random(&l, &s, 16, 32, 11, z ? 0.5 : 0.0, 1, &err), 0, "%s", err.msg);
        l.quant.relu = 1;
        rs_cosim_result r;
        cr_assert_eq(rs_cosim_run(&t, &dev, &l, &r, &err), 0, "%s", err.msg);
        cr_expect_eq(r.mismatches, 0, "zeros %d: %zu of %zu outputs differ", z, r.mismatches, r.compared);
        cr_assert(r.map.keep_ifmap, "the mapper must keep this layer's ifmaps");
        cr_expect_gt(r.map.m_chunks, 1);
        cr_expect_gt(r.stats.ifmap_raw_words, 0);
        cr_expect_gt(r.stats.ifmap_ahead_words, 0, "tiles 2-7 get ifmaps copied ahead");
        cr_expect_eq(r.stats.ifmap_glb_words,
                     (uint64_t)(r.map.m_chunks - 1) * r.stats.ifmap_raw_words + r.stats.ifmap_ahead_words,
                     "every chunk but the first reads back what the first copied in, and the first what "
                     "the tile before copied ahead");
        if (z)
            cr_expect_lt(r.stats.ifmap_words, r.stats.ifmap_raw_words, "half zeros: RLC payloads copied in");
        rs_cosim_result_free(&r);
        rs_layer_free(&l);
    }
    rs_transport_close(&t);
}

/* The DRAM's latency, bandwidth and back-pressure change cycles, never
 * results or traffic: one multi-pass layer (psums through the global buffer,
 * 6 tiles in one region of the 4 KB buffer of `small`) under four memories.
 * Each tile's first pass writes the region the last tile's STORE still
 * reads; on the slow memories the STORE lags, and only rs_psum_store's
 * interlock keeps the results right (without it the third memory gives
 * wrong outputs). */
Test(cosim, results_do_not_depend_on_the_memory, .timeout = 600)
{
    static const rs_dram_config drams[] = {
        { 0, 0.0, 0.0, 1 },      /* ideal */
        { 100, 2.4, 0.0, 1 },    /* Eyeriss link: 64 bit at 60 MHz for a 200 MHz core */
        { 7, 1.0, 0.3, 5 },      /* slow, random back-pressure on every channel */
        { 31, 8.0, 0.6, 9 },
    };
    rs_error err;
    rs_shape s;
    cr_assert_eq(rs_shape_parse("N=2,C=9,M=10,H=9,W=21,R=3,S=3,pad=1", &s, &err), 0, "%s", err.msg);
    rs_transport t;
    rs_device dev;
    open_config("small", &t, &dev);
    rs_layer l;
    cr_assert_eq(rs_layer_random(&l, &s, 16, 32, 7, 0.3, 1, &err), 0, "%s", err.msg);

    uint64_t cycles[4], rd0 = 0, wr0 = 0;
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(rs_transport_set_dram(&t, &drams[i], &err), 0, "%s", err.msg);
        rs_cosim_result r;
        cr_assert_eq(rs_cosim_run(&t, &dev, &l, &r, &err), 0, "memory %d: %s", i, err.msg);
        cr_expect_eq(r.mismatches, 0, "memory %d: %zu outputs differ", i, r.mismatches);
        cr_expect_gt(r.stats.passes, 2, "the layer must take several passes");
        cr_expect_gt(r.stats.glb_wr, 0, "psums must go through the global buffer");
        if (i == 0) {
            rd0 = r.stats.dram_rd;
            wr0 = r.stats.dram_wr;
        }
        cr_expect_eq(r.stats.dram_rd, rd0, "memory %d: read traffic changed", i);
        cr_expect_eq(r.stats.dram_wr, wr0, "memory %d: write traffic changed", i);
        cycles[i] = r.stats.cycles;
        rs_cosim_result_free(&r);
    }
    cr_expect_gt(cycles[1], cycles[0], "a 2.4 B/cycle link must cost cycles (%llu vs %llu)",
                 (unsigned long long)cycles[1], (unsigned long long)cycles[0]);
    rs_layer_free(&l);
    rs_transport_close(&t);
}

/* Run-length coded ifmaps: the same bits as uncompressed ones, fewer bytes
 * read, and exactly the payload words the driver counted; dw 16 and 8, with
 * zero shares from none to all. */
Test(cosim, rlc_ifmaps_change_traffic_not_results, .timeout = 600)
{
    static const struct {
        const char *config;
        const char *shape;
        double zeros;
    } cases[] = {
        { "small", "N=2,C=9,M=6,H=9,W=13,R=3,S=3,pad=1", 0.7 },
        { "small", "C=5,M=4,H=11,W=9,R=5,S=4,U=2,pad=2", 0.0 },
        { "small", "C=4,M=4,H=8,W=8,R=3,S=3", 1.0 },
        { "dw8", "N=2,C=6,M=5,H=10,W=10,R=3,S=3,pad=1", 0.9 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_error err;
        rs_shape s;
        cr_assert_eq(rs_shape_parse(cases[i].shape, &s, &err), 0, "%s", err.msg);
        rs_transport t;
        rs_device dev;
        open_config(cases[i].config, &t, &dev);
        rs_layer l;
        cr_assert_eq(rs_layer_random(&l, &s, dev.hw.dw, dev.hw.pw, 11, cases[i].zeros, 1, &err), 0, "%s", err.msg);
        rs_cosim_result r[2];
        for (int rlc = 0; rlc < 2; rlc++) {
            dev.hw.rlc = rlc;
            cr_assert_eq(rs_cosim_run(&t, &dev, &l, &r[rlc], &err), 0, "%s rlc=%d: %s", cases[i].shape, rlc, err.msg);
            cr_expect_eq(r[rlc].mismatches, 0, "%s rlc=%d: %zu outputs differ", cases[i].shape, rlc, r[rlc].mismatches);
        }
        cr_expect_eq(memcmp(r[0].hw_out, r[1].hw_out, r[0].compared * sizeof *r[0].hw_out), 0);
        cr_expect_eq(r[0].stats.ifmap_words, r[0].stats.ifmap_raw_words, "no RLC: every payload raw");
        cr_expect_lt(r[1].stats.ifmap_words, r[1].stats.ifmap_raw_words, "%s: RLC must save words", cases[i].shape);
        /* the hardware read exactly the words the driver saved fewer */
        cr_expect_eq(r[0].stats.dram_rd - r[1].stats.dram_rd,
                     8 * (r[0].stats.ifmap_words - r[1].stats.ifmap_words), "%s: DRAM bytes %llu vs %llu",
                     cases[i].shape, (unsigned long long)r[0].stats.dram_rd, (unsigned long long)r[1].stats.dram_rd);
        cr_expect_eq(r[0].stats.noc_ifm, r[1].stats.noc_ifm, "the ifmap bus carries the same beats");
        rs_cosim_result_free(&r[0]);
        rs_cosim_result_free(&r[1]);
        rs_layer_free(&l);
        rs_transport_close(&t);
    }
}

/* A layer on two configurations that differ only in how data moves (twins):
 * both bit-exact with the same outputs. Returns 1 (and the stats) where the
 * mapper mapped the layer alike on both, so cycles and counts compare. */
typedef struct {
    const char *a, *b;     /* the two configurations */
    const char *shape;
    double zeros;
    int thresh;
} twin_case;

static int run_twins(const twin_case *c, unsigned seed, rs_run_stats *sa, rs_run_stats *sb, rs_device *dev)
{
    rs_error err;
    rs_shape s;
    cr_assert_eq(rs_shape_parse(c->shape, &s, &err), 0, "%s", err.msg);
    rs_transport t[2];
    open_config(c->a, &t[0], &dev[0]);
    open_config(c->b, &t[1], &dev[1]);
    rs_layer l;
    cr_assert_eq(rs_layer_random(&l, &s, dev[0].hw.dw, dev[0].hw.pw, seed, c->zeros, 1, &err), 0, "%s", err.msg);
    l.quant.thresh = c->thresh;
    rs_cosim_result r[2];
    for (int k = 0; k < 2; k++) {
        const char *cfg = k ? c->b : c->a;
        cr_assert_eq(rs_cosim_run(&t[k], &dev[k], &l, &r[k], &err), 0, "%s on %s: %s", c->shape, cfg, err.msg);
        cr_expect_eq(r[k].mismatches, 0, "%s on %s: %zu of %zu outputs differ", c->shape, cfg, r[k].mismatches,
                     r[k].compared);
    }
    cr_expect_eq(memcmp(r[0].hw_out, r[1].hw_out, r[0].compared * sizeof *r[0].hw_out), 0);
    const rs_mapping *a = &r[0].map, *b = &r[1].map;
    int same = a->nc == b->nc && a->nf == b->nf && a->t == b->t && a->h == b->h && a->E == b->E && a->Rg == b->Rg &&
               a->passes == b->passes && a->tiles == b->tiles && a->keep_ifmap == b->keep_ifmap;
    *sa = r[0].stats;
    *sb = r[1].stats;
    for (int k = 0; k < 2; k++) {
        rs_cosim_result_free(&r[k]);
        rs_transport_close(&t[k]);
    }
    rs_layer_free(&l);
    return same;
}

/* --pe-lanes 1 changes cycles, never results: layers on `small` and `lean`
 * (and `zskip8` and `lean8`), which differ only in how many elements a PE
 * takes a cycle. Where the mapper picks the same mapping for both, the same
 * MACs, gated or skipped slots and bus beats, and the one-lane array never
 * faster. */
Test(cosim, pe_lanes_change_cycles_not_results, .timeout = 600)
{
    static const twin_case cases[] = {
        { "small", "lean", "C=8,M=12,H=9,W=9,R=3,S=3,pad=1", 0.5, 0 },
        { "small", "lean", "N=2,C=6,M=8,H=10,W=10,R=3,S=3,U=2,pad=1", 0.3, 5000 },   /* threshold, batch */
        { "small", "lean", "C=16,M=20,H=5,W=5,R=1,S=1", 0.7, 0 },
        { "zskip8", "lean8", "C=4,M=6,H=10,W=10,R=3,S=3,U=3", 0.4, 20 },
        { "zskip8", "lean8", "N=3,C=2,M=2,H=5,W=5,R=2,S=2", 0.9, 0 },
    };
    int same_maps = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_run_stats x, y;
        rs_device dev[2];
        int same = run_twins(&cases[i], 5, &x, &y, dev);
        cr_expect(dev[0].hw.pe_lanes == 64 / dev[0].hw.dw && dev[1].hw.pe_lanes == 1,
                  "FEATURES: %s must take whole beats, %s one element a cycle", cases[i].a, cases[i].b);
        if (!same)
            continue;
        same_maps++;
        cr_expect_eq(x.macs, y.macs, "%s: MACs", cases[i].shape);
        cr_expect_eq(x.gated, y.gated, "%s: gated slots", cases[i].shape);
        cr_expect_eq(x.zskip, y.zskip, "%s: skipped slots", cases[i].shape);
        cr_expect_eq(x.noc_flt, y.noc_flt, "%s: filter beats", cases[i].shape);
        cr_expect_eq(x.noc_ifm, y.noc_ifm, "%s: ifmap beats", cases[i].shape);
        cr_expect_geq(y.cycles, x.cycles, "%s: one lane took %llu cycles, whole beats %llu", cases[i].shape,
                      (unsigned long long)y.cycles, (unsigned long long)x.cycles);
    }
    cr_expect_gt(same_maps, 0, "no layer was mapped alike on both arrays: nothing compared");
}

/* --psum-lanes 4 changes cycles, never results: layers on `zskip` and
 * `zskipw` (and `dw8` and `dw8w`), which differ only in how many psums the
 * psum bus and the output network move a cycle. Where the mapper picks the
 * same mapping for both, the same MACs, skipped slots, ifmap beats, psums
 * written to the buffer and results, and the wide path never slower. */
Test(cosim, psum_lanes_change_cycles_not_results, .timeout = 600)
{
    static const twin_case cases[] = {
        { "zskip", "zskipw", "C=16,M=16,H=10,W=10,R=3,S=3,pad=1", 0.8, 0 },
        { "zskip", "zskipw", "N=2,C=6,M=10,H=10,W=10,R=3,S=3,U=2,pad=1", 0.5, 0 },
        { "zskip", "zskipw", "C=24,M=20,H=5,W=5,R=1,S=1", 0.7, 0 },
        { "dw8", "dw8w", "C=4,M=9,H=10,W=10,R=3,S=3", 0.4, 0 },
        { "dw8", "dw8w", "N=3,C=2,M=3,H=5,W=5,R=2,S=2", 0.0, 0 },
    };
    int same_maps = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_run_stats x, y;
        rs_device dev[2];
        int same = run_twins(&cases[i], 9, &x, &y, dev);
        cr_expect(dev[0].hw.psum_lanes == 2 && dev[1].hw.psum_lanes == 4,
                  "FEATURES: %s must move two psums a beat, %s four", cases[i].a, cases[i].b);
        if (!same)
            continue;
        same_maps++;
        cr_expect_eq(x.macs, y.macs, "%s: MACs", cases[i].shape);
        cr_expect_eq(x.zskip, y.zskip, "%s: skipped slots", cases[i].shape);
        cr_expect_eq(x.noc_ifm, y.noc_ifm, "%s: ifmap beats", cases[i].shape);
        cr_expect_eq(x.glb_wr, y.glb_wr, "%s: psums written to the buffer", cases[i].shape);
        cr_expect_eq(x.res_words, y.res_words, "%s: psums out of the array", cases[i].shape);
        cr_expect_leq(y.cycles, x.cycles, "%s: four psum lanes took %llu cycles, two %llu", cases[i].shape,
                      (unsigned long long)y.cycles, (unsigned long long)x.cycles);
    }
    cr_expect_gt(same_maps, 0, "no layer was mapped alike on both arrays: nothing compared");
}
