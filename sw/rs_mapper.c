/* rs_mapper.c - choose the row-stationary mapping (see rs_mapper.h). */
#include "rs_mapper.h"

#include "rs_geometry.h"
#include "rs_perf.h"

/* IDs are 8 bits and 255 means "none": ifmap column tags jj*U + r must stay below. */
#define RS_MAX_TAG 254
/* The mapper also tries up to this many filter chunks more than the fewest
 * (smaller nf): where M/G is not a multiple of the chunk, the last chunk's
 * empty filter slots cost MAC slots in every window of its passes. */
#define MAX_MORE_CHUNKS 3

static int min_i(int a, int b) { return a < b ? a : b; }
static int ceil_div(int a, int b) { return (a + b - 1) / b; }

typedef struct {
    long sweeps_per_tile;
    int q_per_tile;
    long tiles;
} tile_plan;

/* tiles of at most `positions` output positions: whole sweeps (image, strip)
 * when one fits, else runs of columns of one sweep; -1 when none fits */
static int plan_tiles(const rs_shape *s, const rs_mapping *map, long positions, tile_plan *tp)
{
    long sweeps = (long)s->N * map->strips;
    if (positions < 1)
        return -1;
    if (positions >= s->Q) {
        tp->sweeps_per_tile = positions / s->Q < sweeps ? positions / s->Q : sweeps;
        tp->q_per_tile = s->Q;
    } else {
        tp->sweeps_per_tile = 1;
        tp->q_per_tile = (int)positions;
    }
    tp->tiles = (sweeps + tp->sweeps_per_tile - 1) / tp->sweeps_per_tile * ceil_div(s->Q, tp->q_per_tile);
    return 0;
}

/* Tiles with the ifmaps kept (one psum region): the most sweeps, or else
 * the longest run of columns of one sweep, whose psums, ifmaps and the bias
 * fit the buffer; -1 when not even one column does */
static int plan_tiles_keep(const rs_hw *hw, const rs_shape *s, const rs_mapping *map, long per_position,
                           tile_plan *tp)
{
    long sweeps = (long)s->N * map->strips;
    long room = hw->glb_words - per_position;
    for (long spt = sweeps; spt >= 1; spt--)
        if (spt * s->Q * per_position + rs_mapping_ifmap_words(hw, s, map, spt, s->Q) <= room) {
            tp->sweeps_per_tile = spt;
            tp->q_per_tile = s->Q;
            tp->tiles = ceil_div((int)sweeps, (int)spt);
            return 0;
        }
    for (int q = s->Q - 1; q >= 1; q--)
        if (q * per_position + rs_mapping_ifmap_words(hw, s, map, 1, q) <= room) {
            tp->sweeps_per_tile = 1;
            tp->q_per_tile = q;
            tp->tiles = sweeps * ceil_div(s->Q, q);
            return 0;
        }
    return -1;
}

/* the mapping with sets at most rg_want filter rows tall and e_want output
 * rows wide, with the ifmaps kept in the buffer (keep) or not */
