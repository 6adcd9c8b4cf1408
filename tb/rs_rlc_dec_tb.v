// rs_rlc_dec_tb: runs the hardware RLC decoder (rtl/rs_rlc_dec.v) on the
// cases of a vector file and writes what it did, for tests/test_rlc_hw.c to
// compare with the software codec (sw/rs_rlc.c).
//
// +in=FILE (hex, one 64-bit word per line): the number of cases, then per
// case a header {count[63:48], tags[47:40], n_words[31:0]} and its n_words
// stream words. +out=FILE gets, per case, a line "W <hex>" for each payload
// word the decoder put out, then one of
//   OK <consumed>     all payload words are out (and no more words are taken)
//   BAD <consumed>    bad was raised
//   WAIT <consumed>   the decoder waits for more words
// where consumed is the number of stream words the decoder took. Input
// words arrive with random gaps and outputs are taken with random
// back-pressure (+seed=N), so stalls on both sides are exercised.
module rs_rlc_dec_tb;
    parameter DW = 16;
    localparam integer SLOTS = 64 / DW;

    reg         clk = 1'b0;
    reg         rst_n = 1'b0;
    reg         flush = 1'b0;
    reg         start = 1'b0;
    reg  [15:0] count = 16'd0;
    reg  [7:0]  tags = 8'd0;
    reg  [63:0] in_data = 64'd0;
    reg         in_valid = 1'b0;
    wire        in_ready;
    wire [63:0] out_data;
    wire        out_valid;
    reg         out_ready = 1'b0;
    wire        bad;

    rs_rlc_dec #(.DW(DW)) dut (
        .clk(clk), .rst_n(rst_n), .flush(flush),
        .start(start), .count(count), .tags(tags),
        .in_data(in_data), .in_valid(in_valid), .in_ready(in_ready),
        .out_data(out_data), .out_valid(out_valid), .out_ready(out_ready),
        .bad(bad)
    );

    always #5 clk = ~clk;

    reg [63:0] vec [0:262143];
    reg [1023:0] in_path, out_path;
    integer fd, ncases, c, pos, n_words, taken, expect_words, got_words, idle, seed, done, want_in;

    initial begin
        if (!$value$plusargs("in=%s", in_path) || !$value$plusargs("out=%s", out_path)) begin
            $display("usage: vvp rs_rlc_dec_tb +in=VECTORS +out=RESULTS [+seed=N]");
            $finish;
        end
        if (!$value$plusargs("seed=%d", seed))
            seed = 1;
        $readmemh(in_path, vec);
        fd = $fopen(out_path, "w");
        ncases = vec[0];
        pos = 1;
        repeat (3) @(posedge clk);
        rst_n <= 1'b1;
        for (c = 0; c < ncases; c = c + 1) begin
            count   = vec[pos][63:48];
            tags    = vec[pos][47:40];
            n_words = vec[pos][31:0];
            pos = pos + 1;
            expect_words = tags * ((count + SLOTS - 1) / SLOTS);
            taken = 0;
            got_words = 0;
            idle = 0;
            done = 0;
            @(negedge clk);
            start = 1'b1;
            @(negedge clk);
            start = 1'b0;
            while (!done) begin
                // drive this cycle's inputs (between clock edges)
                want_in   = ($random(seed) & 3) != 0;
                in_valid  = want_in && taken < n_words;
                in_data   = (taken < n_words) ? vec[pos + taken] : 64'd0;
                out_ready = ($random(seed) & 3) != 0;
                #1;
                if (bad) begin
                    $fwrite(fd, "BAD %0d\n", taken);
                    done = 1;
                end else begin
                    if (in_valid && in_ready)
                        taken = taken + 1;
                    if (out_valid && out_ready) begin
                        $fwrite(fd, "W %016h\n", out_data);
                        got_words = got_words + 1;
                        idle = 0;
                    end else begin
                        idle = idle + 1;
                    end
                    if (got_words == expect_words && !out_valid) begin
                        // the payload is out; the decoder must take no more words
                        repeat (4) begin
                            @(negedge clk);
                            in_valid = taken < n_words;
                            in_data  = (taken < n_words) ? vec[pos + taken] : 64'd0;
                            #1;
                            if (in_valid && in_ready)
                                taken = taken + 1;
                            if (bad)
                                $fwrite(fd, "LATE-BAD\n");
                        end
                        $fwrite(fd, "OK %0d\n", taken);
                        done = 1;
                    end else if (idle > 400) begin
                        $fwrite(fd, "WAIT %0d\n", taken);
                        done = 1;
                    end
                end
                @(negedge clk);
            end
            in_valid = 1'b0;
            out_ready = 1'b0;
            flush = 1'b1;
            @(negedge clk);
            flush = 1'b0;
            pos = pos + n_words;
        end
        $fclose(fd);
        $finish;
    end
endmodule
