// rs_lutram: a small RAM, one synchronous write port and one asynchronous read
// port: LUT RAM on an FPGA (TRELLIS_DPR16X4 on ECP5). Its own level of
// hierarchy in synthesis (keep_hierarchy): flattened, Yosys would fold a
// register driving the read address into a synchronous read port and build a
// bypass around it. No reset: RAMs have none. DEPTH 1 is a register.
(* keep_hierarchy *)
module rs_lutram #(
    parameter WIDTH = 16,
    parameter DEPTH = 16,
    parameter AW    = 4
) (
    input  wire             clk,
    input  wire             we,
    input  wire [AW-1:0]    wa,
    input  wire [WIDTH-1:0] wd,
    input  wire [AW-1:0]    ra,
    output wire [WIDTH-1:0] rd
);
    generate
        if (DEPTH > 1) begin : g_ram
            reg [WIDTH-1:0] mem [0:DEPTH-1];
            always @(posedge clk)
                if (we)
                    mem[wa] <= wd;
            assign rd = mem[ra];
        end else begin : g_reg   // (Yosys maps a one-entry memory less well)
            reg [WIDTH-1:0] r;
            always @(posedge clk)
                if (we)
                    r <= wd;
            assign rd = r;
            /* verilator lint_off UNUSEDSIGNAL */
            wire unused_addr = &{1'b0, wa, ra};
            /* verilator lint_on UNUSEDSIGNAL */
        end
    endgenerate
endmodule
