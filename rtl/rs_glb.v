// rs_glb: the global buffer. BANKS banks of 2^BANK_AW words of 64 bits, one
// write port and one registered read port (the decoder reads; the psum store
// and GLBLOAD write whole words), each bank a plain RAM that synthesis maps to
// block RAM. A read sees the buffer as it was before the cycle's write.
//
// Block RAMs leave a read of the word written in the same cycle undefined, so
// the banks write a cycle late (wq_*) and a read of the word waiting there
// takes it from the register instead (byp): the banks never need to order a
// read and a write (no_rw_check), and synthesis adds no bypass to each bank.
// A bank the read does not hit clears its output, so the read data is the OR
// of the banks' outputs instead of a multiplexer.
//
// Addresses past the last bank write nothing and read zero; the users check
// ranges and report errors (rs_decoder, rs_psum_store).
module rs_glb #(
    parameter BANKS   = 27,
    parameter BANK_AW = 9,
    parameter AW      = 24
) (
    input  wire          clk,
    input  wire          wr_en,
    input  wire [AW-1:0] wr_addr,
    input  wire [63:0]   wr_data,
    input  wire          rd_en,
    input  wire [AW-1:0] rd_addr,
    output wire [63:0]   rd_data
);
    localparam integer BW = AW - BANK_AW;   // bank-number bits
    localparam [31:0] BANKS_N = BANKS;

    // the write, one cycle late (only writes that hit a bank)
    wire [31:0] wr_bank_n = {{(32 - BW){1'b0}}, wr_addr[AW-1:BANK_AW]};
    reg          wq_en;
    reg [AW-1:0] wq_addr;
    reg [63:0]   wq_data;
    always @(posedge clk) begin
        wq_en   <= wr_en && (wr_bank_n < BANKS_N);
        wq_addr <= wr_addr;
        wq_data <= wr_data;
    end

    // a read of the word the banks write in the same cycle
    reg        byp;
    reg [63:0] byp_data;
    always @(posedge clk)
        if (rd_en) begin
            byp      <= wq_en && (wq_addr == rd_addr);
            byp_data <= wq_data;
        end

    wire [64*BANKS-1:0] bank_data;
    genvar b;
    generate
        for (b = 0; b < BANKS; b = b + 1) begin : g_bank
            wire hit_wr = wq_en && (wq_addr[AW-1:BANK_AW] == b[BW-1:0]);
            wire hit_rd = rd_addr[AW-1:BANK_AW] == b[BW-1:0];
            (* no_rw_check *)
            reg [63:0] mem [0:(1 << BANK_AW)-1];
            reg [63:0] q;
            always @(posedge clk) begin
                if (hit_wr)
                    mem[wq_addr[BANK_AW-1:0]] <= wq_data;
                if (rd_en && !hit_rd)
                    q <= 64'd0;
                else if (rd_en)
                    q <= mem[rd_addr[BANK_AW-1:0]];
            end
            assign bank_data[b*64 +: 64] = q;
        end
    endgenerate

    reg [63:0] any;
    integer k;
    always @* begin
        any = 64'd0;
        for (k = 0; k < BANKS; k = k + 1)
            any = any | bank_data[k*64 +: 64];
    end
    assign rd_data = byp ? byp_data : any;
endmodule
