// rs_rlc_enc: run-length codes a stream of activations (docs/rlc.md), so that
// mostly-zero tensors (after ReLU) leave the chip in fewer DRAM words. It puts
// out exactly the canonical stream rs_rlc_encode (sw/rs_rlc.c) writes for the
// same `count` elements, bit for bit, so software can decode it unchanged.
//
// One or two elements per cycle (in_two: the high element too; rs_store gives
// a whole buffer word, two values, per cycle). Every element ends at most one
// pair, so no lookahead is needed: a non-zero value ends the pair (zeros so
// far, value); the 32nd zero of a run ends (31, 0); the stream's last element
// ends the last pair ((zeros so far, value), or (zeros so far, 0) for a
// trailing run, which is (z - 1, 0) for z trailing zeros). Pairs fill the word
// from pair 0; the third pair of a word that is not the stream's last element
// completes a word without the term bit (more pairs must follow, as the last
// element always ends one), and the last element's pair completes the term
// word, its unused pairs zero. count = 0 gives the term-only word
// 0x8000000000000000. With one element left, only the low one is taken.
//
// Two pairs a cycle complete at most one word, except in the stream's last
// cycle, which can complete a full word and the term word; a four-word output
// FIFO takes them, and the input runs whenever two words fit, so it runs at
// two elements per cycle unless the output is stalled. in_ready comes from
// registers only (no path from out_ready or in_valid).
//
// The FIFO has one write port (LUT RAM on an FPGA): a term word completed
// beside a full word waits a cycle in `pend` and goes in next; the full word
// is ahead of it, so it leaves no later than it would have. Each pair slot of
// the word being built takes one of four values (kept, pair a, pair b, zero),
// chosen once per slot.
//
// start is taken only while idle (busy low); busy stays high until the term
// word has been taken. flush drops the stream in progress and its pending
// words and returns to idle on the next edge.
module rs_rlc_enc #(
    parameter DW = 16                 // 16 or 8
) (
    input  wire            clk,
    input  wire            rst_n,
    input  wire            flush,     // drop the stream in progress, go idle (layer stopped)
    input  wire            start,     // one-cycle pulse while idle: a stream of `count` elements begins
    input  wire [23:0]     count,     // elements of the stream (sampled with start); 0 gives the term-only word
    output wire            busy,      // from start until the term word has been taken
    input  wire [2*DW-1:0] in_data,   // element 0 (low) and element 1 (two's complement DW bits each)
    input  wire            in_two,    // element 1 is there too
    input  wire            in_valid,
    output wire            in_ready,
    output wire [63:0]     out_data,  // RLC words, the last one with the term bit
    output wire            out_valid,
    input  wire            out_ready,
    output wire            out_last   // out_data is the term word
);
    reg         active;      // elements of the stream still to take
    reg  [23:0] left;        // elements still to take (>= 1 while active)
    reg  [4:0]  zeros;       // zeros taken since the last pair
    reg  [1:0]  k;           // pairs already in the word being built
    reg  [62:0] build;       // the word being built, pairs 0..k-1

    // output FIFO
    reg  [63:0] f_data [0:3];
    reg  [1:0]  f_rd, f_wr;
    reg  [2:0]  f_count;

    // the elements' levels: the values sign-extended to 16 bits
    wire [15:0] level_a, level_b;
    generate
        if (DW < 16) begin : g_sext
            assign level_a = {{(16 - DW){in_data[DW-1]}}, in_data[DW-1:0]};
            assign level_b = {{(16 - DW){in_data[2*DW-1]}}, in_data[2*DW-1:DW]};
        end else begin : g_full
            assign level_a = in_data[15:0];
            assign level_b = in_data[31:16];
        end
    endgenerate

    wire        take   = in_valid && in_ready;
    wire        two    = in_two && (left != 24'd1);         // both elements are taken
    // element a ends a pair: a value, the 32nd zero of a run, or the last element
    wire        last_a = (left == 24'd1);
    wire        ends_a = (level_a != 16'd0) || (zeros == 5'd31) || last_a;
    wire [4:0]  z1     = ends_a ? 5'd0 : zeros + 5'd1;     // zeros before element b
    wire        last_b = (left == 24'd2);
    wire        ends_b = two && ((level_b != 16'd0) || (z1 == 5'd31) || last_b);
    wire        last   = last_a || (two && last_b);        // the stream's last element is taken
    wire [20:0] pair_a = {level_a, zeros};
    wire [20:0] pair_b = {level_b, z1};
    wire        any    = ends_a || ends_b;                 // a pair ends
    wire        both   = ends_a && ends_b;                 // two pairs end

    // the word with this cycle's pairs: the first pair (a's, else b's) goes
    // to slot k, b's to slot k + 1 when both end one; the other slots keep
    // their values (zero from slot k on)
    wire [2:0]  at_k   = {k == 2'd2, k == 2'd1, k == 2'd0};
    wire [2:0]  at_k1  = {k == 2'd1, k == 2'd0, 1'b0};
    wire [2:0]  fa     = ends_a ? at_k : 3'd0;                             // slots taking pair a
    wire [2:0]  fb     = (ends_a ? (both ? at_k1 : 3'd0) : (ends_b ? at_k : 3'd0));   // slots taking pair b
    // a word is complete: slot 2 filled, or the stream's last element
    wire        full2  = (k == 2'd2) || (both && k == 2'd1);
    wire        push0  = take && any && (full2 || last);
    // both pairs at k = 2: pair b begins the next word (the term word if last)
    wire        carry  = both && (k == 2'd2);
    wire        push1  = take && carry && last;

    reg  [62:0] filled;
    integer s;
    always @(*) begin
        for (s = 0; s < 3; s = s + 1)
            filled[s*21 +: 21] = fa[s] ? pair_a : (fb[s] ? pair_b : build[s*21 +: 21]);
    end
    wire [63:0] w0 = {last && !carry, filled};

    // the next word being built: the filled one, empty after a push, or pair
    // b alone after a push that carries it
    wire [1:0]  k_next = !push0 ? k + (both ? 2'd2 : 2'd1) : ((carry && !last) ? 2'd1 : 2'd0);

    // each slot of build: cleared (reset, a new stream, a push), loaded with
    // pair a or pair b, or kept; a push that carries pair b loads it in slot 0
    wire       carry_b = carry && !last;
    wire       clr_all = !rst_n || flush || (start && !busy);
    wire [2:0] clr_s   = push0 ? {2'b11, !carry_b} : 3'b000;
    wire [2:0] ld_s    = push0 ? {2'b00, carry_b} : (fa | fb);
    wire [2:0] ld_a    = push0 ? 3'b000 : fa;
    genvar g;
    generate
        for (g = 0; g < 3; g = g + 1) begin : g_slot
            always @(posedge clk)
                if (clr_all || (take && clr_s[g]))
                    build[g*21 +: 21] <= 21'd0;
                else if (take && ld_s[g])
                    build[g*21 +: 21] <= ld_a[g] ? pair_a : pair_b;
        end
    endgenerate

    // the FIFO's write: a completed word, the term word waiting in pend, or
    // the term-only word of an empty stream
    reg         pend;        // a term word {1, 0, 0, pend_pair} goes in next
    reg  [20:0] pend_pair;
    wire        start_empty = start && !busy && count == 24'd0;
    wire        f_we   = (take && push0) || pend || start_empty;
    wire [63:0] f_wdata = pend ? {1'b1, 42'd0, pend_pair} : (start_empty ? {1'b1, 63'd0} : w0);

    wire       pop   = (f_count != 3'd0) && out_ready;

    assign in_ready  = active && (f_count <= 3'd2);
    assign busy      = active || (f_count != 3'd0) || pend;
    assign out_data  = f_data[f_rd];
    assign out_valid = (f_count != 3'd0);
    assign out_last  = out_data[63];

    always @(posedge clk)
        if (f_we)
            f_data[f_wr] <= f_wdata;

    always @(posedge clk) begin
        if (!rst_n || flush) begin
            active  <= 1'b0;
            left    <= 24'd0;
            zeros   <= 5'd0;
            k       <= 2'd0;
            pend    <= 1'b0;
            f_rd    <= 2'd0;
            f_wr    <= 2'd0;
            f_count <= 3'd0;
        end else begin
            if (start && !busy) begin
                zeros  <= 5'd0;
                k      <= 2'd0;
                left   <= count;
                active <= count != 24'd0;
            end else if (take) begin
                left  <= left - (two ? 24'd2 : 24'd1);
                zeros <= two ? (ends_b ? 5'd0 : z1 + 5'd1) : z1;
                if (any)
                    k <= k_next;
                if (last)
                    active <= 1'b0;
            end
            pend      <= push1;
            pend_pair <= pair_b;
            f_wr      <= f_wr + {1'b0, f_we};
            if (pop)
                f_rd <= f_rd + 2'd1;
            f_count <= f_count + {2'd0, f_we} - {2'd0, pop};
        end
    end

endmodule
