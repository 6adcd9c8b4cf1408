/* rs_manifest.c - the generator writes the manifest in a fixed layout, so a
 * key search is enough here; no general JSON parser needed. */
#include "rs_manifest.h"

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

/* "key": integer, in the generator's fixed layout */
static int manifest_int(const char *text, const char *path, const char *key, int *out, rs_error *err)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *at = strstr(text, pat);
    char *end;
    long v = at ? strtol(at + strlen(pat), &end, 10) : 0;
    if (!at || end == at + strlen(pat) || v < 0 || v > INT_MAX)
        return rs_error_set(err, "%s: no \"%s\": <integer> entry", path, key);
    *out = (int)v;
    return 0;
}

int rs_manifest_hw(const char *gen_dir, rs_hw *hw, rs_error *err)
{
    char path[PATH_MAX], text[8192];
    int glb_kb;
    if (read_manifest(gen_dir, path, sizeof path, text, sizeof text, err))
        return -1;
    if (manifest_int(text, path, "rows", &hw->rows, err) || manifest_int(text, path, "cols", &hw->cols, err) ||
        manifest_int(text, path, "dw", &hw->dw, err) || manifest_int(text, path, "pw", &hw->pw, err) ||
        manifest_int(text, path, "ifmap_spad", &hw->ifmap_spad, err) ||
        manifest_int(text, path, "filter_spad", &hw->filter_spad, err) ||
        manifest_int(text, path, "psum_spad", &hw->psum_spad, err) ||
        manifest_int(text, path, "psum_banks", &hw->psum_banks, err) ||
        manifest_int(text, path, "glb_kb", &glb_kb, err) || manifest_int(text, path, "zero_skip", &hw->zero_skip, err))
        return -1;
    hw->glb_words = (long)glb_kb * 1024 / 8;
    hw->link_bytes = 0.0;
    hw->rlc = 1;
    return 0;
}
