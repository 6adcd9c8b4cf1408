// rs_axi_wr: AXI4 write master that writes the words of its input stream to
// consecutive 64-bit words from byte address ADDR, in INCR bursts of up to 16
// beats that never cross a 4 KB boundary.
//
// A burst is opened when the FIFO holds all of its beats (or, with flush, with
// whatever is left), so W never waits for data. Words past CAP are dropped
// and raise overflow, so nothing past the buffer the host gave is written
// and the stream only waits while the FIFO is full. idle means every word is
// written and answered.
module rs_axi_wr #(
    parameter FIFO_AW = 5
) (
    input  wire        clk,
    input  wire        rst_n,

    input  wire        start,          // begin a transfer (pulse; only when idle)
    input  wire [31:0] addr,
    input  wire [31:0] cap,            // words the destination holds

    input  wire [63:0] s_data,
    input  wire        s_valid,
    output wire        s_ready,
    input  wire        flush,          // no more words: write out a partial burst
    output wire        idle,
    output reg         overflow,
    output reg         error,          // a B response was SLVERR or DECERR

    output reg  [31:0] m_axi_awaddr,
    output reg  [7:0]  m_axi_awlen,
    output wire [2:0]  m_axi_awsize,
    output wire [1:0]  m_axi_awburst,
    output reg         m_axi_awvalid,
    input  wire        m_axi_awready,
    output wire [63:0] m_axi_wdata,
    output wire [7:0]  m_axi_wstrb,
    output wire        m_axi_wlast,
    output wire        m_axi_wvalid,
    input  wire        m_axi_wready,
    input  wire [1:0]  m_axi_bresp,
    input  wire        m_axi_bvalid,
    output wire        m_axi_bready
);
    localparam integer DEPTH = 1 << FIFO_AW;

    assign m_axi_awsize  = 3'd3;
    assign m_axi_awburst = 2'b01;
    assign m_axi_wstrb   = 8'hff;
    assign m_axi_bready  = 1'b1;

    reg [63:0]        fifo [0:DEPTH-1];
    reg [FIFO_AW-1:0] wr_ptr, rd_ptr;
    reg [FIFO_AW:0]   count;
    reg [4:0]         w_left;       // beats of the open burst not yet sent
    reg [31:0]        next_addr;
    reg [31:0]        taken;        // words accepted in this transfer
    reg [31:0]        b_wait;       // bursts waiting for their B response

    wire [9:0]       to_page = 10'd512 - {1'b0, next_addr[11:3]};
    assign m_axi_wvalid = w_left != 5'd0;
    assign m_axi_wdata  = fifo[rd_ptr];
    assign m_axi_wlast  = w_left == 5'd1;
    wire wfire = m_axi_wvalid && m_axi_wready;

    // FIFO words not yet given to the open burst (whose beats are all in the FIFO)
    wire [31:0]      free    = {{(31 - FIFO_AW){1'b0}}, count} - {27'd0, w_left};
    wire [31:0]      want    = (to_page < 10'd16) ? {22'd0, to_page} : 32'd16;
    wire [31:0]      have    = (free < want) ? free : want;
    // the next burst opens as the open one sends its last beat
    wire             open_b  = !m_axi_awvalid && (w_left == 5'd0 || (w_left == 5'd1 && wfire)) &&
                               (have == want || (flush && have != 32'd0));

    // words past cap are taken and dropped, so an overflow never stalls
    wire full = count[FIFO_AW];
    assign s_ready = !full;
    wire push = s_valid && !full && taken < cap;


    assign idle = count == 0 && w_left == 5'd0 && !m_axi_awvalid && b_wait == 32'd0;

    always @(posedge clk) begin
        if (push)
            fifo[wr_ptr] <= s_data;
    end

    always @(posedge clk) begin
        if (!rst_n) begin
            m_axi_awvalid <= 1'b0;
            m_axi_awaddr  <= 32'd0;
            m_axi_awlen   <= 8'd0;
            wr_ptr        <= 0;
            rd_ptr        <= 0;
            count         <= 0;
            w_left        <= 5'd0;
            next_addr     <= 32'd0;
            taken         <= 32'd0;
            b_wait        <= 32'd0;
            overflow      <= 1'b0;
            error         <= 1'b0;
        end else begin
            if (m_axi_awvalid && m_axi_awready)
                m_axi_awvalid <= 1'b0;
            if (open_b) begin
                m_axi_awvalid <= 1'b1;
                m_axi_awaddr  <= next_addr;
                m_axi_awlen   <= have[7:0] - 8'd1;
                next_addr     <= next_addr + {have[28:0], 3'b000};
                w_left        <= have[4:0];
            end else if (wfire) begin
                w_left <= w_left - 5'd1;
            end
            b_wait <= b_wait + {31'd0, open_b} - {31'd0, m_axi_bvalid};
            if (push)
                wr_ptr <= wr_ptr + 1'b1;
            if (wfire)
                rd_ptr <= rd_ptr + 1'b1;
            count     <= count + {{FIFO_AW{1'b0}}, push} - {{FIFO_AW{1'b0}}, wfire};
            if (push)
                taken <= taken + 32'd1;
            if (s_valid && !full && !push)
                overflow <= 1'b1;
            if (m_axi_bvalid && m_axi_bresp[1])
                error <= 1'b1;
            if (start) begin
                next_addr <= addr;
                taken     <= 32'd0;
                overflow  <= 1'b0;
                error     <= 1'b0;
            end
        end
    end
    wire unused_ok = &{1'b0, m_axi_bresp[0]};   // EXOKAY is not asked for
endmodule
