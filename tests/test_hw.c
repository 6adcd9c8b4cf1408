/* test_hw.c - the hardware's side of the contracts: identity CSRs, refusal of
 * a mismatched model, malformed command streams stop with an error code
 * instead of hanging. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "rs_cosim.h"
#include "rs_driver.h"
#include "rs_manifest.h"
#include "rs_protocol.h"
#include "rs_rlc.h"

static rs_transport t;

static void open_small(void)
{
    rs_error err;
    cr_assert_eq(rs_transport_open_model(&t, RS_BUILD "/gen/small", RS_ROOT "/sim", NULL, &err), 0, "%s", err.msg);
}

static void close_model(void)
{
    rs_transport_close(&t);
}

TestSuite(hw, .init = open_small, .fini = close_model, .timeout = 120);

Test(hw, identity_registers)
{
    rs_error err;
    uint32_t hash;
    cr_assert_eq(rs_manifest_hash(RS_BUILD "/gen/small", &hash, &err), 0, "%s", err.msg);
    rs_device dev;
    cr_assert_eq(rs_device_open(&t, hash, &dev, &err), 0, "%s", err.msg);
    cr_expect_eq(dev.hw.rows, 4);
    cr_expect_eq(dev.hw.cols, 4);
    cr_expect_eq(dev.hw.dw, 16);
    cr_expect_eq(dev.hw.pw, 32);
    cr_expect_eq(dev.hw.ifmap_spad, 12);
    cr_expect_eq(dev.hw.filter_spad, 224);
    cr_expect_eq(dev.hw.psum_spad, 24);
    cr_expect_eq(t.csr_read(t.ctx, RS_CSR_GLB_BYTES), 4u * 1024u);
}

Test(hw, refuses_other_configuration)
{
    rs_error err;
    uint32_t other;
    cr_assert_eq(rs_manifest_hash(RS_BUILD "/gen/default", &other, &err), 0, "%s", err.msg);
    rs_device dev;
    cr_assert_neq(rs_device_open(&t, other, &dev, &err), 0);
    cr_expect(strstr(err.msg, "config hash") != NULL, "message: %s", err.msg);
}

/* a device that answers MAGIC but another generator VERSION (only CSR reads) */
static uint32_t old_version_csr(void *ctx, uint32_t addr)
{
    (void)ctx;
    if (addr == RS_CSR_MAGIC)
        return RS_CSR_MAGIC_VALUE;
    return addr == RS_CSR_VERSION ? RS_CSR_VERSION_VALUE - 0x100u : 0u;   /* one minor version back */
}

Test(hw, refuses_other_generator_version)
{
    rs_transport old = { .csr_read = old_version_csr };
    rs_device dev;
    rs_error err;
    cr_assert_neq(rs_device_open(&old, 0, &dev, &err), 0);
    cr_expect(strstr(err.msg, "generator version") != NULL && strstr(err.msg, "rebuild") != NULL,
              "message: %s", err.msg);
}

static uint32_t run_stream(const uint64_t *words, size_t n, int *timed_out)
{
    uint64_t res[16];
    size_t n_res = 0;
    t.csr_write(t.ctx, RS_CSR_CTRL, 1);
    *timed_out = t.exchange(t.ctx, words, n, res, 16, &n_res, 20000) != 0;
    return t.csr_read(t.ctx, RS_CSR_STATUS);
}

/* the stream must end the layer (not hang) with error `code` in STATUS */
static void expect_stream_error(const uint64_t *words, size_t n, uint32_t code)
{
    int timed_out;
    uint32_t status = run_stream(words, n, &timed_out);
    cr_expect(!timed_out, "the layer must end, not hang");
    cr_expect_eq(status & 3u, 2u, "DONE and not BUSY, status 0x%x", status);
    cr_expect_eq(status >> 8 & 0xff, code, "error code %u, expected %u", status >> 8 & 0xff, code);
}

