// Encoder then decoder: rtl/rs_rlc_enc.v's words go straight into
// rtl/rs_rlc_dec.v (one tag of COUNT = n elements), and the payload words
// that come out must hold the elements that went in.
//
// One stream per trace: reset in cycle 0, both `start`ed in cycle 1 with any
// n in 1..NMAX (start reloads both, so later streams begin from the same
// state). The producer offers one or two elements of any value, or none,
// each cycle; the consumer of the payload words may stall at will. Checked:
//  - values: for one payload position (any of them, picked by the solver),
//    the word put out at that place holds, in that lane, the element taken
//    at that index, taken before; or zero past the n-th element;
//  - the decoder never flags the encoder's stream as malformed;
//  - counts: the encoder takes exactly n elements, puts out at most
//    max(1, ceil(n/3)) words, the last with out_last, then nothing more;
//    the decoder takes exactly those and puts out ceil(n/(64/DW)) payload
//    words, the last one the cycle after it took the term word;
//  - no hang: until the last payload word has been taken, something moves
//    (an element taken, a word passed on or put out) at least every IDLE
//    cycles in which neither the producer (no element offered while the
//    encoder is ready) nor the consumer (a payload word not taken) holds it.
//  - both sides honour valid/ready (a word offered stays, unchanged).
module rlc_roundtrip_props #(
    parameter DW   = 16,
    parameter NMAX = 12,
    parameter IDLE = 3
) (
    input wire            clk,
    input wire [2*DW-1:0] in_data,
    input wire            in_two,
    input wire            in_valid,
    input wire            out_ready
);
    localparam integer SLOTS = 64 / DW;
    localparam integer SB    = (DW == 16) ? 2 : 3;      // log2(SLOTS)

    reg  [1:0] phase = 2'd0;
    wire       rst_n = (phase != 2'd0);
    wire       start = (phase == 2'd1);
    always @(posedge clk) if (phase != 2'd2) phase <= phase + 2'd1;

    (* anyconst *) reg [7:0] n;
    (* anyconst *) reg [7:0] P;         // the tracked payload position
    wire [7:0] nw = (n + SLOTS - 1) >> SB;                  // payload words
    wire [7:0] mw = (n + 2) / 3;                            // most RLC words
    always @(*) assume(n >= 1 && n <= NMAX && P < (nw << SB));

    wire            e_busy, e_in_ready, e_out_valid, e_out_last;
    wire [63:0]     e_out_data;
    wire            d_in_ready, d_out_valid, bad;
    wire [63:0]     d_out_data;

    rs_rlc_enc #(.DW(DW)) enc (
        .clk(clk), .rst_n(rst_n), .flush(1'b0),
        .start(start), .count({16'd0, n}), .busy(e_busy),
        .in_data(in_data), .in_two(in_two), .in_valid(in_valid), .in_ready(e_in_ready),
        .out_data(e_out_data), .out_valid(e_out_valid), .out_ready(d_in_ready),
        .out_last(e_out_last)
    );
    rs_rlc_dec #(.DW(DW)) dec (
        .clk(clk), .rst_n(rst_n), .flush(1'b0),
        .start(start), .count({8'd0, n}), .tags(8'd1),
        .in_data(e_out_data), .in_valid(e_out_valid), .in_ready(d_in_ready),
        .out_data(d_out_data), .out_valid(d_out_valid), .out_ready(out_ready),
        .bad(bad)
    );

    // elements taken by the encoder (one, or two when in_two and more than
    // one is left), and the tracked one's value
    wire        take  = in_valid && e_in_ready;
    reg  [7:0]  idx = 8'd0;
    reg         got = 1'b0;
    reg  [DW-1:0] tv;
    wire        two   = in_two && (idx + 8'd1 != n);
    wire        mid   = e_out_valid && d_in_ready;          // a word passed on
    wire        oacc  = d_out_valid && out_ready;
    reg  [7:0]  ew = 8'd0;          // words passed on
    reg         e_done = 1'b0;      // the term word has been passed on
    reg         d_fin = 1'b0;       // ... last cycle
    reg  [7:0]  m_oc = 8'd0;        // payload words taken
    reg  [3:0]  idle = 4'd0;
    reg         e_hold = 1'b0, d_hold = 1'b0;
    reg  [63:0] e_last, d_last;

    wire [7:0]  outs = m_oc + d_out_valid;
    wire        fin  = e_done && m_oc == nw;                // all taken
    wire        held = (e_in_ready && !in_valid) || (d_out_valid && !out_ready);

    always @(posedge clk) begin
        if (phase == 2'd2) begin
            if (take) begin
                idx <= idx + (two ? 8'd2 : 8'd1);
                if (idx == P) begin
                    got <= 1'b1;
                    tv  <= in_data[DW-1:0];
                end else if (two && idx + 8'd1 == P) begin
                    got <= 1'b1;
                    tv  <= in_data[2*DW-1:DW];
                end
            end
            if (mid) ew <= ew + 8'd1;
            if (mid && e_out_last) e_done <= 1'b1;
            d_fin <= mid && e_out_last;
            if (oacc) m_oc <= m_oc + 8'd1;
            if (take || mid || oacc || held || fin) idle <= 4'd0;
            else                                   idle <= idle + 4'd1;
        end
        e_hold <= rst_n && e_out_valid && !d_in_ready;
        e_last <= e_out_data;
        d_hold <= rst_n && d_out_valid && !out_ready;
        d_last <= d_out_data;
    end

    wire [DW-1:0] lane = d_out_data[P[SB-1:0]*DW +: DW];
    always @(*) if (phase == 2'd2) begin
        // values
        if (d_out_valid && m_oc == (P >> SB)) begin
            if (P < n) assert(got && lane == tv);
            else       assert(lane == {DW{1'b0}});
        end
        assert(!bad);
        // counts
        assert(idx <= n);
        assert(ew + e_out_valid <= mw);
        if (e_done) assert(!e_out_valid && !e_busy && idx == n);
        if (e_out_valid && e_out_last) assert(idx == n);
        assert(outs <= nw);
        if (d_fin) assert(outs == nw);
        // no hang
        assert(idle <= IDLE);
        // valid/ready
        if (e_hold) assert(e_out_valid && e_out_data == e_last);
        if (d_hold) assert(d_out_valid && d_out_data == d_last);
    end
endmodule
