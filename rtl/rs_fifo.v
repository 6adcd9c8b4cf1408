// rs_fifo: synchronous FIFO of DEPTH entries (any DEPTH >= 2), valid/ready on
// both sides, one push and one pop per cycle. The head is read straight from
// the storage (show-ahead), which is a small distributed RAM on an FPGA.
module rs_fifo #(
    parameter W     = 8,
    parameter DEPTH = 4
) (
    input  wire         clk,
    input  wire         rst_n,
    input  wire         in_valid,
    output wire         in_ready,
    input  wire [W-1:0] in_data,
    output wire         out_valid,
    input  wire         out_ready,
    output wire [W-1:0] out_data
);
    localparam AW = $clog2(DEPTH);
    localparam integer LAST_I = DEPTH - 1;
    localparam [AW-1:0] LAST  = LAST_I[AW-1:0];
    localparam [AW:0]   FULL  = LAST_I[AW:0] + 1'b1;

    reg [W-1:0]  mem [0:DEPTH-1];
    reg [AW-1:0] rp, wp;
    reg [AW:0]   count;

    wire push = in_valid && in_ready;
    wire pop  = out_valid && out_ready;
    assign in_ready  = (count != FULL);
    assign out_valid = (count != {(AW+1){1'b0}});
    assign out_data  = mem[rp];

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
                rp <= (rp == LAST) ? {AW{1'b0}} : rp + 1'b1;
            count <= count + {{AW{1'b0}}, push} - {{AW{1'b0}}, pop};
        end
    end
endmodule
