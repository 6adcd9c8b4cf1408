/* test_rlc.c - RLC codec: hand-worked words, round trips against an
 * independent reference encoder, and every kind of malformed stream. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rs_random.h"
#include "rs_rlc.h"

#define GUARD ((int32_t)0x5a5a5a5a)

/* ---- reference encoder, written differently from sw/rs_rlc.c ----------
 * Per zero run: a run of z zeros before a value takes z/32 pairs (31,0)
 * and then (z%32, value); a trailing run of t zeros takes t/32 pairs (31,0)
 * and, if t%32 > 0, (t%32-1, 0). Pairs go three to a word, the last word
 * gets the term bit. */
typedef struct {
    uint64_t *w;
    size_t nw, np;
} ref_stream;

static void ref_pair(ref_stream *s, unsigned run, int32_t level)
{
    size_t word = s->np / 3, k = s->np % 3;
    if (k == 0)
        s->w[s->nw++] = 0;
    s->w[word] |= ((uint64_t)run | (uint64_t)((uint16_t)level) << 5) << (21 * k);
    s->np++;
}

/* returns the word count; w must hold n + 1 words */
static size_t ref_encode(const int32_t *v, size_t n, uint64_t *w)
{
    ref_stream s = {w, 0, 0};
    size_t z = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] == 0) {
            z++;
            continue;
        }
        for (; z >= 32; z -= 32)
            ref_pair(&s, 31, 0);
        ref_pair(&s, (unsigned)z, v[i]);
        z = 0;
    }
    for (; z >= 32; z -= 32)
        ref_pair(&s, 31, 0);
    if (z)
        ref_pair(&s, (unsigned)(z - 1), 0);
    if (s.nw == 0)
        w[s.nw++] = 0;
    w[s.nw - 1] |= RS_RLC_TERM;
    return s.nw;
}

/* Encode, compare with the reference word for word, decode into a buffer
 * with a guard after out[n-1], compare. Returns the word count. */
static size_t round_trip(const int32_t *v, size_t n, int dw)
{
    size_t cap = rs_rlc_max_words(n), nw = 12345, rn;
    uint64_t *w = malloc(cap * sizeof *w), *ref = calloc(n + 1, sizeof *ref);
    int32_t *out = malloc((n + 1) * sizeof *out);
    rs_error err = {{0}};
    cr_assert(w && ref && out);
    cr_assert_eq(rs_rlc_encode(v, n, dw, w, cap, &nw, &err), 0, "n=%zu: %s", n, err.msg);
    cr_assert_leq(nw, cap);
    rn = ref_encode(v, n, ref);
    cr_assert_eq(nw, rn, "n=%zu: %zu words, reference %zu", n, nw, rn);
    for (size_t i = 0; i < nw; i++)
        cr_assert_eq(w[i], ref[i], "n=%zu word %zu: %#llx, reference %#llx", n, i,
                     (unsigned long long)w[i], (unsigned long long)ref[i]);
    for (size_t i = 0; i <= n; i++)
        out[i] = GUARD;
    cr_assert_eq(rs_rlc_decode(w, nw, n, dw, out, &err), 0, "n=%zu: %s", n, err.msg);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(out[i], v[i], "n=%zu [%zu]: %d != %d", n, i, out[i], v[i]);
    cr_assert_eq(out[n], GUARD, "decode wrote past out[n-1]");
    free(w);
    free(ref);
    free(out);
    return nw;
}

/* ---- hand-worked words ------------------------------------------------ */

Test(rlc, hand_small)
{
    /* v = [0, 0, 5, 0, -1], dw 16:
     *   pair 0 = (run 2, level 5)  = 2 | 5 << 5            = 0x0000a2
     *   pair 1 = (run 1, level -1) = 1 | 0xffff << 5        = 0x1fffe1
     *            at bit 21: 0x1fffe1 << 21                  = 0x3fffc200000
     *   pair 2 unused = 0; term bit 63                      = 0x8000000000000000
     *   word = 0x800003fffc2000a2 */
    int32_t v[] = {0, 0, 5, 0, -1};
    uint64_t w[4];
    size_t nw;
    rs_error err = {{0}};
    cr_assert_eq(rs_rlc_encode(v, 5, 16, w, 4, &nw, &err), 0, "%s", err.msg);
    cr_assert_eq(nw, 1);
    cr_assert_eq(w[0], UINT64_C(0x800003fffc2000a2), "%#llx", (unsigned long long)w[0]);
    round_trip(v, 5, 16);
}

