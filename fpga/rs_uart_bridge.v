// rs_uart_bridge: byte-protocol bridge from a UART byte stream to the rs_top
// host interfaces (AXI4-Lite CSR master, 64-bit command stream master, 64-bit
// result stream slave) and to the board's memory (rs_axi_ram's word port).
// Hand-written, not generated. Synchronous, active-low
// reset. The protocol is documented in fpga/README.md; summary (all
// multi-byte fields little-endian, one reply per command, in order):
//
//   host -> FPGA                         FPGA -> host
//   0x00 PING                            0x5A, flags (see below)
//   0x01 CSR_WR  a0 a1 d0 d1 d2 d3       0xA0|bresp
//   0x02 CSR_RD  a0 a1                   0xA0|rresp, d0 d1 d2 d3
//   0x03 PUSH    w0 .. w7                0xA0 (after s_cmd accepted the word)
//   0x04 POP                             0xB0 w0 .. w7  (a result word)
//                                        0xB1           (result stream empty)
//   0x05 MEM_WR  a0..a3 n0 n1, n words   0xA0|resp      (after the last word)
//   0x06 MEM_RD  a0..a3 n0 n1            n words, then 0xA0|resp
//   any other opcode                     0xEE
//
// CSR address = {a1, a0}[11:0] (a1[7:4] ignored). MEM_*: byte address
// {a3..a0} (bits 2:0 ignored), n 64-bit words of 8 bytes each (n = 0: no
// word); resp is DECERR (3) if any word lay outside the memory (not written,
// read as 0). PING flags: bit 7 a received byte was dropped (FIFO overflow),
// bit 6 a partial command was abandoned after TIMEOUT_CYCLES without a byte,
// bit 5 a UART framing error was seen, bits 3:0 protocol version (2: with
// the MEM commands); PING clears bits 7:5.
module rs_uart_bridge #(
  parameter integer TIMEOUT_CYCLES = 1048576,  // inter-byte timeout in a command
  parameter integer RX_FIFO_DEPTH  = 16        // received-byte buffer (power of 2)
) (
  input  wire        clk,
  input  wire        rst_n,
  // bytes from the UART receiver (no back-pressure) and its framing error
  input  wire [7:0]  rx_data,
  input  wire        rx_valid,
  input  wire        rx_frame_err,
  // bytes to the UART transmitter
  output wire [7:0]  tx_data,
  output wire        tx_valid,
  input  wire        tx_ready,
  // AXI4-Lite CSR master
  output wire [11:0] m_axil_awaddr,
  output reg         m_axil_awvalid,
  input  wire        m_axil_awready,
  output wire [31:0] m_axil_wdata,
  output wire [3:0]  m_axil_wstrb,
  output reg         m_axil_wvalid,
  input  wire        m_axil_wready,
  input  wire [1:0]  m_axil_bresp,
  input  wire        m_axil_bvalid,
  output wire        m_axil_bready,
  output wire [11:0] m_axil_araddr,
  output reg         m_axil_arvalid,
  input  wire        m_axil_arready,
  input  wire [31:0] m_axil_rdata,
  input  wire [1:0]  m_axil_rresp,
  input  wire        m_axil_rvalid,
  output wire        m_axil_rready,
  // command stream master (to rs_top s_cmd_*)
  output wire [63:0] m_cmd_data,
  output reg         m_cmd_valid,
  input  wire        m_cmd_ready,
  // result stream slave (from rs_top m_res_*)
  input  wire [63:0] s_res_data,
  input  wire        s_res_valid,
  output wire        s_res_ready,
  // the board memory's word port (rs_axi_ram hp_*)
  output reg         m_mem_req,
  output reg         m_mem_we,
  output wire [28:0] m_mem_addr,     // word address
  output wire [63:0] m_mem_wdata,
  input  wire        m_mem_ack,
  input  wire [63:0] m_mem_rdata,
  input  wire        m_mem_err,
  // status
  output wire        busy        // a command is being executed or answered
);
  localparam [7:0] OP_PING = 8'h00, OP_CSR_WR = 8'h01, OP_CSR_RD = 8'h02,
                   OP_PUSH = 8'h03, OP_POP = 8'h04, OP_MEM_WR = 8'h05,
                   OP_MEM_RD = 8'h06;
  localparam [7:0] R_PING = 8'h5A, R_ACK = 8'hA0, R_DATA = 8'hB0,
                   R_EMPTY = 8'hB1, R_BADOP = 8'hEE;
  localparam [3:0] VERSION = 4'd2;

  localparam [3:0] S_OP = 4'd0, S_ARG = 4'd1, S_EXEC = 4'd2, S_WR = 4'd3,
                   S_B = 4'd4, S_AR = 4'd5, S_R = 4'd6, S_PUSH = 4'd7,
                   S_POP = 4'd8, S_REPLY = 4'd9, S_MEMW = 4'd10,
                   S_MEMR = 4'd11, S_MNEXT = 4'd12;

  localparam integer TW = $clog2(TIMEOUT_CYCLES + 1);
  localparam [TW-1:0] TLIM = TIMEOUT_CYCLES[TW-1:0];

  // ---- received-byte buffer ----
  wire [7:0] in_data;
  wire       in_valid;
  wire       in_ready;
  wire       overflow;

  rs_uart_fifo #(.WIDTH(8), .DEPTH(RX_FIFO_DEPTH)) u_fifo (
    .clk(clk), .rst_n(rst_n),
    .in_data(rx_data), .in_valid(rx_valid),
    .out_data(in_data), .out_valid(in_valid), .out_ready(in_ready),
    .overflow(overflow)
  );

  reg [3:0]    state;
  reg [7:0]    op;
  reg [3:0]    need;     // payload bytes still to receive
  // One shift register carries the payload in and the reply out: received
  // bytes enter at the top (sh[71:64]) and everything moves down one byte;
  // a reply is loaded into the low bytes and leaves from sh[7:0].
  reg [71:0]   sh;
  reg [3:0]    rn;       // reply bytes still to send
  reg [TW-1:0] tmo;
  reg          aw_done;
  reg          w_done;
  reg          f_ovf, f_tmo, f_ferr;
  // MEM_WR / MEM_RD: next word address, words left, header taken (the
  // payload now is data words), words being read out, a word was outside
  reg [28:0]   ma;
  reg [15:0]   mn;
  reg          m_data;
  reg          m_rd;
  reg          m_bad;

  assign in_ready = (state == S_OP) || (state == S_ARG);

  assign tx_data  = sh[7:0];
  assign tx_valid = (state == S_REPLY);

  // CSR write payload: a0 a1 d0..d3 -> sh[39:24] = addr, sh[71:40] = data
  // CSR read payload:  a0 a1        -> sh[71:56] = addr
  // push payload:      w0 .. w7     -> sh[71:8]  = word
  // MEM_* header:      a0..a3 n0 n1 -> sh[55:24] = addr, sh[71:56] = n
  // MEM_WR data word:  w0 .. w7     -> sh[71:8]  = word
  assign m_axil_awaddr = sh[35:24];
  assign m_axil_wdata  = sh[71:40];
  assign m_axil_wstrb  = 4'hF;
  assign m_axil_bready = (state == S_B);
  assign m_axil_araddr = sh[67:56];
  assign m_axil_rready = (state == S_R);
  assign m_cmd_data    = sh[71:8];
  assign s_res_ready   = (state == S_POP);
  assign m_mem_addr    = ma;
  assign m_mem_wdata   = sh[71:8];
  assign busy          = (state != S_OP);

  always @(posedge clk) begin
    if (!rst_n) begin
      state          <= S_OP;
      op             <= 8'd0;
      need           <= 4'd0;
      sh             <= 72'd0;
      rn             <= 4'd0;
      tmo            <= {TW{1'b0}};
      aw_done        <= 1'b0;
      w_done         <= 1'b0;
      f_ovf          <= 1'b0;
      f_tmo          <= 1'b0;
      f_ferr         <= 1'b0;
      m_axil_awvalid <= 1'b0;
      m_axil_wvalid  <= 1'b0;
      m_axil_arvalid <= 1'b0;
      m_cmd_valid    <= 1'b0;
      m_mem_req      <= 1'b0;
      m_mem_we       <= 1'b0;
      ma             <= 29'd0;
      mn             <= 16'd0;
      m_data         <= 1'b0;
      m_rd           <= 1'b0;
      m_bad          <= 1'b0;
    end else begin
      if (overflow)     f_ovf  <= 1'b1;
      if (rx_frame_err) f_ferr <= 1'b1;
      case (state)
        S_OP: begin
          if (in_valid) begin
            op  <= in_data;
            tmo <= {TW{1'b0}};
            case (in_data)
              OP_CSR_WR: begin need <= 4'd6; state <= S_ARG;  end
              OP_CSR_RD: begin need <= 4'd2; state <= S_ARG;  end
              OP_PUSH:   begin need <= 4'd8; state <= S_ARG;  end
              OP_MEM_WR, OP_MEM_RD:
                         begin need <= 4'd6; state <= S_ARG; m_data <= 1'b0; end
              default:   begin need <= 4'd0; state <= S_EXEC; end
            endcase
          end
        end
        S_ARG: begin
          if (in_valid) begin
            sh   <= {in_data, sh[71:8]};
            tmo  <= {TW{1'b0}};
            need <= need - 1'b1;
            if (need == 4'd1) state <= S_EXEC;
          end else if (tmo == TLIM) begin
            f_tmo <= 1'b1;
            state <= S_OP;                 // abandon the partial command
          end else begin
            tmo <= tmo + 1'b1;
          end
        end
        S_EXEC: begin
          case (op)
            OP_PING: begin
              sh[15:0] <= {f_ovf | overflow, f_tmo, f_ferr | rx_frame_err,
                           1'b0, VERSION, R_PING};
              rn    <= 4'd2;
              f_ovf <= 1'b0;
              f_tmo <= 1'b0;
              f_ferr <= 1'b0;
              state <= S_REPLY;
            end
            OP_CSR_WR: begin
              m_axil_awvalid <= 1'b1;
              m_axil_wvalid  <= 1'b1;
              aw_done        <= 1'b0;
              w_done         <= 1'b0;
              state          <= S_WR;
            end
            OP_CSR_RD: begin
              m_axil_arvalid <= 1'b1;
              state          <= S_AR;
            end
            OP_PUSH: begin
              m_cmd_valid <= 1'b1;
              state       <= S_PUSH;
            end
            OP_POP: begin
              state <= S_POP;
            end
            OP_MEM_WR: begin
              if (!m_data) begin             // header: the data words follow
                ma     <= sh[55:27];
                mn     <= sh[71:56];
                m_bad  <= 1'b0;
                m_data <= 1'b1;
                if (sh[71:56] == 16'd0) begin
                  sh[7:0] <= R_ACK;
                  rn      <= 4'd1;
                  state   <= S_REPLY;
                end else begin
                  need  <= 4'd8;
                  tmo   <= {TW{1'b0}};
                  state <= S_ARG;
                end
              end else begin                 // a data word: write it
                m_mem_req <= 1'b1;
                m_mem_we  <= 1'b1;
                state     <= S_MEMW;
              end
            end
            OP_MEM_RD: begin
              ma    <= sh[55:27];
              mn    <= sh[71:56];
              m_bad <= 1'b0;
              if (sh[71:56] == 16'd0) begin
                sh[7:0] <= R_ACK;
                rn      <= 4'd1;
                state   <= S_REPLY;
              end else begin
                m_rd      <= 1'b1;
                m_mem_req <= 1'b1;
                m_mem_we  <= 1'b0;
                state     <= S_MEMR;
              end
            end
            default: begin
              sh[7:0] <= R_BADOP;
              rn    <= 4'd1;
              state <= S_REPLY;
            end
          endcase
        end
        S_WR: begin
          if (m_axil_awvalid && m_axil_awready) m_axil_awvalid <= 1'b0;
          if (m_axil_wvalid && m_axil_wready)   m_axil_wvalid  <= 1'b0;
          if ((aw_done || (m_axil_awvalid && m_axil_awready)) &&
              (w_done  || (m_axil_wvalid  && m_axil_wready))) begin
            state <= S_B;
          end
          if (m_axil_awvalid && m_axil_awready) aw_done <= 1'b1;
          if (m_axil_wvalid && m_axil_wready)   w_done  <= 1'b1;
        end
        S_B: begin
          if (m_axil_bvalid) begin
            sh[7:0] <= R_ACK | {6'd0, m_axil_bresp};
            rn    <= 4'd1;
            state <= S_REPLY;
          end
        end
        S_AR: begin
          if (m_axil_arready) begin
            m_axil_arvalid <= 1'b0;
            state          <= S_R;
          end
        end
        S_R: begin
          if (m_axil_rvalid) begin
            sh[39:0] <= {m_axil_rdata, R_ACK | {6'd0, m_axil_rresp}};
            rn    <= 4'd5;
            state <= S_REPLY;
          end
        end
        S_PUSH: begin
          if (m_cmd_ready) begin
            m_cmd_valid <= 1'b0;
            sh[7:0]     <= R_ACK;
            rn          <= 4'd1;
            state       <= S_REPLY;
          end
        end
        S_POP: begin
          // s_res_ready is high in this state for exactly one cycle
          if (s_res_valid) begin
            sh <= {s_res_data, R_DATA};
            rn <= 4'd9;
          end else begin
            sh[7:0] <= R_EMPTY;
            rn <= 4'd1;
          end
          state <= S_REPLY;
        end
        S_MEMW: begin
          if (m_mem_ack) begin
            m_mem_req <= 1'b0;
            ma        <= ma + 29'd1;
            mn        <= mn - 16'd1;
            m_bad     <= m_bad | m_mem_err;
            if (mn == 16'd1) begin
              sh[7:0] <= R_ACK | {6'd0, {2{m_bad | m_mem_err}}};
              rn      <= 4'd1;
              state   <= S_REPLY;
            end else begin
              need  <= 4'd8;
              tmo   <= {TW{1'b0}};
              state <= S_ARG;
            end
          end
        end
        S_MEMR: begin
          if (m_mem_ack) begin
            m_mem_req <= 1'b0;
            ma        <= ma + 29'd1;
            mn        <= mn - 16'd1;
            m_bad     <= m_bad | m_mem_err;
            sh[63:0]  <= m_mem_rdata;
            rn        <= 4'd8;
            state     <= S_REPLY;
          end
        end
        S_MNEXT: begin
          if (mn != 16'd0) begin
            m_mem_req <= 1'b1;
            state     <= S_MEMR;
          end else begin
            sh[7:0] <= R_ACK | {6'd0, {2{m_bad}}};
            rn      <= 4'd1;
            m_rd    <= 1'b0;
            state   <= S_REPLY;
          end
        end
        S_REPLY: begin
          if (tx_ready) begin
            sh <= {8'd0, sh[71:8]};
            rn <= rn - 1'b1;
            if (rn == 4'd1) state <= m_rd ? S_MNEXT : S_OP;
          end
        end
        default: state <= S_OP;
      endcase
    end
  end
endmodule
