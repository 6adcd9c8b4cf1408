/* rs_perf.c - analytical cycle model and Eyeriss-terms explanation (see rs_perf.h). */
#include "rs_perf.h"
#include "rs_rlc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Calibrated constants (cycles), fitted by tb/rsperf_fit (`make perf-fit`)
 * to the hardware's cycle counters on the seeded random layers of
 * `make regress` and its full-size layers (docs/history.md keeps the fits'
 * errors):
 *   pe_restart   from the last MAC slot of a window to the first of the next
 *                (3-stage pipeline drain, ship hand-over, window start);
 *   ship         cycles per psum a PE ships that the next window does not
 *                hide (it computes while the last one ships);
 *   chain        extra cycles per PE of a psum chain (the ripple up);
 *   id_write     one ROWID/PEID barrier;
 *   pass_start   CONFIG barrier and the first beats of a pass;
 *   sweep_start  EOR and the restart of every image/strip sweep;
 *   sweep_pe     share of a window's PE time a sweep adds (an end of row
 *                lets no PE start the next sweep before its window is done);
 *   fill, tail   weight of a sweep's first-window fill and last-window drain;
 *   bus          cycles per command word (stalls on a busy target);
 *   int_gain, int_width  interference of PE and output time;
 *   zs_spread    zero-skip: standard deviations of a window's non-zero
 *                entries above their mean that a pass waits for (two psum
 *                banks; with one, a PE waits for the slowest of its chain);
 *   bank_wait    one psum bank: cycles a window's first MAC waits for the
 *                last window's psums to start shipping.
 * One constant is not fitted by rsperf_fit, whose layers run on ideal
 * memory:
 *   link_mix     over a DRAM link, the layer takes (A^p + L^p)^(1/p)
 *                for the array's own time A and the link's L, p = link_mix:
 *                the link's traffic comes in bursts (a pass's filters, a
 *                tile's STORE, a sweep's first window), so it slows the
 *                array well before it is busy all the time. Chosen on the
 *                ten AlexNet layers of `make bench` and `make bench-zskip`. */
const rs_perf_params rs_perf_calibrated = {
    .pe_restart = 0.8024, .ship = 0.003464, .chain = 0.006539, .id_write = 2.221, .pass_start = 6.116,
    .sweep_start = 2.213, .sweep_pe = 0.4021, .fill = 1.06, .tail = 0.6228, .bus = 1.252,
    .int_gain = 0.4719, .int_width = 35.17, .zs_spread = 0.835, .bank_wait = 3.446, .link_mix = 5.0,
};

static double max2(double a, double b) { return a > b ? a : b; }
static double min2(double a, double b) { return a < b ? a : b; }
static long ceil_div(long a, long b) { return (a + b - 1) / b; }

/* the expected largest of n counts drawn from binomial(ne, p):
 * sum over k < ne of P(max > k) = 1 - F(k)^n */
static double binomial_max(long ne, double p, long n)
{
    double pmf = pow(1.0 - p, (double)ne), cdf = 0.0, sum = 0.0;
    for (long k = 0; k < ne; k++) {
        cdf += pmf;
        sum += 1.0 - pow(min2(cdf, 1.0), (double)n);
        pmf *= p < 1.0 ? (double)(ne - k) / (double)(k + 1) * p / (1.0 - p) : 0.0;
    }
    return sum;
}

/* cycles a command word takes over the DRAM link the model plans for (the
 * decoder takes one per cycle at most) */
static double link_word(const rs_hw *hw) { return hw->link_bytes > 0.0 ? max2(1.0, 8.0 / hw->link_bytes) : 1.0; }

/* Bus cycles a tag's run of `words` beats takes: one a cycle, or with one
 * PE lane (rsgen --pe-lanes 1) 64/dw a beat after the first, while the
 * target PEs' beat registers empty one element a cycle (a beat may come as
 * the last element of the one before leaves). */
static double tag_cycles(const rs_hw *hw, long words)
{
    long kd = 64 / hw->dw;
    return hw->pe_lanes == 1 && words > 0 ? (double)((words - 1) * kd + 1) : (double)words;
}

