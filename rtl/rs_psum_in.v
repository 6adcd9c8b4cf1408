// rs_psum_in: a bottom PE's psum-bus input FIFO. It takes a psum-bus beat of
// one or two 32-bit slots (the low PW bits of each) while the PE still
// computes, so the bus need not wait for the PE's shipping, and gives the
// shipping one psum a cycle. DEPTH >= 2 entries in 2^PIW slots (pointers wrap
// for free); slot s sits in LUT-RAM bank s % 2 at s / 2, so the two psums of
// a beat land in different banks. Only row 0's PEs have one (rs_array).
module rs_psum_in #(
    parameter PW    = 32,
    parameter DEPTH = 2
) (
    input  wire          clk,
    input  wire          rst,        // synchronous: reset or a pass's clear
    input  wire          push,       // a beat for this PE is on the bus
    input  wire [1:0]    lanes,      // its psums (1 or 2)
    input  wire [63:0]   data,
    output wire          ready,      // room for a beat of `lanes` psums
    input  wire          pop,
    output wire          valid,
    output wire [PW-1:0] head
);
    localparam integer PINW  = $clog2(DEPTH + 1);   // count bits
    localparam integer PIW   = $clog2(DEPTH);       // slot bits
    localparam integer PID   = (1 << PIW) / 2;      // slots per bank
    localparam integer PIAW  = (PID > 1) ? PIW - 1 : 1;
    localparam integer DEP_I = DEPTH;
    localparam [PINW:0] DEPTH_N = DEP_I[PINW:0];

    reg  [PIW-1:0]  rp, wp;
    reg  [PINW-1:0] count;
    wire [PINW:0]   need = {1'b0, count} + {{(PINW-1){1'b0}}, lanes};
    assign valid = (count != {PINW{1'b0}});
    assign ready = (need <= DEPTH_N);
    /* verilator lint_off UNUSEDSIGNAL */
    wire unused_data = &{1'b0, data};   // PW < 32 leaves slot bits unread
    /* verilator lint_on UNUSEDSIGNAL */

    // With DEPTH = 2 an empty FIFO takes a beat at slot 0 (a beat of two
    // comes only then), so bank 0 always takes psum 0 of a beat: no data mux.
    wire           norm = (DEPTH == 2) && (count == {PINW{1'b0}});
    wire [PIW-1:0] wq   = norm ? {PIW{1'b0}} : wp;   // this beat's first slot
    wire [PIW-1:0] wp1  = wq + 1'b1;
    wire [PIW-1:0] wp2  = wp1 + 1'b1;
    wire [PIW-1:0] rp1  = rp + 1'b1;

    always @(posedge clk) begin
        if (rst) begin
            rp    <= {PIW{1'b0}};
            wp    <= {PIW{1'b0}};
            count <= {PINW{1'b0}};
        end else begin
            if (push)
                wp <= (lanes == 2'd2) ? wp2 : wp1;
            if (pop)
                rp <= rp1;
            else if (push && norm)
                rp <= {PIW{1'b0}};
            count <= count + (push ? {{(PINW-2){1'b0}}, lanes} : {PINW{1'b0}})
                           - {{(PINW-1){1'b0}}, pop};
        end
    end

    // bank b takes slot 1 of a beat (data bits 32 and up) when b != wq % 2,
    // if the beat has two psums
    wire [2*PW-1:0] bank_rd;
    /* verilator lint_off UNUSEDSIGNAL */
    wire [PIW-1:0]  rd_hi = rp >> 1;
    /* verilator lint_on UNUSEDSIGNAL */
    genvar gp;
    for (gp = 0; gp < 2; gp = gp + 1) begin : g_bank
        wire           hi = (gp != 0) != wq[0];
        /* verilator lint_off UNUSEDSIGNAL */
        wire [PIW-1:0] wr_hi = (hi ? wp1 : wq) >> 1;
        /* verilator lint_on UNUSEDSIGNAL */
        wire           we = push && (!hi || lanes == 2'd2);
        wire [PW-1:0]  wd = (hi && !(DEPTH == 2 && gp == 0)) ? data[32 +: PW] : data[PW-1:0];
        rs_lutram #(.WIDTH(PW), .DEPTH(PID), .AW(PIAW)) u_bank (
            .clk(clk), .we(we), .wa(wr_hi[PIAW-1:0]), .wd(wd),
            .ra(rd_hi[PIAW-1:0]), .rd(bank_rd[gp*PW +: PW])
        );
    end
    assign head = rp[0] ? bank_rd[PW +: PW] : bank_rd[PW-1:0];
endmodule
