/* test_perf.c - the analytical cycle model (rs_perf) against cycles the
 * hardware's counters measured (AlexNet CONV1-5, batch 1, default 12x14
 * array, with bias), and the explanation's Eyeriss terms.
 * No simulation: a change of the model or the mapper that moves these
 * figures shows here in milliseconds. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rs_mapper.h"
#include "rs_perf.h"
#include "rs_random.h"
#include "rs_rlc.h"

static const rs_hw eyeriss = { .rows = 12, .cols = 14, .dw = 16, .pw = 32,
                               .ifmap_spad = 12, .filter_spad = 224, .psum_spad = 24,
                               .psum_banks = 2, .glb_words = 108 * 1024 / 8 };

/* the layer `text` as the mapper puts it on the 12x14 array */
static void map_on_eyeriss(const char *text, rs_shape *s, rs_mapping *m)
{
    rs_error err;
    cr_assert_eq(rs_shape_parse(text, s, &err), 0, "%s: %s", text, err.msg);
    cr_assert_eq(rs_map_layer(&eyeriss, s, 0.0, m, &err), 0, "%s: %s", text, err.msg);
}

static void expect_near(const char *text, double measured, double tolerance)
{
    rs_shape s;
    rs_mapping m;
    rs_perf p;
    map_on_eyeriss(text, &s, &m);
    rs_perf_estimate(&eyeriss, &s, &m, 1, 0.0, &p);
    double off = ((double)p.cycles - measured) / measured;
    cr_expect(off < tolerance && off > -tolerance, "%s: expected %llu cycles, measured %.0f (%+.1f%%)", text,
              (unsigned long long)p.cycles, measured, 100.0 * off);
    cr_expect_eq(p.macs, rs_shape_macs(&s));
    cr_expect(p.util > 0.0 && p.util <= 1.0);
}

/* Measured by `make regress-full` (the whole layer from one START, partial
 * sums updated in place in the global buffer, ifmaps run-length coded where
 * that saves a third of their words, outputs sent by run-length coded STOREs
 * in the background, each pass's filters sent during the pass before); the
 * model is within 2% of each. */
Test(perf, alexnet_within_twelve_percent)
{
    expect_near("C=3,M=96,H=227,W=227,R=11,S=11,U=4", 726187, 0.12);
    expect_near("C=96,M=256,H=27,W=27,R=5,S=5,pad=2,G=2", 1439493, 0.12);
    expect_near("C=256,M=384,H=13,W=13,R=3,S=3,pad=1", 955598, 0.12);
    expect_near("C=384,M=384,H=13,W=13,R=3,S=3,pad=1,G=2", 723230, 0.12);
    expect_near("C=384,M=256,H=13,W=13,R=3,S=3,pad=1,G=2", 512054, 0.12);
}

/* Two buffer regions (STOREs hidden behind the next tile) only where they
 * need no more tiles: CONV2 at batch 4 would need more and keeps one, CONV5
 * at batch 2 has one tile either way. AlexNet CONV1 at batch 4 keeps its
 * ifmaps in the buffer (one region, a strip per tile). All fit the buffer
 * with the kept ifmaps and the bias. */
Test(perf, buffer_regions)
{
    const char *shapes[] = { "N=4,C=3,M=96,H=227,W=227,R=11,S=11,U=4", "N=4,C=96,M=256,H=27,W=27,R=5,S=5,pad=2,G=2",
                             "N=2,C=384,M=256,H=13,W=13,R=3,S=3,pad=1,G=2" };
    const int regions[] = { 1, 1, 2 };
    const long tiles[] = { 32, 4, 1 };
    const int keep[] = { 1, 0, 0 };
    for (int i = 0; i < 3; i++) {
        rs_shape s;
        rs_mapping m;
        map_on_eyeriss(shapes[i], &s, &m);
        cr_expect_eq(m.regions, regions[i], "%s: %d regions", shapes[i], m.regions);
        cr_expect_eq(m.tiles, tiles[i], "%s: %ld tiles", shapes[i], m.tiles);
        long bias = (long)m.h * m.E * ((m.nf + 1) / 2);
        cr_expect_eq(m.keep_ifmap, keep[i], "%s: ifmaps kept %d", shapes[i], m.keep_ifmap);
        cr_expect_eq(m.ifmap_words, keep[i] ? rs_mapping_ifmap_words(&eyeriss, &s, &m, m.sweeps_per_tile,
                                                                     m.q_per_tile) : 0, "%s", shapes[i]);
        cr_expect_leq(m.regions * m.region_words + m.ifmap_words + bias, eyeriss.glb_words, "%s", shapes[i]);
        cr_expect_eq(m.region_words, bias * m.sweeps_per_tile * m.q_per_tile, "%s", shapes[i]);
    }
}