typedef struct {
    double entries, pe, out, psum, bus, words, win, fill, tail, filters;
    double filter_lane;   /* one PE lane: the filter load's cycles beyond its words' */
    const char *bound;
} pass_model;

/* One pass: chain of t sets of Rk rows; psum_bus: what the psum bus brings (PSUMS_NONE
 * in a first pass without bias, PSUMS_BIAS: one beat per set multicast to
 * its E columns, PSUMS_EACH: each column's own). */
enum { PSUMS_NONE, PSUMS_BIAS, PSUMS_EACH };
/* where a pass's ifmaps come from: the stream; the stream, copied into the
 * buffer (KEEP: an address word more per command); the buffer (SRC_GLB: a
 * header and an address word per command, the payload through the buffer's
 * read port after the psum feed's words) */
enum { IFMAP_STREAM, IFMAP_KEEP, IFMAP_GLB };
/* The share of a pass's channel slots (c_chunks chunks of t sets x nc
 * channels) that hold one of the C/G real channels; the driver sends the
 * others, in a last chunk, as zeros. */
static double real_channel_share(const rs_shape *s, const rs_mapping *m)
{
    return (double)(s->C / s->G) / ((double)m->c_chunks * m->t * m->nc);
}

/* The share of zeros among the values of a window's ifmap payload: the
 * data's own (zeros), the padding, the rows of a last strip beyond the
 * padded ifmap and the channels of a last chunk beyond C/G, which the driver
 * sends as zeros. */
static double payload_zeros(const rs_shape *s, const rs_mapping *m, double zeros)
{
    double hp = s->H + 2.0 * s->pad, wp = s->W + 2.0 * s->pad;
    double strip_rows = (double)(m->E - 1) * s->U + s->R;
    double beyond = max2(0.0, ((double)m->strips * m->E - 1.0) * s->U + s->R - hp);
    double real = (double)s->H * s->W / (hp * wp) * (1.0 - beyond / ((double)m->strips * strip_rows)) *
                  real_channel_share(s, m);
    return 1.0 - (1.0 - zeros) * min2(1.0, real);
}

/* Zero-skip: the entries a window computes, averaged over a row's windows.
 * A PE skips every zero it holds: the data's own, the padding columns a
 * window covers (windows at a row's ends hold fewer real columns) and the
 * channels of a last chunk beyond C/G. Rows of padding do not count: a pass
 * waits for its slowest PE, which holds a real row. The non-zero entries of
 * a window are binomial; with one psum bank every window waits for its
 * chain's slowest PE (the expected largest of the chain's counts), with two
 * a pass waits zs_spread standard deviations above the mean. */
static double zskip_entries(const rs_perf_params *k, const rs_hw *hw, const rs_shape *s, const rs_mapping *m,
                            long chain, double zeros)
{
    double p = (1.0 - zeros) * min2(1.0, real_channel_share(s, m));   /* an entry is non-zero */
    long windows[RS_SHAPE_RS_MAX + 1] = { 0 };   /* by real columns */
    for (long q = 0; q < s->Q; q++) {
        long first = q * s->U, real = 0;
        for (long c = first; c < first + s->S; c++)
            real += c >= s->pad && c < (long)s->pad + s->W;
        windows[real]++;
    }
    double sum = 0.0;
    for (int real = 1; real <= s->S; real++) {
        double n = (double)m->nc * real, e;
        if (!windows[real] || p <= 0.0)
            continue;
        if (hw->psum_banks < 2)
            e = binomial_max((long)n, p, chain);
        else
            e = min2(n, n * p + k->zs_spread * sqrt(n * p * (1.0 - p)));
        sum += (double)windows[real] * e;
    }
    return sum / (double)s->Q;
}

