// rs_fpga_reset: board reset for the rsgen FPGA top. Hand-written leaf module.
// Holds rst_n low for 16 clocks after configuration (power-on reset, relies on
// the FPGA's configured flop value 0) and while the reset button is pressed.
// The asynchronous button goes through a two-flop synchronizer, so rst_n is a
// clean synchronous, active-low reset.
module rs_fpga_reset #(
  parameter integer BTN_ACTIVE_LOW = 1    // 1: button reads 0 when pressed
) (
  input  wire clk,
  input  wire btn,      // raw reset button, asynchronous
  output wire rst_n
);
  reg [4:0] por = 5'd0;   // por[4] set after 16 clocks
  reg [1:0] sync = 2'b00;
  reg       rst_q = 1'b0;

  wire pressed = (BTN_ACTIVE_LOW != 0) ? !sync[1] : sync[1];

  always @(posedge clk) begin
    sync  <= {sync[0], btn};
    if (!por[4]) por <= por + 1'b1;
    rst_q <= por[4] && !pressed;
  end

  assign rst_n = rst_q;
endmodule
