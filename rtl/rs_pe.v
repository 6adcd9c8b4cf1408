// rs_pe: one processing element of the row-stationary array. It runs the 1-D
// convolution primitive: nf filters x nc channels of one filter row stay in the
// filter spad, one ifmap row streams through the ifmap spad (a circular FIFO used
// as a sliding window), nf psums per output position accumulate in the psum spad
// (one or two banks, PSB) through a 3-stage MAC, and finished psums go up the
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
    parameter PIN  = 2,     // psum-bus input buffer entries (>= 2)
    parameter ID_W = 8,
    parameter ZSKIP = 0,    // 1: zero activations are skipped (no cycle), 0: gated
    parameter PSB  = 1      // psum banks: 2 lets a window compute while the last one waits to ship
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

    // Filter and ifmap beats carry up to 64/DW elements.
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
    input  wire [63:0]     psm_data,
    input  wire [1:0]      psm_lanes,
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
    localparam integer  FW        = FWW + LK;           // filter entry address
    localparam integer  PINW      = $clog2(PIN + 1);    // psum-input count
    localparam integer  PIW       = $clog2(PIN);        // psum-input slot (PIN >= 2)
    localparam integer  PID       = (1 << PIW) / 2;     // slots per psum-input bank
    localparam integer  PIAW      = (PID > 1) ? PIW - 1 : 1;
    localparam integer  PIN_I     = PIN;
    localparam [PINW:0]  PIN_N    = PIN_I[PINW:0];
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
    // lanes of a beat (consecutive slots) land in KD different banks.
    localparam integer XW  = (IFS > KD) ? $clog2(IFS) : LK;   // slot bits
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
    assign ifm_ready = ifm_eor ? !old_row : (x_room >= {5'd0, bus_lanes});   // one EOR at a time
    wire       x_push = ifm_fire && ifm_match;
    /* verilator lint_off UNUSEDSIGNAL */
    wire [IW+4:0] lanes_ext = {{(IW+1){1'b0}}, bus_lanes};   // beats never exceed the FIFO
    /* verilator lint_on UNUSEDSIGNAL */
    wire [IW:0] x_in  = x_push ? lanes_ext[IW:0] : {(IW+1){1'b0}};

    // slots modulo 2^XW: counts of IW+1 bits widened (or cut: IFS <= 2^XW)
    /* verilator lint_off UNUSEDSIGNAL */
    wire [XW+IW:0] x_in_w    = {{XW{1'b0}}, x_in};
    /* verilator lint_on UNUSEDSIGNAL */
    wire [XW-1:0]  x_wp_next = x_wp + x_in_w[XW-1:0];

    // ------------------------------------------------------- filter spad
    // One 64-bit word per beat; entry a sits in word a/KD, lane a%KD.
    // Two banks: the pass reads bank f_bank. Beats that arrive once the pass
    // has its cfg_nw entries are the next pass's filters: they go into the
    // other bank while this pass computes, and the next CONFIG (clear)
    // switches banks, so a pass need not wait for its filter load.
    reg            f_bank;    // the bank this pass reads
    reg  [11:0]    f_loaded;  // entries of this pass written
    reg  [FWW:0]   f_word;    // next word of this pass to write
    reg  [11:0]    p_loaded;  // entries of the next pass written (other bank)
    reg  [FWW:0]   p_word;    // next word of the next pass to write
    wire           f_push = flt_fire && flt_match;
    assign flt_hit   = flt_match;
    assign flt_ready = 1'b1;  // a spad word per beat; words past a bank are ignored
    wire           filters_ready = (f_loaded >= cfg_nw);
    wire           f_next  = filters_ready;   // a beat now is for the next pass
    wire           f_we    = f_push && (f_next ? (p_word < FWORDS_N) : (f_word < FWORDS_N));
    wire [FWW-1:0] f_waddr = f_next ? p_word[FWW-1:0] : f_word[FWW-1:0];
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

    // ----------------------------------------------------- compute control
    reg          computing;
    reg [7:0]    e_idx, f_idx;
    reg [XW-1:0] wstart;
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

    /* verilator lint_off UNUSEDSIGNAL */
    wire [XW+IW-1:0] e_cur_w = {{XW{1'b0}}, e_cur};
    /* verilator lint_on UNUSEDSIGNAL */
    wire [XW-1:0] win_addr = wstart + e_cur_w[XW-1:0];
    wire [DW-1:0] x_cur;      // the ifmap-spad entry win_addr (banks below)
    // Entries released: those done up to the first npop (they slide out), or
    // all of them in the old row's last window (no window of the old row
    // after it: fewer than ne of its entries past the first npop). x_rel
    // counts this window's; an EOR during the window releases the rest of
    // what is done at once.
    reg  [7:0]    x_rel;
    wire [8:0]    old_in_win = x_old9 + {1'b0, x_rel};    // the old row's entries from this window on
    wire          w_last   = old_row && (old_in_win < {1'b0, cfg_ne} + {1'b0, cfg_npop});
    wire [7:0]    rel_lim  = w_last ? cfg_ne : cfg_npop;
    wire [7:0]    rel_to   = (e_done < rel_lim) ? e_done : rel_lim;
    /* verilator lint_off UNUSEDSIGNAL */
    wire [7:0]    n_pop8   = computing ? rel_to - x_rel : 8'd0;
    /* verilator lint_on UNUSEDSIGNAL */
    wire [IW:0]   n_pop    = n_pop8[IW:0];                // <= ne <= IFS
    // the old row's leftover is dropped once it holds no full window
    wire          x_drop   = old_row && !computing && (x_old9 < {1'b0, cfg_ne});
    wire [IW:0]   x_adv    = x_drop ? x_old : n_pop;      // (no release without a window)
    /* verilator lint_off UNUSEDSIGNAL */
    wire [XW+IW:0] x_adv_w    = {{XW{1'b0}}, x_adv};
    /* verilator lint_on UNUSEDSIGNAL */
    wire [XW-1:0] x_base_next = x_base + x_adv_w[XW-1:0];

    wire last_f     = (f_idx == cfg_nf - 1'b1);
    wire [7:0] e_cur8 = {{(8-IW){1'b0}}, e_cur};

    reg  iss1, iss2;          // a window step is in stage 1 / 2
    // A window starts while the previous one still ships. In the same bank
    // (one bank, or two when the bank before is still shipping) its
    // first-entry MAC slots overwrite the psums, so slot (first entry,
    // filter f) waits until psum f has left (shipped_f); the rest of the
    // window follows. Shipping thus costs a few cycles per window instead
    // of nf, and none with a free second bank.
    wire shipped_f = !pend[cb] && (!(shipping && sb == cb) || ({{(8-SW){1'b0}}, s_idx} > f_idx));
    // (with two banks a window starts only in a bank nobody waits to ship)
    wire bank_free = (PSB == 1) || !pend[cb];
    wire start = !computing && filters_ready && bank_free &&
                 ((old_row ? x_old9 : x_count9) >= {1'b0, cfg_ne}) && (cfg_ne != 8'd0);

    assign mac_issued  = issue && !x_zero;
    assign mac_gated   = issue && x_zero;

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
            assign issue        = computing && !(first_cur && !shipped_f);
            assign e_cur        = e_idx[IW-1:0];
            assign w_addr       = w_cnt;
            // |x| <= T on the unsigned DW-bit magnitude (no overflow at -2^(DW-1))
            wire [DW-1:0] x_mag = x_cur[DW-1] ? (~x_cur + 1'b1) : x_cur;
            assign x_zero       = (x_mag <= {1'b0, cfg_thresh});
            assign first_cur    = (e_idx == 8'd0);
            assign win_end      = issue && last_f && (e_idx == cfg_ne - 1'b1);
            assign e_done       = e_idx + {7'd0, issue && last_f};
            assign psum_zero    = 1'b0;
            assign skip_entries = 8'd0;
            /* verilator lint_off UNUSEDSIGNAL */
            wire unused_e = &{1'b0, e_idx[7:IW]};
            /* verilator lint_on UNUSEDSIGNAL */
        end else begin : g_skip
            // zero flags, written with the entries (the threshold is stable
            // during a pass: CONFIG is a barrier and clears the PE)
            reg [(1<<XW)-1:0] xz;
            wire [KD-1:0] lane_small;   // |x| <= T, as for x_zero
            wire [XW-1:0] x_slot [0:KD-1];     // slot of lane l of a beat: x_wp + l
            genvar gz;
            for (gz = 0; gz < KD; gz = gz + 1) begin : g_lane
                localparam [XW-1:0] GZ = gz[XW-1:0];
                assign x_slot[gz] = x_wp + GZ;
                wire [DW-1:0] v   = ifm_data[gz*DW +: DW];
                wire [DW-1:0] mag = v[DW-1] ? (~v + 1'b1) : v;
                assign lane_small[gz] = (mag <= {1'b0, cfg_thresh});
            end
            integer lz;
            always @(posedge clk)
                for (lz = 0; lz < KD; lz = lz + 1)
                    if (x_push && lz < {28'd0, bus_lanes})
                        xz[x_slot[lz]] <= lane_small[lz];

            // flags in window order: entry i of the window sits in slot wstart+i
            wire [(2<<XW)-1:0] xz_rot = {xz, xz} >> wstart;
            // candidates: non-zero entries of the window at or after e_idx
            wire [IFS-1:0] cand;
            genvar gi;
            for (gi = 0; gi < IFS; gi = gi + 1) begin : g_cand
                localparam [7:0] GI = gi;
                assign cand[gi] = !xz_rot[gi] && (GI >= e_idx) && (GI < cfg_ne);
            end
            localparam [IFS-1:0] ONE = 1;
            wire [IFS-1:0] cand_rest = cand & (cand - ONE);   // without the first one
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
            reg       wfresh;
            reg [1:0] pzero;    // per bank
            always @(posedge clk) begin
                if (!rst_n || clear) begin
                    wfresh <= 1'b0;
                    pzero  <= 2'b00;
                end else begin
                    if (start)
                        wfresh <= 1'b1;
                    else if (issue && last_f)
                        wfresh <= 1'b0;
                    if (win_end)
                        pzero[cb] <= wfresh && !issue;
                end
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
            // a window that computes nothing ends once the previous one shipped
            assign win_end      = computing && (found ? (issue && last_f && !more) : !(pend[cb] || (shipping && sb == cb)));
            assign e_done       = e_step ? e_adv : e_idx;
            assign psum_zero    = pzero[sb];
            assign skip_entries = e_step ? e_adv - e_idx - {7'd0, issue && last_f} : 8'd0;
            /* verilator lint_off UNUSEDSIGNAL */
            wire unused_skip = &{1'b0, xz_rot[(2<<XW)-1:IFS]};
            /* verilator lint_on UNUSEDSIGNAL */
        end
    endgenerate

    // ------------------------------------------------------ MAC pipeline
    wire [63:0]    w_word;
    reg  [LK-1:0]  w_lane;
    wire           flt_rd = mac_issued;     // the filter-spad read enable
    assign flt_rd_skip = issue && !flt_rd;
    assign op_load     = mac_issued;        // x1 and the weight register load
    // (reads come from bank f_bank only while computing, when writes go to
    // the other one: no read-write collision, so no bypass)
    rs_spad #(.WIDTH(64), .DEPTH(2 << FWW), .AW(FWW + 1), .NO_RW(1)) u_filter_spad (
        .clk(clk),
        .wr_en(f_we), .wr_addr({f_next ? !f_bank : f_bank, f_waddr}), .wr_data(flt_data),
        .rd_en(flt_rd), .rd_addr({f_bank, w_addr[FW-1:LK]}), .rd_data(w_word)
    );
    always @(posedge clk)
        if (flt_rd)
            w_lane <= w_addr[LK-1:0];
    wire [DW-1:0] w_rd = w_word[w_lane*DW +: DW];

    reg  [DW-1:0]   x1;
    reg  [SW-1:0]   f1;
    reg             v1, v2;        // a real (not gated) MAC is in the stage
    reg             first1, first2;// first entry of the window: overwrite the psum
    reg  [2*DW-1:0] prod2;

    // One LUT RAM per bank (psum f at f) with one read port, shared by the
    // accumulation (stage 3) and the shipping: a bank ships only once no MAC
    // into it is in the pipeline, and a window that starts in a bank still
    // shipping only overwrites (first entry) until its last first-entry slot,
    // which waits for the shipping to end. So the accumulation never needs a
    // read from a bank that ships, and the port reads the shipping psum then.
    localparam integer PSD = (PSS > 1) ? PSS : 2;
    reg  [SW-1:0]  f2;             // the psum of the MAC in stage 2
    reg            b1, b2;         // the bank of the MAC in stage 1 / 2
    wire [PW-1:0]  acc_new;
    wire [PW-1:0]  ps_rd0, ps_rd1; // the banks' read ports
    wire [PW-1:0]  ps_rd_acc  = b2 ? ps_rd1 : ps_rd0;
    wire [PW-1:0]  ps_rd_ship = sb ? ps_rd1 : ps_rd0;
    genvar gq;
    for (gq = 0; gq < PSB; gq = gq + 1) begin : g_psbank
        reg  [PW-1:0] mem [0:PSD-1];
        wire [SW-1:0] ra = (shipping && sb == (gq != 0)) ? s_idx : f2;
        always @(posedge clk)
            if (psum_we && b2 == (gq != 0))
                mem[f2] <= acc_new;
        if (gq == 0) begin : g_rd0
            assign ps_rd0 = mem[ra];
        end else begin : g_rd1
            assign ps_rd1 = mem[ra];
        end
    end
    if (PSB == 1) begin : g_one_bank
        assign ps_rd1 = ps_rd0;
    end

    // The product joins the accumulator modulo 2^PW: sign-extended when the
    // accumulator is wider, truncated when it is narrower.
    wire [PW-1:0] prod_ext;
    generate
        if (PW > 2*DW) begin : g_prod_ext
            assign prod_ext = {{(PW-2*DW){prod2[2*DW-1]}}, prod2};
        end else begin : g_prod_trunc
            assign prod_ext = prod2[PW-1:0];
        end
    endgenerate
    wire [PW-1:0] acc_old  = first2 ? {PW{1'b0}} : ps_rd_acc;
    assign acc_new = acc_old + (v2 ? prod_ext : {PW{1'b0}});
    assign psum_we = iss2 && (v2 || first2);

    always @(posedge clk) begin
        if (v1)
            prod2 <= $signed(x1) * $signed(w_rd);
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
    end

    // ------------------------------------------------------- psum shipping
    // psum-bus input FIFO: a bottom PE can take a whole position's psums
    // while it still computes, so the bus need not wait for its shipping.
    // 2^PIW slots (pointers wrap for free), slot s in LUT-RAM bank s % 2 at
    // s / 2: the two psums of a beat land in different banks.
    reg  [PIW-1:0]  pin_rp, pin_wp;
    reg  [PINW-1:0] pin_count;
    wire            pin_valid = (pin_count != {PINW{1'b0}});
    wire [PW-1:0]   pin_data;
    wire [PINW:0]   pin_need  = {1'b0, pin_count} + {{(PINW-1){1'b0}}, psm_lanes};
    assign psm_hit   = psm_match;
    assign psm_ready = (pin_need <= PIN_N);
    wire            pin_push = psm_fire && psm_match;
    wire            unused_psm_bits = &{1'b0, psm_data};   // PW < 32 leaves slot bits unread

    wire [PIW-1:0] pin_wp1 = pin_wp + 1'b1;
    wire [PIW-1:0] pin_wp2 = pin_wp1 + 1'b1;
    wire [PIW-1:0] pin_rp1 = pin_rp + 1'b1;

    wire          in_from_bus = bottom && cfg_psum_bus;
    wire          in_valid = !bottom ? dn_valid : (in_from_bus ? pin_valid : 1'b1);
    wire [PW-1:0] in_data  = !bottom ? dn_data : (in_from_bus ? pin_data : {PW{1'b0}});

    // two-entry output FIFO: full throughput without a combinational ready
    // chain. A top sends two entries at once (a pair) and may refill in the
    // same cycle, so the output network takes two psums per cycle.
    reg  [PW-1:0] o_data0, o_data1;
    reg           o_last0, o_last1;   // the entry is the last psum of its window
    reg  [1:0]    o_count;
    wire          o_pair = top && (o_count == 2'd2) && !o_last0;
    wire [1:0]    o_npop = !(up_valid && up_ready) ? 2'd0 : (o_pair ? 2'd2 : 2'd1);
    wire [1:0]    o_left = o_count - o_npop;
    // (only a top refills as it sends: its ready comes from a registered
    // arbiter, while below a top it would chain up the column)
    wire          o_full = top ? (o_left == 2'd2) : (o_count == 2'd2);
    wire          ship_fire = shipping && in_valid && !o_full;
    wire          ship_last = (s_idx == cfg_nf[SW-1:0] - 1'b1);
    wire [PW-1:0] ship_value = (psum_zero ? {PW{1'b0}} : ps_rd_ship) + in_data;

    assign dn_ready = shipping && !bottom && !o_full;
    assign up_valid = top ? (o_pair || (o_count != 2'd0 && o_last0)) : (o_count != 2'd0);
    assign up_data  = o_data0;
    assign up_hi    = o_pair ? o_data1 : {PW{1'b0}};
    assign up_pair  = o_pair;

    assign idle = !computing && (pend == 2'b00) && !shipping && !iss1 && !iss2 &&
                  (x_count == {(IW+1){1'b0}}) && !old_row && (o_count == 2'd0) && !pin_valid;

    // ifmap-spad banks: LUT RAM (no reset, synchronous write, asynchronous
    // read); bank b takes lane (b - x_wp) % KD of a beat, if the beat has it
    wire [KD*DW-1:0] x_bank_rd;
    /* verilator lint_off UNUSEDSIGNAL */
    wire [XW-1:0]    x_rd_hi = win_addr >> LK;
    /* verilator lint_on UNUSEDSIGNAL */
    genvar gb;
    for (gb = 0; gb < KD; gb = gb + 1) begin : g_xbank
        localparam [LK-1:0] GB = gb[LK-1:0];
        wire [LK-1:0] lane = GB - x_wp[LK-1:0];
        /* verilator lint_off UNUSEDSIGNAL */
        wire [XW+LK-1:0] lane_w = {{XW{1'b0}}, lane};
        wire [XW-1:0] wr_hi = (x_wp + lane_w[XW-1:0]) >> LK;
        /* verilator lint_on UNUSEDSIGNAL */
        wire          we = x_push && ({{(4-LK){1'b0}}, lane} < bus_lanes);
        wire [DW-1:0] wd = ifm_data[lane*DW +: DW];
        if (XD > 1) begin : g_ram
            reg [DW-1:0] mem [0:XD-1];
            always @(posedge clk)
                if (we)
                    mem[wr_hi[XAW-1:0]] <= wd;
            assign x_bank_rd[gb*DW +: DW] = mem[x_rd_hi[XAW-1:0]];
        end else begin : g_reg   // (Yosys maps a one-entry memory less well)
            reg [DW-1:0] r;
            always @(posedge clk)
                if (we)
                    r <= wd;
            assign x_bank_rd[gb*DW +: DW] = r;
        end
    end
    assign x_cur = x_bank_rd[win_addr[LK-1:0]*DW +: DW];

    // psum-input banks: LUT RAM; bank b takes slot 1 of a beat (psm_data
    // bits 32 and up) when b != pin_wp % 2, if the beat has two psums
    wire [2*PW-1:0] pin_bank_rd;
    /* verilator lint_off UNUSEDSIGNAL */
    wire [PIW-1:0]  pin_rd_hi = pin_rp >> 1;
    /* verilator lint_on UNUSEDSIGNAL */
    genvar gp;
    for (gp = 0; gp < 2; gp = gp + 1) begin : g_pbank
        wire           hi = (gp != 0) != pin_wp[0];
        /* verilator lint_off UNUSEDSIGNAL */
        wire [PIW-1:0] wr_hi = (hi ? pin_wp1 : pin_wp) >> 1;
        /* verilator lint_on UNUSEDSIGNAL */
        wire           we = pin_push && (!hi || psm_lanes == 2'd2);
        wire [PW-1:0]  wd = hi ? psm_data[32 +: PW] : psm_data[PW-1:0];
        if (PID > 1) begin : g_ram
            reg [PW-1:0] mem [0:PID-1];
            always @(posedge clk)
                if (we)
                    mem[wr_hi[PIAW-1:0]] <= wd;
            assign pin_bank_rd[gp*PW +: PW] = mem[pin_rd_hi[PIAW-1:0]];
        end else begin : g_reg   // (Yosys maps a one-entry memory less well)
            reg [PW-1:0] r;
            always @(posedge clk)
                if (we)
                    r <= wd;
            assign pin_bank_rd[gp*PW +: PW] = r;
        end
    end
    assign pin_data = pin_rp[0] ? pin_bank_rd[PW +: PW] : pin_bank_rd[PW-1:0];

    always @(posedge clk) begin
        if (!rst_n || clear) begin
            x_wp          <= {XW{1'b0}};
            x_base        <= {XW{1'b0}};
            x_count       <= {(IW+1){1'b0}};
            old_row       <= 1'b0;
            x_old         <= {(IW+1){1'b0}};
            x_rel         <= 8'd0;
            computing     <= 1'b0;
            e_idx         <= 8'd0;
            f_idx         <= 8'd0;
            wstart        <= {XW{1'b0}};
            pend_r        <= 2'b00;
            cb_r          <= 1'b0;
            nsb_r         <= 1'b0;
            sb_r          <= 1'b0;
            shipping      <= 1'b0;
            s_idx         <= {SW{1'b0}};
            iss1          <= 1'b0;
            iss2          <= 1'b0;
            v1            <= 1'b0;
            v2            <= 1'b0;
            first1        <= 1'b0;
            first2        <= 1'b0;
            pin_rp        <= {PIW{1'b0}};
            pin_wp        <= {PIW{1'b0}};
            pin_count     <= {PINW{1'b0}};
            o_count       <= 2'd0;
        end else begin
            // ifmap FIFO
            if (x_push)
                x_wp <= x_wp_next;
            if (x_adv != {(IW+1){1'b0}})
                x_base <= x_base_next;
            x_count <= x_count + x_in - x_adv;
            x_rel   <= start ? 8'd0 : x_rel + n_pop8;
            if (ifm_fire && eor_hit) begin
                old_row <= 1'b1;
                x_old   <= x_count - n_pop;   // (an EOR beat pushes nothing)
            end else if (x_drop) begin
                old_row <= 1'b0;
                x_old   <= {(IW+1){1'b0}};
            end else if (old_row) begin
                x_old   <= x_old - n_pop;
            end

            // window sequencing
            if (start) begin
                computing <= 1'b1;
                wstart    <= x_base;
                e_idx     <= 8'd0;
                f_idx     <= 8'd0;
            end else begin
                if (issue) begin
                    if (last_f) begin
                        f_idx <= 8'd0;
                        e_idx <= e_cur8 + 8'd1;
                    end else begin
                        f_idx <= f_idx + 8'd1;
                        e_idx <= e_cur8;
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

            // shipping: psum spad + incoming psum -> output FIFO, one filter per cycle
            // the next bank ships once no MAC into it is in the pipeline
            if (ship_pending && !shipping && !(iss1 && b1 == nsb) && !(iss2 && b2 == nsb) &&
                !(issue && cb == nsb)) begin
                pend_r[nsb]  <= 1'b0;
                shipping     <= 1'b1;
                sb_r         <= nsb;
                nsb_r        <= !nsb;
                s_idx        <= {SW{1'b0}};
            end else if (ship_fire) begin
                if (ship_last)
                    shipping <= 1'b0;
                s_idx <= s_idx + 1'b1;
            end

            if (pin_push) begin
                pin_wp <= (psm_lanes == 2'd2) ? pin_wp2 : pin_wp1;
            end
            if (ship_fire && in_from_bus)
                pin_rp <= pin_rp1;
            pin_count <= pin_count + (pin_push ? {{(PINW-2){1'b0}}, psm_lanes} : {PINW{1'b0}})
                                   - {{(PINW-1){1'b0}}, ship_fire && in_from_bus};

            o_count <= o_left + {1'b0, ship_fire};
        end
    end

    // output FIFO data: pop (one entry shifts down), then push behind what is left
    always @(posedge clk) begin
        if (o_npop == 2'd1) begin
            o_data0 <= o_data1;
            o_last0 <= o_last1;
        end
        if (ship_fire) begin
            if (o_left == 2'd0) begin
                o_data0 <= ship_value;
                o_last0 <= ship_last;
            end else begin
                o_data1 <= ship_value;
                o_last1 <= ship_last;
            end
        end
    end
endmodule