/* more work never takes fewer cycles: twice the images, twice the filters */
Test(perf, monotonic)
{
    rs_shape a, b;
    rs_mapping ma, mb;
    rs_perf pa, pb;
    map_on_eyeriss("C=64,M=64,H=28,W=28,R=3,S=3,pad=1", &a, &ma);
    map_on_eyeriss("N=2,C=64,M=128,H=28,W=28,R=3,S=3,pad=1", &b, &mb);
    rs_perf_estimate(&eyeriss, &a, &ma, 0, 0.0, &pa);
    rs_perf_estimate(&eyeriss, &b, &mb, 0, 0.0, &pb);
    cr_expect_gt(pb.cycles, 3 * pa.cycles, "%llu vs %llu", (unsigned long long)pb.cycles,
                 (unsigned long long)pa.cycles);
}

Test(perf, explanation_in_eyeriss_terms)
{
    rs_shape s;
    rs_mapping m;
    rs_perf p;
    char text[4096];
    /* AlexNet CONV3: the mapper's t=4 stacked sets are Eyeriss's r, its h=14
     * sets side by side (fourteen of 3x1, the 13 output rows in 13 strips)
     * Eyeriss's t */
    map_on_eyeriss("C=256,M=384,H=13,W=13,R=3,S=3,pad=1", &s, &m);
    rs_perf_estimate(&eyeriss, &s, &m, 1, 0.0, &p);
    int n = rs_explain_format(&eyeriss, &s, &m, &p, text, sizeof text);
    cr_assert(n > 0 && (size_t)n < sizeof text);
    cr_expect(strstr(text, "eyeriss  m=98 n=1 e=1 p=7 q=4 r=4 t=14") != NULL, "%s", text);
    cr_expect(strstr(text, "Rg=3 nr=1 nc=4 t=4 nf=7 E=1 h=14 strips=13") != NULL, "%s", text);
    cr_expect(strstr(text, "active PEs 168 of 168") != NULL, "%s", text);
    cr_expect(strstr(text, "passes   64 ") != NULL, "%s", text);
    cr_expect(strstr(text, "expected ") != NULL, "%s", text);
    /* a short buffer is not overrun and the full length is reported */
    char small[16];
    cr_expect_eq(rs_explain_format(&eyeriss, &s, &m, &p, small, sizeof small), n);
    cr_expect_eq(strlen(small), sizeof small - 1);
}

/* On 12x14 with Eyeriss's spads the mapper reaches at least the chip's
 * active-PE counts for AlexNet CONV1-5 at batch 4 (JSSC 2017 Table V) */
Test(perf, alexnet_active_pes_at_least_eyeriss)
{
    const char *shapes[] = { "N=4,C=3,M=96,H=227,W=227,R=11,S=11,U=4", "N=4,C=96,M=256,H=27,W=27,R=5,S=5,pad=2,G=2",
                             "N=4,C=256,M=384,H=13,W=13,R=3,S=3,pad=1", "N=4,C=384,M=384,H=13,W=13,R=3,S=3,pad=1,G=2",
                             "N=4,C=384,M=256,H=13,W=13,R=3,S=3,pad=1,G=2" };
    const int eyeriss_pes[] = { 154, 135, 156, 156, 156 };
    for (int i = 0; i < 5; i++) {
        rs_shape s;
        rs_mapping m;
        map_on_eyeriss(shapes[i], &s, &m);
        cr_expect_geq(m.active_pes, eyeriss_pes[i], "CONV%d: %d active PEs", i + 1, m.active_pes);
    }
}

/* AlexNet CONV2 (R=5) on 12 rows: the mapper folds the filter so that every
 * pass fills the 12 rows (two sets of 5 would leave 2 idle), and over random
 * shapes and arrays the folds of any mapping cover the filter rows once,
 * each fold's chain fits the rows and its channel chunks cover the channels */
