// rs_fake_target: tiny stand-in for rs_top used only by the bridge test
// (fpga/tests/rs_uart_bridge_tb.v). AXI4-Lite slave with 16 32-bit registers
// at 0x000-0x03C (reset value 0x01010101 * index); addresses >= 0x800 answer
// SLVERR. Ready/valid timing is pseudo-random (LFSR). Command words accepted on
// s_cmd are queued (8 deep) and come back inverted on m_res. hold_cmd=1 keeps
// s_cmd_ready low.
module rs_fake_target (
  input  wire        clk, input wire rst_n,
  input  wire        hold_cmd,
  input  wire [11:0] s_axil_awaddr, input wire s_axil_awvalid, output wire s_axil_awready,
  input  wire [31:0] s_axil_wdata,  input wire [3:0] s_axil_wstrb, input wire s_axil_wvalid, output wire s_axil_wready,
  output wire [1:0]  s_axil_bresp,  output wire s_axil_bvalid, input wire s_axil_bready,
  input  wire [11:0] s_axil_araddr, input wire s_axil_arvalid, output wire s_axil_arready,
  output wire [31:0] s_axil_rdata,  output wire [1:0] s_axil_rresp, output wire s_axil_rvalid, input wire s_axil_rready,
  input  wire [63:0] s_cmd_data, input wire s_cmd_valid, output wire s_cmd_ready,
  output wire [63:0] m_res_data, output wire m_res_valid, input wire m_res_ready,
  output reg  [31:0] cmd_count
);
  reg [15:0] lfsr;
  reg [31:0] regs [0:15];
  reg        aw_got, w_got, bvalid, rvalid;
  reg [11:0] awaddr_q;
  reg [31:0] wdata_q, rdata;
  reg [1:0]  bresp, rresp;
  reg [63:0] q [0:7];
  reg [3:0]  wp, rp;
  integer i;

  wire qfull  = (wp[2:0] == rp[2:0]) && (wp[3] != rp[3]);
  wire qempty = (wp == rp);

  assign s_axil_awready = !aw_got && lfsr[0];
  assign s_axil_wready  = !w_got && lfsr[1];
  assign s_axil_bvalid  = bvalid;
  assign s_axil_bresp   = bresp;
  assign s_axil_arready = !rvalid && lfsr[2];
  assign s_axil_rvalid  = rvalid;
  assign s_axil_rdata   = rdata;
  assign s_axil_rresp   = rresp;
  assign s_cmd_ready    = !hold_cmd && !qfull && lfsr[3];
  assign m_res_valid    = !qempty;   // stays up until taken (stream rule)
  assign m_res_data     = ~q[rp[2:0]];

  always @(posedge clk) begin
    if (!rst_n) begin
      lfsr <= 16'hACE1;
      aw_got <= 1'b0; w_got <= 1'b0; bvalid <= 1'b0; rvalid <= 1'b0;
      awaddr_q <= 12'd0; wdata_q <= 32'd0; rdata <= 32'd0;
      bresp <= 2'd0; rresp <= 2'd0; wp <= 4'd0; rp <= 4'd0; cmd_count <= 32'd0;
      for (i = 0; i < 16; i = i + 1) regs[i] <= 32'h01010101 * i;
    end else begin
      lfsr <= {lfsr[14:0], lfsr[15] ^ lfsr[13] ^ lfsr[12] ^ lfsr[10]};
      if (s_axil_awvalid && s_axil_awready) begin aw_got <= 1'b1; awaddr_q <= s_axil_awaddr; end
      if (s_axil_wvalid && s_axil_wready) begin w_got <= 1'b1; wdata_q <= s_axil_wdata; end
      if (aw_got && w_got && !bvalid && lfsr[5]) begin
        bvalid <= 1'b1; aw_got <= 1'b0; w_got <= 1'b0;
        if (awaddr_q >= 12'h800) bresp <= 2'b10;
        else begin bresp <= 2'b00; regs[awaddr_q[5:2]] <= wdata_q; end
      end
      if (bvalid && s_axil_bready) bvalid <= 1'b0;
      if (s_axil_arvalid && s_axil_arready) begin
        rvalid <= 1'b1;
        if (s_axil_araddr >= 12'h800) begin rresp <= 2'b10; rdata <= 32'hDEADBEEF; end
        else begin rresp <= 2'b00; rdata <= regs[s_axil_araddr[5:2]]; end
      end
      if (rvalid && s_axil_rready) rvalid <= 1'b0;
      if (s_cmd_valid && s_cmd_ready) begin
        q[wp[2:0]] <= s_cmd_data; wp <= wp + 1'b1; cmd_count <= cmd_count + 1;
      end
      if (m_res_valid && m_res_ready) rp <= rp + 1'b1;
    end
  end
endmodule
