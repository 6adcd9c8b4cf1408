/* rs_energy.c - energy estimate from the counters (see rs_energy.h). */
#include "rs_energy.h"

const char *const rs_energy_level_names[RS_E_LEVELS] = { "DRAM", "GLB", "NoC", "RF", "MAC" };

static const double cost[RS_E_LEVELS] = { 200.0, 6.0, 2.0, 1.0, 1.0 };

static void finish(rs_energy *e)
{
    e->total = 0;
    for (int i = 0; i < RS_E_LEVELS; i++) {
        e->level[i] *= cost[i];
        e->total += e->level[i];
    }
}

void rs_energy_estimate(const rs_run_stats *st, rs_energy *actual, rs_energy *dense)
{
    rs_energy a = { { 0 }, 0 };
    a.level[RS_E_DRAM] = (double)(st->dram_rd + st->dram_wr) / 2.0;
    a.level[RS_E_GLB] = (double)st->glb_rd * 4.0 + (double)st->glb_wr * 2.0;
    a.level[RS_E_NOC] = (double)(st->noc_flt + st->noc_ifm + st->noc_psm) * 4.0 + (double)st->res_words * 2.0;
    rs_energy d = a;
    a.level[RS_E_RF] = (double)st->macs * 4.0 + (double)st->gated;
    a.level[RS_E_MAC] = (double)st->macs;
    double slots = (double)(st->macs + st->gated + st->zskip);
    d.level[RS_E_RF] = slots * 4.0;
    d.level[RS_E_MAC] = slots;
    finish(&a);
    finish(&d);
    *actual = a;
    *dense = d;
}
