/* rs_npy.h - NumPy .npy tensors on disk.
 *
 * Users make inputs and read outputs with numpy, so tensors are .npy files
 * (format versions 1.0 and 2.0, C order, little-endian, integer dtypes).
 * In memory every tensor is int32 (the widest DW/PW value the hardware
 * uses); the on-disk dtype is chosen on write.
 *
 * The reader treats its input as hostile (it is fuzzed): the header is
 * bounded (RS_NPY_HEADER_MAX), the dict is parsed strictly, the shape
 * product is overflow-checked and must match the file length exactly, and
 * nothing is allocated beyond what the file can back.
 */
#ifndef RS_NPY_H
#define RS_NPY_H

#include <stdint.h>

#include "rs_error.h"

#define RS_NPY_MAX_DIMS 8
/* Longest header dict accepted. numpy's own loader refuses headers over
 * 10000 bytes by default; 64 KiB leaves room for 8-D shapes and padding. */
#define RS_NPY_HEADER_MAX 65536

typedef struct {
    int ndim;                         /* 0..RS_NPY_MAX_DIMS (0 = scalar) */
    int64_t shape[RS_NPY_MAX_DIMS];
    int32_t *data;                    /* C order, rs_tensor_count values */
} rs_tensor;

/* Read path into *t (which is overwritten; free it with rs_tensor_free).
 * Accepted dtypes: <i1 |i1 <i2 <i4 <i8 |u1 <u1 <u2; <i8 only if every value
 * fits int32 (else an error with the flat index). Any other dtype,
 * big-endian data, fortran_order True, versions other than 1.0/2.0, a
 * malformed header or a file length that does not match the shape is an
 * error "npy: <path>: <problem>". On error *t is an empty tensor (data
 * NULL), so rs_tensor_free(t) is always safe. data is never NULL on
 * success, even for zero-element tensors. */
int rs_npy_read(const char *path, rs_tensor *t, rs_error *err);

/* Write t to path as dtype "<i1", "<i2" or "<i4" ("|i1" is accepted as a
 * synonym; int8 is written with numpy's own descr '|i1'). Every value must
 * fit the dtype (else an error naming the flat index and value, and no file
 * is touched). Uses version 1.0 unless the header needs 2.0, pads the
 * header to 64 bytes like numpy, writes to "<path>.tmp" and renames it
 * over path, so a reader never sees a half-written file. */
int rs_npy_write(const char *path, const rs_tensor *t, const char *dtype, rs_error *err);

/* Free t->data and reset t to an empty tensor. NULL is fine. */
void rs_tensor_free(rs_tensor *t);

/* Number of elements (1 for ndim 0), or -1 if ndim or a dimension is out
 * of range or the product overflows int64. */
int64_t rs_tensor_count(const rs_tensor *t);

#endif
