// rs_store: the global buffer's way out to memory (the STORE command).
//
// A STORE names `tags` buffer regions of `words` words, region k from word
// addr + k*stride. rs_store reads them itself, in the background, word-major
// (word 0 of every region, then word 1, ...): the decoder goes on with the
// next commands (the next tile's passes), and rs_store takes the buffer's
// read port in the cycles the psum feed does not use it (rd_req / rd_grant;
// the data comes one cycle after the grant). The next tile's first pass may
// write the same region: rs_psum_store holds each write back until this walk
// has read that word (hold_*: the region and the walk's position). Each word
// holds two 32-bit slots (low first) of requantized outputs (rs_psum_store
// wrote them); their low DW bits are the values. They leave
// through the result port as one stream of 2 x words x tags values, either
// packed 64/DW per word (the last word zero-padded) or run-length coded by
// rs_rlc_enc (docs/rlc.md), which is what makes ReLU outputs cheap to write.
// A whole buffer word, two values, per cycle.
//
// start (one cycle, while idle) takes the regions and the mode; idle is high
// again once the last word has left. A region past the end of the buffer
// stops the reads and raises range_error for a cycle (the layer stops:
// ERR_GLB_RANGE).
module rs_store #(
    parameter DW        = 16,
    parameter AW        = 24,
    parameter GLB_WORDS = 13824
) (
    input  wire          clk,
    input  wire          rst_n,
    input  wire          flush,        // the layer stopped: drop everything
    input  wire          start,
    input  wire [23:0]   addr,         // first word of region 0
    input  wire [23:0]   stride,       // words from one region to the next
    input  wire [23:0]   words,        // words per region
    input  wire [7:0]    tags,         // regions
    input  wire [23:0]   total,        // words x tags (the decoder's register)
    input  wire          rlc,          // run-length code (else pack)
    output wire          idle,
    output wire          range_error,

    output wire          rd_req,       // a buffer read is wanted at rd_addr
    output wire [AW-1:0] rd_addr,
    input  wire          rd_grant,     // ... and happens this cycle
    input  wire [63:0]   rd_data,      // the word granted in the last cycle

    // the region being read and the walk's position: every word before
    // (hold_word, hold_tag) in word-major order has been read
    output wire          hold_active,
    output reg  [23:0]   hold_base,
    output reg  [23:0]   hold_stride,
    output wire [23:0]   hold_word,
    output wire [7:0]    hold_tag,

    output wire [63:0]   out_data,
    output wire          out_valid,
    input  wire          out_ready
);
    localparam integer PAIRS = 32 / DW;                          // value pairs per packed word
    localparam integer LW = (PAIRS > 1) ? $clog2(PAIRS) : 1;     // pair-index bits

    // ------------------------------------------------------ the reads
    // (an empty store sends its values at once: none, or the RLC term word)
    wire        r_busy, r_valid, pair_ready;
    wire [63:0] r_data;
    wire        r_wide, r_two;
    rs_glb_read #(.GLB_WORDS(GLB_WORDS), .AW(AW), .WORD_MAJOR(1)) u_read (
        .clk(clk), .rst_n(rst_n && !flush),
        .start(start), .addr(addr), .stride(stride), .words(words), .tags(tags),
        .active(hold_active), .busy(r_busy), .range_error(range_error), .pos_word(hold_word), .pos_tag(hold_tag),
        .rd_req(rd_req), .rd_addr(rd_addr), .rd_wide(r_wide), .rd_grant(rd_grant), .rd_data(rd_data),
        .out_data(r_data), .out_two(r_two), .out_valid(r_valid), .out_ready(pair_ready)
    );
    wire unused_narrow = &{1'b0, r_wide, r_two};   // narrow reads only

    // ------------------------------ values from the words, two per cycle
    reg         mode_rlc;
    reg  [23:0] left;          // words not yet taken from the queue

    // the word read: the low DW bits of its two slots (low slot first)
    wire            pair_valid = r_valid;
    wire [2*DW-1:0] pair       = {r_data[32 +: DW], r_data[0 +: DW]};
    wire            q_pop      = pair_valid && pair_ready;

    // words and values of the whole store
    wire [23:0] n_words = total;
    wire [23:0] count   = {n_words[22:0], 1'b0};

    // packing
    reg  [63:0]   pk_data;
    reg  [LW-1:0] pk_lane;     // pairs already in pk_data
    reg  [63:0]   pk_out;
    reg           pk_out_valid;
    wire          pk_ready = !pk_out_valid || out_ready;

    // run-length coding
    wire        enc_busy, enc_in_ready, enc_out_valid, enc_out_last;
    wire [63:0] enc_out_data;
    rs_rlc_enc #(.DW(DW)) u_enc (
        .clk(clk), .rst_n(rst_n), .flush(flush),
        .start(start && rlc), .count(count), .busy(enc_busy),
        .in_data(pair), .in_two(1'b1), .in_valid(pair_valid && mode_rlc), .in_ready(enc_in_ready),
        .out_data(enc_out_data), .out_valid(enc_out_valid), .out_ready(out_ready && mode_rlc),
        .out_last(enc_out_last)
    );

    assign pair_ready  = mode_rlc ? enc_in_ready : pk_ready;
    assign out_valid   = mode_rlc ? enc_out_valid : pk_out_valid;
    assign out_data    = mode_rlc ? enc_out_data : pk_out;
    assign idle        = !r_busy && (left == 24'd0) && !pk_out_valid && !enc_busy;

    wire [LW-1:0] lane_last = PAIRS[LW-1:0] - 1'b1;
    wire [63:0]   pk_next   = pk_data | ({{(64 - 2 * DW){1'b0}}, pair} << (2 * DW * pk_lane));

    always @(posedge clk) begin
        if (!rst_n || flush) begin
            mode_rlc     <= 1'b0;
            left         <= 24'd0;
            pk_data      <= 64'd0;
            pk_lane      <= {LW{1'b0}};
            pk_out_valid <= 1'b0;
        end else begin
            if (start) begin
                mode_rlc    <= rlc;
                left        <= n_words;
                hold_base   <= addr;
                hold_stride <= stride;
            end
            if (q_pop)
                left <= left - 24'd1;

            if (pk_out_valid && out_ready && !mode_rlc)
                pk_out_valid <= 1'b0;
            if (q_pop && !mode_rlc) begin
                if (pk_lane == lane_last || left == 24'd1) begin
                    pk_out       <= pk_next;
                    pk_out_valid <= 1'b1;
                    pk_data      <= 64'd0;
                    pk_lane      <= {LW{1'b0}};
                end else begin
                    pk_data <= pk_next;
                    pk_lane <= pk_lane + 1'b1;
                end
            end
        end
    end
    // the term word needs no special handling here (the stream ends with
    // it), and a slot's bits above DW are the value's sign extension
    wire unused_ok = &{1'b0, enc_out_last, r_data};
endmodule
