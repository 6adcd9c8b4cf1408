// rs_axi_null: the AXI4 slave of a board without memory behind the
// accelerator's m_axi port. Every burst is answered in full with DECERR, so
// a layer started in memory mode stops with ERR_AXI_READ instead of hanging;
// the UART host uses the stream ports.
module rs_axi_null (
  input  wire        clk,
  input  wire        rst_n,
  input  wire [7:0]  s_axi_arlen,
  input  wire        s_axi_arvalid,
  output wire        s_axi_arready,
  output wire [1:0]  s_axi_rresp,
  output wire        s_axi_rlast,
  output wire        s_axi_rvalid,
  input  wire        s_axi_rready,
  input  wire        s_axi_awvalid,
  output wire        s_axi_awready,
  input  wire        s_axi_wlast,
  input  wire        s_axi_wvalid,
  output wire        s_axi_wready,
  output wire [1:0]  s_axi_bresp,
  output reg         s_axi_bvalid,
  input  wire        s_axi_bready
);
  reg       reading, writing;
  reg [7:0] beats_left;

  assign s_axi_arready = !reading;
  assign s_axi_rvalid  = reading;
  assign s_axi_rresp   = 2'b11;
  assign s_axi_rlast   = beats_left == 8'd0;
  assign s_axi_awready = !writing && !s_axi_bvalid;
  assign s_axi_wready  = writing;
  assign s_axi_bresp   = 2'b11;

  always @(posedge clk) begin
    if (!rst_n) begin
      reading      <= 1'b0;
      writing      <= 1'b0;
      beats_left   <= 8'd0;
      s_axi_bvalid <= 1'b0;
    end else begin
      if (s_axi_arvalid && s_axi_arready) begin
        reading    <= 1'b1;
        beats_left <= s_axi_arlen;
      end else if (reading && s_axi_rready) begin
        if (beats_left == 8'd0) reading <= 1'b0;
        else beats_left <= beats_left - 8'd1;
      end
      if (s_axi_awvalid && s_axi_awready)
        writing <= 1'b1;
      else if (writing && s_axi_wvalid && s_axi_wlast) begin
        writing      <= 1'b0;
        s_axi_bvalid <= 1'b1;
      end else if (s_axi_bvalid && s_axi_bready)
        s_axi_bvalid <= 1'b0;
    end
  end
endmodule
