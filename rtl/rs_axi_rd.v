// rs_axi_rd: AXI4 read master that streams WORDS 64-bit words from byte
// address ADDR (8-byte aligned) in INCR bursts of up to 16 beats, none
// crossing a 4 KB boundary.
//
// A burst is requested only when the FIFO has room for all of its beats
// (words in the FIFO plus beats in flight stay within the depth), so R is
// always accepted and several bursts can be in flight to hide DRAM latency.
// A deep FIFO also fetches ahead: while a pass computes, the next pass's
// filter words arrive over a slow link. The FIFO is a RAM with a registered
// read (block RAM on an FPGA) and an output register: a word is on m_data
// one cycle after it reached an empty FIFO, and one word per cycle leaves.
// A new start while beats of an old transfer are still in flight (after an
// error stopped the core) drops those beats as they arrive: AXI returns them
// in order, before any of the new transfer.
module rs_axi_rd #(
    parameter FIFO_AW = 6
) (
    input  wire        clk,
    input  wire        rst_n,

    input  wire        start,          // begin a transfer (pulse)
    input  wire [31:0] addr,
    input  wire [31:0] words,

    output wire [63:0] m_data,
    output wire        m_valid,
    input  wire        m_ready,
    output wire        exhausted,      // every word delivered: nothing more will come
    output reg         error,          // a beat came back with SLVERR or DECERR

    output reg  [31:0] m_axi_araddr,
    output reg  [7:0]  m_axi_arlen,
    output wire [2:0]  m_axi_arsize,
    output wire [1:0]  m_axi_arburst,
    output reg         m_axi_arvalid,
    input  wire        m_axi_arready,
    input  wire [63:0] m_axi_rdata,
    input  wire [1:0]  m_axi_rresp,
    input  wire        m_axi_rlast,
    input  wire        m_axi_rvalid,
    output wire        m_axi_rready
);
    localparam integer DEPTH = 1 << FIFO_AW;
    localparam [FIFO_AW:0] DEPTH_N = DEPTH[FIFO_AW:0];

    assign m_axi_arsize  = 3'd3;    // 8 bytes per beat
    assign m_axi_arburst = 2'b01;   // INCR
    assign m_axi_rready  = 1'b1;

    // never read and written at the same word in one cycle (a write needs a
    // reserved slot, so the FIFO is not full when one comes): synthesis need
    // not order a read and a write (no bypass logic beside the block RAM)
    (* no_rw_check *)
    reg [63:0]        fifo [0:DEPTH-1];
    reg [FIFO_AW-1:0] wr_ptr, rd_ptr;
    reg [FIFO_AW:0]   count;        // words in the RAM
    reg [63:0]        o_data;       // the output register
    reg               o_valid;
    reg [FIFO_AW:0]   reserved;     // words in the RAM and the output register + beats requested for this transfer
    reg [31:0]        next_addr;
    reg [31:0]        left;         // words not yet requested
    reg [31:0]        in_flight;    // beats requested (all transfers) not yet arrived
    reg [31:0]        drop;         // of those, beats of an abandoned transfer

    // next burst: up to 16 beats, not past the 4 KB page, not past the end;
    // computed a cycle ahead from left and next_addr (len_ok: they have not
    // changed since), so the burst's size and the FIFO's room are apart
    wire [9:0]  to_page  = 10'd512 - {1'b0, next_addr[11:3]};
    wire [4:0]  len16    = (left[31:4] != 28'd0) ? 5'd16 : left[4:0];
    wire [4:0]  len_next = ({5'd0, len16} < to_page) ? len16 : to_page[4:0];
    reg  [4:0]  len;
    reg         len_ok;
    wire [FIFO_AW+4:0] len_x = {{FIFO_AW{1'b0}}, len};   // len at the counters' width (FIFO_AW >= 4)
    wire        room    = (DEPTH_N - reserved >= len_x[FIFO_AW:0]);
    wire        issue   = !start && len_ok && !m_axi_arvalid && len != 5'd0 && room;

    wire beat = m_axi_rvalid;                 // rready is always 1
    wire keep = beat && drop == 32'd0;
    wire pop  = m_valid && m_ready;
    wire load = (count != 0) && (!o_valid || pop);   // RAM -> output register

    assign m_valid   = o_valid;
    assign m_data    = o_data;
    assign exhausted = left == 32'd0 && reserved == 0;

    always @(posedge clk) begin
        if (keep)
            fifo[wr_ptr] <= m_axi_rdata;
        if (load)
            o_data <= fifo[rd_ptr];
    end

    always @(posedge clk) begin
        len    <= len_next;
        len_ok <= rst_n && !start && !issue;
    end

    always @(posedge clk) begin
        if (!rst_n) begin
            m_axi_arvalid <= 1'b0;
            m_axi_araddr  <= 32'd0;
            m_axi_arlen   <= 8'd0;
            wr_ptr        <= 0;
            rd_ptr        <= 0;
            count         <= 0;
            o_valid       <= 1'b0;
            reserved      <= 0;
            next_addr     <= 32'd0;
            left          <= 32'd0;
            in_flight     <= 32'd0;
            drop          <= 32'd0;
            error         <= 1'b0;
        end else begin
            if (m_axi_arvalid && m_axi_arready)
                m_axi_arvalid <= 1'b0;
            in_flight <= in_flight + (issue ? {27'd0, len} : 32'd0) - {31'd0, beat};
            if (start) begin
                // beats of the old transfer still to come are dropped
                drop      <= in_flight - {31'd0, beat};
                wr_ptr    <= 0;
                rd_ptr    <= 0;
                count     <= 0;
                o_valid   <= 1'b0;
                reserved  <= 0;
                next_addr <= addr;
                left      <= words;
                error     <= 1'b0;
            end else begin
                if (beat && drop != 32'd0)
                    drop <= drop - 32'd1;
                if (issue) begin
                    m_axi_arvalid <= 1'b1;
                    m_axi_araddr  <= next_addr;
                    m_axi_arlen   <= {3'd0, len} - 8'd1;
                    next_addr     <= next_addr + {24'd0, len, 3'b000};
                    left          <= left - {27'd0, len};
                end
                if (keep)
                    wr_ptr <= wr_ptr + 1'b1;
                if (load)
                    rd_ptr <= rd_ptr + 1'b1;
                if (load)
                    o_valid <= 1'b1;
                else if (pop)
                    o_valid <= 1'b0;
                count    <= count + {{FIFO_AW{1'b0}}, keep} - {{FIFO_AW{1'b0}}, load};
                reserved <= reserved + (issue ? len_x[FIFO_AW:0] : 0) - {{FIFO_AW{1'b0}}, pop};
                if (beat && m_axi_rresp[1])
                    error <= 1'b1;
            end
        end
    end

    wire unused_ok = &{1'b0, m_axi_rlast, m_axi_rresp[0], len_x[FIFO_AW+4:FIFO_AW+1]};   // in-order single-ID reads: RLAST is implied
endmodule