Test(hw, unknown_opcode_stops_with_error)
{
    uint64_t words[] = { (uint64_t)0xF << 60, (uint64_t)RS_OP_END << 60 };
    int timed_out;
    uint32_t status = run_stream(words, 2, &timed_out);
    cr_expect(!timed_out, "the layer must end, not hang");
    cr_expect_eq(status & 3u, 2u, "DONE and not BUSY, status 0x%x", status);
    cr_expect_eq(status >> 8 & 0xff, (uint32_t)RS_ERR_OPCODE);
}

Test(hw, bad_config_stops_with_error)
{
    /* NE larger than the ifmap spad */
    uint64_t cfg = (uint64_t)RS_OP_CONFIG << 60 | 200u << RS_F_CONFIG_NE_LSB | 1u << RS_F_CONFIG_NPOP_LSB |
                   1u << RS_F_CONFIG_NF_LSB | (uint64_t)200 << RS_F_CONFIG_NW_LSB;
    uint64_t words[] = { cfg, (uint64_t)RS_OP_END << 60 };
    expect_stream_error(words, 2, RS_ERR_CONFIG);
}

Test(hw, bad_data_type_stops_with_error)
{
    uint64_t data = (uint64_t)RS_OP_DATA << 60 | (uint64_t)3 << RS_F_DATA_TYPE_LSB | 1u;
    uint64_t words[] = { data, 0, (uint64_t)RS_OP_END << 60 };
    expect_stream_error(words, 3, RS_ERR_DATA_TYPE);
}

Test(hw, empty_stream_finishes_and_restarts)
{
    uint64_t words[] = { (uint64_t)RS_OP_NOP << 60, (uint64_t)RS_OP_END << 60 };
    int timed_out;
    for (int i = 0; i < 2; i++) {
        uint32_t status = run_stream(words, 2, &timed_out);
        cr_expect(!timed_out);
        cr_expect_eq(status, 2u, "DONE, no error: 0x%x", status);
        cr_expect_eq(t.csr_read(t.ctx, RS_CSR_CMD_WORDS_LO), 2u);
    }
}

/* ------------------------------------------------------------ RLC payloads */

static uint64_t rlc_ifmap_header(int count, int tags)
{
    return (uint64_t)RS_OP_DATA << 60 | (uint64_t)RS_DT_IFMAP << RS_F_DATA_TYPE_LSB |
           (uint64_t)1 << RS_F_DATA_RLC_LSB | (uint64_t)tags << RS_F_DATA_TAGS_LSB | (uint64_t)count;
}

static uint64_t rlc_pair(int k, int run, int level)
{
    return ((uint64_t)(run & 31) | (uint64_t)(level & 0xffff) << 5) << (21 * k);
}

#define RLC_TERM ((uint64_t)1 << 63)

Test(hw, rlc_payload_is_taken_whole)
{
    /* 2 tags x 5 elements: 3 zeros, 7 | 0, 0, 0, 0, 9 | then END */
    uint64_t words[] = { rlc_ifmap_header(5, 2), rlc_pair(0, 3, 7) | rlc_pair(1, 5, 9) | RLC_TERM,
                         (uint64_t)RS_OP_END << 60 };
    int timed_out;
    uint32_t status = run_stream(words, 3, &timed_out);
    cr_expect(!timed_out);
    cr_expect_eq(status, 2u, "DONE, no error: 0x%x", status);
    cr_expect_eq(t.csr_read(t.ctx, RS_CSR_CMD_WORDS_LO), 3u);
    cr_expect_eq(t.csr_read(t.ctx, RS_CSR_NOC_IFM_LO), 4u, "two payload words per tag on the ifmap bus");
}

Test(hw, rlc_run_past_the_end_stops_with_error)
{
    uint64_t words[] = { rlc_ifmap_header(4, 1), rlc_pair(0, 31, 5) | RLC_TERM, (uint64_t)RS_OP_END << 60 };
    expect_stream_error(words, 3, RS_ERR_RLC);
}

