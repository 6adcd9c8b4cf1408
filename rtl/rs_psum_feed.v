// rs_psum_feed: the psum bus's own reader. A psum DATA command (always
// SRC_GLB) hands it TAGS regions of the global buffer, tag k's COUNT psums
// from word ADDR + k*STRIDE (two 32-bit slots a word, low slot first); it
// reads them and puts them on the psum bus as beats of one or two psums, tag
// k with column tag COL + k, while the decoder goes on feeding ifmaps. So the
// psums a position adds to (the bias, or an earlier pass's partial sums) no
// longer take turns with the ifmap stream on one bus.
//
// A four-word queue (reads issued while queue + pending < 4, one cycle of
// read latency) keeps a beat per cycle flowing. A word past the buffer's end
// raises range_error (one cycle) and abandons the rest; flush drops all.
module rs_psum_feed #(
    parameter ID_W      = 8,
    parameter GLB_AW    = 24,
    parameter GLB_WORDS = 13824
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
    output reg             range_error,

    // global-buffer read port (it goes first)
    output wire            rd_en,
    output wire [GLB_AW-1:0] rd_addr,
    input  wire [63:0]     rd_data,

    // psum bus
    output reg  [ID_W-1:0] bus_row_tag,
    output reg  [ID_W-1:0] bus_col_tag,
    output reg  [63:0]     bus_data,
    output reg  [1:0]      bus_lanes,
    output reg             bus_valid,
    input  wire            bus_ready
);
    wire        live = rst_n && !flush;
    wire        w_active, w_range;
    wire [23:0] w_word;
    wire [7:0]  w_tag;
    reg         pending;           // a read was issued last cycle
    reg  [63:0] q_data [0:3];
    reg  [1:0]  q_rd, q_wr;
    reg  [2:0]  q_count;
    reg  [15:0] c_count;           // psums per tag
    reg  [15:0] c_left;            // psums of the current tag not yet on the bus
    reg  [ID_W-1:0] c_row, c_col;

    wire issue = w_active && ({1'b0, q_count} + {3'd0, pending} < 4'd4);
    assign rd_en = issue && !w_range;

    rs_glb_walk #(.GLB_WORDS(GLB_WORDS), .AW(GLB_AW)) u_walk (
        .clk(clk), .rst_n(live),
        .start(start), .addr(addr), .stride(stride), .words({8'd0, (count + 16'd1) >> 1}), .tags(tags),
        .step(rd_en), .abort(issue && w_range),
        .active(w_active), .rd_addr(rd_addr), .past_end(w_range),
        .pos_word(w_word), .pos_tag(w_tag)
    );
    wire unused_pos = &{1'b0, w_word, w_tag};   // the beats count their own tags

    wire        advance = !bus_valid || bus_ready;
    wire        pop     = advance && (q_count != 3'd0);
    wire [15:0] lanes   = (c_left < 16'd2) ? c_left : 16'd2;

    assign idle = !w_active && !pending && (q_count == 3'd0) && !bus_valid;

    always @(posedge clk) begin
        if (pending)
            q_data[q_wr] <= rd_data;
    end

    always @(posedge clk) begin
        if (!live) begin
            pending     <= 1'b0;
            q_rd        <= 2'd0;
            q_wr        <= 2'd0;
            q_count     <= 3'd0;
            bus_valid   <= 1'b0;
            range_error <= 1'b0;
            c_count     <= 16'd0;
            c_left      <= 16'd0;
        end else begin
            range_error <= issue && w_range;
            pending     <= rd_en;
            if (pending)
                q_wr <= q_wr + 2'd1;
            if (pop)
                q_rd <= q_rd + 2'd1;
            q_count <= q_count + {2'd0, pending} - {2'd0, pop};

            if (start) begin
                c_row   <= row_tag;
                c_col   <= col_tag;
                c_count <= count;
                c_left  <= count;
            end

            if (pop) begin
                bus_row_tag <= c_row;
                bus_col_tag <= c_col;
                bus_data    <= q_data[q_rd];
                bus_lanes   <= lanes[1:0];
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
