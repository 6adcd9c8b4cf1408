// rs_axi_ram: on-chip memory of the board top, behind the accelerator's AXI4
// master, with a second, simple word port for the UART bridge (the host puts
// the command stream there and reads the results back). Hand-written.
//
// One single-port RAM of BYTES bytes (64-bit words, byte write enables, a
// registered read, no reset), so Yosys maps it to block RAM (DP16KD on ECP5,
// SPRAM or SB_RAM40_4K on iCE40). One access per cycle: a host access, or a
// beat of one AXI burst at a time (INCR, 8-byte beats; AxSIZE and AxBURST are
// not looked at: the accelerator only issues INCR bursts of 8-byte beats).
// Reads stream a beat per cycle. Read and write bursts take turns; a host
// request waits until no burst is under way. A beat outside the memory is
// not written and answers DECERR (read data 0).
module rs_axi_ram #(
  parameter integer BYTES = 65536     // a power of two, >= 8
) (
  input  wire        clk,
  input  wire        rst_n,
  // AXI4 slave (from the accelerator's m_axi_*)
  input  wire [31:0] s_axi_araddr,
  input  wire [7:0]  s_axi_arlen,
  input  wire        s_axi_arvalid,
  output wire        s_axi_arready,
  output wire [63:0] s_axi_rdata,
  output wire [1:0]  s_axi_rresp,
  output wire        s_axi_rlast,
  output wire        s_axi_rvalid,
  input  wire        s_axi_rready,
  input  wire [31:0] s_axi_awaddr,
  input  wire [7:0]  s_axi_awlen,
  input  wire        s_axi_awvalid,
  output wire        s_axi_awready,
  input  wire [63:0] s_axi_wdata,
  input  wire [7:0]  s_axi_wstrb,
  input  wire        s_axi_wlast,
  input  wire        s_axi_wvalid,
  output wire        s_axi_wready,
  output wire [1:0]  s_axi_bresp,
  output wire        s_axi_bvalid,
  input  wire        s_axi_bready,
  // host word port: hold req (and the rest) until ack, a one-cycle pulse;
  // with ack, rdata holds the word read and err says the address was outside
  input  wire        hp_req,
  input  wire        hp_we,
  input  wire [28:0] hp_addr,         // word address (byte address / 8)
  input  wire [63:0] hp_wdata,
  output reg         hp_ack,
  output wire [63:0] hp_rdata,
  output reg         hp_err
);
  localparam integer WORDS = BYTES / 8;
  localparam integer AW    = (WORDS > 1) ? $clog2(WORDS) : 1;

  localparam [1:0] S_IDLE = 2'd0, S_READ = 2'd1, S_WRITE = 2'd2, S_BRESP = 2'd3;

  reg [63:0] mem [0:WORDS-1];
  reg [63:0] q;          // registered read port

  reg [1:0]  state;
  reg        read_last;  // the last burst was a read: a write goes first next
  reg [28:0] ba;         // word address of the next beat to read or write
  reg [7:0]  issue_left; // read beats still to issue, minus one
  reg [7:0]  out_left;   // read beats still to hand over, minus one
  reg        r_v;        // q holds a read beat not yet taken
  reg        r_bad;      // that beat was outside the memory
  reg        b_bad;      // a beat of this write burst was outside the memory
  reg        issued_all; // every beat of this read burst has been issued

  wire in_range_ba = (ba >> AW) == 29'd0;
  wire in_range_hp = (hp_addr >> AW) == 29'd0;

  // the one memory port this cycle
  wire host_go  = (state == S_IDLE) && hp_req && !hp_ack;
  wire rd_issue = (state == S_READ) && !issued_all && (!r_v || s_axi_rready);
  wire w_beat   = (state == S_WRITE) && s_axi_wvalid;
  wire          m_re    = host_go ? !hp_we : rd_issue;
  wire          m_we    = host_go ? (hp_we && in_range_hp) : (w_beat && in_range_ba);
  wire [AW-1:0] m_addr  = host_go ? hp_addr[AW-1:0] : ba[AW-1:0];
  wire [63:0]   m_wdata = host_go ? hp_wdata : s_axi_wdata;
  wire [7:0]    m_wstrb = host_go ? 8'hFF : s_axi_wstrb;

  // bursts end on WLAST; the low address bits are 0 for 8-byte beats
  wire unused_ok = &{1'b0, s_axi_araddr[2:0], s_axi_awaddr[2:0], s_axi_awlen};

  integer i;
  always @(posedge clk) begin
    for (i = 0; i < 8; i = i + 1)
      if (m_we && m_wstrb[i]) mem[m_addr][8*i +: 8] <= m_wdata[8*i +: 8];
    if (m_re) q <= mem[m_addr];
  end

  assign hp_rdata      = hp_err ? 64'd0 : q;
  assign s_axi_arready = (state == S_IDLE) && !host_go && (!s_axi_awvalid || !read_last);
  assign s_axi_awready = (state == S_IDLE) && !host_go && !(s_axi_arvalid && !read_last);
  assign s_axi_rvalid  = r_v;
  assign s_axi_rdata   = r_bad ? 64'd0 : q;
  assign s_axi_rresp   = r_bad ? 2'b11 : 2'b00;
  assign s_axi_rlast   = (out_left == 8'd0);
  assign s_axi_wready  = (state == S_WRITE);
  assign s_axi_bvalid  = (state == S_BRESP);
  assign s_axi_bresp   = b_bad ? 2'b11 : 2'b00;

  always @(posedge clk) begin
    if (!rst_n) begin
      state      <= S_IDLE;
      read_last  <= 1'b0;
      ba         <= 29'd0;
      issue_left <= 8'd0;
      out_left   <= 8'd0;
      r_v        <= 1'b0;
      r_bad      <= 1'b0;
      b_bad      <= 1'b0;
      issued_all <= 1'b0;
      hp_ack     <= 1'b0;
      hp_err     <= 1'b0;
    end else begin
      hp_ack <= host_go;
      if (host_go) hp_err <= !in_range_hp;
      case (state)
        S_IDLE: begin
          if (s_axi_arvalid && s_axi_arready) begin
            ba         <= s_axi_araddr[31:3];
            issue_left <= s_axi_arlen;
            out_left   <= s_axi_arlen;
            issued_all <= 1'b0;
            read_last  <= 1'b1;
            state      <= S_READ;
          end else if (s_axi_awvalid && s_axi_awready) begin
            ba        <= s_axi_awaddr[31:3];
            b_bad     <= 1'b0;
            read_last <= 1'b0;
            state     <= S_WRITE;
          end
        end
        S_READ: begin
          if (rd_issue) begin
            r_bad      <= !in_range_ba;
            ba         <= ba + 29'd1;
            issue_left <= issue_left - 8'd1;
            if (issue_left == 8'd0) issued_all <= 1'b1;
          end
          if (rd_issue)                r_v <= 1'b1;
          else if (r_v && s_axi_rready) r_v <= 1'b0;
          if (r_v && s_axi_rready) begin
            out_left <= out_left - 8'd1;
            if (out_left == 8'd0) state <= S_IDLE;
          end
        end
        S_WRITE: begin
          if (s_axi_wvalid) begin
            if (!in_range_ba) b_bad <= 1'b1;
            ba <= ba + 29'd1;
            if (s_axi_wlast) state <= S_BRESP;
          end
        end
        default: begin // S_BRESP
          if (s_axi_bready) state <= S_IDLE;
        end
      endcase
    end
  end
endmodule
