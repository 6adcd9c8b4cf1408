// rs_mem: the memory side. Chooses, at every start, where the core's command
// stream comes from and where its results go: the host stream ports
// (s_cmd / m_res, as the FPGA bridge uses them), or memory over AXI4 (MEM
// mode: commands read from CMD_ADDR by rs_axi_rd, results written to RES_ADDR
// by rs_axi_wr). In MEM mode a layer runs from START to DONE without the host.
module rs_mem #(
    parameter CMD_FIFO_AW = 10      // command prefetch FIFO: 2^CMD_FIFO_AW words
) (
    input  wire        clk,
    input  wire        rst_n,

    input  wire        start,
    input  wire        start_mem,      // with start: MEM mode
    input  wire [31:0] cmd_addr,
    input  wire [31:0] cmd_len,
    input  wire [31:0] res_addr,
    input  wire [31:0] res_cap,
    input  wire        run,            // the core is busy: results are taken
    input  wire        flush,          // the core finished: write out what is left

    // host stream ports
    input  wire [63:0] s_cmd_data,
    input  wire        s_cmd_valid,
    output wire        s_cmd_ready,
    output wire [63:0] m_res_data,
    output wire        m_res_valid,
    input  wire        m_res_ready,

    // to and from the core
    output wire [63:0] core_cmd_data,
    output wire        core_cmd_valid,
    input  wire        core_cmd_ready,
    output wire        core_cmd_exhausted,
    input  wire [63:0] core_res_data,
    input  wire        core_res_valid,
    output wire        core_res_ready,
    output wire        sink_idle,      // every result written and answered
    output wire [7:0]  error,          // ERR_AXI_READ, ERR_AXI_WRITE, ERR_RES_OVERFLOW or 0
    output wire        rd_beat,        // for the DRAM byte counters
    output wire        wr_beat,

    output wire [31:0] m_axi_araddr,
    output wire [7:0]  m_axi_arlen,
    output wire [2:0]  m_axi_arsize,
    output wire [1:0]  m_axi_arburst,
    output wire        m_axi_arvalid,
    input  wire        m_axi_arready,
    input  wire [63:0] m_axi_rdata,
    input  wire [1:0]  m_axi_rresp,
    input  wire        m_axi_rlast,
    input  wire        m_axi_rvalid,
    output wire        m_axi_rready,
    output wire [31:0] m_axi_awaddr,
    output wire [7:0]  m_axi_awlen,
    output wire [2:0]  m_axi_awsize,
    output wire [1:0]  m_axi_awburst,
    output wire        m_axi_awvalid,
    input  wire        m_axi_awready,
    output wire [63:0] m_axi_wdata,
    output wire [7:0]  m_axi_wstrb,
    output wire        m_axi_wlast,
    output wire        m_axi_wvalid,
    input  wire        m_axi_wready,
    input  wire [1:0]  m_axi_bresp,
    input  wire        m_axi_bvalid,
    output wire        m_axi_bready
);
`include "rs_defs.vh"

    reg mem_mode;
    always @(posedge clk) begin
        if (!rst_n)
            mem_mode <= 1'b0;
        else if (start)
            mem_mode <= start_mem;
    end

    wire [63:0] rd_data;
    wire        rd_valid, rd_ready, rd_exhausted, rd_error;
    wire        wr_valid, wr_ready, wr_idle, wr_overflow, wr_error;

    rs_axi_rd #(.FIFO_AW(CMD_FIFO_AW)) u_rd (
        .clk(clk), .rst_n(rst_n),
        .start(start && start_mem), .addr(cmd_addr), .words(cmd_len),
        .m_data(rd_data), .m_valid(rd_valid), .m_ready(rd_ready),
        .exhausted(rd_exhausted), .error(rd_error),
        .m_axi_araddr(m_axi_araddr), .m_axi_arlen(m_axi_arlen), .m_axi_arsize(m_axi_arsize),
        .m_axi_arburst(m_axi_arburst), .m_axi_arvalid(m_axi_arvalid), .m_axi_arready(m_axi_arready),
        .m_axi_rdata(m_axi_rdata), .m_axi_rresp(m_axi_rresp), .m_axi_rlast(m_axi_rlast),
        .m_axi_rvalid(m_axi_rvalid), .m_axi_rready(m_axi_rready)
    );

    rs_axi_wr #(.FIFO_AW(5)) u_wr (
        .clk(clk), .rst_n(rst_n),
        .start(start && start_mem), .addr(res_addr), .cap(res_cap),
        .s_data(core_res_data), .s_valid(wr_valid), .s_ready(wr_ready),
        .flush(flush), .idle(wr_idle), .overflow(wr_overflow), .error(wr_error),
        .m_axi_awaddr(m_axi_awaddr), .m_axi_awlen(m_axi_awlen), .m_axi_awsize(m_axi_awsize),
        .m_axi_awburst(m_axi_awburst), .m_axi_awvalid(m_axi_awvalid), .m_axi_awready(m_axi_awready),
        .m_axi_wdata(m_axi_wdata), .m_axi_wstrb(m_axi_wstrb), .m_axi_wlast(m_axi_wlast),
        .m_axi_wvalid(m_axi_wvalid), .m_axi_wready(m_axi_wready),
        .m_axi_bresp(m_axi_bresp), .m_axi_bvalid(m_axi_bvalid), .m_axi_bready(m_axi_bready)
    );

    assign core_cmd_data      = mem_mode ? rd_data : s_cmd_data;
    assign core_cmd_valid     = mem_mode ? rd_valid : s_cmd_valid;
    assign core_cmd_exhausted = mem_mode && rd_exhausted;
    assign rd_ready           = mem_mode && core_cmd_ready;
    assign s_cmd_ready        = !mem_mode && core_cmd_ready;

    assign wr_valid       = mem_mode && run && core_res_valid;
    assign core_res_ready = mem_mode ? (run && wr_ready) : m_res_ready;
    assign m_res_data     = core_res_data;
    assign m_res_valid    = !mem_mode && core_res_valid;
    assign sink_idle      = !mem_mode || wr_idle;

    assign error = !mem_mode  ? ERR_NONE :
                   rd_error   ? ERR_AXI_READ :
                   wr_error   ? ERR_AXI_WRITE :
                   wr_overflow ? ERR_RES_OVERFLOW : ERR_NONE;

    assign rd_beat = m_axi_rvalid && m_axi_rready;
    assign wr_beat = m_axi_wvalid && m_axi_wready;
endmodule