static void model_pass(const rs_perf_params *k, const rs_hw *hw, const rs_shape *s, const rs_mapping *m, int Rk,
                       int t, int psum_bus, int ifmap_src, double zeros, pass_model *pm)
{
    int kd = 64 / hw->dw;
    long ne = (long)m->nc * s->S;
    /* entries a window computes: all of them, or (zero-skip) the non-zero ones */
    long chain = (long)t * Rk;
    double ne_run = hw->zero_skip ? zskip_entries(k, hw, s, m, chain, zeros) : (double)ne;
    long cols = rs_mapping_used_cols(m);
    long ntags = rs_mapping_set_tags(s, m, Rk);
    long ucols = s->U < s->S ? s->U : s->S;
    /* psums come on their own bus (rs_psum_feed): the command stream carries
     * a header and an address word for a pass's first position; the others
     * repeat it (DATA.PSUMS), a decoder cycle each and no word */
    long psum_cmd = psum_bus ? 2 : 0;
    double psum_repeat = psum_bus ? k->bus : 0.0;
    /* ifmap DATA headers per window: one for all t sets, or one per set */
    long ifmap_hdrs = rs_mapping_ifmap_one_command(s, m, Rk, t) ? 1 : t;

    long filter_words = ceil_div(ne * m->nf, kd);
    pm->filters = (double)(chain * m->h * (1 + filter_words));
    /* (over a slow link the words come no faster than the register empties) */
    pm->filter_lane = hw->pe_lanes == 1 ? (double)(chain * m->h) *
                                              max2(0.0, tag_cycles(hw, filter_words) - link_word(hw) * filter_words)
                                        : 0.0;
    pm->entries = ne_run;
    pm->pe = ne_run * m->nf + k->ship * m->nf + k->pe_restart + (hw->psum_banks < 2 ? k->bank_wait : 0.0) +
             k->chain * (double)(chain - 1);
    /* one PE lane: a window's new entries enter the ifmap spad one a cycle */
    if (hw->pe_lanes == 1)
        pm->pe = max2(pm->pe, (double)(m->nc * ucols));
    /* a beat is a buffer word, two psums; with four psum lanes two words:
     * out, any two of a column's words in a row (the first even), in, a
     * position's words in pairs */
    int words = rs_mapping_position_words(m), in_beats = hw->psum_lanes == 4 ? (words + 1) / 2 : words;
    pm->out = (double)(cols * words) / (hw->psum_lanes == 4 ? 2.0 : 1.0);
    pm->psum = psum_bus == PSUMS_EACH ? (double)(cols * in_beats)
               : psum_bus == PSUMS_BIAS ? (double)(m->h * in_beats) : 0.0;
    long tag_words = ceil_div((long)m->nc * ucols, kd);
    double payload = (double)(t * ntags * tag_words);
    /* one PE lane: a tag of several beats waits for its PEs' beat registers */
    double lane_time = hw->pe_lanes == 1 ? (double)(t * ntags) * tag_cycles(hw, tag_words) : 0.0;
    /* Over the stream, the payload goes raw, or run-length coded where the
     * driver expects a third fewer words (rs_rlc_pays): then it
     * takes the link's time for the coded words, or the decoder's, a pair a
     * cycle plus a cycle for each word a zero run fills to its end. */
    double sent = payload, payload_time = max2(max2(k->bus, link_word(hw)) * payload, lane_time);
    if (hw->rlc && ifmap_src != IFMAP_GLB) {
        double z = payload_zeros(s, m, zeros);
        double pairs = rs_rlc_expected_pairs((double)t * ntags * m->nc * ucols, z);
        double coded = ceil(pairs / RS_RLC_PAIRS_PER_WORD);
        if (rs_rlc_pays(coded, payload)) {
            sent = coded;
            payload_time = max2(max2(pairs + z * payload, link_word(hw) * coded), lane_time);
        }
    }
    double cmd_words = (double)(ifmap_hdrs * (ifmap_src == IFMAP_STREAM ? 1 : 2));
    pm->words = cmd_words + (ifmap_src == IFMAP_GLB ? 0.0 : sent);
    pm->bus = max2(k->bus, link_word(hw)) * cmd_words + psum_repeat + (ifmap_src == IFMAP_GLB ? 0.0 : payload_time);
    /* the buffer's read port: the psum feed's words, then kept ifmaps */
    double port = ifmap_src == IFMAP_GLB ? pm->psum + payload : pm->psum;
    double top = max2(max2(pm->pe, port), max2(pm->out, pm->bus));
    pm->bound = top == pm->pe     ? "PE"
                : top == pm->out  ? "output network"
                : top == pm->psum ? "psum bus"
                : top == port     ? "buffer read port"
                                  : "command stream";
    /* PE and output network in step: the closer their times, the more the
     * columns wait on each other (measured only where the PE is the slower:
     * output-bound layers such as AlexNet CONV1 run at the network's rate) */
    double lo = min2(pm->pe, pm->out), hi = max2(pm->pe, pm->out);
    double near = 1.0 / (1.0 + k->int_width * (hi - lo) / hi);
    double interference = cols > 1 && pm->pe >= pm->out ? k->int_gain * lo * near * near : 0.0;
    pm->win = top + interference;
    /* a sweep starts with a whole window of ifmap columns (in pieces of a
     * beat per tag) and ends when the last window's psums have left */
    long pieces = s->S > s->U ? ceil_div(s->S, rs_mapping_ifmap_piece(hw, m)) : 1;
    long first_words = rs_mapping_first_window_words(hw, s, m);
    double first = (double)(ifmap_hdrs * pieces + t * ntags * first_words + psum_cmd);
    /* one PE lane: a tag's beats wait for its PEs' beat registers, and the
     * last PE's window starts once its entries have entered one a cycle */
    if (hw->pe_lanes == 1)
        first += (double)(t * ntags) *
                     max2(0.0, tag_cycles(hw, ceil_div(first_words, pieces)) * pieces - link_word(hw) * first_words) +
                 (double)ne;
    pm->fill = k->fill * max2(first, pm->psum) +
               k->sweep_start + k->sweep_pe * pm->pe;
    pm->tail = k->tail * (ne_run * m->nf + pm->out + (double)chain);
}

