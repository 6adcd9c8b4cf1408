// rs_arb: round-robin arbiter with a registered output stage, used for the
// global output network (one per row, then one across the rows). Every input
// gets a turn; the output register cuts the timing path between levels.
// out_idx tells which input the word came from.
module rs_arb #(
    parameter N  = 4,
    parameter W  = 32,
    parameter IW = 2        // width of out_idx, >= clog2(N), at least 1
) (
    input  wire           clk,
    input  wire           rst_n,
    input  wire [N-1:0]   in_valid,
    input  wire [N*W-1:0] in_data,
    output wire [N-1:0]   in_ready,
    output reg            out_valid,
    output reg  [W-1:0]   out_data,
    output reg  [IW-1:0]  out_idx,
    input  wire           out_ready
);
    reg [IW-1:0] last;      // index granted most recently
    reg [IW-1:0] grant;
    reg          found;
    integer k;

    // first valid input after `last`, wrapping around
    always @* begin
        found = 1'b0;
        grant = {IW{1'b0}};
        for (k = 0; k < N; k = k + 1)
            if (!found && in_valid[k] && (k > last)) begin
                found = 1'b1;
                grant = k[IW-1:0];
            end
        for (k = 0; k < N; k = k + 1)
            if (!found && in_valid[k]) begin
                found = 1'b1;
                grant = k[IW-1:0];
            end
    end

    wire load = !out_valid || out_ready;

    genvar g;
    generate
        for (g = 0; g < N; g = g + 1) begin : g_ready
            assign in_ready[g] = load && found && (grant == g[IW-1:0]);
        end
    endgenerate

    always @(posedge clk) begin
        if (!rst_n) begin
            out_valid <= 1'b0;
            last      <= {IW{1'b0}};
        end else if (load) begin
            out_valid <= found;
            if (found) begin
                out_data <= in_data[grant*W +: W];
                out_idx  <= grant;
                last     <= grant;
            end
        end
    end
endmodule
