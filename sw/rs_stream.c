/* rs_stream.c - build a layer's command stream (see rs_stream.h and
 * docs/stream.md): plan the passes, then write each one's commands. */
#include "rs_stream.h"

#include <stdlib.h>
#include <string.h>

#include "rs_protocol.h"
#include "rs_rlc.h"

/* ------------------------------------------------------------ word vector */

typedef struct {
    uint64_t *w;
    size_t n, cap;
    int failed;
} words;

static void push(words *v, uint64_t x)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 4096;
        uint64_t *p = realloc(v->w, cap * sizeof *p);
        if (!p) {
            v->failed = 1;
            return;
        }
        v->w = p;
        v->cap = cap;
    }
    v->w[v->n++] = x;
}

static uint64_t field(uint64_t value, int lsb, int width)
{
    uint64_t mask = width >= 64 ? ~0ull : ((1ull << width) - 1);
    return (value & mask) << lsb;
}

#define F(word, name, v) field((uint64_t)(v), RS_F_##word##_##name##_LSB, RS_F_##word##_##name##_WIDTH)
#define OP(op) F(CMD, OP, RS_OP_##op)

/* DATA header plus packed payload: TAGS x COUNT values, each tag's values
 * starting a new payload word; values are masked to their slot width. */
typedef struct {
    words *v;
    int slot_bits;
    int per_word;
    int filled;
    uint64_t cur;
} packer;

static uint64_t data_header(int type, int row, int col, int tags, int count)
{
    return OP(DATA) | F(DATA, TYPE, type) | F(DATA, ROW, row) | F(DATA, COL, col) | F(DATA, TAGS, tags) |
           F(DATA, COUNT, count);
}

/* hdr: a DATA header (data_header, with any flags) */
static void data_begin(packer *pk, words *v, uint64_t hdr, int dw)
{
    push(v, hdr);
    pk->v = v;
    pk->slot_bits = (int)(hdr >> RS_F_DATA_TYPE_LSB & 3) == RS_DT_PSUM ? 32 : dw;
    pk->per_word = 64 / pk->slot_bits;
    pk->filled = 0;
    pk->cur = 0;
}

static void data_put(packer *pk, int64_t value)
{
    uint64_t mask = (1ull << pk->slot_bits) - 1;
    pk->cur |= ((uint64_t)value & mask) << (pk->filled * pk->slot_bits);
    if (++pk->filled == pk->per_word) {
        push(pk->v, pk->cur);
        pk->filled = 0;
        pk->cur = 0;
    }
}

/* close the current tag (and the command, after its last tag) */
static void data_end_tag(packer *pk)
{
    if (pk->filled)
        push(pk->v, pk->cur);
    pk->filled = 0;
    pk->cur = 0;
}

/* ------------------------------------------------------------ the passes */

/* One pass of a tile (rs_tile: the part of the output a chain of passes
 * accumulates in the global buffer). The tile's psums take tile_positions *
 * ceil(nf/2) words per used column, in one of the mapping's regions (from
 * word base); the bias sits at the top of the buffer. */
typedef struct {
    rs_tile tile;
    long base;            /* GLB word of the tile's region */
    /* the pass */
    int c_base, r_base, Rk, t, first, last;   /* t sets of Rk filter rows */
    int load_bias;        /* the filter chunk's bias goes into the buffer before it */
    /* kept ifmaps (rs_mapping.keep_ifmap): the pass reads them from the
     * buffer (every filter chunk but a tile's first, and first-chunk passes
     * whose ifmaps came ahead); carry >= 0: the plan whose ifmaps this pass
     * copies into the buffer ahead of time (a pass of the next tile) */
    int ifmaps_in_glb;
    long carry;
} pass_plan;

