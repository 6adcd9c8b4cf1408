/* rs_board.c - the boards rsgen knows and what a configuration needs of them. */
#include "rs_board.h"

#include <stdlib.h>
#include <string.h>

/* Presets: arrays the part holds, measured with make fpga (figures in
 * fpga/README.md, "What fits"). */
const rs_board rs_boards[] = {
    { "ulx3s-85f", "LFE5U-85F", "ecp5", "85k", "CABGA381", "ecp5/ulx3s.lpf", 25000000, 100, 0, 1,
      83640, 156, 208, 18, 0, 64, "rows=6,cols=7,pe-lanes=1,psum-banks=1" },
    { "ulx3s-25f", "LFE5U-25F", "ecp5", "25k", "CABGA381", "ecp5/ulx3s.lpf", 25000000, 100, 0, 1,
      24288, 28, 56, 18, 0, 16, "rows=3,cols=3,glb-kb=16,pe-lanes=1,psum-banks=1" },
    { "icebreaker", "iCE40UP5K", "ice40", "up5k", "sg48", "ice40/icebreaker.pcf", 12000000, 12, 1, 1,
      5280, 8, 30, 4, 4, 4, "rows=2,cols=2,dw=8,pw=16,ifmap-spad=12,filter-spad=64,psum-spad=8,glb-kb=4,glb-bank-kb=4,cmd-fifo=64,pe-lanes=1" },
};
const int rs_board_count = (int)(sizeof rs_boards / sizeof rs_boards[0]);

void rs_board_names(char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < rs_board_count && used < len; i++)
        used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? ", " : "", rs_boards[i].name);
}

const rs_board *rs_board_find(const char *name, rs_error *err)
{
    for (int i = 0; i < rs_board_count; i++)
        if (!strcmp(rs_boards[i].name, name))
            return &rs_boards[i];
    char names[256];
    rs_board_names(names, sizeof names);
    rs_error_set(err, "--board: '%s' is not a board rsgen knows (%s)", name, names);
    return NULL;
}

int rs_board_apply(const rs_board *b, rs_config *cfg, const unsigned char *given, rs_error *err)
{
    char preset[256];
    snprintf(preset, sizeof preset, "%s", b->preset);
    for (char *save, *kv = strtok_r(preset, ",", &save); kv; kv = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(kv, '=');
        int i = 0;
        if (eq)
            *eq = '\0';
        while (i < rs_config_option_count && strcmp(rs_config_options[i].name, kv))
            i++;
        if (!eq || i == rs_config_option_count)
            return rs_error_set(err, "board %s: preset '%s' names no option", b->name, kv);
        if (!given[i])
            *rs_config_field(cfg, &rs_config_options[i]) = atoi(eq + 1);
    }
    return 0;
}

static int ceil_div(long a, long b) { return (int)((a + b - 1) / b); }

static int is_ecp5(const rs_board *b) { return !strcmp(b->arch, "ecp5"); }

/* Block RAMs of a memory of that many words 64 bits wide: ECP5's DP16KD is
 * 512 x 36 at most, so two side by side per 512 words; iCE40's SB_RAM40_4K
 * is 256 x 16, four per 256 words. */
static int brams_64(const rs_board *b, long words)
{
    return is_ecp5(b) ? 2 * ceil_div(words, 512) : 4 * ceil_div(words, 256);
}

/* Block RAMs of one PE's filter spad: a whole bus beat (64/DW weights) a
 * word, filter_spad/(64/DW) words deep; with --pe-lanes 1 one weight a word,
 * its two banks filter_spad words each. */
static int filter_brams(const rs_board *b, const rs_config *cfg)
{
    int one = cfg->pe_lanes == 1, lanes = 64 / cfg->dw;
    int width = one ? cfg->dw : 64, depth = one ? 2 * cfg->filter_spad : (cfg->filter_spad + lanes - 1) / lanes;
    if (is_ecp5(b))
        return ceil_div(width, 36) * ceil_div(depth, 512);
    return ceil_div(width, 16) * ceil_div(depth, 256);
}

/* The global buffer's banks are RAMs with a read and a write port: block
 * RAM, also on iCE40 UP, whose SPRAMs have one port. With four psum lanes
 * the buffer is two halves of whole banks (rs_glb_wide): an odd count
 * rounds up. */
static int glb_brams(const rs_board *b, const rs_config *cfg)
{
    int banks = cfg->glb_kb / cfg->glb_bank_kb;
    if (cfg->psum_lanes == 4)
        banks += banks % 2;
    return banks * brams_64(b, (long)cfg->glb_bank_kb * 1024 / 8);
}

/* The rest in block RAM: the command prefetch FIFO (cmd_fifo words); on
 * iCE40, where small memories have no LUT RAM to go to, also the result
 * FIFO (32 words) and the UART bridge's byte FIFO. */
static int fifo_brams(const rs_board *b, const rs_config *cfg)
{
    return brams_64(b, cfg->cmd_fifo) + (is_ecp5(b) ? 0 : brams_64(b, 32) + 1);
}

/* Hard multipliers Yosys makes of an a x b bit product that y bits of are
 * used (techmap mul2dsp, as synth_ice40 -dsp and synth_ecp5 call it): none
 * if an operand is under 2 bits or, on iCE40, the product under 11; one if
 * both fit the block (16x16 SB_MAC16, 18x18 MULT18X18D); else the wider
 * operand cut into blocks' widths and a rest, each slice counted the same. */
static int mul_blocks(const rs_board *b, int a, int bw, int y)
{
    int max = is_ecp5(b) ? 18 : 16, min_y = is_ecp5(b) ? 0 : 11;
    if (a < bw)
        return mul_blocks(b, bw, a, y);
    if (bw < 2 || y < min_y)
        return 0;
    if (a <= max)
        return 1;
    int n = (a - 1) / max, rest = a - n * max;
    return n * mul_blocks(b, max, bw, y < bw + max ? y : bw + max) + mul_blocks(b, rest, bw, bw + rest);
}

