// rs_decoder: reads the command stream the host driver built, one 64-bit word
// at a time, and drives the array: pass configuration, IDs, filter and ifmap
// beats onto their buses, psum commands for rs_psum_feed, global-buffer loads,
// kept ifmaps and STOREs. Barrier commands wait for an idle array so that IDs
// and configuration never change under running PEs; a malformed stream stops
// the layer with an error code instead of hanging. Word formats come from the
// generated rs_defs.vh (docs/stream.md); behaviour: docs/architecture.md,
// "The command decoder".
module rs_decoder #(
    parameter DW   = 16,
    parameter PW   = 32,
    parameter IFS  = 12,
    parameter FLS  = 224,
    parameter PSS  = 24,
    parameter ID_W = 8,
    parameter GLB_AW    = 24,
    parameter GLB_WORDS = 13824
) (
    input  wire            clk,
    input  wire            rst_n,
    input  wire            run,          // between start and done

    input  wire [63:0]     s_cmd_data,
    input  wire            s_cmd_valid,
    output wire            s_cmd_ready,
    input  wire            cmd_exhausted, // the command source will send no more words

    input  wire            array_idle,   // array, psum feed and output path empty
    input  wire            store_idle,   // rs_store has sent the last STORE's values

    // global buffer: psum destination and GLBLOAD writes
    output reg  [23:0]     cfg_res_base,
    output reg  [23:0]     cfg_res_stride,
    output reg             glb_ld_en,    // GLBLOAD: a payload word into the buffer
    output reg  [GLB_AW-1:0] glb_ld_addr,
    output wire [63:0]     glb_ld_data,  // the beat register's word (bus_data)
    input  wire            glb_wr_busy,  // rs_psum_store writes in the next cycle
    // global buffer: ifmap reads (SRC_GLB), granted after the psum feed's
    output wire            glb_rd_req,
    output wire [GLB_AW-1:0] glb_rd_addr,
    input  wire            glb_rd_grant,
    input  wire [63:0]     glb_rd_data,

    // STORE: the regions, for rs_store (which reads them itself)
    output reg             store_start,  // one-cycle pulse
    output reg  [23:0]     store_addr,
    output reg  [23:0]     store_stride,
    output reg  [23:0]     store_words,
    output reg  [7:0]      store_tags,
    output reg  [23:0]     store_total,  // store_words x store_tags
    output reg             store_rlc,

    // pass configuration
    output reg             clear,        // one-cycle pulse with a new CONFIG
    output reg  [7:0]      cfg_ne,
    output reg  [7:0]      cfg_npop,
    output reg  [7:0]      cfg_nf,
    output reg  [11:0]     cfg_nw,
    output reg  [5:0]      cfg_shift,
    output reg             cfg_relu,
    output reg             cfg_raw,
    output reg             cfg_psum_bus,
    output reg  [DW-2:0]   cfg_thresh,   // activations with |x| <= cfg_thresh count as zero

    // ID writes
    output reg             row_we,
    output reg             pe_we,
    output wire [7:0]      row_sel,
    output wire [7:0]      pe_row,
    output wire [7:0]      pe_col,
    output wire [ID_W-1:0] row_filter_id,
    output wire [ID_W-1:0] row_ifmap_id,
    output wire [ID_W-1:0] row_psum_id,
    output wire [ID_W-1:0] pe_filter_id,
    output wire [ID_W-1:0] pe_ifmap_id,
    output wire [ID_W-1:0] pe_psum_id,
    output wire            pe_enable,
    output wire            pe_bottom,
    output wire            pe_top,

    // psum commands, for rs_psum_feed
    output reg             feed_start,   // one-cycle pulse
    output reg  [ID_W-1:0] feed_row,
    output reg  [ID_W-1:0] feed_col,
    output reg  [15:0]     feed_count,
    output reg  [7:0]      feed_tags,
    output reg  [23:0]     feed_addr,
    output reg  [23:0]     feed_stride,
    input  wire            feed_idle,

    // filter and ifmap buses
    output reg  [ID_W-1:0] bus_row_tag,
    output reg  [ID_W-1:0] bus_col_tag,
    output reg  [63:0]     bus_data,
    output reg  [3:0]      bus_lanes,    // elements in this beat, 1..64/DW
    output wire            flt_valid,
    input  wire            flt_ready,
    output wire            ifm_valid,
    output wire            ifm_eor,
    input  wire            ifm_ready,

    output reg             finished,     // one-cycle pulse: END reached, or error
    output reg  [7:0]      error
);
`include "rs_defs.vh"

    localparam [3:0] S_HDR = 4'd0, S_BARRIER = 4'd1, S_PAYLOAD = 4'd2, S_EOR = 4'd3, S_GADDR = 4'd4,
                     S_LOAD = 4'd5, S_SADDR = 4'd6, S_KADDR = 4'd7, S_PSUMS = 4'd8;
    localparam [31:0] GLB_LIMIT = GLB_WORDS;
    localparam integer SLOTS = 64 / DW;
    localparam [15:0] SLOT_DATA = SLOTS[15:0];  // filter/ifmap values per payload word
    localparam [7:0]  IFS_N = IFS;
    localparam [7:0]  PSS_N = PSS;
    localparam [15:0] FLS_N = FLS;
    localparam [5:0]  PW_N  = PW;

    reg  [3:0]      state;
    reg  [63:0]     hdr;          // the command being executed
    // the DATA command being unpacked
    reg  [1:0]      d_type;
    reg  [ID_W-1:0] d_row, d_col;
    reg  [15:0]     d_count;      // elements per tag
    reg  [15:0]     d_left;       // elements of the current tag not yet sent
    reg  [7:0]      d_tags;       // tags left, including the current one
    reg             d_rlc;        // payload is run-length coded
    reg             d_keep;       // payload words also go into the buffer (l_addr on)
    reg             d_glb;        // payload words come from the buffer
    reg             d_psums;      // the armed psum command follows the payload
    reg             feed_armed;   // a psum command since CONFIG: PSUMS may repeat it
    reg  [15:0]     feed_step;    // words a repeat adds to feed_addr
    reg             halted;       // END reached or an error: take nothing more
    reg  [23:0]     l_addr;       // GLBLOAD, KEEP: next buffer word
    reg  [23:0]     l_left;       // GLBLOAD: words still to come
    // the beat on the bus
    reg  [1:0]      bus_type;
    reg             bus_valid;
    reg             bus_eor;

    wire [3:0] hdr_op = hdr[63:60];
    wire [3:0] cmd_op = s_cmd_data[63:60];

    assign flt_valid = bus_valid && (bus_type == DT_FILTER);
    assign ifm_valid = bus_valid && (bus_type == DT_IFMAP);
    assign ifm_eor   = bus_eor;
    wire bus_fire = (flt_valid && flt_ready) || (ifm_valid && ifm_ready);
    wire advance  = !bus_valid || bus_fire;

    // ID fields are taken straight from the latched command word
    assign row_sel       = hdr[F_ROWID_ROW_LSB +: 8];
    assign pe_row        = hdr[F_PEID_ROW_LSB +: 8];
    assign pe_col        = hdr[F_PEID_COL_LSB +: 8];
    assign row_filter_id = hdr[F_ROWID_FILTER_LSB +: ID_W];
    assign row_ifmap_id  = hdr[F_ROWID_IFMAP_LSB +: ID_W];
    assign row_psum_id   = hdr[F_ROWID_PSUM_LSB +: ID_W];
    assign pe_filter_id  = hdr[F_PEID_FILTER_LSB +: ID_W];
    assign pe_ifmap_id   = hdr[F_PEID_IFMAP_LSB +: ID_W];
    assign pe_psum_id    = hdr[F_PEID_PSUM_LSB +: ID_W];
    assign pe_enable     = hdr[F_PEID_ENABLE_BIT];
    assign pe_bottom     = hdr[F_PEID_BOTTOM_BIT];
    assign pe_top        = hdr[F_PEID_TOP_BIT];

    // a CONFIG's fields, and its checks against the generated sizes: made on
    // the command word as it is taken (config_ok, a register beside hdr)
    wire [7:0]  new_ne   = hdr[F_CONFIG_NE_LSB +: 8];
    wire [7:0]  new_npop = hdr[F_CONFIG_NPOP_LSB +: 8];
    wire [7:0]  new_nf   = hdr[F_CONFIG_NF_LSB +: 8];
    wire [11:0] new_nw   = hdr[F_CONFIG_NW_LSB +: 12];
    wire [DW-2:0] new_thresh = hdr[F_CONFIG_THRESH_LSB +: DW - 1];   // checked below 2^(DW-1)
    wire [7:0]  c_ne     = s_cmd_data[F_CONFIG_NE_LSB +: 8];
    wire [7:0]  c_npop   = s_cmd_data[F_CONFIG_NPOP_LSB +: 8];
    wire [7:0]  c_nf     = s_cmd_data[F_CONFIG_NF_LSB +: 8];
    wire [15:0] c_nw     = {4'd0, s_cmd_data[F_CONFIG_NW_LSB +: 12]};
    wire [15:0] ne_x_nf  = c_ne * c_nf;
    // the threshold must be below 2^(DW-1): its bits from DW-1 up are zero
    wire [F_CONFIG_THRESH_W-1:0] c_thresh = s_cmd_data[F_CONFIG_THRESH_LSB +: F_CONFIG_THRESH_W];
    wire        thresh_ok = ((c_thresh >> (DW - 1)) == {F_CONFIG_THRESH_W{1'b0}});
    wire        cmd_config_ok = (c_ne != 8'd0) && (c_ne <= IFS_N) && (c_npop <= c_ne) && (c_npop != 8'd0) &&
                                (c_nf != 8'd0) && (c_nf <= PSS_N) && (c_nw == ne_x_nf) && (c_nw <= FLS_N) &&
                                (s_cmd_data[F_CONFIG_SHIFT_LSB +: 6] <= PW_N) && thresh_ok;
    reg         config_ok;

    // payload words: one beat each
    wire [15:0] lanes     = (d_left < SLOT_DATA) ? d_left : SLOT_DATA;
    wire        tag_done  = (d_left == lanes);
    wire        rlc_valid, rlc_ready, rlc_bad;
    wire [63:0] rlc_data;
    wire        gr_valid, gr_active, gr_busy, gr_range;
    wire [23:0] gr_word;
    wire [7:0]  gr_tag;
    wire [63:0] gr_data;
    wire        pay_valid = d_glb ? gr_valid : d_rlc ? rlc_valid : s_cmd_valid;
    wire [63:0] pay_data  = d_glb ? gr_data : d_rlc ? rlc_data : s_cmd_data;
    wire        live      = run && !halted && !finished;
    // a KEEP copy needs the buffer's write port in the next cycle
    wire        load_word = (state == S_PAYLOAD) && advance && pay_valid && live && !(d_keep && glb_wr_busy);
    wire        load_eor  = (state == S_EOR) && advance && live;
    wire [15:0] hdr_count = s_cmd_data[F_DATA_COUNT_LSB +: 16];
    wire [7:0]  hdr_tags  = s_cmd_data[F_DATA_TAGS_LSB +: 8];

    assign s_cmd_ready = live && (state == S_HDR || (state == S_GADDR && (feed_idle || d_type == DT_IFMAP)) ||
                                  state == S_LOAD || state == S_SADDR || state == S_KADDR ||
                                  (state == S_PAYLOAD && !d_glb &&
                                   (d_rlc ? rlc_ready : advance && !(d_keep && glb_wr_busy))));
    // a word taken, as each state sees it: s_cmd_ready's term for that state
    // alone, so no state's readiness (the RLC's, the bus's) reaches the others'
    wire take_word  = s_cmd_valid && live;                           // S_HDR, S_LOAD, S_KADDR, S_SADDR
    wire gaddr_fire = take_word && (feed_idle || d_type == DT_IFMAP); // S_GADDR
    wire hdr_rlc   = s_cmd_data[F_DATA_RLC_BIT];
    wire hdr_keep  = s_cmd_data[F_DATA_KEEP_BIT];
    wire hdr_glb   = s_cmd_data[F_DATA_SRC_GLB_BIT];
    wire hdr_psums = s_cmd_data[F_DATA_PSUMS_BIT];
    // where an ifmap DATA goes once its payload is out
    wire [3:0] data_end = d_psums ? S_PSUMS : S_HDR;
    wire [1:0] hdr_type = s_cmd_data[F_DATA_TYPE_LSB +: 2];
    wire rlc_start = (state == S_HDR) && take_word && (cmd_op == OP_DATA) && hdr_rlc &&
                     (hdr_type == DT_IFMAP) && !hdr_glb && (hdr_count != 16'd0) && (hdr_tags != 8'd0);

    // a register slice after the RLC expansion: the decoder's readiness for a
    // payload word (bus, buffer port, state) stays out of the expansion's step
    wire        rlc_q_valid, rlc_q_ready, rlc_out_empty;
    wire [63:0] rlc_q_data;
    rs_rlc_dec #(.DW(DW)) u_rlc (
        .clk(clk), .rst_n(rst_n), .flush(!live),
        .start(rlc_start), .count(hdr_count), .tags(hdr_tags),
        .in_data(s_cmd_data), .in_valid(s_cmd_valid && state == S_PAYLOAD && d_rlc), .in_ready(rlc_ready),
        .out_data(rlc_q_data), .out_valid(rlc_q_valid), .out_ready(rlc_q_ready),
        .bad(rlc_bad)
    );
    rs_skid #(.W(64)) u_rlc_out (
        .clk(clk), .rst_n(rst_n), .flush(!live),
        .in_data(rlc_q_data), .in_valid(rlc_q_valid), .in_ready(rlc_q_ready),
        .out_data(rlc_data), .out_valid(rlc_valid), .out_ready(load_word && d_rlc), .empty(rlc_out_empty)
    );
    wire cmd_short = s_cmd_ready && !s_cmd_valid && cmd_exhausted;

    // SRC_GLB ifmaps: tag k's ceil(COUNT / (64/DW)) words from ADDR + k*STRIDE
    wire [16:0] d_words = ({1'b0, d_count} + {1'b0, SLOT_DATA} - 17'd1) / {1'b0, SLOT_DATA};
    wire        gr_start = (state == S_GADDR) && gaddr_fire && (d_type == DT_IFMAP) &&
                           (d_count != 16'd0) && (d_tags != 8'd0);
    wire        gr_wide, gr_two;   // narrow reads only
    rs_glb_read #(.GLB_WORDS(GLB_WORDS), .AW(GLB_AW)) u_read (
        .clk(clk), .rst_n(rst_n && live),
        .start(gr_start), .addr(s_cmd_data[F_GLBADDR_ADDR_LSB +: 24]),
        .stride(s_cmd_data[F_GLBADDR_STRIDE_LSB +: 24]), .words({7'd0, d_words}), .tags(d_tags),
        .active(gr_active), .busy(gr_busy), .range_error(gr_range), .pos_word(gr_word), .pos_tag(gr_tag),
        .rd_req(glb_rd_req), .rd_addr(glb_rd_addr), .rd_wide(gr_wide), .rd_grant(glb_rd_grant), .rd_data(glb_rd_data),
        .out_data(gr_data), .out_two(gr_two), .out_valid(gr_valid), .out_ready(load_word && d_glb)
    );
    wire unused_gr = &{1'b0, gr_active, gr_busy, gr_word, gr_tag, rlc_out_empty, gr_wide, gr_two};   // the DATA's word count ends the payload

    // buffer writes from the stream: a GLBLOAD word, or a KEEP ifmap's payload
    // word as it goes onto the bus. The word goes through the beat register:
    // a GLBLOAD word too (the bus is idle during GLBLOAD, a barrier, and the
    // GLBLOAD clears d_glb and d_rlc, so pay_data is the stream word)
    wire        l_write   = (state == S_LOAD && take_word) || (state == S_PAYLOAD && load_word && d_keep);
    assign glb_ld_data = bus_data;
    wire        l_range   = {8'd0, l_addr} >= GLB_LIMIT;
    // STORE and END wait for the STORE in flight; GLBCFG with SYNC too (the
    // next passes write the region it reads)
    wire        wait_store = (hdr_op == OP_STORE) || (hdr_op == OP_END) ||
                             ((hdr_op == OP_GLBCFG) && hdr[F_GLBCFG_SYNC_BIT]);
    // a STORE's word count, from its header (below 2^24: the buffer is smaller)
    wire [23:0] hdr_store_total = hdr[F_STORE_WORDS_LSB +: 24] * {16'd0, hdr[F_STORE_TAGS_LSB +: 8]};
    wire        barrier_go = array_idle && !bus_valid && (store_idle || !wait_store);

    // l_addr: set by GLBLOAD (from its header) or a KEEP's address word,
    // then one on per buffer write (the states exclude each other)
    wire        l_set = ((state == S_BARRIER) && barrier_go && (hdr_op == OP_GLBLOAD)) ||
                        ((state == S_KADDR) && take_word);
    wire [23:0] l_set_addr = (state == S_KADDR) ? s_cmd_data[F_GLBADDR_ADDR_LSB +: 24] : hdr[F_GLBLOAD_ADDR_LSB +: 24];
    always @(posedge clk) begin
        if (!rst_n)
            l_addr <= 24'd0;
        else if (l_set)
            l_addr <= l_set_addr;
        else if (l_write)
            l_addr <= l_addr + 24'd1;
    end

    always @(posedge clk) begin
        if (!rst_n) begin
            state        <= S_HDR;
            hdr          <= 64'd0;
            config_ok    <= 1'b0;
            d_type       <= DT_FILTER;
            d_count      <= 16'd0;
            d_left       <= 16'd0;
            d_tags       <= 8'd0;
            bus_type     <= DT_FILTER;
            bus_valid    <= 1'b0;
            bus_eor      <= 1'b0;
            clear        <= 1'b0;
            row_we       <= 1'b0;
            pe_we        <= 1'b0;
            finished     <= 1'b0;
            error        <= 8'd0;
            glb_ld_en    <= 1'b0;
            store_start  <= 1'b0;
            store_addr   <= 24'd0;
            store_stride <= 24'd0;
            store_words  <= 24'd0;
            store_tags   <= 8'd0;
            store_total  <= 24'd0;
            store_rlc    <= 1'b0;
            l_left       <= 24'd0;
            cfg_ne       <= 8'd1;
            cfg_npop     <= 8'd1;
            cfg_nf       <= 8'd1;
            cfg_nw       <= 12'd1;
            cfg_shift    <= 6'd0;
            cfg_relu     <= 1'b0;
            cfg_raw      <= 1'b1;
            cfg_psum_bus <= 1'b0;
            cfg_thresh   <= {(DW-1){1'b0}};
            cfg_res_base <= 24'd0;
            cfg_res_stride <= 24'd0;
            d_rlc        <= 1'b0;
            d_keep       <= 1'b0;
            d_glb        <= 1'b0;
            d_psums      <= 1'b0;
            halted       <= 1'b0;
            feed_start   <= 1'b0;
            feed_armed   <= 1'b0;
            feed_step    <= 16'd0;
        end else begin
            clear    <= 1'b0;
            row_we   <= 1'b0;
            pe_we    <= 1'b0;
            finished <= 1'b0;
            glb_ld_en   <= 1'b0;
            store_start <= 1'b0;
            feed_start  <= 1'b0;

            // the beat register: loaded from a payload word or an EOR, else
            // emptied when its transfer happens
            if (load_word || (state == S_LOAD && take_word))
                bus_data <= pay_data;
            if (load_word) begin
                bus_type    <= d_type;
                bus_row_tag <= d_row;
                bus_col_tag <= d_col;
                bus_lanes   <= lanes[3:0];
                bus_eor     <= 1'b0;
                bus_valid   <= 1'b1;
            end else if (load_eor) begin
                bus_type  <= DT_IFMAP;
                bus_lanes <= 4'd1;
                bus_eor   <= 1'b1;
                bus_valid <= 1'b1;
            end else if (bus_fire) begin
                bus_valid <= 1'b0;
                bus_eor   <= 1'b0;
            end

            if (rlc_bad) begin
                error    <= ERR_RLC;
                finished <= 1'b1;
            end

            if (gr_range) begin
                error    <= ERR_GLB_RANGE;
                finished <= 1'b1;
            end

            if (l_write) begin
                if (l_range) begin
                    error    <= ERR_GLB_RANGE;
                    finished <= 1'b1;
                end
                glb_ld_en   <= !l_range;
                glb_ld_addr <= l_addr[GLB_AW-1:0];
            end

            if (cmd_short) begin
                error    <= ERR_CMD_SHORT;
                finished <= 1'b1;
            end

            if (finished)
                halted <= 1'b1;

            case (state)
                S_HDR: if (take_word) begin
                    hdr       <= s_cmd_data;
                    config_ok <= cmd_config_ok;
                    case (cmd_op)
                        OP_NOP: ;
                        OP_CONFIG, OP_ROWID, OP_PEID, OP_GLBCFG, OP_GLBLOAD, OP_STORE, OP_END:
                            state <= S_BARRIER;
                        OP_DATA: begin
                            d_type  <= s_cmd_data[F_DATA_TYPE_LSB +: 2];
                            d_row   <= s_cmd_data[F_DATA_ROW_LSB +: ID_W];
                            d_col   <= s_cmd_data[F_DATA_COL_LSB +: ID_W];
                            d_count <= hdr_count;
                            d_left  <= hdr_count;
                            d_tags  <= hdr_tags;
                            d_rlc   <= hdr_rlc;
                            d_keep  <= hdr_keep;
                            d_glb   <= hdr_glb;
                            d_psums <= hdr_psums;
                            // psums come from the buffer only, filters from
                            // the stream only; RLC and KEEP are for ifmaps in
                            // the stream only; PSUMS for ifmaps, once armed
                            if (hdr_type > DT_PSUM || (hdr_type == DT_PSUM && !hdr_glb) ||
                                (hdr_type == DT_FILTER && hdr_glb) ||
                                ((hdr_rlc || hdr_keep) && (hdr_type != DT_IFMAP || hdr_glb)) ||
                                (hdr_psums && (hdr_type != DT_IFMAP || !feed_armed))) begin
                                error    <= ERR_DATA_TYPE;
                                finished <= 1'b1;
                            end else if (hdr_glb) begin
                                state <= S_GADDR;   // the address word follows, even for no data
                            end else if (hdr_keep) begin
                                state <= S_KADDR;   // the address word, then the payload
                            end else if (hdr_count != 16'd0 && hdr_tags != 8'd0) begin
                                state <= S_PAYLOAD;
                            end else if (hdr_psums) begin
                                state <= S_PSUMS;
                            end
                        end
                        OP_EOR: state <= S_EOR;
                        default: begin
                            error    <= ERR_OPCODE;
                            finished <= 1'b1;
                        end
                    endcase
                end

                S_BARRIER: if (barrier_go) begin
                    state <= S_HDR;
                    case (hdr_op)
                        OP_GLBLOAD: begin
                            d_glb  <= 1'b0;
                            d_rlc  <= 1'b0;
                            l_left <= hdr[F_GLBLOAD_COUNT_LSB +: 24];
                            if (hdr[F_GLBLOAD_COUNT_LSB +: 24] != 24'd0)
                                state <= S_LOAD;
                        end
                        OP_STORE: state <= S_SADDR;
                        OP_CONFIG: begin
                            if (config_ok) begin
                                clear        <= 1'b1;
                                cfg_ne       <= new_ne;
                                cfg_npop     <= new_npop;
                                cfg_nf       <= new_nf;
                                cfg_nw       <= new_nw;
                                cfg_shift    <= hdr[F_CONFIG_SHIFT_LSB +: 6];
                                cfg_relu     <= hdr[F_CONFIG_RELU_BIT];
                                cfg_raw      <= hdr[F_CONFIG_RAW_BIT];
                                cfg_psum_bus <= hdr[F_CONFIG_PSUM_BUS_BIT];
                                cfg_thresh   <= new_thresh;
                                feed_armed   <= 1'b0;
                            end else begin
                                error    <= ERR_CONFIG;
                                finished <= 1'b1;
                            end
                        end
                        OP_GLBCFG: begin
                            cfg_res_base   <= hdr[F_GLBCFG_BASE_LSB +: 24];
                            cfg_res_stride <= hdr[F_GLBCFG_STRIDE_LSB +: 24];
                        end
                        OP_ROWID: row_we <= 1'b1;
                        OP_PEID:  pe_we  <= 1'b1;
                        default:  finished <= 1'b1;   // OP_END
                    endcase
                end

                S_PAYLOAD: if (load_word) begin
                    if (!tag_done) begin
                        d_left <= d_left - lanes;
                    end else if (d_tags != 8'd1) begin
                        d_tags <= d_tags - 8'd1;
                        d_col  <= d_col + 1'b1;
                        d_left <= d_count;
                    end else begin
                        state <= data_end;
                    end
                end

                // a psum command goes to rs_psum_feed (an empty one does
                // nothing); an ifmap one is read here (u_read started)
                S_GADDR: if (gaddr_fire && d_type == DT_IFMAP) begin
                    state <= (d_count != 16'd0 && d_tags != 8'd0) ? S_PAYLOAD : data_end;
                end else if (gaddr_fire) begin
                    feed_start  <= 1'b1;
                    feed_row    <= d_row;
                    feed_col    <= d_col;
                    feed_count  <= d_count;
                    feed_tags   <= d_tags;
                    feed_addr   <= s_cmd_data[F_GLBADDR_ADDR_LSB +: 24];
                    feed_stride <= s_cmd_data[F_GLBADDR_STRIDE_LSB +: 24];
                    feed_step   <= s_cmd_data[F_GLBADDR_STEP_LSB +: 16];
                    feed_armed  <= 1'b1;
                    state       <= S_HDR;
                end

                // the armed psum command again, STEP words on
                S_PSUMS: if (feed_idle && live) begin
                    feed_start <= 1'b1;
                    feed_addr  <= feed_addr + {8'd0, feed_step};
                    state      <= S_HDR;
                end

                S_LOAD: if (take_word) begin   // the word itself: l_write
                    l_left      <= l_left - 24'd1;
                    if (l_left == 24'd1)
                        state <= S_HDR;
                end

                S_KADDR: if (take_word) begin
                    state  <= (d_count != 16'd0 && d_tags != 8'd0) ? S_PAYLOAD : data_end;
                end

                // rs_store takes over: the values leave in the background,
                // even for an empty store (RLC: the term word)
                S_SADDR: if (take_word) begin
                    store_start  <= 1'b1;
                    store_addr   <= s_cmd_data[F_GLBADDR_ADDR_LSB +: 24];
                    store_stride <= s_cmd_data[F_GLBADDR_STRIDE_LSB +: 24];
                    store_words  <= hdr[F_STORE_WORDS_LSB +: 24];
                    store_tags   <= hdr[F_STORE_TAGS_LSB +: 8];
                    store_total  <= hdr_store_total;
                    store_rlc    <= hdr[F_STORE_RLC_BIT];
                    state        <= S_HDR;
                end

                default: if (load_eor)   // S_EOR
                    state <= S_HDR;
            endcase
        end
    end

endmodule
