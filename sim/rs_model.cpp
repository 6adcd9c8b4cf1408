// rs_model.cpp - the extern "C" shim around the Verilated rs_top.
// Drives the AXI4-Lite CSR port and the two 64-bit streams cycle by cycle.
#include "rs_model.h"

#include <memory>

#include "Vrs_top.h"
#include "rs_params.h"
#include "verilated.h"
#include "verilated_fst_c.h"

struct rs_model {
    std::unique_ptr<VerilatedContext> ctx;
    std::unique_ptr<Vrs_top> top;
    std::unique_ptr<VerilatedFstC> trace;
    uint64_t cycles = 0;
    // result sink while rs_model_stream runs (results are taken on every
    // clock edge, also during the CSR reads that poll STATUS)
    uint64_t *out = nullptr;
    size_t out_cap = 0, got = 0;
};

// One clock cycle. Handshakes are sampled after the inputs settled, before
// the rising edge. Returns whether the command word on s_cmd was taken.
static bool tick(rs_model *m)
{
    Vrs_top *t = m->top.get();
    t->clk = 0;
    t->m_res_ready = m->out != nullptr;
    t->eval();
    bool cmd_fire = t->s_cmd_valid && t->s_cmd_ready;
    if (t->m_res_valid && t->m_res_ready) {
        if (m->got < m->out_cap)
            m->out[m->got] = t->m_res_data;
        m->got++;
    }
    if (m->trace)
        m->trace->dump(m->ctx->time());
    m->ctx->timeInc(1);
    t->clk = 1;
    t->eval();
    if (m->trace)
        m->trace->dump(m->ctx->time());
    m->ctx->timeInc(1);
    m->cycles++;
    return cmd_fire;
}

extern "C" void rs_model_get_info(rs_model_info *info)
{
    info->config_hash = RS_CONFIG_HASH;
    info->rows = RS_ROWS;
    info->cols = RS_COLS;
    info->dw = RS_DW;
    info->pw = RS_PW;
    info->ifmap_spad = RS_IFMAP_SPAD;
    info->filter_spad = RS_FILTER_SPAD;
    info->psum_spad = RS_PSUM_SPAD;
    info->glb_bytes = RS_GLB_BYTES;
}

extern "C" rs_model *rs_model_new(const char *fst_path)
{
    rs_model *m = new (std::nothrow) rs_model;
    if (!m)
        return nullptr;
    m->ctx.reset(new VerilatedContext);
    m->ctx->traceEverOn(fst_path != nullptr);
    m->top.reset(new Vrs_top(m->ctx.get(), "rs_top"));
    if (fst_path) {
        m->trace.reset(new VerilatedFstC);
        m->top->trace(m->trace.get(), 99);
        m->trace->open(fst_path);
        if (!m->trace->isOpen()) {
            delete m;
            return nullptr;
        }
    }
    Vrs_top *t = m->top.get();
    t->rst_n = 0;
    t->s_axil_awvalid = 0;
    t->s_axil_wvalid = 0;
    t->s_axil_bready = 1;
    t->s_axil_arvalid = 0;
    t->s_axil_rready = 1;
    t->s_cmd_valid = 0;
    t->m_res_ready = 0;
    for (int i = 0; i < 4; i++)
        tick(m);
    t->rst_n = 1;
    tick(m);
    return m;
}

extern "C" void rs_model_free(rs_model *m)
{
    if (!m)
        return;
    if (m->trace)
        m->trace->close();
    m->top->final();
    delete m;
}

extern "C" void rs_model_csr_write(rs_model *m, uint32_t addr, uint32_t data)
{
    Vrs_top *t = m->top.get();
    t->s_axil_awaddr = addr;
    t->s_axil_wdata = data;
    t->s_axil_wstrb = 0xf;
    t->s_axil_awvalid = 1;
    t->s_axil_wvalid = 1;
    t->s_axil_bready = 1;
    for (int i = 0; i < 16; i++) {
        t->eval();
        bool accepted = t->s_axil_awready && t->s_axil_wready;
        tick(m);
        if (accepted)
            break;
    }
    t->s_axil_awvalid = 0;
    t->s_axil_wvalid = 0;
    tick(m);   // B response
}

extern "C" uint32_t rs_model_csr_read(rs_model *m, uint32_t addr)
{
    Vrs_top *t = m->top.get();
    t->s_axil_araddr = addr;
    t->s_axil_arvalid = 1;
    t->s_axil_rready = 0;
    for (int i = 0; i < 16; i++) {
        t->eval();
        bool accepted = t->s_axil_arready;
        tick(m);
        if (accepted)
            break;
    }
    t->s_axil_arvalid = 0;
    t->eval();
    uint32_t data = t->s_axil_rdata;
    t->s_axil_rready = 1;
    tick(m);
    return data;
}

extern "C" int rs_model_stream(rs_model *m, const uint64_t *in, size_t n_in, uint64_t *out, size_t out_cap,
                               size_t *n_out, uint64_t max_cycles)
{
    Vrs_top *t = m->top.get();
    size_t sent = 0;
    uint64_t start = m->cycles, stalled = 0;
    int status = -1;
    m->out = out;
    m->out_cap = out_cap;
    m->got = 0;
    while (m->cycles - start < max_cycles) {
        if (sent < n_in) {
            t->s_cmd_valid = 1;
            t->s_cmd_data = in[sent];
            if (tick(m)) {
                sent++;
                stalled = 0;
                continue;
            }
            // A stream the hardware stopped taking may have ended in an
            // error: look at STATUS instead of waiting for max_cycles.
            if (++stalled % 1024 == 0) {
                t->s_cmd_valid = 0;
                if (rs_model_csr_read(m, RS_CSR_STATUS) & 2u) {
                    status = 0;
                    break;
                }
            }
            continue;
        }
        // The stream is used up: look at STATUS now and then. Reading it costs
        // cycles, but the counters stop at DONE, so they stay exact.
        t->s_cmd_valid = 0;
        for (int i = 0; i < 32; i++)
            tick(m);
        if (rs_model_csr_read(m, RS_CSR_STATUS) & 2u) {
            status = 0;
            break;
        }
    }
    t->s_cmd_valid = 0;
    *n_out = m->got;
    m->out = nullptr;
    m->out_cap = 0;
    return status;
}

extern "C" uint64_t rs_model_cycles(const rs_model *m)
{
    return m->cycles;
}
