/* rs_manifest.c - the generator writes the manifest in a fixed layout, so a
 * key search is enough here; no general JSON parser needed. */
#include "rs_manifest.h"
#include "rs_protocol.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* GEN_DIR/manifest.json into text (NUL-terminated); its path into path */
static int read_manifest(const char *gen_dir, char *path, size_t path_len, char *text, size_t text_len,
                         rs_error *err)
{
    snprintf(path, path_len, "%s/manifest.json", gen_dir);
    FILE *f = fopen(path, "rb");
    if (!f)
        return rs_error_set(err, "%s: cannot open (is %s an rsgen output directory?)", path, gen_dir);
    size_t n = fread(text, 1, text_len - 1, f);
    fclose(f);
    text[n] = '\0';
    return 0;
}

int rs_manifest_hash(const char *gen_dir, uint32_t *hash, rs_error *err)
{
    char path[PATH_MAX], text[8192];
    if (read_manifest(gen_dir, path, sizeof path, text, sizeof text, err))
        return -1;
    const char *key = strstr(text, "\"config_hash\"");
    unsigned long v;
    char *end;
    if (!key || !(key = strstr(key, "\"0x")) || (v = strtoul(key + 1, &end, 16), *end != '"') || v > 0xffffffffUL)
        return rs_error_set(err, "%s: no \"config_hash\": \"0x...\" entry", path);
    *hash = (uint32_t)v;
    return 0;
}

/* "key": integer, in the generator's fixed layout, within the generator's
 * range of that value (rs_protocol.h) */
static int manifest_int(const char *text, const char *path, const char *key, int lo, int hi, int *out, rs_error *err)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *at = strstr(text, pat);
    char *end;
    long v = at ? strtol(at + strlen(pat), &end, 10) : 0;
    if (!at || end == at + strlen(pat))
        return rs_error_set(err, "%s: no \"%s\": <integer> entry", path, key);
    if (v < lo || v > hi)
        return rs_error_set(err, "%s: \"%s\": %ld is out of range %d..%d (edited by hand? regenerate it with rsgen)",
                            path, key, v, lo, hi);
    *out = (int)v;
    return 0;
}

int rs_manifest_hw(const char *gen_dir, rs_hw *hw, rs_error *err)
{
    char path[PATH_MAX], text[8192];
    int glb_kb, glb_bank_kb;
    if (read_manifest(gen_dir, path, sizeof path, text, sizeof text, err))
        return -1;
#define FIELD(key, KEY, dest) manifest_int(text, path, key, RS_CFG_##KEY##_MIN, RS_CFG_##KEY##_MAX, dest, err)
    if (FIELD("rows", ROWS, &hw->rows) || FIELD("cols", COLS, &hw->cols) || FIELD("dw", DW, &hw->dw) ||
        FIELD("pw", PW, &hw->pw) || FIELD("ifmap_spad", IFMAP_SPAD, &hw->ifmap_spad) ||
        FIELD("filter_spad", FILTER_SPAD, &hw->filter_spad) || FIELD("psum_spad", PSUM_SPAD, &hw->psum_spad) ||
        FIELD("psum_banks", PSUM_BANKS, &hw->psum_banks) || FIELD("glb_kb", GLB_KB, &glb_kb) ||
        FIELD("glb_bank_kb", GLB_BANK_KB, &glb_bank_kb) || FIELD("zero_skip", ZERO_SKIP, &hw->zero_skip) ||
        FIELD("pe_lanes", PE_LANES, &hw->pe_lanes) || FIELD("psum_lanes", PSUM_LANES, &hw->psum_lanes))
        return -1;
#undef FIELD
    if (hw->dw != 8 && hw->dw != 16)
        return rs_error_set(err, "%s: \"dw\": %d is not allowed (8 or 16)", path, hw->dw);
    if (hw->pe_lanes != 1 && hw->pe_lanes != 64 / hw->dw)
        return rs_error_set(err, "%s: \"pe_lanes\": %d is not allowed (1 or 64/dw = %d)", path, hw->pe_lanes,
                            64 / hw->dw);
    if (hw->psum_lanes != 2 && hw->psum_lanes != 4)
        return rs_error_set(err, "%s: \"psum_lanes\": %d is not allowed (2 or 4)", path, hw->psum_lanes);
    if (glb_kb % glb_bank_kb)
        return rs_error_set(err, "%s: \"glb_kb\": %d is not a multiple of \"glb_bank_kb\" %d", path, glb_kb,
                            glb_bank_kb);
    hw->glb_words = (long)glb_kb * 1024 / 8;
    hw->link_bytes = 0.0;
    hw->rlc = 1;
    return 0;
}