typedef struct {
    const rs_shape *s;
    const rs_quant *q;
    const rs_mapping *map;
    const rs_hw *hw;
    const int32_t *ifmap, *weights, *bias;
    pass_plan p;          /* the pass being built */
    const pass_plan *plans;   /* the layer's passes, in order */
    long col_stride;      /* GLB words per column region: the same for every tile
                           * of the layer (a short last tile leaves the ends
                           * unused), so a tile can follow the STORE of the
                           * one before in the same region: the hardware holds
                           * each psum write until that STORE has read the word */
    long bias_base;       /* GLB word of set 0's bias (the top of the buffer) */
    long ifmap_base;      /* GLB word of a tile's kept ifmaps (below the bias) */
    long keep_at;         /* the next ifmap command's payload, from ifmap_base */
    long carry_at;        /* the same for the next tile's passes, copied ahead */
    int carrying;         /* emit_ifmap builds a copy ahead: KEEP, to no PE */
    int filters_sent;     /* the pass's filters went out during the pass before */
    int ids_rk, ids_t;    /* the chain (t sets of Rk rows) the array's IDs were
                           * written for; 0: none yet */
    int ids_bias;         /* the bottom PEs' psum IDs name their set (a bias
                           * pass), not their column */
    /* ifmap payloads run-length coded where that saves a third, outputs
     * run-length coded by the STOREs */
    int rlc;
    int32_t *vals;        /* one command's elements */
    uint64_t *coded;      /* their RLC words */
    size_t vals_cap;
    rs_stream_counts *counts;
} layer_run;

static int chain_len(const layer_run *L) { return L->p.t * L->p.Rk; }
static int used_cols(const layer_run *L) { return rs_mapping_used_cols(L->map); }
/* ifmap column tags of one stacked set: diagonal jj*U + r for output row jj
 * and filter row r */
static int set_ifmap_tags(const layer_run *L) { return rs_mapping_set_tags(L->s, L->map, L->p.Rk); }
/* Where the t stacked sets' tags all fit below ID_NONE, every row has ifmap
 * row ID 0 and set g's diagonals are the column tags g*set_ifmap_tags + ...,
 * so one DATA command carries a window's new columns for every set (one
 * header instead of t, and one run-length coded stream). Else each set's
 * rows have row ID g and a DATA each. */
static int ifmap_one_command(const layer_run *L) { return rs_mapping_ifmap_one_command(L->s, L->map, L->p.Rk, L->p.t); }
static int words_per_position(const layer_run *L) { return rs_mapping_position_words(L->map); }
static long tile_positions(const layer_run *L) { return rs_tile_positions(&L->p.tile); }
static long tile_words(const layer_run *L) { return tile_positions(L) * words_per_position(L); }

/* output channel (absolute) of column j, filter f; -1 if past the group */
static int out_channel(const layer_run *L, int j, int f) { return rs_tile_out_channel(L->s, L->map, &L->p.tile, j, f); }

static int32_t weight_at(const layer_run *L, int m, int c_local, int r, int s)
{
    const rs_shape *S = L->s;
    int Cg = S->C / S->G;
    if (m < 0 || c_local >= Cg)
        return 0;
    return L->weights[(((size_t)m * Cg + c_local) * S->R + r) * S->S + s];
}

/* padded coordinates -> value (zero in the padding and past the channels) */
static int32_t ifmap_at(const layer_run *L, int n, int c_local, int prow, int pcol)
{
    const rs_shape *S = L->s;
    int Cg = S->C / S->G;
    int row = prow - S->pad, col = pcol - S->pad;
    if (c_local >= Cg || row < 0 || row >= S->H || col < 0 || col >= S->W)
        return 0;
    int c = L->p.tile.g * Cg + c_local;
    return L->ifmap[(((size_t)n * S->C + c) * S->H + row) * S->W + col];
}

/* the psums the pass's first position of every used column adds to, from
 * the global buffer: the bias in the first pass (one tag per side-by-side
 * set: its E columns share their filters and so their bias, and their bottom
 * PEs share a psum ID, so one beat reaches them all), the previous pass's raw
 * psums after it (one tag per column). A pass overwrites the psums it reads
 * in place (in the tile's region): position pos is written only after it has
 * been read, and every later position is read before it is written. The
 * later positions' psums are this command repeated (DATA.PSUMS on a window's
 * last ifmap command), STEP words further on each time: the bias again, or
 * the next position's psums. */