Test(hw, rlc_without_term_bit_stops_with_error)
{
    uint64_t words[] = { rlc_ifmap_header(2, 1), rlc_pair(0, 0, 1) | rlc_pair(1, 0, 2), (uint64_t)RS_OP_END << 60 };
    expect_stream_error(words, 3, RS_ERR_RLC);
}

Test(hw, rlc_on_filters_stops_with_error)
{
    uint64_t hdr = (uint64_t)RS_OP_DATA << 60 | (uint64_t)RS_DT_FILTER << RS_F_DATA_TYPE_LSB |
                   (uint64_t)1 << RS_F_DATA_RLC_LSB | 1u << RS_F_DATA_TAGS_LSB | 1u;
    uint64_t words[] = { hdr, rlc_pair(0, 0, 1) | RLC_TERM, (uint64_t)RS_OP_END << 60 };
    expect_stream_error(words, 3, RS_ERR_DATA_TYPE);
}

/* ------------------------------------------------- global buffer in and out */

static uint64_t glbload(uint32_t addr, uint32_t count)
{
    return (uint64_t)RS_OP_GLBLOAD << 60 | (uint64_t)addr << RS_F_GLBLOAD_ADDR_LSB |
           (uint64_t)count << RS_F_GLBLOAD_COUNT_LSB;
}

static uint64_t store(uint32_t words, uint32_t tags, int rlc)
{
    return (uint64_t)RS_OP_STORE << 60 | (uint64_t)words << RS_F_STORE_WORDS_LSB |
           (uint64_t)tags << RS_F_STORE_TAGS_LSB | (uint64_t)rlc << RS_F_STORE_RLC_LSB;
}

static uint64_t glbaddr(uint32_t addr, uint32_t stride)
{
    return (uint64_t)addr << RS_F_GLBADDR_ADDR_LSB | (uint64_t)stride << RS_F_GLBADDR_STRIDE_LSB;
}

/* GLBLOAD 3 regions of 5 words (two 32-bit slots each, values sign-extended
 * as rs_psum_store writes them, many zeros) 7 words apart, then STORE them
 * back: the result port must carry the 30 values' low 16 bits word-major
 * (word k of every region, then word k + 1) packed, or the canonical RLC
 * stream of them (rs_rlc_encode) */
static void store_round_trip(int rlc)
{
    enum { REGIONS = 3, WORDS = 5, STRIDE = 7, BASE = 100, N = REGIONS * WORDS * 2 };
    int32_t values[N];
    uint64_t cmd[2 + REGIONS * STRIDE + 3];
    size_t n = 0;
    cmd[n++] = glbload(BASE, REGIONS * STRIDE);
    for (int w = 0; w < REGIONS * STRIDE; w++) {
        int region = w / STRIDE, k = w % STRIDE;
        int32_t lo = (w * 7919) % 5 ? 0 : (int32_t)(w * 2654435761u) >> 16;
        int32_t hi = w % 3 ? -(w * 37) : 0;
        if (k < WORDS) {
            values[(k * REGIONS + region) * 2] = lo;
            values[(k * REGIONS + region) * 2 + 1] = hi;
        }
        cmd[n++] = (uint64_t)(uint32_t)hi << 32 | (uint32_t)lo;
    }
    values[0] = -32768;
    cmd[1] = (cmd[1] & ~0xffffffffull) | (uint32_t)-32768;
    cmd[n++] = store(WORDS, REGIONS, rlc);
    cmd[n++] = glbaddr(BASE, STRIDE);
    cmd[n++] = (uint64_t)RS_OP_END << 60;

    uint64_t expect[N];
    size_t n_expect = 0;
    rs_error err;
    if (rlc) {
        cr_assert_eq(rs_rlc_encode(values, N, 16, expect, N, &n_expect, &err), 0, "%s", err.msg);
    } else {
        for (int i = 0; i < N; i += 4, n_expect++) {
            expect[n_expect] = 0;
            for (int k = 0; k < 4 && i + k < N; k++)
                expect[n_expect] |= (uint64_t)(uint16_t)values[i + k] << (16 * k);
        }
    }
    uint64_t res[64];
    size_t n_res = 0;
    t.csr_write(t.ctx, RS_CSR_CTRL, 1);
    cr_assert_eq(t.exchange(t.ctx, cmd, n, res, 64, &n_res, 20000), 0, "must not hang");
    cr_expect_eq(t.csr_read(t.ctx, RS_CSR_STATUS), 2u, "DONE, no error");
    cr_assert_eq(n_res, n_expect, "%zu result words, expected %zu", n_res, n_expect);
    for (size_t i = 0; i < n_res; i++)
        cr_expect_eq(res[i], expect[i], "word %zu: 0x%016llx, expected 0x%016llx", i, (unsigned long long)res[i],
                     (unsigned long long)expect[i]);
    cr_expect_eq(t.csr_read(t.ctx, RS_CSR_GLB_WR_LO), 2u * REGIONS * STRIDE, "GLBLOAD writes two slots a word");
    cr_expect_eq(t.csr_read(t.ctx, RS_CSR_GLB_RD_LO), (uint32_t)REGIONS * WORDS, "STORE reads each word once");
}

