// rs_rlc_enc: run-length codes a stream of activations (docs/rlc.md), so that
// mostly-zero tensors (after ReLU) leave the chip in fewer DRAM words. It puts
// out exactly the canonical stream rs_rlc_encode (sw/rs_rlc.c) writes for the
// same `count` elements, bit for bit, so software can decode it unchanged.
//
// One element per cycle, and every element ends at most one pair, so no
// lookahead is needed: a non-zero value ends the pair (zeros so far, value);
// the 32nd zero of a run ends (31, 0); the stream's last element ends the last
// pair ((zeros so far, value), or (zeros so far, 0) for a trailing run, which
// is (z - 1, 0) for z trailing zeros). Pairs fill the word from pair 0; the
// third pair of a word that is not the stream's last element completes a word
// without the term bit (more pairs must follow, as the last element always
// ends one), and the last element's pair completes the term word, its unused
// pairs zero. count = 0 gives the term-only word 0x8000000000000000.
//
// A word is completed at most every third element (plus the term word), and
// a two-entry output (the out register and a skid register) takes it while
// the output is stalled, so the input runs at one element per cycle unless
// the output is stalled long enough to fill both. in_ready comes from
// registers only (no path from out_ready or in_valid).
//
// start is taken only while idle (busy low); busy stays high until the term
// word has been taken. flush drops the stream in progress and its pending
// words and returns to idle on the next edge.
module rs_rlc_enc #(
    parameter DW = 16                 // 16 or 8
) (
    input  wire          clk,
    input  wire          rst_n,
    input  wire          flush,       // drop the stream in progress, go idle (layer stopped)
    input  wire          start,       // one-cycle pulse while idle: a stream of `count` elements begins
    input  wire [23:0]   count,       // elements of the stream (sampled with start); 0 gives the term-only word
    output wire          busy,        // from start until the term word has been taken
    input  wire [DW-1:0] in_data,     // one element (two's complement DW bits)
    input  wire          in_valid,
    output wire          in_ready,
    output wire [63:0]   out_data,    // RLC words, the last one with the term bit
    output wire          out_valid,
    input  wire          out_ready,
    output wire          out_last     // out_data is the term word
);
    reg         active;      // elements of the stream still to take
    reg  [23:0] left;        // elements still to take (>= 1 while active)
    reg  [4:0]  zeros;       // zeros taken since the last pair
    reg  [1:0]  k;           // pairs already in the word being built
    reg  [62:0] build;       // the word being built, pairs 0..k-1

    reg         o_valid, o_last, s_valid, s_last;
    reg  [63:0] o_data, s_data;

    // the element's level: the value sign-extended to 16 bits
    wire [15:0] level;
    generate
        if (DW < 16) begin : g_sext
            assign level = {{(16 - DW){in_data[DW-1]}}, in_data};
        end else begin : g_full
            assign level = in_data[15:0];
        end
    endgenerate

    wire        take    = in_valid && in_ready;
    wire        last_el = (left == 24'd1);
    // this element ends a pair: a value, the 32nd zero of a run, or the last element
    wire        ends    = (level != 16'd0) || (zeros == 5'd31) || last_el;
    wire [20:0] pair    = {level, zeros};
    wire        emit    = take && ends;
    wire        word    = emit && (k == 2'd2 || last_el);      // a word is complete

    reg  [62:0] with_pair;
    always @(*) begin
        with_pair = build;
        case (k)
            2'd0:    with_pair[20:0]  = pair;
            2'd1:    with_pair[41:21] = pair;
            default: with_pair[62:42] = pair;
        endcase
    end
    wire [63:0] new_word = {last_el, with_pair};

    wire        pop = o_valid && out_ready;

    assign in_ready  = active && !s_valid;
    assign busy      = active || o_valid || s_valid;
    assign out_data  = o_data;
    assign out_valid = o_valid;
    assign out_last  = o_last;

    always @(posedge clk) begin
        if (!rst_n || flush) begin
            active  <= 1'b0;
            left    <= 24'd0;
            zeros   <= 5'd0;
            k       <= 2'd0;
            build   <= 63'd0;
            o_valid <= 1'b0;
            o_last  <= 1'b0;
            o_data  <= 64'd0;
            s_valid <= 1'b0;
            s_last  <= 1'b0;
            s_data  <= 64'd0;
        end else if (start && !busy) begin
            zeros <= 5'd0;
            k     <= 2'd0;
            build <= 63'd0;
            left  <= count;
            if (count == 24'd0) begin
                // the term-only word; the output is empty while idle
                active  <= 1'b0;
                o_valid <= 1'b1;
                o_last  <= 1'b1;
                o_data  <= {1'b1, 63'd0};
            end else begin
                active <= 1'b1;
            end
        end else begin
            // the element
            if (take) begin
                left  <= left - 24'd1;
                zeros <= ends ? 5'd0 : zeros + 5'd1;
                if (last_el)
                    active <= 1'b0;
                if (word) begin
                    build <= 63'd0;
                    k     <= 2'd0;
                end else if (emit) begin
                    build <= with_pair;
                    k     <= k + 2'd1;
                end
            end

            // the output: out register, then the skid register (empty
            // whenever an element is taken, as in_ready requires)
            if (s_valid) begin
                if (pop) begin
                    o_data  <= s_data;
                    o_last  <= s_last;
                    s_valid <= 1'b0;
                end
            end else if (word) begin
                if (!o_valid || pop) begin
                    o_data  <= new_word;
                    o_last  <= last_el;
                    o_valid <= 1'b1;
                end else begin
                    s_data  <= new_word;
                    s_last  <= last_el;
                    s_valid <= 1'b1;
                end
            end else if (pop) begin
                o_valid <= 1'b0;
            end
        end
    end

endmodule
