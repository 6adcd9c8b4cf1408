/* rs_idx.c - IDX reader through zlib (reads gzip and plain files alike). */
#include "rs_idx.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

void rs_idx_free(rs_idx *t)
{
    free(t->data);
    t->data = NULL;
}

int rs_idx_read(const char *path, int64_t limit, rs_idx *t, rs_error *err)
{
    uint8_t head[16];
    memset(t, 0, sizeof *t);
    gzFile f = gzopen(path, "rb");
    if (!f)
        return rs_error_set(err, "%s: cannot open it", path);
    int rc = -1;
    if (gzread(f, head, 4) != 4 || head[0] || head[1] || head[2] != 0x08 || (head[3] != 1 && head[3] != 3)) {
        rs_error_set(err, "%s: not an IDX file of unsigned bytes with 1 or 3 dimensions", path);
        goto out;
    }
    t->ndim = head[3];
    if (gzread(f, head + 4, (unsigned)(4 * t->ndim)) != 4 * t->ndim) {
        rs_error_set(err, "%s: truncated header", path);
        goto out;
    }
    int64_t per = 1;
    for (int i = 0; i < t->ndim; i++) {
        const uint8_t *p = head + 4 + 4 * i;
        t->dims[i] = (int64_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
        if (i)
            per *= t->dims[i];
    }
    if (per > 4096 || t->dims[0] > 10000000) {
        rs_error_set(err, "%s: dimensions out of range", path);
        goto out;
    }
    if (limit > 0 && limit < t->dims[0])
        t->dims[0] = limit;
    size_t n = (size_t)(t->dims[0] * per);
    t->data = malloc(n ? n : 1);
    if (!t->data || gzread(f, t->data, (unsigned)n) != (int)n) {
        rs_error_set(err, "%s: truncated (fewer than %lld items)", path, (long long)t->dims[0]);
        rs_idx_free(t);
        goto out;
    }
    rc = 0;
out:
    gzclose(f);
    return rc;
}
