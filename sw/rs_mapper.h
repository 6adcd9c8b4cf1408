/* rs_mapper.h - choose the row-stationary mapping of a CONV layer.
 *
 * The mapping's terms are rs_geometry.h's. Filters taller than the array, or
 * than a set height Rg chosen to fill more rows, are folded into R folds
 * (AlexNet CONV2, R=5 on 12 rows: folds of 4 and 1 rows in 3 and 12 sets,
 * or over a slow DRAM link 3 and 2 rows in 4 and 6 sets, all 12 rows,
 * instead of two sets of 5). Of the candidate set shapes (the tallest and
 * widest first, then shorter ones down to half the height and narrower ones
 * down to one column) the cycle model (rs_perf.h) picks one. */
#ifndef RS_MAPPER_H
#define RS_MAPPER_H

#include "rs_error.h"
#include "rs_geometry.h"
#include "rs_shape.h"

/* The mapping the cycle model expects fastest for the layer on hw, whose
 * ifmap has the share zeros (0..1) of zero activations (0 when not known). */
int rs_map_layer(const rs_hw *hw, const rs_shape *s, double zeros, rs_mapping *map, rs_error *err);

#endif
