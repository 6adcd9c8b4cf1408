// rs_skid: a register slice for a valid/ready stream. Both directions are
// registered (out_data, out_valid and in_ready come straight from flip-flops),
// so neither side's logic reaches the other's in one cycle; one beat a cycle
// passes through, one cycle after it entered. Two entries: the output register
// and a skid register that catches the beat accepted while the output stalls.
module rs_skid #(
    parameter W = 64
) (
    input  wire         clk,
    input  wire         rst_n,
    input  wire         flush,        // drop both entries

    input  wire [W-1:0] in_data,
    input  wire         in_valid,
    output reg          in_ready,

    output reg  [W-1:0] out_data,
    output reg          out_valid,
    input  wire         out_ready,
    output wire         empty         // no beat held
);
    reg [W-1:0] skid_data;
    reg         skid_valid;

    wire push = in_valid && in_ready;
    wire pop  = out_valid && out_ready;

    assign empty = !out_valid && !skid_valid;

    always @(posedge clk) begin
        if (push && out_valid && !pop)
            skid_data <= in_data;
        if (!out_valid || pop)
            out_data <= skid_valid ? skid_data : in_data;
    end

    always @(posedge clk) begin
        if (!rst_n || flush) begin
            out_valid  <= 1'b0;
            skid_valid <= 1'b0;
            in_ready   <= 1'b1;
        end else begin
            if (!out_valid || pop) begin
                out_valid  <= skid_valid || push;
                skid_valid <= 1'b0;
                in_ready   <= 1'b1;
            end else if (push) begin
                skid_valid <= 1'b1;
                in_ready   <= 1'b0;
            end
        end
    end
endmodule
