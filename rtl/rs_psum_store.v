// rs_psum_store: puts the psums of a pass into the global buffer, where the
// next pass reads them back as its psum input (DATA with SRC_GLB) and a STORE
// sends the final ones out.
//
// A chain top sends its psums in a fixed order (position by position, nf
// filters each) as whole buffer words: psums 2w and 2w+1 of a position, or the
// last psum of an odd nf alone. So no address travels with them: column j's
// words fill the region base + j*stride one after another, ceil(nf/2) words
// per position. That is exactly the layout a psum DATA command reads: tag j
// from word base + j*stride + position*ceil(nf/2), nf values; the unused high
// slot of an odd nf is written zero, so a STORE sends no stale bits. The word
// counters restart with every CONFIG (clear).
//
// A STORE may still be reading the region this pass writes (the next tile's
// first pass, with one buffer region): if its region has this pass's base
// and stride, a word is written only once the STORE has read it (it reads
// word-major, word w of every column before word w + 1, and the pass writes
// in about that order, so it seldom waits); in_ready holds the beat until then.
//
// With PSL = 4 a beat may carry two words of a column (in_two), the first
// even in the buffer (rs_array sends two only then): one wide write
// (rs_glb_wide) puts both.
module rs_psum_store #(
    parameter COLS      = 14,
    parameter AW        = 24,
    parameter GLB_WORDS = 13824,
    parameter PSL       = 2,
    parameter NW        = PSL / 2   // words a beat may carry
) (
    input  wire          clk,
    input  wire          rst_n,
    input  wire          clear,
    input  wire [23:0]   cfg_base,
    input  wire [23:0]   cfg_stride,

    input  wire          in_valid,
    output wire          in_ready,
    input  wire [64*NW-1:0] in_data,   // {psum 2w+1, psum 2w}, 32-bit slots (then 2w+3, 2w+2)
    input  wire          in_pair,      // the high slot holds a psum
    input  wire          in_pair1,     // the same for the second word
    input  wire          in_two,       // two words (PSL = 4)
    input  wire [7:0]    in_col,

    // the STORE in flight (rs_store): its region and the next word it reads
    input  wire          hold_active,
    input  wire [23:0]   hold_base,
    input  wire [23:0]   hold_stride,
    input  wire [23:0]   hold_word,
    input  wire [7:0]    hold_tag,

    output wire          wr_next,      // wr_en in the next cycle (the port is taken)
    output reg           wr_en,
    output reg  [AW-1:0] wr_addr,
    output reg  [64*NW-1:0] wr_data,
    output reg           wr_pair,      // the write's first word carries two psums (else one)
    output reg           wr_pair1,     // its second word (wr_wide) likewise
    output reg           wr_wide,      // the write carries two words
    output reg           range_error   // a psum fell outside the buffer
);
    localparam [31:0] LIMIT = GLB_WORDS;
    localparam integer CW = (COLS > 1) ? $clog2(COLS) : 1;   // column-index bits
    localparam integer NC = 1 << CW;

    reg [23:0] next [0:NC-1];     // next word of each column's region

    wire [CW-1:0] col  = in_col[CW-1:0];
    wire          two  = (NW > 1) && in_two;
    wire [31:0]   word = {8'd0, cfg_base} + {24'd0, in_col} * {8'd0, cfg_stride} + {8'd0, next[col]};
    wire [31:0]   last = word + {31'd0, two};          // the beat's last word
    wire [23:0]   n_last = next[col] + {23'd0, two};
    // the STORE has not read the beat's last word yet (nor, then, all before it)
    wire          same = hold_active && (hold_base == cfg_base) && (hold_stride == cfg_stride);
    wire          unread = (n_last > hold_word) || ((n_last == hold_word) && (in_col >= hold_tag));
    assign in_ready = !(same && unread);
    wire          take = in_valid && in_ready;
    assign wr_next = take;

    integer j;
    always @(posedge clk) begin
        if (!rst_n || clear) begin
            for (j = 0; j < NC; j = j + 1)
                next[j] <= 24'd0;
            wr_en       <= 1'b0;
            range_error <= 1'b0;
        end else begin
            wr_en <= take && (last < LIMIT);
            if (take) begin
                wr_addr   <= word[AW-1:0];
                wr_data[63:0] <= {in_pair ? in_data[63:32] : 32'd0, in_data[31:0]};
                wr_pair   <= in_pair;
                wr_pair1  <= two && in_pair1;
                wr_wide   <= two;
                next[col] <= n_last + 24'd1;
                if (last >= LIMIT)
                    range_error <= 1'b1;
            end
        end
    end
    generate
        if (NW > 1) begin : g_word1
            always @(posedge clk)
                if (take)
                    wr_data[127:64] <= {in_pair1 ? in_data[127:96] : 32'd0, in_data[95:64]};
        end else begin : g_one
            /* verilator lint_off UNUSEDSIGNAL */
            wire unused_two = &{1'b0, in_two, in_pair1};
            /* verilator lint_on UNUSEDSIGNAL */
        end
    endgenerate
    // column tags above CW bits never come from a chain top of this array
    wire unused_ok = &{1'b0, in_col};
endmodule
