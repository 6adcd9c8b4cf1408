// rs_uart_fifo: small synchronous FIFO (first word fall-through) used by the
// rsgen FPGA UART bridge to buffer received bytes. Hand-written leaf module.
// DEPTH must be a power of two. Writing while full drops the word and pulses
// `overflow` for one cycle.
module rs_uart_fifo #(
  parameter integer WIDTH = 8,
  parameter integer DEPTH = 16
) (
  input  wire             clk,
  input  wire             rst_n,
  input  wire [WIDTH-1:0] in_data,
  input  wire             in_valid,
  output wire [WIDTH-1:0] out_data,
  output wire             out_valid,
  input  wire             out_ready,
  output reg              overflow
);
  localparam integer AW = (DEPTH > 1) ? $clog2(DEPTH) : 1;

  reg [WIDTH-1:0] mem [0:DEPTH-1];
  reg [AW:0]      wptr;
  reg [AW:0]      rptr;

  wire empty = (wptr == rptr);
  wire full  = (wptr[AW-1:0] == rptr[AW-1:0]) && (wptr[AW] != rptr[AW]);
  wire pop   = out_ready && !empty;
  wire push  = in_valid && (!full || pop);

  assign out_valid = !empty;
  assign out_data  = mem[rptr[AW-1:0]];

  always @(posedge clk) begin
    if (push) mem[wptr[AW-1:0]] <= in_data;
  end

  always @(posedge clk) begin
    if (!rst_n) begin
      wptr     <= {(AW+1){1'b0}};
      rptr     <= {(AW+1){1'b0}};
      overflow <= 1'b0;
    end else begin
      overflow <= in_valid && !push;
      if (push) wptr <= wptr + 1'b1;
      if (pop)  rptr <= rptr + 1'b1;
    end
  end
endmodule
