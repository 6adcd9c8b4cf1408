/* rs_perf.h - analytical cycle model of a layer on the row-stationary array,
 * and the mapping explained in Eyeriss's terms.
 *
 * The model follows what one pass of the hardware does (docs/stream.md):
 * write the PE IDs (first pass, and whenever an R fold changes the chain),
 * load the filters through the command stream (one 64-bit word per cycle;
 * only where the pass before could not send them between its windows into
 * the PEs' other filter bank: the first pass and a fold with a longer chain),
 * then for every image and strip of output rows stream one window
 * (output column position) after another. A window's period is set by the
 * slowest of three resources:
 *   - the PE: nc*S*nf MAC slots, pipeline drain, then shipping its nf psums
 *     up the chain (a PE computes and ships in turn, not at once);
 *   - the global output network: h*E*nf psums of a window leave through one
 *     round-robin port, one per cycle;
 *   - the command stream: the window's ifmap words (and psum words) at one
 *     64-bit word per cycle, or at the rate of the DRAM link hw->link_bytes
 *     when that is slower (the layer's filter loads and stores likewise);
 * plus a calibrated interference term: when PE time and output time are
 * close, columns wait on each other (the round-robin network serves all
 * columns at once and the diagonal ifmap multicast keeps them in step).
 * The constants were fitted to the hardware's cycle counters (see
 * rs_perf.c). Over a DRAM link, the layer's time and the link's (all the
 * command stream and the outputs) combine as a norm that a link busy most
 * of the time makes longer than either (rs_perf.c, link_mix). Zero-gating
 * saves no cycles, so there the data do not matter; on a zero-skipping
 * array (hw->zero_skip) a window's PE time counts the entries expected to
 * be non-zero instead: ne*(1-z) plus zs_spread standard
 * deviations of that count (the PEs of a pass wait for the slowest), for a
 * share z of zero activations. The share of zeros also sets the expected
 * size of run-length coded ifmap payloads (hw->rlc), on any array. */
#ifndef RS_PERF_H
#define RS_PERF_H

#include <stddef.h>
#include <stdint.h>

#include "rs_geometry.h"
#include "rs_shape.h"

typedef struct {
    /* one steady-state window of a full-length chain, in cycles */
    double win_entries;   /* entries a window computes: nc*S, or (zero-skip) those expected non-zero */
    double win_pe;        /* win_entries*nf slots + drain + nf ships + chain ripple */
    double win_out;       /* h*E*ceil(nf/2) beats through the output network */
    double win_psum;      /* the same number of beats in on the psum bus */
    double win_bus;       /* command words of one window (filters, ifmaps) */
    double win;           /* modelled period: max of the four + interference */
    const char *bound;    /* "PE", "output network", "psum bus" or "command stream" */
    /* per layer */
    double filter_cycles; /* filter loads that cost cycles (a word per cycle, or the link's rate), summed over passes */
    double stream_words;  /* command-stream words of the layer: filters, ifmaps (run-length coded where
                           * the driver would code them), psum commands */
    double id_words;      /* ID-write barriers, summed over the layer */
    double window_cycles; /* all windows of all passes */
    double other_cycles;  /* pass start, sweep fill and drain */
    double link_cycles;   /* the DRAM link's time for the stream and the outputs (0: no link planned for) */
    double dram_bytes;    /* the command stream and the outputs (packed, every filter slot) */
    double store_cycles;  /* STOREs: a buffer word (two values) per cycle, ceil(nf/2) per position and column */
    uint64_t cycles;      /* expected total (sum of the above) */
    uint64_t macs;        /* the layer's MACs */
    double util;          /* macs / (cycles x rows x cols) */
} rs_perf;

/* The model's constants (rs_perf.c says what each stands for). */
typedef struct {
    double pe_restart, ship, chain, id_write, pass_start, sweep_start, sweep_pe, fill, tail, bus, int_gain, int_width,
        zs_spread, bank_wait, link_mix;
} rs_perf_params;

/* The constants fitted to the hardware (rs_perf_estimate uses them). */
extern const rs_perf_params rs_perf_calibrated;

/* Expected cycles of the layer s mapped as map on hw; bias: the layer has a
 * bias (the first pass then also streams psums); zeros: the share of
 * activations that are zero, 0..1: on a zero-skip array the MAC slots they
 * save, and (hw->rlc) the size of run-length coded ifmap payloads. Never
 * fails on a mapping rs_map_layer produced. */
void rs_perf_estimate(const rs_hw *hw, const rs_shape *s, const rs_mapping *map, int bias, double zeros, rs_perf *p);
/* The same with other constants (for fitting them). */
void rs_perf_estimate_with(const rs_perf_params *k, const rs_hw *hw, const rs_shape *s, const rs_mapping *map,
                           int bias, double zeros, rs_perf *p);

/* The explanation rsrun --explain prints: several lines, each ending in
 * '\n', starting with a short label. Returns the length (snprintf-like). */
int rs_explain_format(const rs_hw *hw, const rs_shape *s, const rs_mapping *map, const rs_perf *p,
                      char *buf, size_t len);

#endif