Test(rlc, hand_long_run_and_trailing)
{
    /* 33 zeros, 7, 2 zeros (n = 36), dw 8:
     *   32 zeros -> (31, 0)                 = 0x1f
     *   1 zero, 7 -> (1, 7) = 1 | 7 << 5    = 0xe1, << 21   = 0x1c200000
     *   2 trailing zeros -> (1, 0) = 1,       << 42         = 0x40000000000
     *   three pairs fill word 0, which is last: term bit
     *   word = 0x800004001c20001f */
    int32_t v[36] = {0};
    uint64_t w[12];
    size_t nw;
    rs_error err = {{0}};
    v[33] = 7;
    cr_assert_eq(rs_rlc_encode(v, 36, 8, w, 12, &nw, &err), 0, "%s", err.msg);
    cr_assert_eq(nw, 1);
    cr_assert_eq(w[0], UINT64_C(0x800004001c20001f), "%#llx", (unsigned long long)w[0]);
    round_trip(v, 36, 8);
}

Test(rlc, hand_two_words)
{
    /* [1, 2, 3, 4], dw 16: four pairs (0, v), so two words.
     *   word 0: (0,1) = 0x20; (0,2) = 0x40 << 21 = 0x8000000;
     *           (0,3) = 0x60 << 42 = 0x1800000000000; no term
     *           = 0x0001800008000020
     *   word 1: (0,4) = 0x80, pairs 1 and 2 unused, term
     *           = 0x8000000000000080 */
    int32_t v[] = {1, 2, 3, 4};
    uint64_t w[2];
    size_t nw;
    rs_error err = {{0}};
    cr_assert_eq(rs_rlc_encode(v, 4, 16, w, 2, &nw, &err), 0, "%s", err.msg);
    cr_assert_eq(nw, 2);
    cr_assert_eq(w[0], UINT64_C(0x0001800008000020), "%#llx", (unsigned long long)w[0]);
    cr_assert_eq(w[1], UINT64_C(0x8000000000000080), "%#llx", (unsigned long long)w[1]);
    round_trip(v, 4, 16);
}

Test(rlc, empty_tensor)
{
    uint64_t w[1] = {0};
    size_t nw;
    int32_t guard = GUARD;
    rs_error err = {{0}};
    cr_assert_eq(rs_rlc_encode(NULL, 0, 16, w, 1, &nw, &err), 0, "%s", err.msg);
    cr_assert_eq(nw, 1);
    cr_assert_eq(w[0], RS_RLC_TERM);
    cr_assert_eq(rs_rlc_decode(w, 1, 0, 16, &guard, &err), 0, "%s", err.msg);
    cr_assert_eq(guard, GUARD);
    cr_assert_eq(rs_rlc_decode(w, 1, 0, 8, NULL, &err), 0, "%s", err.msg);
}

Test(rlc, single_element)
{
    int32_t z = 0, one = -3;
    cr_assert_eq(round_trip(&z, 1, 16), 1);
    cr_assert_eq(round_trip(&one, 1, 8), 1);
    {
        uint64_t w[1];
        size_t nw;
        rs_error err = {{0}};
        cr_assert_eq(rs_rlc_encode(&z, 1, 16, w, 1, &nw, &err), 0);
        cr_assert_eq(w[0], RS_RLC_TERM); /* (0, 0) as element 0, then term */
    }
}

/* ---- round trips ------------------------------------------------------ */

Test(rlc, max_words)
{
    cr_assert_eq(rs_rlc_max_words(0), 1);
    cr_assert_eq(rs_rlc_max_words(1), 1);
    cr_assert_eq(rs_rlc_max_words(3), 1);
    cr_assert_eq(rs_rlc_max_words(4), 2);
    cr_assert_eq(rs_rlc_max_words(6), 2);
    cr_assert_eq(rs_rlc_max_words(SIZE_MAX), SIZE_MAX / 3 + (SIZE_MAX % 3 != 0));
}

Test(rlc, all_zeros)
{
    static const size_t ns[] = {1, 2, 3, 4, 31, 32, 33, 64, 95, 96, 97, 288, 289, 1000, 4096};
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        size_t n = ns[i];
        int32_t *v = calloc(n, sizeof *v);
        size_t pairs = (n + 31) / 32;
        cr_assert(v);
        cr_assert_eq(round_trip(v, n, 16), (pairs + 2) / 3, "n=%zu", n);
        round_trip(v, n, 8);
        free(v);
    }
}

