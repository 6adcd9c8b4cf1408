// DP16KD: simulation model of the ECP5 16 Kbit block RAM in the modes Yosys's
// synth_ecp5 maps memories to (ecp5/brams.txt, brams_map.v). Yosys ships
// only an empty blackbox of this cell; docs/netlist-sim.md lists the modes.
//
// The array is 1,024 words of 18 bits, two 9-bit bytes each. A port of
// width W (DATA_WIDTH_x) reads and writes W bits at a bit address:
//   18: word AD[13:4], byte write enables AD[1:0] (byte 0 = DI[8:0])
//    9: word AD[13:4], byte AD[3]
//  4,2,1: word AD[13:4], byte AD[3], bits AD[2:0] of the byte's low 8
//   36: port A writes words {AD[13:5],0} (DIA) and {AD[13:5],1} (DIB),
//       byte enables ADA[3:0]; port B reads them onto DOA and DOB (with
//       DATA_WIDTH_A 36 port B only reads, at any width, onto DOB).
// A port works on its clock edge (CLKxMUX "INV": falling) when CEx and its
// chip select ({CSx2,CSx1,CSx0} == CSDECODE_x) are true: writes the
// enabled bytes when WEx, and loads its output with the word read, or
// while writing per WRITEMODE_x: NORMAL keeps the output, WRITETHROUGH
// loads the word as written, READBEFOREWRITE the word before the write.
// RSTx clears the port's output (synchronously, or at once and while high
// with RESETMODE "ASYNC"), whatever CEx; the array keeps its contents.
// REGMODE_x "OUTREG" adds an output register, loaded when OCEx. The array
// starts from INITVAL_00..3F (16 words of 20 bits each, 18 used), the
// outputs from zero. Any other parameter value stops the simulation at
// its start rather than being simulated wrongly.
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNUSEDPARAM */
/* verilator lint_off MULTIDRIVEN */
module DP16KD #(
    parameter DATA_WIDTH_A = 18, parameter DATA_WIDTH_B = 18,
    parameter [127:0] REGMODE_A = "NOREG", parameter [127:0] REGMODE_B = "NOREG",
    parameter [127:0] RESETMODE = "SYNC", parameter [127:0] ASYNC_RESET_RELEASE = "SYNC",
    parameter [127:0] CSDECODE_A = "0b000", parameter [127:0] CSDECODE_B = "0b000",
    parameter [127:0] WRITEMODE_A = "NORMAL", parameter [127:0] WRITEMODE_B = "NORMAL",
    parameter [127:0] DIA17MUX = "DIA17", parameter [127:0] DIA16MUX = "DIA16", parameter [127:0] DIA15MUX = "DIA15",
    parameter [127:0] DIA14MUX = "DIA14", parameter [127:0] DIA13MUX = "DIA13", parameter [127:0] DIA12MUX = "DIA12",
    parameter [127:0] DIA11MUX = "DIA11", parameter [127:0] DIA10MUX = "DIA10", parameter [127:0] DIA9MUX = "DIA9",
    parameter [127:0] DIA8MUX = "DIA8", parameter [127:0] DIA7MUX = "DIA7", parameter [127:0] DIA6MUX = "DIA6",
    parameter [127:0] DIA5MUX = "DIA5", parameter [127:0] DIA4MUX = "DIA4", parameter [127:0] DIA3MUX = "DIA3",
    parameter [127:0] DIA2MUX = "DIA2", parameter [127:0] DIA1MUX = "DIA1", parameter [127:0] DIA0MUX = "DIA0",
    parameter [127:0] ADA13MUX = "ADA13", parameter [127:0] ADA12MUX = "ADA12", parameter [127:0] ADA11MUX = "ADA11",
    parameter [127:0] ADA10MUX = "ADA10", parameter [127:0] ADA9MUX = "ADA9", parameter [127:0] ADA8MUX = "ADA8",
    parameter [127:0] ADA7MUX = "ADA7", parameter [127:0] ADA6MUX = "ADA6", parameter [127:0] ADA5MUX = "ADA5",
    parameter [127:0] ADA4MUX = "ADA4", parameter [127:0] ADA3MUX = "ADA3", parameter [127:0] ADA2MUX = "ADA2",
    parameter [127:0] ADA1MUX = "ADA1", parameter [127:0] ADA0MUX = "ADA0", parameter [127:0] CEAMUX = "CEA",
    parameter [127:0] OCEAMUX = "OCEA", parameter [127:0] CLKAMUX = "CLKA", parameter [127:0] WEAMUX = "WEA",
    parameter [127:0] RSTAMUX = "RSTA", parameter [127:0] CSA2MUX = "CSA2", parameter [127:0] CSA1MUX = "CSA1",
    parameter [127:0] CSA0MUX = "CSA0", parameter [127:0] DOA17MUX = "DOA17", parameter [127:0] DOA16MUX = "DOA16",
    parameter [127:0] DOA15MUX = "DOA15", parameter [127:0] DOA14MUX = "DOA14", parameter [127:0] DOA13MUX = "DOA13",
    parameter [127:0] DOA12MUX = "DOA12", parameter [127:0] DOA11MUX = "DOA11", parameter [127:0] DOA10MUX = "DOA10",
    parameter [127:0] DOA9MUX = "DOA9", parameter [127:0] DOA8MUX = "DOA8", parameter [127:0] DOA7MUX = "DOA7",
    parameter [127:0] DOA6MUX = "DOA6", parameter [127:0] DOA5MUX = "DOA5", parameter [127:0] DOA4MUX = "DOA4",
    parameter [127:0] DOA3MUX = "DOA3", parameter [127:0] DOA2MUX = "DOA2", parameter [127:0] DOA1MUX = "DOA1",
    parameter [127:0] DOA0MUX = "DOA0", parameter [127:0] DIB17MUX = "DIB17", parameter [127:0] DIB16MUX = "DIB16",
    parameter [127:0] DIB15MUX = "DIB15", parameter [127:0] DIB14MUX = "DIB14", parameter [127:0] DIB13MUX = "DIB13",
    parameter [127:0] DIB12MUX = "DIB12", parameter [127:0] DIB11MUX = "DIB11", parameter [127:0] DIB10MUX = "DIB10",
    parameter [127:0] DIB9MUX = "DIB9", parameter [127:0] DIB8MUX = "DIB8", parameter [127:0] DIB7MUX = "DIB7",
    parameter [127:0] DIB6MUX = "DIB6", parameter [127:0] DIB5MUX = "DIB5", parameter [127:0] DIB4MUX = "DIB4",
    parameter [127:0] DIB3MUX = "DIB3", parameter [127:0] DIB2MUX = "DIB2", parameter [127:0] DIB1MUX = "DIB1",
    parameter [127:0] DIB0MUX = "DIB0", parameter [127:0] ADB13MUX = "ADB13", parameter [127:0] ADB12MUX = "ADB12",
    parameter [127:0] ADB11MUX = "ADB11", parameter [127:0] ADB10MUX = "ADB10", parameter [127:0] ADB9MUX = "ADB9",
    parameter [127:0] ADB8MUX = "ADB8", parameter [127:0] ADB7MUX = "ADB7", parameter [127:0] ADB6MUX = "ADB6",
    parameter [127:0] ADB5MUX = "ADB5", parameter [127:0] ADB4MUX = "ADB4", parameter [127:0] ADB3MUX = "ADB3",
    parameter [127:0] ADB2MUX = "ADB2", parameter [127:0] ADB1MUX = "ADB1", parameter [127:0] ADB0MUX = "ADB0",
    parameter [127:0] CEBMUX = "CEB", parameter [127:0] OCEBMUX = "OCEB", parameter [127:0] CLKBMUX = "CLKB",
    parameter [127:0] WEBMUX = "WEB", parameter [127:0] RSTBMUX = "RSTB", parameter [127:0] CSB2MUX = "CSB2",
    parameter [127:0] CSB1MUX = "CSB1", parameter [127:0] CSB0MUX = "CSB0", parameter [127:0] DOB17MUX = "DOB17",
    parameter [127:0] DOB16MUX = "DOB16", parameter [127:0] DOB15MUX = "DOB15", parameter [127:0] DOB14MUX = "DOB14",
    parameter [127:0] DOB13MUX = "DOB13", parameter [127:0] DOB12MUX = "DOB12", parameter [127:0] DOB11MUX = "DOB11",
    parameter [127:0] DOB10MUX = "DOB10", parameter [127:0] DOB9MUX = "DOB9", parameter [127:0] DOB8MUX = "DOB8",
    parameter [127:0] DOB7MUX = "DOB7", parameter [127:0] DOB6MUX = "DOB6", parameter [127:0] DOB5MUX = "DOB5",
    parameter [127:0] DOB4MUX = "DOB4", parameter [127:0] DOB3MUX = "DOB3", parameter [127:0] DOB2MUX = "DOB2",
    parameter [127:0] DOB1MUX = "DOB1", parameter [127:0] DOB0MUX = "DOB0",
    parameter WID = 0, parameter [127:0] GSR = "ENABLED", parameter [127:0] INIT_DATA = "STATIC",
    parameter INITVAL_00 = 320'h0, parameter INITVAL_01 = 320'h0, parameter INITVAL_02 = 320'h0,
    parameter INITVAL_03 = 320'h0, parameter INITVAL_04 = 320'h0, parameter INITVAL_05 = 320'h0,
    parameter INITVAL_06 = 320'h0, parameter INITVAL_07 = 320'h0, parameter INITVAL_08 = 320'h0,
    parameter INITVAL_09 = 320'h0, parameter INITVAL_0A = 320'h0, parameter INITVAL_0B = 320'h0,
    parameter INITVAL_0C = 320'h0, parameter INITVAL_0D = 320'h0, parameter INITVAL_0E = 320'h0,
    parameter INITVAL_0F = 320'h0, parameter INITVAL_10 = 320'h0, parameter INITVAL_11 = 320'h0,
    parameter INITVAL_12 = 320'h0, parameter INITVAL_13 = 320'h0, parameter INITVAL_14 = 320'h0,
    parameter INITVAL_15 = 320'h0, parameter INITVAL_16 = 320'h0, parameter INITVAL_17 = 320'h0,
    parameter INITVAL_18 = 320'h0, parameter INITVAL_19 = 320'h0, parameter INITVAL_1A = 320'h0,
    parameter INITVAL_1B = 320'h0, parameter INITVAL_1C = 320'h0, parameter INITVAL_1D = 320'h0,
    parameter INITVAL_1E = 320'h0, parameter INITVAL_1F = 320'h0, parameter INITVAL_20 = 320'h0,
    parameter INITVAL_21 = 320'h0, parameter INITVAL_22 = 320'h0, parameter INITVAL_23 = 320'h0,
    parameter INITVAL_24 = 320'h0, parameter INITVAL_25 = 320'h0, parameter INITVAL_26 = 320'h0,
    parameter INITVAL_27 = 320'h0, parameter INITVAL_28 = 320'h0, parameter INITVAL_29 = 320'h0,
    parameter INITVAL_2A = 320'h0, parameter INITVAL_2B = 320'h0, parameter INITVAL_2C = 320'h0,
    parameter INITVAL_2D = 320'h0, parameter INITVAL_2E = 320'h0, parameter INITVAL_2F = 320'h0,
    parameter INITVAL_30 = 320'h0, parameter INITVAL_31 = 320'h0, parameter INITVAL_32 = 320'h0,
    parameter INITVAL_33 = 320'h0, parameter INITVAL_34 = 320'h0, parameter INITVAL_35 = 320'h0,
    parameter INITVAL_36 = 320'h0, parameter INITVAL_37 = 320'h0, parameter INITVAL_38 = 320'h0,
    parameter INITVAL_39 = 320'h0, parameter INITVAL_3A = 320'h0, parameter INITVAL_3B = 320'h0,
    parameter INITVAL_3C = 320'h0, parameter INITVAL_3D = 320'h0, parameter INITVAL_3E = 320'h0,
    parameter INITVAL_3F = 320'h0
) (
    input  wire DIA17, DIA16, DIA15, DIA14, DIA13, DIA12, DIA11, DIA10, DIA9, DIA8, DIA7, DIA6, DIA5, DIA4, DIA3, DIA2, DIA1, DIA0,
    input  wire ADA13, ADA12, ADA11, ADA10, ADA9, ADA8, ADA7, ADA6, ADA5, ADA4, ADA3, ADA2, ADA1, ADA0,
    input  wire CEA, OCEA, CLKA, WEA, RSTA,
    input  wire CSA2, CSA1, CSA0,
    output wire DOA17, DOA16, DOA15, DOA14, DOA13, DOA12, DOA11, DOA10, DOA9, DOA8, DOA7, DOA6, DOA5, DOA4, DOA3, DOA2, DOA1, DOA0,
    input  wire DIB17, DIB16, DIB15, DIB14, DIB13, DIB12, DIB11, DIB10, DIB9, DIB8, DIB7, DIB6, DIB5, DIB4, DIB3, DIB2, DIB1, DIB0,
    input  wire ADB13, ADB12, ADB11, ADB10, ADB9, ADB8, ADB7, ADB6, ADB5, ADB4, ADB3, ADB2, ADB1, ADB0,
    input  wire CEB, OCEB, CLKB, WEB, RSTB,
    input  wire CSB2, CSB1, CSB0,
    output wire DOB17, DOB16, DOB15, DOB14, DOB13, DOB12, DOB11, DOB10, DOB9, DOB8, DOB7, DOB6, DOB5, DOB4, DOB3, DOB2, DOB1, DOB0
);
    wire [17:0] dia = {DIA17, DIA16, DIA15, DIA14, DIA13, DIA12, DIA11, DIA10, DIA9, DIA8, DIA7, DIA6, DIA5, DIA4, DIA3, DIA2, DIA1, DIA0};
    wire [17:0] dib = {DIB17, DIB16, DIB15, DIB14, DIB13, DIB12, DIB11, DIB10, DIB9, DIB8, DIB7, DIB6, DIB5, DIB4, DIB3, DIB2, DIB1, DIB0};
    wire [13:0] ada = {ADA13, ADA12, ADA11, ADA10, ADA9, ADA8, ADA7, ADA6, ADA5, ADA4, ADA3, ADA2, ADA1, ADA0};
    wire [13:0] adb = {ADB13, ADB12, ADB11, ADB10, ADB9, ADB8, ADB7, ADB6, ADB5, ADB4, ADB3, ADB2, ADB1, ADB0};

    // a chip select code "0bXYZ" (its characters' low bits), and its check
    function [2:0] cs_code(input [39:0] s);
        cs_code = {s[16], s[8], s[0]};
    endfunction
    function cs_ok(input [39:0] s);
        cs_ok = s[39:24] == "0b" && s[23:17] == 7'h18 && s[15:9] == 7'h18 && s[7:1] == 7'h18;
    endfunction
    // bit offset in its 18-bit word of a W-bit access at address ad (0 for
    // W 18 and 36, whose AD[3] is not an address bit)
    function [4:0] bit_offset(input integer w, input [13:0] ad);
        begin
            bit_offset = ad[3] && w < 18 ? 5'd9 : 5'd0;
            if (w == 4) bit_offset = bit_offset + {2'b00, ad[2], 2'b00};
            else if (w == 2) bit_offset = bit_offset + {2'b00, ad[2:1], 1'b0};
            else if (w == 1) bit_offset = bit_offset + {2'b00, ad[2:0]};
        end
    endfunction

    // a string parameter left-aligned (for messages: no leading NUL characters)
    function [127:0] str(input [127:0] s);
        begin
            str = s;
            while (str != 0 && str[127:120] == 0) str = str << 8;
        end
    endfunction

    localparam ASYNC = RESETMODE == "ASYNC";
    localparam WIDE_A = DATA_WIDTH_A == 36;         // port A writes 36 bits, port B only reads
    localparam WIDE_B = DATA_WIDTH_B == 36;         // port B reads 36 bits onto DOA and DOB
    localparam [17:0] MASK_A = WIDE_A ? 18'h3ffff : (18'd1 << DATA_WIDTH_A) - 18'd1;
    localparam [17:0] MASK_B = WIDE_B ? 18'h3ffff : (18'd1 << DATA_WIDTH_B) - 18'd1;
    localparam INITVALS = {
        INITVAL_3F, INITVAL_3E, INITVAL_3D, INITVAL_3C, INITVAL_3B, INITVAL_3A, INITVAL_39, INITVAL_38,
        INITVAL_37, INITVAL_36, INITVAL_35, INITVAL_34, INITVAL_33, INITVAL_32, INITVAL_31, INITVAL_30,
        INITVAL_2F, INITVAL_2E, INITVAL_2D, INITVAL_2C, INITVAL_2B, INITVAL_2A, INITVAL_29, INITVAL_28,
        INITVAL_27, INITVAL_26, INITVAL_25, INITVAL_24, INITVAL_23, INITVAL_22, INITVAL_21, INITVAL_20,
        INITVAL_1F, INITVAL_1E, INITVAL_1D, INITVAL_1C, INITVAL_1B, INITVAL_1A, INITVAL_19, INITVAL_18,
        INITVAL_17, INITVAL_16, INITVAL_15, INITVAL_14, INITVAL_13, INITVAL_12, INITVAL_11, INITVAL_10,
        INITVAL_0F, INITVAL_0E, INITVAL_0D, INITVAL_0C, INITVAL_0B, INITVAL_0A, INITVAL_09, INITVAL_08,
        INITVAL_07, INITVAL_06, INITVAL_05, INITVAL_04, INITVAL_03, INITVAL_02, INITVAL_01, INITVAL_00
    };

    reg [17:0] mem [0:1023];
    integer i;
    reg bad;
    initial begin
        bad = 0;
        if (!(DATA_WIDTH_A == 1 || DATA_WIDTH_A == 2 || DATA_WIDTH_A == 4 || DATA_WIDTH_A == 9 ||
              DATA_WIDTH_A == 18 || DATA_WIDTH_A == 36)) begin
            $display("DP16KD: DATA_WIDTH_A %0d is not 1, 2, 4, 9, 18 or 36", DATA_WIDTH_A); bad = 1;
        end
        if (!(DATA_WIDTH_B == 1 || DATA_WIDTH_B == 2 || DATA_WIDTH_B == 4 || DATA_WIDTH_B == 9 ||
              DATA_WIDTH_B == 18 || DATA_WIDTH_B == 36)) begin
            $display("DP16KD: DATA_WIDTH_B %0d is not 1, 2, 4, 9, 18 or 36", DATA_WIDTH_B); bad = 1;
        end
        if (WIDE_B && !WIDE_A) begin
            $display("DP16KD: DATA_WIDTH_B 36 needs DATA_WIDTH_A 36 (this model has no other mode)"); bad = 1;
        end
        if (REGMODE_A != "NOREG" && REGMODE_A != "OUTREG") begin
            $display("DP16KD: REGMODE_A is not NOREG or OUTREG: %0s", str(REGMODE_A)); bad = 1;
        end
        if (REGMODE_B != "NOREG" && REGMODE_B != "OUTREG") begin
            $display("DP16KD: REGMODE_B is not NOREG or OUTREG: %0s", str(REGMODE_B)); bad = 1;
        end
        if (WIDE_B && REGMODE_A != REGMODE_B) begin
            $display("DP16KD: REGMODE_A differs from REGMODE_B with DATA_WIDTH_B 36 (not modelled)"); bad = 1;
        end
        if (WRITEMODE_A != "NORMAL" && WRITEMODE_A != "WRITETHROUGH" && WRITEMODE_A != "READBEFOREWRITE") begin
            $display("DP16KD: WRITEMODE_A is not NORMAL, WRITETHROUGH or READBEFOREWRITE: %0s", str(WRITEMODE_A)); bad = 1;
        end
        if (WRITEMODE_B != "NORMAL" && WRITEMODE_B != "WRITETHROUGH" && WRITEMODE_B != "READBEFOREWRITE") begin
            $display("DP16KD: WRITEMODE_B is not NORMAL, WRITETHROUGH or READBEFOREWRITE: %0s", str(WRITEMODE_B)); bad = 1;
        end
        if (!(RESETMODE == "SYNC" && ASYNC_RESET_RELEASE == "SYNC") &&
            !(RESETMODE == "ASYNC" && ASYNC_RESET_RELEASE == "ASYNC")) begin
            $display("DP16KD: RESETMODE and ASYNC_RESET_RELEASE are not both SYNC or both ASYNC: %0s, %0s",
                     str(RESETMODE), str(ASYNC_RESET_RELEASE)); bad = 1;
        end
        if (CSDECODE_A[127:40] != 0 || !cs_ok(CSDECODE_A[39:0])) begin
            $display("DP16KD: CSDECODE_A is not 0b and three binary digits: %0s", str(CSDECODE_A)); bad = 1;
        end
        if (CSDECODE_B[127:40] != 0 || !cs_ok(CSDECODE_B[39:0])) begin
            $display("DP16KD: CSDECODE_B is not 0b and three binary digits: %0s", str(CSDECODE_B)); bad = 1;
        end
        if (CLKAMUX != "CLKA" && CLKAMUX != "INV") begin
            $display("DP16KD: CLKAMUX is not CLKA or INV: %0s", str(CLKAMUX)); bad = 1;
        end
        if (CLKBMUX != "CLKB" && CLKBMUX != "INV") begin
            $display("DP16KD: CLKBMUX is not CLKB or INV: %0s", str(CLKBMUX)); bad = 1;
        end
        if (
            DIA17MUX != "DIA17" || DIA16MUX != "DIA16" || DIA15MUX != "DIA15" || DIA14MUX != "DIA14" || DIA13MUX != "DIA13" ||
            DIA12MUX != "DIA12" || DIA11MUX != "DIA11" || DIA10MUX != "DIA10" || DIA9MUX != "DIA9" || DIA8MUX != "DIA8" ||
            DIA7MUX != "DIA7" || DIA6MUX != "DIA6" || DIA5MUX != "DIA5" || DIA4MUX != "DIA4" || DIA3MUX != "DIA3" ||
            DIA2MUX != "DIA2" || DIA1MUX != "DIA1" || DIA0MUX != "DIA0" || ADA13MUX != "ADA13" || ADA12MUX != "ADA12" ||
            ADA11MUX != "ADA11" || ADA10MUX != "ADA10" || ADA9MUX != "ADA9" || ADA8MUX != "ADA8" || ADA7MUX != "ADA7" ||
            ADA6MUX != "ADA6" || ADA5MUX != "ADA5" || ADA4MUX != "ADA4" || ADA3MUX != "ADA3" || ADA2MUX != "ADA2" ||
            ADA1MUX != "ADA1" || ADA0MUX != "ADA0" || CEAMUX != "CEA" || OCEAMUX != "OCEA" || WEAMUX != "WEA" ||
            RSTAMUX != "RSTA" || CSA2MUX != "CSA2" || CSA1MUX != "CSA1" || CSA0MUX != "CSA0" || DOA17MUX != "DOA17" ||
            DOA16MUX != "DOA16" || DOA15MUX != "DOA15" || DOA14MUX != "DOA14" || DOA13MUX != "DOA13" || DOA12MUX != "DOA12" ||
            DOA11MUX != "DOA11" || DOA10MUX != "DOA10" || DOA9MUX != "DOA9" || DOA8MUX != "DOA8" || DOA7MUX != "DOA7" ||
            DOA6MUX != "DOA6" || DOA5MUX != "DOA5" || DOA4MUX != "DOA4" || DOA3MUX != "DOA3" || DOA2MUX != "DOA2" ||
            DOA1MUX != "DOA1" || DOA0MUX != "DOA0" || DIB17MUX != "DIB17" || DIB16MUX != "DIB16" || DIB15MUX != "DIB15" ||
            DIB14MUX != "DIB14" || DIB13MUX != "DIB13" || DIB12MUX != "DIB12" || DIB11MUX != "DIB11" || DIB10MUX != "DIB10" ||
            DIB9MUX != "DIB9" || DIB8MUX != "DIB8" || DIB7MUX != "DIB7" || DIB6MUX != "DIB6" || DIB5MUX != "DIB5" ||
            DIB4MUX != "DIB4" || DIB3MUX != "DIB3" || DIB2MUX != "DIB2" || DIB1MUX != "DIB1" || DIB0MUX != "DIB0" ||
            ADB13MUX != "ADB13" || ADB12MUX != "ADB12" || ADB11MUX != "ADB11" || ADB10MUX != "ADB10" || ADB9MUX != "ADB9" ||
            ADB8MUX != "ADB8" || ADB7MUX != "ADB7" || ADB6MUX != "ADB6" || ADB5MUX != "ADB5" || ADB4MUX != "ADB4" ||
            ADB3MUX != "ADB3" || ADB2MUX != "ADB2" || ADB1MUX != "ADB1" || ADB0MUX != "ADB0" || CEBMUX != "CEB" ||
            OCEBMUX != "OCEB" || WEBMUX != "WEB" || RSTBMUX != "RSTB" || CSB2MUX != "CSB2" || CSB1MUX != "CSB1" ||
            CSB0MUX != "CSB0" || DOB17MUX != "DOB17" || DOB16MUX != "DOB16" || DOB15MUX != "DOB15" || DOB14MUX != "DOB14" ||
            DOB13MUX != "DOB13" || DOB12MUX != "DOB12" || DOB11MUX != "DOB11" || DOB10MUX != "DOB10" || DOB9MUX != "DOB9" ||
            DOB8MUX != "DOB8" || DOB7MUX != "DOB7" || DOB6MUX != "DOB6" || DOB5MUX != "DOB5" || DOB4MUX != "DOB4" ||
            DOB3MUX != "DOB3" || DOB2MUX != "DOB2" || DOB1MUX != "DOB1" || DOB0MUX != "DOB0"
        ) begin
            $display("DP16KD: a pin's *MUX parameter (other than CLKAMUX, CLKBMUX) is not its pin (not modelled)"); bad = 1;
        end
        if (INIT_DATA != "STATIC") begin
            $display("DP16KD: INIT_DATA is not STATIC: %0s", str(INIT_DATA)); bad = 1;
        end
        if ($bits(INITVALS) != 64 * 320) begin
            $display("DP16KD: INITVAL_00..3F are not 320-bit values (%0d bits in all)", $bits(INITVALS)); bad = 1;
        end
        if (bad) $finish;
        for (i = 0; i < 1024; i = i + 1) mem[i] = INITVALS[i*20 +: 18];
    end

    // port enables, clocks and resets
    wire ena = CEA && {CSA2, CSA1, CSA0} == cs_code(CSDECODE_A[39:0]);
    wire enb = CEB && {CSB2, CSB1, CSB0} == cs_code(CSDECODE_B[39:0]);
    wire clka = CLKAMUX == "INV" ? ~CLKA : CLKA;
    wire clkb = CLKBMUX == "INV" ? ~CLKB : CLKB;
    wire arsta = ASYNC && RSTA;
    wire arstb = ASYNC && RSTB;
    wire [4:0] offa = bit_offset(DATA_WIDTH_A, ada);
    wire [4:0] offb = bit_offset(DATA_WIDTH_B, adb);

    // writes (nonblocking, so that a read at the same edge sees the old word)
    generate
        if (WIDE_A) begin : g_wa36
            always @(posedge clka)
                if (ena && WEA) begin
                    if (ada[0]) mem[{ada[13:5], 1'b0}][8:0] <= dia[8:0];
                    if (ada[1]) mem[{ada[13:5], 1'b0}][17:9] <= dia[17:9];
                    if (ada[2]) mem[{ada[13:5], 1'b1}][8:0] <= dib[8:0];
                    if (ada[3]) mem[{ada[13:5], 1'b1}][17:9] <= dib[17:9];
                end
            // port B's data inputs are port A's upper half: B cannot write
            always @(posedge clkb)
                if (enb && WEB) begin
                    $display("DP16KD: WEB high with DATA_WIDTH_A 36 (port B has no write data)");
                    $finish;
                end
        end else if (DATA_WIDTH_A == 18) begin : g_wa18
            always @(posedge clka)
                if (ena && WEA) begin
                    if (ada[0]) mem[ada[13:4]][8:0] <= dia[8:0];
                    if (ada[1]) mem[ada[13:4]][17:9] <= dia[17:9];
                end
        end else begin : g_wa
            always @(posedge clka)
                if (ena && WEA) mem[ada[13:4]][offa +: DATA_WIDTH_A] <= dia[DATA_WIDTH_A-1:0];
        end
        if (WIDE_A) begin : g_nwb
        end else if (DATA_WIDTH_B == 18) begin : g_wb18
            always @(posedge clkb)
                if (enb && WEB) begin
                    if (adb[0]) mem[adb[13:4]][8:0] <= dib[8:0];
                    if (adb[1]) mem[adb[13:4]][17:9] <= dib[17:9];
                end
        end else begin : g_wb
            always @(posedge clkb)
                if (enb && WEB) mem[adb[13:4]][offb +: DATA_WIDTH_B] <= dib[DATA_WIDTH_B-1:0];
        end
    endgenerate

    // reads: the word before the write (old) and as written (new), right-aligned
    wire [17:0] worda = mem[ada[13:4]];
    wire [17:0] wordb = mem[adb[13:4]];
    wire [17:0] olda = worda >> offa & MASK_A;
    wire [17:0] newa = DATA_WIDTH_A == 18 ? {ada[1] ? dia[17:9] : worda[17:9], ada[0] ? dia[8:0] : worda[8:0]}
                                          : dia & MASK_A;
    wire [35:0] oldb = WIDE_B ? {mem[{adb[13:5], 1'b1}], mem[{adb[13:5], 1'b0}]} : {18'd0, wordb >> offb & MASK_B};
    wire [35:0] newb = DATA_WIDTH_B == 18 ? {18'd0, adb[1] ? dib[17:9] : wordb[17:9], adb[0] ? dib[8:0] : wordb[8:0]}
                                          : {18'd0, dib & MASK_B};
    // output latch (NOREG: the output) and output register (OUTREG)
    reg [17:0] lata = 18'd0, rega = 18'd0;
    reg [35:0] latb = 36'd0, regb = 36'd0;
    always @(posedge clka or posedge arsta)
        if (arsta || RSTA) begin
            lata <= 18'd0;
            rega <= 18'd0;
        end else begin
            if (ena && !WIDE_A && !(WEA && WRITEMODE_A == "NORMAL"))
                lata <= WEA && WRITEMODE_A == "WRITETHROUGH" ? newa : olda;
            if (OCEA) rega <= lata;
        end
    always @(posedge clkb or posedge arstb)
        if (arstb || RSTB) begin
            latb <= 36'd0;
            regb <= 36'd0;
        end else begin
            if (enb && !(WEB && WRITEMODE_B == "NORMAL"))
                latb <= WEB && WRITEMODE_B == "WRITETHROUGH" ? newb : oldb;
            if (OCEB) regb <= latb;
        end
    wire [17:0] doa = WIDE_A ? 18'd0 : REGMODE_A == "OUTREG" ? rega : lata;
    wire [35:0] dob = REGMODE_B == "OUTREG" ? regb : latb;
    assign {DOA17, DOA16, DOA15, DOA14, DOA13, DOA12, DOA11, DOA10, DOA9, DOA8, DOA7, DOA6, DOA5, DOA4, DOA3, DOA2, DOA1, DOA0} =
        WIDE_B ? dob[17:0] : doa;
    assign {DOB17, DOB16, DOB15, DOB14, DOB13, DOB12, DOB11, DOB10, DOB9, DOB8, DOB7, DOB6, DOB5, DOB4, DOB3, DOB2, DOB1, DOB0} =
        WIDE_B ? dob[35:18] : dob[17:0];
endmodule
