// dp16kd_model_tb: the DP16KD modes Yosys 0.23 does not produce, checked
// against the model's own NOREG, chip-select-free mode (run_dp16kd_test.sh):
//   OUTREG   the output is the NOREG output one clock later, held while OCE
//            is low, cleared by RST with it
//   CSDECODE a port whose chip select {CS2,CS1,CS0} differs from
//            CSDECODE_x acts as with CE low
// and, with BAD = 1..4, that a parameter value outside the model stops the
// simulation at its start with a message naming it. Both ports 9 bits wide,
// WRITEMODE_A NORMAL, WRITEMODE_B WRITETHROUGH, sync reset. Prints
// "dp16kd_model_tb: PASS" or the mismatches and "dp16kd_model_tb: FAIL".
`timescale 1ns / 1ps
module dp16kd_model_tb #(parameter CYCLES = 3000, parameter SEED = 5, parameter BAD = 0);
    reg clk = 0;
    reg cea = 0, ceb = 0, wea = 0, web = 0, rsta = 0, rstb = 0, ocea = 1, oceb = 1;
    reg [2:0] csa = 0, csb = 0;
    reg [13:0] ada = 0, adb = 0;
    reg [17:0] dia = 0, dib = 0;
    wire [17:0] doa_n, dob_n, doa_o, dob_o, doa_c, dob_c, doa_r, dob_r;
    localparam [2:0] CODE_A = 3'b101, CODE_B = 3'b011;
    wire cea_r = cea && csa == CODE_A, ceb_r = ceb && csb == CODE_B;
    // reference: NOREG, chip select always true
    DP16KD #(.DATA_WIDTH_A(9), .DATA_WIDTH_B(9), .WRITEMODE_A("NORMAL"), .WRITEMODE_B("WRITETHROUGH"),
             .INITVAL_00(320'h0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef))
        u_n (
        .DIA17(dia[17]), .DIA16(dia[16]), .DIA15(dia[15]), .DIA14(dia[14]), .DIA13(dia[13]), .DIA12(dia[12]),
        .DIA11(dia[11]), .DIA10(dia[10]), .DIA9(dia[9]), .DIA8(dia[8]), .DIA7(dia[7]), .DIA6(dia[6]),
        .DIA5(dia[5]), .DIA4(dia[4]), .DIA3(dia[3]), .DIA2(dia[2]), .DIA1(dia[1]), .DIA0(dia[0]), .ADA13(ada[13]),
        .ADA12(ada[12]), .ADA11(ada[11]), .ADA10(ada[10]), .ADA9(ada[9]), .ADA8(ada[8]), .ADA7(ada[7]),
        .ADA6(ada[6]), .ADA5(ada[5]), .ADA4(ada[4]), .ADA3(ada[3]), .ADA2(ada[2]), .ADA1(ada[1]), .ADA0(ada[0]),
        .CEA(cea), .OCEA(ocea), .CLKA(clk), .WEA(wea), .RSTA(rsta), .CSA2(1'b0), .CSA1(1'b0),
        .CSA0(1'b0), .DOA17(doa_n[17]), .DOA16(doa_n[16]), .DOA15(doa_n[15]), .DOA14(doa_n[14]),
        .DOA13(doa_n[13]), .DOA12(doa_n[12]), .DOA11(doa_n[11]), .DOA10(doa_n[10]), .DOA9(doa_n[9]),
        .DOA8(doa_n[8]), .DOA7(doa_n[7]), .DOA6(doa_n[6]), .DOA5(doa_n[5]), .DOA4(doa_n[4]), .DOA3(doa_n[3]),
        .DOA2(doa_n[2]), .DOA1(doa_n[1]), .DOA0(doa_n[0]), .DIB17(dib[17]), .DIB16(dib[16]), .DIB15(dib[15]),
        .DIB14(dib[14]), .DIB13(dib[13]), .DIB12(dib[12]), .DIB11(dib[11]), .DIB10(dib[10]), .DIB9(dib[9]),
        .DIB8(dib[8]), .DIB7(dib[7]), .DIB6(dib[6]), .DIB5(dib[5]), .DIB4(dib[4]), .DIB3(dib[3]), .DIB2(dib[2]),
        .DIB1(dib[1]), .DIB0(dib[0]), .ADB13(adb[13]), .ADB12(adb[12]), .ADB11(adb[11]), .ADB10(adb[10]),
        .ADB9(adb[9]), .ADB8(adb[8]), .ADB7(adb[7]), .ADB6(adb[6]), .ADB5(adb[5]), .ADB4(adb[4]), .ADB3(adb[3]),
        .ADB2(adb[2]), .ADB1(adb[1]), .ADB0(adb[0]), .CEB(ceb), .OCEB(oceb), .CLKB(clk), .WEB(web), .RSTB(rstb),
        .CSB2(1'b0), .CSB1(1'b0), .CSB0(1'b0), .DOB17(dob_n[17]), .DOB16(dob_n[16]),
        .DOB15(dob_n[15]), .DOB14(dob_n[14]), .DOB13(dob_n[13]), .DOB12(dob_n[12]), .DOB11(dob_n[11]),
        .DOB10(dob_n[10]), .DOB9(dob_n[9]), .DOB8(dob_n[8]), .DOB7(dob_n[7]), .DOB6(dob_n[6]), .DOB5(dob_n[5]),
        .DOB4(dob_n[4]), .DOB3(dob_n[3]), .DOB2(dob_n[2]), .DOB1(dob_n[1]), .DOB0(dob_n[0]));
    // OUTREG
    DP16KD #(.DATA_WIDTH_A(9), .DATA_WIDTH_B(9), .WRITEMODE_A("NORMAL"), .WRITEMODE_B("WRITETHROUGH"),
             .REGMODE_A("OUTREG"), .REGMODE_B("OUTREG"),
             .INITVAL_00(320'h0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef))
        u_o (
        .DIA17(dia[17]), .DIA16(dia[16]), .DIA15(dia[15]), .DIA14(dia[14]), .DIA13(dia[13]), .DIA12(dia[12]),
        .DIA11(dia[11]), .DIA10(dia[10]), .DIA9(dia[9]), .DIA8(dia[8]), .DIA7(dia[7]), .DIA6(dia[6]),
        .DIA5(dia[5]), .DIA4(dia[4]), .DIA3(dia[3]), .DIA2(dia[2]), .DIA1(dia[1]), .DIA0(dia[0]), .ADA13(ada[13]),
        .ADA12(ada[12]), .ADA11(ada[11]), .ADA10(ada[10]), .ADA9(ada[9]), .ADA8(ada[8]), .ADA7(ada[7]),
        .ADA6(ada[6]), .ADA5(ada[5]), .ADA4(ada[4]), .ADA3(ada[3]), .ADA2(ada[2]), .ADA1(ada[1]), .ADA0(ada[0]),
        .CEA(cea), .OCEA(ocea), .CLKA(clk), .WEA(wea), .RSTA(rsta), .CSA2(1'b0), .CSA1(1'b0),
        .CSA0(1'b0), .DOA17(doa_o[17]), .DOA16(doa_o[16]), .DOA15(doa_o[15]), .DOA14(doa_o[14]),
        .DOA13(doa_o[13]), .DOA12(doa_o[12]), .DOA11(doa_o[11]), .DOA10(doa_o[10]), .DOA9(doa_o[9]),
        .DOA8(doa_o[8]), .DOA7(doa_o[7]), .DOA6(doa_o[6]), .DOA5(doa_o[5]), .DOA4(doa_o[4]), .DOA3(doa_o[3]),
        .DOA2(doa_o[2]), .DOA1(doa_o[1]), .DOA0(doa_o[0]), .DIB17(dib[17]), .DIB16(dib[16]), .DIB15(dib[15]),
        .DIB14(dib[14]), .DIB13(dib[13]), .DIB12(dib[12]), .DIB11(dib[11]), .DIB10(dib[10]), .DIB9(dib[9]),
        .DIB8(dib[8]), .DIB7(dib[7]), .DIB6(dib[6]), .DIB5(dib[5]), .DIB4(dib[4]), .DIB3(dib[3]), .DIB2(dib[2]),
        .DIB1(dib[1]), .DIB0(dib[0]), .ADB13(adb[13]), .ADB12(adb[12]), .ADB11(adb[11]), .ADB10(adb[10]),
        .ADB9(adb[9]), .ADB8(adb[8]), .ADB7(adb[7]), .ADB6(adb[6]), .ADB5(adb[5]), .ADB4(adb[4]), .ADB3(adb[3]),
        .ADB2(adb[2]), .ADB1(adb[1]), .ADB0(adb[0]), .CEB(ceb), .OCEB(oceb), .CLKB(clk), .WEB(web), .RSTB(rstb),
        .CSB2(1'b0), .CSB1(1'b0), .CSB0(1'b0), .DOB17(dob_o[17]), .DOB16(dob_o[16]),
        .DOB15(dob_o[15]), .DOB14(dob_o[14]), .DOB13(dob_o[13]), .DOB12(dob_o[12]), .DOB11(dob_o[11]),
        .DOB10(dob_o[10]), .DOB9(dob_o[9]), .DOB8(dob_o[8]), .DOB7(dob_o[7]), .DOB6(dob_o[6]), .DOB5(dob_o[5]),
        .DOB4(dob_o[4]), .DOB3(dob_o[3]), .DOB2(dob_o[2]), .DOB1(dob_o[1]), .DOB0(dob_o[0]));
    // chip selects, and their reference with CE low where the select is false
    DP16KD #(.DATA_WIDTH_A(9), .DATA_WIDTH_B(9), .WRITEMODE_A("NORMAL"), .WRITEMODE_B("WRITETHROUGH"),
             .CSDECODE_A("0b101"), .CSDECODE_B("0b011"))
        u_c (
        .DIA17(dia[17]), .DIA16(dia[16]), .DIA15(dia[15]), .DIA14(dia[14]), .DIA13(dia[13]), .DIA12(dia[12]),
        .DIA11(dia[11]), .DIA10(dia[10]), .DIA9(dia[9]), .DIA8(dia[8]), .DIA7(dia[7]), .DIA6(dia[6]),
        .DIA5(dia[5]), .DIA4(dia[4]), .DIA3(dia[3]), .DIA2(dia[2]), .DIA1(dia[1]), .DIA0(dia[0]), .ADA13(ada[13]),
        .ADA12(ada[12]), .ADA11(ada[11]), .ADA10(ada[10]), .ADA9(ada[9]), .ADA8(ada[8]), .ADA7(ada[7]),
        .ADA6(ada[6]), .ADA5(ada[5]), .ADA4(ada[4]), .ADA3(ada[3]), .ADA2(ada[2]), .ADA1(ada[1]), .ADA0(ada[0]),
        .CEA(cea), .OCEA(ocea), .CLKA(clk), .WEA(wea), .RSTA(rsta), .CSA2(csa[2]), .CSA1(csa[1]), .CSA0(csa[0]),
        .DOA17(doa_c[17]), .DOA16(doa_c[16]), .DOA15(doa_c[15]), .DOA14(doa_c[14]), .DOA13(doa_c[13]),
        .DOA12(doa_c[12]), .DOA11(doa_c[11]), .DOA10(doa_c[10]), .DOA9(doa_c[9]), .DOA8(doa_c[8]), .DOA7(doa_c[7]),
        .DOA6(doa_c[6]), .DOA5(doa_c[5]), .DOA4(doa_c[4]), .DOA3(doa_c[3]), .DOA2(doa_c[2]), .DOA1(doa_c[1]),
        .DOA0(doa_c[0]), .DIB17(dib[17]), .DIB16(dib[16]), .DIB15(dib[15]), .DIB14(dib[14]), .DIB13(dib[13]),
        .DIB12(dib[12]), .DIB11(dib[11]), .DIB10(dib[10]), .DIB9(dib[9]), .DIB8(dib[8]), .DIB7(dib[7]),
        .DIB6(dib[6]), .DIB5(dib[5]), .DIB4(dib[4]), .DIB3(dib[3]), .DIB2(dib[2]), .DIB1(dib[1]), .DIB0(dib[0]),
        .ADB13(adb[13]), .ADB12(adb[12]), .ADB11(adb[11]), .ADB10(adb[10]), .ADB9(adb[9]), .ADB8(adb[8]),
        .ADB7(adb[7]), .ADB6(adb[6]), .ADB5(adb[5]), .ADB4(adb[4]), .ADB3(adb[3]), .ADB2(adb[2]), .ADB1(adb[1]),
        .ADB0(adb[0]), .CEB(ceb), .OCEB(oceb), .CLKB(clk), .WEB(web), .RSTB(rstb), .CSB2(csb[2]), .CSB1(csb[1]),
        .CSB0(csb[0]), .DOB17(dob_c[17]), .DOB16(dob_c[16]), .DOB15(dob_c[15]), .DOB14(dob_c[14]),
        .DOB13(dob_c[13]), .DOB12(dob_c[12]), .DOB11(dob_c[11]), .DOB10(dob_c[10]), .DOB9(dob_c[9]),
        .DOB8(dob_c[8]), .DOB7(dob_c[7]), .DOB6(dob_c[6]), .DOB5(dob_c[5]), .DOB4(dob_c[4]), .DOB3(dob_c[3]),
        .DOB2(dob_c[2]), .DOB1(dob_c[1]), .DOB0(dob_c[0]));
    DP16KD #(.DATA_WIDTH_A(9), .DATA_WIDTH_B(9), .WRITEMODE_A("NORMAL"), .WRITEMODE_B("WRITETHROUGH"))
        u_r (
        .DIA17(dia[17]), .DIA16(dia[16]), .DIA15(dia[15]), .DIA14(dia[14]), .DIA13(dia[13]), .DIA12(dia[12]),
        .DIA11(dia[11]), .DIA10(dia[10]), .DIA9(dia[9]), .DIA8(dia[8]), .DIA7(dia[7]), .DIA6(dia[6]),
        .DIA5(dia[5]), .DIA4(dia[4]), .DIA3(dia[3]), .DIA2(dia[2]), .DIA1(dia[1]), .DIA0(dia[0]), .ADA13(ada[13]),
        .ADA12(ada[12]), .ADA11(ada[11]), .ADA10(ada[10]), .ADA9(ada[9]), .ADA8(ada[8]), .ADA7(ada[7]),
        .ADA6(ada[6]), .ADA5(ada[5]), .ADA4(ada[4]), .ADA3(ada[3]), .ADA2(ada[2]), .ADA1(ada[1]), .ADA0(ada[0]),
        .CEA(cea_r), .OCEA(ocea), .CLKA(clk), .WEA(wea), .RSTA(rsta), .CSA2(1'b0), .CSA1(1'b0),
        .CSA0(1'b0), .DOA17(doa_r[17]), .DOA16(doa_r[16]), .DOA15(doa_r[15]), .DOA14(doa_r[14]),
        .DOA13(doa_r[13]), .DOA12(doa_r[12]), .DOA11(doa_r[11]), .DOA10(doa_r[10]), .DOA9(doa_r[9]),
        .DOA8(doa_r[8]), .DOA7(doa_r[7]), .DOA6(doa_r[6]), .DOA5(doa_r[5]), .DOA4(doa_r[4]), .DOA3(doa_r[3]),
        .DOA2(doa_r[2]), .DOA1(doa_r[1]), .DOA0(doa_r[0]), .DIB17(dib[17]), .DIB16(dib[16]), .DIB15(dib[15]),
        .DIB14(dib[14]), .DIB13(dib[13]), .DIB12(dib[12]), .DIB11(dib[11]), .DIB10(dib[10]), .DIB9(dib[9]),
        .DIB8(dib[8]), .DIB7(dib[7]), .DIB6(dib[6]), .DIB5(dib[5]), .DIB4(dib[4]), .DIB3(dib[3]), .DIB2(dib[2]),
        .DIB1(dib[1]), .DIB0(dib[0]), .ADB13(adb[13]), .ADB12(adb[12]), .ADB11(adb[11]), .ADB10(adb[10]),
        .ADB9(adb[9]), .ADB8(adb[8]), .ADB7(adb[7]), .ADB6(adb[6]), .ADB5(adb[5]), .ADB4(adb[4]), .ADB3(adb[3]),
        .ADB2(adb[2]), .ADB1(adb[1]), .ADB0(adb[0]), .CEB(ceb_r), .OCEB(oceb), .CLKB(clk), .WEB(web), .RSTB(rstb),
        .CSB2(1'b0), .CSB1(1'b0), .CSB0(1'b0), .DOB17(dob_r[17]), .DOB16(dob_r[16]),
        .DOB15(dob_r[15]), .DOB14(dob_r[14]), .DOB13(dob_r[13]), .DOB12(dob_r[12]), .DOB11(dob_r[11]),
        .DOB10(dob_r[10]), .DOB9(dob_r[9]), .DOB8(dob_r[8]), .DOB7(dob_r[7]), .DOB6(dob_r[6]), .DOB5(dob_r[5]),
        .DOB4(dob_r[4]), .DOB3(dob_r[3]), .DOB2(dob_r[2]), .DOB1(dob_r[1]), .DOB0(dob_r[0]));
    // a parameter outside the model
    wire [17:0] doa_x, dob_x;
    generate
        if (BAD == 1) begin : g_bad1
            DP16KD #(.DATA_WIDTH_A(8)) u_x (
        .DIA17(dia[17]), .DIA16(dia[16]), .DIA15(dia[15]), .DIA14(dia[14]), .DIA13(dia[13]), .DIA12(dia[12]),
        .DIA11(dia[11]), .DIA10(dia[10]), .DIA9(dia[9]), .DIA8(dia[8]), .DIA7(dia[7]), .DIA6(dia[6]),
        .DIA5(dia[5]), .DIA4(dia[4]), .DIA3(dia[3]), .DIA2(dia[2]), .DIA1(dia[1]), .DIA0(dia[0]), .ADA13(ada[13]),
        .ADA12(ada[12]), .ADA11(ada[11]), .ADA10(ada[10]), .ADA9(ada[9]), .ADA8(ada[8]), .ADA7(ada[7]),
        .ADA6(ada[6]), .ADA5(ada[5]), .ADA4(ada[4]), .ADA3(ada[3]), .ADA2(ada[2]), .ADA1(ada[1]), .ADA0(ada[0]),
        .CEA(cea), .OCEA(ocea), .CLKA(clk), .WEA(wea), .RSTA(rsta), .CSA2(csa[2]), .CSA1(csa[1]), .CSA0(csa[0]),
        .DOA17(doa_x[17]), .DOA16(doa_x[16]), .DOA15(doa_x[15]), .DOA14(doa_x[14]), .DOA13(doa_x[13]),
        .DOA12(doa_x[12]), .DOA11(doa_x[11]), .DOA10(doa_x[10]), .DOA9(doa_x[9]), .DOA8(doa_x[8]), .DOA7(doa_x[7]),
        .DOA6(doa_x[6]), .DOA5(doa_x[5]), .DOA4(doa_x[4]), .DOA3(doa_x[3]), .DOA2(doa_x[2]), .DOA1(doa_x[1]),
        .DOA0(doa_x[0]), .DIB17(dib[17]), .DIB16(dib[16]), .DIB15(dib[15]), .DIB14(dib[14]), .DIB13(dib[13]),
        .DIB12(dib[12]), .DIB11(dib[11]), .DIB10(dib[10]), .DIB9(dib[9]), .DIB8(dib[8]), .DIB7(dib[7]),
        .DIB6(dib[6]), .DIB5(dib[5]), .DIB4(dib[4]), .DIB3(dib[3]), .DIB2(dib[2]), .DIB1(dib[1]), .DIB0(dib[0]),
        .ADB13(adb[13]), .ADB12(adb[12]), .ADB11(adb[11]), .ADB10(adb[10]), .ADB9(adb[9]), .ADB8(adb[8]),
        .ADB7(adb[7]), .ADB6(adb[6]), .ADB5(adb[5]), .ADB4(adb[4]), .ADB3(adb[3]), .ADB2(adb[2]), .ADB1(adb[1]),
        .ADB0(adb[0]), .CEB(ceb), .OCEB(oceb), .CLKB(clk), .WEB(web), .RSTB(rstb), .CSB2(csb[2]), .CSB1(csb[1]),
        .CSB0(csb[0]), .DOB17(dob_x[17]), .DOB16(dob_x[16]), .DOB15(dob_x[15]), .DOB14(dob_x[14]),
        .DOB13(dob_x[13]), .DOB12(dob_x[12]), .DOB11(dob_x[11]), .DOB10(dob_x[10]), .DOB9(dob_x[9]),
        .DOB8(dob_x[8]), .DOB7(dob_x[7]), .DOB6(dob_x[6]), .DOB5(dob_x[5]), .DOB4(dob_x[4]), .DOB3(dob_x[3]),
        .DOB2(dob_x[2]), .DOB1(dob_x[1]), .DOB0(dob_x[0]));
        end else if (BAD == 2) begin : g_bad2
            DP16KD #(.WRITEMODE_B("READFIRST")) u_x (
        .DIA17(dia[17]), .DIA16(dia[16]), .DIA15(dia[15]), .DIA14(dia[14]), .DIA13(dia[13]), .DIA12(dia[12]),
        .DIA11(dia[11]), .DIA10(dia[10]), .DIA9(dia[9]), .DIA8(dia[8]), .DIA7(dia[7]), .DIA6(dia[6]),
        .DIA5(dia[5]), .DIA4(dia[4]), .DIA3(dia[3]), .DIA2(dia[2]), .DIA1(dia[1]), .DIA0(dia[0]), .ADA13(ada[13]),
        .ADA12(ada[12]), .ADA11(ada[11]), .ADA10(ada[10]), .ADA9(ada[9]), .ADA8(ada[8]), .ADA7(ada[7]),
        .ADA6(ada[6]), .ADA5(ada[5]), .ADA4(ada[4]), .ADA3(ada[3]), .ADA2(ada[2]), .ADA1(ada[1]), .ADA0(ada[0]),
        .CEA(cea), .OCEA(ocea), .CLKA(clk), .WEA(wea), .RSTA(rsta), .CSA2(csa[2]), .CSA1(csa[1]), .CSA0(csa[0]),
        .DOA17(doa_x[17]), .DOA16(doa_x[16]), .DOA15(doa_x[15]), .DOA14(doa_x[14]), .DOA13(doa_x[13]),
        .DOA12(doa_x[12]), .DOA11(doa_x[11]), .DOA10(doa_x[10]), .DOA9(doa_x[9]), .DOA8(doa_x[8]), .DOA7(doa_x[7]),
        .DOA6(doa_x[6]), .DOA5(doa_x[5]), .DOA4(doa_x[4]), .DOA3(doa_x[3]), .DOA2(doa_x[2]), .DOA1(doa_x[1]),
        .DOA0(doa_x[0]), .DIB17(dib[17]), .DIB16(dib[16]), .DIB15(dib[15]), .DIB14(dib[14]), .DIB13(dib[13]),
        .DIB12(dib[12]), .DIB11(dib[11]), .DIB10(dib[10]), .DIB9(dib[9]), .DIB8(dib[8]), .DIB7(dib[7]),
        .DIB6(dib[6]), .DIB5(dib[5]), .DIB4(dib[4]), .DIB3(dib[3]), .DIB2(dib[2]), .DIB1(dib[1]), .DIB0(dib[0]),
        .ADB13(adb[13]), .ADB12(adb[12]), .ADB11(adb[11]), .ADB10(adb[10]), .ADB9(adb[9]), .ADB8(adb[8]),
        .ADB7(adb[7]), .ADB6(adb[6]), .ADB5(adb[5]), .ADB4(adb[4]), .ADB3(adb[3]), .ADB2(adb[2]), .ADB1(adb[1]),
        .ADB0(adb[0]), .CEB(ceb), .OCEB(oceb), .CLKB(clk), .WEB(web), .RSTB(rstb), .CSB2(csb[2]), .CSB1(csb[1]),
        .CSB0(csb[0]), .DOB17(dob_x[17]), .DOB16(dob_x[16]), .DOB15(dob_x[15]), .DOB14(dob_x[14]),
        .DOB13(dob_x[13]), .DOB12(dob_x[12]), .DOB11(dob_x[11]), .DOB10(dob_x[10]), .DOB9(dob_x[9]),
        .DOB8(dob_x[8]), .DOB7(dob_x[7]), .DOB6(dob_x[6]), .DOB5(dob_x[5]), .DOB4(dob_x[4]), .DOB3(dob_x[3]),
        .DOB2(dob_x[2]), .DOB1(dob_x[1]), .DOB0(dob_x[0]));
        end else if (BAD == 3) begin : g_bad3
            DP16KD #(.RESETMODE("ASYNC"), .ASYNC_RESET_RELEASE("SYNC")) u_x (
        .DIA17(dia[17]), .DIA16(dia[16]), .DIA15(dia[15]), .DIA14(dia[14]), .DIA13(dia[13]), .DIA12(dia[12]),
        .DIA11(dia[11]), .DIA10(dia[10]), .DIA9(dia[9]), .DIA8(dia[8]), .DIA7(dia[7]), .DIA6(dia[6]),
        .DIA5(dia[5]), .DIA4(dia[4]), .DIA3(dia[3]), .DIA2(dia[2]), .DIA1(dia[1]), .DIA0(dia[0]), .ADA13(ada[13]),
        .ADA12(ada[12]), .ADA11(ada[11]), .ADA10(ada[10]), .ADA9(ada[9]), .ADA8(ada[8]), .ADA7(ada[7]),
        .ADA6(ada[6]), .ADA5(ada[5]), .ADA4(ada[4]), .ADA3(ada[3]), .ADA2(ada[2]), .ADA1(ada[1]), .ADA0(ada[0]),
        .CEA(cea), .OCEA(ocea), .CLKA(clk), .WEA(wea), .RSTA(rsta), .CSA2(csa[2]), .CSA1(csa[1]), .CSA0(csa[0]),
        .DOA17(doa_x[17]), .DOA16(doa_x[16]), .DOA15(doa_x[15]), .DOA14(doa_x[14]), .DOA13(doa_x[13]),
        .DOA12(doa_x[12]), .DOA11(doa_x[11]), .DOA10(doa_x[10]), .DOA9(doa_x[9]), .DOA8(doa_x[8]), .DOA7(doa_x[7]),
        .DOA6(doa_x[6]), .DOA5(doa_x[5]), .DOA4(doa_x[4]), .DOA3(doa_x[3]), .DOA2(doa_x[2]), .DOA1(doa_x[1]),
        .DOA0(doa_x[0]), .DIB17(dib[17]), .DIB16(dib[16]), .DIB15(dib[15]), .DIB14(dib[14]), .DIB13(dib[13]),
        .DIB12(dib[12]), .DIB11(dib[11]), .DIB10(dib[10]), .DIB9(dib[9]), .DIB8(dib[8]), .DIB7(dib[7]),
        .DIB6(dib[6]), .DIB5(dib[5]), .DIB4(dib[4]), .DIB3(dib[3]), .DIB2(dib[2]), .DIB1(dib[1]), .DIB0(dib[0]),
        .ADB13(adb[13]), .ADB12(adb[12]), .ADB11(adb[11]), .ADB10(adb[10]), .ADB9(adb[9]), .ADB8(adb[8]),
        .ADB7(adb[7]), .ADB6(adb[6]), .ADB5(adb[5]), .ADB4(adb[4]), .ADB3(adb[3]), .ADB2(adb[2]), .ADB1(adb[1]),
        .ADB0(adb[0]), .CEB(ceb), .OCEB(oceb), .CLKB(clk), .WEB(web), .RSTB(rstb), .CSB2(csb[2]), .CSB1(csb[1]),
        .CSB0(csb[0]), .DOB17(dob_x[17]), .DOB16(dob_x[16]), .DOB15(dob_x[15]), .DOB14(dob_x[14]),
        .DOB13(dob_x[13]), .DOB12(dob_x[12]), .DOB11(dob_x[11]), .DOB10(dob_x[10]), .DOB9(dob_x[9]),
        .DOB8(dob_x[8]), .DOB7(dob_x[7]), .DOB6(dob_x[6]), .DOB5(dob_x[5]), .DOB4(dob_x[4]), .DOB3(dob_x[3]),
        .DOB2(dob_x[2]), .DOB1(dob_x[1]), .DOB0(dob_x[0]));
        end else if (BAD == 4) begin : g_bad4
            DP16KD #(.WEAMUX("INV")) u_x (
        .DIA17(dia[17]), .DIA16(dia[16]), .DIA15(dia[15]), .DIA14(dia[14]), .DIA13(dia[13]), .DIA12(dia[12]),
        .DIA11(dia[11]), .DIA10(dia[10]), .DIA9(dia[9]), .DIA8(dia[8]), .DIA7(dia[7]), .DIA6(dia[6]),
        .DIA5(dia[5]), .DIA4(dia[4]), .DIA3(dia[3]), .DIA2(dia[2]), .DIA1(dia[1]), .DIA0(dia[0]), .ADA13(ada[13]),
        .ADA12(ada[12]), .ADA11(ada[11]), .ADA10(ada[10]), .ADA9(ada[9]), .ADA8(ada[8]), .ADA7(ada[7]),
        .ADA6(ada[6]), .ADA5(ada[5]), .ADA4(ada[4]), .ADA3(ada[3]), .ADA2(ada[2]), .ADA1(ada[1]), .ADA0(ada[0]),
        .CEA(cea), .OCEA(ocea), .CLKA(clk), .WEA(wea), .RSTA(rsta), .CSA2(csa[2]), .CSA1(csa[1]), .CSA0(csa[0]),
        .DOA17(doa_x[17]), .DOA16(doa_x[16]), .DOA15(doa_x[15]), .DOA14(doa_x[14]), .DOA13(doa_x[13]),
        .DOA12(doa_x[12]), .DOA11(doa_x[11]), .DOA10(doa_x[10]), .DOA9(doa_x[9]), .DOA8(doa_x[8]), .DOA7(doa_x[7]),
        .DOA6(doa_x[6]), .DOA5(doa_x[5]), .DOA4(doa_x[4]), .DOA3(doa_x[3]), .DOA2(doa_x[2]), .DOA1(doa_x[1]),
        .DOA0(doa_x[0]), .DIB17(dib[17]), .DIB16(dib[16]), .DIB15(dib[15]), .DIB14(dib[14]), .DIB13(dib[13]),
        .DIB12(dib[12]), .DIB11(dib[11]), .DIB10(dib[10]), .DIB9(dib[9]), .DIB8(dib[8]), .DIB7(dib[7]),
        .DIB6(dib[6]), .DIB5(dib[5]), .DIB4(dib[4]), .DIB3(dib[3]), .DIB2(dib[2]), .DIB1(dib[1]), .DIB0(dib[0]),
        .ADB13(adb[13]), .ADB12(adb[12]), .ADB11(adb[11]), .ADB10(adb[10]), .ADB9(adb[9]), .ADB8(adb[8]),
        .ADB7(adb[7]), .ADB6(adb[6]), .ADB5(adb[5]), .ADB4(adb[4]), .ADB3(adb[3]), .ADB2(adb[2]), .ADB1(adb[1]),
        .ADB0(adb[0]), .CEB(ceb), .OCEB(oceb), .CLKB(clk), .WEB(web), .RSTB(rstb), .CSB2(csb[2]), .CSB1(csb[1]),
        .CSB0(csb[0]), .DOB17(dob_x[17]), .DOB16(dob_x[16]), .DOB15(dob_x[15]), .DOB14(dob_x[14]),
        .DOB13(dob_x[13]), .DOB12(dob_x[12]), .DOB11(dob_x[11]), .DOB10(dob_x[10]), .DOB9(dob_x[9]),
        .DOB8(dob_x[8]), .DOB7(dob_x[7]), .DOB6(dob_x[6]), .DOB5(dob_x[5]), .DOB4(dob_x[4]), .DOB3(dob_x[3]),
        .DOB2(dob_x[2]), .DOB1(dob_x[1]), .DOB0(dob_x[0]));
        end
    endgenerate

    // expected OUTREG outputs: the NOREG output registered under OCE, reset with RST
    reg [17:0] exp_a = 0, exp_b = 0;
    always @(posedge clk) begin
        exp_a <= rsta ? 18'd0 : ocea ? doa_n : exp_a;
        exp_b <= rstb ? 18'd0 : oceb ? dob_n : exp_b;
    end
    integer seed = SEED, cycle = 0, errors = 0, r;
    task check_eq(input [17:0] got, input [17:0] want, input [8*12-1:0] what);
        if (got !== want) begin
            errors = errors + 1;
            if (errors <= 10) $display("dp16kd_model_tb: cycle %0d: %0s %h, want %h", cycle, what, got, want);
        end
    endtask
    initial begin
        for (r = 0; r < CYCLES; r = r + 1) begin
            #2;
            cea = {$random(seed)} % 8 != 0;
            ceb = {$random(seed)} % 8 != 0;
            wea = {$random(seed)} % 3 == 0;
            web = {$random(seed)} % 3 == 0;
            ocea = {$random(seed)} % 4 != 0;
            oceb = {$random(seed)} % 4 != 0;
            rsta = {$random(seed)} % 30 == 0;
            rstb = {$random(seed)} % 30 == 0;
            csa = {$random(seed)} % 2 ? CODE_A : $random(seed);
            csb = {$random(seed)} % 2 ? CODE_B : $random(seed);
            ada = {$random(seed)} % 2 ? {6'd0, $random(seed)} % 14'h40 : $random(seed);
            adb = {$random(seed)} % 3 ? ada : {6'd0, $random(seed)} % 14'h40;
            dia = $random(seed);
            dib = $random(seed);
            #3 clk = 1;
            #5 clk = 0;
            check_eq(doa_o, exp_a, "OUTREG A");
            check_eq(dob_o, exp_b, "OUTREG B");
            check_eq(doa_c, doa_r, "CSDECODE A");
            check_eq(dob_c, dob_r, "CSDECODE B");
            cycle = cycle + 1;
        end
        if (errors == 0) $display("dp16kd_model_tb: PASS (%0d cycles)", cycle);
        else $display("dp16kd_model_tb: FAIL (%0d mismatches)", errors);
        $finish;
    end
endmodule
