/* rs_protocol.c - the command-stream and CSR tables (see rs_protocol.h). */
#include "rs_protocol.h"

#include <string.h>

const rs_constant rs_constants[] = {
    { "OP_NOP",        4, 0, "no operation" },
    { "OP_CONFIG",     4, 1, "pass configuration; barrier; clears PE state" },
    { "OP_ROWID",      4, 2, "X-bus controller IDs of one row; barrier" },
    { "OP_PEID",       4, 3, "IDs and chain flags of one PE; barrier" },
    { "OP_DATA",       4, 4, "header of TAGS x COUNT elements that follow packed in payload words" },
    { "OP_EOR",        4, 5, "end of an ifmap row: every enabled PE drops its window" },
    { "OP_END",        4, 6, "end of the work: waits until all results left, then done" },
    { "OP_GLBCFG",     4, 7, "where in the global buffer the psums of the next passes go; barrier (with SYNC also for the STORE in flight)" },
    { "OP_GLBLOAD",    4, 8, "COUNT words that follow go into the global buffer from word ADDR on; barrier" },
    { "OP_STORE",      4, 9, "barrier (also for the STORE before); then TAGS global-buffer regions of WORDS words (one "
                             "GLBADDR word follows) leave through the result port as DW-bit values, packed or "
                             "run-length coded, while the next commands run; passes whose GLBCFG has the STORE's "
                             "ADDR and STRIDE may write those regions (each psum write waits until the STORE has "
                             "read that word), any other write to them must wait for a GLBCFG with SYNC, the next "
                             "STORE or END" },
    { "DT_FILTER",     2, 0, "DATA type: weights into filter spads; beats a PE receives past its pass's NW weights go into its other filter bank, which the next CONFIG switches to (the next pass's filters, sent during this pass)" },
    { "DT_IFMAP",      2, 1, "DATA type: activations into ifmap spads; from the stream (raw or run-length coded, and with KEEP also copied into the global buffer) or from the buffer (SRC_GLB)" },
    { "DT_PSUM",       2, 2, "DATA type: psums (bias or partial sums) into bottom PEs of row 0, always from the global buffer (SRC_GLB)" },
    { "ERR_NONE",      8, 0, "no error" },
    { "ERR_OPCODE",    8, 1, "unknown opcode in the command stream" },
    { "ERR_CONFIG",    8, 2, "CONFIG outside the generated sizes" },
    { "ERR_DATA_TYPE", 8, 3, "unknown DATA type, a psum DATA without SRC_GLB, a filter DATA with it, RLC or KEEP on a payload that is not an ifmap in the stream, or PSUMS on one that is not an ifmap or with no psum command since CONFIG" },
    { "ERR_CMD_SHORT", 8, 4, "the command stream in memory ended before END" },
    { "ERR_GLB_RANGE", 8, 5, "a global-buffer address past its end (read, psum write, KEEP copy or GLBLOAD)" },
    { "ERR_AXI_READ",  8, 6, "the memory answered a read with SLVERR or DECERR" },
    { "ERR_AXI_WRITE", 8, 7, "the memory answered a write with SLVERR or DECERR" },
    { "ERR_RES_OVERFLOW", 8, 8, "more results than RES_CAP words (the extra ones are dropped)" },
    { "ERR_RLC",       8, 9, "a run-length-coded payload is malformed (run past the end, term bit missing or early, padding not zero, level out of range)" },
    { "ID_NONE",     8, 255, "ID that never matches (reset value)" },
    { "FEAT_ZERO_SKIP", 32, 1, "FEATURES bit mask: generated with --zero-skip" },
    { "FEAT_PSUM_BANKS2", 32, 2, "FEATURES bit mask: generated with --psum-banks 2" },
    { "FEAT_PE_LANES1", 32, 4, "FEATURES bit mask: generated with --pe-lanes 1" },
    { "FEAT_PSUM_LANES4", 32, 8, "FEATURES bit mask: generated with --psum-lanes 4" },
};
const int rs_constant_count = (int)(sizeof rs_constants / sizeof rs_constants[0]);

int rs_constant_value(const char *name)
{
    for (int i = 0; i < rs_constant_count; i++)
        if (!strcmp(rs_constants[i].name, name))
            return rs_constants[i].value;
    return 0;
}

