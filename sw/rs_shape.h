/* rs_shape.h - convolution layer shape in Sze et al. notation.
 *
 * One struct describes a CONV layer everywhere in the project (golden
 * reference, mapper, driver, reports), so the field names follow the book:
 *   N batch, C input channels, M output channels (filters), H x W input fmap
 *   (before padding), R x S filter, U stride, pad zero padding on every side,
 *   G groups, P x Q output fmap (the survey's E x F).
 * C and M count ALL channels of the layer; G divides both, and group g
 * connects input channels g*C/G .. (g+1)*C/G-1 to output channels
 * g*M/G .. (g+1)*M/G-1 (AlexNet CONV2/4/5 use G=2).
 *
 * Text form (command lines, CSV files, reports):
 *   "N=1,C=3,M=8,H=9,W=9,R=3,S=3,U=1,pad=1,G=1"
 * Keys may come in any order, each at most once; N, U, pad, G default to
 * 1, 1, 0, 1; C, M, H, W, R, S are required.
 */
#ifndef RS_SHAPE_H
#define RS_SHAPE_H

#include <stddef.h>
#include <stdint.h>

#include "rs_error.h"

typedef struct {
    int N, C, M, H, W, R, S, U, pad, G; /* given */
    int P, Q;                           /* derived by rs_shape_check */
} rs_shape;

/* Accepted ranges. They are "sane" limits, not hardware limits: large
 * enough for every real CNN layer, small enough that every size the rest
 * of the code computes from a checked shape fits in 64 bits. */
#define RS_SHAPE_N_MAX   1024
#define RS_SHAPE_CM_MAX  65536
#define RS_SHAPE_HW_MAX  4096
#define RS_SHAPE_RS_MAX  32
#define RS_SHAPE_U_MAX   8
#define RS_SHAPE_PAD_MAX 15

/* Parse the text form into *out and run rs_shape_check on it, so a shape
 * that parses is always valid and has P, Q filled in. On error *out is
 * left unspecified and err holds one line such as
 *   "shape: U=0 is out of range 1..8". */
int rs_shape_parse(const char *text, rs_shape *out, rs_error *err);

/* Validate every field (ranges, C%G, M%G, filter fits the padded input,
 * MAC count fits 64 bits) and fill P = (H+2pad-R)/U+1, Q = (W+2pad-S)/U+1.
 * Call it on any shape built by hand before using it. */
int rs_shape_check(rs_shape *s, rs_error *err);

/* N*M*P*Q*(C/G)*R*S. Only meaningful on a checked shape (which guarantees
 * the product fits in uint64_t). */
uint64_t rs_shape_macs(const rs_shape *s);

/* Write the text form (all ten given keys, canonical order) into buf, the
 * inverse of rs_shape_parse. Returns the number of characters written (not
 * counting the NUL), or -1 if buf is NULL or len is too small (buf then
 * holds an empty string when len > 0). */
int rs_shape_format(const rs_shape *s, char *buf, size_t len);

#endif
