/* test_hw.c - the hardware's side of the contracts: identity CSRs, refusal of
 * a mismatched model, malformed command streams stop with an error code
 * instead of hanging. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "rs_driver.h"
#include "rs_manifest.h"
#include "rs_protocol.h"

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
    cr_expect_eq(t.csr_read(t.ctx, RS_CSR_GLB_BYTES), 108u * 1024u);
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

static uint32_t run_stream(const uint64_t *words, size_t n, int *timed_out)
{
    uint64_t res[16];
    size_t n_res = 0;
    t.csr_write(t.ctx, RS_CSR_CTRL, 1);
    *timed_out = t.exchange(t.ctx, words, n, res, 16, &n_res, 20000) != 0;
    return t.csr_read(t.ctx, RS_CSR_STATUS);
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
    int timed_out;
    uint32_t status = run_stream(words, 2, &timed_out);
    cr_expect(!timed_out);
    cr_expect_eq(status >> 8 & 0xff, (uint32_t)RS_ERR_CONFIG);
}

Test(hw, bad_data_type_stops_with_error)
{
    uint64_t data = (uint64_t)RS_OP_DATA << 60 | (uint64_t)3 << RS_F_DATA_TYPE_LSB | 1u;
    uint64_t words[] = { data, 0, (uint64_t)RS_OP_END << 60 };
    int timed_out;
    uint32_t status = run_stream(words, 3, &timed_out);
    cr_expect(!timed_out);
    cr_expect_eq(status >> 8 & 0xff, (uint32_t)RS_ERR_DATA_TYPE);
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
