// rs_glb: the global buffer. BANKS banks of 2^BANK_AW words of 64 bits, one
// write port and one registered read port (the decoder reads; the psum store
// and GLBLOAD write whole words). Each bank is an rs_spad, so synthesis maps
// the buffer to block RAM.
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

    wire [63:0] bank_data [0:BANKS-1];
    reg  [BW-1:0] rd_bank;

    always @(posedge clk)
        if (rd_en)
            rd_bank <= rd_addr[AW-1:BANK_AW];

    genvar b;
    generate
        for (b = 0; b < BANKS; b = b + 1) begin : g_bank
            wire hit_wr = wr_en && (wr_addr[AW-1:BANK_AW] == b[BW-1:0]);
            wire hit_rd = rd_en && (rd_addr[AW-1:BANK_AW] == b[BW-1:0]);
            rs_spad #(.WIDTH(64), .DEPTH(1 << BANK_AW), .AW(BANK_AW)) u_ram (
                .clk(clk),
                .wr_en(hit_wr), .wr_addr(wr_addr[BANK_AW-1:0]), .wr_data(wr_data),
                .rd_en(hit_rd), .rd_addr(rd_addr[BANK_AW-1:0]), .rd_data(bank_data[b])
            );
        end
    endgenerate

    localparam [31:0] BANKS_N = BANKS;
    wire [31:0] rd_bank_n = {{(32 - BW){1'b0}}, rd_bank};
    assign rd_data = (rd_bank_n < BANKS_N) ? bank_data[rd_bank] : 64'd0;
endmodule