Test(hw, store_sends_buffer_values_packed) { store_round_trip(0); }
Test(hw, store_sends_buffer_values_run_length_coded) { store_round_trip(1); }

Test(hw, glbload_past_the_buffer_stops_with_error)
{
    /* the small configuration has 4 KiB = 512 words: the second word falls off */
    uint64_t words[] = { glbload(511, 2), 1, 2, (uint64_t)RS_OP_END << 60 };
    expect_stream_error(words, 4, RS_ERR_GLB_RANGE);
}

Test(hw, store_past_the_buffer_stops_with_error)
{
    uint64_t words[] = { store(4, 2, 1), glbaddr(500, 10), (uint64_t)RS_OP_END << 60 };
    expect_stream_error(words, 3, RS_ERR_GLB_RANGE);
}

/* Ifmaps kept in the buffer: an RLC-coded ifmap DATA with KEEP (2 tags x 5
 * values: 7 0 5 0 0 | 0 0 0 0 9, so payload words {7,0,5,0} {0} {0,0,0,0}
 * {9} as expanded) copies its 4 words to word 100 on; an ifmap DATA with
 * SRC_GLB reads them back onto the bus; a STORE of those words sends each
 * 32-bit slot's low 16 bits: the values at lanes 0 and 2 of every word. */
Test(hw, kept_ifmap_payload_goes_into_the_buffer_and_back)
{
    uint64_t keep = rlc_ifmap_header(5, 2) | (uint64_t)1 << RS_F_DATA_KEEP_LSB;
    uint64_t from_glb = (uint64_t)RS_OP_DATA << 60 | (uint64_t)RS_DT_IFMAP << RS_F_DATA_TYPE_LSB |
                        (uint64_t)1 << RS_F_DATA_SRC_GLB_LSB | 2u << RS_F_DATA_TAGS_LSB | 5u;
    uint64_t cmd[] = { keep, glbaddr(100, 0), rlc_pair(0, 0, 7) | rlc_pair(1, 1, 5) | rlc_pair(2, 6, 9) | RLC_TERM,
                       from_glb, glbaddr(100, 2),
                       store(4, 1, 0), glbaddr(100, 0), (uint64_t)RS_OP_END << 60 };
    uint64_t res[8];
    size_t n_res = 0;
    t.csr_write(t.ctx, RS_CSR_CTRL, 1);
    cr_assert_eq(t.exchange(t.ctx, cmd, 8, res, 8, &n_res, 20000), 0, "must not hang");
    cr_expect_eq(t.csr_read(t.ctx, RS_CSR_STATUS), 2u, "DONE, no error");
    cr_expect_eq(t.csr_read(t.ctx, RS_CSR_NOC_IFM_LO), 8u, "4 beats from the stream, 4 from the buffer");
    cr_expect_eq(t.csr_read(t.ctx, RS_CSR_GLB_RD_LO), 8u, "4 words read for the bus, 4 for the STORE");
    /* slots' low halves: 7 5 | 0 0 | 0 0 | 9 0 */
    cr_assert_eq(n_res, 2u, "8 values packed in 2 words");
    cr_expect_eq(res[0], 0x50007u, "0x%016llx", (unsigned long long)res[0]);
    cr_expect_eq(res[1], 9ull << 32, "0x%016llx", (unsigned long long)res[1]);
}

