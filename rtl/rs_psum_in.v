// rs_psum_in: a bottom PE's psum-bus input FIFO. It takes a psum-bus beat of
// one to PL 32-bit slots (the low PW bits of each) while the PE still
// computes, so the bus need not wait for the PE's shipping, and gives the
// shipping one psum a cycle. DEPTH >= PL entries (>= 2) in 2^PIW slots
// (pointers wrap for free); slot s sits in LUT-RAM bank s % PL at s / PL, so
// the psums of a beat land in different banks. Only row 0's PEs have one
// (rs_array); PL is the psum path's width (--psum-lanes: 2 or 4).
module rs_psum_in #(
    parameter PW    = 32,
    parameter DEPTH = 2,
    parameter PL    = 2
) (
    input  wire            clk,
    input  wire            rst,        // synchronous: reset or a pass's clear
    input  wire            push,       // a beat for this PE is on the bus
    input  wire [2:0]      lanes,      // its psums (1..PL)
    input  wire [32*PL-1:0] data,
    output wire            ready,      // room for a beat of `lanes` psums
    input  wire            pop,
    output wire            valid,
    output wire [PW-1:0]   head
);
    localparam integer LB    = (PL == 4) ? 2 : 1;    // bank-number bits
    localparam integer PINW  = $clog2(DEPTH + 1);   // count bits
    localparam integer PIW   = $clog2(DEPTH);       // slot bits
    localparam integer PID   = (1 << PIW) / PL;      // slots per bank
    localparam integer PIAW  = (PID > 1) ? PIW - LB : 1;
    localparam [31:0]  DEPTH_N = DEPTH;

    reg  [PIW-1:0]  rp, wp;
    reg  [PINW-1:0] count;
    wire [31:0]     n_in = {29'd0, lanes};
    assign valid = (count != {PINW{1'b0}});
    assign ready = ({{(32-PINW){1'b0}}, count} + n_in <= DEPTH_N);
    /* verilator lint_off UNUSEDSIGNAL */
    wire unused_data = &{1'b0, data};   // PW < 32 leaves slot bits unread
    /* verilator lint_on UNUSEDSIGNAL */

    // With DEPTH = 2 an empty FIFO takes a beat at slot 0 (a beat of two
    // comes only then), so bank 0 always takes psum 0 of a beat: no data mux.
    wire           norm = (DEPTH == 2) && (count == {PINW{1'b0}});
    wire [PIW-1:0] wq   = norm ? {PIW{1'b0}} : wp;   // this beat's first slot
    /* verilator lint_off UNUSEDSIGNAL */
    wire [31:0]    w_end = {{(32-PIW){1'b0}}, wq} + n_in;
    wire [31:0]    c_new = {{(32-PINW){1'b0}}, count} + (push ? n_in : 32'd0) - {31'd0, pop};
    /* verilator lint_on UNUSEDSIGNAL */
    wire [PIW-1:0] rp1  = rp + 1'b1;

    always @(posedge clk) begin
        if (rst) begin
            rp    <= {PIW{1'b0}};
            wp    <= {PIW{1'b0}};
            count <= {PINW{1'b0}};
        end else begin
            if (push)
                wp <= w_end[PIW-1:0];
            if (pop)
                rp <= rp1;
            else if (push && norm)
                rp <= {PIW{1'b0}};
            count <= c_new[PINW-1:0];
        end
    end

    // bank b takes lane i = (b - wq) % PL of a beat, at slot wq + i, if the
    // beat has more than i psums
    wire [PL*PW-1:0] bank_rd;
    /* verilator lint_off UNUSEDSIGNAL */
    wire [PIW-1:0]   rd_hi = rp >> LB;
    /* verilator lint_on UNUSEDSIGNAL */
    genvar gp;
    for (gp = 0; gp < PL; gp = gp + 1) begin : g_bank
        wire [LB-1:0]  b_n = gp[LB-1:0];
        wire [LB-1:0]  i   = b_n - wq[LB-1:0];
        /* verilator lint_off UNUSEDSIGNAL */
        wire [31:0]    slot  = {{(32-PIW){1'b0}}, wq} + {{(32-LB){1'b0}}, i};
        wire [PIW-1:0] wr_hi = slot[PIW-1:0] >> LB;
        /* verilator lint_on UNUSEDSIGNAL */
        wire           we = push && ({{(32-LB){1'b0}}, i} < n_in);
        wire [PW-1:0]  wd;
        if (PL == 2 && DEPTH == 2 && gp == 0) begin : g_lane0
            assign wd = data[PW-1:0];
        end else begin : g_lane
            assign wd = data[i*32 +: PW];
        end
        rs_lutram #(.WIDTH(PW), .DEPTH(PID), .AW(PIAW)) u_bank (
            .clk(clk), .we(we), .wa(wr_hi[PIAW-1:0]), .wd(wd),
            .ra(rd_hi[PIAW-1:0]), .rd(bank_rd[gp*PW +: PW])
        );
    end
    assign head = bank_rd[rp[LB-1:0]*PW +: PW];
endmodule