Test(rlc, no_zeros)
{
    for (size_t n = 1; n <= 100; n++) {
        int32_t v[100];
        for (size_t i = 0; i < n; i++)
            v[i] = i % 2 ? (int32_t)i : -(int32_t)i - 1;
        cr_assert_eq(round_trip(v, n, 16), rs_rlc_max_words(n), "n=%zu", n);
        cr_assert_eq(round_trip(v, n, 8), rs_rlc_max_words(n), "n=%zu", n);
    }
}

/* z zeros then a value, then the same z zeros trailing: the pair counts are
 * floor(z/32)+1 and ceil(z/32). */
Test(rlc, zero_runs)
{
    static const size_t zs[] = {31, 32, 63, 64, 1000};
    for (size_t i = 0; i < sizeof zs / sizeof zs[0]; i++) {
        size_t z = zs[i], n = 2 * z + 1;
        int32_t *v = calloc(n, sizeof *v);
        uint64_t w[100];
        size_t nw, pairs = z / 32 + 1 + (z + 31) / 32;
        rs_error err = {{0}};
        cr_assert(v);
        v[z] = 9;
        cr_assert_eq(round_trip(v, n, 16), (pairs + 2) / 3, "z=%zu", z);
        /* just the run and the value */
        round_trip(v, z + 1, 8);
        /* value first, then the run trailing */
        round_trip(v + z, z + 1, 16);
        /* the pairs of the run before the value: (31,0) x z/32, (z%32, 9) */
        cr_assert_eq(rs_rlc_encode(v, z + 1, 16, w, 100, &nw, &err), 0, "%s", err.msg);
        for (size_t p = 0; p <= z / 32; p++) {
            uint64_t pair = (w[p / 3] >> (21 * (p % 3))) & 0x1fffff;
            uint64_t want = p < z / 32 ? 31 : (z % 32) | 9 << 5;
            cr_assert_eq(pair, want, "z=%zu pair %zu: %#llx", z, p, (unsigned long long)pair);
        }
        free(v);
    }
    /* exactly 31 zeros then a value is one pair (31, v) */
    {
        int32_t v[32] = {0};
        uint64_t w[2];
        size_t nw;
        rs_error err = {{0}};
        v[31] = 1;
        cr_assert_eq(rs_rlc_encode(v, 32, 16, w, 2, &nw, &err), 0);
        cr_assert_eq(nw, 1);
        cr_assert_eq(w[0], RS_RLC_TERM | 31 | 1 << 5);
    }
}

Test(rlc, ends_in_zeros)
{
    int32_t v[50] = {0};
    v[0] = 4;
    v[10] = -4;
    for (size_t n = 11; n <= 50; n++)
        round_trip(v, n, 16);
}

Test(rlc, extremes)
{
    int32_t v16[] = {-32768, 32767, 0, -1, 1, 0, 0, -32768, 0, 32767};
    int32_t v8[] = {-128, 127, 0, -1, 1, 0, 0, -128, 0, 127};
    round_trip(v16, 10, 16);
    round_trip(v8, 10, 8);
    round_trip(v8, 10, 16);
    {
        /* -128 at dw 8 is the 16-bit level 0xff80 */
        uint64_t w[1];
        size_t nw;
        rs_error err = {{0}};
        cr_assert_eq(rs_rlc_encode(v8, 1, 8, w, 1, &nw, &err), 0);
        cr_assert_eq(w[0], RS_RLC_TERM | UINT64_C(0xff80) << 5);
        cr_assert_eq(rs_rlc_encode(v16, 1, 16, w, 1, &nw, &err), 0);
        cr_assert_eq(w[0], RS_RLC_TERM | UINT64_C(0x8000) << 5);
    }
}

Test(rlc, random)
{
    rs_rng r;
    static const double dens[] = {0.0, 0.1, 0.5, 0.725, 0.9, 0.97, 0.995, 1.0};
    rs_rng_seed(&r, 20240501);
    for (int it = 0; it < 400; it++) {
        size_t n = (size_t)rs_rng_range(&r, 0, it < 300 ? 200 : 5000);
        double zf = dens[it % 8];
        int dw = it % 2 ? 8 : 16;
        int32_t hi = dw == 8 ? 127 : 32767;
        int32_t *v = malloc((n + 1) * sizeof *v);
        cr_assert(v);
        rs_fill_random(&r, v, n, -hi - 1, hi, zf);
        round_trip(v, n, dw);
        free(v);
    }
}

/* ---- encoder errors --------------------------------------------------- */

