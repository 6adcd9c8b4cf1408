// Properties of fpga/rs_uart_fifo.v against a reference model: a count of
// the words inside and one tracked word (see fifo_props.sv). The model says
// which words the FIFO keeps: a word offered while there is room, or while
// full in a cycle that pops one; any other is dropped and `overflow` pulses
// in the next cycle. Environment: free inputs every cycle (the UART receiver
// does not wait); reset is asserted in the first cycle.
module uart_fifo_props #(
    parameter W     = 4,
    parameter DEPTH = 4
) (
    input wire         clk,
    input wire         rst_n,
    input wire         in_valid,
    input wire [W-1:0] in_data,
    input wire         out_ready,
    input wire         pick
);
    wire         out_valid, overflow;
    wire [W-1:0] out_data;

    rs_uart_fifo #(.WIDTH(W), .DEPTH(DEPTH)) dut (
        .clk(clk), .rst_n(rst_n), .in_data(in_data), .in_valid(in_valid),
        .out_data(out_data), .out_valid(out_valid), .out_ready(out_ready),
        .overflow(overflow)
    );

    localparam CW = $clog2(DEPTH + 1) + 1;
    reg          started = 1'b0;
    reg [CW-1:0] occ;
    wire pop  = out_ready && occ != 0;                       // by the model
    wire keep = in_valid && (occ != DEPTH || pop);
    reg          tr;
    reg [CW-1:0] ahead;
    reg [W-1:0]  tdata;
    reg          dropped;           // last cycle dropped a word
    reg          out_hold;
    reg [W-1:0]  out_last;

    always @(*) if (!started) assume(!rst_n);

    always @(posedge clk) begin
        if (!rst_n) begin
            started  <= 1'b1;
            occ      <= 0;
            tr       <= 1'b0;
            dropped  <= 1'b0;
            out_hold <= 1'b0;
        end else begin
            occ      <= occ + keep - pop;
            dropped  <= in_valid && !keep;
            out_hold <= out_valid && !out_ready;
            out_last <= out_data;
            if (!tr && keep && pick) begin
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
        assert(out_valid == (occ != 0));
        assert(overflow == dropped);
        if (tr) assert(ahead < occ);
        if (tr && pop && ahead == 0) assert(out_data == tdata);
        if (out_hold) assert(out_valid && out_data == out_last);
    end
endmodule
