// rs_rlc_dec: expands a run-length-coded ifmap payload (docs/rlc.md) into the
// payload words the raw format carries: TAGS x COUNT elements, each tag's
// elements starting a new word of 64/DW lanes. The decoder (rs_decoder) puts
// these words on the ifmap bus exactly as it would raw ones.
//
// One (run, level) pair per cycle: its zeros and its level go into the word
// being built; a run longer than the word's free lanes fills the word and
// continues in the next one, so a long zero run costs one cycle per word.
//
// A malformed stream never hangs and never yields a wrong word silently: a
// pair whose run goes past the last element, a final word without the term
// bit or with non-zero pairs after the last element, a term bit before the
// end, or (DW = 8) a level outside -128..127 raise `bad` for one cycle and
// stop the expansion. A stream cut short waits for words (in_ready high);
// the command source reports the end of a stream in memory (ERR_CMD_SHORT).
module rs_rlc_dec #(
    parameter DW = 16
) (
    input  wire        clk,
    input  wire        rst_n,
    input  wire        flush,        // drop the expansion (the layer stopped)

    input  wire        start,        // a new payload: COUNT elements per tag, TAGS tags
    input  wire [15:0] count,        // >= 1
    input  wire [7:0]  tags,         // >= 1

    input  wire [63:0] in_data,      // RLC words
    input  wire        in_valid,
    output wire        in_ready,

    output reg  [63:0] out_data,     // payload words, lanes 0.. filled, the rest zero
    output reg         out_valid,
    input  wire        out_ready,

    output reg         bad           // one-cycle pulse: malformed stream
);
    localparam integer SLOTS = 64 / DW;
    localparam [5:0]  SLOTS_N  = SLOTS[5:0];
    localparam [15:0] SLOTS_16 = SLOTS[15:0];

    reg         active;
    reg  [1:0]  pidx;        // pair of the current word
    reg  [4:0]  used_z;      // zeros of the current pair already emitted
    reg  [15:0] cnt;
    reg  [15:0] tag_left;    // elements of the current tag not yet in an emitted word
    reg  [7:0]  tags_left;   // tags left, including the current one
    reg  [5:0]  olanes;      // lanes of the word being built that are filled
    reg  [63:0] build;
    // kept beside tag_left and tags_left, so that no compare of them sits in
    // a step: lanes of the word being built (a tag's last word may be short),
    // this word ends the tag, the payload; a tag's first word's lanes
    reg  [5:0]  wl;
    reg         tag_done;
    reg         last_word;
    reg  [5:0]  cnt_wl;
    reg         cnt_one;

    wire [20:0] pair  = in_data[pidx * 21 +: 21];
    wire [4:0]  run   = pair[4:0];
    wire [15:0] level = pair[20:5];
    wire        term  = in_data[63];

    wire [5:0]  room      = wl - olanes;                   // >= 1
    wire [5:0]  zr        = {1'b0, run - used_z};          // zeros of this pair still to emit
    wire        fill      = zr >= room;                    // zeros fill the rest of the word
    wire [5:0]  lane      = olanes + zr;                   // where the level goes when !fill
    wire        word_done = fill || (lane + 6'd1 == wl);
    // the next tag position when this word does not end its tag
    wire [15:0] rest      = tag_left - {10'd0, wl};
    wire        rest_one  = rest <= SLOTS_16;
    wire [5:0]  rest_wl   = rest_one ? rest[5:0] : SLOTS_N;

    // the pairs after pair k of the final word must be unused (all zero)
    wire        tail_zero = (pidx == 2'd0) ? (in_data[62:21] == 42'd0) :
                            (pidx == 2'd1) ? (in_data[62:42] == 21'd0) : 1'b1;
    wire        level_ok  = (DW >= 16) || (level[15:DW-1] == {(17-DW){level[DW-1]}});

    wire        stall = out_valid && !out_ready;
    wire        step  = active && in_valid && !stall;
    wire        ends  = word_done && last_word;            // this step completes the payload
    // malformed: run past the end, bad final word, term too early, level out of range
    wire        err_now = step && ((ends && (fill || !term || !tail_zero)) ||
                                   (!ends && !fill && pidx == 2'd2 && term) ||
                                   (!fill && !level_ok));
    wire        pop     = step && !fill && (ends || pidx == 2'd2);
    assign in_ready = active && !stall && (!in_valid || pop);

    // the built word with this step's level in place
    reg  [63:0] with_level;
    integer k;
    always @(*) begin
        with_level = build;
        for (k = 0; k < SLOTS; k = k + 1)
            if (!fill && lane == k[5:0])
                with_level[k*DW +: DW] = level[DW-1:0];
    end

    always @(posedge clk) begin
        if (!rst_n || flush) begin
            active    <= 1'b0;
            out_valid <= 1'b0;
            bad       <= 1'b0;
            pidx      <= 2'd0;
            used_z    <= 5'd0;
            olanes    <= 6'd0;
            build     <= 64'd0;
            cnt       <= 16'd0;
            tag_left  <= 16'd0;
            tags_left <= 8'd0;
            wl        <= 6'd0;
            tag_done  <= 1'b0;
            last_word <= 1'b0;
            cnt_wl    <= 6'd0;
            cnt_one   <= 1'b0;
            out_data  <= 64'd0;
        end else begin
            bad <= 1'b0;
            if (out_valid && out_ready)
                out_valid <= 1'b0;

            if (start) begin
                active    <= 1'b1;
                pidx      <= 2'd0;
                used_z    <= 5'd0;
                olanes    <= 6'd0;
                build     <= 64'd0;
                cnt       <= count;
                tag_left  <= count;
                tags_left <= tags;
                wl        <= (count <= SLOTS_16) ? count[5:0] : SLOTS_N;
                cnt_wl    <= (count <= SLOTS_16) ? count[5:0] : SLOTS_N;
                cnt_one   <= count <= SLOTS_16;
                tag_done  <= count <= SLOTS_16;
                last_word <= (count <= SLOTS_16) && tags == 8'd1;
            end else if (err_now) begin
                active <= 1'b0;
                bad    <= 1'b1;
            end else if (step) begin
                if (fill) begin
                    used_z <= used_z + room[4:0];
                end else begin
                    used_z <= 5'd0;
                    pidx   <= (pidx == 2'd2) ? 2'd0 : pidx + 2'd1;
                end
                if (word_done) begin
                    out_data  <= with_level;
                    out_valid <= 1'b1;
                    build     <= 64'd0;
                    olanes    <= 6'd0;
                    if (ends) begin
                        active <= 1'b0;
                    end else if (tag_done) begin
                        tag_left  <= cnt;
                        tags_left <= tags_left - 8'd1;
                        wl        <= cnt_wl;
                        tag_done  <= cnt_one;
                        last_word <= cnt_one && tags_left == 8'd2;
                    end else begin
                        tag_left  <= rest;
                        wl        <= rest_wl;
                        tag_done  <= rest_one;
                        last_word <= rest_one && tags_left == 8'd1;
                    end
                end else begin
                    build  <= with_level;
                    olanes <= lane + 6'd1;
                end
            end
        end
    end

endmodule
