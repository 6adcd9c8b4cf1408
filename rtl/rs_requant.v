// rs_requant: the arithmetic contract's output step, as a pipeline stage, on
// both psums of an output-network beat.
//   raw:  out = acc (sign-extended to 32 bits)
//   else: y = (acc + 2^(shift-1)) >>> shift   (shift > 0: round half up)
//         y = saturate to DW bits, then ReLU if enabled
// Computed in PW+1 bits so that adding the rounding constant never overflows.
// A beat without a pair has zero in its high lane, and zero stays zero.
module rs_requant #(
    parameter DW = 16,
    parameter PW = 32,
    parameter TW = 16       // tag bits, passed through
) (
    input  wire            clk,
    input  wire            rst_n,
    input  wire            cfg_raw,
    input  wire [5:0]      cfg_shift,
    input  wire            cfg_relu,
    input  wire            in_valid,
    input  wire [2*PW-1:0] in_data,    // {psum 2w+1, psum 2w}
    input  wire            in_pair,
    input  wire [TW-1:0]   in_tag,
    output wire            in_ready,
    output reg             out_valid,
    output reg  [63:0]     out_data,   // two 32-bit results, low lane first
    output reg             out_pair,
    output reg  [TW-1:0]   out_tag,
    input  wire            out_ready
);
    localparam XW = PW + 1;

    wire signed [XW-1:0] half = (cfg_shift == 6'd0) ? {XW{1'b0}} :
                                ({{(XW-1){1'b0}}, 1'b1} << (cfg_shift - 6'd1));

    wire [63:0] result;
    genvar l;
    generate
        for (l = 0; l < 2; l = l + 1) begin : g_lane
            wire [PW-1:0]        v   = in_data[l*PW +: PW];
            wire signed [XW-1:0] acc = {v[PW-1], v};
            wire signed [XW-1:0] sum = acc + half;
            // arithmetic shift right by cfg_shift, a stage of constant shift
            // per bit of it, the largest first (a plain shifter by a 6-bit
            // amount, or the smallest stage first, maps to more LUTs)
            reg signed [XW-1:0] shd;
            integer k;
            always @* begin
                shd = sum;
                for (k = 5; k >= 0; k = k - 1)
                    if (cfg_shift[k])
                        shd = shd >>> (1 << k);
            end
            // saturate to DW bits: in range when the bits above DW-1 all
            // equal the sign
            wire          neg  = shd[XW-1];
            wire          fits = (shd[XW-1:DW-1] == {(XW-DW+1){1'b0}}) || (shd[XW-1:DW-1] == {(XW-DW+1){1'b1}});
            wire [DW-1:0] sat  = fits ? shd[DW-1:0] : {neg, {(DW-1){!neg}}};
            wire [DW-1:0] act  = (cfg_relu && sat[DW-1]) ? {DW{1'b0}} : sat;
            wire [31:0] q_ext = {{(32-DW){act[DW-1]}}, act};
            wire [31:0] raw_ext;
            if (PW < 32) begin : g_raw_ext
                assign raw_ext = {{(32-PW){v[PW-1]}}, v};
            end else begin : g_raw
                assign raw_ext = v[31:0];
            end
            assign result[l*32 +: 32] = cfg_raw ? raw_ext : q_ext;
        end
    endgenerate

    assign in_ready = !out_valid || out_ready;

    always @(posedge clk) begin
        if (!rst_n) begin
            out_valid <= 1'b0;
        end else if (in_ready) begin
            out_valid <= in_valid;
            if (in_valid) begin
                out_data <= result;
                out_pair <= in_pair;
                out_tag  <= in_tag;
            end
        end
    end
endmodule
