// rs_pe: one processing element of the row-stationary array. It runs the 1-D
// convolution primitive: nf filters x nc channels of one filter row stay in the
// filter spad, one ifmap row streams through the ifmap spad (a circular FIFO used
// as a sliding window), nf psums per output position accumulate in the psum spad
// (one or two banks, PSB) through a 4-stage MAC, and finished psums go up the
// column's psum chain. Zero activations are gated or skipped (ZSKIP).
// docs/architecture.md ("The PE") explains windows, end of row, banks and zeros.
// Every spad and FIFO is a RAM Yosys can map (no reset, synchronous write), and
// the code keeps to what lets Verilator share it between all PEs: no Verilog
// functions, per-PE inputs marked public_flat_rd (docs/architecture.md, "Host side").
module rs_pe #(
    parameter DW   = 16,
    parameter PW   = 32,
    parameter IFS  = 12,    // ifmap spad entries
    parameter FLS  = 224,   // filter spad entries
    parameter PSS  = 24,    // psum spad entries
    parameter PIN  = 2,     // psum-bus input FIFO entries: 0 (none: a bottom adds zero) or >= PSL
    parameter PSL  = 2,     // psums a psum-bus beat carries at most (--psum-lanes: 2 or 4)
    parameter ID_W = 8,
    parameter ZSKIP = 0,    // 1: zero activations are skipped (no cycle), 0: gated
    parameter PSB  = 1,     // psum banks: 2 lets a window compute while the last one waits to ship
    parameter LANES = 64 / DW   // elements taken per cycle from the filter and ifmap buses:
                                // 64/DW (a whole beat) or 1 (a beat register gives the spads
                                // one element a cycle: less area, more cycles)
) (
    input  wire            clk,
    input  wire            rst_n,
    input  wire            id_rst_n,       // IDs survive START; only the chip reset clears them

    // Pass configuration (stable while the array runs a pass).
    input  wire            clear,          // start of a pass: drop all data state
    input  wire [7:0]      cfg_ne,         // entries per window (nc*S)
    input  wire [7:0]      cfg_npop,       // entries released per window (nc*min(U,S))
    input  wire [7:0]      cfg_nf,         // filters interleaved (psums per position)
    input  wire [11:0]     cfg_nw,         // filter-spad words to load (ne*nf)
    input  wire            cfg_psum_bus,   // bottom PEs add psums from the psum bus (else zero)
    input  wire [DW-2:0]   cfg_thresh,     // activations with |x| <= cfg_thresh count as zero

    // ID write (from the command stream, between passes).
    input  wire            id_we /*verilator public_flat_rd*/,
    input  wire [ID_W-1:0] id_filter,
    input  wire [ID_W-1:0] id_ifmap,
    input  wire [ID_W-1:0] id_psum,
    input  wire            id_enable,
    input  wire            id_bottom,      // chain starts here: psum from bus or zero
    input  wire            id_top,         // chain ends here: psum goes to the output network
    output reg             enabled,
    output reg             top,

    // Filter and ifmap beats carry up to 64/DW elements; the two buses share
    // their data wires (LANES = 1 reads flt_data for both).
    input  wire [3:0]      bus_lanes,

    // Filter bus (already matched on the row ID by the X-bus controller).
    input  wire            flt_valid /*verilator public_flat_rd*/,
    input  wire [ID_W-1:0] flt_tag,
    input  wire [63:0]     flt_data,
    input  wire            flt_fire,       // the bus transfer happens this cycle
    output wire            flt_hit,
    output wire            flt_ready,

    // Ifmap bus; an end-of-row marker goes to every enabled PE.
    input  wire            ifm_valid /*verilator public_flat_rd*/,
    input  wire            ifm_eor,
    input  wire [ID_W-1:0] ifm_tag,
    input  wire [63:0]     ifm_data,
    input  wire            ifm_fire,
    output wire            ifm_hit,
    output wire            ifm_ready,

    // Psum bus (bias or earlier partial sums for the bottom of a chain): its
    // own beats of one or two 32-bit slots.
    input  wire            psm_valid /*verilator public_flat_rd*/,
    input  wire [ID_W-1:0] psm_tag,
    input  wire [32*PSL-1:0] psm_data,
    input  wire [2:0]      psm_lanes,
    input  wire            psm_fire,
    output wire            psm_hit,
    output wire            psm_ready,

    // Local vertical psum links.
    input  wire            dn_valid /*verilator public_flat_rd*/,
    input  wire [PW-1:0]   dn_data /*verilator public_flat_rd*/,
    output wire            dn_ready,
    // At the top of a chain the beat is a whole global-buffer word: psums 2w
    // (up_data) and 2w+1 (up_hi, up_pair set) of a position, or the last psum
    // of an odd nf alone (up_hi zero).
    output wire            up_valid,
    output wire [PW-1:0]   up_data,
    output wire [PW-1:0]   up_hi,
    output wire            up_pair,
    input  wire            up_ready /*verilator public_flat_rd*/,

    // Activity, for the performance counters.
    output wire            mac_issued,     // a MAC slot with a multiply
    output wire            mac_gated,      // a MAC slot gated on a zero activation
    output wire            flt_rd_skip,    // a MAC slot that issued without a filter-spad read
    output wire            op_load,        // the multiplier operand registers load
    output wire            psum_we,        // a psum-spad write
    output wire [7:0]      skip_entries,   // zero entries skipped this cycle (nf MAC slots each)
    output wire            idle
);
    localparam IW = (IFS > 1) ? $clog2(IFS) : 1;
    localparam SW = (PSS > 1) ? $clog2(PSS) : 1;
    localparam integer  KD        = 64 / DW;            // elements per beat
    localparam integer  LK        = (DW == 8) ? 3 : 2;  // log2(KD)
    localparam integer  FWORDS    = (FLS + KD - 1) / KD;
    localparam integer  FWW       = (FWORDS > 1) ? $clog2(FWORDS) : 1;
    localparam [FWW:0]  FWORDS_N  = FWORDS[FWW:0];
    localparam integer  FA1       = (FLS > 1) ? $clog2(FLS) : 1;  // LANES = 1: entry address
    localparam integer  FW        = (LANES == 1) ? FA1 : FWW + LK;  // filter entry address
    localparam integer  IFS_LAST  = IFS - 1;
    localparam [7:0]    IFS_N8    = IFS_LAST[7:0] + 8'd1;

    // ---------------------------------------------------------------- IDs
    reg [ID_W-1:0] filter_id, ifmap_id, psum_id;
    reg            bottom;
    always @(posedge clk) begin
        if (!id_rst_n) begin
            filter_id <= {ID_W{1'b1}};
            ifmap_id  <= {ID_W{1'b1}};
            psum_id   <= {ID_W{1'b1}};
            enabled   <= 1'b0;
            bottom    <= 1'b0;
            top       <= 1'b0;
        end else if (id_we) begin
            filter_id <= id_filter;
            ifmap_id  <= id_ifmap;
            psum_id   <= id_psum;
            enabled   <= id_enable;
            bottom    <= id_bottom;
            top       <= id_top;
        end
    end

    wire flt_match, ifm_match, psm_match;
    rs_mcast #(.ID_W(ID_W)) u_flt_mc (.in_valid(flt_valid && enabled), .in_tag(flt_tag), .id(filter_id), .hit(flt_match));
    rs_mcast #(.ID_W(ID_W)) u_ifm_mc (.in_valid(ifm_valid && enabled && !ifm_eor), .in_tag(ifm_tag), .id(ifmap_id), .hit(ifm_match));
    rs_mcast #(.ID_W(ID_W)) u_psm_mc (.in_valid(psm_valid && enabled), .in_tag(psm_tag), .id(psum_id), .hit(psm_match));

    // ------------------------------------------------------ ifmap spad (FIFO)
    // XS physical slots: a power of two >= IFS and >= KD, so the pointers wrap
    // for free, and slot s sits in LUT-RAM bank s % KD at s / KD: the up to KD
    // lanes of a beat (consecutive slots) land in KD different banks. With
    // LANES = 1 one bank takes an entry a cycle: a power of two >= IFS slots.
    localparam integer XW  = (LANES == 1) ? ((IFS > 1) ? $clog2(IFS) : 1)
                                          : ((IFS > KD) ? $clog2(IFS) : LK);   // slot bits
    localparam integer XD  = (1 << XW) / KD;                  // slots per bank
    localparam integer XAW = (XD > 1) ? XW - LK : 1;          // bank address bits
    reg [XW-1:0] x_wp;        // next write slot
    reg [XW-1:0] x_base;      // oldest entry
    reg [IW:0]   x_count;     // entries held
    reg          old_row;     // an EOR came: the first x_old entries are the old row's
    reg [IW:0]   x_old;
    wire [8:0]   x_count9 = {{(8-IW){1'b0}}, x_count};
    wire [8:0]   x_old9   = {{(8-IW){1'b0}}, x_old};

    wire eor_hit = ifm_valid && ifm_eor && enabled;
    assign ifm_hit   = ifm_match || eor_hit;
    wire [8:0] x_room = {1'b0, IFS_N8} - x_count9;
    wire       x_push;            // entries enter the spad this cycle
    wire [3:0] x_lanes;           // how many
    /* verilator lint_off UNUSEDSIGNAL */
    wire [IW+4:0] lanes_ext = {{(IW+1){1'b0}}, x_lanes};   // beats never exceed the FIFO
    /* verilator lint_on UNUSEDSIGNAL */
    wire [IW:0] x_in  = x_push ? lanes_ext[IW:0] : {(IW+1){1'b0}};

    // Ifmap input: the beat goes straight into the spad (LANES = KD). With
    // LANES = 1 filter and ifmap beats (one bus, one at a time) go into one
    // beat register that gives a spad an element a cycle (ifmap entries as
    // the FIFO has room). A beat may come as the last element of the one
    // before leaves; an EOR once no ifmap element waits.
    localparam integer NL = (LANES == 1) ? 1 : KD;   // entries the spad takes a cycle
    wire [NL*DW-1:0] x_wdata;                        // them, the first one in the low bits
    /* verilator lint_off UNUSEDSIGNAL */
    wire             b_fpush;                        // LANES = 1: a filter element leaves
    wire [DW-1:0]    b_elem;                         // LANES = 1: the element leaving
    /* verilator lint_on UNUSEDSIGNAL */
    wire             b_idle;                         // LANES = 1: the beat register is empty
    generate
        if (LANES == 1) begin : g_beat
            reg  [63:0]   bt_data;
            reg  [3:0]    bt_cnt;    // elements left in the register
            reg  [LK-1:0] bt_idx;    // the next one's lane
            reg           bt_flt;    // they are filters (else ifmap entries)
            wire          room  = (x_room != 9'd0);
            wire          take  = (flt_fire && flt_match) || (ifm_fire && ifm_match);
            wire          drain = (bt_cnt != 4'd0) && (bt_flt || room);
            wire          free  = (bt_cnt == 4'd0) || (bt_cnt == 4'd1 && drain);
            assign x_push    = drain && !bt_flt;
            assign b_fpush   = drain && bt_flt;
            assign x_lanes   = 4'd1;
            assign b_elem    = bt_data[bt_idx*DW +: DW];
            assign x_wdata   = b_elem;
            assign b_idle    = (bt_cnt == 4'd0);
            assign flt_ready = free;
            assign ifm_ready = ifm_eor ? (!old_row && (b_idle || bt_flt)) : free;
            /* verilator lint_off UNUSEDSIGNAL */
            wire unused_ifm_data = &{1'b0, ifm_data};
            /* verilator lint_on UNUSEDSIGNAL */
            always @(posedge clk) begin
                if (!rst_n)
                    bt_cnt <= 4'd0;
                else if (take)
                    bt_cnt <= bus_lanes;
                else if (drain)
                    bt_cnt <= bt_cnt - 4'd1;
            end
            always @(posedge clk) begin
                if (take) begin
                    bt_data <= flt_data;         // (= ifm_data: the buses share their data wires)
                    bt_flt  <= flt_fire && flt_match;
                    bt_idx  <= {LK{1'b0}};
                end else if (drain) begin
                    bt_idx  <= bt_idx + 1'b1;
                end
            end
        end else begin : g_bus
            assign x_push    = ifm_fire && ifm_match;
            assign b_fpush   = 1'b0;
            assign x_lanes   = bus_lanes;
            assign x_wdata   = ifm_data;
            assign b_elem    = {DW{1'b0}};
            assign b_idle    = 1'b1;
            assign flt_ready = 1'b1;  // a spad word per beat; words past a bank are ignored
            assign ifm_ready = ifm_eor ? !old_row : (x_room >= {5'd0, bus_lanes});   // one EOR at a time
        end
    endgenerate

    // slots modulo 2^XW: counts of IW+1 bits widened (or cut: IFS <= 2^XW)
    /* verilator lint_off UNUSEDSIGNAL */
    wire [XW+IW:0] x_in_w    = {{XW{1'b0}}, x_in};
    /* verilator lint_on UNUSEDSIGNAL */
    wire [XW-1:0]  x_wp_next = x_wp + x_in_w[XW-1:0];

    // ------------------------------------------------------- filter spad
    // Two banks: the pass reads bank f_bank. Beats that arrive once the pass
    // has its cfg_nw entries are the next pass's filters: they go into the
    // other bank while this pass computes, and the next CONFIG (clear)
    // switches banks, so a pass need not wait for its filter load.
    // LANES = KD: one 64-bit word per beat; entry a sits in word a/KD, lane a%KD.
    // LANES = 1: a beat register gives the spad one entry a cycle, entry a at
    // word a (DW bits: both banks of 224 16-bit entries fit one block RAM).
    localparam integer FU  = (LANES == 1) ? FLS : FWORDS;   // spad words per bank
    localparam integer FUW = (FU > 1) ? $clog2(FU) : 1;
    localparam integer FDW = (LANES == 1) ? DW : 64;        // spad word width
    reg            f_bank;    // the bank this pass reads
    reg  [11:0]    f_loaded;  // entries of this pass written
    reg  [11:0]    p_loaded;  // entries of the next pass written (other bank)
    wire           filters_ready = (f_loaded >= cfg_nw);
    wire           f_next  = filters_ready;   // an entry now is for the next pass
    wire           f_we;                      // a spad word is written
    wire [FUW-1:0] f_waddr;                   // at this word of its bank
    wire [FDW-1:0] f_wdata;
    assign flt_hit = flt_match;
    generate
        if (LANES == 1) begin : g_fone
            // an element a cycle from the beat register; entries past a bank are ignored
            localparam [11:0] FLS12 = FLS[11:0];
            assign f_we      = b_fpush && (f_next ? (p_loaded < FLS12) : (f_loaded < FLS12));
            assign f_waddr   = f_next ? p_loaded[FUW-1:0] : f_loaded[FUW-1:0];
            assign f_wdata   = b_elem;
            always @(posedge clk) begin
                if (!rst_n) begin
                    f_bank   <= 1'b0;
                    f_loaded <= 12'd0;
                    p_loaded <= 12'd0;
                end else if (clear) begin
                    // a new pass reads what was loaded for it into the other bank
                    if (p_loaded != 12'd0) begin
                        f_bank   <= !f_bank;
                        f_loaded <= p_loaded;
                    end else begin
                        f_loaded <= 12'd0;
                    end
                    p_loaded <= 12'd0;
                end else if (f_we) begin
                    if (f_next)
                        p_loaded <= p_loaded + 12'd1;
                    else
                        f_loaded <= f_loaded + 12'd1;
                end
            end
        end else begin : g_fbus
            reg  [FWW:0] f_word;    // next word of this pass to write
            reg  [FWW:0] p_word;    // next word of the next pass to write
            wire         f_push = flt_fire && flt_match;
            assign f_we      = f_push && (f_next ? (p_word < FWORDS_N) : (f_word < FWORDS_N));
            assign f_waddr   = f_next ? p_word[FWW-1:0] : f_word[FWW-1:0];
            assign f_wdata   = flt_data;
            always @(posedge clk) begin
                if (!rst_n) begin
                    f_bank   <= 1'b0;
                    f_loaded <= 12'd0;
                    f_word   <= {(FWW+1){1'b0}};
                    p_loaded <= 12'd0;
                    p_word   <= {(FWW+1){1'b0}};
                end else if (clear) begin
                    // a new pass reads what was loaded for it into the other bank
                    if (p_loaded != 12'd0) begin
                        f_bank   <= !f_bank;
                        f_loaded <= p_loaded;
                        f_word   <= p_word;
                    end else begin
                        f_loaded <= 12'd0;
                        f_word   <= {(FWW+1){1'b0}};
                    end
                    p_loaded <= 12'd0;
                    p_word   <= {(FWW+1){1'b0}};
                end else if (f_we) begin
                    if (f_next) begin
                        p_word   <= p_word + 1'b1;
                        p_loaded <= p_loaded + {8'd0, bus_lanes};
                    end else begin
                        f_word   <= f_word + 1'b1;
                        f_loaded <= f_loaded + {8'd0, bus_lanes};
                    end
                end
            end
        end
    endgenerate

    // ----------------------------------------------------- compute control
    reg          computing;
    reg [7:0]    e_idx, f_idx;
    reg          shipping;
    reg [SW-1:0] s_idx;
    // Psum banks (PSB = 2): a window accumulates into bank cb, and a
    // finished window's bank waits (pend) for the pipeline to drain and for
    // the bank before it to ship, so the PE computes the next window into the
    // other bank instead of waiting for its chain. Banks ship in window
    // order: nsb is the next one, sb the one shipping. With PSB = 1 all are
    // bank 0: constants, not registers, so that synthesis keeps none of it.
    reg          cb_r, nsb_r, sb_r;
    reg  [1:0]   pend_r;
    wire         cb   = (PSB == 2) && cb_r;
    wire         nsb  = (PSB == 2) && nsb_r;
    wire         sb   = (PSB == 2) && sb_r;
    wire [1:0]   pend = {(PSB == 2) && pend_r[1], pend_r[0]};
    wire         ship_pending = pend[nsb];   // the next bank to ship is done

    // the window sequencer (generate below) says, for this cycle:
    wire          issue;      // a MAC slot issues (entry e_cur, filter f_idx)
    wire [IW-1:0] e_cur;      // its window entry
    wire [FW-1:0] w_addr;     // its filter-spad entry address
    wire          x_zero;     // its activation counts as zero: gated
    wire          first_cur;  // it overwrites the psum (first entry computed in the window)
    wire          win_end;    // the window is done after this cycle
    wire [7:0]    e_done;     // entries of the window done after this cycle
    wire          psum_zero;  // the window computed nothing: ship zero psums

    wire [XW-1:0] win_addr;   // its ifmap-spad slot (sequencer below)
    wire [DW-1:0] x_cur;      // the ifmap-spad entry win_addr (banks below)
    wire          x_cur_z;    // its zero flag, with zero-gating
    // Entries released: those done up to the first npop (they slide out), or
    // all of them in the old row's last window (no window of the old row
    // after it: fewer than ne of its entries past the first npop). x_rel
    // counts this window's; an EOR during the window releases the rest of
    // what is done at once.
    // The release count is rel_base (from registers only) + rel_inc (one bit
    // that depends on this cycle's issue), so the issue logic is followed by
    // one short carry chain, not by the whole release arithmetic.
    reg  [7:0]    x_rel;
    // w_last is a register: x_old + x_rel (the old row's entries from this
    // window on) changes only at an EOR or a window start, so its next value
    // needs no release count
    reg           w_last;
    wire [7:0]    rel_base8;          // (sequencer below)
    wire          rel_inc;
    // (each sum below adds rel_base first and rel_inc last)
    wire [IW:0]   rel_base = rel_base8[IW:0];             // <= ne <= IFS
    wire [IW:0]   rel_inc_w = {{IW{1'b0}}, rel_inc};
    // the old row's leftover is dropped once it holds no full window
    wire          x_drop   = old_row && !computing && (x_old9 < {1'b0, cfg_ne});
    // x_adv = adv_base + rel_inc (no release without a window)
    wire [IW:0]   adv_base = x_drop ? x_old : rel_base8[IW:0];
    /* verilator lint_off UNUSEDSIGNAL */
    wire [XW+IW:0] adv_base_w = {{XW{1'b0}}, adv_base};
    /* verilator lint_on UNUSEDSIGNAL */
    wire [XW-1:0] x_base_nb   = x_base + adv_base_w[XW-1:0];
    localparam [XW-1:0] XONE  = 1;
    wire [XW-1:0] x_base_next = rel_inc ? x_base_nb + XONE : x_base_nb;
    wire [IW:0]   x_count_nb  = x_count + x_in - adv_base;
    wire [IW:0]   x_cnt_rel   = x_count - rel_base;
    wire [IW:0]   x_old_rel   = x_old - rel_base;
    wire [7:0]    x_rel_nb    = x_rel + rel_base8;

    // last_f (f_idx == cfg_nf - 1) and wfresh (the first entry of the window
    // computed is not done yet) are registers, kept with f_idx and the entries
    reg  last_f;
    reg  wfresh;
    wire [7:0] e_cur8 = {{(8-IW){1'b0}}, e_cur};

    reg  iss1, iss2, iss3;    // a window step is in stage 1 / 2 / 3
    // A window starts while the previous one still ships. In the same bank
    // (one bank, or two when the bank before is still shipping) its
    // first-entry MAC slots overwrite the psums, so slot (first entry,
    // filter f) waits until psum f has left (shipped_f); the rest of the
    // window follows. Shipping thus costs a few cycles per window instead
    // of nf, and none with a free second bank.
    // (ship_gt: s_idx > f_idx, a register computed from their next values)
    reg  ship_gt;
    wire shipped_f = !pend[cb] && (!(shipping && sb == cb) || ship_gt);
    // (with two banks a window starts only in a bank nobody waits to ship)
    wire bank_free = (PSB == 1) || !pend[cb];
    wire start = !computing && filters_ready && bank_free &&
                 ((old_row ? x_old9 : x_count9) >= {1'b0, cfg_ne}) && (cfg_ne != 8'd0);

    wire          eor_ev       = ifm_fire && eor_hit;
    // (every case of the EOR and of start computed, so that they only select)
    wire [8:0]    own_lim     = {1'b0, cfg_ne} + {1'b0, cfg_npop};
    wire          lt_cnt      = (x_count9 < own_lim);
    wire          lt_cnt_rel  = (x_count9 + {1'b0, x_rel} < own_lim);
    wire          lt_old      = (x_old9 < own_lim);
    // (without an EOR or a start the sum does not change: w_last stays)
    wire          w_last_next = eor_ev ? (start ? lt_cnt : lt_cnt_rel)
                                       : (old_row && !x_drop && (start ? lt_old : w_last));

    assign mac_issued  = issue && !x_zero;
    assign mac_gated   = issue && x_zero;

    // Zero flags, one per ifmap-spad slot, written with the entries (the
    // threshold is stable during a pass: CONFIG is a barrier and clears the
    // PE): an activation counts as zero when |x| <= T, i.e. x <= T for x >= 0
    // and ~x = |x| - 1 < T for x < 0, one compare with the sign bit below.
    // (the flags are kept with the banks below: xz[s] is slot s's, with zero-skip)
    wire [(1<<XW)-1:0] xz;
    wire [NL-1:0] lane_small;
    genvar gz;
    for (gz = 0; gz < NL; gz = gz + 1) begin : g_lane
        wire [DW-1:0] v   = x_wdata[gz*DW +: DW];
        assign lane_small[gz] = {v[DW-2:0] ^ {(DW-1){v[DW-1]}}, v[DW-1]} < {cfg_thresh, 1'b1};
    end

    generate
        if (ZSKIP == 0) begin : g_gate
            // every entry takes its nf slots; the filter address counts up
            reg [FW-1:0] w_cnt;
            always @(posedge clk) begin
                if (!rst_n || clear || start)
                    w_cnt <= {FW{1'b0}};
                else if (issue)
                    w_cnt <= w_cnt + 1'b1;
            end
            // the slot read, wstart + e_idx, kept in a register
            reg [XW-1:0] x_rd;
            always @(posedge clk) begin
                if (!rst_n || clear)
                    x_rd <= {XW{1'b0}};
                else if (start)
                    x_rd <= x_base;
                else if (issue && last_f)
                    x_rd <= x_rd + 1'b1;
            end
            assign win_addr     = x_rd;
            assign issue        = computing && !(first_cur && !shipped_f);
            assign e_cur        = e_idx[IW-1:0];
            assign w_addr       = w_cnt;
            assign x_zero       = x_cur_z;
            /* verilator lint_off UNUSEDSIGNAL */
            wire unused_xz = &{1'b0, xz};
            /* verilator lint_on UNUSEDSIGNAL */
            assign first_cur    = wfresh;
            assign win_end      = issue && last_f && (e_idx == cfg_ne - 1'b1);
            assign e_done       = e_idx + {7'd0, issue && last_f};
            assign psum_zero    = 1'b0;
            assign skip_entries = 8'd0;
            // x_rel = min(e_idx, last cycle's rel_lim) while computing, so
            // min(e_done, rel_lim) - x_rel is e_idx - x_rel when rel_lim has just
            // grown (w_last set), else 0, plus one if an entry ends below rel_lim
            reg w_last_p;       // the previous cycle's w_last
            always @(posedge clk)
                w_last_p <= rst_n && !clear && w_last;
            assign rel_base8    = (computing && w_last && !w_last_p) ? e_idx - x_rel : 8'd0;
            wire   below_ne     = (e_idx < cfg_ne);     // (both compares, w_last selects)
            wire   below_npop   = (e_idx < cfg_npop);
            assign rel_inc      = computing && issue && last_f && (w_last ? below_ne : below_npop);
            /* verilator lint_off UNUSEDSIGNAL */
            wire unused_e = &{1'b0, e_idx[7:IW], e_done};
            /* verilator lint_on UNUSEDSIGNAL */
        end else begin : g_skip
            reg [XW-1:0] wstart;   // the window's first slot
            always @(posedge clk) begin
                if (!rst_n || clear)
                    wstart <= {XW{1'b0}};
                else if (start)
                    wstart <= x_base;
            end
            /* verilator lint_off UNUSEDSIGNAL */
            wire [XW+IW-1:0] e_cur_w = {{XW{1'b0}}, e_cur};
            /* verilator lint_on UNUSEDSIGNAL */
            assign win_addr = wstart + e_cur_w[XW-1:0];
            // Candidates: the window's non-zero entries at or after e_idx, a
            // register: at the start, the flags in window order (entry i sits
            // in slot x_base + i); an entry leaves when its last slot issues
            // (it is always the first one), skipped ones never were in it.
            wire [(2<<XW)-1:0] xz_rot = {xz, xz} >> x_base;
            wire [IFS-1:0] cand_start;
            genvar gi;
            for (gi = 0; gi < IFS; gi = gi + 1) begin : g_cand
                localparam [7:0] GI = gi;
                assign cand_start[gi] = !xz_rot[gi] && (GI < cfg_ne);
            end
            reg  [IFS-1:0] cand;
            localparam [IFS-1:0] ONE = 1;
            wire [IFS-1:0] cand_rest = cand & (cand - ONE);   // without the first one
            always @(posedge clk) begin
                if (!rst_n || clear)
                    cand <= {IFS{1'b0}};
                else if (start)
                    cand <= cand_start;
                else if (issue && last_f)
                    cand <= cand_rest;
            end
            wire found = |cand;
            wire more  = |cand_rest;
            reg  [IW-1:0] e_nz;
            integer k;
            always @* begin
                e_nz = {IW{1'b0}};
                for (k = IFS - 1; k >= 0; k = k - 1)
                    if (cand[k])
                        e_nz = k[IW-1:0];
            end

            // first-entry overwrite: from the window start to the end of the
            // first entry computed; a window that computes nothing ships zeros
            reg [1:0] pzero;    // per bank
            always @(posedge clk) begin
                if (!rst_n || clear)
                    pzero  <= 2'b00;
                else if (win_end)
                    pzero[cb] <= wfresh && !issue;
            end

            // entries done after this cycle (computed or skipped)
            wire [7:0] e_adv  = win_end ? cfg_ne : (last_f ? e_cur8 + 8'd1 : e_cur8);
            wire       e_step = computing && (issue || win_end);   // else stalled on shipping
            wire [15:0] e_base = {8'd0, e_cur8} * {8'd0, cfg_nf};
            /* verilator lint_off UNUSEDSIGNAL */
            wire [15:0] w_sum  = e_base + {8'd0, f_idx};
            /* verilator lint_on UNUSEDSIGNAL */

            assign issue        = computing && found && !(first_cur && !shipped_f);
            assign e_cur        = e_nz;
            assign w_addr       = w_sum[FW-1:0];
            assign x_zero       = 1'b0;
            assign first_cur    = wfresh;
            /* verilator lint_off UNUSEDSIGNAL */
            wire unused_z = x_cur_z;
            /* verilator lint_on UNUSEDSIGNAL */
            // a window that computes nothing ends once the previous one shipped
            assign win_end      = computing && (found ? (issue && last_f && !more) : !(pend[cb] || (shipping && sb == cb)));
            assign e_done       = e_step ? e_adv : e_idx;
            assign psum_zero    = pzero[sb];
            assign skip_entries = e_step ? e_adv - e_idx - {7'd0, issue && last_f} : 8'd0;
            wire [7:0] rel_lim  = w_last ? cfg_ne : cfg_npop;
            wire [7:0] rel_to   = (e_done < rel_lim) ? e_done : rel_lim;
            assign rel_base8    = computing ? rel_to - x_rel : 8'd0;
            assign rel_inc      = 1'b0;
            /* verilator lint_off UNUSEDSIGNAL */
            wire unused_skip = &{1'b0, xz_rot[(2<<XW)-1:IFS]};
            /* verilator lint_on UNUSEDSIGNAL */
        end
    endgenerate

    // ------------------------------------------------------ MAC pipeline
    wire           flt_rd = mac_issued;     // the filter-spad read enable
    assign flt_rd_skip = issue && !flt_rd;
    assign op_load     = mac_issued;        // x1 loads (x2 and w2 a cycle later)
    // (reads come from bank f_bank only while computing, when writes go to
    // the other one: no read-write collision, so no bypass)
    wire [DW-1:0]  w_rd;                    // the entry read, a cycle later
    generate
        if (LANES == 1) begin : g_fspad1
            rs_spad #(.WIDTH(DW), .DEPTH(2 << FUW), .AW(FUW + 1), .NO_RW(1)) u_filter_spad (
                .clk(clk),
                .wr_en(f_we), .wr_addr({f_next ? !f_bank : f_bank, f_waddr}), .wr_data(f_wdata),
                .rd_en(flt_rd), .rd_addr({f_bank, w_addr}), .rd_data(w_rd)
            );
        end else begin : g_fspadk
            wire [63:0]   w_word;
            reg  [LK-1:0] w_lane;
            rs_spad #(.WIDTH(64), .DEPTH(2 << FWW), .AW(FWW + 1), .NO_RW(1)) u_filter_spad (
                .clk(clk),
                .wr_en(f_we), .wr_addr({f_next ? !f_bank : f_bank, f_waddr}), .wr_data(f_wdata),
                .rd_en(flt_rd), .rd_addr({f_bank, w_addr[FW-1:LK]}), .rd_data(w_word)
            );
            always @(posedge clk)
                if (flt_rd)
                    w_lane <= w_addr[LK-1:0];
            assign w_rd = w_word[w_lane*DW +: DW];
        end
    endgenerate

    reg  [DW-1:0]   x1;
    reg  [SW-1:0]   f1;
    reg             v1, v2, v3;    // a real (not gated) MAC is in the stage
    reg             first1, first2, first3; // first entry of the window: overwrite the psum
    // 4 stages, each within a clock at 100 MHz on an ECP5: the block RAM's
    // output is lane-selected into w2 (x1 moves on to x2), the multiplier
    // fills prod3, and stage 3 accumulates. The psum spad is written in stage
    // 3 and read for shipping from the cycle after ship_go, which waits for
    // stages 0-2 only: the same cycles as a 3-stage pipeline.
    reg  [DW-1:0]   x2, w2;
    reg  [2*DW-1:0] prod3;

    // One LUT RAM per bank (psum f at f) with one read port, shared by the
    // accumulation (stage 3) and the shipping: a bank ships only once no MAC
    // into it is in the pipeline, and a window that starts in a bank still
    // shipping only overwrites (first entry) until its last first-entry slot,
    // which waits for the shipping to end. So the accumulation never needs a
    // read from a bank that ships, and the port reads the shipping psum then.
    localparam integer PSD = PSS;
    reg  [SW-1:0]  f2, f3;         // the psum of the MAC in stage 2 / 3
    reg            b1, b2, b3;     // the bank of the MAC in stage 1 / 2 / 3
    wire [PW-1:0]  acc_new;
    wire [PW-1:0]  ps_rd0, ps_rd1; // the banks' read ports
    wire [PW-1:0]  ps_rd_acc  = b3 ? ps_rd1 : ps_rd0;
    wire [PW-1:0]  ps_rd_ship = sb ? ps_rd1 : ps_rd0;
    // bank b reads (shipping && sb == b) ? s_idx : f3, kept in a register
    // (ps_ra0/1, set from the next values of the four, with the shipping logic)
    reg  [SW-1:0]  ps_ra0, ps_ra1;
    genvar gq;
    for (gq = 0; gq < PSB; gq = gq + 1) begin : g_psbank
        wire [PW-1:0] rd;
        rs_lutram #(.WIDTH(PW), .DEPTH(PSD), .AW(SW)) u_bank (
            .clk(clk), .we(psum_we && b3 == (gq != 0)), .wa(f3), .wd(acc_new),
            .ra((gq == 0) ? ps_ra0 : ps_ra1), .rd(rd)
        );
        if (gq == 0) begin : g_rd0
            assign ps_rd0 = rd;
        end else begin : g_rd1
            assign ps_rd1 = rd;
        end
    end
    if (PSB == 1) begin : g_one_bank
        assign ps_rd1 = ps_rd0;
        /* verilator lint_off UNUSEDSIGNAL */
        wire unused_ra1 = &{1'b0, ps_ra1};
        /* verilator lint_on UNUSEDSIGNAL */
    end

    // The product joins the accumulator modulo 2^PW: sign-extended when the
    // accumulator is wider, truncated when it is narrower.
    wire [PW-1:0] prod_ext;
    generate
        if (PW > 2*DW) begin : g_prod_ext
            assign prod_ext = {{(PW-2*DW){prod3[2*DW-1]}}, prod3};
        end else begin : g_prod_trunc
            assign prod_ext = prod3[PW-1:0];
        end
    endgenerate
    wire [PW-1:0] acc_old  = first3 ? {PW{1'b0}} : ps_rd_acc;
    assign acc_new = acc_old + (v3 ? prod_ext : {PW{1'b0}});
    assign psum_we = iss3 && (v3 || first3);

    always @(posedge clk) begin
        if (v1) begin
            x2 <= x1;
            w2 <= w_rd;
        end
        if (v2)
            prod3 <= $signed(x2) * $signed(w2);
        if (op_load)
            x1 <= x_cur;
        if (issue)
            f1 <= f_idx[SW-1:0];
        if (iss1)
            f2 <= f1;
        if (issue)
            b1 <= cb;
        if (iss1)
            b2 <= b1;
        if (iss2) begin
            f3 <= f2;
            b3 <= b2;
        end
    end

    // ------------------------------------------------------- psum shipping
    // psum-bus input: a FIFO (rs_psum_in) where psums come from the bus,
    // which is row 0 only (PIN = 0 elsewhere: a psum beat hits no PE there,
    // and a bottom adds zero)
    wire          in_from_bus = bottom && cfg_psum_bus && (PIN > 0);
    wire          pin_valid;
    wire [PW-1:0] pin_data;
    wire          ship_fire;
    generate
        if (PIN > 0) begin : g_pin
            assign psm_hit = psm_match;
            rs_psum_in #(.PW(PW), .DEPTH(PIN), .PL(PSL)) u_psum_in (
                .clk(clk), .rst(!rst_n || clear),
                .push(psm_fire && psm_match), .lanes(psm_lanes), .data(psm_data), .ready(psm_ready),
                .pop(ship_fire && in_from_bus), .valid(pin_valid), .head(pin_data)
            );
        end else begin : g_no_pin
            assign psm_hit   = 1'b0;
            assign psm_ready = 1'b1;
            assign pin_valid = 1'b0;
            assign pin_data  = {PW{1'b0}};
            /* verilator lint_off UNUSEDSIGNAL */
            wire unused_psm = &{1'b0, psm_match, psm_fire, psm_lanes, psm_data};
            /* verilator lint_on UNUSEDSIGNAL */
        end
    endgenerate

    wire          in_valid = !bottom ? dn_valid : (in_from_bus ? pin_valid : 1'b1);
    wire [PW-1:0] in_data  = !bottom ? dn_data : (in_from_bus ? pin_data : {PW{1'b0}});

    // two-entry output FIFO: full throughput without a combinational ready
    // chain. A top sends two entries at once (a pair) and may refill in the
    // same cycle, so the output network takes two psums per cycle.
    // Two fixed slots and a read pointer: a push writes the slot after the
    // entries held (o_rp + o_count, whatever leaves), so no data shifts.
    reg  [PW-1:0] o_q0, o_q1;
    reg           o_l0, o_l1;         // the entry is the last psum of its window
    reg           o_rp;               // the slot of the oldest entry
    reg  [1:0]    o_count;
    wire [PW-1:0] o_data0 = o_rp ? o_q1 : o_q0;   // the oldest entry
    wire [PW-1:0] o_data1 = o_rp ? o_q0 : o_q1;   // the one after it
    wire          o_last0 = o_rp ? o_l1 : o_l0;
    wire          o_pair = top && (o_count == 2'd2) && !o_last0;
    wire [1:0]    o_npop = !(up_valid && up_ready) ? 2'd0 : (o_pair ? 2'd2 : 2'd1);
    wire [1:0]    o_left = o_count - o_npop;
    // (only a top refills as it sends: its ready comes from a registered
    // arbiter, while below a top it would chain up the column)
    wire          o_full = top ? (o_left == 2'd2) : (o_count == 2'd2);
    assign        ship_fire = shipping && in_valid && !o_full;
    wire          ship_last = (s_idx == cfg_nf[SW-1:0] - 1'b1);
    wire [PW-1:0] ship_value = (psum_zero ? {PW{1'b0}} : ps_rd_ship) + in_data;

    assign dn_ready = shipping && !bottom && !o_full;
    // the next bank ships once no MAC into it is in the pipeline
    wire          ship_go = ship_pending && !shipping && !(iss1 && b1 == nsb) && !(iss2 && b2 == nsb) &&
                            !(issue && cb == nsb);
    wire [SW-1:0] s_idx_next = ship_go ? {SW{1'b0}} : (ship_fire ? s_idx + 1'b1 : s_idx);
    wire          ship_nx  = ship_go || (shipping && !(ship_fire && ship_last));
    wire          sb_nx    = ship_go ? nsb : sb;
    wire [SW-1:0] f3_nx    = iss2 ? f2 : f3;
    always @(posedge clk) begin
        ps_ra0 <= (rst_n && !clear && ship_nx && !sb_nx) ? s_idx_next : f3_nx;
        ps_ra1 <= (rst_n && !clear && ship_nx && sb_nx) ? s_idx_next : f3_nx;
    end
    wire [7:0]    f_idx_run  = issue ? (last_f ? 8'd0 : f_idx + 8'd1) : f_idx;   // (no start)
    wire [7:0]    f_idx_next = start ? 8'd0 : f_idx_run;
    // s_idx_next > f_idx_next, with start (f_idx_next = 0) only selecting
    wire          ship_gt_next = start ? (s_idx_next != {SW{1'b0}}) : ({{(8-SW){1'b0}}, s_idx_next} > f_idx_run);
    assign up_valid = top ? (o_pair || (o_count != 2'd0 && o_last0)) : (o_count != 2'd0);
    assign up_data  = o_data0;
    assign up_hi    = o_pair ? o_data1 : {PW{1'b0}};
    assign up_pair  = o_pair;

    assign idle = !computing && (pend == 2'b00) && !shipping && !iss1 && !iss2 && !iss3 &&
                  (x_count == {(IW+1){1'b0}}) && !old_row && (o_count == 2'd0) && !pin_valid &&
                  b_idle;

    // ifmap-spad banks: LUT RAM (no reset, synchronous write, asynchronous
    // read); bank b takes lane (b - x_wp) % KD of a beat, if the beat has it.
    // LANES = 1: one bank, written at x_wp.
    genvar gb, gr;
    if (LANES == 1) begin : g_x1
        if (ZSKIP != 0) begin : g_zf
            // zero-skip reads every flag at once: registers
            reg [(1<<XW)-1:0] zf;
            for (gr = 0; gr < (1 << XW); gr = gr + 1) begin : g_row
                localparam [XW-1:0] GR = gr[XW-1:0];
                always @(posedge clk)
                    if (x_push && x_wp == GR)
                        zf[gr] <= lane_small[0];
            end
            assign xz = zf;
            rs_lutram #(.WIDTH(DW), .DEPTH(1 << XW), .AW(XW)) u_bank (
                .clk(clk), .we(x_push), .wa(x_wp), .wd(x_wdata), .ra(win_addr), .rd(x_cur)
            );
            assign x_cur_z = 1'b0;
        end else begin : g_zbit
            assign xz = {(1<<XW){1'b0}};
            rs_lutram #(.WIDTH(DW + 1), .DEPTH(1 << XW), .AW(XW)) u_bank (
                .clk(clk), .we(x_push), .wa(x_wp), .wd({lane_small[0], x_wdata}), .ra(win_addr),
                .rd({x_cur_z, x_cur})
            );
        end
    end else begin : g_xk
        wire [KD*DW-1:0] x_bank_rd;
        wire [KD-1:0]    x_bank_z;     // the zero flags beside the entries (zero-gating)
        /* verilator lint_off UNUSEDSIGNAL */
        wire [XW-1:0]    x_rd_hi = win_addr >> LK;
        /* verilator lint_on UNUSEDSIGNAL */
        for (gb = 0; gb < KD; gb = gb + 1) begin : g_xbank
            localparam [LK-1:0] GB = gb[LK-1:0];
            wire [LK-1:0] lane = GB - x_wp[LK-1:0];
            /* verilator lint_off UNUSEDSIGNAL */
            wire [XW+LK-1:0] lane_w = {{XW{1'b0}}, lane};
            wire [XW-1:0] wr_hi = (x_wp + lane_w[XW-1:0]) >> LK;
            /* verilator lint_on UNUSEDSIGNAL */
            wire          we = x_push && ({{(4-LK){1'b0}}, lane} < bus_lanes);
            wire [DW-1:0] wd = x_wdata[lane*DW +: DW];
            if (ZSKIP != 0) begin : g_zf
                // zero-skip reads every flag at once: registers
                reg  [XD-1:0] zf;
                for (gr = 0; gr < XD; gr = gr + 1) begin : g_row
                    localparam [XW-1:0] GR = gr[XW-1:0];
                    always @(posedge clk)
                        if (we && wr_hi == GR)
                            zf[gr] <= lane_small[lane];
                    assign xz[gr*KD + gb] = zf[gr];
                end
                rs_lutram #(.WIDTH(DW), .DEPTH(XD), .AW(XAW)) u_bank (
                    .clk(clk), .we(we), .wa(wr_hi[XAW-1:0]), .wd(wd),
                    .ra(x_rd_hi[XAW-1:0]), .rd(x_bank_rd[gb*DW +: DW])
                );
                assign x_bank_z[gb] = 1'b0;
            end else begin : g_zbit
                // zero-gating reads the entry's flag: a bit beside it in the RAM
                for (gr = 0; gr < XD; gr = gr + 1) begin : g_row
                    assign xz[gr*KD + gb] = 1'b0;
                end
                rs_lutram #(.WIDTH(DW + 1), .DEPTH(XD), .AW(XAW)) u_bank (
                    .clk(clk), .we(we), .wa(wr_hi[XAW-1:0]), .wd({lane_small[lane], wd}),
                    .ra(x_rd_hi[XAW-1:0]), .rd({x_bank_z[gb], x_bank_rd[gb*DW +: DW]})
                );
            end
        end
        assign x_cur   = x_bank_rd[win_addr[LK-1:0]*DW +: DW];
        assign x_cur_z = x_bank_z[win_addr[LK-1:0]];
    end

    always @(posedge clk) begin
        if (!rst_n || clear) begin
            x_wp          <= {XW{1'b0}};
            x_base        <= {XW{1'b0}};
            x_count       <= {(IW+1){1'b0}};
            old_row       <= 1'b0;
            x_old         <= {(IW+1){1'b0}};
            x_rel         <= 8'd0;
            w_last        <= 1'b0;
            last_f        <= 1'b0;
            wfresh        <= 1'b0;
            ship_gt       <= 1'b0;
            computing     <= 1'b0;
            e_idx         <= 8'd0;
            pend_r        <= 2'b00;
            cb_r          <= 1'b0;
            nsb_r         <= 1'b0;
            sb_r          <= 1'b0;
            shipping      <= 1'b0;
            s_idx         <= {SW{1'b0}};
            f_idx         <= 8'd0;
            iss1          <= 1'b0;
            iss2          <= 1'b0;
            iss3          <= 1'b0;
            v1            <= 1'b0;
            v2            <= 1'b0;
            v3            <= 1'b0;
            first1        <= 1'b0;
            first2        <= 1'b0;
            first3        <= 1'b0;
            o_count       <= 2'd0;
            o_rp          <= 1'b0;
        end else begin
            // ifmap FIFO
            if (x_push)
                x_wp <= x_wp_next;
            x_base   <= x_base_next;
            x_count  <= x_count_nb - rel_inc_w;
            x_rel    <= start ? 8'd0 : x_rel_nb + {7'd0, rel_inc};
            w_last   <= w_last_next;
            ship_gt  <= ship_gt_next;
            if (eor_ev) begin
                old_row <= 1'b1;
                x_old   <= x_cnt_rel - rel_inc_w;   // (an EOR beat pushes nothing)
            end else if (x_drop) begin
                old_row <= 1'b0;
                x_old   <= {(IW+1){1'b0}};
            end else if (old_row) begin
                x_old   <= x_old_rel - rel_inc_w;
            end

            // window sequencing
            f_idx <= f_idx_next;
            if (start) begin
                computing <= 1'b1;
                e_idx     <= 8'd0;
                last_f    <= (cfg_nf == 8'd1);
                wfresh    <= 1'b1;
            end else begin
                if (issue) begin
                    if (last_f) begin
                        e_idx  <= e_cur8 + 8'd1;
                        last_f <= (cfg_nf == 8'd1);
                        wfresh <= 1'b0;
                    end else begin
                        e_idx  <= e_cur8;
                        last_f <= (f_idx == cfg_nf - 8'd2);
                    end
                end
                if (win_end) begin
                    computing  <= 1'b0;
                    pend_r[cb] <= 1'b1;
                    cb_r       <= !cb;
                end
            end

            // pipeline control bits
            iss1   <= issue;
            v1     <= mac_issued;
            first1 <= issue && first_cur;
            iss2   <= iss1;
            v2     <= v1;
            first2 <= first1;
            iss3   <= iss2;
            v3     <= v2;
            first3 <= first2;

            // shipping: psum spad + incoming psum -> output FIFO, one filter per cycle
            if (ship_go) begin
                pend_r[nsb]  <= 1'b0;
                shipping     <= 1'b1;
                sb_r         <= nsb;
                nsb_r        <= !nsb;
                s_idx        <= {SW{1'b0}};
            end else if (ship_fire) begin
                if (ship_last)
                    shipping <= 1'b0;
            end
            s_idx <= s_idx_next;

            o_count <= o_left + {1'b0, ship_fire};
            o_rp    <= o_rp ^ o_npop[0];
        end
    end

    // output FIFO data
    wire o_wslot = o_rp ^ o_count[0];
    always @(posedge clk) begin
        if (ship_fire && !o_wslot) begin
            o_q0 <= ship_value;
            o_l0 <= ship_last;
        end
        if (ship_fire && o_wslot) begin
            o_q1 <= ship_value;
            o_l1 <= ship_last;
        end
    end
endmodule
