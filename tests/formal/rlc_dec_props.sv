// Properties of rtl/rs_rlc_dec.v against a reference model of the RLC format
// (docs/rlc.md, sw/rs_rlc.c's rs_rlc_decode) written here. The stream's words
// are free 64-bit inputs, so every stream, well-formed or not, is explored.
//
// One stream per trace: reset in cycle 0, `start` in cycle 1 with any COUNT
// (1..CMAX) and TAGS (1..TMAX). That loses nothing: `start` reloads every
// register of the expansion, so a stream that follows another (started once
// the previous one is over and its last word taken, as rs_decoder does)
// begins from this same state. `flush` is held low.
//
// The model reads the word at the decoder's input (held there until taken)
// pair by pair, from p, the elements the words taken before it decoded: a
// pair's zeros are elements p.. (up to the tensor's end n = COUNT x TAGS), its
// level the element after them; it finds a problem as rs_rlc_decode does
// (level out of range for DW = 8, run past the end, the word holding element
// n-1 without the term bit or with non-zero pairs after it, the term bit on a
// word that does not hold element n-1). Checked:
//  - values: for one payload slot (tag tt, word tw of the tag, lane tl, any
//    of them), the word put out at that place holds the element's value in
//    that lane, or zero past the tag's end, and only once the words so far
//    have decoded that element (no value invented, taken from later or lost);
//  - count: a well-formed stream gives exactly TAGS x ceil(COUNT/(64/DW))
//    words, the last one the cycle after the term word is taken; a malformed
//    one gives fewer (never a complete payload); no word is taken after the
//    term word or after an error, and none is put out after an error;
//  - errors: `bad` rises only for a malformed word, and for every one (the
//    word is taken with `bad` the next cycle, or `bad` rises while it waits);
//  - no hang: a word that waits is taken or flagged within LIMIT cycles in
//    which the output is not stalled (every cycle consumes at least
//    one of the tensor's elements);
//  - the output honours valid/ready (an offered word stays, unchanged).
// Environment: a word offered and not taken stays offered, unchanged, while
// the stream lasts; the consumer may stall at will.
module rlc_dec_props #(
    parameter DW   = 16,
    parameter CMAX = 5,
    parameter TMAX = 2,
    parameter VALUES = 0    // 1: the values; 0: the rest (count, errors, no hang, valid/ready)
) (
    input wire        clk,
    input wire [63:0] in_word,      // the word offered when none is held
    input wire        in_offer,
    input wire        out_ready
);
    localparam integer SLOTS = 64 / DW;
    localparam integer SB    = (DW == 16) ? 2 : 3;      // log2(SLOTS)
    localparam integer NMAX  = CMAX * TMAX;
    localparam integer LIMIT = NMAX + 1;

    // reset, then start
    reg  [1:0] phase = 2'd0;
    wire       rst_n = (phase != 2'd0);
    wire       start = (phase == 2'd1);
    always @(posedge clk) if (phase != 2'd2) phase <= phase + 2'd1;

    (* anyconst *) reg [4:0] c;     // COUNT
    (* anyconst *) reg [2:0] tg;    // TAGS
    always @(*) assume(c >= 1 && c <= CMAX && tg >= 1 && tg <= TMAX);

    // the tracked payload slot
    (* anyconst *) reg [2:0] tt;
    (* anyconst *) reg [4:0] tw;
    (* anyconst *) reg [2:0] tl;
    always @(*) assume(tl < SLOTS);

    // a word offered and not taken is held
    reg         pend = 1'b0;
    reg  [63:0] pend_data;
    wire        in_valid = pend || in_offer;
    wire [63:0] in_data  = pend ? pend_data : in_word;

    wire        in_ready, out_valid, bad;
    wire [63:0] out_data;
    rs_rlc_dec #(.DW(DW)) dut (
        .clk(clk), .rst_n(rst_n), .flush(1'b0),
        .start(start), .count({11'd0, c}), .tags({5'd0, tg}),
        .in_data(in_data), .in_valid(in_valid), .in_ready(in_ready),
        .out_data(out_data), .out_valid(out_valid), .out_ready(out_ready),
        .bad(bad)
    );

    // the stream's shape (8-bit arithmetic: n <= 31 x 7, plus a run of 31)
    wire [7:0] n    = c * tg;
    wire [7:0] wpt  = (c + SLOTS - 1) >> SB;                // words per tag
    wire [7:0] nw   = wpt * tg;                             // payload words
    wire [7:0] te   = (tw << SB) + tl;                      // element within the tag
    wire       slot_ok = tt < tg && tw < wpt;
    wire       elem = te < c;                               // else a lane past the tag's end
    wire [7:0] E    = tt * c + te;                          // tracked element
    wire [7:0] J    = tt * wpt + tw;                        // its payload word

    reg          m_active = 1'b0;   // the stream is in progress
    reg          m_err = 1'b0;      // it was malformed (bad seen)
    reg  [7:0]   m_p;               // elements decoded by the words taken (with
                                    // the zeros of a malformed word's bad pair)
    reg  [DW-1:0] m_val;            // the tracked element's value so far
    reg  [7:0]   m_oc;              // payload words taken
    reg  [7:0]   m_cap;             // words out when bad rose
    reg          exp_bad = 1'b0;    // a malformed word was taken last cycle
    reg          prev_hbad = 1'b0;  // last cycle's word was malformed
    reg          just_ended = 1'b0; // a well-formed final word was taken last cycle
    reg          m_done = 1'b0;     // the stream ended well-formed
    reg  [7:0]   wait_n = 8'd0;     // cycles a word has waited, output not stalled

    // the model reads the waiting word, pair by pair
    reg  [7:0]    pp, h_dec;
    reg  [DW-1:0] h_val;
    reg           h_bad, h_end, done, lvl_ok;
    reg  [4:0]    run;
    reg  [15:0]   lvl;
    integer k;
    always @(*) begin
        pp = m_p; h_val = m_val; h_bad = 1'b0; done = 1'b0; h_dec = m_p;
        run = 5'd0; lvl = 16'd0; lvl_ok = 1'b1;
        for (k = 0; k < 3; k = k + 1) begin
            if (!h_bad && !done) begin
                run = in_data[21*k +: 5];
                lvl = in_data[21*k + 5 +: 16];
                lvl_ok = (DW == 16) || ($signed(lvl) >= -128 && $signed(lvl) <= 127);
                // the run's zeros are certain up to the end, whatever follows
                h_dec = (pp + run < n) ? pp + run : n;
                if (!lvl_ok || pp + run >= n) begin
                    h_bad = 1'b1;
                end else begin
                    if (pp + run == E) h_val = lvl[DW-1:0];
                    pp = pp + run + 8'd1;
                    h_dec = pp;
                    if (pp == n) begin
                        done = 1'b1;
                        if (!in_data[63] ||
                            (k == 0 && in_data[62:21] != 42'd0) ||
                            (k == 1 && in_data[62:42] != 21'd0))
                            h_bad = 1'b1;       // missing term bit, or unused pairs not zero
                    end else if (k == 2 && in_data[63]) begin
                        h_bad = 1'b1;           // term bit before the end
                    end
                end
            end
        end
        h_end = done && !h_bad;
    end

    wire acc  = in_valid && in_ready;
    wire oacc = out_valid && out_ready;
    wire seen = m_active && in_valid;

    // the model; in the reset and start cycles it is set to the start of the
    // stream
    always @(posedge clk) begin
        pend      <= (phase == 2'd2) && m_active && in_valid && !in_ready;
        pend_data <= in_data;
        if (phase != 2'd2) begin
            m_active   <= start;
            m_err      <= 1'b0;
            m_done     <= 1'b0;
            m_p        <= 8'd0;
            m_val      <= {DW{1'b0}};
            m_oc       <= 8'd0;
            m_cap      <= 8'd0;
            exp_bad    <= 1'b0;
            prev_hbad  <= 1'b0;
            just_ended <= 1'b0;
            wait_n     <= 8'd0;
        end else begin
            exp_bad    <= seen && acc && h_bad;
            prev_hbad  <= seen && h_bad;
            just_ended <= seen && acc && h_end;
            if (seen && acc && h_end) m_done <= 1'b1;
            if (oacc) m_oc <= m_oc + 8'd1;
            if (!seen || acc || bad)             wait_n <= 8'd0;
            else if (!(out_valid && !out_ready)) wait_n <= wait_n + 8'd1;
            if (seen && acc) begin
                m_p   <= h_dec;
                m_val <= h_val;
                if (h_bad || h_end) m_active <= 1'b0;
            end
            if (bad) begin
                if (pend) begin             // the word that was flagged
                    m_p   <= h_dec;
                    m_val <= h_val;
                end
                m_active <= 1'b0;
                m_err    <= 1'b1;
                m_cap    <= m_oc + out_valid;
            end
        end
    end

    reg        out_hold = 1'b0;
    reg [63:0] out_last;
    always @(posedge clk) begin
        out_hold <= (phase == 2'd2) && out_valid && !out_ready;
        out_last <= out_data;
    end

    // what the words taken and the held word (if any) give for the tracked
    // element: decoded elements so far, and its value
    wire          hold    = pend && m_active;
    wire [7:0]    dec_now = hold ? h_dec : m_p;
    wire [DW-1:0] val_now = hold ? h_val : m_val;

    wire [DW-1:0] lane = out_data[tl*DW +: DW];
    wire [7:0]    outs = m_oc + out_valid;      // words put out so far
    // the properties: VALUES = 1 the values (bounded: a BMC), 0 the rest
    // (proved for every trace: PDR), one assertion each
    reg ok_p;
    always @(*) begin
        ok_p = 1'b1;
        if (phase == 2'd2) begin
            if (VALUES) begin
                // values of the tracked slot
                if (out_valid && slot_ok && m_oc == J) begin
                    if (elem) begin
                        ok_p = ok_p && (E < dec_now);
                        ok_p = ok_p && (lane == val_now);
                    end else begin
                        ok_p = ok_p && (lane == {DW{1'b0}});
                    end
                end
            end else begin
                // count
                ok_p = ok_p && (outs <= nw);
                if (just_ended) ok_p = ok_p && (outs == nw && !bad);
                if (!m_active) ok_p = ok_p && (!acc);
                if (m_err) ok_p = ok_p && (outs <= m_cap && outs < nw);
                // errors
                if (bad) ok_p = ok_p && (prev_hbad);
                if (exp_bad) ok_p = ok_p && (bad);
                // no hang
                ok_p = ok_p && (wait_n <= LIMIT);
                // valid/ready at the output
                if (out_hold) ok_p = ok_p && (out_valid && out_data == out_last);
            end
        end
    end

    always @(*) assert(ok_p);
endmodule
