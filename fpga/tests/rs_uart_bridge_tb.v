// rs_uart_bridge_tb: self-checking test of the FPGA UART bridge (iverilog).
// Bytes go at the bit level over a serial line into rs_uart_rx, through
// rs_uart_bridge (against rs_fake_target) and back out of rs_uart_tx, where a
// bit-level monitor decodes them. The memory commands go to a small
// rs_axi_ram (its AXI side idle). Ends with "N passed, N failed".
`timescale 1ns/1ps
module rs_uart_bridge_tb;
  localparam integer CPB     = 8;      // clocks per bit
  localparam integer CLK_NS  = 10;
  localparam integer TIMEOUT = 3000;   // bridge inter-byte timeout (cycles)
  localparam integer MEM     = 256;    // board memory bytes (32 words)

  reg clk = 1'b0;
  always #(CLK_NS/2) clk = ~clk;

  reg rst_n = 1'b0;
  reg line = 1'b1;        // host -> FPGA serial line
  reg hold_cmd = 1'b0;
  real bit_ns = CPB * CLK_NS;

  wire [7:0] rx_data; wire rx_valid, rx_ferr;
  wire [7:0] tx_data; wire tx_valid, tx_ready, txd;
  wire [11:0] awaddr, araddr; wire awvalid, awready, wvalid, wready, bvalid, bready;
  wire arvalid, arready, rvalid, rready; wire [31:0] wdata, rdata; wire [3:0] wstrb;
  wire [1:0] bresp, rresp; wire [63:0] cmd_data, res_data;
  wire cmd_valid, cmd_ready, res_valid, res_ready, busy; wire [31:0] cmd_count;
  wire mem_req, mem_we, mem_ack, mem_err; wire [28:0] mem_addr; wire [63:0] mem_wdata, mem_rdata;
  wire axi_arready, axi_rvalid, axi_rlast, axi_awready, axi_wready, axi_bvalid;
  wire [63:0] axi_rdata; wire [1:0] axi_rresp, axi_bresp;

  rs_uart_rx #(.CLKS_PER_BIT(CPB)) u_rx (.clk(clk), .rst_n(rst_n), .rx(line),
    .data(rx_data), .valid(rx_valid), .frame_err(rx_ferr));
  rs_uart_tx #(.CLKS_PER_BIT(CPB)) u_tx (.clk(clk), .rst_n(rst_n),
    .data(tx_data), .valid(tx_valid), .ready(tx_ready), .tx(txd));
  rs_uart_bridge #(.TIMEOUT_CYCLES(TIMEOUT), .RX_FIFO_DEPTH(16)) dut (
    .clk(clk), .rst_n(rst_n),
    .rx_data(rx_data), .rx_valid(rx_valid), .rx_frame_err(rx_ferr),
    .tx_data(tx_data), .tx_valid(tx_valid), .tx_ready(tx_ready),
    .m_axil_awaddr(awaddr), .m_axil_awvalid(awvalid), .m_axil_awready(awready),
    .m_axil_wdata(wdata), .m_axil_wstrb(wstrb), .m_axil_wvalid(wvalid), .m_axil_wready(wready),
    .m_axil_bresp(bresp), .m_axil_bvalid(bvalid), .m_axil_bready(bready),
    .m_axil_araddr(araddr), .m_axil_arvalid(arvalid), .m_axil_arready(arready),
    .m_axil_rdata(rdata), .m_axil_rresp(rresp), .m_axil_rvalid(rvalid), .m_axil_rready(rready),
    .m_cmd_data(cmd_data), .m_cmd_valid(cmd_valid), .m_cmd_ready(cmd_ready),
    .s_res_data(res_data), .s_res_valid(res_valid), .s_res_ready(res_ready),
    .m_mem_req(mem_req), .m_mem_we(mem_we), .m_mem_addr(mem_addr), .m_mem_wdata(mem_wdata),
    .m_mem_ack(mem_ack), .m_mem_rdata(mem_rdata), .m_mem_err(mem_err), .busy(busy));
  rs_axi_ram #(.BYTES(MEM)) u_mem (.clk(clk), .rst_n(rst_n),
    .s_axi_araddr(32'd0), .s_axi_arlen(8'd0), .s_axi_arvalid(1'b0), .s_axi_arready(axi_arready),
    .s_axi_rdata(axi_rdata), .s_axi_rresp(axi_rresp), .s_axi_rlast(axi_rlast),
    .s_axi_rvalid(axi_rvalid), .s_axi_rready(1'b1),
    .s_axi_awaddr(32'd0), .s_axi_awlen(8'd0), .s_axi_awvalid(1'b0), .s_axi_awready(axi_awready),
    .s_axi_wdata(64'd0), .s_axi_wstrb(8'd0), .s_axi_wlast(1'b0), .s_axi_wvalid(1'b0),
    .s_axi_wready(axi_wready), .s_axi_bresp(axi_bresp), .s_axi_bvalid(axi_bvalid), .s_axi_bready(1'b1),
    .hp_req(mem_req), .hp_we(mem_we), .hp_addr(mem_addr), .hp_wdata(mem_wdata),
    .hp_ack(mem_ack), .hp_rdata(mem_rdata), .hp_err(mem_err));
  rs_fake_target tgt (.clk(clk), .rst_n(rst_n), .hold_cmd(hold_cmd),
    .s_axil_awaddr(awaddr), .s_axil_awvalid(awvalid), .s_axil_awready(awready),
    .s_axil_wdata(wdata), .s_axil_wstrb(wstrb), .s_axil_wvalid(wvalid), .s_axil_wready(wready),
    .s_axil_bresp(bresp), .s_axil_bvalid(bvalid), .s_axil_bready(bready),
    .s_axil_araddr(araddr), .s_axil_arvalid(arvalid), .s_axil_arready(arready),
    .s_axil_rdata(rdata), .s_axil_rresp(rresp), .s_axil_rvalid(rvalid), .s_axil_rready(rready),
    .s_cmd_data(cmd_data), .s_cmd_valid(cmd_valid), .s_cmd_ready(cmd_ready),
    .m_res_data(res_data), .m_res_valid(res_valid), .m_res_ready(res_ready),
    .cmd_count(cmd_count));

  // ---- protocol checks on the bridge's master side ----
  integer proto_err = 0;
  reg cmd_valid_q = 0; reg [63:0] cmd_data_q = 0;
  always @(posedge clk) begin
    if (rst_n && cmd_valid_q && !cmd_valid) begin
      // valid may only fall after a handshake
      if (!cmd_handshake_q) begin proto_err = proto_err + 1;
        $display("FAIL: m_cmd_valid dropped without handshake"); end
    end
    if (rst_n && cmd_valid_q && cmd_valid && cmd_data != cmd_data_q && !cmd_handshake_q) begin
      proto_err = proto_err + 1; $display("FAIL: m_cmd_data changed while valid");
    end
    if (rst_n && wstrb != 4'hF && wvalid) begin
      proto_err = proto_err + 1; $display("FAIL: wstrb %h", wstrb);
    end
    cmd_valid_q <= cmd_valid; cmd_data_q <= cmd_data;
  end
  reg cmd_handshake_q = 0;
  always @(posedge clk) cmd_handshake_q <= cmd_valid && cmd_ready;

  // ---- bit-level monitor of the FPGA -> host line ----
  reg [7:0] rq [0:1023];
  integer rq_w = 0, rq_r = 0, mon_ferr = 0;
  reg [7:0] mb; integer k;
  initial begin : monitor
    forever begin
      @(negedge txd);
      #(bit_ns * 1.5);
      for (k = 0; k < 8; k = k + 1) begin mb[k] = txd; #(bit_ns); end
      if (txd !== 1'b1) mon_ferr = mon_ferr + 1;
      rq[rq_w % 1024] = mb; rq_w = rq_w + 1;
    end
  end

  // ---- host side ----
  integer passed = 0, failed = 0;

  task send_bits(input [7:0] b, input stop);
    integer j;
    begin
      line = 1'b0; #(bit_ns);
      for (j = 0; j < 8; j = j + 1) begin line = b[j]; #(bit_ns); end
      line = stop; #(bit_ns);
      line = 1'b1;
    end
  endtask

  task send(input [7:0] b);
    send_bits(b, 1'b1);
  endtask

  task send_u16(input [15:0] v); begin send(v[7:0]); send(v[15:8]); end endtask
  task send_u32(input [31:0] v); begin send_u16(v[15:0]); send_u16(v[31:16]); end endtask
  task send_u64(input [63:0] v); begin send_u32(v[31:0]); send_u32(v[63:32]); end endtask

  // wait for the next reply byte (bounded)
  task get(output [7:0] b);
    integer t;
    begin
      t = 0;
      while (rq_r >= rq_w && t < 200000) begin #(CLK_NS); t = t + 1; end
      if (rq_r < rq_w) begin b = rq[rq_r % 1024]; rq_r = rq_r + 1; end
      else begin b = 8'hXX; $display("  (no reply byte: timed out)"); end
    end
  endtask

  task check(input [8*40-1:0] what, input [63:0] got, input [63:0] exp);
    begin
      if (got === exp) passed = passed + 1;
      else begin failed = failed + 1;
        $display("FAIL: %0s: got %h expected %h", what, got, exp); end
    end
  endtask

  task expect8(input [8*40-1:0] what, input [7:0] exp);
    reg [7:0] b;
    begin get(b); check(what, {56'd0, b}, {56'd0, exp}); end
  endtask

  task expect32(input [8*40-1:0] what, input [31:0] exp);
    reg [7:0] b0, b1, b2, b3;
    begin get(b0); get(b1); get(b2); get(b3); check(what, {32'd0, b3, b2, b1, b0}, {32'd0, exp}); end
  endtask

  task expect64(input [8*40-1:0] what, input [63:0] exp);
    reg [7:0] b0, b1, b2, b3, b4, b5, b6, b7;
    begin get(b0); get(b1); get(b2); get(b3); get(b4); get(b5); get(b6); get(b7);
      check(what, {b7, b6, b5, b4, b3, b2, b1, b0}, exp); end
  endtask

  task csr_wr(input [11:0] a, input [31:0] d, input [1:0] resp);
    begin send(8'h01); send_u16({4'd0, a}); send_u32(d); expect8("csr_wr status", 8'hA0 | resp); end
  endtask

  task csr_rd(input [11:0] a, input [31:0] d, input [1:0] resp);
    begin send(8'h02); send_u16({4'd0, a}); expect8("csr_rd status", 8'hA0 | resp); expect32("csr_rd data", d); end
  endtask

  task push(input [63:0] w);
    begin send(8'h03); send_u64(w); expect8("push status", 8'hA0); end
  endtask

  task pop_data(input [63:0] w);
    begin send(8'h04); expect8("pop status (data)", 8'hB0); expect64("pop data", w); end
  endtask

  task pop_empty;
    begin send(8'h04); expect8("pop status (empty)", 8'hB1); end
  endtask

  task ping(input [7:0] flags);
    begin send(8'h00); expect8("ping magic", 8'h5A); expect8("ping flags", flags); end
  endtask

  // the words of a MEM_WR / expected from a MEM_RD (mw[0..n-1])
  reg [63:0] mw [0:15];

  task mem_wr(input [31:0] a, input integer n, input [1:0] resp);
    integer j;
    begin send(8'h05); send_u32(a); send_u16(n[15:0]);
      for (j = 0; j < n; j = j + 1) send_u64(mw[j]);
      expect8("mem_wr status", 8'hA0 | resp); end
  endtask

  task mem_rd(input [31:0] a, input integer n, input [1:0] resp);
    integer j;
    begin send(8'h06); send_u32(a); send_u16(n[15:0]);
      for (j = 0; j < n; j = j + 1) expect64("mem_rd data", mw[j]);
      expect8("mem_rd status", 8'hA0 | resp); end
  endtask

  task idle(input integer bits);
    begin #(bit_ns * bits); end
  endtask

  integer n;
  initial begin
    if ($test$plusargs("vcd")) begin $dumpfile("rs_uart_bridge_tb.vcd"); $dumpvars(0, rs_uart_bridge_tb); end
    repeat (5) @(posedge clk);
    rst_n = 1'b1;
    idle(4);

    ping(8'h02);
    csr_rd(12'h008, 32'h02020202, 2'b00);          // reset value of reg 2
    csr_wr(12'h004, 32'h11223344, 2'b00);
    csr_rd(12'h004, 32'h11223344, 2'b00);
    csr_wr(12'h03C, 32'hCAFEF00D, 2'b00);
    csr_rd(12'h03C, 32'hCAFEF00D, 2'b00);
    csr_rd(12'h004, 32'h11223344, 2'b00);
    csr_wr(12'h800, 32'h0, 2'b10);                 // SLVERR passes through
    csr_rd(12'hFFC, 32'hDEADBEEF, 2'b10);
    pop_empty;
    push(64'h0123456789ABCDEF);
    push(64'hFEDCBA9876543210);
    push(64'h8000000000000001);
    check("cmd_count", {32'd0, cmd_count}, 64'd3);
    pop_data(~64'h0123456789ABCDEF);
    pop_data(~64'hFEDCBA9876543210);
    pop_data(~64'h8000000000000001);
    pop_empty;
    send(8'h7F); expect8("unknown opcode", 8'hEE);
    ping(8'h02);

    // pipelined commands: sent back to back, answered in order
    send(8'h01); send_u16(16'h0010); send_u32(32'hA5A5A5A5);
    send(8'h02); send_u16(16'h0010);
    send(8'h04);
    send(8'h00);
    expect8("pipelined wr", 8'hA0);
    expect8("pipelined rd", 8'hA0); expect32("pipelined rd data", 32'hA5A5A5A5);
    expect8("pipelined pop", 8'hB1);
    expect8("pipelined ping", 8'h5A); expect8("pipelined ping flags", 8'h02);

    // timeout: a partial command is dropped after TIMEOUT cycles of silence
    send(8'h01); send(8'h04); send(8'h00);
    #(CLK_NS * (TIMEOUT + 200));
    ping(8'h42);
    ping(8'h02);
    check("no write from partial command", 64'd0, {63'd0, rq_w != rq_r});

    // host clock 3% slow and 3% fast
    bit_ns = CPB * CLK_NS * 1.03;
    csr_rd(12'h004, 32'h11223344, 2'b00);
    push(64'h00000000FFFFFFFF); pop_data(64'hFFFFFFFF00000000);
    bit_ns = CPB * CLK_NS * 0.97;
    csr_rd(12'h004, 32'h11223344, 2'b00);
    ping(8'h02);
    bit_ns = CPB * CLK_NS;

    // board memory: write, read back, empty commands, the memory's end
    mw[0] = 64'h0123456789ABCDEF; mw[1] = 64'hFFFFFFFF00000000; mw[2] = 64'h8000000000000001;
    mem_wr(32'h10, 3, 2'b00);
    mem_rd(32'h10, 3, 2'b00);
    mw[0] = 64'hFFFFFFFF00000000;
    mem_rd(32'h1F, 1, 2'b00);                      // bits 2:0 ignored: the word at 0x18
    mem_wr(32'h0, 0, 2'b00);
    mem_rd(32'h0, 0, 2'b00);
    mw[0] = 64'h5555555555555555;
    mem_wr(32'h0, 1, 2'b00);
    mw[0] = 64'h1111111111111111; mw[1] = 64'h2222222222222222;
    mem_wr(32'hF8, 2, 2'b11);                      // word 31 written, word 32 is past the end
    mw[0] = 64'h1111111111111111; mw[1] = 64'h0;
    mem_rd(32'hF8, 2, 2'b11);                      // ... and reads as 0
    mw[0] = 64'h5555555555555555;
    mem_rd(32'h0, 1, 2'b00);                       // nothing wrapped around to word 0
    mw[0] = 64'h0;
    mem_rd(32'h80000000, 1, 2'b11);
    for (n = 0; n < 16; n = n + 1) mw[n] = {n[31:0], ~n[31:0]};
    mem_wr(32'h40, 16, 2'b00);
    ping(8'h02);
    mem_rd(32'h40, 16, 2'b00);
    // pipelined: a MEM_RD and a PING sent before the replies are read
    send(8'h06); send_u32(32'h40); send_u16(16'd2); send(8'h00);
    expect64("pipelined mem_rd", mw[0]); expect64("pipelined mem_rd", mw[1]);
    expect8("pipelined mem_rd status", 8'hA0);
    expect8("pipelined ping", 8'h5A); expect8("pipelined ping flags", 8'h02);
    // a MEM_WR whose data stops arriving is abandoned; the words before stay
    mw[0] = 64'hAAAAAAAAAAAAAAAA;
    send(8'h05); send_u32(32'h40); send_u16(16'd2); send_u64(mw[0]); send(8'h55); send(8'h66);
    #(CLK_NS * (TIMEOUT + 200));
    ping(8'h42);
    mw[1] = {32'd1, ~32'd1};
    mem_rd(32'h40, 2, 2'b00);

    // framing error: stop bit 0; whatever the line noise produces is flushed
    send_bits(8'h55, 1'b0);
    idle(30);
    rq_r = rq_w;
    ping(8'h22);
    ping(8'h02);

    // overflow: a blocked push, then 18 PINGs: the 16-byte buffer drops 2
    hold_cmd = 1'b1;
    send(8'h03); send_u64(64'h1111222233334444);
    for (n = 0; n < 18; n = n + 1) send(8'h00);
    idle(4);
    check("nothing answered while blocked", {63'd0, rq_w != rq_r}, 64'd0);
    hold_cmd = 1'b0;
    expect8("blocked push status", 8'hA0);
    expect8("ping after overflow", 8'h5A); expect8("overflow flag", 8'h82);
    for (n = 1; n < 16; n = n + 1) begin expect8("ping magic", 8'h5A); expect8("ping flags", 8'h02); end
    idle(20);
    check("no extra bytes", {63'd0, rq_w != rq_r}, 64'd0);
    pop_data(~64'h1111222233334444);

    check("monitor framing errors", mon_ferr, 0);
    check("stream protocol errors", proto_err, 0);
    $display("rs_uart_bridge_tb: %0d passed, %0d failed", passed, failed);
    if (failed != 0) $fatal(1, "rs_uart_bridge_tb: FAILED");
    $finish;
  end

  initial begin
    #(200_000_000);
    $display("FAIL: global timeout");
    $fatal(1, "rs_uart_bridge_tb: timeout");
  end
endmodule
