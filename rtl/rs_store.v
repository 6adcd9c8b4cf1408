// rs_store: the global buffer's way out to memory (the STORE command).
//
// The decoder reads the regions a STORE names from the global buffer and
// hands their words over here, one per cycle at best. Each word holds two
// 32-bit slots (low first) of requantized outputs (rs_psum_store wrote them);
// their low DW bits are the values. They leave through the result port as
// one stream of `count` values, either packed 64/DW per word (the last word
// zero-padded) or run-length coded by rs_rlc_enc (docs/rlc.md), which is
// what makes ReLU outputs cheap to write. One value per cycle.
//
// start (one cycle, while idle) sets the value count (two per word) and the
// mode; idle is high again once the last word has left.
module rs_store #(
    parameter DW = 16
) (
    input  wire        clk,
    input  wire        rst_n,
    input  wire        flush,        // the layer stopped: drop everything
    input  wire        start,
    input  wire [23:0] count,        // values: two per buffer word
    input  wire        rlc,          // run-length code (else pack)
    output wire        idle,

    input  wire [63:0] in_data,      // buffer words
    input  wire        in_valid,
    output wire        in_ready,

    output wire [63:0] out_data,
    output wire        out_valid,
    input  wire        out_ready
);
    localparam integer SLOTS = 64 / DW;
    localparam integer LW = (SLOTS > 1) ? $clog2(SLOTS) : 1;   // lane-index bits

    reg         mode_rlc;
    reg  [23:0] left;          // values not yet taken from the slot register
    reg  [2*DW-1:0] word;      // the values of the buffer word being split (low slot first)
    reg         word_full;
    reg         slot;          // which of its two slots is next

    // one value per cycle from the slot register
    wire [DW-1:0] value       = slot ? word[DW +: DW] : word[0 +: DW];
    wire          value_valid = word_full && (left != 24'd0);
    wire          value_ready;
    wire          value_fire  = value_valid && value_ready;
    wire          last_slot   = slot || (left == 24'd1);
    assign in_ready = !word_full || (value_fire && last_slot);

    // packing
    reg  [63:0]   pk_data;
    reg  [LW-1:0] pk_lane;
    reg  [63:0]   pk_out;
    reg           pk_out_valid;
    wire          pk_ready = !pk_out_valid || out_ready;

    // run-length coding
    wire        enc_busy, enc_in_ready, enc_out_valid, enc_out_last;
    wire [63:0] enc_out_data;
    rs_rlc_enc #(.DW(DW)) u_enc (
        .clk(clk), .rst_n(rst_n), .flush(flush),
        .start(start && rlc), .count(count), .busy(enc_busy),
        .in_data(value), .in_valid(value_valid && mode_rlc), .in_ready(enc_in_ready),
        .out_data(enc_out_data), .out_valid(enc_out_valid), .out_ready(out_ready && mode_rlc),
        .out_last(enc_out_last)
    );

    assign value_ready = mode_rlc ? enc_in_ready : pk_ready;
    assign out_valid   = mode_rlc ? enc_out_valid : pk_out_valid;
    assign out_data    = mode_rlc ? enc_out_data : pk_out;
    assign idle        = (left == 24'd0) && !pk_out_valid && !enc_busy;

    wire [LW-1:0] lane_last = SLOTS[LW-1:0] - 1'b1;
    wire [63:0]   pk_next   = pk_data | ({{(64 - DW){1'b0}}, value} << (DW * pk_lane));

    always @(posedge clk) begin
        if (!rst_n || flush) begin
            mode_rlc     <= 1'b0;
            left         <= 24'd0;
            word_full    <= 1'b0;
            slot         <= 1'b0;
            pk_data      <= 64'd0;
            pk_lane      <= {LW{1'b0}};
            pk_out_valid <= 1'b0;
        end else begin
            if (start) begin
                mode_rlc <= rlc;
                left     <= count;
                slot     <= 1'b0;
            end
            if (in_valid && in_ready) begin
                word      <= {in_data[32 +: DW], in_data[0 +: DW]};
                word_full <= 1'b1;
                slot      <= 1'b0;
            end else if (value_fire && last_slot) begin
                word_full <= 1'b0;
            end else if (value_fire) begin
                slot <= 1'b1;
            end
            if (value_fire)
                left <= left - 24'd1;

            if (pk_out_valid && out_ready && !mode_rlc)
                pk_out_valid <= 1'b0;
            if (value_fire && !mode_rlc) begin
                if (pk_lane == lane_last || left == 24'd1) begin
                    pk_out       <= pk_next;
                    pk_out_valid <= 1'b1;
                    pk_data      <= 64'd0;
                    pk_lane      <= {LW{1'b0}};
                end else begin
                    pk_data <= pk_next;
                    pk_lane <= pk_lane + 1'b1;
                end
            end
        end
    end
    // the term word needs no special handling here (the stream ends with
    // it), and a slot's bits above DW are the value's sign extension
    wire unused_ok = &{1'b0, enc_out_last, in_data};
endmodule
