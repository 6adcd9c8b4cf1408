/* rs_driver.c - map a layer, build each pass's command stream, run it,
 * place the results (see rs_driver.h and docs/stream.md). */
#define _POSIX_C_SOURCE 200809L
#include "rs_driver.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rs_protocol.h"

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

static void data_begin(packer *pk, words *v, int type, int row, int col, int tags, int count, int dw)
{
    push(v, OP(DATA) | F(DATA, TYPE, type) | F(DATA, ROW, row) | F(DATA, COL, col) | F(DATA, TAGS, tags) |
                F(DATA, COUNT, count));
    pk->v = v;
    pk->slot_bits = type == RS_DT_PSUM ? 32 : dw;
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

/* ------------------------------------------------------------- the device */

static uint64_t csr64(rs_transport *t, uint32_t lo)
{
    uint64_t l = t->csr_read(t->ctx, lo);
    uint64_t h = t->csr_read(t->ctx, lo + 4);
    return h << 32 | l;
}

int rs_device_open(rs_transport *t, uint32_t expected_hash, rs_device *dev, rs_error *err)
{
    uint32_t magic = t->csr_read(t->ctx, RS_CSR_MAGIC);
    if (magic != RS_CSR_MAGIC_VALUE)
        return rs_error_set(err, "device: MAGIC reads 0x%08x, expected 0x%08x (not an rsgen accelerator)",
                            magic, RS_CSR_MAGIC_VALUE);
    dev->config_hash = t->csr_read(t->ctx, RS_CSR_CONFIG_HASH);
    if (expected_hash && dev->config_hash != expected_hash)
        return rs_error_set(err, "device: config hash 0x%08x does not match the expected 0x%08x "
                                 "(model built from another configuration)", dev->config_hash, expected_hash);
    uint32_t geo = t->csr_read(t->ctx, RS_CSR_GEOMETRY);
    uint32_t spads = t->csr_read(t->ctx, RS_CSR_SPADS);
    dev->hw.rows = (int)(geo & 0xff);
    dev->hw.cols = (int)(geo >> 8 & 0xff);
    dev->hw.dw = (int)(geo >> 16 & 0xff);
    dev->hw.pw = (int)(geo >> 24 & 0xff);
    dev->hw.ifmap_spad = (int)(spads & 0xff);
    dev->hw.filter_spad = (int)(spads >> 8 & 0xfff);
    dev->hw.psum_spad = (int)(spads >> 20 & 0xff);
    return 0;
}

/* ------------------------------------------------------------ a layer run */

typedef struct {
    const rs_shape *s;
    const rs_quant *q;
    const rs_mapping *map;
    const rs_hw *hw;
    const int32_t *ifmap, *weights, *bias;
    int32_t *partial;     /* N,M,P,Q raw psums between passes */
    int32_t *ofmap;
    /* the pass */
    int g, m_base, c_base, r_base, Rk, first, last;
    int ids_rk;           /* Rk the array's IDs were written for; 0: none yet */
} layer_run;

static int chain_len(const layer_run *L) { return L->map->t * L->Rk; }
static int used_cols(const layer_run *L) { return L->map->h * L->map->E; }

/* output channel (absolute) of column j, filter f; -1 if past the group */
static int out_channel(const layer_run *L, int j, int f)
{
    int k = j / L->map->E;
    int m_local = L->m_base + k * L->map->nf + f;
    return m_local < L->s->M / L->s->G ? L->s->M / L->s->G * L->g + m_local : -1;
}

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
    int c = L->g * Cg + c_local;
    return L->ifmap[(((size_t)n * S->C + c) * S->H + row) * S->W + col];
}

/* psums for output position qpos of every used column, one DATA command:
 * bias in the first pass, the previous pass's raw psums after it */
