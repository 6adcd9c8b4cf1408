// rs_icarus_tb: the FPGA board top (fpga/rs_fpga_top.v around the generated
// accelerator) under Icarus Verilog, its UART on a pseudo-terminal. The
// clock is made here; after each cycle $rs_pty_cycle (rs_icarus_pty.c, a VPI
// module) samples uart_tx, moves bytes between the line and the terminal and
// sets uart_rx for the next cycle, as rs_board_sim.cpp does for Verilator.
// While the board is idle $rs_pty_cycle waits for the host inside the call,
// so simulated time stands still. CLK_HZ and BAUD as build_icarus.sh sets
// them (8 clocks per bit).
module rs_icarus_tb #(
  parameter integer CLK_HZ = 1000000,
  parameter integer BAUD   = 125000
);
  localparam integer CLKS_PER_BIT = (CLK_HZ + BAUD / 2) / BAUD;   // as rs_fpga_top's

  reg  clk     = 1'b0;
  reg  uart_rx = 1'b1;
  wire uart_tx;
  wire led;

  rs_fpga_top #(.CLK_HZ(CLK_HZ), .BAUD(BAUD)) dut (
    .clk(clk), .rst_btn(1'b1), .uart_rx(uart_rx), .uart_tx(uart_tx), .led(led)
  );

  // the board is at work: the accelerator runs or the bridge is inside a command
  wire board_busy = dut.u_top.busy | dut.bridge_busy;

  always begin
    #1 clk = 1'b1;
    #1 clk = 1'b0;
    $rs_pty_cycle(CLKS_PER_BIT, uart_tx, board_busy, uart_rx);
  end
endmodule