static int map_sets(const rs_hw *hw, const rs_shape *s, int rg_want, int e_want, int keep, int more_chunks,
                    rs_mapping *map, rs_error *err)
{
    int Cg = s->C / s->G, Mg = s->M / s->G;
    if (s->S > hw->ifmap_spad)
        return rs_error_set(err, "S=%d: a filter row must fit the ifmap spad (%d entries)", s->S, hw->ifmap_spad);
    if (s->S > hw->filter_spad)
        return rs_error_set(err, "S=%d: a filter row must fit the filter spad (%d entries)", s->S, hw->filter_spad);

    map->Rg = min_i(min_i(s->R, hw->rows), rg_want);
    map->nr = ceil_div(s->R, map->Rg);
    map->R_last = s->R - (map->nr - 1) * map->Rg;
    map->nc = min_i(Cg, min_i(hw->ifmap_spad / s->S, hw->filter_spad / s->S));
    map->t = min_i(hw->rows / map->Rg, ceil_div(Cg, map->nc));
    /* as many channel chunks, each as full as the next: a window costs nc*S
     * entries whether or not the last chunk has channels for them (C=20 on
     * t=4 sets: nc=3 in 2 chunks instead of nc=4, a third of them empty) */
    map->nc = ceil_div(Cg, map->t * ceil_div(Cg, map->t * map->nc));
    map->t = min_i(map->t, ceil_div(Cg, map->nc));
    map->c_chunks = ceil_div(Cg, map->t * map->nc);
    /* a shorter last fold stacks more sets, as many as its channels need */
    map->t_last = map->t;
    map->c_chunks_last = map->c_chunks;
    if (map->R_last < map->Rg) {
        map->t_last = min_i(hw->rows / map->R_last, ceil_div(Cg, map->nc));
        map->c_chunks_last = ceil_div(Cg, map->t_last * map->nc);
        map->t_last = ceil_div(Cg, map->nc * map->c_chunks_last);
    }

    int e_tag = (RS_MAX_TAG - (map->Rg - 1)) / s->U + 1;
    map->E = min_i(min_i(min_i(s->P, hw->cols), e_tag), e_want);
    map->h = min_i(hw->cols / map->E, Mg);
    map->nf = min_i(hw->psum_spad, hw->filter_spad / (map->nc * s->S));
    map->nf = min_i(map->nf, ceil_div(Mg, map->h));
    map->nf = min_i(map->nf, 255);
    if (map->nf < 1)
        return rs_error_set(err, "S=%d: no filter fits the filter spad (%d entries)", s->S, hw->filter_spad);
    /* with nf settled, use no more side-by-side sets than the filters need */
    map->h = min_i(map->h, ceil_div(Mg, map->nf));
    /* and as many filter chunks (more_chunks more than the fewest), each as
     * full as the next: a window costs nf MAC slots per entry, used or not
     * (AlexNet CONV5: 128 filters per group in 8 chunks of 16, not 7 of 18
     * and one of 2) */
    map->nf = ceil_div(Mg, map->h * (ceil_div(Mg, map->nf * map->h) + more_chunks));

    map->strips = ceil_div(s->P, map->E);
    map->m_chunks = ceil_div(Mg, map->nf * map->h);
    long rows_used = 0;   /* rows of the array in use, summed over a tile's passes */
    map->passes_per_tile = 0;
    for (int rg = 0; rg < map->nr; rg++) {
        rs_fold f = rs_mapping_fold(map, rg);
        map->passes_per_tile += f.c_chunks;
        rows_used += (long)f.c_chunks * f.t * f.Rk;
    }
    map->active_pes = (int)((rows_used * map->h * map->E + map->passes_per_tile / 2) / map->passes_per_tile);

    /* Every output waits in the buffer for the STORE that sends it out; the
     * bias (one position's worth per column) stays at the top of the buffer.
     * Two regions let each STORE run while the next tile computes; they are
     * taken only when they need no more tiles than one: more tiles load the
     * filters more often, and over a DRAM link like Eyeriss's those words
     * cost more than the hidden STORE saves (AlexNet CONV1 at batch 4:
     * 5,774,690 cycles in 32 tiles against 5,537,962 in 16; with ideal memory
     * the 32 tiles are 7% faster). */
    long per_position = (long)rs_mapping_used_cols(map) * rs_mapping_position_words(map);
    if (hw->glb_words < 2 * per_position)
        return rs_error_set(err, "global buffer (%ld words) too small for one output position's psums "
                                 "and the bias (%ld words each)", hw->glb_words, per_position);
    map->alt_cycles = 0;
    map->alt_dram_bytes = 0.0;
    tile_plan one = { 0 }, two = { 0 };
    int regions = 1;
    map->keep_ifmap = keep;
    map->ifmap_words = 0;
    if (keep) {
        if (plan_tiles_keep(hw, s, map, per_position, &one))
            return rs_error_set(err, "global buffer (%ld words) too small to keep one column's ifmaps",
                                hw->glb_words);
        map->ifmap_words = rs_mapping_ifmap_words(hw, s, map, one.sweeps_per_tile, one.q_per_tile);
    } else {
        plan_tiles(s, map, (hw->glb_words - per_position) / per_position, &one);
        int two_fit = plan_tiles(s, map, (hw->glb_words - per_position) / (2 * per_position), &two) == 0;
        regions = two_fit && two.tiles == one.tiles ? 2 : 1;
    }
    const tile_plan *tp = regions == 2 ? &two : &one;
    map->regions = regions;
    map->sweeps_per_tile = tp->sweeps_per_tile;
    map->q_per_tile = tp->q_per_tile;
    map->tiles = tp->tiles;
    map->region_words = per_position * tp->sweeps_per_tile * tp->q_per_tile;
    map->passes = (long)s->G * map->m_chunks * map->tiles * map->passes_per_tile;
    return 0;
}