static void emit_psums(const layer_run *L, words *v)
{
    int wpp = words_per_position(L);
    push(v, OP(DATA) | F(DATA, TYPE, RS_DT_PSUM) | F(DATA, SRC_GLB, 1) |
                F(DATA, TAGS, L->p.first ? L->map->h : used_cols(L)) | F(DATA, COUNT, L->map->nf));
    push(v, F(GLBADDR, ADDR, L->p.first ? L->bias_base : L->p.base) |
                F(GLBADDR, STRIDE, L->p.first ? wpp : L->col_stride) | F(GLBADDR, STEP, L->p.first ? 0 : wpp));
}

/* the bias of the filter chunk into the top of the buffer: set k's nf values
 * (two per word) at bias_base + k*ceil(nf/2), the layout a psum DATA command
 * reads */
static void emit_bias(layer_run *L, words *v)
{
    int wpp = words_per_position(L);
    push(v, OP(GLBLOAD) | F(GLBLOAD, ADDR, L->bias_base) | F(GLBLOAD, COUNT, (long)L->map->h * wpp));
    for (int k = 0; k < L->map->h; k++)
        for (int w = 0; w < wpp; w++) {
            uint64_t word = 0;
            for (int i = 0; i < 2; i++) {
                int m = 2 * w + i < L->map->nf ? out_channel(L, k * L->map->E, 2 * w + i) : -1;
                word |= (uint64_t)(uint32_t)(m >= 0 ? L->bias[m] : 0) << (32 * i);
            }
            push(v, word);
        }
    L->counts->psum_words += (uint64_t)L->map->h * wpp;
}

/* one PE's IDs; a bottom PE's psum ID names its set in a bias pass, its
 * column otherwise */
static void emit_peid(const layer_run *L, words *v, int i, int j, int bias_ids)
{
    const rs_mapping *M = L->map;
    int jj = j % M->E, k = j / M->E, r_local = i % L->p.Rk, grp = i / L->p.Rk;
    int used = i < chain_len(L) && j < used_cols(L);
    int psum = bias_ids && i == 0 ? k : j;
    int ifmap = (ifmap_one_command(L) ? grp * set_ifmap_tags(L) : 0) + jj * L->s->U + r_local;
    push(v, OP(PEID) | F(PEID, ROW, i) | F(PEID, COL, j) | F(PEID, FILTER, used ? k : RS_ID_NONE) |
                F(PEID, IFMAP, used ? ifmap : RS_ID_NONE) |
                F(PEID, PSUM, used ? psum : RS_ID_NONE) | F(PEID, ENABLE, used) | F(PEID, BOTTOM, used && i == 0) |
                F(PEID, TOP, used && i == chain_len(L) - 1));
}

/* the tile's outputs (the last pass's psums, requantized) out of the
 * result port: one stream of used_cols x tile_words x 2 values, run-length
 * coded or packed */
static void emit_store(const layer_run *L, words *v)
{
    push(v, OP(STORE) | F(STORE, WORDS, tile_words(L)) | F(STORE, TAGS, used_cols(L)) | F(STORE, RLC, L->rlc));
    push(v, F(GLBADDR, ADDR, L->p.base) | F(GLBADDR, STRIDE, L->col_stride));
}

/* one ifmap DATA command (tags x count elements in L->vals): raw, or run-length
 * coded when that saves at least a third of the payload words. The decoder
 * expands one (run, level) pair per cycle and a coded word holds up to three,
 * so a payload coded in at most 2/3 of its raw words expands in at most twice
 * the cycles the raw words take on the bus (one per cycle at best): a little
 * slower when memory is ideal and the bus is the bound, much faster over a
 * DRAM link like Eyeriss's (a raw word every 3.3 cycles). */
