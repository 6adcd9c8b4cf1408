// rs_model.cpp - the extern "C" shim around the Verilated rs_top.
// Drives the AXI4-Lite CSR port and the two 64-bit streams cycle by cycle.
#include "rs_model.h"

#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <vector>

#include "Vrs_top.h"
#include "rs_params.h"
#include "verilated.h"
#include "verilated_fst_c.h"

// The DRAM model's bookkeeping: bursts accepted on AR and AW, waiting to be
// answered. ready_at is the first cycle a beat (or B) may go out.
struct dram_burst {
    uint64_t addr;
    unsigned beats_left;
    uint64_t ready_at;
    bool bad;            // past the memory: every beat answers DECERR
};

struct dram_model {
    rs_dram_config cfg{0, 0.0, 0.0, 1};
    std::vector<uint8_t> mem;
    std::deque<dram_burst> reads, writes, bresps;
    double tokens = 0.0;
    uint64_t rng = 0x9e3779b97f4a7c15ull;

    bool hold()   // one random draw per channel and cycle
    {
        if (cfg.stall <= 0.0)
            return false;
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        return (double)(rng >> 11) * (1.0 / 9007199254740992.0) < cfg.stall;
    }
    bool in_range(uint64_t addr, unsigned beats) const { return addr + 8ull * beats <= mem.size(); }
};

struct rs_model {
    std::unique_ptr<VerilatedContext> ctx;
    std::unique_ptr<Vrs_top> top;
    std::unique_ptr<VerilatedFstC> trace;
    uint64_t trace_from = 0, trace_to = UINT64_MAX;   // cycles dumped: [from, to)
    uint64_t cycles = 0;
    // result sink while rs_model_stream runs (results are taken on every
    // clock edge, also during the CSR reads that poll STATUS)
    uint64_t *out = nullptr;
    size_t out_cap = 0, got = 0;
    dram_model dram;
};

static const uint64_t MEM_LIMIT = 1ull << 32;   // 32-bit AXI addresses

// Slave outputs for this cycle, from the model's state (before eval).
static void dram_drive(rs_model *m)
{
    Vrs_top *t = m->top.get();
    dram_model &d = m->dram;
    bool unlimited = d.cfg.bytes_per_cycle <= 0.0;
    double tokens = d.tokens;

    t->m_axi_arready = !d.hold();
    t->m_axi_awready = !d.hold();
    // AWVALID is a registered output, so a burst accepted this cycle is known
    // now and its first beat may come with it (no bubble between bursts)
    bool aw_now = t->m_axi_awvalid && t->m_axi_awready;

    t->m_axi_rvalid = 0;
    if (!d.reads.empty() && d.reads.front().ready_at <= m->cycles && (unlimited || tokens >= 8.0) && !d.hold()) {
        const dram_burst &b = d.reads.front();
        uint64_t word = 0;
        if (!b.bad)
            std::memcpy(&word, &d.mem[b.addr], 8);
        t->m_axi_rvalid = 1;
        t->m_axi_rdata = word;
        t->m_axi_rresp = b.bad ? 3 : 0;
        t->m_axi_rlast = b.beats_left == 1;
        tokens -= 8.0;
    }
    // W is taken only for a burst whose address is known
    t->m_axi_wready = (!d.writes.empty() || aw_now) && (unlimited || tokens >= 8.0) && !d.hold();

    t->m_axi_bvalid = 0;
    if (!d.bresps.empty() && d.bresps.front().ready_at <= m->cycles && !d.hold()) {
        t->m_axi_bvalid = 1;
        t->m_axi_bresp = d.bresps.front().bad ? 3 : 0;
    }
}

// Handshakes of this cycle (after eval, before the edge): move the model on.
static void dram_sample(rs_model *m)
{
    Vrs_top *t = m->top.get();
    dram_model &d = m->dram;
    uint64_t now = m->cycles;

    if (t->m_axi_arvalid && t->m_axi_arready) {
        unsigned beats = t->m_axi_arlen + 1u;
        d.reads.push_back({ t->m_axi_araddr, beats, now + d.cfg.latency, !d.in_range(t->m_axi_araddr, beats) });
    }
    if (t->m_axi_awvalid && t->m_axi_awready) {
        unsigned beats = t->m_axi_awlen + 1u;
        d.writes.push_back({ t->m_axi_awaddr, beats, 0, !d.in_range(t->m_axi_awaddr, beats) });
    }
    if (t->m_axi_rvalid && t->m_axi_rready) {
        dram_burst &b = d.reads.front();
        b.addr += 8;
        d.tokens -= 8.0;
        if (--b.beats_left == 0)
            d.reads.pop_front();
    }
    if (t->m_axi_wvalid && t->m_axi_wready) {
        dram_burst &b = d.writes.front();
        if (!b.bad) {
            uint64_t word = t->m_axi_wdata;
            std::memcpy(&d.mem[b.addr], &word, 8);
        }
        b.addr += 8;
        d.tokens -= 8.0;
        if (--b.beats_left == 0) {
            d.bresps.push_back({ 0, 0, now + d.cfg.latency, b.bad });
            d.writes.pop_front();
        }
    }
    if (t->m_axi_bvalid && t->m_axi_bready)
        d.bresps.pop_front();
    // the link refills; a short burst allowance, so idle time is not banked
    if (d.cfg.bytes_per_cycle > 0.0) {
        d.tokens += d.cfg.bytes_per_cycle;
        if (d.tokens > 16.0)
            d.tokens = 16.0;
    }
}

