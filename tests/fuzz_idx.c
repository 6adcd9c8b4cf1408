/* fuzz_idx.c - libFuzzer target for rs_idx_read (make fuzz): the IDX reader
 * behind `rsnet --images`/`--labels` (gzip or plain, through zlib).
 *
 * The reader takes a path, so each input is written to a temp file
 * ($TMPDIR or /tmp, named with the pid). Byte 0 of the input is the item
 * limit (0: all), the rest the file. Checked beyond "no crash, no UB": an
 * error leaves no data and a one-line message naming the file; a success
 * has 1 or 3 dimensions within the reader's ranges, at most `limit` items,
 * and every data byte readable (ASan sees a short allocation).
 */
#define _POSIX_C_SOURCE 200809L /* getpid */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rs_idx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[512];

static void remove_temp(void) { remove(path); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (!path[0]) {
        const char *d = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/rs_fuzz_idx_%ld", d && *d ? d : "/tmp", (long)getpid());
        atexit(remove_temp);
    }
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data + 1, 1, size - 1, f) != size - 1 || fclose(f) != 0)
        abort();

    int64_t limit = data[0];
    rs_idx t;
    rs_error err;
    memset(err.msg, 0, sizeof err.msg);
    if (rs_idx_read(path, limit, &t, &err) != 0) {
        if (t.data != NULL || strncmp(err.msg, path, strlen(path)) != 0 || strchr(err.msg, '\n'))
            abort();
        return 0;
    }
    if ((t.ndim != 1 && t.ndim != 3) || t.dims[0] < 0 || (limit > 0 && t.dims[0] > limit) || !t.data)
        abort();
    int64_t n = t.dims[0];
    for (int i = 1; i < t.ndim; i++) {
        if (t.dims[i] < 0 || t.dims[i] > 4096)
            abort();
        n *= t.dims[i];
    }
    volatile unsigned sum = 0;
    for (int64_t i = 0; i < n; i++)
        sum += t.data[i];
    (void)sum;
    rs_idx_free(&t);
    return 0;
}
