/* test_energy.c - the energy estimate (sw/rs_energy.c) and the sparsity
 * figures (rs_rlc_measure) that reports print. */
#include <criterion/criterion.h>

#include "rs_energy.h"
#include "rs_rlc.h"

Test(energy, levels_follow_the_counters)
{
    rs_run_stats st = { 0 };
    st.dram_rd = 1000;
    st.dram_wr = 200;
    st.glb_rd = 10;
    st.glb_wr = 6;
    st.noc_flt = 1;
    st.noc_ifm = 2;
    st.noc_psm = 3;
    st.res_words = 5;
    st.macs = 300;
    rs_energy a, d;
    rs_energy_estimate(&st, &a, &d);
    cr_expect_float_eq(a.level[RS_E_DRAM], 600 * 200.0, 1e-9);
    cr_expect_float_eq(a.level[RS_E_GLB], (10 * 4 + 6 * 2) * 6.0, 1e-9);
    cr_expect_float_eq(a.level[RS_E_NOC], (6 * 4 + 5 * 2) * 2.0, 1e-9);
    cr_expect_float_eq(a.level[RS_E_RF], 300 * 4.0, 1e-9);
    cr_expect_float_eq(a.level[RS_E_MAC], 300.0, 1e-9);
    double sum = 0;
    for (int i = 0; i < RS_E_LEVELS; i++)
        sum += a.level[i];
    cr_expect_float_eq(a.total, sum, 1e-9);
    cr_expect_float_eq(d.total, a.total, 1e-9, "nothing gated: dense costs the same");
}

Test(energy, gating_saves_rf_and_mac_only)
{
    rs_run_stats st = { 0 };
    st.dram_rd = 64;
    st.macs = 100;
    st.gated = 300;
    rs_energy a, d;
    rs_energy_estimate(&st, &a, &d);
    cr_expect_float_eq(a.level[RS_E_RF], 100 * 4.0 + 300, 1e-9);
    cr_expect_float_eq(d.level[RS_E_RF], 400 * 4.0, 1e-9);
    cr_expect_float_eq(d.level[RS_E_MAC], 400.0, 1e-9);
    cr_expect_float_eq(a.level[RS_E_DRAM], d.level[RS_E_DRAM], 1e-9);
    cr_expect_lt(a.total, d.total);
    st.zskip = 50;   /* skipped slots: free when run, full MACs when dense */
    rs_energy a2, d2;
    rs_energy_estimate(&st, &a2, &d2);
    cr_expect_float_eq(a2.total, a.total, 1e-9);
    cr_expect_float_eq(d2.level[RS_E_MAC], 450.0, 1e-9);
}

Test(energy, sparsity_figures_of_a_tensor)
{
    int32_t v[100] = { 0 };
    rs_rlc_figures f;
    rs_error err;
    cr_assert_eq(rs_rlc_measure(v, 100, 16, &f, &err), 0, "%s", err.msg);
    cr_expect_eq(f.elems, 100);
    cr_expect_eq(f.zeros, 100);
    cr_expect_eq(f.raw_bytes, 200);
    cr_expect_eq(f.rlc_bytes, 16, "(31,0) x3 + (3,0): four pairs, two words");
    cr_expect_float_eq(f.entropy_bytes, 0.0, 1e-12);
    v[7] = 5;
    v[50] = -3;
    cr_assert_eq(rs_rlc_measure(v, 100, 8, &f, &err), 0, "%s", err.msg);
    cr_expect_eq(f.zeros, 98);
    cr_expect_eq(f.raw_bytes, 100);
    cr_expect_gt(f.entropy_bytes, 0.0);
    v[9] = 300;
    cr_expect_neq(rs_rlc_measure(v, 100, 8, &f, &err), 0, "300 does not fit 8 bits");
}
