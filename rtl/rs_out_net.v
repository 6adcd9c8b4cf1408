// rs_out_net: the global output network. Each column's chain-top beats
// ({row, pair, high psum, low psum}: a buffer word) wait in the column's
// queue, which holds a whole output position (DEPTH beats), so a chain ships
// its window at full speed and computes the next one while a round-robin
// arbiter takes one beat per cycle from the queues; the beat leaves tagged
// with the (row, col) of its PE.
//
// With PSL = 4 (--psum-lanes 4) a beat may carry two words: a queue holding
// two gives both at once when the first is even in the global buffer (the
// column's region starts at base + col * stride and its words follow one
// another from there, counted since the pass's clear), so rs_glb_wide
// writes them in one cycle.
module rs_out_net #(
    parameter ROWS  = 12,
    parameter COLS  = 14,
    parameter PW    = 32,
    parameter DEPTH = 12,   // beats a column queue holds
    parameter PSL   = 2,
    parameter RW    = (ROWS > 1) ? $clog2(ROWS) : 1,
    parameter CW    = (COLS > 1) ? $clog2(COLS) : 1,
    parameter BW    = 2 * PW + 1,   // a beat: {pair, high psum, low psum}
    parameter TW    = RW + BW       // a queue entry: {row, beat}
) (
    input  wire               clk,
    input  wire               rst_n,
    input  wire               clear,            // a pass starts: its words start at its regions' starts
    input  wire               glb_base_odd,     // parity of the pass's buffer base
    input  wire               glb_stride_odd,   // and of its column stride
    input  wire [COLS-1:0]    in_valid,
    input  wire [COLS*TW-1:0] in_data,
    output wire [COLS-1:0]    in_ready,
    output wire [COLS-1:0]    busy,             // a column queue holds a beat
    output wire               out_valid,
    output wire [PSL*PW-1:0]  out_data,         // {psum 2w+1, psum 2w}, then (out_two) {2w+3, 2w+2}
    output wire [PSL/2-1:0]   out_pair,         // per word: the high psum is one (else zero)
    output wire               out_two,          // two words (PSL = 4)
    output wire [15:0]        out_tag,          // {row, col} of the producing PE
    input  wire               out_ready
);
    genvar c;
    wire [CW-1:0] col_idx;
    generate
        if (PSL == 2) begin : g_out2
            wire [COLS-1:0]    oq_valid;
            wire [COLS*TW-1:0] oq_data;
            wire [COLS-1:0]    oq_ready;
            for (c = 0; c < COLS; c = c + 1) begin : g_oq
                rs_fifo #(.W(TW), .DEPTH(DEPTH)) u_queue (
                    .clk(clk), .rst_n(rst_n),
                    .in_valid(in_valid[c]), .in_ready(in_ready[c]), .in_data(in_data[c*TW +: TW]),
                    .out_valid(oq_valid[c]), .out_ready(oq_ready[c]), .out_data(oq_data[c*TW +: TW])
                );
            end
            // one beat per cycle from the column queues; the arbiter's index is the column
            wire [TW-1:0] arb_out;
            rs_arb #(.N(COLS), .W(TW), .IW(CW)) u_out_arb (
                .clk(clk), .rst_n(rst_n),
                .in_valid(oq_valid), .in_data(oq_data), .in_ready(oq_ready),
                .out_valid(out_valid), .out_data(arb_out), .out_idx(col_idx), .out_ready(out_ready)
            );
            assign out_data = arb_out[2*PW-1:0];
            assign out_pair = arb_out[2*PW];
            assign out_two  = 1'b0;
            assign busy     = oq_valid;
            assign out_tag  = {{(8-RW){1'b0}}, arb_out[TW-1:BW], {(8-CW){1'b0}}, col_idx};
            /* verilator lint_off UNUSEDSIGNAL */
            wire unused_glb = &{1'b0, clear, glb_base_odd, glb_stride_odd};
            /* verilator lint_on UNUSEDSIGNAL */
        end else begin : g_out4
            // a queue entry is {row, beat}; the arbiter takes {two, row, beat 1, beat 0}
            localparam AWD = 1 + RW + 2 * BW;
            wire [COLS-1:0]     oq_valid, oq_ready;
            wire [COLS*AWD-1:0] oq_data;
            for (c = 0; c < COLS; c = c + 1) begin : g_oq
                wire          v2;
                wire [TW-1:0] e0, e1;
                // the parity of the column's next word in the buffer: its
                // region starts at base + c * stride, and the pass's words
                // follow one another from there
                reg           next_odd;
                wire          start_odd = glb_base_odd ^ (glb_stride_odd && (c % 2 == 1));
                wire          two = v2 && !(start_odd ^ next_odd);
                rs_fifo2 #(.W(TW), .DEPTH(DEPTH)) u_queue (
                    .clk(clk), .rst_n(rst_n),
                    .in_valid(in_valid[c]), .in_ready(in_ready[c]), .in_data(in_data[c*TW +: TW]),
                    .out_valid(oq_valid[c]), .out_valid2(v2), .out_ready(oq_ready[c]), .out_two(two),
                    .out_data(e0), .out_data2(e1)
                );
                always @(posedge clk)
                    if (!rst_n || clear)
                        next_odd <= 1'b0;
                    else if (oq_valid[c] && oq_ready[c] && !two)
                        next_odd <= !next_odd;
                /* verilator lint_off UNUSEDSIGNAL */
                wire [RW-1:0] unused_row1 = e1[TW-1:BW];
                /* verilator lint_on UNUSEDSIGNAL */
                assign oq_data[c*AWD +: AWD] = {two, e0[TW-1:BW], e1[BW-1:0], e0[BW-1:0]};
            end
            wire [AWD-1:0] arb_out;
            rs_arb #(.N(COLS), .W(AWD), .IW(CW)) u_out_arb (
                .clk(clk), .rst_n(rst_n),
                .in_valid(oq_valid), .in_data(oq_data), .in_ready(oq_ready),
                .out_valid(out_valid), .out_data(arb_out), .out_idx(col_idx), .out_ready(out_ready)
            );
            wire [BW-1:0] b0 = arb_out[BW-1:0];
            wire [BW-1:0] b1 = arb_out[2*BW-1:BW];
            assign out_data = {b1[2*PW-1:0], b0[2*PW-1:0]};
            assign out_pair = {b1[2*PW], b0[2*PW]};
            assign out_two  = arb_out[AWD-1];
            assign busy     = oq_valid;
            assign out_tag  = {{(8-RW){1'b0}}, arb_out[AWD-2 -: RW], {(8-CW){1'b0}}, col_idx};
        end
    endgenerate
endmodule
