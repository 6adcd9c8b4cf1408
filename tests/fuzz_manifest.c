/* fuzz_manifest.c - libFuzzer target for the manifest reader (make fuzz).
 *
 * Each input is written as manifest.json into a folder of its own
 * ($TMPDIR or /tmp, named with the pid) and read with rs_manifest_hw and
 * rs_manifest_hash. Beyond "no crash, no UB": an accepted manifest has every
 * field within the generator's ranges (so no division by zero downstream),
 * and an error is one line naming the file. */
#define _POSIX_C_SOURCE 200809L /* getpid */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rs_manifest.h"
#include "rs_protocol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[512], path[600];

static void remove_temps(void)
{
    remove(path);
    rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        const char *d = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/fuzz_manifest.%ld", d && *d ? d : "/tmp", (long)getpid());
        snprintf(path, sizeof path, "%s/manifest.json", dir);
        mkdir(dir, 0700);
        atexit(remove_temps);
    }
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f))
        abort();
    rs_hw hw;
    rs_error err;
    uint32_t hash;
    if (rs_manifest_hw(dir, &hw, &err) == 0) {
        if (hw.rows < RS_CFG_ROWS_MIN || hw.rows > RS_CFG_ROWS_MAX || hw.cols < RS_CFG_COLS_MIN ||
            hw.cols > RS_CFG_COLS_MAX || (hw.dw != 8 && hw.dw != 16) || hw.pw < RS_CFG_PW_MIN || hw.pw > RS_CFG_PW_MAX ||
            hw.ifmap_spad < 1 || hw.filter_spad < 1 || hw.psum_spad < 1 || hw.psum_banks < 1 || hw.glb_words < 1 ||
            (hw.pe_lanes != 1 && hw.pe_lanes != 64 / hw.dw) || (hw.psum_lanes != 2 && hw.psum_lanes != 4))
            abort();
    } else if (!strstr(err.msg, "manifest.json") || strchr(err.msg, '\n')) {
        abort();
    }
    if (rs_manifest_hash(dir, &hash, &err) != 0 && (!strstr(err.msg, "manifest.json") || strchr(err.msg, '\n')))
        abort();
    return 0;
}
