// rs_psum_store: puts the raw psums of a pass into the global buffer, where the
// next pass reads them back as its psum input (DATA with SRC_GLB).
//
// Psums leave a chain top in a fixed order (position by position, nf filters
// each), so no address travels with them: column j's psums fill the region
// base + j*stride (in 64-bit words) slot after slot, and every position starts
// on a word boundary (an odd nf leaves the last slot of its word unused). That
// is exactly the layout a psum DATA command reads: tag j from word
// base + j*stride + position*ceil(nf/2), nf values; an unused slot reads
// zero. Counters restart with
// every CONFIG (clear).
module rs_psum_store #(
    parameter COLS      = 14,
    parameter AW        = 24,
    parameter GLB_WORDS = 13824
) (
    input  wire          clk,
    input  wire          rst_n,
    input  wire          clear,
    input  wire [7:0]    cfg_nf,
    input  wire [23:0]   cfg_base,
    input  wire [23:0]   cfg_stride,

    input  wire          in_valid,     // always taken
    input  wire [31:0]   in_value,
    input  wire [7:0]    in_col,

    output reg           wr_en,
    output reg  [1:0]    wr_mask,
    output reg  [AW-1:0] wr_addr,
    output reg  [63:0]   wr_data,
    output reg           range_error   // a psum fell outside the buffer
);
    localparam [31:0] LIMIT = GLB_WORDS;
    localparam integer CW = (COLS > 1) ? $clog2(COLS) : 1;   // column-index bits
    localparam integer NC = 1 << CW;

    reg [23:0] slot [0:NC-1];     // next slot of each column's region
    reg [7:0]  fil  [0:NC-1];     // filter index of the next psum

    wire [CW-1:0] col = in_col[CW-1:0];
    wire [23:0] s     = slot[col];
    wire [31:0] word  = {8'd0, cfg_base} + {24'd0, in_col} * {8'd0, cfg_stride} + {9'd0, s[23:1]};
    wire        wrap  = (fil[col] + 8'd1 == cfg_nf);

    integer j;
    always @(posedge clk) begin
        if (!rst_n || clear) begin
            for (j = 0; j < NC; j = j + 1) begin
                slot[j] <= 24'd0;
                fil[j]  <= 8'd0;
            end
            wr_en       <= 1'b0;
            range_error <= 1'b0;
        end else begin
            wr_en <= in_valid && (word < LIMIT);
            if (in_valid) begin
                wr_addr <= word[AW-1:0];
                // the last psum of a position in a low slot (odd nf) also
                // zeroes the unused high slot, so a STORE sends no stale bits
                wr_mask <= s[0] ? 2'b10 : (wrap ? 2'b11 : 2'b01);
                wr_data <= {wrap && !s[0] ? 32'd0 : in_value, in_value};
                if (word >= LIMIT)
                    range_error <= 1'b1;
                // a new position starts on an even slot
                slot[col] <= wrap ? ((s + 24'd2) & ~24'd1) : s + 24'd1;
                fil[col]  <= wrap ? 8'd0 : fil[col] + 8'd1;
            end
        end
    end
    // column tags above CW bits never come from a chain top of this array
    wire unused_ok = &{1'b0, in_col};
endmodule