const rs_field rs_fields[] = {
    { "CMD",    "OP",       60, 4,  "opcode, in every command word" },
    { "CONFIG", "NE",       0,  8,  "ifmap entries per window: channels per PE x S" },
    { "CONFIG", "NPOP",     8,  8,  "entries released per window: channels per PE x min(U, S)" },
    { "CONFIG", "NF",       16, 8,  "filters per PE (psums per output position)" },
    { "CONFIG", "SHIFT",    24, 6,  "requantization right shift (0..PW)" },
    { "CONFIG", "RELU",     30, 1,  "apply ReLU to requantized outputs" },
    { "CONFIG", "RAW",      31, 1,  "output raw PW-bit psums (no requantization)" },
    { "CONFIG", "PSUM_BUS", 32, 1,  "bottom PEs of row 0 take psums from the psum bus (else zero; other rows' bottoms always zero)" },
    { "CONFIG", "NW",       33, 12, "filter-spad words per PE (NE x NF)" },
    { "CONFIG", "THRESH",   45, 15, "activation threshold T: every activation with abs(x) <= T counts as zero "
                                    "(gated, or skipped with zero-skip); 0: only zeros; below 2^(DW-1)" },
    { "ROWID",  "ROW",      0,  8,  "physical row" },
    { "ROWID",  "FILTER",   8,  8,  "filter-bus row ID" },
    { "ROWID",  "IFMAP",    16, 8,  "ifmap-bus row ID" },
    { "ROWID",  "PSUM",     24, 8,  "psum-bus row ID (only row 0's PEs take psums from the bus)" },
    { "PEID",   "ROW",      0,  8,  "physical row" },
    { "PEID",   "COL",      8,  8,  "physical column" },
    { "PEID",   "FILTER",   16, 8,  "filter-bus column ID" },
    { "PEID",   "IFMAP",    24, 8,  "ifmap-bus column ID" },
    { "PEID",   "PSUM",     32, 8,  "psum-bus column ID" },
    { "PEID",   "ENABLE",   40, 1,  "PE takes part in this pass" },
    { "PEID",   "BOTTOM",   41, 1,  "first PE of a psum chain (psum from bus or zero)" },
    { "PEID",   "TOP",      42, 1,  "last PE of a psum chain (psum to the output network)" },
    { "DATA",   "COUNT",    0,  16, "elements per tag" },
    { "DATA",   "TAGS",     16, 8,  "consecutive column tags from COL, COUNT elements each, each tag starting a new payload word" },
    { "DATA",   "KEEP",     24, 1,  "ifmap payload from the stream also goes into the global buffer: one GLBADDR word "
                                    "follows the header, before the payload, and every payload word (run-length coded "
                                    "ones as expanded) is written from its ADDR on, one after the other, so later "
                                    "passes read it back with SRC_GLB instead of over the DRAM link" },
    { "DATA",   "PSUMS",    25, 1,  "ifmap DATA: after its payload, the pass's last psum command again with its ADDR "
                                    "advanced by that command's STEP (a window's psums follow its ifmap columns); "
                                    "needs a psum command since the last CONFIG" },
    { "DATA",   "COL",      40, 8,  "column tag" },
    { "DATA",   "ROW",      48, 8,  "row tag" },
    { "DATA",   "TYPE",     56, 2,  "DT_FILTER, DT_IFMAP or DT_PSUM" },
    { "DATA",   "SRC_GLB",  58, 1,  "payload read from the global buffer: one GLBADDR word follows instead of the payload, tag k's words at ADDR + k*STRIDE; psums always (the psum bus's own reader takes them while the next commands run), ifmaps a KEEP put there (the decoder reads them onto the ifmap bus)" },
    { "DATA",   "RLC",      59, 1,  "ifmap payload run-length coded (docs/rlc.md): the RLC words of all TAGS x COUNT elements in tag order follow, the last with the term bit" },
    { "GLBADDR", "ADDR",    0,  24, "global-buffer word of tag 0's first payload word" },
    { "GLBADDR", "STRIDE",  24, 24, "words from one tag's payload to the next's" },
    { "GLBADDR", "STEP",    48, 16, "psum command: words each PSUMS repeat adds to ADDR (0: the same words again)" },
    { "GLBCFG", "BASE",     0,  24, "global-buffer word where column 0's psums start" },
    { "GLBCFG", "STRIDE",   24, 24, "words between two columns' psum regions" },
    { "GLBCFG", "SYNC",     48, 1,  "also wait until the STORE in flight has sent its values" },
    { "GLBLOAD", "ADDR",    0,  24, "global-buffer word the first payload word goes to" },
    { "GLBLOAD", "COUNT",   24, 24, "payload words that follow" },
    { "STORE",  "WORDS",    0,  24, "global-buffer words per region (two 32-bit slots each, low slot first)" },
    { "STORE",  "TAGS",     24, 8,  "regions, read word-major (word w of every region, then word w+1); region k starts at "
                                    "ADDR + k*STRIDE of the GLBADDR word" },
    { "STORE",  "RLC",      32, 1,  "run-length code the TAGS x WORDS x 2 values as one stream (docs/rlc.md), else pack "
                                    "64/DW per word (the last word zero-padded)" },
};
const int rs_field_count = (int)(sizeof rs_fields / sizeof rs_fields[0]);

