/* rs_rlc.c - Eyeriss run-length codec for activations (see rs_rlc.h for the
 * format; docs/rlc.md has worked examples).
 *
 * The decoder treats its input as hostile (it is fuzzed): every index is
 * checked against n before a write, and all counting is done in size_t
 * with the run added only after checking it fits.
 */
#include "rs_rlc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PAIR_MASK ((UINT64_C(1) << RS_RLC_PAIR_BITS) - 1)
#define RUN_MASK ((uint32_t)RS_RLC_RUN_MAX)
#define LEVEL_MASK UINT32_C(0xffff)

static int check_dw(int dw, rs_error *err)
{
    if (dw != 8 && dw != 16)
        return rs_error_set(err, "rlc: dw %d is not allowed (8 or 16)", dw);
    return 0;
}

static int32_t level_min(int dw) { return -((int32_t)1 << (dw - 1)); }
static int32_t level_max(int dw) { return ((int32_t)1 << (dw - 1)) - 1; }

size_t rs_rlc_max_words(size_t n)
{
    size_t w = n / RS_RLC_PAIRS_PER_WORD + (n % RS_RLC_PAIRS_PER_WORD != 0);
    return w ? w : 1;
}

/* ---- encoder ------------------------------------------------------------ */

typedef struct {
    uint64_t *out;
    size_t cap;
    size_t words;  /* words started so far */
    int k;         /* pairs in the current word (0..3) */
    uint64_t cur;  /* current word being filled */
} enc_state;

static uint64_t pack_pair(uint32_t run, int32_t level)
{
    /* level as 16-bit two's complement, done on unsigned values */
    uint32_t l = (uint32_t)level & LEVEL_MASK;
    return (uint64_t)((l << RS_RLC_RUN_BITS) | (run & RUN_MASK));
}

static void flush_word(enc_state *s, uint64_t word)
{
    if (s->words < s->cap)
        s->out[s->words] = word;
    s->words++;
}

static void emit(enc_state *s, uint32_t run, int32_t level)
{
    /* a full word stays pending until the next pair shows it is not the
     * last one (rs_rlc_encode flushes it then, or with the term bit) */
    s->cur |= pack_pair(run, level) << (RS_RLC_PAIR_BITS * s->k);
    s->k++;
}

int rs_rlc_encode(const int32_t *v, size_t n, int dw, uint64_t *out, size_t cap,
                  size_t *n_words, rs_error *err)
{
    enc_state s = {out, out ? cap : 0, 0, 0, 0};
    int32_t lo, hi;
    size_t p = 0;

    if (n_words)
        *n_words = 0;
    if (check_dw(dw, err))
        return -1;
    if (n > 0 && !v)
        return rs_error_set(err, "rlc: no input for %zu elements", n);
    lo = level_min(dw);
    hi = level_max(dw);
    for (size_t i = 0; i < n; i++)
        if (v[i] < lo || v[i] > hi)
            return rs_error_set(err, "rlc: element %zu: value %ld does not fit %d-bit signed (%ld..%ld)",
                                i, (long)v[i], dw, (long)lo, (long)hi);

    while (p < n) {
        size_t z = 0;
        /* count zeros from p, but no more than 32 are ever needed */
        while (z < RS_RLC_RUN_MAX + 1 && p + z < n && v[p + z] == 0)
            z++;
        if (s.k == RS_RLC_PAIRS_PER_WORD) { /* previous word full and not last */
            flush_word(&s, s.cur);
            s.cur = 0;
            s.k = 0;
        }
        if (z == RS_RLC_RUN_MAX + 1) {
            emit(&s, RS_RLC_RUN_MAX, 0);
            p += z;
        } else if (p + z < n) {
            emit(&s, (uint32_t)z, v[p + z]);
            p += z + 1;
        } else { /* 1..31 trailing zeros */
            emit(&s, (uint32_t)(z - 1), 0);
            p += z;
        }
    }
    flush_word(&s, s.cur | RS_RLC_TERM); /* last word (word 0 alone if n = 0) */

    if (n_words)
        *n_words = s.words;
    if (s.words > s.cap)
        return rs_error_set(err, "rlc: output needs %zu words, cap is %zu", s.words, cap);
    return 0;
}

/* ---- decoder ------------------------------------------------------------ */

