// rs_glb_walk: the address walk of a global-buffer read: `tags` regions of
// `words` words each, region k from word addr + k*stride, word after word.
// The decoder walks the psums a DATA command takes from the buffer (SRC_GLB),
// rs_store the regions a STORE sends out; each issues the reads itself and
// says so with `step`.
//
// start (while idle) loads a walk; an empty one (no words or no tags) does
// not start. past_end says the current word lies beyond the buffer: the user
// reports ERR_GLB_RANGE and aborts the walk.
module rs_glb_walk #(
    parameter GLB_WORDS = 13824,
    parameter AW        = 24        // buffer address bits
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
    output wire [AW-1:0] rd_addr,   // the current word
    output wire        past_end
);
    localparam [31:0] LIMIT = GLB_WORDS;

    reg [23:0] cur_addr; // the current word
    reg [23:0] region;   // first word of the current region
    reg [23:0] left;     // words of the current region not yet read
    reg [7:0]  tags_left;
    reg [23:0] w_words, w_stride;

    assign past_end = {8'd0, cur_addr} >= LIMIT;
    assign rd_addr  = cur_addr[AW-1:0];   // read only when not past_end

    always @(posedge clk) begin
        if (!rst_n) begin
            active <= 1'b0;
        end else if (start) begin
            active    <= (words != 24'd0) && (tags != 8'd0);
            region    <= addr;
            cur_addr  <= addr;
            left      <= words;
            tags_left <= tags;
            w_words   <= words;
            w_stride  <= stride;
        end else if (abort) begin
            active <= 1'b0;
        end else if (step) begin
            if (left != 24'd1) begin
                left     <= left - 24'd1;
                cur_addr <= cur_addr + 24'd1;
            end else if (tags_left != 8'd1) begin
                tags_left <= tags_left - 8'd1;
                left      <= w_words;
                region    <= region + w_stride;
                cur_addr  <= region + w_stride;
            end else begin
                active <= 1'b0;
            end
        end
    end
endmodule
