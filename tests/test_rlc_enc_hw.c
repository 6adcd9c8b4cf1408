/* test_rlc_enc_hw.c - the hardware RLC encoder (rtl/rs_rlc_enc.v) against the
 * software encoder (sw/rs_rlc.c): the same tensors go through both and the
 * hardware must put out exactly the canonical words rs_rlc_encode writes, with
 * out_last on the term word only, taking exactly the tensor's elements. The
 * encoder runs in Icarus Verilog (tb/rs_rlc_enc_tb.v) on all streams back to
 * back, one or two elements at a time with random gaps on its input and random
 * back-pressure on its output; a few streams run without stalls to check two
 * elements per cycle, and a few
 * are flushed half-way (the encoder must be idle at once and the next stream
 * must come out right). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rs_random.h"
#include "rs_rlc.h"
#include "test_util.h"

#define MAX_CASES 300
#define MAX_N 2048
#define MAX_WORDS 700 /* >= rs_rlc_max_words(MAX_N) */

typedef struct {
    int n;
    int fast;                 /* no stalls: check the cycle count */
    int flush_at;             /* >= 0: flush after this many elements */
    int32_t v[MAX_N];
    size_t n_words;
    uint64_t words[MAX_WORDS]; /* what rs_rlc_encode writes */
} enc_case;

typedef struct {
    enc_case *c;
    int n;
    int dw;
} case_list;

static enc_case *add(case_list *l, const int32_t *v, int n)
{
    cr_assert_lt(l->n, MAX_CASES);
    cr_assert_leq(n, MAX_N);
    enc_case *c = &l->c[l->n++];
    memset(c, 0, sizeof *c);
    c->n = n;
    c->flush_at = -1;
    if (n)
        memcpy(c->v, v, (size_t)n * sizeof *v);
    rs_error err;
    cr_assert_eq(rs_rlc_encode(c->v, (size_t)n, l->dw, c->words, MAX_WORDS, &c->n_words, &err), 0, "%s", err.msg);
    return c;
}

static void build_cases(case_list *l, uint64_t seed)
{
    rs_rng rng;
    rs_rng_seed(&rng, seed);
    int lo = l->dw == 8 ? -128 : -32768, hi = -lo - 1;
    static int32_t v[MAX_N];

    /* n = 0 and n = 1 first, and two empty streams back to back */
    add(l, v, 0);
    add(l, v, 0);
    static const int32_t ones[] = { 0, 1, -1, 0, 0 };
    for (int i = 0; i < 5; i++) {
        v[0] = i == 3 ? lo : i == 4 ? hi : ones[i];
        add(l, v, 1);
    }

    /* random tensors: lengths 0..2000, zero shares 0, 0.5, 0.9, 1 */
    static const double zeros[] = { 0.0, 0.5, 0.9, 1.0 };
    for (int i = 0; i < 110; i++) {
        int n = rs_rng_range(&rng, 0, 2000);
        rs_fill_random(&rng, v, (size_t)n, lo, hi, zeros[i % 4]);
        add(l, v, n);
        if (i == 10)
            add(l, v, 0); /* an empty stream between long ones */
    }

    /* zero runs of the edge lengths before a value, trailing, and alone,
     * after 0, 1 or 2 values (so the run starts at each pair of a word) */
    static const int runs[] = { 31, 32, 33, 63, 64, 95 };
    for (int r = 0; r < 6; r++)
        for (int lead = 0; lead < 3; lead++) {
            int z = runs[r], n;
            for (int k = 0; k < lead; k++)
                v[k] = k + 2;
            memset(v + lead, 0, (size_t)z * sizeof *v);
            v[lead + z] = r % 2 ? lo : hi;
            add(l, v, lead + z + 1);                  /* run, value */
            add(l, v, lead + z);                      /* trailing run */
            n = lead + z + 1;
            memset(v + n, 0, (size_t)z * sizeof *v);
            add(l, v, n + z);                         /* run, value, trailing run */
        }

    /* all zeros */
    static const int allz[] = { 2, 3, 4, 30, 31, 32, 33, 64, 96, 97, 1000, 2000 };
    memset(v, 0, sizeof v);
    for (int i = 0; i < 12; i++)
        add(l, v, allz[i]);

    /* no zeros, extreme values, and extremes between zeros */
    for (int n = 1; n <= 7; n++) {
        for (int k = 0; k < n; k++)
            v[k] = k % 2 ? lo : hi;
        add(l, v, n);
    }
    for (int k = 0; k < 2000; k++) {
        v[k] = rs_rng_range(&rng, lo, hi);
        if (v[k] == 0)
            v[k] = 1;
    }
    add(l, v, 2000);
    for (int k = 0; k < 300; k++)
        v[k] = k % 7 == 0 ? lo : k % 7 == 3 ? hi : 0;
    add(l, v, 300);

    /* without stalls: one element per cycle */
    static const double fz[] = { 0.0, 0.5, 0.9, 1.0, 0.97 };
    for (int i = 0; i < 5; i++) {
        rs_fill_random(&rng, v, 1000, lo, hi, fz[i]);
        add(l, v, 1000)->fast = 1;
    }
    add(l, v, 0)->fast = 1;
    v[0] = 5;
    add(l, v, 1)->fast = 1;

    /* flushed part-way (also right after start), then a normal stream */
    static const int fl[] = { 0, 1, 40, 199 };
    for (int i = 0; i < 4; i++) {
        rs_fill_random(&rng, v, 200, lo, hi, 0.7);
        add(l, v, 200)->flush_at = fl[i];
        rs_fill_random(&rng, v, 50, lo, hi, 0.5);
        add(l, v, 50);
    }
}