static void encode_fails(const int32_t *v, size_t n, int dw, size_t cap, const char *want)
{
    uint64_t w[64];
    size_t nw;
    rs_error err = {{0}};
    cr_assert_eq(rs_rlc_encode(v, n, dw, w, cap, &nw, &err), -1, "should fail: %s", want);
    cr_assert(strstr(err.msg, want) != NULL, "message '%s' lacks '%s'", err.msg, want);
    cr_assert(strchr(err.msg, '\n') == NULL);
}

Test(rlc, encode_errors)
{
    int32_t a[] = {1, 2, 128}, b[] = {0, -129}, c[] = {32768}, d[] = {-32769};
    int32_t e[] = {1, 2, 3, 4, 5, 6, 7};
    encode_fails(a, 3, 8, 4, "rlc: element 2: value 128 does not fit 8-bit signed (-128..127)");
    encode_fails(b, 2, 8, 4, "rlc: element 1: value -129 does not fit 8-bit signed");
    encode_fails(c, 1, 16, 4, "rlc: element 0: value 32768 does not fit 16-bit signed (-32768..32767)");
    encode_fails(d, 1, 16, 4, "element 0: value -32769");
    encode_fails(a, 3, 12, 4, "rlc: dw 12 is not allowed (8 or 16)");
    encode_fails(e, 7, 16, 2, "rlc: output needs 3 words, cap is 2");
    encode_fails(e, 0, 16, 0, "rlc: output needs 1 words, cap is 0");
    {
        uint64_t w[2] = {0, 0};
        size_t nw;
        cr_assert_eq(rs_rlc_encode(e, 7, 16, w, 2, &nw, NULL), -1);
        cr_assert_eq(nw, 3);
    }
}

/* ---- malformed streams ------------------------------------------------ */

static uint64_t P(unsigned k, unsigned run, int level)
{
    return ((uint64_t)run | (uint64_t)(uint16_t)level << 5) << (21 * k);
}

/* Decode must fail with want in the message, and leave the guard alone. */
static void decode_fails(const uint64_t *w, size_t nw, size_t n, int dw, const char *want)
{
    int32_t out[128];
    rs_error err = {{0}};
    cr_assert_lt(n, 128u);
    for (size_t i = 0; i <= n; i++)
        out[i] = GUARD;
    cr_assert_eq(rs_rlc_decode(w, nw, n, dw, out, &err), -1, "should fail: %s", want);
    cr_assert(strstr(err.msg, want) != NULL, "message '%s' lacks '%s'", err.msg, want);
    cr_assert(strchr(err.msg, '\n') == NULL);
    cr_assert_eq(out[n], GUARD, "decode wrote past out[n-1]");
}

Test(rlc, malformed_no_words)
{
    uint64_t w[1] = {RS_RLC_TERM};
    decode_fails(w, 0, 0, 16, "rlc: no words: a stream has at least its term word");
    decode_fails(NULL, 1, 0, 16, "rlc: no words");
}

Test(rlc, malformed_bad_dw)
{
    uint64_t w[1] = {RS_RLC_TERM};
    decode_fails(w, 1, 0, 0, "rlc: dw 0 is not allowed (8 or 16)");
    decode_fails(w, 1, 0, 32, "rlc: dw 32 is not allowed");
}

Test(rlc, malformed_level_range)
{
    uint64_t w1[] = {RS_RLC_TERM | P(0, 0, 128)};
    uint64_t w2[] = {P(0, 0, 1) | P(1, 0, 2) | P(2, 0, 3), RS_RLC_TERM | P(0, 1, -129)};
    decode_fails(w1, 1, 1, 8, "rlc: word 0 pair 0: level 128 out of range for dw=8 (-128..127)");
    decode_fails(w2, 2, 5, 8, "rlc: word 1 pair 0: level -129 out of range for dw=8");
    /* the same words are fine at dw 16 */
    {
        int32_t out[6];
        rs_error err = {{0}};
        cr_assert_eq(rs_rlc_decode(w2, 2, 5, 16, out, &err), 0, "%s", err.msg);
        cr_assert_eq(out[4], -129);
    }
}

