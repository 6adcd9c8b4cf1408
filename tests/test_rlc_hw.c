/* test_rlc_hw.c - the hardware RLC decoder (rtl/rs_rlc_dec.v) against the
 * software codec (sw/rs_rlc.c): the same streams, canonical or not, well-formed
 * or malformed, go through both; the hardware must put out exactly the payload
 * words of what the software decodes, raise `bad` where the software reports a
 * malformed stream, wait where the software sees a truncated one, and take no
 * word past the term word. The decoder runs in Icarus Verilog
 * (tb/rs_rlc_dec_tb.v) with random stalls on its input and output. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rs_random.h"
#include "rs_rlc.h"
#include "test_util.h"

#define MAX_CASES 400
#define MAX_WORDS 4096

typedef struct {
    int count, tags;
    size_t n_words;
    uint64_t words[MAX_WORDS];
    /* what the software says */
    enum { EXP_OK, EXP_BAD, EXP_WAIT } expect;
    size_t consumed;              /* EXP_OK: words the decoder must take */
    size_t n_out;
    uint64_t out[MAX_WORDS];      /* EXP_OK: payload words */
    char why[300];
} rlc_case;

typedef struct {
    rlc_case *c;
    int n;
} case_list;

/* payload words of the raw format: each tag's count values from a new word */
static size_t pack_payload(const int32_t *v, int count, int tags, int dw, uint64_t *out)
{
    int per = 64 / dw;
    uint64_t mask = (1ull << dw) - 1;
    size_t n = 0;
    for (int t = 0; t < tags; t++)
        for (int i = 0; i < count; i += per) {
            uint64_t w = 0;
            for (int k = 0; k < per && i + k < count; k++)
                w |= ((uint64_t)v[(size_t)t * count + i + k] & mask) << (k * dw);
            out[n++] = w;
        }
    return n;
}

/* the software's verdict on a case's stream */
static void expect_from_software(rlc_case *c, int dw)
{
    size_t n = (size_t)c->count * c->tags;
    int32_t *v = calloc(n, sizeof *v);
    cr_assert_not_null(v);
    rs_error err;
    if (rs_rlc_decode(c->words, c->n_words, n, dw, v, &err) == 0) {
        c->expect = EXP_OK;
        c->consumed = c->n_words;
    } else if (strstr(err.msg, "word after the term bit")) {
        /* the hardware stops at the term word: what follows is the next command */
        size_t term = 0;
        while (!(c->words[term] & RS_RLC_TERM))
            term++;
        cr_assert_eq(rs_rlc_decode(c->words, term + 1, n, dw, v, &err), 0, "%s", err.msg);
        c->expect = EXP_OK;
        c->consumed = term + 1;
    } else if (strstr(err.msg, "truncated")) {
        c->expect = EXP_WAIT;
    } else {
        c->expect = EXP_BAD;
    }
    snprintf(c->why, sizeof c->why, "%s", c->expect == EXP_OK ? "well-formed" : err.msg);
    if (c->expect == EXP_OK)
        c->n_out = pack_payload(v, c->count, c->tags, dw, c->out);
    free(v);
}

static rlc_case *add_case(case_list *l, int count, int tags)
{
    cr_assert_lt(l->n, MAX_CASES);
    rlc_case *c = &l->c[l->n++];
    memset(c, 0, sizeof *c);
    c->count = count;
    c->tags = tags;
    return c;
}

/* a canonical stream of v */
static rlc_case *add_values(case_list *l, const int32_t *v, int count, int tags, int dw)
{
    rlc_case *c = add_case(l, count, tags);
    rs_error err;
    cr_assert_eq(rs_rlc_encode(v, (size_t)count * tags, dw, c->words, MAX_WORDS, &c->n_words, &err), 0, "%s",
                 err.msg);
    return c;
}

static uint64_t pair(int run, int level)
{
    return (uint64_t)(run & 31) | (uint64_t)(level & 0xffff) << 5;
}

