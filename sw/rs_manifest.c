/* rs_manifest.c - the generator writes the manifest in a fixed layout, so a
 * key search is enough here; no general JSON parser needed. */
#include "rs_manifest.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rs_manifest_hash(const char *gen_dir, uint32_t *hash, rs_error *err)
{
    char path[PATH_MAX], text[8192];
    snprintf(path, sizeof path, "%s/manifest.json", gen_dir);
    FILE *f = fopen(path, "rb");
    if (!f)
        return rs_error_set(err, "%s: cannot open (is %s an rsgen output directory?)", path, gen_dir);
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    const char *key = strstr(text, "\"config_hash\"");
    unsigned long v;
    char *end;
    if (!key || !(key = strstr(key, "\"0x")) || (v = strtoul(key + 1, &end, 16), *end != '"') || v > 0xffffffffUL)
        return rs_error_set(err, "%s: no \"config_hash\": \"0x...\" entry", path);
    *hash = (uint32_t)v;
    return 0;
}