int rs_rlc_decode(const uint64_t *in, size_t n_words, size_t n, int dw, int32_t *out,
                  rs_error *err)
{
    size_t count = 0; /* elements decoded so far */
    int32_t lo, hi;

    if (check_dw(dw, err))
        return -1;
    if (n_words == 0 || !in)
        return rs_error_set(err, "rlc: no words: a stream has at least its term word");
    if (n > 0 && !out)
        return rs_error_set(err, "rlc: no output for %zu elements", n);
    lo = level_min(dw);
    hi = level_max(dw);

    for (size_t i = 0; i < n_words; i++) {
        uint64_t w = in[i];
        int term = (int)(w >> RS_RLC_TERM_BIT);
        for (int k = 0; k < RS_RLC_PAIRS_PER_WORD; k++) {
            uint64_t pair = (w >> (RS_RLC_PAIR_BITS * k)) & PAIR_MASK;
            uint32_t run = (uint32_t)pair & RUN_MASK;
            uint32_t l16 = (uint32_t)(pair >> RS_RLC_RUN_BITS) & LEVEL_MASK;
            /* sign-extend 16 bits without implementation-defined conversion */
            int32_t level = (int32_t)l16 - (int32_t)((l16 & 0x8000u) << 1);
            if (count == n) {
                if (pair != 0)
                    return rs_error_set(err,
                                        "rlc: word %zu pair %d: unused pair after the last element is not zero (0x%06lx)",
                                        i, k, (unsigned long)pair);
                continue;
            }
            if (level < lo || level > hi)
                return rs_error_set(err, "rlc: word %zu pair %d: level %ld out of range for dw=%d (%ld..%ld)",
                                    i, k, (long)level, dw, (long)lo, (long)hi);
            /* count < n here, so n - count >= 1 does not underflow */
            if (run >= n - count)
                return rs_error_set(err,
                                    "rlc: word %zu pair %d: run %u runs past the tensor's end (element %zu of %zu)",
                                    i, k, run, count + run, n);
            memset(out + count, 0, run * sizeof *out);
            count += run;
            out[count++] = level;
        }
        if (count == n) {
            if (!term)
                return rs_error_set(err, "rlc: word %zu: missing term bit (the tensor's %zu elements end in this word)",
                                    i, n);
            if (i + 1 < n_words)
                return rs_error_set(err, "rlc: word %zu: word after the term bit (stream ended at word %zu)",
                                    i + 1, i);
            return 0;
        }
        if (term)
            return rs_error_set(err, "rlc: word %zu: term bit before the end (after %zu of %zu elements)",
                                i, count, n);
    }
    return rs_error_set(err, "rlc: word %zu: truncated stream (ends after %zu of %zu elements, no term bit)",
                        n_words - 1, count, n);
}

/* ---- entropy ------------------------------------------------------------ */

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

double rs_entropy_bits(const int32_t *v, size_t n)
{
    int32_t *s;
    double bits = 0;
    if (n == 0)
        return 0;
    if (n > SIZE_MAX / sizeof *s)
        return -1;
    s = malloc(n * sizeof *s);
    if (!s)
        return -1;
    memcpy(s, v, n * sizeof *s);
    qsort(s, n, sizeof *s, cmp_i32);
    /* n * H = sum over values of c * log2(n / c) */
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && s[j] == s[i]; j++)
            ;
        bits += (double)(j - i) * log2((double)n / (double)(j - i));
    }
    free(s);
    return bits;
}

int rs_rlc_measure(const int32_t *v, size_t n, int dw, rs_rlc_figures *f, rs_error *err)
{
    memset(f, 0, sizeof *f);
    f->elems = n;
    for (size_t i = 0; i < n; i++)
        f->zeros += v[i] == 0;
    f->raw_bytes = (n * (size_t)dw + 7) / 8;
    size_t cap = rs_rlc_max_words(n), words = 0;
    uint64_t *out = malloc(cap * sizeof *out);
    if (!out)
        return rs_error_set(err, "rlc: out of memory for %zu words", cap);
    int rc = rs_rlc_encode(v, n, dw, out, cap, &words, err);
    free(out);
    if (rc)
        return rc;
    f->rlc_bytes = words * 8;
    double bits = rs_entropy_bits(v, n);
    if (bits < 0)
        return rs_error_set(err, "rlc: out of memory for the entropy of %zu elements", n);
    f->entropy_bytes = bits / 8;
    return 0;
}

int rs_rlc_pays(double coded_words, double raw_words) { return 3.0 * coded_words <= 2.0 * raw_words; }

double rs_rlc_expected_pairs(double n, double zeros)
{
    if (n <= 0.0)
        return 0.0;
    double z = zeros < 0.0 ? 0.0 : zeros > 1.0 ? 1.0 : zeros;
    double floor_pairs = ceil(n / (RS_RLC_RUN_MAX + 1));
    double z32 = pow(z, RS_RLC_RUN_MAX + 1);
    double pairs = z32 < 1.0 ? (n * (1.0 - z) + z) / (1.0 - z32) : floor_pairs;
    return pairs < floor_pairs ? floor_pairs : pairs > n ? n : pairs;
}
