// rs_spad: one scratchpad memory, one write port and one registered read port.
// Written in the plain "reg array + registered read" style so that Yosys maps it
// to block RAM (SB_RAM40_4K, DP16KD) or distributed RAM instead of flip-flops.
// No reset on the array or the read register: RAMs have none.
// NO_RW = 1 promises that no read ever hits the address written in the same
// cycle, so Yosys need not build a read-before-write bypass around the RAM.
module rs_spad #(
    parameter WIDTH = 16,
    parameter DEPTH = 224,
    parameter AW    = 8,
    parameter NO_RW = 0
) (
    input  wire             clk,
    input  wire             wr_en,
    input  wire [AW-1:0]    wr_addr,
    input  wire [WIDTH-1:0] wr_data,
    input  wire             rd_en,
    input  wire [AW-1:0]    rd_addr,
    output reg  [WIDTH-1:0] rd_data
);
    generate
        if (NO_RW) begin : g_free
            (* no_rw_check *)
            reg [WIDTH-1:0] mem [0:DEPTH-1];
            always @(posedge clk) begin
                if (wr_en)
                    mem[wr_addr] <= wr_data;
                if (rd_en)
                    rd_data <= mem[rd_addr];
            end
        end else begin : g_checked
            reg [WIDTH-1:0] mem [0:DEPTH-1];
            always @(posedge clk) begin
                if (wr_en)
                    mem[wr_addr] <= wr_data;
                if (rd_en)
                    rd_data <= mem[rd_addr];
            end
        end
    endgenerate
endmodule
