/* rs_config.c - option table, defaults (Eyeriss v1), validation, hash. */
#include "rs_config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define OPT(n, h, lo, hi, d, f) { n, h, lo, hi, d, offsetof(rs_config, f), 0 }
#define FLAG(n, h, f) { n, h, 0, 1, 0, offsetof(rs_config, f), 1 }

const rs_config_option rs_config_options[] = {
    OPT("rows",        "PE array rows",                                        1, 32,   12,  rows),
    OPT("cols",        "PE array columns",                                     1, 32,   14,  cols),
    OPT("dw",          "activation and weight width in bits (8 or 16)",        8, 16,   16,  dw),
    OPT("pw",          "psum (accumulator) width in bits",                     16, 32,  32,  pw),
    OPT("ifmap-spad",  "ifmap scratchpad entries per PE",                      1, 64,   12,  ifmap_spad),
    OPT("filter-spad", "filter scratchpad entries per PE",                     1, 4095, 224, filter_spad),
    OPT("psum-spad",   "psum scratchpad entries per PE (per bank)",            1, 64,   24,  psum_spad),
    OPT("psum-banks",  "psum scratchpad banks per PE: with 2 a PE computes the next window while the last one waits to ship", 1, 2, 2, psum_banks),
    OPT("glb-kb",      "global buffer size in KiB (a multiple of --glb-bank-kb)", 1, 4096, 108, glb_kb),
    OPT("glb-bank-kb", "global buffer bank size in KiB (a power of two)",      1, 64,   4,   glb_bank_kb),
    FLAG("zero-skip",  "a zero activation costs no MAC cycle: skipped, not gated", zero_skip),
    OPT("cmd-fifo",    "command prefetch FIFO in 64-bit words (a power of two)", 16, 4096, 1024, cmd_fifo),
    OPT("pe-lanes",    "elements a PE takes a cycle from the filter and ifmap buses: 64/dw\n"
                       "(a whole beat) or 1 (one a cycle: less area, slower loads); 0: 64/dw", 0, 8, 0, pe_lanes),
    OPT("psum-lanes",  "psums the psum bus and the output network move a cycle: 2 (one buffer word)\n"
                       "or 4 (two words: the buffer in two halves, more area, faster zero-skip)", 2, 4, 2, psum_lanes),
};
const int rs_config_option_count = (int)(sizeof rs_config_options / sizeof rs_config_options[0]);

int *rs_config_field(rs_config *cfg, const rs_config_option *opt)
{
    return (int *)((char *)cfg + opt->offset);
}

int rs_config_get(const rs_config *cfg, const rs_config_option *opt)
{
    return *(const int *)((const char *)cfg + opt->offset);
}

void rs_config_defaults(rs_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    for (int i = 0; i < rs_config_option_count; i++)
        *rs_config_field(cfg, &rs_config_options[i]) = rs_config_options[i].def;
}

void rs_config_resolve(rs_config *cfg)
{
    if (cfg->pe_lanes == 0)
        cfg->pe_lanes = 64 / cfg->dw;
}

int rs_config_check(const rs_config *cfg, rs_error *err)
{
    for (int i = 0; i < rs_config_option_count; i++) {
        const rs_config_option *o = &rs_config_options[i];
        int v = rs_config_get(cfg, o);
        if (v < o->min || v > o->max)
            return rs_error_set(err, "--%s: %d is out of range %d..%d", o->name, v, o->min, o->max);
    }
    if (cfg->dw != 8 && cfg->dw != 16)
        return rs_error_set(err, "--dw: %d is not allowed (8 or 16)", cfg->dw);
    if (cfg->glb_bank_kb & (cfg->glb_bank_kb - 1))
        return rs_error_set(err, "--glb-bank-kb: %d is not a power of two", cfg->glb_bank_kb);
    if (cfg->cmd_fifo & (cfg->cmd_fifo - 1))
        return rs_error_set(err, "--cmd-fifo: %d is not a power of two", cfg->cmd_fifo);
    if (cfg->glb_kb % cfg->glb_bank_kb)
        return rs_error_set(err, "--glb-kb: %d is not a multiple of --glb-bank-kb %d", cfg->glb_kb,
                            cfg->glb_bank_kb);
    if (cfg->pe_lanes != 0 && cfg->pe_lanes != 1 && cfg->pe_lanes != 64 / cfg->dw)
        return rs_error_set(err, "--pe-lanes: %d is not allowed (1 or 64/dw = %d)", cfg->pe_lanes, 64 / cfg->dw);
    if (cfg->psum_lanes != 2 && cfg->psum_lanes != 4)
        return rs_error_set(err, "--psum-lanes: %d is not allowed (2 or 4)", cfg->psum_lanes);
    return 0;
}

void rs_config_canonical(const rs_config *cfg, char *buf, size_t len)
{
    size_t used = (size_t)snprintf(buf, len, "%s", RS_GEN_NAME);
    for (int i = 0; i < rs_config_option_count && used < len; i++) {
        const rs_config_option *o = &rs_config_options[i];
        /* pe-lanes and psum-lanes at their defaults are left out: the
         * configurations made before the options keep their hashes */
        if (o->offset == offsetof(rs_config, pe_lanes) && (cfg->pe_lanes == 0 || cfg->pe_lanes == 64 / cfg->dw))
            continue;
        if (o->offset == offsetof(rs_config, psum_lanes) && cfg->psum_lanes == 2)
            continue;
        used += (size_t)snprintf(buf + used, len - used, ",%s=%d", o->name, rs_config_get(cfg, o));
    }
}

uint32_t rs_config_hash(const rs_config *cfg)
{
    char text[512];
    rs_config_canonical(cfg, text, sizeof text);
    uint32_t h = 2166136261u;           /* FNV-1a */
    for (const char *p = text; *p; p++) {
        h ^= (uint8_t)*p;
        h *= 16777619u;
    }
    return h;
}