static void emit_ifmap(layer_run *L, words *v, int grp, int tags, int count, int psums)
{
    int dw = L->hw->dw, per_word = 64 / dw, tag_words = (count + per_word - 1) / per_word;
    size_t n = (size_t)tags * count, raw = (size_t)tags * tag_words, coded = 0;
    /* a copy ahead goes to row tag ID_NONE: onto the bus, into no PE */
    uint64_t hdr = data_header(RS_DT_IFMAP, L->carrying ? RS_ID_NONE : grp, 0, tags, count) | F(DATA, PSUMS, psums);
    /* kept ifmaps: the tile's first filter chunk copies the payload into the
     * buffer, the others read it back; the same commands come in the same
     * order in every chunk, so their addresses follow one counter */
    long *at = L->carrying ? &L->carry_at : &L->keep_at;
    uint64_t where = F(GLBADDR, ADDR, L->ifmap_base + *at) | F(GLBADDR, STRIDE, tag_words);
    if (L->map->keep_ifmap) {
        *at += (long)raw;
        if (L->p.ifmaps_in_glb && !L->carrying) {
            push(v, hdr | F(DATA, SRC_GLB, 1));
            push(v, where);
            L->counts->ifmap_glb_words += raw;
            return;
        }
        hdr |= F(DATA, KEEP, 1);
    }
    rs_error e;
    L->counts->ifmap_raw_words += raw;
    if (L->carrying)
        L->counts->ifmap_ahead_words += raw;
    if (L->rlc && rs_rlc_encode(L->vals, n, dw, L->coded, raw, &coded, &e) == 0 &&
        rs_rlc_pays((double)coded, (double)raw)) {
        push(v, hdr | F(DATA, RLC, 1));
        if (L->map->keep_ifmap)
            push(v, where);
        for (size_t i = 0; i < coded; i++)
            push(v, L->coded[i]);
        L->counts->ifmap_words += coded;
        return;
    }
    packer pk;
    data_begin(&pk, v, hdr, dw);
    if (L->map->keep_ifmap)
        push(v, where);
    for (int tag = 0; tag < tags; tag++) {
        for (int i = 0; i < count; i++)
            data_put(&pk, L->vals[(size_t)tag * count + i]);
        data_end_tag(&pk);
    }
    L->counts->ifmap_words += raw;
}

/* the filters of PE row i, side-by-side set k: spad order s, c, f (the PE's
 * address counter) */
static void emit_filters(const layer_run *L, words *v, int i, int k)
{
    const rs_mapping *M = L->map;
    const rs_shape *S = L->s;
    int ne = M->nc * S->S;
    int grp = i / L->p.Rk, r = L->p.r_base + i % L->p.Rk;
    packer pk;
    data_begin(&pk, v, data_header(RS_DT_FILTER, i, k, 1, ne * M->nf), L->hw->dw);
    size_t n0 = v->n;
    for (int s = 0; s < S->S; s++)
        for (int c = 0; c < M->nc; c++)
            for (int f = 0; f < M->nf; f++)
                data_put(&pk, weight_at(L, out_channel(L, k * M->E, f), L->p.c_base + grp * M->nc + c, r, s));
    data_end_tag(&pk);
    L->counts->filter_words += v->n - n0;
}

/* used[tag]: whether a PE of the pass takes ifmap column tag jj*U + r_local
 * (a tag in a gap, when U > Rk, hits nobody); the tags 0..set_ifmap_tags-1 */
static char *pass_used_tags(const layer_run *L)
{
    char *used = calloc((size_t)set_ifmap_tags(L), 1);
    if (used)
        for (int jj = 0; jj < L->map->E; jj++)
            for (int r = 0; r < L->p.Rk; r++)
                used[jj * L->s->U + r] = 1;
    return used;
}

/* The ifmap commands of the window at output column qpos of sweep (n, p0):
 * the ifmap columns it does not share with the window before (*next_col on),
 * per channel group (stacked set) for every tag; one command for all groups,
 * or one per group. A sweep's first window comes in pieces of a beat per tag
 * (rs_mapping_ifmap_piece): a PE takes its piece as soon as the last window
 * of the sweep before frees room for it, and need not wait for every other
 * tag's whole window. psums: the window's last command repeats the pass's
 * psum command (DATA.PSUMS). */
