// Properties of rtl/rs_arb.v against a reference model of its one output
// register: the model records the beat of each transfer (input index and
// data) and says when a beat is waiting at the output. Checked: at most one
// input transfers per cycle; a transfer happens only when the output is free
// or being taken (no beat overwritten), and whenever the output can take one
// and some input is valid (no stall); every transferred beat is offered
// once, with its data and index, and stays offered unchanged until taken;
// round-robin: an input that stays valid sees at most N-1 transfers of other
// inputs before its own (input `fi`, any of them, is checked).
// Environment: an input that is valid and not taken stays valid with the same
// data (its source is a FIFO, as in rs_array); reset in the first cycle.
module arb_props #(
    parameter N  = 3,
    parameter W  = 3,
    parameter IW = 2
) (
    input wire           clk,
    input wire           rst_n,
    input wire [N-1:0]   in_valid,
    input wire [N*W-1:0] in_data,
    input wire           out_ready
);
    wire [N-1:0]  in_ready;
    wire          out_valid;
    wire [W-1:0]  out_data;
    wire [IW-1:0] out_idx;

    rs_arb #(.N(N), .W(W), .IW(IW)) dut (
        .clk(clk), .rst_n(rst_n), .in_valid(in_valid), .in_data(in_data),
        .in_ready(in_ready), .out_valid(out_valid), .out_data(out_data),
        .out_idx(out_idx), .out_ready(out_ready)
    );

    (* anyconst *) reg [IW-1:0] fi;     // the input whose wait is bounded
    always @(*) assume(fi < N);

    wire [N-1:0] xfer = in_valid & in_ready;
    reg  [IW-1:0] xidx;
    integer k;
    always @(*) begin
        xidx = 0;
        for (k = 0; k < N; k = k + 1)
            if (xfer[k]) xidx = k;
    end
    wire any_xfer = |xfer;

    reg           started = 1'b0;
    reg           held;             // a beat waits at the output
    reg [W-1:0]   hdata;
    reg [IW-1:0]  hidx;
    reg [N-1:0]   pend;             // last cycle's valid inputs not taken
    reg [N*W-1:0] pend_data;
    reg [IW:0]    others;           // transfers of others while fi waits

    always @(*) if (!started) assume(!rst_n);
    // a valid input not taken stays valid with the same data
    genvar g;
    generate
        for (g = 0; g < N; g = g + 1) begin : g_env
            always @(*) if (started && pend[g])
                assume(in_valid[g] && in_data[g*W +: W] == pend_data[g*W +: W]);
        end
    endgenerate

    always @(posedge clk) begin
        if (!rst_n) begin
            started <= 1'b1;
            held    <= 1'b0;
            pend    <= 0;
            others  <= 0;
        end else begin
            pend      <= in_valid & ~in_ready;
            pend_data <= in_data;
            if (any_xfer) begin
                held  <= 1'b1;
                hdata <= in_data[xidx*W +: W];
                hidx  <= xidx;
            end else if (out_ready) begin
                held <= 1'b0;
            end
            if (!in_valid[fi] || xfer[fi]) others <= 0;
            else if (any_xfer)             others <= others + 1'b1;
        end
    end

    always @(*) if (started) begin
        assert((xfer & (xfer - 1'b1)) == 0);                  // one transfer at most
        if (any_xfer) assert(!out_valid || out_ready);         // nothing overwritten
        if ((!out_valid || out_ready) && in_valid != 0) assert(any_xfer);
        assert(out_valid == held);
        if (held) assert(out_data == hdata && out_idx == hidx);
        assert(others < N);
    end
endmodule