static void emit_psums(const layer_run *L, words *v, int n, int p0, int qpos)
{
    const rs_mapping *M = L->map;
    const rs_shape *S = L->s;
    packer pk;
    data_begin(&pk, v, RS_DT_PSUM, 0, 0, used_cols(L), M->nf, L->hw->dw);
    for (int j = 0; j < used_cols(L); j++) {
        int p = p0 + j % M->E;
        for (int f = 0; f < M->nf; f++) {
            int m = out_channel(L, j, f);
            int32_t value = 0;
            if (m >= 0 && p < S->P) {
                if (L->first)
                    value = L->bias ? L->bias[m] : 0;
                else
                    value = L->partial[(((size_t)n * S->M + m) * S->P + p) * S->Q + qpos];
            }
            data_put(&pk, value);
        }
        data_end_tag(&pk);
    }
}

static void build_pass(layer_run *L, words *v)
{
    const rs_mapping *M = L->map;
    const rs_shape *S = L->s;
    const rs_hw *hw = L->hw;
    int ne = M->nc * S->S;
    int npop = M->nc * (S->U < S->S ? S->U : S->S);
    int psum_bus = L->first ? L->bias != NULL : 1;
    packer pk;

    push(v, OP(CONFIG) | F(CONFIG, NE, ne) | F(CONFIG, NPOP, npop) | F(CONFIG, NF, M->nf) |
                F(CONFIG, SHIFT, L->q->shift) | F(CONFIG, RELU, L->q->relu) | F(CONFIG, RAW, !L->last) |
                F(CONFIG, PSUM_BUS, psum_bus) | F(CONFIG, NW, ne * M->nf));
    /* IDs outlive START: written for the first pass and when the chain changes */
    if (L->ids_rk != L->Rk) {
        for (int i = 0; i < hw->rows; i++) {
            int used = i < chain_len(L);
            push(v, OP(ROWID) | F(ROWID, ROW, i) | F(ROWID, FILTER, used ? i : RS_ID_NONE) |
                        F(ROWID, IFMAP, used ? i / L->Rk : RS_ID_NONE) |
                        F(ROWID, PSUM, used && i == 0 ? 0 : RS_ID_NONE));
        }
        for (int i = 0; i < hw->rows; i++)
            for (int j = 0; j < hw->cols; j++) {
                int jj = j % M->E, k = j / M->E, r_local = i % L->Rk;
                int used = i < chain_len(L) && j < used_cols(L);
                push(v, OP(PEID) | F(PEID, ROW, i) | F(PEID, COL, j) | F(PEID, FILTER, used ? k : RS_ID_NONE) |
                            F(PEID, IFMAP, used ? jj * S->U + r_local : RS_ID_NONE) |
                            F(PEID, PSUM, used ? j : RS_ID_NONE) | F(PEID, ENABLE, used) |
                            F(PEID, BOTTOM, used && i == 0) | F(PEID, TOP, used && i == chain_len(L) - 1));
            }
    }

    /* filters: row i, set k; spad order s, c, f (the PE's address counter) */
    for (int i = 0; i < chain_len(L); i++)
        for (int k = 0; k < M->h; k++) {
            int grp = i / L->Rk, r = L->r_base + i % L->Rk;
            data_begin(&pk, v, RS_DT_FILTER, i, k, 1, ne * M->nf, hw->dw);
            for (int s = 0; s < S->S; s++)
                for (int c = 0; c < M->nc; c++)
                    for (int f = 0; f < M->nf; f++)
                        data_put(&pk, weight_at(L, out_channel(L, k * M->E, f),
                                                L->c_base + grp * M->nc + c, r, s));
            data_end_tag(&pk);
        }

    /* ifmap tags in use: jj*U + r_local */
    int max_tag = (M->E - 1) * S->U + L->Rk - 1;
    char *used = calloc((size_t)max_tag + 1, 1);
    if (!used) {
        v->failed = 1;
        return;
    }
    for (int jj = 0; jj < M->E; jj++)
        for (int r = 0; r < L->Rk; r++)
            used[jj * S->U + r] = 1;

    for (int n = 0; n < S->N; n++)
        for (int strip = 0; strip < M->strips; strip++) {
            int p0 = strip * M->E;
            int next_col = 0;
            for (int qpos = 0; qpos < S->Q; qpos++) {
                int lo = qpos * S->U > next_col ? qpos * S->U : next_col;
                int hi = qpos * S->U + S->S - 1;
                next_col = hi + 1;
                /* one command per channel group: every tag 0..max_tag gets the
                 * new columns; a tag no PE uses (a gap when U > Rk) hits nobody */
                for (int grp = 0; grp < M->t; grp++) {
                    data_begin(&pk, v, RS_DT_IFMAP, grp, 0, max_tag + 1, (hi - lo + 1) * M->nc, hw->dw);
                    for (int tag = 0; tag <= max_tag; tag++) {
                        int prow = p0 * S->U + tag + L->r_base;
                        for (int col = lo; col <= hi; col++)
                            for (int c = 0; c < M->nc; c++)
                                data_put(&pk, used[tag] ? ifmap_at(L, n, L->c_base + grp * M->nc + c, prow, col) : 0);
                        data_end_tag(&pk);
                    }
                }
                /* the psums this window adds to: they wait in the bottom PEs'
                 * psum FIFOs, so the next window's columns follow at once */
                if (psum_bus)
                    emit_psums(L, v, n, p0, qpos);
            }
            push(v, OP(EOR));
        }
    free(used);
    push(v, OP(END));
    L->ids_rk = L->Rk;
}