Test(perf, r_folds_fill_the_rows)
{
    rs_shape s;
    rs_mapping m;
    map_on_eyeriss("N=4,C=96,M=256,H=27,W=27,R=5,S=5,pad=2,G=2", &s, &m);
    cr_expect_gt(m.nr, 1);
    for (int rg = 0; rg < m.nr; rg++) {
        rs_fold f = rs_mapping_fold(&m, rg);
        cr_expect_eq(f.t * f.Rk, eyeriss.rows, "fold %d: %d sets of %d rows", rg, f.t, f.Rk);
    }
    cr_expect_eq(m.active_pes, 168);

    const int arrays[][2] = { { 12, 14 }, { 4, 4 }, { 3, 5 }, { 8, 2 }, { 16, 16 } };
    rs_rng rng;
    rs_rng_seed(&rng, 7);
    for (int i = 0; i < 400; i++) {
        rs_hw hw = eyeriss;
        hw.rows = arrays[i % 5][0];
        hw.cols = arrays[i % 5][1];
        int G = rs_rng_range(&rng, 1, 2), R = rs_rng_range(&rng, 1, 11), S = rs_rng_range(&rng, 1, 11);
        int U = rs_rng_range(&rng, 1, 4), C = G * rs_rng_range(&rng, 1, 70), M = G * rs_rng_range(&rng, 1, 40);
        int H = R + rs_rng_range(&rng, 0, 20), W = S + rs_rng_range(&rng, 0, 20);
        char text[160];
        snprintf(text, sizeof text, "C=%d,M=%d,H=%d,W=%d,R=%d,S=%d,U=%d,G=%d", C, M, H, W, R, S, U, G);
        rs_error err;
        cr_assert_eq(rs_shape_parse(text, &s, &err), 0, "%s: %s", text, err.msg);
        if (rs_map_layer(&hw, &s, 0.0, &m, &err))
            continue;   /* a filter row too long for this array's spads */
        int r = 0, units = 0;
        for (int rg = 0; rg < m.nr; rg++) {
            rs_fold f = rs_mapping_fold(&m, rg);
            cr_expect_eq(f.r0, r, "%s", text);
            cr_expect(f.Rk >= 1 && f.t >= 1 && f.t * f.Rk <= hw.rows, "%s: fold %d: %dx%d", text, rg, f.t, f.Rk);
            cr_expect_geq(f.t * m.nc * f.c_chunks, s.C / s.G, "%s: fold %d", text, rg);
            cr_expect_lt(f.t * m.nc * (f.c_chunks - 1), s.C / s.G, "%s: fold %d: an empty chunk", text, rg);
            r += f.Rk;
            units += f.c_chunks;
        }
        cr_expect_eq(r, s.R, "%s", text);
        cr_expect_eq(units, m.passes_per_tile, "%s", text);
        cr_expect_eq(m.passes, (long)s.G * m.m_chunks * m.tiles * m.passes_per_tile, "%s", text);
        cr_expect(m.active_pes >= 1 && m.active_pes <= hw.rows * hw.cols, "%s: %d", text, m.active_pes);
    }
}

/* The model plans for the DRAM link it is given: a slower link never makes
 * a layer faster. Over Eyeriss's link (2.4 bytes per cycle), AlexNet CONV2
 * at batch 4 takes folds of 3 and 2 rows. With raw ifmap payloads it keeps
 * the fewest filter chunks (3 of 44, nf=22): each chunk sends the ifmaps
 * over the link again. Run-length coded as the driver sends them (rlc),
 * even with no zeros but the padding, the payloads of two channels a tag
 * fill about a quarter of a word instead of half, and the mapper takes 4
 * chunks of 32 (nf=16), which waste no MAC slot on the 128 filters of a
 * group (measured with the layer's 38.7% zeros: 5,888,698 cycles against
 * 6,076,704 with 3 chunks). */
