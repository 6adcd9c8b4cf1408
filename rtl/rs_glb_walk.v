// rs_glb_walk: the address walk of a global-buffer read: `tags` regions of
// `words` words each, region k from word addr + k*stride. rs_psum_feed walks
// the psums a DATA command takes from the buffer region after region
// (WORD_MAJOR = 0); rs_store walks the regions a STORE sends out word-major
// (WORD_MAJOR = 1: word 0 of every region, then word 1, ...), the order in
// which the next pass writes them, so that pass can follow the STORE closely
// (rs_psum_store). Each user issues the reads itself and says so with `step`;
// pos_word and pos_tag say which word of which region is the current one.
//
// start (while idle) loads a walk; an empty one (no words or no tags) does
// not start. past_end says the current word lies beyond the buffer: the user
// reports ERR_GLB_RANGE and aborts the walk.
module rs_glb_walk #(
    parameter GLB_WORDS  = 13824,
    parameter AW         = 24,       // buffer address bits
    parameter WORD_MAJOR = 0
) (
    input  wire        clk,
    input  wire        rst_n,        // also the users' flush
    input  wire        start,
    input  wire [23:0] addr,
    input  wire [23:0] stride,
    input  wire [23:0] words,
    input  wire [7:0]  tags,
    input  wire        step,         // the word at rd_addr was read this cycle
    input  wire        abort,        // stop walking (an error)
    output reg         active,
    output wire [AW-1:0] rd_addr,    // the current word
    output wire        past_end,
    output reg  [23:0] pos_word,     // the current word's index in its region
    output reg  [7:0]  pos_tag       // its region
);
    localparam [31:0] LIMIT = GLB_WORDS;

    reg [23:0] cur_addr;  // the current word
    reg [23:0] line;      // region-major: the current region's first word;
                          // word-major: word pos_word of region 0
    reg [23:0] w_words, w_stride;
    reg [7:0]  w_tags;

    assign past_end = {8'd0, cur_addr} >= LIMIT;
    assign rd_addr  = cur_addr[AW-1:0];   // read only when not past_end

    wire last_word = (pos_word == w_words - 24'd1);
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
                    pos_word <= pos_word + 24'd1;
                    cur_addr <= cur_addr + 24'd1;
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