static int place_results(const layer_run *L, const uint64_t *res, size_t n_res, rs_error *err)
{
    const rs_mapping *M = L->map;
    const rs_shape *S = L->s;
    int cols = used_cols(L);
    size_t per_col = (size_t)S->N * M->strips * S->Q * M->nf;
    if (n_res != per_col * (size_t)cols)
        return rs_error_set(err, "hardware returned %zu results, expected %zu", n_res, per_col * (size_t)cols);
    size_t *count = calloc((size_t)cols, sizeof *count);
    if (!count)
        return rs_error_set(err, "out of memory");
    int top = chain_len(L) - 1;
    for (size_t i = 0; i < n_res; i++) {
        uint64_t w = res[i];
        int row = (int)(w >> RS_F_RES_ROW_LSB & 0xff), j = (int)(w >> RS_F_RES_COL_LSB & 0xff);
        int32_t value = (int32_t)(uint32_t)(w >> RS_F_RES_VALUE_LSB);
        if (row != top || j >= cols || count[j] >= per_col) {
            free(count);
            return rs_error_set(err, "result %zu came from PE (%d,%d), not from a chain top (row %d, cols 0..%d)",
                                i, row, j, top, cols - 1);
        }
        size_t idx = count[j]++;
        size_t sweep = idx / ((size_t)S->Q * M->nf);
        int n = (int)(sweep / M->strips), strip = (int)(sweep % M->strips);
        int rem = (int)(idx % ((size_t)S->Q * M->nf));
        int qpos = rem / M->nf, f = rem % M->nf;
        int p = strip * M->E + j % M->E;
        int m = out_channel(L, j, f);
        if (m < 0 || p >= S->P)
            continue;   /* a PE beyond the layer's edge: computed on zeros, dropped */
        size_t at = (((size_t)n * S->M + m) * S->P + p) * S->Q + qpos;
        if (L->last)
            L->ofmap[at] = value;
        else
            L->partial[at] = value;
    }
    free(count);
    return 0;
}

