/* rs_idx.h - IDX files (the MNIST / Fashion-MNIST format), gzip-compressed
 * or not: unsigned-byte images (count, rows, cols) and labels (count). */
#ifndef RS_IDX_H
#define RS_IDX_H

#include <stdint.h>

#include "rs_error.h"

typedef struct {
    int ndim;          /* 1 (labels) or 3 (images) */
    int64_t dims[3];
    uint8_t *data;
} rs_idx;

/* Read at most `limit` items (0: all) of path into *t. */
int rs_idx_read(const char *path, int64_t limit, rs_idx *t, rs_error *err);
void rs_idx_free(rs_idx *t);

#endif