Test(rlc, malformed_run_past_end)
{
    uint64_t w1[] = {RS_RLC_TERM | P(0, 5, 1)};
    uint64_t w2[] = {P(0, 31, 0) | P(1, 31, 0) | P(2, 31, 0), RS_RLC_TERM | P(0, 31, 0)};
    uint64_t w3[] = {RS_RLC_TERM | P(0, 1, 0)};
    decode_fails(w1, 1, 3, 16, "rlc: word 0 pair 0: run 5 runs past the tensor's end (element 5 of 3)");
    /* 96 + 32 elements for a tensor of 100 */
    decode_fails(w2, 2, 100, 16, "rlc: word 1 pair 0: run 31 runs past the tensor's end (element 127 of 100)");
    /* one element too many (run 1 = 2 elements for n = 1) */
    decode_fails(w3, 1, 1, 16, "rlc: word 0 pair 0: run 1 runs past");
}

Test(rlc, malformed_missing_term)
{
    uint64_t w1[] = {P(0, 0, 1)};
    uint64_t w2[] = {0};
    uint64_t w3[] = {P(0, 0, 1) | P(1, 0, 2), RS_RLC_TERM};
    decode_fails(w1, 1, 1, 16, "rlc: word 0: missing term bit (the tensor's 1 elements end in this word)");
    decode_fails(w2, 1, 0, 16, "rlc: word 0: missing term bit");
    /* the tensor ends in word 0: a term-only word after it is not allowed */
    decode_fails(w3, 2, 2, 16, "rlc: word 0: missing term bit");
}

Test(rlc, malformed_term_early)
{
    uint64_t w1[] = {RS_RLC_TERM | P(0, 0, 1)};
    uint64_t w2[] = {RS_RLC_TERM | P(0, 0, 1) | P(1, 0, 2) | P(2, 0, 3), RS_RLC_TERM | P(0, 0, 4)};
    uint64_t w3[] = {RS_RLC_TERM | P(0, 0, 1) | P(1, 0, 2) | P(2, 0, 3), P(0, 0, 4)};
    /* pairs 1 and 2 are (0, 0): before the end they are zero elements */
    decode_fails(w1, 1, 5, 16, "rlc: word 0: term bit before the end (after 3 of 5 elements)");
    /* term bit on a word that is not the last one */
    decode_fails(w2, 2, 4, 16, "rlc: word 0: term bit before the end (after 3 of 4 elements)");
    decode_fails(w3, 2, 4, 16, "rlc: word 0: term bit before the end");
}

Test(rlc, malformed_words_after_term)
{
    uint64_t w1[] = {RS_RLC_TERM | P(0, 0, 1), 0};
    uint64_t w2[] = {RS_RLC_TERM, RS_RLC_TERM};
    uint64_t w3[] = {RS_RLC_TERM | P(0, 0, 1) | P(1, 0, 2) | P(2, 0, 3), RS_RLC_TERM | P(0, 0, 4)};
    decode_fails(w1, 2, 1, 16, "rlc: word 1: word after the term bit (stream ended at word 0)");
    decode_fails(w2, 2, 0, 16, "rlc: word 1: word after the term bit (stream ended at word 0)");
    decode_fails(w3, 2, 3, 16, "rlc: word 1: word after the term bit");
}

Test(rlc, malformed_truncated)
{
    uint64_t w1[] = {P(0, 0, 1) | P(1, 0, 2) | P(2, 0, 3)};
    uint64_t w2[] = {P(0, 31, 0), P(0, 31, 0)};
    decode_fails(w1, 1, 10, 16, "rlc: word 0: truncated stream (ends after 3 of 10 elements, no term bit)");
    /* each word: (31, 0) = 32 elements, then two (0, 0) = 2 zero elements */
    decode_fails(w2, 2, 100, 16, "rlc: word 1: truncated stream (ends after 68 of 100 elements, no term bit)");
}

Test(rlc, malformed_unused_pairs)
{
    uint64_t w1[] = {RS_RLC_TERM | P(0, 0, 1) | P(1, 0, 2)};
    uint64_t w2[] = {RS_RLC_TERM | P(0, 0, 1) | P(2, 1, 0)};
    uint64_t w3[] = {RS_RLC_TERM | P(1, 0, -1)};
    uint64_t w4[] = {P(0, 0, 1) | P(1, 0, 2) | P(2, 0, 3), RS_RLC_TERM | P(0, 0, 4) | P(1, 0, 0) | P(2, 3, 0)};
    decode_fails(w1, 1, 1, 16, "rlc: word 0 pair 1: unused pair after the last element is not zero (0x000040)");
    decode_fails(w2, 1, 1, 16, "rlc: word 0 pair 2: unused pair after the last element is not zero (0x000001)");
    decode_fails(w3, 1, 0, 16, "rlc: word 0 pair 1: unused pair after the last element is not zero (0x1fffe0)");
    /* (0, 0) is accepted as padding, the non-zero pair after it is not */
    decode_fails(w4, 2, 4, 16, "rlc: word 1 pair 2: unused pair");
}

