// dp16kd_tb: the DP16KD unit test's bench (run_dp16kd_test.sh). Drives the
// RTL RAM (dp16kd_ram) and its synth_ecp5 netlist (dp16kd_ram_gates, with
// sim/netlist/DP16KD.v) with the same stimulus and compares their read
// data after every clock: first a sweep reading every address (the
// initial contents), then CYCLES random cycles with writes, reads,
// clock enables, resets, byte enables, and both ports often on one
// address (but never writing the same byte at once: the RTL leaves that
// undefined). Bits the RTL leaves undefined (X) are not compared. Prints
// "dp16kd_tb: PASS" or the first mismatches and "dp16kd_tb: FAIL".
`timescale 1ns / 1ps
module dp16kd_tb #(
    parameter AW = 9, parameter DW = 36, parameter BW = 36, parameter LA = 0, parameter LB = 0,
    parameter WR_A = 1, parameter RD_A = 0, parameter WR_B = 0, parameter RD_B = 1,
    parameter RDW_A = 0, parameter RDW_B = 0, parameter RST = 0, parameter NEG = 0, parameter INIT = 0,
    parameter XCOL = 0, parameter CYCLES = 4000, parameter SEED = 1
);
    localparam WA = DW << LA, WB = DW << LB, EA = DW / BW << LA, EB = DW / BW << LB;
    reg clk = 0, rst = 0;
    reg ce_a = 0, we_a = 0, ce_b = 0, we_b = 0;
    reg [EA-1:0] be_a = 0;
    reg [EB-1:0] be_b = 0;
    reg [AW-1:0] addr_a = 0, addr_b = 0;
    reg [WA-1:0] din_a = 0;
    reg [WB-1:0] din_b = 0;
    wire [WA-1:0] rtl_a, gates_a;
    wire [WB-1:0] rtl_b, gates_b;

    dp16kd_ram #(.AW(AW), .DW(DW), .BW(BW), .LA(LA), .LB(LB), .WR_A(WR_A), .RD_A(RD_A), .WR_B(WR_B),
                 .RD_B(RD_B), .RDW_A(RDW_A), .RDW_B(RDW_B), .RST(RST), .NEG(NEG), .INIT(INIT), .XCOL(XCOL))
    u_rtl (.clk(clk), .rst(rst), .ce_a(ce_a), .we_a(we_a), .be_a(be_a), .addr_a(addr_a), .din_a(din_a),
           .dout_a(rtl_a), .ce_b(ce_b), .we_b(we_b), .be_b(be_b), .addr_b(addr_b), .din_b(din_b), .dout_b(rtl_b));
    dp16kd_ram_gates
    u_gates (.clk(clk), .rst(rst), .ce_a(ce_a), .we_a(we_a), .be_a(be_a), .addr_a(addr_a), .din_a(din_a),
             .dout_a(gates_a), .ce_b(ce_b), .we_b(we_b), .be_b(be_b), .addr_b(addr_b), .din_b(din_b), .dout_b(gates_b));

    integer seed = SEED, cycle = 0, errors = 0, compared = 0, i;
    // a random address: often one of a few, so that ports and cycles collide
    function [AW-1:0] pick_addr(input integer r1, input integer r2);
        pick_addr = r1[2:0] < 3'd4 ? r2[AW-1:0] : r1[2:0] == 3'd7 ? {AW{1'b1}} : {{(AW-2){1'b0}}, r2[1:0]};
    endfunction
    task check;
        begin
            for (i = 0; i < WA; i = i + 1)
                if (RD_A && rtl_a[i] !== 1'bx) begin
                    compared = compared + 1;
                    if (rtl_a[i] !== gates_a[i]) begin
                        errors = errors + 1;
                        if (errors <= 10)
                            $display("dp16kd_tb: cycle %0d: port A bit %0d: RTL %b gates %b (RTL %h gates %h)",
                                     cycle, i, rtl_a[i], gates_a[i], rtl_a, gates_a);
                    end
                end
            for (i = 0; i < WB; i = i + 1)
                if (RD_B && rtl_b[i] !== 1'bx) begin
                    compared = compared + 1;
                    if (rtl_b[i] !== gates_b[i]) begin
                        errors = errors + 1;
                        if (errors <= 10)
                            $display("dp16kd_tb: cycle %0d: port B bit %0d: RTL %b gates %b (RTL %h gates %h)",
                                     cycle, i, rtl_b[i], gates_b[i], rtl_b, gates_b);
                    end
                end
        end
    endtask
    // one clock period: inputs change at +2, outputs compared at +4 (an
    // asynchronous reset has acted), rising edge at +5, falling at +10
    // (NEG), outputs compared again at +11
    task step;
        begin
            #2 check;
            #1 clk = 1;
            #5 clk = 0;
            #1 check;
            cycle = cycle + 1;
            #1;
        end
    endtask
    integer r;
    initial begin
        #2;
        // sweep: read every address on both ports
        for (r = 0; r < (1 << AW); r = r + 1) begin
            ce_a = 1; ce_b = 1; we_a = 0; we_b = 0;
            addr_a = r; addr_b = (1 << AW) - 1 - r;
            step;
        end
        for (r = 0; r < CYCLES; r = r + 1) begin
            ce_a = {$random(seed)} % 8 != 0;
            ce_b = {$random(seed)} % 8 != 0;
            we_a = {$random(seed)} % 5 < 2;
            we_b = {$random(seed)} % 5 < 2;
            be_a = {$random(seed)} % 4 == 0 ? $random(seed) : {EA{1'b1}};
            be_b = {$random(seed)} % 4 == 0 ? $random(seed) : {EB{1'b1}};
            addr_a = pick_addr($random(seed), $random(seed));
            addr_b = {$random(seed)} % 3 == 0 ? addr_a : pick_addr($random(seed), $random(seed));
            din_a = {($random(seed)), ($random(seed))};
            din_b = {($random(seed)), ($random(seed))};
            rst = RST != 0 && {$random(seed)} % 25 == 0;
            // both ports writing one byte: undefined in the RTL (two processes)
            if (LA == LB && addr_a >> LA == addr_b >> LB && ce_a && we_a && ce_b && we_b && WR_A && WR_B)
                be_a = be_a & ~be_b;
            step;
        end
        if (errors == 0 && compared > 0)
            $display("dp16kd_tb: PASS (%0d cycles, %0d bits compared)", cycle, compared);
        else
            $display("dp16kd_tb: FAIL (%0d of %0d bits differ)", errors, compared);
        $finish;
    end
endmodule
