// rs_popcount: the sum of N values of EW bits each (EW = 1: the number of set
// bits), in two register stages so that no path adds more than a group: each
// group of G values is summed into a register, then the group sums into `sum`.
// `sum` shows the input of two cycles before; reset clears both stages.
module rs_popcount #(
    parameter N  = 168,
    parameter G  = 14,      // values per group (the last group may hold fewer)
    parameter EW = 1,
    parameter OW = 16
) (
    input  wire            clk,
    input  wire            rst_n,
    input  wire [N*EW-1:0] in,
    output reg  [OW-1:0]   sum
);
    localparam NG  = (N + G - 1) / G;
    localparam PAD = NG * G - N;
    localparam SW  = EW + $clog2(G + 1);     // bits of a group's sum

    // zero-padded to whole groups (one spare bit keeps the padding non-empty)
    /* verilator lint_off UNUSEDSIGNAL */
    wire [NG*G*EW:0] v = {{(PAD*EW+1){1'b0}}, in};
    /* verilator lint_on UNUSEDSIGNAL */
    wire [NG*SW-1:0] parts;
    reg  [OW-1:0]    total;
    integer k;

    genvar g;
    generate
        for (g = 0; g < NG; g = g + 1) begin : g_grp
            wire [SW-1:0] s;
            reg  [SW-1:0] p;
            if (EW == 1) begin : g_bits
                // $countones: a simulator counts a word at a time. A
                // continuous assignment, not always @*: $countones reads X
                // bits as 0, so an X-to-0 input is no event and an always @*
                // would keep its time-0 X in a 4-state simulator (Icarus)
                /* verilator lint_off UNUSEDSIGNAL */
                wire [31:0] c = $countones(v[g*G +: G]);
                /* verilator lint_on UNUSEDSIGNAL */
                assign s = c[SW-1:0];
            end else begin : g_vals
                reg [SW-1:0] t;
                integer j;
                always @* begin
                    t = {SW{1'b0}};
                    for (j = 0; j < G; j = j + 1)
                        t = t + {{(SW-EW){1'b0}}, v[(g*G+j)*EW +: EW]};
                end
                assign s = t;
            end
            always @(posedge clk) begin
                if (!rst_n)
                    p <= {SW{1'b0}};
                else
                    p <= s;
            end
            assign parts[g*SW +: SW] = p;
        end
    endgenerate

    always @* begin
        total = {OW{1'b0}};
        for (k = 0; k < NG; k = k + 1)
            total = total + {{(OW-SW){1'b0}}, parts[k*SW +: SW]};
    end

    always @(posedge clk) begin
        if (!rst_n)
            sum <= {OW{1'b0}};
        else
            sum <= total;
    end
endmodule
