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

    // first valid input after `last`, wrapping around: the lowest valid input
    // above `last` if there is one, else the lowest valid input; each found as
    // a one-hot word (x & -x) that gates an AND-OR of the data
    wire [N-1:0] above   = ({N{1'b1}} << last) << 1;   // inputs after `last`
    wire [N-1:0] req_hi  = in_valid & above;
    wire [N-1:0] pick_hi = req_hi & (~req_hi + 1'b1);
    wire [N-1:0] pick_lo = in_valid & (~in_valid + 1'b1);
    wire [N-1:0] gnt     = (|req_hi) ? pick_hi : pick_lo;
    wire         found   = |in_valid;
    reg  [IW-1:0] grant;
    reg  [W-1:0]  grant_data;
    integer k;
    always @* begin
        grant      = {IW{1'b0}};
        grant_data = {W{1'b0}};
        for (k = 0; k < N; k = k + 1) begin
            grant      = grant | ({IW{gnt[k]}} & k[IW-1:0]);
            grant_data = grant_data | ({W{gnt[k]}} & in_data[k*W +: W]);
        end
    end

    wire load = !out_valid || out_ready;

    assign in_ready = {N{load}} & gnt;

    always @(posedge clk) begin
        if (!rst_n) begin
            out_valid <= 1'b0;
            last      <= {IW{1'b0}};
        end else if (load) begin
            out_valid <= found;
            if (found) begin
                out_data <= grant_data;
                out_idx  <= grant;
                last     <= grant;
            end
        end
    end
endmodule
