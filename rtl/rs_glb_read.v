// rs_glb_read: a global-buffer reader: `tags` regions of `words` words each,
// region k from word addr + k*stride, read into a four-word queue and handed
// out word by word (out_*). rs_psum_feed reads the psums a DATA command takes
// from the buffer region after region (WORD_MAJOR = 0); rs_store reads the
// regions a STORE sends out word-major (WORD_MAJOR = 1: word 0 of every
// region, then word 1, ...), the order in which the next pass writes them, so
// that pass can follow the STORE closely (rs_psum_store); pos_word and
// pos_tag say which word of which region is read next (every word before it
// has been read).
//
// WIDE = 1 (rs_psum_feed of a four-psum path, region-major only): a read
// takes two words at once (rd_wide, from rs_glb_wide) where the next word is
// even and its region has two more; out_two says the entry holds both.
//
// A read is requested (rd_req) while queue + reads in flight < 4 and happens
// when granted (rd_grant; the data comes one cycle later), so a word per
// cycle flows. start (while idle) loads a walk; an empty one (no words or no
// tags) reads nothing. A word past the buffer's end raises range_error (one
// cycle) and abandons the rest.
module rs_glb_read #(
    parameter GLB_WORDS  = 13824,
    parameter AW         = 24,       // buffer address bits
    parameter WORD_MAJOR = 0,
    parameter WIDE       = 0,
    parameter OW         = WIDE ? 128 : 64   // bits of a read and of an entry
) (
    input  wire        clk,
    input  wire        rst_n,        // also the users' flush
    input  wire        start,
    input  wire [23:0] addr,
    input  wire [23:0] stride,
    input  wire [23:0] words,
    input  wire [7:0]  tags,
    output reg         active,       // words still to be read
    output wire        busy,         // active, or words still to hand out
    output reg         range_error,
    output reg  [23:0] pos_word,     // the next word's index in its region
    output reg  [7:0]  pos_tag,      // its region

    output wire        rd_req,
    output wire [AW-1:0] rd_addr,
    output wire        rd_wide,      // the read takes words rd_addr and rd_addr + 1
    input  wire        rd_grant,
    input  wire [OW-1:0] rd_data,    // the word(s) granted in the last cycle

    output wire [OW-1:0] out_data,
    output wire        out_two,      // out_data holds two words
    output wire        out_valid,
    input  wire        out_ready
);
    localparam [31:0] LIMIT = GLB_WORDS;

    reg [23:0] cur_addr;  // the current word
    reg [23:0] line;      // region-major: the current region's first word;
                          // word-major: word pos_word of region 0
    reg [23:0] w_words, w_stride;
    reg [7:0]  w_tags;

    wire   past_end = {8'd0, cur_addr} >= LIMIT;
    assign rd_addr  = cur_addr[AW-1:0];   // read only when not past_end
    // two words: an even word with its region's next one, both in the buffer
    wire   two      = (WIDE != 0) && (WORD_MAJOR == 0) && !cur_addr[0] && (w_words - pos_word >= 24'd2) &&
                      ({8'd0, cur_addr} + 32'd1 < LIMIT);
    assign rd_wide  = two;

    // the queue
    reg         pending;       // a read was granted last cycle
    reg         pending_two;
    reg  [OW-1:0] q [0:3];
    reg  [3:0]  q_two;
    reg  [1:0]  q_rd, q_wr;
    reg  [2:0]  q_count;
    assign rd_req    = active && !past_end && ({1'b0, q_count} + {3'd0, pending} < 4'd4);
    wire   step      = rd_req && rd_grant;
    wire   abort     = active && past_end;
    wire   pop       = out_valid && out_ready;
    assign out_valid = (q_count != 3'd0);
    assign out_data  = q[q_rd];
    assign out_two   = q_two[q_rd];
    assign busy      = active || pending || out_valid;

    always @(posedge clk) begin
        if (step)
            pending_two <= two;
        if (pending) begin
            q[q_wr]     <= rd_data;
            q_two[q_wr] <= pending_two;
        end
    end

    always @(posedge clk) begin
        if (!rst_n) begin
            pending     <= 1'b0;
            q_rd        <= 2'd0;
            q_wr        <= 2'd0;
            q_count     <= 3'd0;
            range_error <= 1'b0;
        end else begin
            range_error <= abort && !start;
            pending     <= step;
            if (pending)
                q_wr <= q_wr + 2'd1;
            if (pop)
                q_rd <= q_rd + 2'd1;
            q_count <= q_count + {2'd0, pending} - {2'd0, pop};
        end
    end

    wire [23:0] n_step = two ? 24'd2 : 24'd1;   // words this step reads
    // (one word a step: the compare of before, with no adder ahead of it)
    wire last_word = (WIDE != 0) ? (pos_word + n_step == w_words) : (pos_word == w_words - 24'd1);
    wire last_tag  = (pos_tag == w_tags - 8'd1);

    always @(posedge clk) begin
        if (!rst_n) begin
            active <= 1'b0;
        end else if (start) begin
            active   <= (words != 24'd0) && (tags != 8'd0);
            line     <= addr;
            cur_addr <= addr;
            pos_word <= 24'd0;
            pos_tag  <= 8'd0;
            w_words  <= words;
            w_tags   <= tags;
            w_stride <= stride;
        end else if (abort) begin
            active <= 1'b0;
        end else if (step) begin
            if (WORD_MAJOR == 0) begin
                if (!last_word) begin
                    pos_word <= pos_word + n_step;
                    cur_addr <= cur_addr + n_step;
                end else if (!last_tag) begin
                    pos_word <= 24'd0;
                    pos_tag  <= pos_tag + 8'd1;
                    line     <= line + w_stride;
                    cur_addr <= line + w_stride;
                end else begin
                    active <= 1'b0;
                end
            end else begin
                if (!last_tag) begin
                    pos_tag  <= pos_tag + 8'd1;
                    cur_addr <= cur_addr + w_stride;
                end else if (!last_word) begin
                    pos_tag  <= 8'd0;
                    pos_word <= pos_word + 24'd1;
                    line     <= line + 24'd1;
                    cur_addr <= line + 24'd1;
                end else begin
                    active <= 1'b0;
                end
            end
        end
    end
endmodule
