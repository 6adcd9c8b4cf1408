// rs_rlc_enc_tb: runs the hardware RLC encoder (rtl/rs_rlc_enc.v) on the
// streams of a vector file, back to back in one simulation, and writes the
// words it put out, for tests/test_rlc_enc_hw.c to compare with the software
// encoder (sw/rs_rlc.c).
//
// +in=FILE (hex, one 64-bit word per line): the number of cases, then per
// case a header {flush[49], fast[48], flush_at[47:24], count[23:0]} and its
// count elements (the low DW bits of a line). +out=FILE gets, per case, a
// line "W <hex>" for each word the encoder put out, then
//   END <words> <taken> <cycles>   the term word was taken
//   FLUSHED <taken>                 (flush cases) flushed once flush_at elements were taken
//   HANG <taken>                    no term word within a time limit
// and, before it, a line "ERR <what>" for each failed check: out_last not
// exactly on the word with the term bit, busy low before the term word was
// taken or high after it, more or fewer than count elements taken, or
// (flush) the encoder not idle right after flush. taken counts the elements
// the encoder took; cycles counts the clock edges from the one after start to
// the one that took the term word.
//
// Elements arrive one or two at a time (in_two) with random gaps, and words
// are taken with random back-pressure (+seed=N); a fast case offers two
// elements and takes a word every cycle (to measure throughput). Once count
// elements are taken the testbench keeps offering more: the encoder must not
// take them, and with one element left it takes only the low one.
module rs_rlc_enc_tb;
    parameter DW = 16;

    reg           clk = 1'b0;
    reg           rst_n = 1'b0;
    reg           flush = 1'b0;
    reg           start = 1'b0;
    reg  [23:0]   count = 24'd0;
    wire          busy;
    reg  [2*DW-1:0] in_data = {(2*DW){1'b0}};
    reg           in_two = 1'b0;
    reg           in_valid = 1'b0;
    wire          in_ready;
    wire [63:0]   out_data;
    wire          out_valid;
    reg           out_ready = 1'b0;
    wire          out_last;

    rs_rlc_enc #(.DW(DW)) dut (
        .clk(clk), .rst_n(rst_n), .flush(flush),
        .start(start), .count(count), .busy(busy),
        .in_data(in_data), .in_two(in_two), .in_valid(in_valid), .in_ready(in_ready),
        .out_data(out_data), .out_valid(out_valid), .out_ready(out_ready),
        .out_last(out_last)
    );

    always #5 clk = ~clk;

    reg [63:0] vec [0:1048575];
    reg [1023:0] in_path, out_path;
    reg [63:0] hdr;
    integer fd, ncases, c, pos, n, taken, words, cycles, seed, done, fast, fl, flush_at, limit;

    initial begin
        if (!$value$plusargs("in=%s", in_path) || !$value$plusargs("out=%s", out_path)) begin
            $display("usage: vvp rs_rlc_enc_tb +in=VECTORS +out=RESULTS [+seed=N]");
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
        @(negedge clk);
        for (c = 0; c < ncases; c = c + 1) begin
            hdr      = vec[pos];
            n        = hdr[23:0];
            flush_at = hdr[47:24];
            fast     = hdr[48];
            fl       = hdr[49];
            pos = pos + 1;
            taken = 0;
            words = 0;
            cycles = 0;
            done = 0;
            limit = 8 * n + 200;
            // start right away: the previous stream has just gone idle
            #1;
            if (busy)
                $fwrite(fd, "ERR busy before start\n");
            start = 1'b1;
            count = n[23:0];
            @(negedge clk);
            start = 1'b0;
            count = 24'hxxxxxx;
            #1;
            if (!busy)
                $fwrite(fd, "ERR busy low after start\n");
            while (!done) begin
                if (fl && taken >= flush_at) begin
                    in_valid  = 1'b0;
                    out_ready = 1'b0;
                    flush = 1'b1;
                    @(negedge clk);
                    flush = 1'b0;
                    #1;
                    if (busy || out_valid || in_ready)
                        $fwrite(fd, "ERR not idle after flush\n");
                    $fwrite(fd, "FLUSHED %0d\n", taken);
                    done = 1;
                end else begin
                    // drive this cycle's inputs (between clock edges); past
                    // the stream's end, offer junk the encoder must not take
                    in_valid  = fast || ($random(seed) & 3) != 0;
                    in_two    = fast || ($random(seed) & 1) != 0;
                    in_data[DW-1:0]    = (taken < n) ? vec[pos + taken][DW-1:0] : $random(seed);
                    in_data[2*DW-1:DW] = (taken + 1 < n) ? vec[pos + taken + 1][DW-1:0] : $random(seed);
                    out_ready = fast || ($random(seed) & 3) != 0;
                    #1;
                    if (!busy)
                        $fwrite(fd, "ERR busy low before the term word\n");
                    if (in_valid && in_ready)
                        taken = taken + ((in_two && taken + 1 < n) ? 2 : 1);
                    cycles = cycles + 1;
                    if (out_valid && out_ready) begin
                        $fwrite(fd, "W %016h\n", out_data);
                        words = words + 1;
                        if (out_last !== out_data[63])
                            $fwrite(fd, "ERR out_last %0d on word %0d %016h\n", out_last, words - 1, out_data);
                        if (out_last)
                            done = 1;
                    end
                    @(negedge clk);
                    if (done) begin
                        // idle now, and no element may be taken any more
                        in_valid = 1'b1;
                        #1;
                        if (busy || in_ready)
                            $fwrite(fd, "ERR busy after the term word\n");
                        if (taken != n)
                            $fwrite(fd, "ERR took %0d of %0d elements\n", taken, n);
                        in_valid = 1'b0;
                        $fwrite(fd, "END %0d %0d %0d\n", words, taken, cycles);
                    end else if (cycles > limit) begin
                        $fwrite(fd, "HANG %0d\n", taken);
                        flush = 1'b1;
                        @(negedge clk);
                        flush = 1'b0;
                        done = 1;
                    end
                end
            end
            in_valid  = 1'b0;
            out_ready = 1'b0;
            pos = pos + n;
        end
        $fclose(fd);
        $finish;
    end
endmodule
