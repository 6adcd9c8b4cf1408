/* rs_driver.c - run a layer: map it, have its command stream built
 * (rs_stream.h), run that on the device, read the outputs back and place
 * them (see rs_driver.h). */
#define _POSIX_C_SOURCE 200809L
#include "rs_driver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rs_protocol.h"
#include "rs_rlc.h"
#include "rs_stream.h"

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
    uint32_t version = t->csr_read(t->ctx, RS_CSR_VERSION);
    if (version != RS_CSR_VERSION_VALUE)
        return rs_error_set(err, "device: generator version %u.%u.%u, this driver speaks %u.%u.%u "
                                 "(rebuild the model with this rsgen)", version >> 16, version >> 8 & 0xff,
                            version & 0xff, RS_CSR_VERSION_VALUE >> 16, RS_CSR_VERSION_VALUE >> 8 & 0xff,
                            RS_CSR_VERSION_VALUE & 0xff);
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
    dev->hw.glb_words = (long)(t->csr_read(t->ctx, RS_CSR_GLB_BYTES) / 8);
    dev->hw.link_bytes = 0.0;
    dev->hw.rlc = 1;
    uint32_t features = t->csr_read(t->ctx, RS_CSR_FEATURES);
    dev->hw.zero_skip = (features & RS_FEAT_ZERO_SKIP) != 0;
    dev->hw.psum_banks = (features & RS_FEAT_PSUM_BANKS2) ? 2 : 1;
    dev->hw.pe_lanes = (features & RS_FEAT_PE_LANES1) ? 1 : 64 / dev->hw.dw;
    dev->hw.psum_lanes = (features & RS_FEAT_PSUM_LANES4) ? 4 : 2;
    return 0;
}

/* ------------------------------------------------------------ a layer run */

/* The mapping to run: the mapper weighs the link's words, so it is told how
 * many of the activations are zeros (which the run-length coding drops). */
static int map_for_run(const rs_device *dev, const rs_shape *s, const rs_quant *q, const int32_t *ifmap,
                       rs_mapping *map, rs_error *err)
{
    if (q->dw != dev->hw.dw || q->pw != dev->hw.pw)
        return rs_error_set(err, "quantization dw=%d pw=%d differs from the hardware's dw=%d pw=%d",
                            q->dw, q->pw, dev->hw.dw, dev->hw.pw);
    double zeros = rs_zero_share(ifmap, (size_t)s->N * s->C * s->H * s->W);
    if (rs_quant_check(q, err) || rs_map_layer(&dev->hw, s, zeros, map, err))
        return -1;
    return 0;
}

/* Room for the STOREs' streams in memory: each at most its run-length
 * coded worst case, or packed. */
typedef struct {
    size_t words;          /* all the STOREs' streams at most */
    size_t max_values;     /* the largest STORE's values */
    uint64_t packed_words; /* all of them packed */
} result_room;

static result_room size_results(const rs_stream *st, int dw, int rlc)
{
    result_room r = { 0, 0, 0 };
    for (size_t i = 0; i < st->n_stores; i++) {
        size_t n = st->stores[i].n_values, packed = (n + 64 / dw - 1) / (64 / dw);
        r.words += rlc ? rs_rlc_max_words(n) : packed;
        r.packed_words += packed;
        if (n > r.max_values)
            r.max_values = n;
    }
    return r;
}

/* What the driver counted as it built the stream. */
static void count_stream(const rs_stream *st, const result_room *room, rs_run_stats *stats)
{
    stats->passes = st->passes;
    stats->stream_words = st->n_words;
    stats->ifmap_raw_words = st->counts.ifmap_raw_words;
    stats->ifmap_words = st->counts.ifmap_words;
    stats->ifmap_glb_words = st->counts.ifmap_glb_words;
    stats->ifmap_ahead_words = st->counts.ifmap_ahead_words;
    stats->filter_words = st->counts.filter_words;
    stats->psum_words = st->counts.psum_words;
    stats->out_raw_words = room->packed_words;
}

/* The device's memory: the command stream at 0, the results on the next
 * 4 KB page. */
static uint64_t results_addr(const rs_stream *st) { return ((uint64_t)st->n_words * 8 + 4095) & ~4095ull; }

/* The stream and the cleared results (res, n_res words) into the device's
 * memory, and the CSRs that point at them. */
