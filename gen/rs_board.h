/* rs_board.h - the FPGA boards rsgen knows: the part, its resources, the
 * clock, and the array sizes that fit it (fpga/README.md). */
#ifndef RS_BOARD_H
#define RS_BOARD_H

#include "rs_buf.h"
#include "rs_config.h"
#include "rs_error.h"

typedef struct {
    const char *name;        /* --board and make fpga BOARD= */
    const char *part;        /* for people: "LFE5U-85F" */
    const char *arch;        /* "ecp5" or "ice40": which flow of fpga/ runs */
    const char *device;      /* nextpnr's device option without "--": "85k", "up5k" */
    const char *package;     /* nextpnr's --package */
    const char *constraints; /* pin file under fpga/ */
    int clock_hz;            /* the board's oscillator */
    int target_mhz;          /* the clock the flow asks place and route for */
    int led_active_low, btn_active_low;
    int luts;                /* LUT4 (logic cells on iCE40) */
    int mults;               /* hard multipliers (MULT18X18D, SB_MAC16) */
    int brams;               /* block RAMs (DP16KD, SB_RAM40_4K) */
    int bram_kbit;           /* data bits of one block RAM, in Kibit */
    int sprams;              /* 256 Kibit single-port RAMs (iCE40 UP) */
    int mem_kb;              /* the board top's memory behind the chip (rs_axi_ram), KiB */
    const char *preset;      /* rsgen options that fit: "rows=10,cols=12,..." */
} rs_board;

extern const rs_board rs_boards[];
extern const int rs_board_count;

/* The board of that name, or NULL with a message listing the names. */
const rs_board *rs_board_find(const char *name, rs_error *err);
/* "ulx3s-85f, ulx3s-25f, icebreaker" */
void rs_board_names(char *buf, size_t len);
/* Set the preset's fields that given[] (indexed like rs_config_options)
 * does not mark as given on the command line. */
int rs_board_apply(const rs_board *b, rs_config *cfg, const unsigned char *given, rs_error *err);
/* The hard resources a configuration needs (the multipliers of its PEs and
 * shared parts, the block RAM) against the part's; an error says by how much. */
int rs_board_check(const rs_board *b, const rs_config *cfg, rs_error *err);
/* board.env: KEY='value' lines the FPGA flow (fpga/rs_fpga_flow.sh) and
 * its report read. */
void rs_emit_board_env(rs_buf *out, const rs_board *b, const rs_config *cfg);

#endif
