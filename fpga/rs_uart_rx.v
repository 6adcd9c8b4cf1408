// rs_uart_rx: 8N1 UART receiver (LSB first), part of the rsgen FPGA bridge.
// Hand-written leaf module (not generated). Synchronous, active-low reset.
// The rx line is passed through a two-flop synchronizer; a start bit is
// detected on a falling edge, confirmed at mid-bit, and every data bit is
// sampled at the middle of its bit period. A byte whose stop bit reads 0
// (framing error) is dropped and counted by the one-cycle pulse frame_err.
module rs_uart_rx #(
  parameter integer CLKS_PER_BIT = 104   // clock frequency / baud rate, >= 4
) (
  input  wire       clk,
  input  wire       rst_n,
  input  wire       rx,          // serial input (idle high), asynchronous
  output reg  [7:0] data,        // received byte, valid while valid=1
  output reg        valid,       // one-cycle pulse per received byte
  output reg        frame_err    // one-cycle pulse per dropped byte
);
  localparam integer CW = $clog2(CLKS_PER_BIT + 1);
  localparam integer FULL_I = CLKS_PER_BIT - 1;
  localparam integer HALF_I = CLKS_PER_BIT / 2 - 1;
  localparam [CW-1:0] FULL = FULL_I[CW-1:0];
  localparam [CW-1:0] HALF = HALF_I[CW-1:0];

  localparam [1:0] S_IDLE = 2'd0, S_START = 2'd1, S_DATA = 2'd2, S_STOP = 2'd3;

  reg [1:0]    sync;     // synchronizer, sync[1] is the stable sample
  reg [1:0]    state;
  reg [CW-1:0] cnt;
  reg [2:0]    bitn;
  reg [7:0]    shreg;

  always @(posedge clk) begin
    if (!rst_n) begin
      sync      <= 2'b11;
      state     <= S_IDLE;
      cnt       <= {CW{1'b0}};
      bitn      <= 3'd0;
      shreg     <= 8'd0;
      data      <= 8'd0;
      valid     <= 1'b0;
      frame_err <= 1'b0;
    end else begin
      sync      <= {sync[0], rx};
      valid     <= 1'b0;
      frame_err <= 1'b0;
      case (state)
        S_IDLE: begin
          if (!sync[1]) begin
            state <= S_START;
            cnt   <= HALF;
          end
        end
        S_START: begin
          if (cnt != {CW{1'b0}}) begin
            cnt <= cnt - 1'b1;
          end else if (sync[1]) begin
            state <= S_IDLE;          // glitch, not a start bit
          end else begin
            state <= S_DATA;
            cnt   <= FULL;
            bitn  <= 3'd0;
          end
        end
        S_DATA: begin
          if (cnt != {CW{1'b0}}) begin
            cnt <= cnt - 1'b1;
          end else begin
            shreg <= {sync[1], shreg[7:1]};
            cnt   <= FULL;
            if (bitn == 3'd7) state <= S_STOP;
            bitn  <= bitn + 1'b1;
          end
        end
        default: begin // S_STOP
          if (cnt != {CW{1'b0}}) begin
            cnt <= cnt - 1'b1;
          end else begin
            state <= S_IDLE;
            if (sync[1]) begin
              data  <= shreg;
              valid <= 1'b1;
            end else begin
              frame_err <= 1'b1;
            end
          end
        end
      endcase
    end
  end
endmodule
