// rs_bare_pe: the least a row-stationary PE does in a MAC cycle, and nothing
// else: read a filter weight and an ifmap entry from its scratchpads,
// multiply, accumulate into a psum entry, step the three addresses. No
// buses, handshakes, zero flags, banks or counters. An array of these
// (rs_bare_array) is the yardstick `make bench-sim` measures the real model's
// simulation speed against: a PE that does a MAC every cycle does at least
// this much work in each.
module rs_bare_pe #(
    parameter DW  = 16,
    parameter PW  = 32,
    parameter IFS = 12,     // ifmap spad entries
    parameter FLS = 224,    // filter spad entries
    parameter PSS = 24      // psum spad entries
) (
    input  wire          clk,
    input  wire          rst_n,
    // one write a cycle into the spads, so that their contents are data
    input  wire          we /*verilator public_flat_rd*/,
    input  wire [DW-1:0] wdata,
    output wire [PW-1:0] psum_out
);
    // one copy of this code for all PEs, as in rs_pe (see its header)
    /* verilator no_inline_module */
    localparam FA = $clog2(FLS), XA = $clog2(IFS), PA = $clog2(PSS);
    localparam [31:0] F_LAST = FLS - 1, X_LAST = IFS - 1, P_LAST = PSS - 1;

    reg [DW-1:0]   fmem [0:FLS-1];
    reg [DW-1:0]   xbuf [0:IFS-1];
    reg [PW-1:0]   psum [0:PSS-1];
    reg [FA-1:0]   f_idx;
    reg [XA-1:0]   x_idx;
    reg [PA-1:0]   p_idx;
    reg [DW-1:0]   w_r, x_r;
    reg [PW-1:0]   prod;       // the product modulo 2^PW, as the accumulation wraps

    always @(posedge clk) begin
        if (!rst_n) begin
            f_idx <= {FA{1'b0}};
            x_idx <= {XA{1'b0}};
            p_idx <= {PA{1'b0}};
            w_r   <= {DW{1'b0}};
            x_r   <= {DW{1'b0}};
            prod  <= {PW{1'b0}};
        end else begin
            if (we) begin
                xbuf[x_idx] <= wdata;
                fmem[f_idx] <= wdata ^ {DW/2{2'b01}};
            end
            w_r  <= fmem[f_idx];
            x_r  <= xbuf[x_idx];
            prod <= $signed(w_r) * $signed(x_r);
            psum[p_idx] <= psum[p_idx] + prod;
            f_idx <= f_idx == F_LAST[FA-1:0] ? {FA{1'b0}} : f_idx + 1'b1;
            p_idx <= p_idx == P_LAST[PA-1:0] ? {PA{1'b0}} : p_idx + 1'b1;
            if (p_idx == P_LAST[PA-1:0])
                x_idx <= x_idx == X_LAST[XA-1:0] ? {XA{1'b0}} : x_idx + 1'b1;
        end
    end

    assign psum_out = psum[0];
endmodule
