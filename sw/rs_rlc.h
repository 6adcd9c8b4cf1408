/* rs_rlc.h - run-length codec for activations (Eyeriss RLC), software side.
 *
 * The hardware codec must be bit-identical to rs_rlc_encode, and must accept
 * exactly what rs_rlc_decode accepts, so this comment (and docs/rlc.md,
 * which says the same with examples) is the contract.
 *
 * WORD. A stream is a sequence of 64-bit words (in memory: uint64_t, i.e.
 * little-endian on the AXI bus). Each word holds three (run, level) pairs
 * and a term bit:
 *
 *     bit  63      62..42     41..21     20..0
 *          term    pair 2     pair 1     pair 0
 *
 *   pair k = bits [21k+20 : 21k]:
 *     run   = bits [21k+4  : 21k]     5-bit unsigned, 0..31
 *     level = bits [21k+20 : 21k+5]   16-bit two's complement
 *
 * PAIR. A pair (run, level) is run zeros followed by ONE element whose value
 * is level: it stands for run + 1 elements. A level of 0 is a legal element
 * (that is how zero runs longer than 31 and trailing zeros are written).
 * Pairs are read in order: word 0 pair 0, 1, 2, word 1 pair 0, ...
 *
 * STREAM. The decoder is told the tensor's element count n (from the layer
 * shape; it is not in the stream). A well-formed stream:
 *   - decodes to exactly n elements;
 *   - has no pair that would run past element n-1;
 *   - ends on the word that holds the pair of element n-1 (word 0 if
 *     n = 0); that word and only that word has the term bit set, and no
 *     word follows it;
 *   - in that final word, the pairs after the last element's pair are
 *     unused: each must be all zero bits (run 0, level 0), and they are not
 *     elements (a (0, 0) pair before the end is one zero element; after the
 *     n-th element it is padding);
 *   - has every element's level in range for the data width dw.
 * An empty tensor (n = 0) is the single word 0x8000000000000000.
 *
 * DATA WIDTH. dw is 16 or 8 (rsgen --dw). The pair format is the same for
 * both; for dw = 8 the level holds the value sign-extended to 16 bits, and a
 * level outside -128..127 is malformed. For dw = 16 every level is in range.
 *
 * CANONICAL ENCODING (what rs_rlc_encode and the hardware encoder emit).
 * Greedy, from element p = 0 while p < n; z = number of consecutive zeros
 * starting at p (counting to the end of the tensor):
 *   - z >= 32:                   emit (31, 0)          p += 32
 *   - z <= 31, p + z < n:        emit (z, v[p + z])    p += z + 1
 *     (v[p + z] is the next non-zero value)
 *   - z <= 31, p + z == n, z>0:  emit (z - 1, 0)       p += z   (trailing)
 * Pairs fill words from pair 0 up; the word holding the last pair gets the
 * term bit and its remaining pairs are zero. So a zero run of length z
 * before a non-zero value takes floor(z / 32) + 1 pairs, a trailing run of
 * z zeros ceil(z / 32) pairs; this is the fewest pairs possible. Decoders
 * accept any well-formed stream, canonical or not (e.g. (0,0)(0,0) for
 * (1,0)); encoders must produce the canonical one.
 *
 * Errors are one line, "rlc: word I: ..." naming the word index and the
 * problem (see rs_rlc_decode). No function prints or keeps state.
 */
#ifndef RS_RLC_H
#define RS_RLC_H

#include <stddef.h>
#include <stdint.h>

#include "rs_error.h"

#define RS_RLC_PAIRS_PER_WORD 3
#define RS_RLC_PAIR_BITS 21
#define RS_RLC_RUN_BITS 5
#define RS_RLC_RUN_MAX 31
#define RS_RLC_LEVEL_BITS 16
#define RS_RLC_TERM_BIT 63
#define RS_RLC_TERM ((uint64_t)1 << RS_RLC_TERM_BIT)

/* Upper bound on the words rs_rlc_encode writes for n elements (every pair
 * covers at least one element): max(1, ceil(n / 3)). Never overflows. */
size_t rs_rlc_max_words(size_t n);

/* Encode v[0..n-1] (each must fit a signed dw-bit value, dw 8 or 16) into
 * out[0..cap-1] with the canonical encoding above; *n_words gets the number
 * of words written. Errors: bad dw, a value out of range ("rlc: element I:
 * value V does not fit 8-bit signed (-128..127)"), cap too small ("rlc:
 * output needs W words, cap is C"; *n_words then gets W, and out may hold
 * partial output). v may be NULL when n = 0. cap >= rs_rlc_max_words(n)
 * always suffices. */
int rs_rlc_encode(const int32_t *v, size_t n, int dw, uint64_t *out, size_t cap,
                  size_t *n_words, rs_error *err);

/* Decode in[0..n_words-1] into out[0..n-1] (n known from the layer shape).
 * Accepts exactly the well-formed streams defined above and never writes
 * outside out[0..n-1] (on error, out may hold a decoded prefix). Each
 * malformed stream is rejected with one of:
 *   "rlc: no words: a stream has at least its term word"
 *   "rlc: word I pair K: level L out of range for dw=8 (-128..127)"
 *   "rlc: word I pair K: run R runs past the tensor's end (element E of N)"
 *   "rlc: word I pair K: unused pair after the last element is not zero (0x...)"
 *   "rlc: word I: missing term bit (the tensor's N elements end in this word)"
 *   "rlc: word I: term bit before the end (after E of N elements)"
 *   "rlc: word I: word after the term bit (stream ended at word J)"
 *   "rlc: word I: truncated stream (ends after E of N elements, no term bit)"
 * Checks run word by word, pair by pair, in that order within a pair, so
 * the first problem in stream order is the one reported. */
int rs_rlc_decode(const uint64_t *in, size_t n_words, size_t n, int dw, int32_t *out,
                  rs_error *err);

/* Empirical order-0 entropy of v[0..n-1] in bits for the whole tensor:
 * n * H with H = -sum p_i log2 p_i over the histogram of values - the bound
 * any code that sees values one at a time (no context) can reach, for
 * compression-ratio reports next to the RLC size (64 bits per word).
 * 0 for n = 0 or a constant tensor; -1 if memory for a sorted copy cannot be
 * had. */
double rs_entropy_bits(const int32_t *v, size_t n);

/* A tensor's sparsity figures for reports: zeros, its size raw (dw bits per
 * element), run-length coded (canonical, 8 bytes per word) and the order-0
 * entropy bound (rs_entropy_bits / 8). */
typedef struct {
    size_t elems, zeros;
    size_t raw_bytes, rlc_bytes;
    double entropy_bytes;
} rs_rlc_figures;

int rs_rlc_measure(const int32_t *v, size_t n, int dw, rs_rlc_figures *f, rs_error *err);

/* Expected pairs of the canonical encoding of n elements that are zero
 * independently with probability zeros (0..1), for the cycle model, which
 * knows the share of zeros but not the data: each non-zero element ends a
 * pair, a zero run takes another pair every 32 zeros, and a trailing run its
 * own: (n(1-z) + z) / (1 - z^32), within [ceil(n/32), n]. */
double rs_rlc_expected_pairs(double n, double zeros);

/* Whether a payload goes run-length coded: only where the code takes at
 * most 2/3 of its raw words (a third saved), since the decoder expands a
 * pair a cycle. The driver decides with it, the cycle model expects it. */
int rs_rlc_pays(double coded_words, double raw_words);

#endif