static void build_cases(case_list *l, int dw, uint64_t seed)
{
    rs_rng rng;
    rs_rng_seed(&rng, seed);
    int lim = dw == 8 ? 127 : 32767;
    int32_t v[2048];

    /* random tensors: lengths, zero shares, tag splits (runs cross tags) */
    static const double zeros[] = { 0.0, 0.3, 0.7, 0.95, 1.0 };
    for (int i = 0; i < 120; i++) {
        int count = rs_rng_range(&rng, 1, 40), tags = rs_rng_range(&rng, 1, 16);
        rs_fill_random(&rng, v, (size_t)count * tags, -lim - 1, lim, zeros[i % 5]);
        add_values(l, v, count, tags, dw);
    }
    /* edge runs: 31, 32, 63, 64, 95 zeros before a value and trailing; no zeros; one element */
    static const int runs[] = { 31, 32, 33, 63, 64, 95 };
    for (int r = 0; r < 6; r++) {
        int n = runs[r] + 1;
        memset(v, 0, sizeof v);
        v[runs[r]] = -5;
        add_values(l, v, n, 1, dw);
        add_values(l, v, runs[r], 1, dw);          /* only the zeros: a trailing run */
        add_values(l, v, 1, n, dw);                /* one element per tag */
        v[0] = lim;
        add_values(l, v, n + 7, 1, dw);
    }
    for (int k = 0; k < 64; k++)
        v[k] = k % 2 ? -lim - 1 : k + 1;
    add_values(l, v, 64, 1, dw);
    add_values(l, v, 1, 1, dw);

    /* non-canonical but well-formed: zeros written as (0,0) pairs and a split
     * run: 0 0 9 | 0 0 0, six elements, the last in word 1 pair 1 */
    rlc_case *c = add_case(l, 3, 2);
    c->words[0] = pair(0, 0) | pair(0, 0) << 21 | pair(0, 9) << 42;
    c->words[1] = pair(1, 0) | pair(0, 0) << 21 | RS_RLC_TERM;
    c->n_words = 2;

    /* malformed: each hand-made from a good stream */
    for (int i = 0; i < 40; i++) {
        int count = rs_rng_range(&rng, 2, 21), tags = rs_rng_range(&rng, 1, 4);
        rs_fill_random(&rng, v, (size_t)count * tags, 1, 100, 0.6);
        rlc_case *g = add_values(l, v, count, tags, dw);
        size_t last = g->n_words - 1;
        switch (i % 6) {
        case 0:   /* term bit missing on the final word: waits or runs on */
            g->words[last] &= ~RS_RLC_TERM;
            break;
        case 1:   /* run past the end: the first pair's run grows by 31 */
            g->words[0] = (g->words[0] & ~31ull) | 31;
            break;
        case 2:   /* term bit on the first word of a longer stream */
            if (last > 0)
                g->words[0] |= RS_RLC_TERM;
            else
                g->words[0] |= pair(3, 3) << 42;   /* or a non-zero pair after the end */
            break;
        case 3:   /* truncated: the final word left out */
            if (last > 0)
                g->n_words--;
            break;
        case 4:   /* one word more after the term word */
            g->words[g->n_words++] = pair(1, 1);
            break;
        default:  /* padding after the last element not zero */
            g->words[last] |= (uint64_t)1 << 62;
            break;
        }
    }
    if (dw == 8) {
        rlc_case *b = add_case(l, 3, 1);
        b->words[0] = pair(0, 1) | pair(0, 200) << 21 | pair(0, 2) << 42 | RS_RLC_TERM;
        b->n_words = 1;
    }
    for (int i = 0; i < l->n; i++)
        expect_from_software(&l->c[i], dw);
}

static void run_hw(case_list *l, int dw)
{
    char in[256];
    snprintf(in, sizeof in, "%s/tests/rlc_vectors_%d.hex", RS_BUILD, dw);
    FILE *f = fopen(in, "w");
    cr_assert_not_null(f);
    fprintf(f, "%016x\n", l->n);
    for (int i = 0; i < l->n; i++) {
        rlc_case *c = &l->c[i];
        fprintf(f, "%016llx\n", (unsigned long long)((uint64_t)c->count << 48 | (uint64_t)c->tags << 40 | c->n_words));
        for (size_t k = 0; k < c->n_words; k++)
            fprintf(f, "%016llx\n", (unsigned long long)c->words[k]);
    }
    fclose(f);
    f = run_icarus_tb("rs_rlc_dec_tb", dw, in);
    char line[128];
    int ci = 0;
    size_t got = 0;
    int ok = 0, bad = 0, wait = 0;
    while (fgets(line, sizeof line, f) && ci < l->n) {
        rlc_case *c = &l->c[ci];
        unsigned long long w;
        unsigned long consumed;
        if (strncmp(line, "W ", 2) == 0 && sscanf(line + 2, "%llx", &w) == 1) {
            /* a malformed stream may put out good words before its fault */
            if (c->expect == EXP_OK) {
                cr_assert_lt(got, c->n_out, "case %d: more payload words than %zu", ci, c->n_out);
                cr_assert_eq(w, c->out[got], "case %d word %zu: hardware %016llx, software %016llx (%s)", ci,
                             got, w, (unsigned long long)c->out[got], c->why);
            }
            got++;
            continue;
        }
        cr_assert(strncmp(line, "LATE-BAD", 8) != 0, "case %d: bad raised after the payload", ci);
        if (sscanf(line, "OK %lu", &consumed) == 1) {
            cr_assert_eq(c->expect, EXP_OK, "case %d: hardware accepted, software: %s", ci, c->why);
            cr_assert_eq(got, c->n_out, "case %d: %zu payload words, expected %zu", ci, got, c->n_out);
            cr_assert_eq(consumed, c->consumed, "case %d: took %lu words, the stream has %zu", ci, consumed,
                         c->consumed);
            ok++;
        } else if (sscanf(line, "BAD %lu", &consumed) == 1) {
            cr_assert_eq(c->expect, EXP_BAD, "case %d: hardware raised bad, software: %s", ci, c->why);
            bad++;
        } else if (sscanf(line, "WAIT %lu", &consumed) == 1) {
            cr_assert_eq(c->expect, EXP_WAIT, "case %d: hardware waits for words, software: %s", ci, c->why);
            cr_assert_eq(consumed, c->n_words, "case %d: waits after %lu of %zu words", ci, consumed, c->n_words);
            wait++;
        } else {
            cr_assert_fail("case %d: unreadable result line '%s'", ci, line);
        }
        ci++;
        got = 0;
    }
    fclose(f);
    cr_assert_eq(ci, l->n, "results for %d of %d cases", ci, l->n);
    /* the case mix must cover every verdict */
    cr_expect_gt(ok, 100);
    cr_expect_gt(bad, 10);
    cr_expect_gt(wait, 3);
}

static void check_width(int dw)
{
    case_list l = { .c = calloc(MAX_CASES, sizeof(rlc_case)) };
    cr_assert_not_null(l.c);
    build_cases(&l, dw, 0x5eed + (uint64_t)dw);
    run_hw(&l, dw);
    free(l.c);
}

Test(rlc_hw, decoder_matches_software_16bit, .timeout = 120)
{
    check_width(16);
}

Test(rlc_hw, decoder_matches_software_8bit, .timeout = 120)
{
    check_width(8);
}
