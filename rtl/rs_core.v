// rs_core: the accelerator without its bus interfaces: command decoder, PE
// array with its networks, global buffer, output requantization and
// performance counters.
//
// start (a one-cycle pulse from the CSR block) resets the core and begins a
// run: the decoder consumes the command stream until END (or an error); then
// the result sink is flushed (rs_mem writes its last burst) and done rises.
// Every pass writes its psums to the global buffer (rs_psum_store); the next
// pass's psum input comes back from it on the psum bus (rs_psum_feed), beside
// the decoder's filter and ifmap stream, and a STORE sends a tile's outputs
// out of the result port (rs_store). Counters count from start to done and
// then hold (the array's activity counts settle a cycle after done, before a
// STATUS read that sees done can be followed by another read), so the host
// reads consistent values.
module rs_core #(
    parameter ROWS = 12,
    parameter COLS = 14,
    parameter DW   = 16,
    parameter PW   = 32,
    parameter IFS  = 12,
    parameter FLS  = 224,
    parameter PSS  = 24,
    parameter ID_W = 8,
    parameter GLB_BANKS   = 27,
    parameter GLB_BANK_AW = 9,
    parameter GLB_AW      = 14,
    parameter GLB_WORDS   = 13824,
    parameter ZSKIP       = 0,      // zero-skip PEs (else zero-gating)
    parameter PSB         = 1,      // psum banks per PE
    parameter LANES       = 64 / DW,// elements a PE takes a cycle from the filter and ifmap buses
    parameter PSL         = 2       // psums a psum-bus and output-network beat carries: 2 or 4
) (
    input  wire        clk,
    input  wire        rst_n,

    input  wire        start,
    output reg         busy,
    output reg         done,
    output reg  [7:0]  error,

    input  wire [63:0] s_cmd_data,
    input  wire        s_cmd_valid,
    output wire        s_cmd_ready,
    input  wire        cmd_exhausted,    // memory mode: the stream has ended

    output wire [63:0] m_res_data,
    output wire        m_res_valid,
    input  wire        m_res_ready,
    input  wire        sink_idle,        // every result written out
    output wire        flush,            // finished: the sink writes out what it holds
    input  wire [7:0]  mem_error,        // from rs_mem (AXI error, result overflow)
    input  wire        dram_rd_beat,
    input  wire        dram_wr_beat,

    output reg  [63:0] cnt_cycles,       // cycles from start to done
    output reg  [63:0] cnt_macs,         // MACs issued (non-zero ifmap)
    output reg  [63:0] cnt_gated,        // MACs gated (zero ifmap)
    output reg  [63:0] cnt_pe_cycles,    // sum over cycles of enabled PEs
    output reg  [63:0] cnt_cmd_words,    // command-stream words consumed
    output reg  [63:0] cnt_res_words,    // psums out of the array
    output reg  [63:0] cnt_dram_rd,      // bytes read from memory
    output reg  [63:0] cnt_dram_wr,      // bytes written to memory
    output reg  [63:0] cnt_glb_rd,       // global-buffer words read
    output reg  [63:0] cnt_glb_wr,       // global-buffer psum slots written
    output reg  [63:0] cnt_noc_flt,      // filter-network beats
    output reg  [63:0] cnt_noc_ifm,      // ifmap-network beats
    output reg  [63:0] cnt_noc_psm,      // psum-network beats
    output reg  [63:0] cnt_stalls,       // cycles waiting for a command word
    output reg  [63:0] cnt_flt_skip,     // filter-spad reads skipped (gated or skipped MAC slots)
    output reg  [63:0] cnt_zskip,        // MAC slots skipped by zero-skip
    output reg  [63:0] cnt_op_loads,     // multiplier operand-register loads
    output reg  [63:0] cnt_psum_wr,      // psum-spad writes
    output reg  [15:0] active_pes        // enabled PEs of the last pass
);
`include "rs_defs.vh"

    wire core_rst_n = rst_n && !start;

    wire            clear, row_we, pe_we;
    wire [7:0]      cfg_ne, cfg_npop, cfg_nf;
    wire [11:0]     cfg_nw;
    wire [5:0]      cfg_shift;
    wire            cfg_relu, cfg_raw, cfg_psum_bus;
    wire [DW-2:0]   cfg_thresh;
    wire [7:0]      row_sel, pe_row, pe_col;
    wire [ID_W-1:0] row_filter_id, row_ifmap_id, row_psum_id;
    wire [ID_W-1:0] pe_filter_id, pe_ifmap_id, pe_psum_id;
    wire            pe_enable, pe_bottom, pe_top;
    wire [ID_W-1:0] bus_row_tag, bus_col_tag;
    wire [63:0]     bus_data;
    wire [3:0]      bus_lanes;
    wire            flt_valid, flt_ready, ifm_valid, ifm_eor, ifm_ready;
    // the same beats as the decoder puts them out, before the bus slice
    wire [ID_W-1:0] dec_row_tag, dec_col_tag;
    wire [63:0]     dec_data;
    wire [3:0]      dec_lanes;
    wire            dec_flt_valid, dec_ifm_valid, dec_eor, dec_bus_ready, bus_slice_empty;
    // psum bus, fed from the buffer by rs_psum_feed
    wire            psm_valid, psm_ready;
    wire [ID_W-1:0] psm_row_tag, psm_col_tag;
    wire [32*PSL-1:0] psm_data;
    wire [2:0]      psm_lanes;
    wire            feed_start, feed_idle, feed_error;
    wire [ID_W-1:0] feed_row, feed_col;
    wire [15:0]     feed_count;
    wire [7:0]      feed_tags;
    wire [23:0]     feed_addr, feed_stride;
    wire            finished;
    wire [7:0]      dec_error;
    wire            array_idle;

    wire          arr_out_valid, arr_out_ready;
    wire [PSL*PW-1:0] arr_out_data;
    wire [PSL/2-1:0] arr_out_pair;
    wire          arr_out_two;
    wire [15:0]   arr_out_tag;
    wire [15:0]   act_iss, act_gat, act_en, act_fsk, act_opl, act_pwr;
    wire [23:0]   act_skip;

    localparam NW = PSL / 2;   // buffer words a beat may carry
    wire [64*NW-1:0] res_value; // {psum 2w+1, psum 2w}: a buffer word (then the next)
    wire [7:0]  res_col;
    wire        res_valid, res_pair, res_pair1, res_two;
    wire        rq_idle;

    wire [23:0]       cfg_res_base, cfg_res_stride;
    wire              feed_rd_en, feed_rd_wide, dec_rd_req, glb_rd_en, glb_rd_wide, glb_wr_en, glb_wr_wide;
    wire [GLB_AW-1:0] feed_rd_addr, dec_rd_addr, glb_rd_addr, glb_wr_addr;
    wire [64*NW-1:0]  glb_rd_data, glb_wr_data;
    wire              store_error;
    reg               draining;
    // GLBLOAD and KEEP writes (decoder) and psum writes (rs_psum_store) share
    // the buffer's write port: GLBLOAD is a barrier, and a KEEP write waits
    // for a cycle the psum store leaves free (ps_wr_next)
    wire              ps_wr_en, ps_wr_next, ld_wr_en;
    wire [GLB_AW-1:0] ps_wr_addr, ld_wr_addr;
    wire [64*NW-1:0]  ps_wr_data;
    wire [63:0]       ld_wr_data;
    wire              ps_wr_pair, ps_wr_pair1, ps_wr_wide;
    // STORE: regions from the decoder, read by rs_store in the cycles the
    // psum feed leaves the buffer's read port free; values out of the result port
    wire              st_start, st_rlc, st_idle, st_error, st_rd_req, st_out_valid;
    wire [23:0]       st_addr, st_stride, st_words, st_total;
    wire [7:0]        st_tags;
    wire [GLB_AW-1:0] st_rd_addr;
    wire [63:0]       st_out_data;
    // the region the STORE reads and its position, for rs_psum_store
    wire              st_hold_active, ps_in_ready;
    wire [23:0]       st_hold_base, st_hold_stride, st_hold_word;
    wire [7:0]        st_hold_tag;

    // a register slice between the command source and the decoder: the
    // source's block-RAM read and the decoder's logic get a cycle each
    wire [63:0] dec_cmd_data;
    wire        dec_cmd_valid, dec_cmd_ready, cmd_slice_empty;
    rs_skid #(.W(64)) u_cmd_slice (
        .clk(clk), .rst_n(core_rst_n), .flush(1'b0),
        .in_data(s_cmd_data), .in_valid(s_cmd_valid), .in_ready(s_cmd_ready),
        .out_data(dec_cmd_data), .out_valid(dec_cmd_valid), .out_ready(dec_cmd_ready),
        .empty(cmd_slice_empty)
    );

    rs_decoder #(
        .DW(DW), .PW(PW), .IFS(IFS), .FLS(FLS), .PSS(PSS), .ID_W(ID_W),
        .GLB_AW(GLB_AW), .GLB_WORDS(GLB_WORDS)
    ) u_decoder (
        .clk(clk), .rst_n(core_rst_n), .run(busy && !draining),
        .s_cmd_data(dec_cmd_data), .s_cmd_valid(dec_cmd_valid), .s_cmd_ready(dec_cmd_ready),
        .cmd_exhausted(cmd_exhausted && cmd_slice_empty),
        .array_idle(array_idle && bus_slice_empty && feed_idle && rq_idle && !glb_wr_en), .store_idle(st_idle),
        .cfg_res_base(cfg_res_base), .cfg_res_stride(cfg_res_stride),
        .glb_ld_en(ld_wr_en), .glb_ld_addr(ld_wr_addr), .glb_ld_data(ld_wr_data), .glb_wr_busy(ps_wr_next),
        .glb_rd_req(dec_rd_req), .glb_rd_addr(dec_rd_addr), .glb_rd_grant(!feed_rd_en), .glb_rd_data(glb_rd_data[63:0]),
        .store_start(st_start), .store_addr(st_addr), .store_stride(st_stride), .store_words(st_words),
        .store_tags(st_tags), .store_total(st_total), .store_rlc(st_rlc),
        .clear(clear), .cfg_ne(cfg_ne), .cfg_npop(cfg_npop), .cfg_nf(cfg_nf), .cfg_nw(cfg_nw),
        .cfg_shift(cfg_shift), .cfg_relu(cfg_relu), .cfg_raw(cfg_raw), .cfg_psum_bus(cfg_psum_bus),
        .cfg_thresh(cfg_thresh),
        .row_we(row_we), .pe_we(pe_we), .row_sel(row_sel), .pe_row(pe_row), .pe_col(pe_col),
        .row_filter_id(row_filter_id), .row_ifmap_id(row_ifmap_id), .row_psum_id(row_psum_id),
        .pe_filter_id(pe_filter_id), .pe_ifmap_id(pe_ifmap_id), .pe_psum_id(pe_psum_id),
        .pe_enable(pe_enable), .pe_bottom(pe_bottom), .pe_top(pe_top),
        .feed_start(feed_start), .feed_row(feed_row), .feed_col(feed_col), .feed_count(feed_count),
        .feed_tags(feed_tags), .feed_addr(feed_addr), .feed_stride(feed_stride), .feed_idle(feed_idle),
        .bus_row_tag(dec_row_tag), .bus_col_tag(dec_col_tag), .bus_data(dec_data), .bus_lanes(dec_lanes),
        .flt_valid(dec_flt_valid), .flt_ready(dec_bus_ready),
        .ifm_valid(dec_ifm_valid), .ifm_eor(dec_eor), .ifm_ready(dec_bus_ready),
        .finished(finished), .error(dec_error)
    );

    // a register slice on the filter and ifmap buses: the array's multicast
    // ready reaches a register here, not the decoder's logic
    localparam integer BUS_SLICE_W = 2 * ID_W + 64 + 4 + 2;
    wire bus_is_flt, bus_valid;
    rs_skid #(.W(BUS_SLICE_W)) u_bus_slice (
        .clk(clk), .rst_n(core_rst_n), .flush(draining),
        .in_data({dec_flt_valid, dec_eor, dec_lanes, dec_row_tag, dec_col_tag, dec_data}),
        .in_valid(dec_flt_valid || dec_ifm_valid), .in_ready(dec_bus_ready),
        .out_data({bus_is_flt, ifm_eor, bus_lanes, bus_row_tag, bus_col_tag, bus_data}),
        .out_valid(bus_valid), .out_ready(bus_is_flt ? flt_ready : ifm_ready),
        .empty(bus_slice_empty)
    );
    assign flt_valid = bus_valid && bus_is_flt;
    assign ifm_valid = bus_valid && !bus_is_flt;

    rs_psum_feed #(.ID_W(ID_W), .GLB_AW(GLB_AW), .GLB_WORDS(GLB_WORDS), .PSL(PSL)) u_feed (
        .clk(clk), .rst_n(core_rst_n), .flush(finished || draining),
        .start(feed_start), .row_tag(feed_row), .col_tag(feed_col), .count(feed_count), .tags(feed_tags),
        .addr(feed_addr), .stride(feed_stride), .idle(feed_idle), .range_error(feed_error),
        .rd_en(feed_rd_en), .rd_addr(feed_rd_addr), .rd_wide(feed_rd_wide), .rd_data(glb_rd_data),
        .bus_row_tag(psm_row_tag), .bus_col_tag(psm_col_tag), .bus_data(psm_data), .bus_lanes(psm_lanes),
        .bus_valid(psm_valid), .bus_ready(psm_ready)
    );

    rs_array #(
        .ROWS(ROWS), .COLS(COLS), .DW(DW), .PW(PW), .IFS(IFS), .FLS(FLS), .PSS(PSS), .ID_W(ID_W),
        .ZSKIP(ZSKIP), .PSB(PSB), .LANES(LANES), .PSL(PSL)
    ) u_array (
        .clk(clk), .rst_n(core_rst_n), .id_rst_n(rst_n),
        .clear(clear), .cfg_ne(cfg_ne), .cfg_npop(cfg_npop), .cfg_nf(cfg_nf), .cfg_nw(cfg_nw),
        .cfg_psum_bus(cfg_psum_bus), .cfg_thresh(cfg_thresh),
        .row_we(row_we), .row_sel(row_sel),
        .row_filter_id(row_filter_id), .row_ifmap_id(row_ifmap_id), .row_psum_id(row_psum_id),
        .pe_we(pe_we), .pe_row(pe_row), .pe_col(pe_col),
        .pe_filter_id(pe_filter_id), .pe_ifmap_id(pe_ifmap_id), .pe_psum_id(pe_psum_id),
        .pe_enable(pe_enable), .pe_bottom(pe_bottom), .pe_top(pe_top),
        .bus_row_tag(bus_row_tag), .bus_col_tag(bus_col_tag), .bus_data(bus_data), .bus_lanes(bus_lanes),
        .flt_valid(flt_valid), .flt_ready(flt_ready),
        .ifm_valid(ifm_valid), .ifm_eor(ifm_eor), .ifm_ready(ifm_ready),
        .psm_row_tag(psm_row_tag), .psm_col_tag(psm_col_tag), .psm_data(psm_data), .psm_lanes(psm_lanes),
        .psm_valid(psm_valid), .psm_ready(psm_ready),
        .glb_base_odd(cfg_res_base[0]), .glb_stride_odd(cfg_res_stride[0]),
        .out_valid(arr_out_valid), .out_data(arr_out_data), .out_pair(arr_out_pair), .out_two(arr_out_two),
        .out_tag(arr_out_tag),
        .out_ready(arr_out_ready),
        .macs_issued(act_iss), .macs_gated(act_gat), .active_pes(act_en),
        .flt_skips(act_fsk), .op_loads(act_opl), .psum_wrs(act_pwr), .skip_entries(act_skip),
        .idle(array_idle)
    );

    // the producing PE's row does not matter: a column's psums arrive in order
    wire unused_row = &{1'b0, arr_out_tag[15:8]};
    // (a four-psum beat's second word's pair flag and its presence ride with the tag)
    rs_requant #(.DW(DW), .PW(PW), .TW(10), .L(PSL)) u_requant (
        .clk(clk), .rst_n(core_rst_n),
        .cfg_raw(cfg_raw), .cfg_shift(cfg_shift), .cfg_relu(cfg_relu),
        .in_valid(arr_out_valid), .in_data(arr_out_data), .in_pair(arr_out_pair[0]),
        .in_tag({arr_out_two, arr_out_pair[NW-1] && arr_out_two, arr_out_tag[7:0]}),
        .in_ready(arr_out_ready), .idle(rq_idle),
        .out_valid(res_valid), .out_data(res_value), .out_pair(res_pair), .out_tag({res_two, res_pair1, res_col}),
        .out_ready(ps_in_ready)
    );

    // psums always go to the global buffer; only STORE streams leave through
    // the result port
    assign m_res_valid = st_out_valid;
    assign m_res_data  = st_out_data;

    rs_store #(.DW(DW), .AW(GLB_AW), .GLB_WORDS(GLB_WORDS)) u_out_store (
        .clk(clk), .rst_n(core_rst_n), .flush(finished || draining),
        .start(st_start), .addr(st_addr), .stride(st_stride), .words(st_words), .tags(st_tags), .total(st_total), .rlc(st_rlc),
        .idle(st_idle), .range_error(st_error),
        .rd_req(st_rd_req), .rd_addr(st_rd_addr), .rd_grant(!feed_rd_en && !dec_rd_req), .rd_data(glb_rd_data[63:0]),
        .hold_active(st_hold_active), .hold_base(st_hold_base), .hold_stride(st_hold_stride),
        .hold_word(st_hold_word), .hold_tag(st_hold_tag),
        .out_data(st_out_data), .out_valid(st_out_valid), .out_ready(m_res_ready)
    );
    // the feed's reads (psums a pass adds to) go first, then the decoder's
    // (ifmaps kept in the buffer), then the STORE's
    assign glb_rd_en   = feed_rd_en || dec_rd_req || st_rd_req;
    assign glb_rd_addr = feed_rd_en ? feed_rd_addr : dec_rd_req ? dec_rd_addr : st_rd_addr;
    assign glb_rd_wide = feed_rd_en && feed_rd_wide;

    rs_psum_store #(.COLS(COLS), .AW(GLB_AW), .GLB_WORDS(GLB_WORDS), .PSL(PSL)) u_store (
        .clk(clk), .rst_n(core_rst_n), .clear(clear),
        .cfg_base(cfg_res_base), .cfg_stride(cfg_res_stride),
        .in_valid(res_valid), .in_ready(ps_in_ready), .in_data(res_value), .in_pair(res_pair),
        .in_pair1(res_pair1), .in_two(res_two), .in_col(res_col),
        .hold_active(st_hold_active), .hold_base(st_hold_base), .hold_stride(st_hold_stride),
        .hold_word(st_hold_word), .hold_tag(st_hold_tag),
        .wr_next(ps_wr_next), .wr_en(ps_wr_en), .wr_addr(ps_wr_addr), .wr_data(ps_wr_data), .wr_pair(ps_wr_pair),
        .wr_pair1(ps_wr_pair1), .wr_wide(ps_wr_wide),
        .range_error(store_error)
    );

    assign glb_wr_en   = ps_wr_en || ld_wr_en;
    assign glb_wr_addr = ld_wr_en ? ld_wr_addr : ps_wr_addr;
    assign glb_wr_wide = !ld_wr_en && ps_wr_wide;

    generate
        if (NW > 1) begin : g_glb_wide
            assign glb_wr_data = ld_wr_en ? {64'd0, ld_wr_data} : ps_wr_data;
            rs_glb_wide #(.BANKS(GLB_BANKS), .BANK_AW(GLB_BANK_AW), .AW(GLB_AW)) u_glb (
                .clk(clk),
                .wr_en(glb_wr_en), .wr_wide(glb_wr_wide), .wr_addr(glb_wr_addr), .wr_data(glb_wr_data),
                .rd_en(glb_rd_en), .rd_wide(glb_rd_wide), .rd_addr(glb_rd_addr), .rd_data(glb_rd_data)
            );
        end else begin : g_glb
            assign glb_wr_data = ld_wr_en ? ld_wr_data : ps_wr_data;
            rs_glb #(.BANKS(GLB_BANKS), .BANK_AW(GLB_BANK_AW), .AW(GLB_AW)) u_glb (
                .clk(clk),
                .wr_en(glb_wr_en), .wr_addr(glb_wr_addr), .wr_data(glb_wr_data),
                .rd_en(glb_rd_en), .rd_addr(glb_rd_addr), .rd_data(glb_rd_data)
            );
            /* verilator lint_off UNUSEDSIGNAL */
            wire unused_wide = &{1'b0, glb_wr_wide, glb_rd_wide, ps_wr_pair1};
            /* verilator lint_on UNUSEDSIGNAL */
        end
    endgenerate


    // run -> (END or an error) -> draining (the sink writes out) -> done
    assign flush = draining;
    wire [7:0] stop_code = (dec_error != ERR_NONE) ? dec_error :
                           (mem_error != ERR_NONE) ? mem_error :
                           (store_error || st_error || feed_error) ? ERR_GLB_RANGE : ERR_NONE;
    wire stop = finished || mem_error != ERR_NONE || store_error || st_error || feed_error;

    always @(posedge clk) begin
        if (!rst_n) begin
            busy     <= 1'b0;
            done     <= 1'b0;
            draining <= 1'b0;
            error    <= 8'd0;
        end else if (start) begin
            busy     <= 1'b1;
            done     <= 1'b0;
            draining <= 1'b0;
            error    <= 8'd0;
        end else if (busy && !draining && stop) begin
            draining <= 1'b1;
            error    <= stop_code;
        end else if (draining) begin
            // a write answered with an error while the sink drains still counts
            if (error == ERR_NONE)
                error <= mem_error;
            if (sink_idle) begin
                busy     <= 1'b0;
                draining <= 1'b0;
                done     <= 1'b1;
            end
        end
    end

    // skipped entries cost nf MAC slots each (nf is the same in every PE and
    // stable while they skip: CONFIG waits for an idle array)
    // (act_skip lags one cycle more than a register would: so does cfg_nf_q)
    reg  [7:0]  cfg_nf_q;
    wire [63:0] skip_slots = {40'd0, act_skip} * {56'd0, cfg_nf_q};
    // the array's activity counts lag two cycles (rs_popcount): they are
    // added while busy was set a cycle before (busy_q), so they sum the same
    // cycles' activity, and settle one cycle after done
    reg         busy_q;
    // The other counts are added a cycle late too, from registered events:
    // their conditions (a command word taken, a stall, a beat) come late in
    // the cycle, and a 64-bit add after them was the chip's longest path.
    reg         ev_cmd, ev_stall, ev_dram_rd, ev_dram_wr;
    reg  [1:0]  ev_glb_rd;     // words read
    reg  [2:0]  ev_res, ev_glb_wr;   // psums out of the array, psum slots written
    reg         ev_flt, ev_ifm;
    reg  [1:0]  ev_psm;        // psum-bus words (64 bits: a beat of up to two psums, or of four)
    // psums in a beat's words: 1 or 2 in its first, 0-2 in its second
    wire [2:0]  res_psums = {1'b0, res_pair, !res_pair} + (res_two ? {1'b0, res_pair1, !res_pair1} : 3'd0);
    wire [2:0]  wr_psums  = {1'b0, ps_wr_pair, !ps_wr_pair} + (ps_wr_wide ? {1'b0, ps_wr_pair1, !ps_wr_pair1} : 3'd0);

    always @(posedge clk) begin
        cfg_nf_q <= cfg_nf;
        if (!core_rst_n) begin
            busy_q      <= 1'b0;
            ev_cmd      <= 1'b0;
            ev_stall    <= 1'b0;
            ev_res      <= 3'd0;
            ev_dram_rd  <= 1'b0;
            ev_dram_wr  <= 1'b0;
            ev_glb_rd   <= 2'd0;
            ev_glb_wr   <= 3'd0;
            ev_flt      <= 1'b0;
            ev_ifm      <= 1'b0;
            ev_psm      <= 2'd0;
        end else begin
            busy_q      <= busy;
            ev_cmd      <= dec_cmd_valid && dec_cmd_ready;
            ev_stall    <= dec_cmd_ready && !dec_cmd_valid;
            ev_res      <= (res_valid && ps_in_ready) ? res_psums : 3'd0;
            ev_dram_rd  <= dram_rd_beat;
            ev_dram_wr  <= dram_wr_beat;
            ev_glb_rd   <= glb_rd_en ? (glb_rd_wide ? 2'd2 : 2'd1) : 2'd0;
            ev_glb_wr   <= ld_wr_en ? 3'd2 : ps_wr_en ? wr_psums : 3'd0;
            ev_flt      <= flt_valid && flt_ready;
            ev_ifm      <= ifm_valid && ifm_ready;
            ev_psm      <= (psm_valid && psm_ready) ? ((psm_lanes > 3'd2) ? 2'd2 : 2'd1) : 2'd0;
        end
    end

    always @(posedge clk) begin
        if (!core_rst_n) begin
            cnt_cycles    <= 64'd0;
            cnt_cmd_words <= 64'd0;
            cnt_res_words <= 64'd0;
            cnt_dram_rd   <= 64'd0;
            cnt_dram_wr   <= 64'd0;
            cnt_glb_rd    <= 64'd0;
            cnt_glb_wr    <= 64'd0;
            cnt_noc_flt   <= 64'd0;
            cnt_noc_ifm   <= 64'd0;
            cnt_noc_psm   <= 64'd0;
            cnt_stalls    <= 64'd0;
        end else begin
            if (busy)
                cnt_cycles <= cnt_cycles + 64'd1;
            if (busy_q) begin
                cnt_cmd_words <= cnt_cmd_words + {63'd0, ev_cmd};
                cnt_res_words <= cnt_res_words + {61'd0, ev_res};
                cnt_dram_rd   <= cnt_dram_rd + (ev_dram_rd ? 64'd8 : 64'd0);
                cnt_dram_wr   <= cnt_dram_wr + (ev_dram_wr ? 64'd8 : 64'd0);
                cnt_glb_rd    <= cnt_glb_rd + {62'd0, ev_glb_rd};
                cnt_glb_wr    <= cnt_glb_wr + {61'd0, ev_glb_wr};
                cnt_noc_flt   <= cnt_noc_flt + {63'd0, ev_flt};
                cnt_noc_ifm   <= cnt_noc_ifm + {63'd0, ev_ifm};
                cnt_noc_psm   <= cnt_noc_psm + {62'd0, ev_psm};
                cnt_stalls    <= cnt_stalls + {63'd0, ev_stall};
            end
        end
    end

    always @(posedge clk) begin
        if (!core_rst_n) begin
            cnt_macs      <= 64'd0;
            cnt_gated     <= 64'd0;
            cnt_pe_cycles <= 64'd0;
            cnt_flt_skip  <= 64'd0;
            cnt_zskip     <= 64'd0;
            cnt_op_loads  <= 64'd0;
            cnt_psum_wr   <= 64'd0;
            active_pes    <= 16'd0;
        end else if (busy_q) begin
            cnt_macs      <= cnt_macs + {48'd0, act_iss};
            cnt_gated     <= cnt_gated + {48'd0, act_gat};
            cnt_pe_cycles <= cnt_pe_cycles + {48'd0, act_en};
            cnt_flt_skip  <= cnt_flt_skip + {48'd0, act_fsk} + skip_slots;
            cnt_zskip     <= cnt_zskip + skip_slots;
            cnt_op_loads  <= cnt_op_loads + {48'd0, act_opl};
            cnt_psum_wr   <= cnt_psum_wr + {48'd0, act_pwr};
            active_pes    <= act_en;
        end
    end
endmodule
