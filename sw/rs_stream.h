/* rs_stream.h - a CONV layer's command stream, built from its mapping.
 *
 * One stream runs the whole layer: per tile of outputs whose partial sums
 * fit the global buffer, the passes (configuration, IDs, filters, ifmap
 * rows, psums) that accumulate it. Every pass leaves its psums in the global
 * buffer: the next pass reads them back through the psum bus (the first
 * starts from the bias, loaded into the buffer once per filter chunk), the
 * last requantizes, and a STORE sends the tile's outputs to memory as DW-bit
 * values, run-length coded or packed (docs/stream.md has the words). The
 * driver (rs_driver.h) runs the stream and reads the STOREs back. */
#ifndef RS_STREAM_H
#define RS_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "rs_error.h"
#include "rs_geometry.h"
#include "rs_golden.h"
#include "rs_shape.h"

/* Payload words the stream carries, counted as it is built. */
typedef struct {
    uint64_t ifmap_raw_words;     /* ifmap payload words uncompressed */
    uint64_t ifmap_words;         /* ifmap payload words sent (RLC where shorter) */
    uint64_t ifmap_glb_words;     /* ifmap payload words read back from the global buffer (kept ifmaps) */
    uint64_t ifmap_ahead_words;   /* of ifmap_raw_words: copied into the buffer a tile ahead, to no PE */
    uint64_t filter_words, psum_words;   /* inline filter and psum (bias) payload words */
} rs_stream_counts;

/* One tile's STORE: n_values values of the tile's outputs, in the order
 * rs_driver.c places them. */
typedef struct {
    rs_tile tile;
    size_t n_values;
} rs_stream_store;

typedef struct {
    uint64_t *words;          /* the command stream, END included */
    size_t n_words;
    rs_stream_store *stores;  /* the tiles' STOREs, in stream order */
    size_t n_stores;
    long passes;
    rs_stream_counts counts;
} rs_stream;

/* Build the stream of the layer s mapped as map on hw: ifmap (N,C,H,W),
 * weights (M,C/G,R,S), bias (M) or NULL; q's shift, relu and thresh go to
 * every pass's CONFIG. Run-length codes ifmap payloads and outputs where
 * hw->rlc. On error *st holds nothing; else free it with rs_stream_free. */
int rs_stream_build(const rs_hw *hw, const rs_shape *s, const rs_quant *q, const rs_mapping *map,
                    const int32_t *ifmap, const int32_t *weights, const int32_t *bias, rs_stream *st, rs_error *err);
void rs_stream_free(rs_stream *st);

#endif
