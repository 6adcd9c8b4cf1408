/* rs_geometry.h - the array, a layer's row-stationary mapping onto it, and
 * the sizes that follow from the mapping.
 *
 * A logical PE set is Rg filter rows tall and E output rows wide: PE (i, j)
 * holds filter row i and makes output row j. A mapping stacks t sets
 * vertically on different channel groups (their psums chain up the column,
 * summing the channels), places h sets side by side on different filters
 * (they share the ifmap by multicast), and inside each PE interleaves nc
 * channels and nf filters (Eyeriss's q and p). What does not fit is folded
 * into passes; partial sums of a pass wait in the global buffer and return
 * through the psum bus. Filters taller than Rg are folded into R folds of Rg
 * rows and a last one of the rest; each fold stacks as many sets as fit.
 *
 * The mapper (rs_mapper.h) chooses a mapping, the cycle model (rs_perf.h)
 * prices one, the stream builder (rs_stream.h) follows one: all three take
 * its sizes from here, so they agree on them. */
#ifndef RS_GEOMETRY_H
#define RS_GEOMETRY_H

#include <stddef.h>
#include <stdint.h>

#include "rs_shape.h"

typedef struct {
    int rows, cols, dw, pw, ifmap_spad, filter_spad, psum_spad;
    int psum_banks;  /* 2: a PE computes the next window while its chain ships the last one */
    long glb_words;  /* global buffer, 64-bit words */
    int zero_skip;   /* 1: zero activations are skipped (cost no MAC slot), 0: gated */
    int pe_lanes;    /* 1: a PE takes one element a cycle from the filter and ifmap
                      * buses (rsgen --pe-lanes 1); else (0 too) a whole beat */
    int psum_lanes;  /* psums a psum-bus and output-network beat carries: 4 (rsgen
                      * --psum-lanes 4: two buffer words), else (0 too) 2 */
    /* not the hardware's: the DRAM link the cycle model, and so the mapper,
     * plans for, in bytes per core cycle (reads and writes share it); 0: the
     * memory keeps up with the decoder's word per cycle */
    double link_bytes;
    /* not the hardware's either: the driver run-length codes ifmap payloads
     * where that saves a third, and the outputs (1, the default; the model
     * counts a coded payload's expected words from the share of zeros) */
    int rlc;
} rs_hw;

typedef struct {
    int Rg;        /* filter rows per set (<= rows) */
    int nr;        /* folds of R: ceil(R / Rg) */
    int nc;        /* channels interleaved per PE (q) */
    int t;         /* sets stacked vertically, each on nc other channels */
    int R_last;    /* filter rows of the last fold: R - (nr-1)*Rg */
    int t_last;    /* sets stacked in the last fold (t when R_last == Rg) */
    int c_chunks_last; /* channel chunks of the last fold: ceil(C/G / (t_last*nc)) */
    int nf;        /* filters interleaved per PE (p) */
    int E;         /* output rows per set (columns used by a set) */
    int h;         /* sets side by side, each on nf other filters */
    int strips;    /* ceil(P / E): sweeps of output rows per image */
    int m_chunks;  /* ceil(M/G / (nf*h)) */
    int c_chunks;  /* ceil(C/G / (t*nc)), per full fold */
    int active_pes;/* t*Rg x h*E, averaged over the passes of a tile */
    /* Tiles: the outputs whose psums a chain of passes keeps in the global
     * buffer (h*E columns x positions x ceil(nf/2) words, each pass updating
     * them in place, and the bias, one position of those, at the top) until a STORE sends them
     * out: sweeps (image, strip) of all Q columns, or runs of q_per_tile
     * columns of one sweep when a sweep does not fit. With two regions
     * the tiles take turns, so a tile's STORE runs while the next one
     * computes; with one the next tile waits for it. */
    long sweeps_per_tile;
    int q_per_tile;
    int regions;   /* 1 or 2 */
    long region_words; /* h*E x sweeps_per_tile x q_per_tile x ceil(nf/2) */
    long tiles;    /* per group and filter chunk */
    /* Ifmaps kept in the global buffer: the tile is the outer loop and the
     * filter chunks run inside it; the first chunk's ifmap commands copy
     * their payload into the buffer (KEEP), the others read it back from
     * there (SRC_GLB) instead of over the DRAM link. ifmap_words: the
     * buffer words a tile's ifmaps take (below the bias at the top). */
    int keep_ifmap;
    long ifmap_words;
    /* why: the cycle model's figures for the mapper's best mapping with the
     * other choice of keep_ifmap (alt_cycles 0: none fits the buffer) */
    uint64_t alt_cycles;
    double alt_dram_bytes;
    long passes;   /* G x m_chunks x tiles x passes_per_tile */
    int passes_per_tile; /* (nr-1) x c_chunks + c_chunks_last */
} rs_mapping;

