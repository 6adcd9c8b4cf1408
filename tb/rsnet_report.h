/* rsnet_report.h - what rsnet prints: the model, the scales, accuracy and
 * the per-layer table (text and --csv); and the ONNX node-test runner. */
#ifndef RSNET_REPORT_H
#define RSNET_REPORT_H

#include <stdint.h>

#include "rs_driver.h"
#include "rs_net_run.h"

/* One accelerator layer (a CONV node), summed over its batches. */
typedef struct {
    int used;
    rs_shape shape;        /* of the last batch */
    rs_mapping map;
    rs_quant quant;
    rs_run_stats stats;    /* summed */
    uint64_t macs, compared, mismatches, ifmap_zeros, ifmap_values;
} layer_row;

typedef struct {
    rs_transport transport, *t;
    rs_device dev;
    layer_row *rows;       /* per node */
    long images, batches, hits;
    double seconds;
    int layer_progress;    /* one batch only: a progress line per layer */
    double start;
} hw_run;

void report_add_stats(rs_run_stats *sum, const rs_run_stats *st);
/* --csv must name a file in a writable folder */
int report_check_path(const char *path, rs_error *err);
void report_model(const char *path, const rs_net *net, const rs_hw *hw, const char *config);
void report_quant(const rs_net *net, const rs_qnet *qn, int64_t calib, int random);
/* Accuracy (count > 0), the layer table (hr non-NULL), images/s; --csv.
 * Returns the exit status (0 or 1 on a mismatch), -1 on a write error. */
int report_results(const char *csv, const rs_net *net, const rs_hw *hw, const char *config, int64_t count,
                   const long *hits, const long *agree, double host_seconds, const hw_run *hr, rs_error *err);

/* --onnx-test DIR: exit status (0 within tolerance, 1 outside, 2 refused). */
int rsnet_onnx_test(const char *dir, int dw);

#endif
