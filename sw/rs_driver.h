/* rs_driver.h - the host driver: runs a CONV layer on the accelerator.
 *
 * It checks the hardware (magic, config hash), maps the layer (rs_mapper.h),
 * has its command stream built (rs_stream.h), puts the stream into the
 * device's memory, runs the layer with one START, and decodes the STOREs'
 * outputs from memory into the ofmap. */
#ifndef RS_DRIVER_H
#define RS_DRIVER_H

#include <stdint.h>

#include "rs_error.h"
#include "rs_golden.h"
#include "rs_mapper.h"
#include "rs_shape.h"
#include "rs_transport.h"

typedef struct {
    rs_hw hw;
    uint32_t config_hash;
} rs_device;

typedef struct {
    uint64_t cycles;       /* hardware cycles, summed over passes */
    uint64_t macs;         /* MACs issued */
    uint64_t gated;        /* MACs gated on a zero activation */
    uint64_t pe_cycles;    /* enabled-PE cycles */
    uint64_t cmd_words;    /* command-stream words consumed */
    uint64_t res_words;    /* results out of the array (to memory and to the buffer) */
    uint64_t dram_rd, dram_wr;     /* bytes */
    uint64_t glb_rd, glb_wr;       /* buffer words read, psum slots written */
    uint64_t noc_flt, noc_ifm, noc_psm;   /* input-network beats */
    uint64_t stalls;       /* cycles the decoder waited for a command word */
    /* ifmap payloads in the command stream (counted by the driver as it builds it) */
    uint64_t ifmap_raw_words;              /* payload words uncompressed */
    uint64_t ifmap_words;                  /* payload words sent (RLC where shorter) */
    uint64_t ifmap_glb_words;              /* payload words read back from the global buffer (kept ifmaps) */
    uint64_t ifmap_ahead_words;            /* of ifmap_raw_words: copied into the buffer a tile ahead, to no PE */
    uint64_t filter_words, psum_words;     /* inline filter and psum (bias) payload words */
    /* outputs the STOREs wrote (RLC unless hw.rlc is off) and packed */
    uint64_t out_words, out_raw_words;
    uint64_t stream_words;                 /* the whole command stream, END included */
    uint64_t flt_skip;     /* filter-spad reads skipped (gated or zero-skipped MAC slots) */
    uint64_t zskip;        /* MAC slots skipped by zero-skip (PE cycles saved) */
    uint64_t op_loads;     /* multiplier operand-register loads performed */
    uint64_t psum_wr;      /* psum-spad writes performed */
    long passes;
    double sim_seconds;    /* wall time of the run (simulation) */
} rs_run_stats;

/* Read and check the identity CSRs; expected_hash 0 accepts any. */
int rs_device_open(rs_transport *t, uint32_t expected_hash, rs_device *dev, rs_error *err);

/* ifmap (N,C,H,W), weights (M,C/G,R,S), bias (M) or NULL, ofmap (N,M,P,Q).
 * q->dw and q->pw must be the device's; q->thresh goes to every pass's
 * CONFIG (the PEs treat activations with |x| <= thresh as zero). */
int rs_run_conv(rs_transport *t, const rs_device *dev, const rs_shape *s, const rs_quant *q,
                const int32_t *ifmap, const int32_t *weights, const int32_t *bias, int32_t *ofmap,
                rs_mapping *map, rs_run_stats *stats, rs_error *err);

#endif
