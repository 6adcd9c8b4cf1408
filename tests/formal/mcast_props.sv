// Properties of multicast on a bus of rs_array: rtl/rs_mcast.v at each
// row's X-bus input (row tag against the row's ID) and in each PE (column tag
// against the PE's ID), with the array's transfer rule copied from
// rtl/rs_array.v (ready = every PE either not hit or ready; a transfer =
// valid and ready; a PE takes the item when the transfer happens and it is
// hit). Each PE's input is an rs_fifo of 2 beats, drained at will.
// Checked: a PE is hit exactly when both tags match its IDs and neither ID is
// the all-ones reset value; no hit PE is full when the transfer happens (no
// beat lost); the bus is ready whenever every hit PE is; and, for one PE
// (`tp`, any of them) and any transfer to it, the beat leaves that PE's FIFO
// once, in order, with the bus data: no beat is lost or duplicated, however
// long the item waits on the bus. Environment: the IDs are any constants (any
// configuration, unconfigured ones included); the bus source holds an item
// (valid, tags, data) unchanged until it is transferred; reset in the first
// cycle.
module mcast_props #(
    parameter ROWS = 2,
    parameter COLS = 2,
    parameter ID_W = 2,
    parameter W    = 2
) (
    input wire                 clk,
    input wire                 rst_n,
    input wire                 bus_valid,
    input wire [ID_W-1:0]      row_tag,
    input wire [ID_W-1:0]      col_tag,
    input wire [W-1:0]         bus_data,
    input wire [ROWS*COLS-1:0] pe_out_ready,
    input wire                 pick
);
    localparam NPE = ROWS * COLS;
    localparam [ID_W-1:0] ONES = {ID_W{1'b1}};

    (* anyconst *) reg [ROWS*ID_W-1:0] row_id;
    (* anyconst *) reg [NPE*ID_W-1:0]  col_id;
    (* anyconst *) reg [3:0]           tp;      // the PE whose beats are tracked
    always @(*) assume(tp < NPE);

    wire [ROWS-1:0] row_hit;
    wire [NPE-1:0]  hit, rdy, pe_out_valid;
    wire [NPE*W-1:0] pe_out_data;
    wire [NPE-1:0]  ok = ~hit | rdy;
    wire            bus_ready = &ok;
    wire            fire = bus_valid && bus_ready;

    genvar r, c;
    generate
        for (r = 0; r < ROWS; r = r + 1) begin : g_row
            rs_mcast #(.ID_W(ID_W)) u_xc (.in_valid(bus_valid), .in_tag(row_tag),
                .id(row_id[r*ID_W +: ID_W]), .hit(row_hit[r]));
            for (c = 0; c < COLS; c = c + 1) begin : g_col
                localparam integer I = r * COLS + c;
                rs_mcast #(.ID_W(ID_W)) u_pe (.in_valid(row_hit[r]), .in_tag(col_tag),
                    .id(col_id[I*ID_W +: ID_W]), .hit(hit[I]));
                rs_fifo #(.W(W), .DEPTH(2)) u_q (.clk(clk), .rst_n(rst_n),
                    .in_valid(fire && hit[I]), .in_ready(rdy[I]), .in_data(bus_data),
                    .out_valid(pe_out_valid[I]), .out_ready(pe_out_ready[I]),
                    .out_data(pe_out_data[I*W +: W]));
                // who is hit: both IDs match, neither is the reset value
                always @(*)
                    assert(hit[I] == (bus_valid
                        && row_tag == row_id[r*ID_W +: ID_W] && row_id[r*ID_W +: ID_W] != ONES
                        && col_tag == col_id[I*ID_W +: ID_W] && col_id[I*ID_W +: ID_W] != ONES));
            end
        end
    endgenerate

    reg          started = 1'b0;
    reg          pend;              // last cycle's item was not transferred
    reg [ID_W-1:0] pend_row, pend_col;
    reg [W-1:0]  pend_data;
    reg [2:0]    occ;               // beats in PE tp's FIFO, by the model
    reg          tr;
    reg [2:0]    ahead;
    reg [W-1:0]  tdata;

    wire t_push = fire && hit[tp];
    wire t_pop  = pe_out_valid[tp] && pe_out_ready[tp];

    always @(*) if (!started) assume(!rst_n);
    always @(*) if (started && pend)
        assume(bus_valid && row_tag == pend_row && col_tag == pend_col && bus_data == pend_data);

    always @(posedge clk) begin
        if (!rst_n) begin
            started <= 1'b1;
            pend    <= 1'b0;
            occ     <= 0;
            tr      <= 1'b0;
        end else begin
            pend      <= bus_valid && !bus_ready;
            pend_row  <= row_tag;
            pend_col  <= col_tag;
            pend_data <= bus_data;
            occ       <= occ + t_push - t_pop;
            if (!tr && t_push && pick) begin
                tr    <= 1'b1;
                ahead <= occ - t_pop;
                tdata <= bus_data;
            end else if (tr && t_pop) begin
                if (ahead == 0) tr <= 1'b0;
                else            ahead <= ahead - 1'b1;
            end
        end
    end

    always @(*) if (started) begin
        if (fire) assert((hit & ~rdy) == 0);                     // every hit PE takes it
        if ((hit & ~rdy) == 0) assert(bus_ready);                // no needless stall
        assert(pe_out_valid[tp] == (occ != 0));
        if (tr) assert(ahead < occ);
        if (tr && t_pop && ahead == 0) assert(pe_out_data[tp*W +: W] == tdata);
    end
endmodule
