// rs_psum_in: a bottom PE's psum-bus input FIFO. It takes a psum-bus beat
// while the PE still computes, so the bus need not wait for the PE's
// shipping, and gives the shipping one psum a cycle. Only row 0's PEs have
// one (rs_array).
//
// PL = 2 (two psum lanes): beats of one or two 32-bit slots (the low PW bits
// of each); DEPTH >= 2 psums in 2^PIW slots (pointers wrap for free); slot s
// sits in LUT-RAM bank s % 2 at s / 2, so the two psums of a beat land in
// different banks.
// PL = 4 (--psum-lanes 4): beats of one to four psums, a beat a LUT-RAM row
// of four lanes; the read side takes the head beat's psums one a cycle and
// frees its row after the last. A row per DEPTH/2 psums (at least 2, a power
// of two: LUT RAM is 16 deep anyway), so it holds at least as many full beats.
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
    genvar gp;
    generate
        if (PL == 4) begin : g_beats
            localparam integer NB0 = (DEPTH + 1) / 2 > 2 ? (DEPTH + 1) / 2 : 2;
            localparam integer BAW = $clog2(NB0);
            localparam integer NB  = 1 << BAW;
            reg  [BAW-1:0]  rp, wp;
            reg  [BAW:0]    count;          // beats held
            reg  [1:0]      lane;           // the head beat's next psum
            wire [1+4*PW:0] row;            // {psums - 1, psum 3, 2, 1, 0}
            /* verilator lint_off UNUSEDSIGNAL */
            wire [2:0]      n_m1 = lanes - 3'd1;
            wire unused_data = &{1'b0, data, n_m1[2]};   // PW < 32 leaves slot bits unread
            /* verilator lint_on UNUSEDSIGNAL */
            wire [4*PW-1:0] packed_psums = {data[96 +: PW], data[64 +: PW], data[32 +: PW], data[PW-1:0]};
            rs_lutram #(.WIDTH(2 + 4 * PW), .DEPTH(NB), .AW(BAW)) u_beats (
                .clk(clk), .we(push), .wa(wp), .wd({n_m1[1:0], packed_psums}),
                .ra(rp), .rd(row)
            );
            wire last = (lane == row[1 + 4*PW -: 2]);
            assign valid = (count != {(BAW+1){1'b0}});
            assign ready = (count != NB[BAW:0]);
            assign head  = row[lane*PW +: PW];
            wire   free  = pop && last;    // the head beat's last psum leaves
            always @(posedge clk) begin
                if (rst) begin
                    rp    <= {BAW{1'b0}};
                    wp    <= {BAW{1'b0}};
                    count <= {(BAW+1){1'b0}};
                    lane  <= 2'd0;
                end else begin
                    if (push)
                        wp <= wp + 1'b1;
                    if (pop)
                        lane <= last ? 2'd0 : lane + 2'd1;
                    if (free)
                        rp <= rp + 1'b1;
                    count <= count + {{BAW{1'b0}}, push} - {{BAW{1'b0}}, free};
                end
            end
        end else begin : g_slots
            wire [1:0]  lanes2 = lanes[1:0];
            wire [63:0] data2  = data[63:0];
            /* verilator lint_off UNUSEDSIGNAL */
            wire unused_lanes = lanes[2];
            /* verilator lint_on UNUSEDSIGNAL */
            localparam integer PINW  = $clog2(DEPTH + 1);   // count bits
            localparam integer PIW   = $clog2(DEPTH);       // slot bits
            localparam integer PID   = (1 << PIW) / 2;      // slots per bank
            localparam integer PIAW  = (PID > 1) ? PIW - 1 : 1;
            localparam integer DEP_I = DEPTH;
            localparam [PINW:0] DEPTH_N = DEP_I[PINW:0];

            reg  [PIW-1:0]  rp, wp;
            reg  [PINW-1:0] count;
            wire [PINW:0]   need = {1'b0, count} + {{(PINW-1){1'b0}}, lanes2};
            assign valid = (count != {PINW{1'b0}});
            assign ready = (need <= DEPTH_N);
            /* verilator lint_off UNUSEDSIGNAL */
            wire unused_data = &{1'b0, data2};   // PW < 32 leaves slot bits unread
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
                        wp <= (lanes2 == 2'd2) ? wp2 : wp1;
                    if (pop)
                        rp <= rp1;
                    else if (push && norm)
                        rp <= {PIW{1'b0}};
                    count <= count + (push ? {{(PINW-2){1'b0}}, lanes2} : {PINW{1'b0}})
                                   - {{(PINW-1){1'b0}}, pop};
                end
            end

            // bank b takes slot 1 of a beat (data bits 32 and up) when b != wq % 2,
            // if the beat has two psums
            wire [2*PW-1:0] bank_rd;
            /* verilator lint_off UNUSEDSIGNAL */
            wire [PIW-1:0]  rd_hi = rp >> 1;
            /* verilator lint_on UNUSEDSIGNAL */
            for (gp = 0; gp < 2; gp = gp + 1) begin : g_bank
                wire           hi = (gp != 0) != wq[0];
                /* verilator lint_off UNUSEDSIGNAL */
                wire [PIW-1:0] wr_hi = (hi ? wp1 : wq) >> 1;
                /* verilator lint_on UNUSEDSIGNAL */
                wire           we = push && (!hi || lanes2 == 2'd2);
                wire [PW-1:0]  wd = (hi && !(DEPTH == 2 && gp == 0)) ? data2[32 +: PW] : data2[PW-1:0];
                rs_lutram #(.WIDTH(PW), .DEPTH(PID), .AW(PIAW)) u_bank (
                    .clk(clk), .we(we), .wa(wr_hi[PIAW-1:0]), .wd(wd),
                    .ra(rd_hi[PIAW-1:0]), .rd(bank_rd[gp*PW +: PW])
                );
            end
            assign head = rp[0] ? bank_rd[PW +: PW] : bank_rd[PW-1:0];
        end
    endgenerate
endmodule