void rs_perf_estimate(const rs_hw *hw, const rs_shape *s, const rs_mapping *m, int bias, double zeros, rs_perf *p)
{
    rs_perf_estimate_with(&rs_perf_calibrated, hw, s, m, bias, zeros, p);
}

void rs_perf_estimate_with(const rs_perf_params *k, const rs_hw *hw, const rs_shape *s, const rs_mapping *m,
                           int bias, double zeros, rs_perf *p)
{
    memset(p, 0, sizeof *p);
    p->macs = rs_shape_macs(s);
    /* passes repeat per group, filter chunk and buffer tile; a tile of a run
     * of columns starts its sweep afresh */
    long groups = (long)s->G * m->m_chunks * m->tiles;
    long q_runs = rs_mapping_q_runs(s, m);
    double sweeps = (double)s->N * m->strips * (double)q_runs / (double)m->tiles;
    pass_model steady;
    model_pass(k, hw, s, m, m->Rg, m->t, PSUMS_EACH, m->keep_ifmap ? IFMAP_GLB : IFMAP_STREAM, zeros, &steady);
    p->win_entries = steady.entries;
    p->win_pe = steady.pe;
    p->win_out = steady.out;
    p->win_psum = steady.psum;
    p->win_bus = steady.bus;
    p->win = steady.win;
    p->bound = steady.bound;

    /* A pass's filters come between the windows of the pass before (into
     * the PEs' other filter bank) unless its chain is longer than that
     * pass's (the first pass of an R fold with more rows: those PEs are not
     * enabled yet): then they load after its CONFIG, as the layer's first
     * pass does. Those that the pass before has no window left for follow
     * its last one. */
    double filters = 0.0, windows = 0.0, other = 0.0, first_filters = 0.0, words = 0.0;
    double lane_filters = 0.0, first_lane = 0.0;   /* one PE lane: filter-load cycles beyond the words' */
    double win_per_pass = (double)sweeps * (double)s->Q / (double)q_runs;
    long id_sets = 1;
    /* with the ifmaps kept, a tile's first filter chunk copies them into the
     * buffer and the other chunks read them from there */
    for (int src = m->keep_ifmap ? IFMAP_KEEP : IFMAP_STREAM; src <= (m->keep_ifmap ? IFMAP_GLB : IFMAP_STREAM);
         src++) {
        double share = !m->keep_ifmap ? 1.0 : src == IFMAP_KEEP ? 1.0 / m->m_chunks : 1.0 - 1.0 / m->m_chunks;
        rs_fold prev = rs_mapping_fold(m, m->nr - 1);   /* before a tile: the last fold of the tile before */
        for (int rg = 0; rg < m->nr; rg++) {
            rs_fold f = rs_mapping_fold(m, rg);
            int same_chain = f.Rk == prev.Rk && f.t == prev.t, prev_rows = prev.t * prev.Rk;
            prev = f;
            /* IDs are written again when the chain changes: twice a tile with a
             * last fold of another height, but once only before the first pass */
            if (!same_chain && src != IFMAP_GLB)
                id_sets += groups - (rg == 0);
            for (int cc = 0; cc < f.c_chunks; cc++) {
                int first = cc == 0 && rg == 0;
                int prefetched = cc > 0 || f.t * f.Rk <= prev_rows;
                pass_model pm;
                model_pass(k, hw, s, m, f.Rk, f.t, !first ? PSUMS_EACH : bias ? PSUMS_BIAS : PSUMS_NONE, src, zeros,
                           &pm);
                double loaded = pm.filters, lane = pm.filter_lane;
                if (prefetched) {
                    double cmds = (double)f.t * f.Rk * m->h, per_cmd = pm.filters / cmds;
                    double inside = min2(cmds, win_per_pass);
                    pm.win = max2(pm.win, pm.bus + (max2(k->bus, link_word(hw)) * per_cmd + pm.filter_lane / cmds) *
                                                       inside / win_per_pass);
                    loaded = (cmds - inside) * per_cmd;
                    lane = (cmds - inside) * pm.filter_lane / cmds;
                    if (first && src != IFMAP_GLB) {
                        first_filters = pm.filters - loaded;
                        first_lane = pm.filter_lane - lane;
                    }
                }
                lane_filters += share * lane;
                double w = (double)sweeps * (double)(s->Q - q_runs) / (double)q_runs * pm.win;
                double o = k->pass_start + (double)sweeps * pm.fill + pm.tail;
                filters += share * loaded;
                words += share * (pm.filters + win_per_pass * pm.words);
                windows += share * w;
                other += share * o;
            }
        }
    }
    /* the layer's very first pass loads its filters */
    p->filter_cycles = (filters * (double)groups + first_filters) * link_word(hw) +
                       (lane_filters * (double)groups + first_lane);
    p->stream_words = words * (double)groups;
    p->window_cycles = windows * (double)groups;
    p->other_cycles = other * (double)groups;
    p->id_words = k->id_write * (double)id_sets * (double)(hw->rows + hw->rows * hw->cols);
    /* every tile's STORE sends all its positions of every used column, a
     * buffer word (two values) per cycle, while the next tile computes (in
     * the other region, or right behind the STORE in the same one), so only
     * the last one, and what a STORE takes beyond a tile's compute time, adds
     * to the layer */
    double out_words = (double)s->G * m->m_chunks * (double)m->h * m->E * (double)s->N * m->strips * s->Q *
                       (double)rs_mapping_position_words(m);
    double compute = p->filter_cycles + p->window_cycles + p->other_cycles;
    /* (over the link: the outputs packed, uncompressed) */
    double out_link = out_words * 2.0 * hw->dw / 64.0 * link_word(hw);
    double stores = (double)groups, per_store = max2(out_words, out_link) / stores, per_tile = compute / stores;
    p->store_cycles = per_store + (stores - 1.0) * max2(0.0, per_store - per_tile);
    double total = compute + p->id_words + p->store_cycles;
    /* reads and writes share the DRAM link: the command stream and the
     * outputs (packed: the model does not know the data) cross it once */
    p->dram_bytes = p->stream_words * 8.0 + out_words * 2.0 * hw->dw / 8.0;
    if (hw->link_bytes > 0.0) {
        p->link_cycles = p->dram_bytes / hw->link_bytes;
        total = pow(pow(total, k->link_mix) + pow(p->link_cycles, k->link_mix), 1.0 / k->link_mix);
    }
    p->cycles = (uint64_t)(total + 0.5);
    p->util = p->cycles ? (double)p->macs / ((double)p->cycles * hw->rows * hw->cols) : 0.0;
}