// One clock cycle. Handshakes are sampled after the inputs settled, before
// the rising edge. Returns whether the command word on s_cmd was taken.
static bool tick(rs_model *m)
{
    Vrs_top *t = m->top.get();
    t->clk = 0;
    t->m_res_ready = m->out != nullptr;
    // in reset the chip's outputs are not yet defined (random in an
    // X-randomized model): the memory neither answers nor samples them
    if (t->rst_n)
        dram_drive(m);
    t->eval();
    if (t->rst_n)
        dram_sample(m);
    bool cmd_fire = t->s_cmd_valid && t->s_cmd_ready;
    if (t->m_res_valid && t->m_res_ready) {
        if (m->got < m->out_cap)
            m->out[m->got] = t->m_res_data;
        m->got++;
    }
    bool dump = m->trace && m->cycles >= m->trace_from && m->cycles < m->trace_to;
    if (dump)
        m->trace->dump(m->ctx->time());
    m->ctx->timeInc(1);
    t->clk = 1;
    t->eval();
    if (dump)
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
    return rs_model_new_window(fst_path, 0, UINT64_MAX);
}

extern "C" rs_model *rs_model_new_window(const char *fst_path, uint64_t from, uint64_t to)
{
    rs_model *m = new (std::nothrow) rs_model;
    if (!m)
        return nullptr;
    m->trace_from = from;
    m->trace_to = to;
    m->ctx.reset(new VerilatedContext);
#ifdef RS_X_RANDOM
    /* a model built with build_model.sh --x-random: X values and the state
     * reset does not clear are random, from this seed */
    const char *xseed = getenv("RS_MODEL_X_SEED");
    m->ctx->randReset(2);
    m->ctx->randSeed(xseed ? atoi(xseed) : 1);
#endif
    m->ctx->traceEverOn(fst_path != nullptr);
    m->top.reset(new Vrs_top(m->ctx.get(), "rs_top"));
    if (fst_path) {
#if VM_TRACE
        m->trace.reset(new VerilatedFstC);
        m->top->trace(m->trace.get(), 99);
        m->trace->open(fst_path);
        if (!m->trace->isOpen()) {
            delete m;
            return nullptr;
        }
#else
        delete m;    /* a model built without waveforms (build_model.sh --no-trace) */
        return nullptr;
#endif
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
    t->m_axi_arready = 0;
    t->m_axi_rvalid = 0;
    t->m_axi_awready = 0;
    t->m_axi_wready = 0;
    t->m_axi_bvalid = 0;
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

extern "C" void rs_model_dram_config(rs_model *m, const rs_dram_config *cfg)
{
    m->dram.cfg = *cfg;
    m->dram.rng = cfg->seed * 0x9e3779b97f4a7c15ull + 1;
    m->dram.tokens = 0.0;
}

extern "C" int rs_model_mem_write(rs_model *m, uint64_t addr, const void *data, size_t bytes)
{
    if (addr > MEM_LIMIT || bytes > MEM_LIMIT - addr)
        return -1;
    std::vector<uint8_t> &mem = m->dram.mem;
    if (addr + bytes > mem.size())
        mem.resize((addr + bytes + 7) & ~7ull, 0);
    if (bytes)
        std::memcpy(&mem[addr], data, bytes);
    return 0;
}

extern "C" int rs_model_mem_read(rs_model *m, uint64_t addr, void *data, size_t bytes)
{
    const std::vector<uint8_t> &mem = m->dram.mem;
    if (addr > mem.size() || bytes > mem.size() - addr)
        return -1;
    if (bytes)
        std::memcpy(data, &mem[addr], bytes);
    return 0;
}

extern "C" int rs_model_run(rs_model *m, uint64_t max_cycles)
{
    uint64_t start = m->cycles;
    m->top->s_cmd_valid = 0;
    while (m->cycles - start < max_cycles) {
        for (int i = 0; i < 256; i++)
            tick(m);
        // reading STATUS costs cycles, but the counters stop at DONE
        if (rs_model_csr_read(m, RS_CSR_STATUS) & 2u)
            return 0;
    }
    return -1;
}

extern "C" uint64_t rs_model_cycles(const rs_model *m)
{
    return m->cycles;
}
