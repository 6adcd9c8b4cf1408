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

/* The n data bytes into t->data, read in pieces and grown as they come, so
 * that a header claiming more than the file holds costs no more memory than
 * the file; -1 (t->data freed) when the file ends first. */
static int read_items(gzFile f, size_t n, rs_idx *t)
{
    enum { PIECE = 1 << 20 };
    size_t have = 0, cap = 0;
    while (have < n) {
        size_t want = n - have < PIECE ? n - have : PIECE;
        if (have + want > cap) {
            size_t grow = cap ? 2 * cap : PIECE;
            cap = grow < n ? grow : n;
            uint8_t *p = realloc(t->data, cap);
            if (!p)
                break;
            t->data = p;
        }
        if (gzread(f, t->data + have, (unsigned)want) != (int)want)
            break;
        have += want;
    }
    if (have < n) {
        rs_idx_free(t);
        return -1;
    }
    if (!t->data)   /* no items: still a buffer to free */
        t->data = malloc(1);
    return t->data ? 0 : -1;
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
    int too_big = 0;
    for (int i = 0; i < t->ndim; i++) {
        const uint8_t *p = head + 4 + 4 * i;
        t->dims[i] = (int64_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
        if (i) {   /* each within range before the product: no overflow */
            too_big |= t->dims[i] > 4096;
            per *= too_big ? 1 : t->dims[i];
        }
    }
    if (too_big || per > 4096 || t->dims[0] > 10000000) {
        rs_error_set(err, "%s: dimensions out of range", path);
        goto out;
    }
    if (limit > 0 && limit < t->dims[0])
        t->dims[0] = limit;
    if (read_items(f, (size_t)(t->dims[0] * per), t)) {
        rs_error_set(err, "%s: truncated (fewer than %lld items)", path, (long long)t->dims[0]);
        goto out;
    }
    rc = 0;
out:
    gzclose(f);
    return rc;
}
