// dp16kd_ram: a small RTL RAM for the DP16KD unit test (run_dp16kd_test.sh):
// synth_ecp5 maps it to DP16KD block RAM, and the test compares the mapped
// netlist with this RTL cycle by cycle. The parameters select the mapping
// modes Yosys can produce:
//   AW, DW     2^AW words of DW bits; BW bits per byte enable (BW = DW: none)
//   LA, LB     port A / B accesses 2^L words at once (mixed widths)
//   WR_x, RD_x port x writes / reads
//   RDW_x      port x read while it writes: 0 keeps the output (NORMAL),
//              1 the written data (WRITETHROUGH), 2 the old data
//              (READBEFOREWRITE), 3 the new data through a registered address
//   RST        read output reset: 0 none, 1 sync (over ce), 2 sync under ce,
//              3 async
//   NEG        clock on its falling edge
//   INIT       initial contents: 0 zeros, 1 a pattern
//   XCOL       a port reads X where the other port writes (without it, the
//              RTL reads the old data, which Yosys can emulate only when
//              one port writes and the other reads)
// Word addresses of a wide port are concatenations {addr, k}: Yosys merges
// the words into one wide port only then.
/* verilator lint_off UNUSEDSIGNAL */ // which signals are used depends on the parameters
module dp16kd_ram #(
    parameter AW = 9, parameter DW = 36, parameter BW = 36, parameter LA = 0, parameter LB = 0,
    parameter WR_A = 1, parameter RD_A = 0, parameter WR_B = 0, parameter RD_B = 1,
    parameter RDW_A = 0, parameter RDW_B = 0, parameter RST = 0, parameter NEG = 0, parameter INIT = 0,
    parameter XCOL = 0
) (
    input  wire                   clk,
    input  wire                   rst,
    input  wire                   ce_a,
    input  wire                   we_a,
    input  wire [(DW/BW<<LA)-1:0] be_a,
    input  wire [AW-1:0]          addr_a,
    input  wire [(DW<<LA)-1:0]    din_a,
    output wire [(DW<<LA)-1:0]    dout_a,
    input  wire                   ce_b,
    input  wire                   we_b,
    input  wire [(DW/BW<<LB)-1:0] be_b,
    input  wire [AW-1:0]          addr_b,
    input  wire [(DW<<LB)-1:0]    din_b,
    output wire [(DW<<LB)-1:0]    dout_b
);
    localparam NB = DW / BW;
    localparam LA1 = LA > 0 ? LA : 1, LB1 = LB > 0 ? LB : 1;
    (* ram_style = "block" *)
    reg [DW-1:0] mem [0:(1<<AW)-1];
    integer i;
    reg [47:0] pattern;
    initial begin
        for (i = 0; i < (1 << AW); i = i + 1) begin
            pattern = {4{i[7:0] * 8'd37 ^ i[15:8] ^ 8'h5a, i[3:0] ^ 4'hc}};
            mem[i] = INIT != 0 ? pattern[DW-1:0] : {DW{1'b0}};
        end
    end

    // the words each port accesses, as read (old), as read while writing
    // (new: written bytes from the data in), with the other port's writes X
    wire [(DW<<LA)-1:0] old_a, new_a;
    wire [(DW<<LB)-1:0] old_b, new_b;
    genvar k, j;
    generate
        for (k = 0; k < (1 << LA); k = k + 1) begin : g_ra
            localparam [LA1-1:0] KK = k;
            wire [AW-1:0] w = LA == 0 ? addr_a : {addr_a[AW-1:LA1], KK};
            for (j = 0; j < NB; j = j + 1) begin : g_rb
                wire hit = XCOL && WR_B && ce_b && we_b &&
                           (LA == LB ? addr_b == addr_a && be_b[k*NB + j]
                                     : w >> LB == addr_b >> LB && be_b[(w & ((1 << LB) - 1)) * NB + j]);
                assign old_a[k*DW + j*BW +: BW] = hit ? {BW{1'bx}} : mem[w][j*BW +: BW];
                assign new_a[k*DW + j*BW +: BW] = hit ? {BW{1'bx}} : we_a && be_a[k*NB + j] ? din_a[k*DW + j*BW +: BW]
                                                                    : mem[w][j*BW +: BW];
            end
        end
        for (k = 0; k < (1 << LB); k = k + 1) begin : g_rb
            localparam [LB1-1:0] KK = k;
            wire [AW-1:0] w = LB == 0 ? addr_b : {addr_b[AW-1:LB1], KK};
            for (j = 0; j < NB; j = j + 1) begin : g_rb
                wire hit = XCOL && WR_A && ce_a && we_a &&
                           (LA == LB ? addr_a == addr_b && be_a[k*NB + j]
                                     : w >> LA == addr_a >> LA && be_a[(w & ((1 << LA) - 1)) * NB + j]);
                assign old_b[k*DW + j*BW +: BW] = hit ? {BW{1'bx}} : mem[w][j*BW +: BW];
                assign new_b[k*DW + j*BW +: BW] = hit ? {BW{1'bx}} : we_b && be_b[k*NB + j] ? din_b[k*DW + j*BW +: BW]
                                                                    : mem[w][j*BW +: BW];
            end
        end
    endgenerate

    // writes
    integer ka, ja, kb, jb;
    generate
        if (WR_A && !NEG) begin : g_wa
            always @(posedge clk)
                if (ce_a && we_a)
                    for (ka = 0; ka < (1 << LA); ka = ka + 1)
                        for (ja = 0; ja < NB; ja = ja + 1)
                            if (be_a[ka*NB + ja])
                                mem[LA == 0 ? addr_a : {addr_a[AW-1:LA1], ka[LA1-1:0]}][ja*BW +: BW] <=
                                    din_a[ka*DW + ja*BW +: BW];
        end
        if (WR_A && NEG) begin : g_wan
            always @(negedge clk)
                if (ce_a && we_a)
                    for (ka = 0; ka < (1 << LA); ka = ka + 1)
                        for (ja = 0; ja < NB; ja = ja + 1)
                            if (be_a[ka*NB + ja])
                                mem[LA == 0 ? addr_a : {addr_a[AW-1:LA1], ka[LA1-1:0]}][ja*BW +: BW] <=
                                    din_a[ka*DW + ja*BW +: BW];
        end
        if (WR_B && !NEG) begin : g_wb
            always @(posedge clk)
                if (ce_b && we_b)
                    for (kb = 0; kb < (1 << LB); kb = kb + 1)
                        for (jb = 0; jb < NB; jb = jb + 1)
                            if (be_b[kb*NB + jb])
                                mem[LB == 0 ? addr_b : {addr_b[AW-1:LB1], kb[LB1-1:0]}][jb*BW +: BW] <=
                                    din_b[kb*DW + jb*BW +: BW];
        end
        if (WR_B && NEG) begin : g_wbn
            always @(negedge clk)
                if (ce_b && we_b)
                    for (kb = 0; kb < (1 << LB); kb = kb + 1)
                        for (jb = 0; jb < NB; jb = jb + 1)
                            if (be_b[kb*NB + jb])
                                mem[LB == 0 ? addr_b : {addr_b[AW-1:LB1], kb[LB1-1:0]}][jb*BW +: BW] <=
                                    din_b[kb*DW + jb*BW +: BW];
        end
    endgenerate

    // reads
    reg [(DW<<LA)-1:0] q_a = 0;
    reg [(DW<<LB)-1:0] q_b = 0;
    reg [AW-1:0] ar_a, ar_b;   // no initial value: a block RAM cannot start out reading mem[0]
    generate
        if (RD_A && RDW_A == 3) begin : g_qa_ar
            always @(posedge clk) if (ce_a) ar_a <= addr_a;
            for (k = 0; k < (1 << LA); k = k + 1) begin : g_w
                localparam [LA1-1:0] KK = k;
                assign dout_a[k*DW +: DW] = mem[LA == 0 ? ar_a : {ar_a[AW-1:LA1], KK}];
            end
        end else if (RD_A && RST == 3) begin : g_qa_arst
            always @(posedge clk or posedge rst)
                if (rst) q_a <= 0;
                else if (ce_a && !(RDW_A == 0 && we_a)) q_a <= RDW_A == 1 ? new_a : old_a;
            assign dout_a = q_a;
        end else if (RD_A && !NEG) begin : g_qa
            always @(posedge clk)
                if (RST == 1 && rst) q_a <= 0;
                else if (ce_a) begin
                    if (RST == 2 && rst) q_a <= 0;
                    else if (!(RDW_A == 0 && we_a)) q_a <= RDW_A == 1 ? new_a : old_a;
                end
            assign dout_a = q_a;
        end else if (RD_A) begin : g_qa_neg
            always @(negedge clk)
                if (RST == 1 && rst) q_a <= 0;
                else if (ce_a) begin
                    if (RST == 2 && rst) q_a <= 0;
                    else if (!(RDW_A == 0 && we_a)) q_a <= RDW_A == 1 ? new_a : old_a;
                end
            assign dout_a = q_a;
        end else begin : g_qa_none
            assign dout_a = 0;
        end
        if (RD_B && RDW_B == 3) begin : g_qb_ar
            always @(posedge clk) if (ce_b) ar_b <= addr_b;
            for (k = 0; k < (1 << LB); k = k + 1) begin : g_w
                localparam [LB1-1:0] KK = k;
                assign dout_b[k*DW +: DW] = mem[LB == 0 ? ar_b : {ar_b[AW-1:LB1], KK}];
            end
        end else if (RD_B && RST == 3) begin : g_qb_arst
            always @(posedge clk or posedge rst)
                if (rst) q_b <= 0;
                else if (ce_b && !(RDW_B == 0 && we_b)) q_b <= RDW_B == 1 ? new_b : old_b;
            assign dout_b = q_b;
        end else if (RD_B && !NEG) begin : g_qb
            always @(posedge clk)
                if (RST == 1 && rst) q_b <= 0;
                else if (ce_b) begin
                    if (RST == 2 && rst) q_b <= 0;
                    else if (!(RDW_B == 0 && we_b)) q_b <= RDW_B == 1 ? new_b : old_b;
                end
            assign dout_b = q_b;
        end else if (RD_B) begin : g_qb_neg
            always @(negedge clk)
                if (RST == 1 && rst) q_b <= 0;
                else if (ce_b) begin
                    if (RST == 2 && rst) q_b <= 0;
                    else if (!(RDW_B == 0 && we_b)) q_b <= RDW_B == 1 ? new_b : old_b;
                end
            assign dout_b = q_b;
        end else begin : g_qb_none
            assign dout_b = 0;
        end
    endgenerate
endmodule
