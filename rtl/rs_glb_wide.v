// rs_glb_wide: the global buffer of a psum path four psums wide
// (--psum-lanes 4): two rs_glb halves, the even words in one and the odd
// words in the other, so a wide access moves words a and a+1 (a even) in
// one cycle and a narrow one moves word a alone. One write port and one
// registered read port, as rs_glb's, 128 bits wide: a wide word pair is
// {word a+1, word a}; a narrow read's word comes in the low 64 bits, a
// narrow write's from them. Each half keeps rs_glb's banks of 2^BANK_AW
// words (BANKS rounded up to even), so block RAMs stay whole.
module rs_glb_wide #(
    parameter BANKS   = 27,
    parameter BANK_AW = 9,
    parameter AW      = 24
) (
    input  wire          clk,
    input  wire          wr_en,
    input  wire          wr_wide,
    input  wire [AW-1:0] wr_addr,
    input  wire [127:0]  wr_data,
    input  wire          rd_en,
    input  wire          rd_wide,
    input  wire [AW-1:0] rd_addr,
    output wire [127:0]  rd_data
);
    localparam integer HB  = (BANKS + 1) / 2;                            // banks per half
    localparam integer HAW = (AW - 1 > BANK_AW) ? AW - 1 : BANK_AW + 1;  // a half's address bits

    // which half a narrow read took, for the data a cycle later
    reg rd_odd, rd_two;
    always @(posedge clk)
        if (rd_en) begin
            rd_odd <= rd_addr[0];
            rd_two <= rd_wide;
        end

    /* verilator lint_off UNUSEDSIGNAL */
    wire [31:0]    wr_word2 = {{(32-AW){1'b0}}, wr_addr} >> 1;
    wire [31:0]    rd_word2 = {{(32-AW){1'b0}}, rd_addr} >> 1;
    /* verilator lint_on UNUSEDSIGNAL */
    wire [HAW-1:0] wr_index = wr_word2[HAW-1:0];
    wire [HAW-1:0] rd_index = rd_word2[HAW-1:0];
    wire [127:0]   half_q;
    genvar h;
    generate
        for (h = 0; h < 2; h = h + 1) begin : g_half
            wire mine_wr = wr_wide || (wr_addr[0] == h[0]);
            wire mine_rd = rd_wide || (rd_addr[0] == h[0]);
            rs_glb #(.BANKS(HB), .BANK_AW(BANK_AW), .AW(HAW)) u_half (
                .clk(clk),
                .wr_en(wr_en && mine_wr), .wr_addr(wr_index), .wr_data(wr_wide ? wr_data[h*64 +: 64] : wr_data[63:0]),
                .rd_en(rd_en && mine_rd), .rd_addr(rd_index), .rd_data(half_q[h*64 +: 64])
            );
        end
    endgenerate
    assign rd_data = rd_two ? half_q : {64'd0, rd_odd ? half_q[127:64] : half_q[63:0]};
endmodule
