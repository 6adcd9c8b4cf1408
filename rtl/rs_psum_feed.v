// rs_psum_feed: the psum bus's own reader. A psum DATA command (always
// SRC_GLB) hands it TAGS regions of the global buffer, tag k's COUNT psums
// from word ADDR + k*STRIDE (two 32-bit slots a word, low slot first); it
// reads them and puts them on the psum bus as beats of one or two psums, tag
// k with column tag COL + k, while the decoder goes on feeding ifmaps. So the
// psums a position adds to (the bias, or an earlier pass's partial sums) no
// longer take turns with the ifmap stream on one bus.
//
// rs_glb_read reads the words (a beat per cycle; the feed's reads go before
// rs_store's). With PSL = 4 (a four-psum path) a beat takes two words, up to
// four psums of one tag, where the tag's next word is even and it has two
// more. A word past the buffer's end raises range_error (one cycle) and
// abandons the rest; flush drops all.
module rs_psum_feed #(
    parameter ID_W      = 8,
    parameter GLB_AW    = 24,
    parameter GLB_WORDS = 13824,
    parameter PSL       = 2,            // psums a beat carries at most: 2 or 4
    parameter OW        = 32 * PSL      // bits of a buffer read and of a beat
) (
    input  wire            clk,
    input  wire            rst_n,
    input  wire            flush,       // the layer stopped

    input  wire            start,       // while idle
    input  wire [ID_W-1:0] row_tag,
    input  wire [ID_W-1:0] col_tag,     // tag 0's column tag
    input  wire [15:0]     count,       // psums per tag
    input  wire [7:0]      tags,
    input  wire [23:0]     addr,
    input  wire [23:0]     stride,
    output wire            idle,
    output wire            range_error,

    // global-buffer read port (it goes first)
    output wire            rd_en,
    output wire [GLB_AW-1:0] rd_addr,
    output wire            rd_wide,
    input  wire [OW-1:0]   rd_data,

    // psum bus
    output reg  [ID_W-1:0] bus_row_tag,
    output reg  [ID_W-1:0] bus_col_tag,
    output reg  [OW-1:0]   bus_data,
    output reg  [2:0]      bus_lanes,
    output reg             bus_valid,
    input  wire            bus_ready
);
    wire        live = rst_n && !flush;
    wire        r_active, r_busy, r_valid, r_two;
    wire [OW-1:0] r_data;
    wire [23:0] r_word;
    wire [7:0]  r_tag;
    reg  [15:0] c_count;           // psums per tag
    reg  [15:0] c_left;            // psums of the current tag not yet on the bus
    reg  [ID_W-1:0] c_row, c_col;

    wire        advance = !bus_valid || bus_ready;
    wire        pop     = advance && r_valid;
    wire [15:0] most    = r_two ? 16'd4 : 16'd2;   // psums in the entry's words
    wire [15:0] lanes   = (c_left < most) ? c_left : most;

    rs_glb_read #(.GLB_WORDS(GLB_WORDS), .AW(GLB_AW), .WIDE(PSL == 4 ? 1 : 0), .OW(OW)) u_read (
        .clk(clk), .rst_n(live),
        .start(start), .addr(addr), .stride(stride), .words({8'd0, (count + 16'd1) >> 1}), .tags(tags),
        .active(r_active), .busy(r_busy), .range_error(range_error), .pos_word(r_word), .pos_tag(r_tag),
        .rd_req(rd_en), .rd_addr(rd_addr), .rd_wide(rd_wide), .rd_grant(1'b1), .rd_data(rd_data),
        .out_data(r_data), .out_two(r_two), .out_valid(r_valid), .out_ready(advance)
    );
    wire unused_pos = &{1'b0, r_active, r_word, r_tag};   // the beats count their own tags

    assign idle = !r_busy && !bus_valid;

    always @(posedge clk) begin
        if (!live) begin
            bus_valid   <= 1'b0;
            c_count     <= 16'd0;
            c_left      <= 16'd0;
        end else begin
            if (start) begin
                c_row   <= row_tag;
                c_col   <= col_tag;
                c_count <= count;
                c_left  <= count;
            end

            if (pop) begin
                bus_row_tag <= c_row;
                bus_col_tag <= c_col;
                bus_data    <= r_data;
                bus_lanes   <= lanes[2:0];
                bus_valid   <= 1'b1;
                // the next word: the rest of this tag, or the next tag's
                // first (the walk knows when the last tag ends)
                if (c_left != lanes) begin
                    c_left <= c_left - lanes;
                end else begin
                    c_left <= c_count;
                    c_col  <= c_col + 1'b1;
                end
            end else if (bus_ready) begin
                bus_valid <= 1'b0;
            end
        end
    end
endmodule
