// Properties of rtl/rs_fifo.v against a reference model: a count of the
// beats inside (pushes minus pops) and one tracked beat. The solver picks any
// push to track (input `pick`); the model records its data and how many beats
// are ahead of it, and the beat must leave exactly when those have left, with
// its data. Since any beat can be picked, no beat is lost, duplicated,
// reordered or changed. Environment: free inputs every cycle (valid, data,
// ready, reset); reset is asserted in the first cycle.
module fifo_props #(
    parameter W     = 4,
    parameter DEPTH = 3
) (
    input wire         clk,
    input wire         rst_n,
    input wire         in_valid,
    input wire [W-1:0] in_data,
    input wire         out_ready,
    input wire         pick
);
    wire         in_ready, out_valid;
    wire [W-1:0] out_data;

    rs_fifo #(.W(W), .DEPTH(DEPTH)) dut (
        .clk(clk), .rst_n(rst_n),
        .in_valid(in_valid), .in_ready(in_ready), .in_data(in_data),
        .out_valid(out_valid), .out_ready(out_ready), .out_data(out_data)
    );

    localparam CW = $clog2(DEPTH + 1) + 1;
    wire push = in_valid && in_ready;
    wire pop  = out_valid && out_ready;

    reg          started = 1'b0;    // a reset edge has been seen
    reg [CW-1:0] occ;               // beats inside, by the model
    reg          tr;                // the tracked beat is inside
    reg [CW-1:0] ahead;             // beats to leave before it
    reg [W-1:0]  tdata;
    reg          out_hold;          // last cycle offered a beat that was not taken
    reg [W-1:0]  out_last;

    always @(*) if (!started) assume(!rst_n);

    always @(posedge clk) begin
        if (!rst_n) begin
            started  <= 1'b1;
            occ      <= 0;
            tr       <= 1'b0;
            out_hold <= 1'b0;
        end else begin
            occ      <= occ + push - pop;
            out_hold <= out_valid && !out_ready;
            out_last <= out_data;
            if (!tr && push && pick) begin
                tr    <= 1'b1;
                ahead <= occ - pop;
                tdata <= in_data;
            end else if (tr && pop) begin
                if (ahead == 0) tr <= 1'b0;
                else            ahead <= ahead - 1'b1;
            end
        end
    end

    always @(*) if (started) begin
        assert(occ <= DEPTH);
        assert(in_ready  == (occ != DEPTH));     // takes a beat whenever it has room
        assert(out_valid == (occ != 0));         // offers a beat whenever it holds one
        if (tr) assert(ahead < occ);
        if (tr && pop && ahead == 0) assert(out_data == tdata);
        // a beat offered and not taken stays offered, unchanged (valid/ready)
        if (out_hold) assert(out_valid && out_data == out_last);
    end
endmodule
