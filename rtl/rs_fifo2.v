// rs_fifo2: a synchronous FIFO like rs_fifo whose reader may also take the
// two oldest entries at once (out_valid2 says there are two; out_two with
// out_ready takes both). The column queues of a four-psum output network
// (--psum-lanes 4) use it to merge two buffer words into one beat.
module rs_fifo2 #(
    parameter W     = 8,
    parameter DEPTH = 4
) (
    input  wire         clk,
    input  wire         rst_n,
    input  wire         in_valid,
    output wire         in_ready,
    input  wire [W-1:0] in_data,
    output wire         out_valid,
    output wire         out_valid2,
    input  wire         out_ready,
    input  wire         out_two,      // with out_ready: take two entries (only when out_valid2)
    output wire [W-1:0] out_data,     // the oldest entry
    output wire [W-1:0] out_data2     // the next one
);
    localparam AW = $clog2(DEPTH);
    localparam integer LAST_I = DEPTH - 1;
    localparam [AW-1:0] LAST  = LAST_I[AW-1:0];
    localparam [AW:0]   FULL  = LAST_I[AW:0] + 1'b1;

    reg [W-1:0]  mem [0:DEPTH-1];
    reg [AW-1:0] rp, wp;
    reg [AW:0]   count;

    wire [AW-1:0] rp1 = (rp == LAST) ? {AW{1'b0}} : rp + 1'b1;
    wire [AW-1:0] rp2 = (rp1 == LAST) ? {AW{1'b0}} : rp1 + 1'b1;
    wire push = in_valid && in_ready;
    wire pop  = out_valid && out_ready;
    wire pop2 = pop && out_two;
    /* verilator lint_off UNUSEDSIGNAL */
    wire [31:0] c_new = {{(31-AW){1'b0}}, count} + {31'd0, push} - (pop2 ? 32'd2 : {31'd0, pop});
    /* verilator lint_on UNUSEDSIGNAL */
    assign in_ready   = (count != FULL);
    assign out_valid  = (count != {(AW+1){1'b0}});
    assign out_valid2 = (count > {{AW{1'b0}}, 1'b1});
    assign out_data   = mem[rp];
    assign out_data2  = mem[rp1];

    always @(posedge clk)
        if (push)
            mem[wp] <= in_data;

    always @(posedge clk) begin
        if (!rst_n) begin
            rp    <= {AW{1'b0}};
            wp    <= {AW{1'b0}};
            count <= {(AW+1){1'b0}};
        end else begin
            if (push)
                wp <= (wp == LAST) ? {AW{1'b0}} : wp + 1'b1;
            if (pop)
                rp <= pop2 ? rp2 : rp1;
            count <= c_new[AW:0];
        end
    end
endmodule