Test(hw, kept_ifmap_past_the_buffer_stops_with_error)
{
    uint64_t keep = (uint64_t)RS_OP_DATA << 60 | (uint64_t)RS_DT_IFMAP << RS_F_DATA_TYPE_LSB |
                    (uint64_t)1 << RS_F_DATA_KEEP_LSB | 1u << RS_F_DATA_TAGS_LSB | 8u;
    uint64_t words[] = { keep, glbaddr(511, 0), 1, 2, (uint64_t)RS_OP_END << 60 };
    expect_stream_error(words, 5, RS_ERR_GLB_RANGE);
}

Test(hw, ifmap_read_past_the_buffer_stops_with_error)
{
    uint64_t data = (uint64_t)RS_OP_DATA << 60 | (uint64_t)RS_DT_IFMAP << RS_F_DATA_TYPE_LSB |
                    (uint64_t)1 << RS_F_DATA_SRC_GLB_LSB | 1u << RS_F_DATA_TAGS_LSB | 8u;
    uint64_t words[] = { data, glbaddr(511, 0), (uint64_t)RS_OP_END << 60 };
    expect_stream_error(words, 3, RS_ERR_GLB_RANGE);
}

/* KEEP is for ifmaps from the stream only */
Test(hw, keep_on_filters_stops_with_error)
{
    uint64_t data = (uint64_t)RS_OP_DATA << 60 | (uint64_t)RS_DT_FILTER << RS_F_DATA_TYPE_LSB |
                    (uint64_t)1 << RS_F_DATA_KEEP_LSB | 1u << RS_F_DATA_TAGS_LSB | 2u;
    uint64_t words[] = { data, glbaddr(0, 0), 0, (uint64_t)RS_OP_END << 60 };
    expect_stream_error(words, 4, RS_ERR_DATA_TYPE);
}

/* ------------------------------------------------------------ memory mode */

Test(hw, psum_read_past_the_buffer_stops_with_error)
{
    uint64_t data = (uint64_t)RS_OP_DATA << 60 | (uint64_t)RS_DT_PSUM << RS_F_DATA_TYPE_LSB |
                    (uint64_t)1 << RS_F_DATA_SRC_GLB_LSB | 1u << RS_F_DATA_TAGS_LSB | 2u;
    uint64_t addr = (uint64_t)0xffffff << RS_F_GLBADDR_ADDR_LSB;
    uint64_t words[] = { data, addr, (uint64_t)RS_OP_END << 60 };
    expect_stream_error(words, 3, RS_ERR_GLB_RANGE);
}

/* psums come from the global buffer only, and only psums do */
Test(hw, psum_data_without_src_glb_stops_with_error)
{
    uint64_t data = (uint64_t)RS_OP_DATA << 60 | (uint64_t)RS_DT_PSUM << RS_F_DATA_TYPE_LSB |
                    1u << RS_F_DATA_TAGS_LSB | 2u;
    uint64_t words[] = { data, 0, (uint64_t)RS_OP_END << 60 };
    expect_stream_error(words, 3, RS_ERR_DATA_TYPE);
}