int rs_run_conv(rs_transport *t, const rs_device *dev, const rs_shape *s, const rs_quant *q,
                const int32_t *ifmap, const int32_t *weights, const int32_t *bias, int32_t *ofmap,
                rs_mapping *map, rs_run_stats *stats, rs_error *err)
{
    if (q->dw != dev->hw.dw || q->pw != dev->hw.pw)
        return rs_error_set(err, "quantization dw=%d pw=%d differs from the hardware's dw=%d pw=%d",
                            q->dw, q->pw, dev->hw.dw, dev->hw.pw);
    if (rs_quant_check(q, err) || rs_map_layer(&dev->hw, s, map, err))
        return -1;
    memset(stats, 0, sizeof *stats);

    size_t out_elems = (size_t)s->N * s->M * s->P * s->Q;
    layer_run L = { .s = s, .q = q, .map = map, .hw = &dev->hw, .ifmap = ifmap, .weights = weights,
                    .bias = bias, .ofmap = ofmap };
    L.partial = calloc(out_elems ? out_elems : 1, sizeof *L.partial);
    size_t res_cap = (size_t)s->N * map->strips * s->Q * map->nf * map->h * map->E + 1;
    uint64_t *res = malloc(res_cap * sizeof *res);
    words v = { 0 };
    int rc = 0;
    if (!L.partial || !res) {
        rc = rs_error_set(err, "out of memory");
        goto done;
    }

    int Mg = s->M / s->G;
    for (L.g = 0; L.g < s->G && !rc; L.g++)
        for (L.m_base = 0; L.m_base < Mg && !rc; L.m_base += map->nf * map->h)
            for (int cc = 0; cc < map->c_chunks && !rc; cc++)
                for (int rg = 0; rg < map->nr && !rc; rg++) {
                    L.c_base = cc * map->t * map->nc;
                    L.r_base = rg * map->Rg;
                    L.Rk = s->R - L.r_base < map->Rg ? s->R - L.r_base : map->Rg;
                    L.first = cc == 0 && rg == 0;
                    L.last = cc == map->c_chunks - 1 && rg == map->nr - 1;
                    v.n = 0;
                    build_pass(&L, &v);
                    if (v.failed) {
                        rc = rs_error_set(err, "out of memory building the command stream");
                        break;
                    }
                    /* generous bound: every command word and every MAC slot, ten times */
                    uint64_t work = (uint64_t)s->N * map->strips * s->Q * map->nc * s->S * map->nf;
                    uint64_t max_cycles = 10 * (v.n + work + res_cap) + 100000;
                    size_t n_res = 0;
                    struct timespec t0, t1;
                    clock_gettime(CLOCK_MONOTONIC, &t0);
                    t->csr_write(t->ctx, RS_CSR_CTRL, 1);
                    int timed_out = t->exchange(t->ctx, v.w, v.n, res, res_cap, &n_res, max_cycles);
                    clock_gettime(CLOCK_MONOTONIC, &t1);
                    stats->sim_seconds += (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
                    if (timed_out) {
                        rc = rs_error_set(err, "pass %ld: no DONE within %llu cycles", stats->passes,
                                          (unsigned long long)max_cycles);
                        break;
                    }
                    uint32_t status = t->csr_read(t->ctx, RS_CSR_STATUS);
                    if (status >> 8 & 0xff) {
                        rc = rs_error_set(err, "pass %ld: hardware error code %u", stats->passes,
                                          status >> 8 & 0xff);
                        break;
                    }
                    stats->cycles += csr64(t, RS_CSR_CYCLES_LO);
                    stats->macs += csr64(t, RS_CSR_MACS_LO);
                    stats->gated += csr64(t, RS_CSR_GATED_LO);
                    stats->pe_cycles += csr64(t, RS_CSR_PE_CYCLES_LO);
                    stats->cmd_words += csr64(t, RS_CSR_CMD_WORDS_LO);
                    stats->res_words += csr64(t, RS_CSR_RES_WORDS_LO);
                    stats->passes++;
                    if (place_results(&L, res, n_res, err))
                        rc = -1;
                }
done:
    free(v.w);
    free(res);
    free(L.partial);
    return rc;
}