static int load_stream(rs_transport *t, const rs_stream *st, const uint64_t *res, size_t n_res, rs_error *err)
{
    uint64_t res_addr = results_addr(st);
    if (t->mem_write(t->ctx, 0, st->words, (uint64_t)st->n_words * 8) ||
        t->mem_write(t->ctx, res_addr, res, n_res * 8))
        return rs_error_set(err, "cannot write %llu bytes to the device's memory",
                            (unsigned long long)(res_addr + n_res * 8));
    t->csr_write(t->ctx, RS_CSR_CMD_ADDR, 0);
    t->csr_write(t->ctx, RS_CSR_CMD_LEN, (uint32_t)st->n_words);
    t->csr_write(t->ctx, RS_CSR_RES_ADDR, (uint32_t)res_addr);
    t->csr_write(t->ctx, RS_CSR_RES_CAP, (uint32_t)n_res);
    return 0;
}

/* A generous bound on the layer's cycles: every command word and MAC slot
 * (each of a tile's passes runs all its positions), at a slow link, ten
 * times. */
static uint64_t cycle_bound(const rs_shape *s, const rs_mapping *map, const rs_stream *st, size_t n_res)
{
    uint64_t work = 0, per_position = (uint64_t)(map->nc * s->S * map->nf + 16);
    for (size_t i = 0; i < st->n_stores; i++)
        work += (uint64_t)rs_tile_positions(&st->stores[i].tile) * (uint64_t)map->passes_per_tile * per_position;
    return 10 * (4 * (uint64_t)st->n_words + work + 4 * (uint64_t)n_res) + 100000;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0->tv_nsec);
}

/* START the layer (from memory) and wait for DONE; a hardware error code
 * is an error. */
static int run_layer(rs_transport *t, uint64_t max_cycles, rs_run_stats *stats, rs_error *err)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    t->csr_write(t->ctx, RS_CSR_CTRL, 3);   /* START | MEM */
    int timed_out = t->run(t->ctx, max_cycles);
    stats->sim_seconds = seconds_since(&t0);
    if (timed_out)
        return rs_error_set(err, "no DONE within %llu cycles", (unsigned long long)max_cycles);
    uint32_t status = t->csr_read(t->ctx, RS_CSR_STATUS);
    if (status >> 8 & 0xff)
        return rs_error_set(err, "hardware error code %u (%s)", status >> 8 & 0xff, rs_err_text(status >> 8 & 0xff));
    return 0;
}

static void read_counters(rs_transport *t, rs_run_stats *stats)
{
    stats->cycles = csr64(t, RS_CSR_CYCLES_LO);
    stats->macs = csr64(t, RS_CSR_MACS_LO);
    stats->gated = csr64(t, RS_CSR_GATED_LO);
    stats->pe_cycles = csr64(t, RS_CSR_PE_CYCLES_LO);
    stats->cmd_words = csr64(t, RS_CSR_CMD_WORDS_LO);
    stats->res_words = csr64(t, RS_CSR_RES_WORDS_LO);
    stats->dram_rd = csr64(t, RS_CSR_DRAM_RD_LO);
    stats->dram_wr = csr64(t, RS_CSR_DRAM_WR_LO);
    stats->glb_rd = csr64(t, RS_CSR_GLB_RD_LO);
    stats->glb_wr = csr64(t, RS_CSR_GLB_WR_LO);
    stats->noc_flt = csr64(t, RS_CSR_NOC_FLT_LO);
    stats->noc_ifm = csr64(t, RS_CSR_NOC_IFM_LO);
    stats->noc_psm = csr64(t, RS_CSR_NOC_PSM_LO);
    stats->stalls = csr64(t, RS_CSR_STALLS_LO);
    stats->flt_skip = csr64(t, RS_CSR_FLT_SKIP_LO);
    stats->zskip = csr64(t, RS_CSR_ZSKIP_LO);
    stats->op_loads = csr64(t, RS_CSR_OP_LOADS_LO);
    stats->psum_wr = csr64(t, RS_CSR_PSUM_WR_LO);
}

/* one STORE stream at res[0..avail): its values into out[0..n), *used gets
 * its words; packed (64/dw values a word, sign-extended) or run-length coded
 * (ends with the term word) */
static int read_store(const uint64_t *res, size_t avail, size_t n, int dw, int rlc, int32_t *out, size_t *used,
                      rs_error *err)
{
    if (rlc) {
        size_t k = 0;
        while (k < avail && !(res[k] & RS_RLC_TERM))
            k++;
        if (k == avail)
            return rs_error_set(err, "the results end inside a run-length coded stream (no term word)");
        *used = k + 1;
        return rs_rlc_decode(res, k + 1, n, dw, out, err);
    }
    int per = 64 / dw;
    *used = (n + (size_t)per - 1) / (size_t)per;
    if (*used > avail)
        return rs_error_set(err, "the results end inside a packed stream (%zu of %zu words)", avail, *used);
    for (size_t i = 0; i < n; i++) {
        uint64_t lane = res[i / (size_t)per] >> (i % (size_t)per * (size_t)dw);
        out[i] = (int32_t)((int64_t)(lane << (64 - dw)) >> (64 - dw));
    }
    return 0;
}