static void emit_window_ifmaps(layer_run *L, words *v, const char *used, int n, int p0, int qpos, int *next_col,
                               int psums)
{
    const rs_mapping *M = L->map;
    const rs_shape *S = L->s;
    int max_tag = set_ifmap_tags(L) - 1;
    int one_command = ifmap_one_command(L);
    int lo = qpos * S->U > *next_col ? qpos * S->U : *next_col;
    int hi = qpos * S->U + S->S - 1;
    *next_col = hi + 1;
    int piece = hi - lo + 1 > S->U ? rs_mapping_ifmap_piece(L->hw, M) : hi - lo + 1;
    for (int a = lo; a <= hi; a += piece) {
        int b = a + piece - 1 < hi ? a + piece - 1 : hi;
        int count = (b - a + 1) * M->nc;
        size_t k = 0;
        for (int grp = 0; grp < L->p.t; grp++) {
            for (int tag = 0; tag <= max_tag; tag++) {
                int prow = p0 * S->U + tag + L->p.r_base;
                for (int col = a; col <= b; col++)
                    for (int c = 0; c < M->nc; c++)
                        L->vals[k++] = used[tag] ? ifmap_at(L, n, L->p.c_base + grp * M->nc + c, prow, col) : 0;
            }
            if (!one_command) {
                emit_ifmap(L, v, grp, max_tag + 1, count, psums && b == hi && grp == L->p.t - 1);
                k = 0;
            }
        }
        if (one_command)
            emit_ifmap(L, v, 0, L->p.t * (max_tag + 1), count, psums && b == hi);
    }
}

/* The ifmap commands of pass `plan` (a pass of the next tile that reads its
 * kept ifmaps from the buffer) as KEEP copies to no PE, in *ahead, and where
 * each window's commands start in *starts (one entry a window). */
static int build_carry(layer_run *L, const pass_plan *plan, words *ahead, words *starts)
{
    layer_run C = *L;
    C.p = *plan;
    C.carrying = 1;
    if (plan->first)
        C.carry_at = 0;
    char *used = pass_used_tags(&C);
    if (!used)
        return -1;
    const rs_tile *tile = &C.p.tile;
    for (long sweep = tile->sweep0; sweep < tile->sweep0 + tile->nsweeps; sweep++) {
        int next_col = tile->q0 * C.s->U;
        for (int qpos = tile->q0; qpos < tile->q1; qpos++) {
            push(starts, ahead->n);
            emit_window_ifmaps(&C, ahead, used, (int)(sweep / C.map->strips),
                               (int)(sweep % C.map->strips) * C.map->E, qpos, &next_col, 0);
        }
    }
    free(used);
    L->carry_at = C.carry_at;
    return ahead->failed || starts->failed ? -1 : 0;
}

/* the pass's buffer region and its CONFIG */
static void emit_config(const layer_run *L, words *v, int psum_bus)
{
    const rs_mapping *M = L->map;
    const rs_shape *S = L->s;
    int ne = M->nc * S->S;
    int npop = M->nc * (S->U < S->S ? S->U : S->S);
    push(v, OP(GLBCFG) | F(GLBCFG, BASE, L->p.base) | F(GLBCFG, STRIDE, L->col_stride));
    push(v, OP(CONFIG) | F(CONFIG, NE, ne) | F(CONFIG, NPOP, npop) | F(CONFIG, NF, M->nf) |
                F(CONFIG, SHIFT, L->q->shift) | F(CONFIG, RELU, L->q->relu) | F(CONFIG, RAW, !L->p.last) |
                F(CONFIG, PSUM_BUS, psum_bus) | F(CONFIG, NW, ne * M->nf) | F(CONFIG, THRESH, L->q->thresh));
}

/* IDs outlive START: written for the first pass and when the chain
 * changes (an R fold of another height); the bottom row's again when a
 * bias pass follows a psum pass or the other way round */
