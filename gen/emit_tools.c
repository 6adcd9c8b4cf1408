/* emit_tools.c - files for other tools: a FuseSoC core of the generated RTL
 * and a GTKWave save file with the main signals grouped. */
#include <inttypes.h>

#include "rs_emit.h"

/* FuseSoC CAPI2 core: the generated files with rs_top as the top, a default
 * target and a Verilator lint target. The name carries the config hash, so
 * several configurations can sit in one FuseSoC library. */
void rs_emit_fusesoc_core(rs_buf *b, const rs_config *cfg)
{
    rs_buf_printf(b, "CAPI=2:\n");
    rs_emit_banner(b, "#", cfg);
    rs_buf_printf(b, "name: rsgen:accel:rs_top_%dx%d_%08" PRIx32 ":%s\n"
                     "description: Row-stationary accelerator, %dx%d PEs, dw=%d pw=%d%s\n\n"
                     "filesets:\n  rtl:\n    file_type: verilogSource\n    files:\n"
                     "      - rs_defs.vh: {is_include_file: true}\n",
                  cfg->rows, cfg->cols, rs_config_hash(cfg), RS_GEN_VERSION, cfg->rows, cfg->cols, cfg->dw, cfg->pw,
                  cfg->zero_skip ? ", zero-skip" : "");
    for (int i = 0; i < rs_leaf_module_count; i++)
        rs_buf_printf(b, "      - %s\n", rs_leaf_modules[i]);
    rs_buf_printf(b, "      - rs_csr.v\n      - rs_top.v\n\n"
                     "targets:\n  default:\n    filesets: [rtl]\n    toplevel: rs_top\n"
                     "  lint:\n    default_tool: verilator\n    filesets: [rtl]\n    toplevel: rs_top\n"
                     "    tools:\n      verilator:\n        mode: lint-only\n        verilator_options: [-Wall]\n");
}

typedef struct {
    const char *name;       /* signal path below rs_top */
    int msb;                /* -1: one bit */
} gtkw_signal;

static void gtkw_group(rs_buf *b, const char *title, const char *scope, const gtkw_signal *sigs, int n)
{
    rs_buf_printf(b, "@800200\n-%s\n", title);
    for (int i = 0; i < n; i++) {
        rs_buf_printf(b, "%s\n", sigs[i].msb < 0 ? "@28" : "@22");
        if (sigs[i].msb < 0)
            rs_buf_printf(b, "rs_top.rs_top.%s%s\n", scope, sigs[i].name);
        else
            rs_buf_printf(b, "rs_top.rs_top.%s%s[%d:0]\n", scope, sigs[i].name, sigs[i].msb);
    }
    rs_buf_printf(b, "@1000200\n-%s\n", title);
}

/* The save file names signals as Verilator's FST dump does (rs_top.rs_top...). */
void rs_emit_gtkw(rs_buf *b, const rs_config *cfg)
{
    static const gtkw_signal csr[] = {
        { "s_axil_awvalid", -1 }, { "s_axil_awaddr", 11 }, { "s_axil_wvalid", -1 }, { "s_axil_wdata", 31 },
        { "s_axil_arvalid", -1 }, { "s_axil_araddr", 11 }, { "s_axil_rvalid", -1 }, { "s_axil_rdata", 31 },
    };
    static const gtkw_signal cmd[] = {
        { "busy", -1 }, { "done", -1 }, { "s_cmd_valid", -1 }, { "s_cmd_ready", -1 }, { "s_cmd_data", 63 },
    };
    static const gtkw_signal axi[] = {
        { "m_axi_arvalid", -1 }, { "m_axi_arready", -1 }, { "m_axi_araddr", 31 }, { "m_axi_arlen", 7 },
        { "m_axi_rvalid", -1 },  { "m_axi_rready", -1 },  { "m_axi_rlast", -1 },  { "m_axi_awvalid", -1 },
        { "m_axi_awready", -1 }, { "m_axi_awaddr", 31 },  { "m_axi_wvalid", -1 }, { "m_axi_wready", -1 },
    };
    gtkw_signal glb[] = {
        { "glb_rd_en", -1 }, { "glb_rd_addr", 0 }, { "glb_wr_en", -1 }, { "glb_wr_addr", 0 },
    };
    static const gtkw_signal pe[] = {
        { "enabled", -1 },   { "flt_valid", -1 }, { "flt_ready", -1 }, { "ifm_valid", -1 },
        { "ifm_ready", -1 }, { "psm_valid", -1 }, { "up_valid", -1 },  { "up_ready", -1 },
        { "mac_issued", -1 },
    };
    glb[1].msb = glb[3].msb = rs_glb_addr_bits(cfg) - 1;
    rs_emit_banner(b, "[*]", cfg);
    rs_buf_printf(b, "[*] Open with: gtkwave run.fst rs_top.gtkw (rsrun --fst run.fst writes the dump)\n"
                     "[timestart] 0\n@28\nrs_top.rs_top.clk\nrs_top.rs_top.rst_n\n");
    gtkw_group(b, "CSR (AXI4-Lite)", "", csr, (int)(sizeof csr / sizeof csr[0]));
    gtkw_group(b, "command stream", "u_core.", cmd, (int)(sizeof cmd / sizeof cmd[0]));
    gtkw_group(b, "AXI4 memory master", "", axi, (int)(sizeof axi / sizeof axi[0]));
    /* the core's buffer ports: the buffer itself sits in a generate block (rs_glb or rs_glb_wide) */
    gtkw_group(b, "global buffer", "u_core.", glb, (int)(sizeof glb / sizeof glb[0]));
    gtkw_group(b, "PE (0,0)", "u_core.u_array.g_row[0].g_col[0].u_pe.", pe, (int)(sizeof pe / sizeof pe[0]));
}