/* Non-canonical but well-formed streams decode. */
Test(rlc, non_canonical_accepted)
{
    uint64_t w[] = {RS_RLC_TERM | P(0, 0, 0) | P(1, 0, 0) | P(2, 0, 7)};
    int32_t out[4] = {GUARD, GUARD, GUARD, GUARD};
    rs_error err = {{0}};
    cr_assert_eq(rs_rlc_decode(w, 1, 3, 16, out, &err), 0, "%s", err.msg);
    cr_assert_eq(out[0], 0);
    cr_assert_eq(out[1], 0);
    cr_assert_eq(out[2], 7);
    cr_assert_eq(out[3], GUARD);
}

/* Every single-bit flip of a valid stream either decodes (never past
 * out[n-1]) or is rejected with a message; a decoded result re-encodes to
 * a stream that decodes to the same values. */
Test(rlc, bit_flips)
{
    int32_t v[40] = {0}, out[41], back[41];
    uint64_t w[14], w2[14];
    size_t nw, nw2, n = 40;
    rs_error err = {{0}};
    v[3] = 5;
    v[4] = -7;
    v[38] = 100;
    cr_assert_eq(rs_rlc_encode(v, n, 8, w, 14, &nw, &err), 0);
    for (size_t i = 0; i < nw; i++)
        for (int b = 0; b < 64; b++) {
            uint64_t save = w[i];
            int rc;
            w[i] ^= UINT64_C(1) << b;
            for (size_t j = 0; j <= n; j++)
                out[j] = GUARD;
            err.msg[0] = 0;
            rc = rs_rlc_decode(w, nw, n, 8, out, &err);
            cr_assert_eq(out[n], GUARD, "word %zu bit %d: wrote past the end", i, b);
            if (rc == 0) {
                cr_assert_eq(rs_rlc_encode(out, n, 8, w2, 14, &nw2, &err), 0, "%s", err.msg);
                cr_assert_eq(rs_rlc_decode(w2, nw2, n, 8, back, &err), 0, "%s", err.msg);
                cr_assert_arr_eq(back, out, n * sizeof *out);
            } else {
                cr_assert(strncmp(err.msg, "rlc: word ", 10) == 0, "message '%s'", err.msg);
            }
            w[i] = save;
        }
}

/* ---- entropy ---------------------------------------------------------- */

static void near(double got, double want)
{
    double d = got - want;
    cr_assert(d < 1e-9 * (want > 1 ? want : 1) && d > -1e-9 * (want > 1 ? want : 1), "%.15g != %.15g",
              got, want);
}

Test(rlc, entropy)
{
    int32_t c[10] = {0}, two[8] = {0, 1, 0, 1, 0, 1, 0, 1}, four[4] = {-5, 3, 9, 100};
    int32_t *u = malloc(1024 * sizeof *u), skew[4] = {0, 0, 0, 1};
    cr_assert(u);
    near(rs_entropy_bits(NULL, 0), 0);
    near(rs_entropy_bits(c, 10), 0);
    near(rs_entropy_bits(two, 8), 8);
    near(rs_entropy_bits(four, 4), 8);
    for (int i = 0; i < 1024; i++)
        u[i] = (i * 37) % 256 - 128; /* each of 256 values 4 times */
    near(rs_entropy_bits(u, 1024), 8192);
    /* p = 3/4, 1/4: 4 * (0.75 log2(4/3) + 0.25 log2 4) = 3.2451124978365313 */
    near(rs_entropy_bits(skew, 4), 3.2451124978365313);
    /* 3 values with counts 1, 2, 4 of 7: sum c log2(7/c) */
    {
        int32_t t[7] = {1, 2, 2, 3, 3, 3, 3};
        near(rs_entropy_bits(t, 7), 9.65148445440323);
    }
    free(u);
}

/* A payload goes coded only where the code saves at least a third of its
 * raw words: 2 of 3 does, 3 of 4 does not (rs_stream.c and the cycle model
 * both decide with it). */
Test(rlc, coded_only_where_a_third_is_saved)
{
    cr_expect(rs_rlc_pays(2.0, 3.0));
    cr_expect(rs_rlc_pays(10.0, 36.0));
    cr_expect(!rs_rlc_pays(3.0, 4.0));
    cr_expect(!rs_rlc_pays(1.0, 1.0));
}
