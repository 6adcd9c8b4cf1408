/* rs_driver.h - the host driver: runs a CONV layer on the accelerator.
 *
 * It checks the hardware (magic, config hash), maps the layer, and for every
 * pass builds the command stream (configuration, IDs, filters, ifmap rows,
 * psums), runs it, and places the tagged results. Partial sums of a pass that
 * does not finish an output come back raw and go into the next pass through
 * the psum bus; the last pass requantizes in hardware. */
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
    uint64_t cmd_words;
    uint64_t res_words;
    long passes;
    double sim_seconds;    /* wall time spent in the transport's exchanges */
} rs_run_stats;

/* Read and check the identity CSRs; expected_hash 0 accepts any. */
int rs_device_open(rs_transport *t, uint32_t expected_hash, rs_device *dev, rs_error *err);

/* ifmap (N,C,H,W), weights (M,C/G,R,S), bias (M) or NULL, ofmap (N,M,P,Q).
 * q->dw and q->pw must be the device's. */
int rs_run_conv(rs_transport *t, const rs_device *dev, const rs_shape *s, const rs_quant *q,
                const int32_t *ifmap, const int32_t *weights, const int32_t *bias, int32_t *ofmap,
                rs_mapping *map, rs_run_stats *stats, rs_error *err);

#endif