/* The tallest and widest sets first (Rg = min(R, rows), E = min(P, cols));
 * then shorter ones, down to half that height, which fold R to fill more
 * rows; and narrower ones, down to one column, which put more sets side by
 * side on other filters: fewer filter chunks, so the ifmap crosses the link
 * fewer times, for more strips of output rows. Each set shape is tried with
 * up to MAX_MORE_CHUNKS more filter chunks, and with the ifmaps kept in the
 * buffer (where there are filter chunks to share them: more tiles, but each
 * ifmap crosses the link once per tile instead of once per chunk). The
 * cycle model chooses: another mapping must be expected 2% faster, or as
 * fast (within 2%) with fewer command-stream words; it is asked with a bias
 * and the layer's share of zero activations, which sets how many words the
 * run-length coded ifmaps take on the link and, on a zero-skip array, how
 * many MAC slots a window skips. docs/history.md has what each step of the
 * search gained. */
int rs_map_layer(const rs_hw *hw, const rs_shape *s, double zeros, rs_mapping *map, rs_error *err)
{
    if (map_sets(hw, s, hw->rows, hw->cols, 0, 0, map, err))
        return -1;
    rs_perf best, fastest_p;
    rs_perf_estimate(hw, s, map, 1, zeros, &best);
    rs_mapping fastest = *map;
    fastest_p = best;
    /* the fastest candidate of each choice of keep_ifmap, for the why */
    rs_perf by_keep[2] = { best };
    int rg_max = map->Rg, e_max = map->E;
    for (int rg = rg_max; rg >= (rg_max + 1) / 2; rg--)
        for (int h = 1, last_e = hw->cols + 1; h <= hw->cols; h++) {
            if (hw->cols / h >= last_e)
                continue;
            last_e = hw->cols / h;
            for (int keep = 0; keep <= 1; keep++)
                for (int more = 0, last_nf = 0; more <= MAX_MORE_CHUNKS; more++) {
                    rs_mapping cand;
                    rs_error ignored;
                    rs_perf p;
                    if ((rg == rg_max && h == 1 && !keep && more == 0) ||
                        map_sets(hw, s, rg, last_e, keep, more, &cand, &ignored) ||
                        (last_e < e_max && cand.h < 2) || (keep && cand.m_chunks < 2) || cand.nf == last_nf)
                        continue;
                    last_nf = cand.nf;
                    rs_perf_estimate(hw, s, &cand, 1, zeros, &p);
                    if (!by_keep[keep].cycles || p.cycles < by_keep[keep].cycles)
                        by_keep[keep] = p;
                    double c = (double)p.cycles, b = (double)best.cycles;
                    /* more chunks than the fewest only for 2% (VGG-16 CONV1_1:
                     * 4 chunks of 16 with fewer words, expected 0.4% slower
                     * than 2 side by side, measured 7.7% slower) */
                    if (c < 0.98 * b || (more == 0 && c <= 1.02 * b && p.stream_words < best.stream_words)) {
                        *map = cand;
                        best = p;
                    }
                    if (p.cycles < fastest_p.cycles) {
                        fastest = cand;
                        fastest_p = p;
                    }
                }
        }
    /* a mapping taken for its fewer words may have let a faster one seem
     * within 2% of it: the fastest wins where it is 2% faster than the choice */
    if ((double)fastest_p.cycles < 0.98 * (double)best.cycles)
        *map = fastest;
    const rs_perf *alt = &by_keep[!map->keep_ifmap];
    map->alt_cycles = alt->cycles;
    map->alt_dram_bytes = alt->dram_bytes;
    return 0;
}