Test(perf, planned_for_the_link)
{
    rs_shape s;
    rs_mapping m, coded;
    rs_perf ideal, slow, slow_coded;
    rs_error err;
    rs_hw link = eyeriss, link_rlc = eyeriss;
    link.link_bytes = 2.4;
    link_rlc.link_bytes = 2.4;
    link_rlc.rlc = 1;
    cr_assert_eq(rs_shape_parse("N=4,C=96,M=256,H=27,W=27,R=5,S=5,pad=2,G=2", &s, &err), 0);
    cr_assert_eq(rs_map_layer(&link, &s, 0.0, &m, &err), 0, "%s", err.msg);
    cr_expect_eq(m.Rg, 3);
    cr_expect_eq(m.R_last, 2);
    cr_expect_eq(m.t_last, 6);
    cr_expect_eq(m.nf, 22);
    cr_expect_eq(m.m_chunks, 3);
    rs_perf_estimate(&eyeriss, &s, &m, 1, 0.0, &ideal);
    rs_perf_estimate(&link, &s, &m, 1, 0.0, &slow);
    cr_expect_geq(slow.cycles, ideal.cycles);
    cr_expect_gt(slow.win_bus, ideal.win_bus);
    /* a link busy most of the time slows the array: more than either alone */
    cr_expect_gt((double)slow.cycles, slow.link_cycles);
    cr_expect_gt((double)slow.cycles, slow.filter_cycles + slow.window_cycles + slow.other_cycles);

    cr_assert_eq(rs_map_layer(&link_rlc, &s, 0.0, &coded, &err), 0, "%s", err.msg);
    cr_expect_eq(coded.Rg, 3);
    cr_expect_eq(coded.R_last, 2);
    cr_expect_eq(coded.nf, 16);
    cr_expect_eq(coded.m_chunks, 4);
    rs_perf_estimate(&link_rlc, &s, &m, 1, 0.0, &slow_coded);
    cr_expect_lt(slow_coded.stream_words, slow.stream_words);
    cr_expect_lt(slow_coded.win_bus, slow.win_bus);
}

/* The mapper weighs the link's words by the layer's share of zeros: AlexNet
 * CONV3 at batch 4 over Eyeriss's link with dense ifmaps keeps 11 filter
 * chunks of 36 (each chunk sends the ifmaps again); with the 72.5% zeros
 * Eyeriss measured, the coded ifmaps are small enough for 12 chunks of 32,
 * which fill every MAC slot (measured: 3,968,713 cycles against 4,069,652).
 * On a zero-skip array the zeros also shorten the windows (measured: AlexNet
 * CONV3 at batch 1, 632,199 cycles against 723,072 on the dense mapping). */
/* the layer `text` mapped on hw for dense data and for the share `zeros` */
static void map_both(const rs_hw *hw, const char *text, double zeros, rs_shape *s, rs_mapping *dense,
                     rs_mapping *sparse)
{
    rs_error err;
    cr_assert_eq(rs_shape_parse(text, s, &err), 0, "%s: %s", text, err.msg);
    cr_assert_eq(rs_map_layer(hw, s, 0.0, dense, &err), 0, "%s: %s", text, err.msg);
    cr_assert_eq(rs_map_layer(hw, s, zeros, sparse, &err), 0, "%s: %s", text, err.msg);
}

Test(perf, mapped_for_the_share_of_zeros)
{
    rs_shape s;
    rs_mapping dense, sparse;
    rs_perf pd, ps;
    rs_hw link = eyeriss;
    link.link_bytes = 2.4;
    link.rlc = 1;
    map_both(&link, "N=4,C=256,M=384,H=15,W=15,R=3,S=3", 0.725, &s, &dense, &sparse);
    cr_expect_eq(dense.nf, 18);
    cr_expect_eq(dense.m_chunks, 11);
    cr_expect_eq(sparse.nf, 16);
    cr_expect_eq(sparse.m_chunks, 12);
    rs_perf_estimate(&link, &s, &dense, 1, 0.725, &pd);
    rs_perf_estimate(&link, &s, &sparse, 1, 0.725, &ps);
    cr_expect_lt((double)ps.cycles, 0.98 * (double)pd.cycles);
    /* on the zero-skip array at batch 1 on ideal memory, the zeros shorten
     * the windows until the psums of fourteen sets of 3x1 (nf=7 per 12
     * entries) wait for the psum bus: seven sets of 3x2 instead */
    rs_hw skip = eyeriss;
    skip.zero_skip = 1;
    map_both(&skip, "C=256,M=384,H=13,W=13,R=3,S=3,pad=1", 0.725, &s, &dense, &sparse);
    cr_expect_eq(dense.E, 1);
    cr_expect_eq(dense.h, 14);
    cr_expect_eq(sparse.E, 2);
    cr_expect_eq(sparse.h, 7);
}

