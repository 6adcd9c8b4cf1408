// rs_fpga_top: board top for the rsgen accelerator on small FPGA boards
// (iCEBreaker / iCE40 UP5K, ULX3S / ECP5). Hand-written, not generated.
// Only clk, a reset button, a UART and one LED leave the chip; rs_uart_bridge
// turns a byte protocol (fpga/README.md) into CSR reads/writes on the
// AXI4-Lite slave of rs_top, words pushed into / popped from its streams, and
// reads/writes of the board memory: rs_axi_ram (MEM_BYTES of block RAM)
// behind rs_top's AXI4 master, where the host driver puts a layer's command
// stream and finds its results.
// LED: blinks (about 1 Hz) while no result word waits, steadily on while one
// does (m_res_valid).
module rs_fpga_top #(
  parameter integer CLK_HZ         = 12000000,
  parameter integer BAUD           = 115200,
  parameter integer BTN_ACTIVE_LOW = 1,
  parameter integer LED_ACTIVE_LOW = 1,
  parameter integer MEM_BYTES      = 65536   // board memory (power of two)
) (
  input  wire clk,
  input  wire rst_btn,   // reset button (asynchronous, debounce not needed)
  input  wire uart_rx,   // from the host (FTDI TXD)
  output wire uart_tx,   // to the host (FTDI RXD)
  output wire led
);
  localparam integer CLKS_PER_BIT = (CLK_HZ + BAUD / 2) / BAUD;
  localparam integer TIMEOUT      = CLK_HZ / 10;   // 100 ms inter-byte timeout
  localparam integer HB_BIT       = $clog2(CLK_HZ) - 1;

  wire rst_n;
  rs_fpga_reset #(.BTN_ACTIVE_LOW(BTN_ACTIVE_LOW)) u_reset (
    .clk(clk), .btn(rst_btn), .rst_n(rst_n)
  );

  wire [7:0] rx_data;
  wire       rx_valid;
  wire       rx_frame_err;
  wire [7:0] tx_data;
  wire       tx_valid;
  wire       tx_ready;

  rs_uart_rx #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_rx (
    .clk(clk), .rst_n(rst_n), .rx(uart_rx),
    .data(rx_data), .valid(rx_valid), .frame_err(rx_frame_err)
  );

  rs_uart_tx #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_tx (
    .clk(clk), .rst_n(rst_n),
    .data(tx_data), .valid(tx_valid), .ready(tx_ready), .tx(uart_tx)
  );

  wire [11:0] awaddr;
  wire        awvalid, awready;
  wire [31:0] wdata;
  wire [3:0]  wstrb;
  wire        wvalid, wready;
  wire [1:0]  bresp;
  wire        bvalid, bready;
  wire [11:0] araddr;
  wire        arvalid, arready;
  wire [31:0] rdata;
  wire [1:0]  rresp;
  wire        rvalid, rready;
  wire [63:0] cmd_data;
  wire        cmd_valid, cmd_ready;
  wire [63:0] res_data;
  wire        res_valid, res_ready;
  wire        bridge_busy;
  wire        mem_req, mem_we, mem_ack, mem_err;
  wire [28:0] mem_addr;
  wire [63:0] mem_wdata, mem_rdata;

  rs_uart_bridge #(.TIMEOUT_CYCLES(TIMEOUT), .RX_FIFO_DEPTH(16)) u_bridge (
    .clk(clk), .rst_n(rst_n),
    .rx_data(rx_data), .rx_valid(rx_valid), .rx_frame_err(rx_frame_err),
    .tx_data(tx_data), .tx_valid(tx_valid), .tx_ready(tx_ready),
    .m_axil_awaddr(awaddr), .m_axil_awvalid(awvalid), .m_axil_awready(awready),
    .m_axil_wdata(wdata), .m_axil_wstrb(wstrb), .m_axil_wvalid(wvalid),
    .m_axil_wready(wready),
    .m_axil_bresp(bresp), .m_axil_bvalid(bvalid), .m_axil_bready(bready),
    .m_axil_araddr(araddr), .m_axil_arvalid(arvalid), .m_axil_arready(arready),
    .m_axil_rdata(rdata), .m_axil_rresp(rresp), .m_axil_rvalid(rvalid),
    .m_axil_rready(rready),
    .m_cmd_data(cmd_data), .m_cmd_valid(cmd_valid), .m_cmd_ready(cmd_ready),
    .s_res_data(res_data), .s_res_valid(res_valid), .s_res_ready(res_ready),
    .m_mem_req(mem_req), .m_mem_we(mem_we), .m_mem_addr(mem_addr), .m_mem_wdata(mem_wdata),
    .m_mem_ack(mem_ack), .m_mem_rdata(mem_rdata), .m_mem_err(mem_err),
    .busy(bridge_busy)
  );

  wire [31:0] axi_araddr, axi_awaddr;
  wire [7:0]  axi_arlen, axi_awlen, axi_wstrb;
  wire [63:0] axi_rdata, axi_wdata;
  wire [1:0]  axi_rresp, axi_bresp;
  wire        axi_arvalid, axi_arready, axi_rlast, axi_rvalid, axi_rready;
  wire        axi_awvalid, axi_awready, axi_wlast, axi_wvalid, axi_wready, axi_bvalid, axi_bready;

  // AxSIZE and AxBURST are always 8 bytes, INCR (rs_axi_rd, rs_axi_wr)
  /* verilator lint_off PINCONNECTEMPTY */
  rs_top u_top (
    .clk(clk), .rst_n(rst_n),
    .s_axil_awaddr(awaddr), .s_axil_awvalid(awvalid), .s_axil_awready(awready),
    .s_axil_wdata(wdata), .s_axil_wstrb(wstrb), .s_axil_wvalid(wvalid),
    .s_axil_wready(wready),
    .s_axil_bresp(bresp), .s_axil_bvalid(bvalid), .s_axil_bready(bready),
    .s_axil_araddr(araddr), .s_axil_arvalid(arvalid), .s_axil_arready(arready),
    .s_axil_rdata(rdata), .s_axil_rresp(rresp), .s_axil_rvalid(rvalid),
    .s_axil_rready(rready),
    .s_cmd_data(cmd_data), .s_cmd_valid(cmd_valid), .s_cmd_ready(cmd_ready),
    .m_res_data(res_data), .m_res_valid(res_valid), .m_res_ready(res_ready),
    .m_axi_araddr(axi_araddr), .m_axi_arlen(axi_arlen), .m_axi_arsize(), .m_axi_arburst(),
    .m_axi_arvalid(axi_arvalid), .m_axi_arready(axi_arready),
    .m_axi_rdata(axi_rdata), .m_axi_rresp(axi_rresp), .m_axi_rlast(axi_rlast),
    .m_axi_rvalid(axi_rvalid), .m_axi_rready(axi_rready),
    .m_axi_awaddr(axi_awaddr), .m_axi_awlen(axi_awlen), .m_axi_awsize(), .m_axi_awburst(),
    .m_axi_awvalid(axi_awvalid), .m_axi_awready(axi_awready),
    .m_axi_wdata(axi_wdata), .m_axi_wstrb(axi_wstrb), .m_axi_wlast(axi_wlast),
    .m_axi_wvalid(axi_wvalid), .m_axi_wready(axi_wready),
    .m_axi_bresp(axi_bresp), .m_axi_bvalid(axi_bvalid), .m_axi_bready(axi_bready)
  );
  /* verilator lint_on PINCONNECTEMPTY */

  rs_axi_ram #(.BYTES(MEM_BYTES)) u_mem (
    .clk(clk), .rst_n(rst_n),
    .s_axi_araddr(axi_araddr), .s_axi_arlen(axi_arlen), .s_axi_arvalid(axi_arvalid),
    .s_axi_arready(axi_arready),
    .s_axi_rdata(axi_rdata), .s_axi_rresp(axi_rresp), .s_axi_rlast(axi_rlast),
    .s_axi_rvalid(axi_rvalid), .s_axi_rready(axi_rready),
    .s_axi_awaddr(axi_awaddr), .s_axi_awlen(axi_awlen), .s_axi_awvalid(axi_awvalid),
    .s_axi_awready(axi_awready),
    .s_axi_wdata(axi_wdata), .s_axi_wstrb(axi_wstrb), .s_axi_wlast(axi_wlast),
    .s_axi_wvalid(axi_wvalid), .s_axi_wready(axi_wready),
    .s_axi_bresp(axi_bresp), .s_axi_bvalid(axi_bvalid), .s_axi_bready(axi_bready),
    .hp_req(mem_req), .hp_we(mem_we), .hp_addr(mem_addr), .hp_wdata(mem_wdata),
    .hp_ack(mem_ack), .hp_rdata(mem_rdata), .hp_err(mem_err)
  );

  // heartbeat: bit HB_BIT of a free-running counter toggles at about 1 Hz
  reg [HB_BIT:0] hb;
  always @(posedge clk) begin
    if (!rst_n) hb <= {(HB_BIT+1){1'b0}};
    else        hb <= hb + 1'b1;
  end

  wire led_on = res_valid | hb[HB_BIT];
  assign led = (LED_ACTIVE_LOW != 0) ? !led_on : led_on;

  // bridge_busy is kept for debug probes; not routed to a pin
  wire unused_ok = bridge_busy;
endmodule