/* a tile's STORE stream, decoded: region j (column j) holds tile_words
 * words of two values; position pos of the tile takes ceil(nf/2) of them,
 * filter f in value f (an odd nf leaves the last one unused); the STORE reads
 * them word-major: word w of every column, then word w + 1 */
static void place_results(const rs_shape *S, const rs_mapping *M, const rs_tile *tile, const int32_t *values,
                          int32_t *ofmap)
{
    int Qt = tile->q1 - tile->q0, cols = rs_mapping_used_cols(M);
    size_t wpp = (size_t)rs_mapping_position_words(M);
    for (int j = 0; j < cols; j++)
        for (long pos = 0; pos < rs_tile_positions(tile); pos++)
            for (int f = 0; f < M->nf; f++) {
                long sweep = tile->sweep0 + pos / Qt;
                int qpos = tile->q0 + (int)(pos % Qt);
                int n = (int)(sweep / M->strips), p = (int)(sweep % M->strips) * M->E + j % M->E;
                int m = rs_tile_out_channel(S, M, tile, j, f);
                if (m < 0 || p >= S->P)
                    continue;   /* a PE beyond the layer's edge: computed on zeros, dropped */
                ofmap[(((size_t)n * S->M + m) * S->P + p) * S->Q + qpos] =
                    values[(((size_t)pos * wpp + (size_t)f / 2) * (size_t)cols + (size_t)j) * 2 + (size_t)f % 2];
            }
}

/* The STOREs' streams, read back into res (room->words) and placed into
 * ofmap; they follow each other in tile order. */
static int read_results(rs_transport *t, const rs_device *dev, const rs_shape *s, const rs_mapping *map,
                        const rs_stream *st, const result_room *room, uint64_t *res, int32_t *ofmap,
                        rs_run_stats *stats, rs_error *err)
{
    size_t n_written = (size_t)(stats->dram_wr / 8);
    if (n_written > room->words)
        return rs_error_set(err, "hardware wrote %zu result words, at most %zu expected", n_written, room->words);
    int32_t *values = malloc((room->max_values ? room->max_values : 1) * sizeof *values);
    if (!values)
        return rs_error_set(err, "out of memory");
    int rc = 0;
    if (t->mem_read(t->ctx, results_addr(st), res, n_written * 8)) {
        rc = rs_error_set(err, "cannot read the results back from the device's memory");
        goto done;
    }
    size_t at = 0;
    for (size_t i = 0; i < st->n_stores; i++) {
        size_t used = 0;
        if (read_store(res + at, n_written - at, st->stores[i].n_values, dev->hw.dw, dev->hw.rlc, values, &used,
                       err)) {
            char why[sizeof err->msg];
            snprintf(why, sizeof why, "%s", err->msg);
            rc = rs_error_set(err, "results of tile %zu: %s", i, why);
            goto done;
        }
        at += used;
        place_results(s, map, &st->stores[i].tile, values, ofmap);
    }
    stats->out_words = n_written;
    if (at != n_written)
        rc = rs_error_set(err, "hardware wrote %zu result words, the tiles' streams take %zu", n_written, at);
done:
    free(values);
    return rc;
}

int rs_run_conv(rs_transport *t, const rs_device *dev, const rs_shape *s, const rs_quant *q,
                const int32_t *ifmap, const int32_t *weights, const int32_t *bias, int32_t *ofmap,
                rs_mapping *map, rs_run_stats *stats, rs_error *err)
{
    if (map_for_run(dev, s, q, ifmap, map, err))
        return -1;
    memset(stats, 0, sizeof *stats);
    rs_stream st;
    if (rs_stream_build(&dev->hw, s, q, map, ifmap, weights, bias, &st, err))
        return -1;
    result_room room = size_results(&st, dev->hw.dw, dev->hw.rlc);
    count_stream(&st, &room, stats);

    uint64_t *res = NULL;
    int rc = 0;
    if (results_addr(&st) + (uint64_t)room.words * 8 > 0xffffffffull) {
        rc = rs_error_set(err, "the layer's command stream (%llu bytes) and results do not fit 4 GiB of "
                               "32-bit memory; split the batch", (unsigned long long)st.n_words * 8);
        goto done;
    }
    res = calloc(room.words ? room.words : 1, sizeof *res);
    if (!res) {
        rc = rs_error_set(err, "out of memory");
        goto done;
    }
    if (load_stream(t, &st, res, room.words, err) ||
        run_layer(t, cycle_bound(s, map, &st, room.words), stats, err)) {
        rc = -1;
        goto done;
    }
    read_counters(t, stats);
    rc = read_results(t, dev, s, map, &st, &room, res, ofmap, stats, err);
done:
    free(res);
    rs_stream_free(&st);
    return rc;
}