const rs_csr rs_csrs[] = {
    { "MAGIC",        0x000, RS_CSR_RO, "32'h52534559", "reads \"RSEY\"" },
    { "VERSION",      0x004, RS_CSR_RO, "VERSION",      "generator version: major<<16 | minor<<8 | patch" },
    { "CONFIG_HASH",  0x008, RS_CSR_RO, "CONFIG_HASH",  "hash of the generator configuration" },
    { "GEOMETRY",     0x00c, RS_CSR_RO, "GEOMETRY",     "rows | cols<<8 | dw<<16 | pw<<24" },
    { "SPADS",        0x010, RS_CSR_RO, "SPADS",        "ifmap spad | filter spad<<8 (12 bits) | psum spad<<20" },
    { "GLB_BYTES",    0x014, RS_CSR_RO, "GLB_BYTES",    "global buffer bytes" },
    { "FEATURES",     0x018, RS_CSR_RO, "FEATURES",     "FEAT_* bits: FEAT_ZERO_SKIP (generated with --zero-skip: zero activations cost no MAC slot), FEAT_PSUM_BANKS2 (--psum-banks 2), FEAT_PE_LANES1 (--pe-lanes 1: a PE takes one element a cycle from the filter and ifmap buses), FEAT_PSUM_LANES4 (--psum-lanes 4: the psum bus and the output network move four psums a cycle)" },
    { "CTRL",         0x020, RS_CSR_WO, "",             "bit 0: START (resets the core, clears counters, runs the command stream); bit 1: MEM (with START: read commands from memory at CMD_ADDR, write results to RES_ADDR; else the stream ports)" },
    { "STATUS",       0x024, RS_CSR_RO, "{16'd0, error, 6'd0, done, busy}", "bit 0 BUSY, bit 1 DONE, bits 15:8 error code (ERR_*)" },
    { "ACTIVE_PES",   0x028, RS_CSR_RO, "{16'd0, active_pes}", "PEs enabled in the last pass" },
    { "CYCLES_LO",    0x040, RS_CSR_RO, "cnt_cycles[31:0]",     "cycles from start to done" },
    { "CYCLES_HI",    0x044, RS_CSR_RO, "cnt_cycles[63:32]",    "" },
    { "MACS_LO",      0x048, RS_CSR_RO, "cnt_macs[31:0]",       "MACs issued (non-zero activation)" },
    { "MACS_HI",      0x04c, RS_CSR_RO, "cnt_macs[63:32]",      "" },
    { "GATED_LO",     0x050, RS_CSR_RO, "cnt_gated[31:0]",      "MACs gated (zero activation, or abs(x) <= THRESH: no filter-spad read, no multiply)" },
    { "GATED_HI",     0x054, RS_CSR_RO, "cnt_gated[63:32]",     "" },
    { "PE_CYCLES_LO", 0x058, RS_CSR_RO, "cnt_pe_cycles[31:0]",  "sum over cycles of enabled PEs" },
    { "PE_CYCLES_HI", 0x05c, RS_CSR_RO, "cnt_pe_cycles[63:32]", "" },
    { "CMD_WORDS_LO", 0x060, RS_CSR_RO, "cnt_cmd_words[31:0]",  "command-stream words consumed" },
    { "CMD_WORDS_HI", 0x064, RS_CSR_RO, "cnt_cmd_words[63:32]", "" },
    { "RES_WORDS_LO", 0x068, RS_CSR_RO, "cnt_res_words[31:0]",  "psums out of the array (into the global buffer)" },
    { "RES_WORDS_HI", 0x06c, RS_CSR_RO, "cnt_res_words[63:32]", "" },
    { "DRAM_RD_LO",   0x070, RS_CSR_RO, "cnt_dram_rd[31:0]",    "bytes read from memory (AXI R beats x 8)" },
    { "DRAM_RD_HI",   0x074, RS_CSR_RO, "cnt_dram_rd[63:32]",   "" },
    { "DRAM_WR_LO",   0x078, RS_CSR_RO, "cnt_dram_wr[31:0]",    "bytes written to memory (AXI W beats x 8)" },
    { "DRAM_WR_HI",   0x07c, RS_CSR_RO, "cnt_dram_wr[63:32]",   "" },
    { "GLB_RD_LO",    0x080, RS_CSR_RO, "cnt_glb_rd[31:0]",     "global-buffer words read (64 bits)" },
    { "GLB_RD_HI",    0x084, RS_CSR_RO, "cnt_glb_rd[63:32]",    "" },
    { "GLB_WR_LO",    0x088, RS_CSR_RO, "cnt_glb_wr[31:0]",     "global-buffer slots written (32 bits)" },
    { "GLB_WR_HI",    0x08c, RS_CSR_RO, "cnt_glb_wr[63:32]",    "" },
    { "NOC_FLT_LO",   0x090, RS_CSR_RO, "cnt_noc_flt[31:0]",    "filter-network transfers (64-bit beats)" },
    { "NOC_FLT_HI",   0x094, RS_CSR_RO, "cnt_noc_flt[63:32]",   "" },
    { "NOC_IFM_LO",   0x098, RS_CSR_RO, "cnt_noc_ifm[31:0]",    "ifmap-network transfers (64-bit beats)" },
    { "NOC_IFM_HI",   0x09c, RS_CSR_RO, "cnt_noc_ifm[63:32]",   "" },
    { "NOC_PSM_LO",   0x0a0, RS_CSR_RO, "cnt_noc_psm[31:0]",    "psum-network transfers (64-bit beats)" },
    { "NOC_PSM_HI",   0x0a4, RS_CSR_RO, "cnt_noc_psm[63:32]",   "" },
    { "STALLS_LO",    0x0a8, RS_CSR_RO, "cnt_stalls[31:0]",     "cycles the decoder waited for a command word" },
    { "STALLS_HI",    0x0ac, RS_CSR_RO, "cnt_stalls[63:32]",    "" },
    { "FLT_SKIP_LO",  0x0b0, RS_CSR_RO, "cnt_flt_skip[31:0]",   "filter-spad reads skipped: one per gated or zero-skipped MAC slot" },
    { "FLT_SKIP_HI",  0x0b4, RS_CSR_RO, "cnt_flt_skip[63:32]",  "" },
    { "ZSKIP_LO",     0x0b8, RS_CSR_RO, "cnt_zskip[31:0]",      "MAC slots skipped by zero-skip (PE cycles saved; 0 without --zero-skip)" },
    { "ZSKIP_HI",     0x0bc, RS_CSR_RO, "cnt_zskip[63:32]",     "" },
    { "OP_LOADS_LO",  0x0c0, RS_CSR_RO, "cnt_op_loads[31:0]",   "multiplier operand-register loads performed (activation and weight latched)" },
    { "OP_LOADS_HI",  0x0c4, RS_CSR_RO, "cnt_op_loads[63:32]",  "" },
    { "PSUM_WR_LO",   0x0c8, RS_CSR_RO, "cnt_psum_wr[31:0]",    "psum-spad writes performed (accumulations and first-entry overwrites)" },
    { "PSUM_WR_HI",   0x0cc, RS_CSR_RO, "cnt_psum_wr[63:32]",   "" },
    { "CMD_ADDR",     0x100, RS_CSR_RW, "cmd_addr",  "byte address of the command stream in memory (8-byte aligned)" },
    { "CMD_LEN",      0x104, RS_CSR_RW, "cmd_len",   "command-stream length in 64-bit words" },
    { "RES_ADDR",     0x108, RS_CSR_RW, "res_addr",  "byte address where results are written (8-byte aligned)" },
    { "RES_CAP",      0x10c, RS_CSR_RW, "res_cap",   "result words the buffer at RES_ADDR holds" },
};
const int rs_csr_count = (int)(sizeof rs_csrs / sizeof rs_csrs[0]);
