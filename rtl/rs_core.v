// rs_core: the accelerator without its bus interfaces: command decoder, PE
// array with its networks, output requantization and performance counters.
//
// start (a one-cycle pulse from the CSR block) resets the core and begins a
// run: the decoder consumes the command stream until END (or an error), then
// done rises. Counters count from start to done and then hold, so the host
// reads consistent values.
module rs_core #(
    parameter ROWS = 12,
    parameter COLS = 14,
    parameter DW   = 16,
    parameter PW   = 32,
    parameter IFS  = 12,
    parameter FLS  = 224,
    parameter PSS  = 24,
    parameter ID_W = 8
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

    output wire [63:0] m_res_data,
    output wire        m_res_valid,
    input  wire        m_res_ready,

    output reg  [63:0] cnt_cycles,       // cycles from start to done
    output reg  [63:0] cnt_macs,         // MACs issued (non-zero ifmap)
    output reg  [63:0] cnt_gated,        // MACs gated (zero ifmap)
    output reg  [63:0] cnt_pe_cycles,    // sum over cycles of enabled PEs
    output reg  [63:0] cnt_cmd_words,    // command-stream words consumed
    output reg  [63:0] cnt_res_words,    // result words produced
    output reg  [15:0] active_pes        // enabled PEs of the last pass
);
`include "rs_defs.vh"

    wire core_rst_n = rst_n && !start;

    wire            clear, row_we, pe_we;
    wire [7:0]      cfg_ne, cfg_npop, cfg_nf;
    wire [11:0]     cfg_nw;
    wire [5:0]      cfg_shift;
    wire            cfg_relu, cfg_raw, cfg_psum_bus;
    wire [7:0]      row_sel, pe_row, pe_col;
    wire [ID_W-1:0] row_filter_id, row_ifmap_id, row_psum_id;
    wire [ID_W-1:0] pe_filter_id, pe_ifmap_id, pe_psum_id;
    wire            pe_enable, pe_bottom, pe_top;
    wire [ID_W-1:0] bus_row_tag, bus_col_tag;
    wire [63:0]     bus_data;
    wire [3:0]      bus_lanes;
    wire            flt_valid, flt_ready, ifm_valid, ifm_eor, ifm_ready, psm_valid, psm_ready;
    wire            finished;
    wire [7:0]      dec_error;
    wire            array_idle;

    wire          arr_out_valid, arr_out_ready;
    wire [PW-1:0] arr_out_data;
    wire [15:0]   arr_out_tag;
    wire [15:0]   act_iss, act_gat, act_en;

    wire [31:0] res_value;
    wire [15:0] res_tag;

    rs_decoder #(
        .DW(DW), .PW(PW), .IFS(IFS), .FLS(FLS), .PSS(PSS), .ID_W(ID_W)
    ) u_decoder (
        .clk(clk), .rst_n(core_rst_n), .run(busy),
        .s_cmd_data(s_cmd_data), .s_cmd_valid(s_cmd_valid), .s_cmd_ready(s_cmd_ready),
        .array_idle(array_idle && !m_res_valid),
        .clear(clear), .cfg_ne(cfg_ne), .cfg_npop(cfg_npop), .cfg_nf(cfg_nf), .cfg_nw(cfg_nw),
        .cfg_shift(cfg_shift), .cfg_relu(cfg_relu), .cfg_raw(cfg_raw), .cfg_psum_bus(cfg_psum_bus),
        .row_we(row_we), .pe_we(pe_we), .row_sel(row_sel), .pe_row(pe_row), .pe_col(pe_col),
        .row_filter_id(row_filter_id), .row_ifmap_id(row_ifmap_id), .row_psum_id(row_psum_id),
        .pe_filter_id(pe_filter_id), .pe_ifmap_id(pe_ifmap_id), .pe_psum_id(pe_psum_id),
        .pe_enable(pe_enable), .pe_bottom(pe_bottom), .pe_top(pe_top),
        .bus_row_tag(bus_row_tag), .bus_col_tag(bus_col_tag), .bus_data(bus_data), .bus_lanes(bus_lanes),
        .flt_valid(flt_valid), .flt_ready(flt_ready),
        .ifm_valid(ifm_valid), .ifm_eor(ifm_eor), .ifm_ready(ifm_ready),
        .psm_valid(psm_valid), .psm_ready(psm_ready),
        .finished(finished), .error(dec_error)
    );

    rs_array #(
        .ROWS(ROWS), .COLS(COLS), .DW(DW), .PW(PW), .IFS(IFS), .FLS(FLS), .PSS(PSS), .ID_W(ID_W)
    ) u_array (
        .clk(clk), .rst_n(core_rst_n), .id_rst_n(rst_n),
        .clear(clear), .cfg_ne(cfg_ne), .cfg_npop(cfg_npop), .cfg_nf(cfg_nf), .cfg_nw(cfg_nw),
        .cfg_psum_bus(cfg_psum_bus),
        .row_we(row_we), .row_sel(row_sel),
        .row_filter_id(row_filter_id), .row_ifmap_id(row_ifmap_id), .row_psum_id(row_psum_id),
        .pe_we(pe_we), .pe_row(pe_row), .pe_col(pe_col),
        .pe_filter_id(pe_filter_id), .pe_ifmap_id(pe_ifmap_id), .pe_psum_id(pe_psum_id),
        .pe_enable(pe_enable), .pe_bottom(pe_bottom), .pe_top(pe_top),
        .bus_row_tag(bus_row_tag), .bus_col_tag(bus_col_tag), .bus_data(bus_data), .bus_lanes(bus_lanes),
        .flt_valid(flt_valid), .flt_ready(flt_ready),
        .ifm_valid(ifm_valid), .ifm_eor(ifm_eor), .ifm_ready(ifm_ready),
        .psm_valid(psm_valid), .psm_ready(psm_ready),
        .out_valid(arr_out_valid), .out_data(arr_out_data), .out_tag(arr_out_tag),
        .out_ready(arr_out_ready),
        .macs_issued(act_iss), .macs_gated(act_gat), .active_pes(act_en),
        .idle(array_idle)
    );

    rs_requant #(.DW(DW), .PW(PW)) u_requant (
        .clk(clk), .rst_n(core_rst_n),
        .cfg_raw(cfg_raw), .cfg_shift(cfg_shift), .cfg_relu(cfg_relu),
        .in_valid(arr_out_valid), .in_data(arr_out_data), .in_tag(arr_out_tag),
        .in_ready(arr_out_ready),
        .out_valid(m_res_valid), .out_data(res_value), .out_tag(res_tag),
        .out_ready(m_res_ready)
    );

    reg [63:0] res_word;
    always @* begin
        res_word = 64'd0;
        res_word[F_RES_VALUE_LSB +: 32] = res_value;
        res_word[F_RES_COL_LSB +: 8]    = res_tag[7:0];
        res_word[F_RES_ROW_LSB +: 8]    = res_tag[15:8];
    end
    assign m_res_data = res_word;

    always @(posedge clk) begin
        if (!rst_n) begin
            busy  <= 1'b0;
            done  <= 1'b0;
            error <= 8'd0;
        end else if (start) begin
            busy  <= 1'b1;
            done  <= 1'b0;
            error <= 8'd0;
        end else if (busy && finished) begin
            busy  <= 1'b0;
            done  <= 1'b1;
            error <= dec_error;
        end
    end

    always @(posedge clk) begin
        if (!core_rst_n) begin
            cnt_cycles    <= 64'd0;
            cnt_macs      <= 64'd0;
            cnt_gated     <= 64'd0;
            cnt_pe_cycles <= 64'd0;
            cnt_cmd_words <= 64'd0;
            cnt_res_words <= 64'd0;
            active_pes    <= 16'd0;
        end else if (busy) begin
            // the activity registers lag one cycle, so they are added while busy
            // and the last cycle's activity (an END barrier) is always zero
            cnt_cycles    <= cnt_cycles + 64'd1;
            cnt_macs      <= cnt_macs + {48'd0, act_iss};
            cnt_gated     <= cnt_gated + {48'd0, act_gat};
            cnt_pe_cycles <= cnt_pe_cycles + {48'd0, act_en};
            cnt_cmd_words <= cnt_cmd_words + {63'd0, s_cmd_valid && s_cmd_ready};
            cnt_res_words <= cnt_res_words + {63'd0, m_res_valid && m_res_ready};
            active_pes    <= act_en;
        end
    end
endmodule
