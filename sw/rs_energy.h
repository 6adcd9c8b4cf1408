/* rs_energy.h - energy estimate of a layer run from the hardware counters.
 *
 * Costs are Eyeriss's normalized energies per 16-bit access (JSSC 2017 /
 * ISCA 2016: DRAM 200, global buffer 6, array network 2, register file
 * (spad) 1, MAC 1, all relative to one MAC). Accesses come from counters,
 * in 16-bit units:
 *   DRAM  bytes read + written / 2
 *   GLB   64-bit words read x 4 + 32-bit psum slots written x 2
 *   NoC   input-network beats x 4 (64-bit beats) + results out x 2 (32 bit)
 *   RF    per issued MAC: ifmap, filter and psum reads and the psum write
 *         (4); per gated MAC slot only the ifmap read that finds the zero (1);
 *         slots skipped by zero-skip cost nothing (the one read of the zero
 *         entry that skips them is not counted)
 *   MAC   issued MACs
 * The dense figure charges every gated or skipped slot as a full MAC (what
 * the same run would cost without zero-gating or zero-skip). Not counted: spad writes of data arriving
 * from the network (one beat can fill several PEs' spads), control, clock,
 * leakage. So the figures compare runs and show where energy goes; they are
 * not joules. */
#ifndef RS_ENERGY_H
#define RS_ENERGY_H

#include "rs_driver.h"

enum { RS_E_DRAM, RS_E_GLB, RS_E_NOC, RS_E_RF, RS_E_MAC, RS_E_LEVELS };

typedef struct {
    double level[RS_E_LEVELS];   /* normalized energy per level (MAC = 1) */
    double total;
} rs_energy;

extern const char *const rs_energy_level_names[RS_E_LEVELS];

/* actual: with zero-gating as run; dense: every MAC slot a full MAC */
void rs_energy_estimate(const rs_run_stats *st, rs_energy *actual, rs_energy *dense);

#endif