/* One R fold: filter rows r0 .. r0+Rk-1 in t stacked sets of Rk rows, its
 * channels in c_chunks passes. A tile runs the folds in turn, each through
 * all its channel chunks, so the chain changes once per fold. */
typedef struct {
    int r0, Rk, t, c_chunks;
} rs_fold;

rs_fold rs_mapping_fold(const rs_mapping *map, int fold);

/* array columns the sets use: h*E */
int rs_mapping_used_cols(const rs_mapping *map);
/* global-buffer words an output position takes per column: ceil(nf/2)
 * (two psums a word) */
int rs_mapping_position_words(const rs_mapping *map);
/* ifmap column tags of one stacked set of Rk rows: the diagonals jj*U + r of
 * output row jj and filter row r */
int rs_mapping_set_tags(const rs_shape *s, const rs_mapping *map, int Rk);
/* 1 where the tags of t stacked sets of Rk rows all fit below ID_NONE: then
 * one ifmap DATA command carries a window's new columns for every set, else
 * each set takes a command of its own */
int rs_mapping_ifmap_one_command(const rs_shape *s, const rs_mapping *map, int Rk, int t);

/* A sweep's first window (S > U: S new columns) comes in DATA commands of
 * this many columns, a beat per tag (at least a column), so that each PE
 * takes its first beat as soon as the sweep before frees room for it. */
int rs_mapping_ifmap_piece(const rs_hw *hw, const rs_mapping *map);
/* payload words per tag of a sweep's first window, in those pieces */
long rs_mapping_first_window_words(const rs_hw *hw, const rs_shape *s, const rs_mapping *map);

/* Ifmap payload words (raw, 64/DW values each, every tag starting a word) a
 * tile of nsweeps sweeps over nq output columns sends: per fold, channel
 * chunk and window, (E-1)*U + Rk tags of each stacked set, S new columns in
 * a sweep's first window and min(U, S) after. */
long rs_mapping_ifmap_words(const rs_hw *hw, const rs_shape *s, const rs_mapping *map, long nsweeps, int nq);

/* Runs of q_per_tile output columns a sweep is cut into (1 when tiles hold
 * whole sweeps). */
long rs_mapping_q_runs(const rs_shape *s, const rs_mapping *map);

/* A tile of group g and filter chunk m_base/(nf*h): sweeps (image, strip)
 * sweep0 .. sweep0+nsweeps-1, each over output columns q0 .. q1-1. */
typedef struct {
    long sweep0, nsweeps;
    int q0, q1;
    int g, m_base;   /* group; first filter of the chunk within the group */
} rs_tile;

/* Tile `index` (0 .. map->tiles-1) of group g's filter chunk `chunk`. */
rs_tile rs_mapping_tile(const rs_shape *s, const rs_mapping *map, int g, long chunk, long index);
/* output positions of a tile: nsweeps x (q1 - q0) */
long rs_tile_positions(const rs_tile *tile);
/* output channel (of all M) that column j's filter slot f makes in the
 * tile's filter chunk; -1 when the slot is past the group's filters */
int rs_tile_out_channel(const rs_shape *s, const rs_mapping *map, const rs_tile *tile, int j, int f);

/* The share (0..1) of exact zeros among the n activations v: what the
 * driver and rsrun give the mapper and the cycle model. */
double rs_zero_share(const int32_t *v, size_t n);

/* One line: "sets ..x.. (Rg x E), stacked t=.., side by side h=.., ..." */
int rs_mapping_format(const rs_mapping *map, char *buf, size_t len);

#endif