static void emit_ids(layer_run *L, words *v, int bias_ids)
{
    const rs_hw *hw = L->hw;
    if (L->ids_rk != L->p.Rk || L->ids_t != L->p.t) {
        for (int i = 0; i < hw->rows; i++) {
            int used = i < chain_len(L);
            push(v, OP(ROWID) | F(ROWID, ROW, i) | F(ROWID, FILTER, used ? i : RS_ID_NONE) |
                        F(ROWID, IFMAP, !used ? RS_ID_NONE : ifmap_one_command(L) ? 0 : i / L->p.Rk) |
                        F(ROWID, PSUM, used && i == 0 ? 0 : RS_ID_NONE));
        }
        for (int i = 0; i < hw->rows; i++)
            for (int j = 0; j < hw->cols; j++)
                emit_peid(L, v, i, j, bias_ids);
    } else if (L->ids_bias != bias_ids) {
        for (int j = 0; j < used_cols(L); j++)
            emit_peid(L, v, 0, j, bias_ids);
    }
    L->ids_bias = bias_ids;
    L->ids_rk = L->p.Rk;
    L->ids_t = L->p.t;
}

/* Of total items spread evenly over a pass's windows, with done of them
 * sent: how many are due by the end of window pos (of windows). */
static size_t spread_until(size_t done, size_t total, long windows, long pos)
{
    while (done < total && (long)done * windows < (pos + 1) * (long)total)
        done++;
    return done;
}

/* The pass's windows: per sweep and position the ifmap columns (used:
 * pass_used_tags) and, after the first, the psums. Between them, spread
 * evenly over the windows so that no window waits long for the link, the
 * n_prefetch filter commands of the next pass N (into the PEs' other filter
 * bank) and the commands in ahead, a window's at each entry of starts (the
 * next tile's ifmaps, copied into the buffer ahead). */
static void emit_windows(layer_run *L, words *v, const char *used, int psum_bus, const layer_run *N,
                         size_t n_prefetch, const words *ahead, const words *starts)
{
    const rs_mapping *M = L->map;
    const rs_tile *tile = &L->p.tile;
    long windows = tile_positions(L), pos = 0;
    size_t prefetched = 0, carried = 0;
    for (long sweep = tile->sweep0; sweep < tile->sweep0 + tile->nsweeps; sweep++) {
        int n = (int)(sweep / M->strips), p0 = (int)(sweep % M->strips) * M->E;
        int next_col = tile->q0 * L->s->U;
        for (int qpos = tile->q0; qpos < tile->q1; qpos++, pos++) {
            emit_window_ifmaps(L, v, used, n, p0, qpos, &next_col, psum_bus && pos > 0);
            /* the psums this window adds to: they wait in the bottom PEs'
             * psum FIFOs, so the next window's columns follow at once */
            if (psum_bus && pos == 0)
                emit_psums(L, v);
            for (size_t due = spread_until(prefetched, n_prefetch, windows, pos); prefetched < due; prefetched++)
                emit_filters(N, v, (int)prefetched / M->h, (int)prefetched % M->h);
            size_t until = spread_until(carried, starts->n, windows, pos);
            size_t end = until < starts->n ? starts->w[until] : ahead->n;
            for (size_t w = carried < starts->n ? starts->w[carried] : end; w < end; w++)
                push(v, ahead->w[w]);
            carried = until;
        }
        push(v, OP(EOR));
    }
    for (; prefetched < n_prefetch; prefetched++)
        emit_filters(N, v, (int)prefetched / M->h, (int)prefetched % M->h);
}

/* One pass: its CONFIG, IDs where they change, filters (unless they came
 * during the pass before), then the windows; and, between the windows, the
 * filters of the next pass: each PE puts beats past its pass's filters into
 * its other filter-spad bank, so the next pass starts without a filter load.
 * A filter ID is the PE's physical row and side-by-side set in every chain,
 * so this works across an R fold too, as long as the next pass's rows are
 * enabled in this one (its chain is no longer). A tile's last pass ends
 * with its STORE. */
