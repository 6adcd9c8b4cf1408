// rs_requant: the arithmetic contract's output step, as a pipeline stage.
//   raw:  out = acc (sign-extended to 32 bits)
//   else: y = (acc + 2^(shift-1)) >>> shift   (shift > 0: round half up)
//         y = saturate to DW bits, then ReLU if enabled
// Computed in PW+1 bits so that adding the rounding constant never overflows.
module rs_requant #(
    parameter DW = 16,
    parameter PW = 32
) (
    input  wire          clk,
    input  wire          rst_n,
    input  wire          cfg_raw,
    input  wire [5:0]    cfg_shift,
    input  wire          cfg_relu,
    input  wire          in_valid,
    input  wire [PW-1:0] in_data,
    input  wire [15:0]   in_tag,
    output wire          in_ready,
    output reg           out_valid,
    output reg  [31:0]   out_data,
    output reg  [15:0]   out_tag,
    input  wire          out_ready
);
    localparam XW = PW + 1;

    wire signed [XW-1:0] acc   = {in_data[PW-1], in_data};
    wire signed [XW-1:0] half  = (cfg_shift == 6'd0) ? {XW{1'b0}} :
                                 ({{(XW-1){1'b0}}, 1'b1} << (cfg_shift - 6'd1));
    wire signed [XW-1:0] sum   = acc + half;
    wire signed [XW-1:0] shd   = sum >>> cfg_shift;
    wire signed [XW-1:0] maxv  = {{(XW-DW+1){1'b0}}, {(DW-1){1'b1}}};
    wire signed [XW-1:0] minv  = ~maxv;
    wire signed [XW-1:0] sat   = (shd > maxv) ? maxv : ((shd < minv) ? minv : shd);
    wire signed [XW-1:0] act   = (cfg_relu && sat[XW-1]) ? {XW{1'b0}} : sat;

    wire [31:0] raw_ext;
    wire [31:0] q_ext = {{(32-DW){act[DW-1]}}, act[DW-1:0]};
    generate
        if (PW < 32) begin : g_raw_ext
            assign raw_ext = {{(32-PW){in_data[PW-1]}}, in_data};
        end else begin : g_raw
            assign raw_ext = in_data[31:0];
        end
    endgenerate

    assign in_ready = !out_valid || out_ready;

    always @(posedge clk) begin
        if (!rst_n) begin
            out_valid <= 1'b0;
        end else if (in_ready) begin
            out_valid <= in_valid;
            if (in_valid) begin
                out_data <= cfg_raw ? raw_ext : q_ext;
                out_tag  <= in_tag;
            end
        end
    end
endmodule
