/* fuzz_npy.c - libFuzzer target for rs_npy_read (make fuzz).
 *
 * The reader takes a path, so each input is written to a temp file
 * ($TMPDIR or /tmp, named with the pid so parallel fuzzers do not collide)
 * and read back. Checked beyond "no crash, no UB": an error leaves an empty
 * tensor and a one-line "npy: " message; a success has data for every
 * element (all of it is read, so ASan sees a short allocation), and small
 * tensors survive a write as <i4 and a second read unchanged.
 */
#define _POSIX_C_SOURCE 200809L /* getpid */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rs_npy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char in_path[512], out_path[512];

static void remove_temps(void)
{
    remove(in_path);
    remove(out_path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rs_tensor t, u;
    rs_error err;
    FILE *f;
    int64_t count;

    if (!in_path[0]) {
        const char *d = getenv("TMPDIR");
        if (!d || !*d)
            d = "/tmp";
        snprintf(in_path, sizeof in_path, "%s/rs_fuzz_npy_%ld.npy", d, (long)getpid());
        snprintf(out_path, sizeof out_path, "%s/rs_fuzz_npy_%ld_out.npy", d, (long)getpid());
        atexit(remove_temps);
    }
    f = fopen(in_path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();

    memset(err.msg, 0, sizeof err.msg);
    if (rs_npy_read(in_path, &t, &err) != 0) {
        if (t.data != NULL || strncmp(err.msg, "npy: ", 5) != 0 || strchr(err.msg, '\n'))
            abort();
        return 0;
    }
    count = rs_tensor_count(&t);
    if (count < 0 || t.data == NULL)
        abort();
    {
        volatile int32_t sum = 0;
        for (int64_t i = 0; i < count; i++)
            sum += t.data[i] & 1;
        (void)sum;
    }
    if (count <= 4096) {
        if (rs_npy_write(out_path, &t, "<i4", &err) != 0)
            abort();
        if (rs_npy_read(out_path, &u, &err) != 0)
            abort();
        if (u.ndim != t.ndim || memcmp(u.shape, t.shape, (size_t)t.ndim * sizeof t.shape[0]) != 0 ||
            (count && memcmp(u.data, t.data, (size_t)count * sizeof *t.data) != 0))
            abort();
        rs_tensor_free(&u);
    }
    rs_tensor_free(&t);
    return 0;
}