int rs_explain_format(const rs_hw *hw, const rs_shape *s, const rs_mapping *m, const rs_perf *p, char *buf,
                      size_t len)
{
    int pes = hw->rows * hw->cols;
    int ne = m->nc * s->S;
    size_t n = 0;
#define OUT(...)                                                              \
    do {                                                                      \
        int k_ = snprintf(n < len ? buf + n : NULL, n < len ? len - n : 0,    \
                          __VA_ARGS__);                                       \
        if (k_ < 0)                                                           \
            return k_;                                                        \
        n += (size_t)k_;                                                      \
    } while (0)
    OUT("eyeriss  m=%d n=%d e=%d p=%d q=%d r=%d t=%d (JSSC 2017 Table III: m filters per pass, n images per "
        "pass, e output rows per PE set, p filters and q channels per PE, r sets on other channels, t sets on "
        "other filters)\n",
        m->nf * m->h, s->N, m->E, m->nf, m->nc, m->t, m->h);
    OUT("mapper   Rg=%d nr=%d nc=%d t=%d nf=%d E=%d h=%d strips=%d; folds: filters %d x channels %d x R %d "
        "x groups %d\n",
        m->Rg, m->nr, m->nc, m->t, m->nf, m->E, m->h, m->strips, m->m_chunks, m->c_chunks, m->nr, s->G);
    if (m->R_last != m->Rg)
        OUT("mapper   last R fold: %d filter row%s in t=%d stacked sets, channels in %d chunk%s\n", m->R_last,
            m->R_last == 1 ? "" : "s", m->t_last, m->c_chunks_last, m->c_chunks_last == 1 ? "" : "s");
    /* rows of the last strip beyond P and filters beyond M/G in the last
     * chunk keep their PEs busy on zeros */
    double real = (double)s->P / ((double)m->strips * m->E) * (double)(s->M / s->G) /
                  ((double)m->m_chunks * m->nf * m->h);
    OUT("array    active PEs %d of %d (%.1f%%): %d set%s of %dx%d stacked on channels, %d side by side on "
        "filters%s; %.1f%% of their windows on real outputs (P=%d rows in %d strip%s of %d, %d filters in %d chunk%s "
        "of %d)\n",
        m->active_pes, pes, 100.0 * m->active_pes / pes, m->t, m->t == 1 ? "" : "s", m->Rg, m->E, m->h,
        m->R_last != m->Rg ? " (PEs averaged over the passes, with the last fold's sets)" : "", 100.0 * real, s->P,
        m->strips, m->strips == 1 ? "" : "s", m->E, s->M / s->G, m->m_chunks, m->m_chunks == 1 ? "" : "s",
        m->nf * m->h);
    if (pes != 168) {
        int on168 = m->active_pes < 168 ? m->active_pes : 168;
        OUT("array    (%d of Eyeriss's 168 PEs)\n", on168);
    }
    if (m->R_last != m->Rg)
        OUT("passes   %ld = groups %d x filter chunks %d x buffer tiles %ld x (channel chunks %d x R folds %d + %d "
            "in the last fold); each tile: %ld of %ld image/strip sweeps x %d of %d windows\n",
            m->passes, s->G, m->m_chunks, m->tiles, m->c_chunks, m->nr - 1, m->c_chunks_last,
            m->sweeps_per_tile, (long)s->N * m->strips, m->q_per_tile, s->Q);
    else
        OUT("passes   %ld = groups %d x filter chunks %d x buffer tiles %ld x channel chunks %d x R folds %d; "
            "each tile: %ld of %ld image/strip sweeps x %d of %d windows\n",
            m->passes, s->G, m->m_chunks, m->tiles, m->c_chunks, m->nr, m->sweeps_per_tile,
            (long)s->N * m->strips, m->q_per_tile, s->Q);
    /* what the global buffer holds, what crosses the link, and why */
    long bias_words = (long)rs_mapping_used_cols(m) * rs_mapping_position_words(m);
    OUT("buffer   %ld of %ld words: the psums of a tile (%ld of %ld image/strip sweeps x %d of %d windows x %d "
        "columns x %d word%s: %ld words%s), the bias (%ld)%s",
        m->regions * m->region_words + bias_words + m->ifmap_words, hw->glb_words, m->sweeps_per_tile,
        (long)s->N * m->strips, m->q_per_tile, s->Q, rs_mapping_used_cols(m), rs_mapping_position_words(m),
        rs_mapping_position_words(m) == 1 ? "" : "s", m->region_words,
        m->regions == 2 ? ", twice: a tile computes while the one before is stored" : "", bias_words,
        m->keep_ifmap ? "" : "\n");
    if (m->keep_ifmap) {
        /* rs_stream.c: a tile's first-chunk passes but the last get their
         * ifmaps copied in during the last chunk of the tile before */
        long per_chunk = m->passes / ((long)s->G * m->tiles * m->m_chunks);
        OUT(" and the tile's ifmaps (%ld words): its first filter chunk copies them in%s, the %d other%s read%s "
            "them back instead of over the link (tiles outside, filter chunks inside)\n",
            m->ifmap_words,
            m->tiles > 1 && per_chunk > 1 ? " (after the first tile, all but its last pass's come a tile ahead, "
                                            "during the last chunk of the tile before)" : "",
            m->m_chunks - 1, m->m_chunks > 2 ? "s" : "", m->m_chunks > 2 ? "" : "s");
    }
    char filters[64], ifmaps[64];
    if (m->tiles == 1)
        snprintf(filters, sizeof filters, "once");
    else
        snprintf(filters, sizeof filters, "%ld times (once per tile)", m->tiles);
    if (m->keep_ifmap || m->m_chunks == 1)
        snprintf(ifmaps, sizeof ifmaps, "once");
    else
        snprintf(ifmaps, sizeof ifmaps, "%d times (once per filter chunk)", m->m_chunks);
    OUT("buffer   so each filter crosses the link %s and each ifmap row %s%s; expected DRAM traffic %.3f MB "
        "(command stream and packed outputs)",
        filters, ifmaps, m->nr > 1 ? " in each R fold" : "", p->dram_bytes / 1e6);
    if (m->alt_cycles)
        OUT("; with the ifmaps %s the best mapping was expected at %llu cycles (%+.1f%%) and %.3f MB\n",
            m->keep_ifmap ? "not kept" : "kept", (unsigned long long)m->alt_cycles,
            p->cycles ? 100.0 * ((double)m->alt_cycles / (double)p->cycles - 1.0) : 0.0, m->alt_dram_bytes / 1e6);
    else if (m->keep_ifmap)
        OUT("\n");
    else
        OUT("; %s\n", m->m_chunks == 1 ? "one filter chunk: nothing to share a kept ifmap"
                                        : "no tile's ifmaps fit the buffer beside its psums");
    if (hw->zero_skip)
        OUT("window   PE %.0f cycles (%.1f non-zero of %d entries expected x %d MAC slots + shipping the next window "
            "does not hide + restart), ",
            p->win_pe, p->win_entries, ne, m->nf);
    else
        OUT("window   PE %.0f cycles (%d x %d MAC slots + shipping the next window does not hide + restart), ",
            p->win_pe, ne, m->nf);
    OUT("output network %.0f beats (%s psums each), psum bus %.0f beats, command stream %.0f cycles -> %.0f "
        "cycles (bound: %s)\n",
        p->win_out, hw->psum_lanes == 4 ? "up to four" : "two", p->win_psum, p->win_bus, p->win, p->bound);
    OUT("expected %llu cycles (windows %.0f, filter loads %.0f, IDs %.0f, pass start/fill/drain %.0f, "
        "output stores %.0f), %.1f%% PE utilization, %.2f ms at 200 MHz\n",
        (unsigned long long)p->cycles, p->window_cycles, p->filter_cycles, p->id_words, p->other_cycles,
        p->store_cycles, 100.0 * p->util, (double)p->cycles / 200e3);
    if (hw->link_bytes > 0.0)
        OUT("link     %.0f cycles of DRAM traffic (command stream %.0f words, outputs packed) at %.2f bytes per "
            "cycle: %.0f%% of the expected cycles\n",
            p->link_cycles, p->stream_words, hw->link_bytes, 100.0 * p->link_cycles / (double)p->cycles);
#undef OUT
    return (int)n;
}
