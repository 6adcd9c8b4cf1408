// rs_uart_tx: 8N1 UART transmitter (LSB first), part of the rsgen FPGA bridge.
// Hand-written leaf module (not generated). Synchronous, active-low reset.
// A byte is accepted with a valid/ready handshake and shifted out as
// start bit, 8 data bits, stop bit; the tx line idles high.
module rs_uart_tx #(
  parameter integer CLKS_PER_BIT = 104   // clock frequency / baud rate, >= 2
) (
  input  wire       clk,
  input  wire       rst_n,
  input  wire [7:0] data,
  input  wire       valid,
  output wire       ready,
  output reg        tx
);
  localparam integer CW = $clog2(CLKS_PER_BIT + 1);
  localparam integer FULL_I = CLKS_PER_BIT - 1;
  localparam [CW-1:0] FULL = FULL_I[CW-1:0];

  reg [8:0]    shreg;   // {stop, data} still to send after the current bit
  reg [3:0]    left;    // bits still to send after the current one
  reg          busy;
  reg [CW-1:0] cnt;

  assign ready = !busy;

  always @(posedge clk) begin
    if (!rst_n) begin
      shreg <= 9'h1ff;
      left  <= 4'd0;
      busy  <= 1'b0;
      cnt   <= {CW{1'b0}};
      tx    <= 1'b1;
    end else if (!busy) begin
      if (valid) begin
        tx    <= 1'b0;              // start bit
        shreg <= {1'b1, data};
        left  <= 4'd9;
        cnt   <= FULL;
        busy  <= 1'b1;
      end
    end else if (cnt != {CW{1'b0}}) begin
      cnt <= cnt - 1'b1;
    end else if (left != 4'd0) begin
      tx    <= shreg[0];
      shreg <= {1'b1, shreg[8:1]};
      left  <= left - 1'b1;
      cnt   <= FULL;
    end else begin
      busy <= 1'b0;                 // stop bit has been on the line a full bit
    end
  end
endmodule
