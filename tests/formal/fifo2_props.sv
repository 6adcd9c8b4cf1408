// Properties of rtl/rs_fifo2.v against a reference model, as fifo_props.sv
// for rs_fifo, with the reader free to take one or two beats (out_two, only
// when out_valid2): a count of the beats inside and one tracked beat that the
// solver picks (input `pick`); it must leave exactly when the beats ahead of
// it have left, as out_data when it is the first taken, as out_data2 when it
// is the second of a pair, with its data. Environment: free inputs every
// cycle (valid, data, ready, two, reset); reset is asserted in the first cycle.
module fifo2_props #(
    parameter W     = 4,
    parameter DEPTH = 3
) (
    input wire         clk,
    input wire         rst_n,
    input wire         in_valid,
    input wire [W-1:0] in_data,
    input wire         out_ready,
    input wire         out_two,
    input wire         pick
);
    wire         in_ready, out_valid, out_valid2;
    wire [W-1:0] out_data, out_data2;

    // the reader asks for two only when two are there (rs_out_net does)
    always @(*) if (out_two) assume(out_valid2);

    rs_fifo2 #(.W(W), .DEPTH(DEPTH)) dut (
        .clk(clk), .rst_n(rst_n),
        .in_valid(in_valid), .in_ready(in_ready), .in_data(in_data),
        .out_valid(out_valid), .out_valid2(out_valid2), .out_ready(out_ready), .out_two(out_two),
        .out_data(out_data), .out_data2(out_data2)
    );

    localparam CW = $clog2(DEPTH + 1) + 1;
    wire          push  = in_valid && in_ready;
    wire          pop   = out_valid && out_ready;
    wire [CW-1:0] taken = pop ? (out_two ? 2 : 1) : 0;

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
            occ      <= occ + push - taken;
            out_hold <= out_valid && !out_ready;
            out_last <= out_data;
            if (!tr && push && pick) begin
                tr    <= 1'b1;
                ahead <= occ - taken;
                tdata <= in_data;
            end else if (tr && pop) begin
                if (ahead < taken) tr <= 1'b0;
                else               ahead <= ahead - taken;
            end
        end
    end

    always @(*) if (started) begin
        assert(occ <= DEPTH);
        assert(in_ready   == (occ != DEPTH));    // takes a beat whenever it has room
        assert(out_valid  == (occ != 0));        // offers a beat whenever it holds one
        assert(out_valid2 == (occ >= 2));        // and a second whenever it holds two
        if (tr) assert(ahead < occ);
        if (tr && pop && ahead == 0) assert(out_data == tdata);
        if (tr && pop && out_two && ahead == 1) assert(out_data2 == tdata);
        // a beat offered and not taken stays offered, unchanged (valid/ready)
        if (out_hold) assert(out_valid && out_data == out_last);
    end
endmodule
