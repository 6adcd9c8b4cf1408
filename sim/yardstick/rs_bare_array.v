// rs_bare_array: ROWS x COLS rs_bare_pe, each with its own write enable, and
// the XOR of their first psums as the output, so that Verilator can drop none
// of them.
module rs_bare_array #(
    parameter ROWS = 12,
    parameter COLS = 14,
    parameter DW   = 16,
    parameter PW   = 32,
    parameter IFS  = 12,
    parameter FLS  = 224,
    parameter PSS  = 24
) (
    input  wire          clk,
    input  wire          rst_n,
    input  wire [DW-1:0] wdata,
    output reg  [PW-1:0] sum
);
    localparam N = ROWS * COLS;
    wire [PW-1:0] outs [0:N-1];

    genvar i;
    generate
        for (i = 0; i < N; i = i + 1) begin : g_pe
            rs_bare_pe #(.DW(DW), .PW(PW), .IFS(IFS), .FLS(FLS), .PSS(PSS)) u_pe (
                .clk(clk), .rst_n(rst_n), .we(wdata[i % DW]), .wdata(wdata), .psum_out(outs[i]));
        end
    endgenerate

    integer k;
    always @(*) begin
        sum = {PW{1'b0}};
        for (k = 0; k < N; k = k + 1)
            sum = sum ^ outs[k];
    end
endmodule