Test(hw, filter_data_from_the_buffer_stops_with_error)
{
    uint64_t data = (uint64_t)RS_OP_DATA << 60 | (uint64_t)RS_DT_FILTER << RS_F_DATA_TYPE_LSB |
                    (uint64_t)1 << RS_F_DATA_SRC_GLB_LSB | 1u << RS_F_DATA_TAGS_LSB | 2u;
    uint64_t words[] = { data, 0, (uint64_t)RS_OP_END << 60 };
    expect_stream_error(words, 3, RS_ERR_DATA_TYPE);
}

/* DATA.PSUMS repeats the pass's last psum command: only after an ifmap
 * payload, and only once a psum command since CONFIG armed it */
static const uint64_t empty_psums = (uint64_t)RS_OP_DATA << 60 | (uint64_t)RS_DT_PSUM << RS_F_DATA_TYPE_LSB |
                                    (uint64_t)1 << RS_F_DATA_SRC_GLB_LSB;
static const uint64_t ifmap_repeating_psums = (uint64_t)RS_OP_DATA << 60 |
                                              (uint64_t)RS_DT_IFMAP << RS_F_DATA_TYPE_LSB |
                                              (uint64_t)1 << RS_F_DATA_PSUMS_LSB;

Test(hw, psums_repeat_after_a_psum_command)
{
    uint64_t words[] = { empty_psums, 0, ifmap_repeating_psums, ifmap_repeating_psums, (uint64_t)RS_OP_END << 60 };
    int timed_out;
    uint32_t status = run_stream(words, 5, &timed_out);
    cr_expect(!timed_out, "the layer must end, not hang");
    cr_expect_eq(status, 2u, "DONE, no error: 0x%x", status);
}

Test(hw, psums_repeat_with_nothing_armed_stops_with_error)
{
    uint64_t words[] = { ifmap_repeating_psums, (uint64_t)RS_OP_END << 60 };
    expect_stream_error(words, 2, RS_ERR_DATA_TYPE);
}

Test(hw, psums_repeat_after_config_stops_with_error)
{
    uint64_t cfg = (uint64_t)RS_OP_CONFIG << 60 | 1u << RS_F_CONFIG_NE_LSB | 1u << RS_F_CONFIG_NPOP_LSB |
                   1u << RS_F_CONFIG_NF_LSB | (uint64_t)1 << RS_F_CONFIG_NW_LSB;
    uint64_t words[] = { empty_psums, 0, cfg, ifmap_repeating_psums, (uint64_t)RS_OP_END << 60 };
    expect_stream_error(words, 5, RS_ERR_DATA_TYPE);
}

Test(hw, psums_repeat_on_filters_stops_with_error)
{
    uint64_t filters = (uint64_t)RS_OP_DATA << 60 | (uint64_t)RS_DT_FILTER << RS_F_DATA_TYPE_LSB |
                       (uint64_t)1 << RS_F_DATA_PSUMS_LSB;
    uint64_t words[] = { empty_psums, 0, filters, (uint64_t)RS_OP_END << 60 };
    expect_stream_error(words, 4, RS_ERR_DATA_TYPE);
}

/* Puts words at address 0 of the model's memory and runs them with START|MEM. */
static uint32_t run_from_memory(const uint64_t *words, size_t n, uint32_t len, uint32_t res_cap, int *timed_out)
{
    cr_assert_eq(t.mem_write(t.ctx, 0, words, n * 8), 0);
    t.csr_write(t.ctx, RS_CSR_CMD_ADDR, 0);
    t.csr_write(t.ctx, RS_CSR_CMD_LEN, len);
    t.csr_write(t.ctx, RS_CSR_RES_ADDR, 4096);
    t.csr_write(t.ctx, RS_CSR_RES_CAP, res_cap);
    t.csr_write(t.ctx, RS_CSR_CTRL, 3);
    *timed_out = t.run(t.ctx, 20000) != 0;
    return t.csr_read(t.ctx, RS_CSR_STATUS);
}