static int clog2(long v)
{
    int n = 0;
    while ((1L << n) < v)
        n++;
    return n;
}

/* Index bits of n things, as the RTL declares them: at least one. */
static int index_bits(long n) { return n > 1 ? clog2(n) : 1; }

/* Bits of a constant factor once Yosys has shifted its trailing zeros out. */
static int odd_bits(int v)
{
    while (v > 1 && !(v & 1))
        v >>= 1;
    return clog2(v + 1L);
}

/* One PE's multipliers: the MAC (dw x dw); with --zero-skip also the filter
 * address of the entry it skips to, e * nf (rs_pe.v: the entry index times
 * the 8-bit nf, as wide as the filter-spad address). */
static int pe_mults(const rs_board *b, const rs_config *cfg)
{
    int macs = mul_blocks(b, cfg->dw, cfg->dw, 2 * cfg->dw);
    if (!cfg->zero_skip)
        return macs;
    int lanes = 64 / cfg->dw;
    int fw = cfg->pe_lanes == 1 ? index_bits(cfg->filter_spad)
                                : index_bits((cfg->filter_spad + lanes - 1) / lanes) + clog2(lanes);
    return macs + mul_blocks(b, index_bits(cfg->ifmap_spad), 8, fw);
}

/* The multipliers outside the PEs (counted against Yosys 0.23 and 0.70):
 * - the decoder checks a CONFIG's ne x nf (8 x 8 bits) and sizes a STORE,
 *   words x tags (24 x 8: two blocks);
 * - the psum store places a column's psums at column x stride (column index
 *   x 24 bits; none with one column, whose index is 0);
 * - the output arbiter selects a column's beat at grant x beat width: Yosys
 *   0.23 turns an even width into a multiplier by its odd part (0.70, and
 *   0.23 with an odd width, shift instead; a case over the columns would
 *   need no multiplier);
 * - with --zero-skip the count of skipped MAC slots, entries x nf (24 x 8:
 *   Yosys 0.70 keeps the 24 bits, 0.23 narrows some arrays' to one block). */
static int shared_mults(const rs_board *b, const rs_config *cfg)
{
    int cw = cfg->cols > 1 ? clog2(cfg->cols) : 0;
    int beat = index_bits(cfg->rows) + 2 * cfg->pw + 1, odd = odd_bits(beat);
    int n = mul_blocks(b, 8, 8, 16) + mul_blocks(b, 24, 8, 24) + mul_blocks(b, cw, 24, cw + 24);
    if (beat % 2 == 0)
        n += mul_blocks(b, cw, odd, cw + odd);
    return n + (cfg->zero_skip ? mul_blocks(b, 24, 8, 32) : 0);
}

static int mults_needed(const rs_board *b, const rs_config *cfg)
{
    return cfg->rows * cfg->cols * pe_mults(b, cfg) + shared_mults(b, cfg);
}

int rs_board_check(const rs_board *b, const rs_config *cfg, rs_error *err)
{
    int pes = cfg->rows * cfg->cols, per_pe = pe_mults(b, cfg), shared = shared_mults(b, cfg);
    if (mults_needed(b, cfg) > b->mults) {
        int most = b->mults > shared ? (b->mults - shared) / per_pe : 0;
        return rs_error_set(err, "--board %s: %dx%d PEs need %d multipliers (%d in the PEs, %d each, and %d in "
                            "the shared parts), the %s has %d: %d PEs at most beside those shared parts", b->name,
                            cfg->rows, cfg->cols, pes * per_pe + shared, pes * per_pe, per_pe, shared, b->part,
                            b->mults, most);
    }
    int mem = brams_64(b, (long)b->mem_kb * 1024 / 8) + pes * filter_brams(b, cfg) + fifo_brams(b, cfg);
    int glb = glb_brams(b, cfg);
    if (glb + mem > b->brams)
        return rs_error_set(err, "--board %s: a %d KiB global buffer in %d KiB banks needs %d block RAMs, the "
                            "filter spads, FIFOs and the board's %d KiB memory %d more, the %s has %d", b->name,
                            cfg->glb_kb, cfg->glb_bank_kb, glb, b->mem_kb, mem, b->part, b->brams);
    return 0;
}

void rs_emit_board_env(rs_buf *out, const rs_board *b, const rs_config *cfg)
{
    rs_buf_printf(out, "# board.env: the FPGA board of this configuration, read by fpga/rs_fpga_flow.sh\n");
    rs_buf_printf(out, "BOARD='%s'\nPART='%s'\nARCH='%s'\nDEVICE='%s'\nPACKAGE='%s'\nCONSTRAINTS='%s'\n",
                  b->name, b->part, b->arch, b->device, b->package, b->constraints);
    rs_buf_printf(out, "CLOCK_HZ='%d'\nTARGET_MHZ='%d'\nLED_ACTIVE_LOW='%d'\nBTN_ACTIVE_LOW='%d'\n", b->clock_hz,
                  b->target_mhz, b->led_active_low, b->btn_active_low);
    rs_buf_printf(out, "LUTS='%d'\nMULTS='%d'\nBRAMS='%d'\nSPRAMS='%d'\nPES='%d'\n", b->luts, b->mults, b->brams,
                  b->sprams, cfg->rows * cfg->cols);
    rs_buf_printf(out, "MEM_BYTES='%d'\n", b->mem_kb * 1024);
    rs_buf_printf(out, "MULTS_NEEDED='%d'\n", mults_needed(b, cfg));
}