static void build_pass(layer_run *L, words *v, const pass_plan *next)
{
    int psum_bus = L->p.first ? L->bias != NULL : 1;
    if (L->p.load_bias)
        emit_bias(L, v);
    if (L->p.first)
        L->keep_at = 0;
    emit_config(L, v, psum_bus);
    emit_ids(L, v, L->p.first && psum_bus);
    if (!L->filters_sent)
        for (int i = 0; i < chain_len(L); i++)
            for (int k = 0; k < L->map->h; k++)
                emit_filters(L, v, i, k);

    layer_run N = *L;     /* the next pass, for its filters */
    int prefetch = next && next->t * next->Rk <= chain_len(L);
    if (prefetch)
        N.p = *next;
    /* the next tile's ifmaps this pass copies into the buffer ahead */
    words ahead = { 0 }, starts = { 0 };
    char *used = NULL;
    if ((L->p.carry >= 0 && build_carry(L, &L->plans[L->p.carry], &ahead, &starts)) || !(used = pass_used_tags(L)))
        v->failed = 1;
    else
        emit_windows(L, v, used, psum_bus, &N, prefetch ? (size_t)chain_len(&N) * (size_t)L->map->h : 0, &ahead,
                     &starts);
    free(used);
    free(ahead.w);
    free(starts.w);
    L->filters_sent = prefetch;
    if (L->p.last)
        emit_store(L, v);
}

/* ------------------------------------------------------------ the layer */

/* The passes of one tile, into plans (returns how many): the R folds in
 * turn, each through its channel chunks, so the chain changes once per
 * fold. index: the tile's place among its filter chunk's tiles. */
static size_t plan_tile_passes(const rs_mapping *map, const rs_tile *tile, long base, long chunk, long index,
                               int bias, pass_plan *plans)
{
    size_t n = 0;
    pass_plan p = { .tile = *tile, .base = base };
    for (int rg = 0; rg < map->nr; rg++) {
        rs_fold f = rs_mapping_fold(map, rg);
        for (int cc = 0; cc < f.c_chunks; cc++) {
            p.c_base = cc * f.t * map->nc;
            p.r_base = f.r0;
            p.Rk = f.Rk;
            p.t = f.t;
            p.first = rg == 0 && cc == 0;
            p.last = rg == map->nr - 1 && cc == f.c_chunks - 1;
            /* the chunk's bias: once, or for every tile when the chunks
             * take turns inside it */
            p.load_bias = bias && p.first && (map->keep_ifmap || index == 0);
            p.ifmaps_in_glb = map->keep_ifmap && chunk != 0;
            p.carry = -1;
            plans[n++] = p;
        }
    }
    return n;
}

/* The whole layer in one command stream: group, filter chunk, tile (with
 * the ifmaps kept in the buffer: tile, then filter chunk), then the tile's
 * passes; into plans (returns how many) and, in the same order, the tiles'
 * STOREs into stores. Planned before any is built, as a pass carries the
 * next one's filters. */
static size_t plan_layer(const rs_shape *s, const rs_mapping *map, int bias, pass_plan *plans,
                         rs_stream_store *stores)
{
    size_t n_plans = 0, n_tile = 0;
    for (int g = 0; g < s->G; g++)
        for (long outer = 0; outer < (map->keep_ifmap ? map->tiles : map->m_chunks); outer++)
            for (long inner = 0; inner < (map->keep_ifmap ? map->m_chunks : map->tiles); inner++) {
                long index = map->keep_ifmap ? outer : inner, chunk = map->keep_ifmap ? inner : outer;
                rs_tile tile = rs_mapping_tile(s, map, g, chunk, index);
                long base = (long)(n_tile % (size_t)map->regions) * map->region_words;
                n_plans += plan_tile_passes(map, &tile, base, chunk, index, bias, plans + n_plans);
                long tile_words = rs_tile_positions(&tile) * rs_mapping_position_words(map);
                stores[n_tile].tile = tile;
                stores[n_tile].n_values = (size_t)rs_mapping_used_cols(map) * (size_t)tile_words * 2;
                n_tile++;
            }
    return n_plans;
}

