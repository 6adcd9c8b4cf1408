// rs_array: ROWS x COLS PEs with their networks.
//
// Global input network: one bus per data type (filter, ifmap, psum); filter
// and ifmap share tag and data wires (one decoder feeds them), the psum bus
// has its own (rs_psum_feed reads it from the global buffer). On each bus an
// item carries a (row, col) tag; the X-bus controller of each row
// matches the row tag against that row's ID, the controller in each PE matches
// the col tag against the PE's ID (rs_mcast). A transfer happens only when
// every target it hits is ready (multicast with back-pressure).
//
// Local network: each PE's psum output feeds the PE above, unless the PE is
// the top of its chain; tops feed the global output network (rs_out_net). A
// column has one chain top (its psums all go to the column's buffer region);
// a beat of the output network is a whole global-buffer word (two psums of a
// position, out_pair set, or the last psum of an odd nf alone), or with
// PSL = 4 (--psum-lanes 4) two words; the psum bus then carries up to four
// psums a beat too.
module rs_array #(
    parameter ROWS = 12,
    parameter COLS = 14,
    parameter DW   = 16,
    parameter PW   = 32,
    parameter IFS  = 12,
    parameter FLS  = 224,
    parameter PSS  = 24,
    parameter ID_W = 8,
    parameter ZSKIP = 0,
    parameter PSB   = 1,    // psum banks per PE
    parameter LANES = 64 / DW,  // elements a PE takes a cycle from the filter and ifmap buses
    parameter PSL   = 2         // psums a psum-bus or output-network beat carries at most: 2 or 4
) (
    input  wire            clk,
    input  wire            rst_n,
    input  wire            id_rst_n,    // clears IDs (chip reset only)

    // pass configuration
    input  wire            clear,
    input  wire [7:0]      cfg_ne,
    input  wire [7:0]      cfg_npop,
    input  wire [7:0]      cfg_nf,
    input  wire [11:0]     cfg_nw,
    input  wire            cfg_psum_bus,
    input  wire [DW-2:0]   cfg_thresh,

    // X-bus controller IDs, one row at a time
    input  wire            row_we,
    input  wire [7:0]      row_sel,
    input  wire [ID_W-1:0] row_filter_id,
    input  wire [ID_W-1:0] row_ifmap_id,
    input  wire [ID_W-1:0] row_psum_id,

    // PE IDs, one PE at a time
    input  wire            pe_we,
    input  wire [7:0]      pe_row,
    input  wire [7:0]      pe_col,
    input  wire [ID_W-1:0] pe_filter_id,
    input  wire [ID_W-1:0] pe_ifmap_id,
    input  wire [ID_W-1:0] pe_psum_id,
    input  wire            pe_enable,
    input  wire            pe_bottom,
    input  wire            pe_top,

    // filter and ifmap buses (shared tag/data wires, one valid/ready each)
    input  wire [ID_W-1:0] bus_row_tag,
    input  wire [ID_W-1:0] bus_col_tag,
    input  wire [63:0]     bus_data,
    input  wire [3:0]      bus_lanes,
    input  wire            flt_valid,
    output wire            flt_ready,
    input  wire            ifm_valid,
    input  wire            ifm_eor,
    output wire            ifm_ready,
    // psum bus (its own wires: it moves beside the other two)
    input  wire [ID_W-1:0] psm_row_tag,
    input  wire [ID_W-1:0] psm_col_tag,
    input  wire [32*PSL-1:0] psm_data,
    input  wire [2:0]      psm_lanes,
    input  wire            psm_valid,
    output wire            psm_ready,

    // where the psums of a pass go in the global buffer: the parity of its
    // base and column stride (PSL = 4: which column words are even)
    input  wire            glb_base_odd,
    input  wire            glb_stride_odd,

    // global output network
    output wire            out_valid,
    output wire [PSL*PW-1:0] out_data,  // {psum 2w+1, psum 2w}, then (out_two) {2w+3, 2w+2}
    output wire [PSL/2-1:0] out_pair,   // per word: the high psum is one (else zero)
    output wire            out_two,     // two words (PSL = 4)
    output wire [15:0]     out_tag,     // {row, col} of the producing PE
    input  wire            out_ready,

    // activity for the counters (two cycles late: rs_popcount)
    output wire [15:0]     macs_issued,
    output wire [15:0]     macs_gated,
    output wire [15:0]     flt_skips,      // MAC slots issued without a filter-spad read
    output wire [15:0]     op_loads,       // multiplier operand-register loads
    output wire [15:0]     psum_wrs,       // psum-spad writes
    output wire [23:0]     skip_entries,   // zero entries skipped (nf MAC slots each)
    output wire [15:0]     active_pes,
    output wire            idle
);
    localparam NPE = ROWS * COLS;
    localparam RW  = (ROWS > 1) ? $clog2(ROWS) : 1;

    wire flt_fire = flt_valid && flt_ready;
    wire ifm_fire = ifm_valid && ifm_ready;
    wire psm_fire = psm_valid && psm_ready;

    // per-PE bus acknowledgements: ok = not hit, or ready
    wire [NPE-1:0] flt_ok, ifm_ok, psm_ok;
    assign flt_ready = &flt_ok;
    assign ifm_ready = &ifm_ok;
    assign psm_ready = &psm_ok;

    wire [NPE-1:0] mac_iss, mac_gat, pe_idle, pe_en, pe_fsk, pe_opl, pe_pwr;
    wire [7:0]     pe_skip [0:NPE-1];

    // psum links, indexed by PE number r*COLS+c
    wire          up_valid [0:NPE-1];
    wire [PW-1:0] up_data  [0:NPE-1];
    // (only chain tops send a pair: the links carry single psums)
    /* verilator lint_off UNUSEDSIGNAL */
    wire [PW-1:0] up_hi    [0:NPE-1];
    wire          up_pair  [0:NPE-1];
    /* verilator lint_on UNUSEDSIGNAL */
    wire          up_ready [0:NPE-1];
    // (with a single row nothing sits above a PE: these go unread)
    /* verilator lint_off UNUSEDSIGNAL */
    wire          dn_ready [0:NPE-1];
    wire [NPE-1:0] is_top;
    /* verilator lint_on UNUSEDSIGNAL */

    // a beat of the output network is {pair, high psum, low psum}; the
    // column queues hold {row, beat}
    localparam BW = 2 * PW + 1;
    localparam TW = RW + BW;
    localparam OQ = (PSS + 1) / 2 > 2 ? (PSS + 1) / 2 : 2;   // beats of a position
    wire [BW-1:0]  top_beat [0:NPE-1];
    wire [COLS-1:0] oq_in_ready;
    wire [COLS-1:0] oq_busy;       // a column queue holds a beat

    genvar r, c;
    generate
        for (r = 0; r < ROWS; r = r + 1) begin : g_row
            // X-bus controller: row IDs
            reg [ID_W-1:0] filter_rid, ifmap_rid, psum_rid;
            always @(posedge clk) begin
                if (!id_rst_n) begin
                    filter_rid <= {ID_W{1'b1}};
                    ifmap_rid  <= {ID_W{1'b1}};
                    psum_rid   <= {ID_W{1'b1}};
                end else if (row_we && row_sel == r) begin
                    filter_rid <= row_filter_id;
                    ifmap_rid  <= row_ifmap_id;
                    psum_rid   <= row_psum_id;
                end
            end
            wire flt_row, ifm_row, psm_row;
            rs_mcast #(.ID_W(ID_W)) u_flt_xc (.in_valid(flt_valid), .in_tag(bus_row_tag), .id(filter_rid), .hit(flt_row));
            rs_mcast #(.ID_W(ID_W)) u_ifm_xc (.in_valid(ifm_valid), .in_tag(bus_row_tag), .id(ifmap_rid),  .hit(ifm_row));
            rs_mcast #(.ID_W(ID_W)) u_psm_xc (.in_valid(psm_valid), .in_tag(psm_row_tag), .id(psum_rid),   .hit(psm_row));

            for (c = 0; c < COLS; c = c + 1) begin : g_col
                localparam integer I = r * COLS + c;
                wire flt_hit, flt_rdy, ifm_hit, ifm_rdy, psm_hit, psm_rdy, top;
                wire          dn_v;
                wire [PW-1:0] dn_d;
                if (r == 0) begin : g_no_below
                    assign dn_v = 1'b0;
                    assign dn_d = {PW{1'b0}};
                end else begin : g_below
                    assign dn_v = up_valid[I-COLS] && !is_top[I-COLS];
                    assign dn_d = up_data[I-COLS];
                end

                rs_pe #(
                    .DW(DW), .PW(PW), .IFS(IFS), .FLS(FLS), .PSS(PSS), .ID_W(ID_W), .ZSKIP(ZSKIP), .PSB(PSB), .LANES(LANES),
                    // chains start in row 0: only there psums arrive from the bus
                    .PIN(r == 0 ? (PSS > PSL ? PSS : PSL) : 0), .PSL(PSL)
                ) u_pe (
                    .clk(clk), .rst_n(rst_n), .id_rst_n(id_rst_n), .bus_lanes(bus_lanes),
                    .clear(clear),
                    .cfg_ne(cfg_ne), .cfg_npop(cfg_npop), .cfg_nf(cfg_nf),
                    .cfg_nw(cfg_nw), .cfg_psum_bus(cfg_psum_bus), .cfg_thresh(cfg_thresh),
                    .id_we(pe_we && pe_row == r && pe_col == c),
                    .id_filter(pe_filter_id), .id_ifmap(pe_ifmap_id), .id_psum(pe_psum_id),
                    .id_enable(pe_enable), .id_bottom(pe_bottom), .id_top(pe_top),
                    .enabled(pe_en[I]), .top(top),
                    .flt_valid(flt_row), .flt_tag(bus_col_tag), .flt_data(bus_data),
                    .flt_fire(flt_fire), .flt_hit(flt_hit), .flt_ready(flt_rdy),
                    .ifm_valid(ifm_valid && (ifm_row || ifm_eor)), .ifm_eor(ifm_eor),
                    .ifm_tag(bus_col_tag), .ifm_data(bus_data),
                    .ifm_fire(ifm_fire), .ifm_hit(ifm_hit), .ifm_ready(ifm_rdy),
                    .psm_valid(psm_row), .psm_tag(psm_col_tag), .psm_data(psm_data), .psm_lanes(psm_lanes),
                    .psm_fire(psm_fire), .psm_hit(psm_hit), .psm_ready(psm_rdy),
                    .dn_valid(dn_v), .dn_data(dn_d),
                    .dn_ready(dn_ready[I]),
                    .up_valid(up_valid[I]), .up_data(up_data[I]), .up_hi(up_hi[I]), .up_pair(up_pair[I]),
                    .up_ready(up_ready[I]),
                    .mac_issued(mac_iss[I]), .mac_gated(mac_gat[I]), .flt_rd_skip(pe_fsk[I]),
                    .op_load(pe_opl[I]), .psum_we(pe_pwr[I]), .skip_entries(pe_skip[I]),
                    .idle(pe_idle[I])
                );
                assign flt_ok[I] = !flt_hit || flt_rdy;
                assign ifm_ok[I] = !ifm_hit || ifm_rdy;
                assign psm_ok[I] = !psm_hit || psm_rdy;
                assign is_top[I] = top;

                assign top_beat[I] = {up_pair[I], up_hi[I], up_data[I]};
                if (r == ROWS - 1) begin : g_last
                    assign up_ready[I] = top && oq_in_ready[c];
                end else begin : g_mid
                    assign up_ready[I] = top ? oq_in_ready[c] : dn_ready[I + COLS];
                end
            end
        end
    endgenerate

    // per column: the chain top's beats into its queue (one top per column;
    // were there more, the lowest valid one would go first, beat by beat).
    // The lowest valid top is picked as a one-hot word (x & -x) that gates an
    // AND-OR of the rows' beats: a few LUTs a bit instead of a priority chain.
    wire [COLS-1:0]    oq_in_v;
    wire [COLS*TW-1:0] oq_in_d;
    generate
        for (c = 0; c < COLS; c = c + 1) begin : g_oq_in
            wire [ROWS-1:0] cand;
            for (r = 0; r < ROWS; r = r + 1) begin : g_cand
                assign cand[r] = is_top[r*COLS + c] && up_valid[r*COLS + c];
            end
            wire [ROWS-1:0] pick = cand & (~cand + 1'b1);
            reg  [TW-1:0]   in_d;
            integer k;
            always @* begin
                in_d = {TW{1'b0}};
                for (k = 0; k < ROWS; k = k + 1)
                    in_d = in_d | ({TW{pick[k]}} & {k[RW-1:0], top_beat[k*COLS + c]});
            end
            assign oq_in_v[c] = |cand;
            assign oq_in_d[c*TW +: TW] = in_d;
        end
    endgenerate

    rs_out_net #(.ROWS(ROWS), .COLS(COLS), .PW(PW), .DEPTH(OQ), .PSL(PSL)) u_out_net (
        .clk(clk), .rst_n(rst_n), .clear(clear),
        .glb_base_odd(glb_base_odd), .glb_stride_odd(glb_stride_odd),
        .in_valid(oq_in_v), .in_data(oq_in_d), .in_ready(oq_in_ready), .busy(oq_busy),
        .out_valid(out_valid), .out_data(out_data), .out_pair(out_pair), .out_two(out_two), .out_tag(out_tag),
        .out_ready(out_ready)
    );

    // activity counts, two register stages (rs_popcount: each row's count,
    // then their sum), so they show the PEs' activity of two cycles before.
    // Gating PEs skip no entry; zero-skipping PEs gate no MAC and skip no
    // filter read.
    rs_popcount #(.N(NPE), .G(COLS), .OW(16)) u_cnt_iss (.clk(clk), .rst_n(rst_n), .in(mac_iss), .sum(macs_issued));
    rs_popcount #(.N(NPE), .G(COLS), .OW(16)) u_cnt_en  (.clk(clk), .rst_n(rst_n), .in(pe_en),   .sum(active_pes));
    rs_popcount #(.N(NPE), .G(COLS), .OW(16)) u_cnt_opl (.clk(clk), .rst_n(rst_n), .in(pe_opl),  .sum(op_loads));
    rs_popcount #(.N(NPE), .G(COLS), .OW(16)) u_cnt_pwr (.clk(clk), .rst_n(rst_n), .in(pe_pwr),  .sum(psum_wrs));
    generate
        if (ZSKIP != 0) begin : g_skip_sum
            wire [NPE*8-1:0] skips;
            for (c = 0; c < NPE; c = c + 1) begin : g_skip
                assign skips[c*8 +: 8] = pe_skip[c];
            end
            rs_popcount #(.N(NPE), .G(COLS), .EW(8), .OW(24)) u_cnt_skip (
                .clk(clk), .rst_n(rst_n), .in(skips), .sum(skip_entries)
            );
            assign macs_gated = 16'd0;
            assign flt_skips  = 16'd0;
            /* verilator lint_off UNUSEDSIGNAL */
            wire unused_gate = &{1'b0, mac_gat, pe_fsk};
            /* verilator lint_on UNUSEDSIGNAL */
        end else begin : g_gate_sum
            rs_popcount #(.N(NPE), .G(COLS), .OW(16)) u_cnt_gat (.clk(clk), .rst_n(rst_n), .in(mac_gat), .sum(macs_gated));
            rs_popcount #(.N(NPE), .G(COLS), .OW(16)) u_cnt_fsk (.clk(clk), .rst_n(rst_n), .in(pe_fsk),  .sum(flt_skips));
            assign skip_entries = 24'd0;
            /* verilator lint_off UNUSEDSIGNAL */
            wire [7:0] unused_skip = pe_skip[0];
            /* verilator lint_on UNUSEDSIGNAL */
        end
    endgenerate

    assign idle = &pe_idle && !(|oq_busy) && !out_valid;
endmodule
