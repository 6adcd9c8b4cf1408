// rs_requant: the arithmetic contract's output step, as two pipeline stages,
// on every psum of an output-network beat (two, or four with --psum-lanes 4).
//   raw:  out = acc (sign-extended to 32 bits)
//   else: y = (acc + 2^(shift-1)) >>> shift   (shift > 0: round half up)
//         y = saturate to DW bits, then ReLU if enabled
// The rounding is done as (acc >>> shift) + acc[shift-1], the same value for
// every shift (acc = q*2^shift + r: adding 2^(shift-1) carries into q exactly
// when r's top bit is set), so the variable shift (stage 1) and the add and
// saturation (stage 2) each get a clock cycle. The decoder accepts shifts of
// 0..PW only. A beat without a pair has zero in its high lane, and zero stays
// zero.
module rs_requant #(
    parameter DW = 16,
    parameter PW = 32,
    parameter TW = 16,      // tag bits, passed through
    parameter L  = 2        // psums a beat carries
) (
    input  wire            clk,
    input  wire            rst_n,
    input  wire            cfg_raw,
    input  wire [5:0]      cfg_shift,
    input  wire            cfg_relu,
    input  wire            in_valid,
    input  wire [L*PW-1:0] in_data,    // {..., psum 2w+1, psum 2w}
    input  wire            in_pair,
    input  wire [TW-1:0]   in_tag,
    output wire            in_ready,
    output wire            idle,       // no beat in either stage
    output reg             out_valid,
    output reg  [32*L-1:0] out_data,   // 32-bit results, low lane first
    output reg             out_pair,
    output reg  [TW-1:0]   out_tag,
    input  wire            out_ready
);
    localparam XW = PW + 1;

    // stage 1: the shifted value, the rounding bit, the raw value
    reg              v1;
    reg  [L*XW-1:0]  shd1;
    reg  [L-1:0]     rnd1;
    reg  [L*PW-1:0]  raw1;
    reg              pair1;
    reg  [TW-1:0]    tag1;
    wire             ready1 = !out_valid || out_ready;
    assign in_ready = !v1 || ready1;
    assign idle     = !v1 && !out_valid;

    wire [32*L-1:0] result;
    genvar l;
    generate
        for (l = 0; l < L; l = l + 1) begin : g_lane
            wire [PW-1:0]        v   = in_data[l*PW +: PW];
            wire signed [XW-1:0] acc = {v[PW-1], v};
            // arithmetic shift right by cfg_shift, a stage of constant shift
            // per bit of it, the largest first (a plain shifter by a 6-bit
            // amount, or the smallest stage first, maps to more LUTs)
            reg signed [XW-1:0] shd;
            integer k;
            always @* begin
                shd = acc;
                for (k = 5; k >= 0; k = k - 1)
                    if (cfg_shift[k])
                        shd = shd >>> (1 << k);
            end
            // the rounding bit acc[shift-1] (0 for shift 0; shift <= PW)
            wire [63:0] acc_r = {{(63-XW){acc[XW-1]}}, acc, 1'b0};
            wire        rnd   = acc_r[cfg_shift];
            always @(posedge clk)
                if (in_ready && in_valid) begin
                    shd1[l*XW +: XW] <= shd;
                    rnd1[l]          <= rnd;
                end

            // stage 2: round, saturate to DW bits (in range when the bits
            // above DW-1 all equal the sign), ReLU
            wire signed [XW-1:0] y    = shd1[l*XW +: XW] + {{(XW-1){1'b0}}, rnd1[l]};
            wire                 neg  = y[XW-1];
            wire                 fits = (y[XW-1:DW-1] == {(XW-DW+1){1'b0}}) || (y[XW-1:DW-1] == {(XW-DW+1){1'b1}});
            wire [DW-1:0]        sat  = fits ? y[DW-1:0] : {neg, {(DW-1){!neg}}};
            wire [DW-1:0]        act  = (cfg_relu && sat[DW-1]) ? {DW{1'b0}} : sat;
            wire [31:0]          q_ext = {{(32-DW){act[DW-1]}}, act};
            wire [PW-1:0]        r    = raw1[l*PW +: PW];
            wire [31:0]          raw_ext;
            if (PW < 32) begin : g_raw_ext
                assign raw_ext = {{(32-PW){r[PW-1]}}, r};
            end else begin : g_raw
                assign raw_ext = r[31:0];
            end
            assign result[l*32 +: 32] = cfg_raw ? raw_ext : q_ext;
        end
    endgenerate

    always @(posedge clk) begin
        if (in_ready && in_valid) begin
            raw1  <= in_data;
            pair1 <= in_pair;
            tag1  <= in_tag;
        end
        if (ready1 && v1) begin
            out_data <= result;
            out_pair <= pair1;
            out_tag  <= tag1;
        end
    end

    always @(posedge clk) begin
        if (!rst_n) begin
            v1        <= 1'b0;
            out_valid <= 1'b0;
        end else begin
            if (in_ready)
                v1 <= in_valid;
            if (ready1)
                out_valid <= v1;
        end
    end
endmodule