static void run_hw(case_list *l)
{
    char in[256];
    int dw = l->dw;
    snprintf(in, sizeof in, "%s/tests/rlc_enc_vectors_%d.hex", RS_BUILD, dw);
    FILE *f = fopen(in, "w");
    cr_assert_not_null(f);
    fprintf(f, "%016x\n", l->n);
    for (int i = 0; i < l->n; i++) {
        enc_case *c = &l->c[i];
        uint64_t hdr = (uint64_t)c->n | (uint64_t)(c->flush_at >= 0 ? c->flush_at : 0) << 24 |
                       (uint64_t)(c->fast != 0) << 48 | (uint64_t)(c->flush_at >= 0) << 49;
        fprintf(f, "%016llx\n", (unsigned long long)hdr);
        for (int k = 0; k < c->n; k++)
            fprintf(f, "%04x\n", (unsigned)c->v[k] & ((1u << dw) - 1));
    }
    fclose(f);
    f = run_icarus_tb("rs_rlc_enc_tb", dw, in);
    char line[256];
    int ci = 0, fast = 0, flushed = 0;
    size_t got = 0;
    while (fgets(line, sizeof line, f) && ci < l->n) {
        enc_case *c = &l->c[ci];
        unsigned long long w;
        unsigned long words, taken, cycles;
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "W ", 2) == 0 && sscanf(line + 2, "%llx", &w) == 1) {
            if (c->flush_at < 0) {
                cr_assert_lt(got, c->n_words, "case %d (n=%d): more than the %zu words of the software", ci, c->n,
                             c->n_words);
                cr_assert_eq(w, c->words[got], "case %d (n=%d) word %zu: hardware %016llx, software %016llx", ci,
                             c->n, got, w, (unsigned long long)c->words[got]);
            }
            got++;
            continue;
        }
        cr_assert(strncmp(line, "ERR", 3) != 0, "case %d (n=%d): %s", ci, c->n, line);
        if (sscanf(line, "END %lu %lu %lu", &words, &taken, &cycles) == 3) {
            cr_assert_lt(c->flush_at, 0, "case %d: not flushed after %d elements", ci, c->flush_at);
            cr_assert_eq(got, c->n_words, "case %d (n=%d): %zu words, software %zu", ci, c->n, got, c->n_words);
            cr_assert_eq(taken, (unsigned long)c->n, "case %d: took %lu of %d elements", ci, taken, c->n);
            if (c->fast) {
                /* two elements per edge, and the term word on the next (or
                 * the one after, when the last edge completed two words) */
                cr_assert_leq(cycles, (unsigned long)(c->n + 1) / 2 + 2, "case %d: %lu cycles for %d elements", ci,
                              cycles, c->n);
                fast++;
            }
        } else if (sscanf(line, "FLUSHED %lu", &taken) == 1) {
            /* elements come two at a time: the flush may follow one more */
            cr_assert(taken == (unsigned long)c->flush_at || taken == (unsigned long)c->flush_at + 1,
                      "case %d: flushed after %lu elements, not %d", ci, taken, c->flush_at);
            flushed++;
        } else {
            cr_assert_fail("case %d (n=%d): %s", ci, c->n, line);
        }
        ci++;
        got = 0;
    }
    fclose(f);
    cr_assert_eq(ci, l->n, "results for %d of %d cases", ci, l->n);
    cr_assert_eq(fast, 7);
    cr_assert_eq(flushed, 4);
}

static void check_width(int dw)
{
    case_list l = { .c = calloc(MAX_CASES, sizeof(enc_case)), .dw = dw };
    cr_assert_not_null(l.c);
    build_cases(&l, 0xe7c0de + (uint64_t)dw);
    cr_assert_geq(l.n, 200, "%d cases", l.n);
    run_hw(&l);
    free(l.c);
}

Test(rlc_enc_hw, encoder_matches_software_16bit, .timeout = 240)
{
    check_width(16);
}

Test(rlc_enc_hw, encoder_matches_software_8bit, .timeout = 240)
{
    check_width(8);
}