Test(hw, stream_in_memory_runs_to_end)
{
    uint64_t words[] = { (uint64_t)RS_OP_NOP << 60, (uint64_t)RS_OP_NOP << 60, (uint64_t)RS_OP_END << 60 };
    int timed_out;
    uint32_t status = run_from_memory(words, 3, 3, 0, &timed_out);
    cr_expect(!timed_out);
    cr_expect_eq(status, 2u, "DONE, no error: 0x%x", status);
    cr_expect_eq(t.csr_read(t.ctx, RS_CSR_CMD_WORDS_LO), 3u);
    cr_expect_eq(t.csr_read(t.ctx, RS_CSR_DRAM_RD_LO), 24u, "three words read, no more");
}

Test(hw, truncated_stream_in_memory_stops_with_error)
{
    uint64_t words[] = { (uint64_t)RS_OP_NOP << 60, (uint64_t)RS_OP_END << 60 };
    int timed_out;
    uint32_t status = run_from_memory(words, 2, 1, 0, &timed_out);   /* END left out */
    cr_expect(!timed_out, "a stream without END must not hang");
    cr_expect_eq(status >> 8 & 0xff, (uint32_t)RS_ERR_CMD_SHORT);
}

Test(hw, truncated_rlc_payload_in_memory_stops_with_error)
{
    /* 40 elements announced, the stream ends inside the payload */
    uint64_t words[] = { rlc_ifmap_header(40, 1), rlc_pair(0, 0, 1) | rlc_pair(1, 0, 2) | rlc_pair(2, 0, 3) };
    int timed_out;
    uint32_t status = run_from_memory(words, 2, 2, 0, &timed_out);
    cr_expect(!timed_out, "a truncated payload must not hang");
    cr_expect_eq(status >> 8 & 0xff, (uint32_t)RS_ERR_CMD_SHORT);
}

Test(hw, stream_past_memory_stops_with_error)
{
    uint64_t words[] = { (uint64_t)RS_OP_END << 60 };
    cr_assert_eq(t.mem_write(t.ctx, 0, words, 8), 0);
    t.csr_write(t.ctx, RS_CSR_CMD_ADDR, 0x40000000u);   /* far past the model's memory: DECERR */
    t.csr_write(t.ctx, RS_CSR_CMD_LEN, 4);
    t.csr_write(t.ctx, RS_CSR_RES_CAP, 0);
    t.csr_write(t.ctx, RS_CSR_CTRL, 3);
    cr_expect_eq(t.run(t.ctx, 20000), 0, "must not hang");
    cr_expect_eq(t.csr_read(t.ctx, RS_CSR_STATUS) >> 8 & 0xff, (uint32_t)RS_ERR_AXI_READ);
}

Test(hw, results_past_their_buffer_stop_with_error)
{
    rs_error err;
    rs_device dev;
    cr_assert_eq(rs_device_open(&t, 0, &dev, &err), 0, "%s", err.msg);
    rs_shape s;
    cr_assert_eq(rs_shape_parse("C=4,M=4,H=6,W=6,R=3,S=3", &s, &err), 0, "%s", err.msg);
    rs_layer l;
    cr_assert_eq(rs_layer_random(&l, &s, 16, 32, 3, 0.0, 0, &err), 0, "%s", err.msg);
    rs_cosim_result r;
    cr_assert_eq(rs_cosim_run(&t, &dev, &l, &r, &err), 0, "%s", err.msg);
    cr_assert_eq(r.mismatches, 0);
    /* the layer's stream is still in memory: run it again with room for 3 results */
    t.csr_write(t.ctx, RS_CSR_RES_CAP, 3);
    t.csr_write(t.ctx, RS_CSR_CTRL, 3);
    cr_expect_eq(t.run(t.ctx, 200000), 0, "must not hang");
    cr_expect_eq(t.csr_read(t.ctx, RS_CSR_STATUS) >> 8 & 0xff, (uint32_t)RS_ERR_RES_OVERFLOW);
    cr_expect_eq(t.csr_read(t.ctx, RS_CSR_DRAM_WR_LO), 24u, "only the 3 words that fit are written");
    rs_cosim_result_free(&r);
    rs_layer_free(&l);
}