/* A coded payload's expected size: every element a pair with no zeros, a
 * third of them with two zeros in three, one pair per 32 elements when all
 * are zero (measured: the AlexNet CONV3 ifmap of `make run`, 72.5% zeros,
 * codes to 2.72x fewer words than raw; the estimate gives 3/(4 x 0.275)) */
Test(perf, expected_rlc_pairs)
{
    cr_expect_float_eq(rs_rlc_expected_pairs(300.0, 0.0), 300.0, 1e-9);
    cr_expect_float_eq(rs_rlc_expected_pairs(0.0, 0.5), 0.0, 1e-9);
    cr_expect(fabs(rs_rlc_expected_pairs(3000.0, 2.0 / 3.0) - 1000.0) < 1.0);
    cr_expect_float_eq(rs_rlc_expected_pairs(320.0, 1.0), 10.0, 1e-9);
    double ratio = 1e6 / 4.0 / (rs_rlc_expected_pairs(1e6, 0.725) / 3.0);
    cr_expect(ratio > 2.70 && ratio < 2.75, "%f", ratio);
}

/* One PE lane (rsgen --pe-lanes 1) against measured cycles (docs/history.md,
 * "One PE lane": 4x4 arrays, `small` and `lean`, the same mapping): the model
 * stays within 12% of both, never expects the one-lane array to be faster, and
 * sees the fully connected layer's filter loads take about four times as
 * long (NW cycles instead of NW/4). */
Test(perf, one_pe_lane)
{
    static const struct {
        const char *shape;
        double zeros, full, lean;   /* measured cycles, whole beats and one lane */
    } cases[] = {
        { "C=3,M=16,H=31,W=31,R=11,S=11,U=4", 0.0, 15493, 16102 },
        { "C=32,M=48,H=13,W=13,R=3,S=3,pad=1", 0.5, 152119, 156423 },
        { "C=48,M=48,H=13,W=13,R=3,S=3,pad=1,G=2", 0.6, 129838, 139590 },
        { "C=256,M=10,H=1,W=1,R=1,S=1", 0.0, 1222, 3562 },
    };
    rs_hw full = { .rows = 4, .cols = 4, .dw = 16, .pw = 32, .ifmap_spad = 12, .filter_spad = 224,
                   .psum_spad = 24, .psum_banks = 2, .glb_words = 4 * 1024 / 8, .rlc = 1 };
    rs_hw lean = full;
    lean.pe_lanes = 1;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_error err;
        rs_shape s;
        rs_mapping m;
        rs_perf pf, pl;
        cr_assert_eq(rs_shape_parse(cases[i].shape, &s, &err), 0, "%s", err.msg);
        cr_assert_eq(rs_map_layer(&full, &s, cases[i].zeros, &m, &err), 0, "%s", err.msg);
        rs_perf_estimate(&full, &s, &m, 1, cases[i].zeros, &pf);
        rs_perf_estimate(&lean, &s, &m, 1, cases[i].zeros, &pl);
        cr_expect_geq(pl.cycles, pf.cycles, "%s: one lane expected faster", cases[i].shape);
        cr_expect_geq(pl.filter_cycles, pf.filter_cycles, "%s", cases[i].shape);
        double off_f = ((double)pf.cycles - cases[i].full) / cases[i].full;
        double off_l = ((double)pl.cycles - cases[i].lean) / cases[i].lean;
        cr_expect(fabs(off_f) < 0.12 && fabs(off_l) < 0.12, "%s: expected %llu / %llu, measured %.0f / %.0f",
                  cases[i].shape, (unsigned long long)pf.cycles, (unsigned long long)pl.cycles, cases[i].full,
                  cases[i].lean);
    }
    /* the fully connected layer: one filter tag of 256 weights per PE a pass */
    rs_shape s;
    rs_mapping m;
    rs_perf pf, pl;
    rs_error err;
    cr_assert_eq(rs_shape_parse("C=256,M=10,H=1,W=1,R=1,S=1", &s, &err), 0, "%s", err.msg);
    cr_assert_eq(rs_map_layer(&full, &s, 0.0, &m, &err), 0, "%s", err.msg);
    rs_perf_estimate(&full, &s, &m, 1, 0.0, &pf);
    rs_perf_estimate(&lean, &s, &m, 1, 0.0, &pl);
    cr_expect(pl.filter_cycles > 3.0 * pf.filter_cycles, "filter loads %.0f -> %.0f cycles", pf.filter_cycles,
              pl.filter_cycles);
}
