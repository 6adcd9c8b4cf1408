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
    // this cycle's pairs in order: p0, and p1 when both elements end one
    wire [20:0] p0     = ends_a ? pair_a : pair_b;
    wire        one    = ends_a != ends_b;                 // exactly one pair
    wire        both   = ends_a && ends_b;

    // the word with p0 at slot k, then p1 at slot k+1 (k < 2)
    reg  [62:0] with_p0, with_p1;
    always @(*) begin
        with_p0 = build;
        case (k)
            2'd0:    with_p0[20:0]  = p0;
            2'd1:    with_p0[41:21] = p0;
            default: with_p0[62:42] = p0;
        endcase
        with_p1 = with_p0;
        if (k == 2'd0)
            with_p1[41:21] = pair_b;
        else
            with_p1[62:42] = pair_b;
    end

    // words completed this cycle: w0, and w1 only in the last cycle when p0
    // filled a word and p1 begins the term word
    reg         push0, push1;
    reg  [63:0] w0;
    reg  [62:0] build_next;
    reg  [1:0]  k_next;
    always @(*) begin
        push0      = 1'b0;
        push1      = 1'b0;
        w0         = {last, with_p0};
        build_next = build;
        k_next     = k;
        if (take && one) begin
            push0      = (k == 2'd2) || last;
            build_next = push0 ? 63'd0 : with_p0;
            k_next     = push0 ? 2'd0 : k + 2'd1;
        end else if (take && both) begin
            if (k == 2'd2) begin
                push0      = 1'b1;
                w0         = {1'b0, with_p0};
                push1      = last;
                build_next = last ? 63'd0 : {42'd0, pair_b};
                k_next     = last ? 2'd0 : 2'd1;
            end else begin
                push0      = (k == 2'd1) || last;
                w0         = {last, with_p1};
                build_next = push0 ? 63'd0 : with_p1;
                k_next     = push0 ? 2'd0 : 2'd2;
            end
        end
    end
    wire [63:0] w1 = {1'b1, 42'd0, pair_b};

    wire       pop   = (f_count != 3'd0) && out_ready;
    wire [1:0] f_wr1 = f_wr + 2'd1;   // w1's slot (wraps)

    assign in_ready  = active && (f_count <= 3'd2);
    assign busy      = active || (f_count != 3'd0);
    assign out_data  = f_data[f_rd];
    assign out_valid = (f_count != 3'd0);
    assign out_last  = out_data[63];

    always @(posedge clk) begin
        if (take && push0)
            f_data[f_wr] <= w0;
        if (take && push1)
            f_data[f_wr1] <= w1;
        if (start && !busy && count == 24'd0)
            f_data[f_wr] <= {1'b1, 63'd0};
    end

    always @(posedge clk) begin
        if (!rst_n || flush) begin
            active  <= 1'b0;
            left    <= 24'd0;
            zeros   <= 5'd0;
            k       <= 2'd0;
            build   <= 63'd0;
            f_rd    <= 2'd0;
            f_wr    <= 2'd0;
            f_count <= 3'd0;
        end else if (start && !busy) begin
            zeros <= 5'd0;
            k     <= 2'd0;
            build <= 63'd0;
            left  <= count;
            if (count == 24'd0) begin
                // the term-only word; the FIFO is empty while idle
                active  <= 1'b0;
                f_wr    <= f_wr + 2'd1;
                f_count <= 3'd1;
            end else begin
                active <= 1'b1;
            end
        end else begin
            if (take) begin
                left  <= left - (two ? 24'd2 : 24'd1);
                zeros <= two ? (ends_b ? 5'd0 : z1 + 5'd1) : z1;
                build <= build_next;
                k     <= k_next;
                if (last)
                    active <= 1'b0;
            end
            f_wr    <= f_wr + {1'b0, take && push0} + {1'b0, take && push1};
            if (pop)
                f_rd <= f_rd + 2'd1;
            f_count <= f_count + {2'd0, take && push0} + {2'd0, take && push1} - {2'd0, pop};
        end
    end

endmodule