/* Kept ifmaps: a tile's first filter chunk takes them over the link while
 * its passes compute, so those passes wait for the link, and the other
 * chunks' passes leave it idle. So the last chunk's pass k + 1 copies the
 * next tile's ifmaps of pass k into the buffer ahead (pass k of the last
 * chunk was the last to read that part of the buffer), and the next tile's
 * first chunk reads them from there, all but its last pass's, which still
 * come inline. Within a group, and only where the next tile is not larger
 * than this one (the last tile, or a short run of columns before a whole
 * one). */
static void plan_copies_ahead(const rs_shape *s, const rs_mapping *map, pass_plan *plans, size_t n_plans)
{
    size_t per_chunk = n_plans / ((size_t)s->G * (size_t)map->tiles * (size_t)map->m_chunks);
    size_t per_tile = per_chunk * (size_t)map->m_chunks;
    for (size_t t0 = 0; t0 + per_tile < n_plans; t0 += per_tile) {
        pass_plan *cur = &plans[t0], *nxt = &plans[t0 + per_tile];
        const rs_tile *ct = &cur->tile, *nt = &nxt->tile;
        if (ct->g != nt->g || nt->nsweeps > ct->nsweeps || nt->q1 - nt->q0 > ct->q1 - ct->q0)
            continue;
        for (size_t k = 0; k + 1 < per_chunk; k++) {
            nxt[k].ifmaps_in_glb = 1;
            cur[per_tile - per_chunk + k + 1].carry = (long)(t0 + per_tile + k);
        }
    }
}

int rs_stream_build(const rs_hw *hw, const rs_shape *s, const rs_quant *q, const rs_mapping *map,
                    const int32_t *ifmap, const int32_t *weights, const int32_t *bias, rs_stream *st, rs_error *err)
{
    memset(st, 0, sizeof *st);
    layer_run L = { .s = s, .q = q, .map = map, .hw = hw, .ifmap = ifmap, .weights = weights, .bias = bias,
                    .rlc = hw->rlc, .counts = &st->counts };
    /* the largest ifmap command: every tag of up to `rows` stacked sets, S
     * new columns of nc channels */
    L.vals_cap = (size_t)hw->rows * (size_t)((map->E - 1) * s->U + map->Rg) * s->S * map->nc;
    L.vals = malloc(L.vals_cap * sizeof *L.vals);
    L.coded = malloc(L.vals_cap * sizeof *L.coded);   /* >= raw words of any command */
    L.bias_base = hw->glb_words - (long)map->h * words_per_position(&L);
    L.ifmap_base = L.bias_base - map->ifmap_words;
    L.col_stride = map->sweeps_per_tile * map->q_per_tile * words_per_position(&L);
    size_t n_stores = (size_t)(map->tiles * s->G * map->m_chunks);
    pass_plan *plans = calloc((size_t)map->passes, sizeof *plans);
    st->stores = calloc(n_stores, sizeof *st->stores);
    words v = { 0 };
    int rc = 0;
    if (!st->stores || !plans || !L.vals || !L.coded) {
        rc = rs_error_set(err, "out of memory");
        goto done;
    }
    size_t n_plans = plan_layer(s, map, bias != NULL, plans, st->stores);
    st->n_stores = n_stores;
    if (map->keep_ifmap)
        plan_copies_ahead(s, map, plans, n_plans);
    L.plans = plans;
    for (size_t i = 0; i < n_plans; i++) {
        L.p = plans[i];
        build_pass(&L, &v, i + 1 < n_plans ? &plans[i + 1] : NULL);
        st->passes++;
    }
    push(&v, OP(END));
    if (v.failed)
        rc = rs_error_set(err, "out of memory building the command stream");
done:
    st->words = v.w;
    st->n_words = v.n;
    free(plans);
    free(L.vals);
    free(L.coded);
    if (rc)
        rs_stream_free(st);
    return rc;
}

void rs_stream_free(rs_stream *st)
{
    free(st->words);
    free(st->stores);
    st->words = NULL;
    st->stores = NULL;
    st->n_words = 0;
    st->n_stores = 0;
}
