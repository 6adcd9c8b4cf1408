/* test_golden.c - golden reference against hand-computed results.
 *
 * Every expected number below is worked out by hand in the comment next to
 * it, so these tests pin the arithmetic contract itself (orientation of the
 * filter, padding, stride, groups, bias, wrap, rounding, saturation, ReLU),
 * not just agreement between two implementations. A final test compares the
 * optimised loop nest with a literal per-MAC definition on many shapes to
 * cover the padding clipping.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "rs_golden.h"
#include "rs_shape.h"

static const rs_quant Q16 = {.dw = 16, .pw = 32, .shift = 0, .relu = 0, .raw = 0};

static rs_shape shape(const char *text)
{
    rs_shape s;
    rs_error err = {{0}};
    cr_assert_eq(rs_shape_parse(text, &s, &err), 0, "%s: %s", text, err.msg);
    return s;
}

/* Run one layer and compare with `want` (N*M*P*Q values). */
static void run(const char *shp, const rs_quant *q, const int32_t *x, const int32_t *w,
                const int32_t *b, const int32_t *want)
{
    rs_shape s = shape(shp);
    size_t n = (size_t)s.N * (size_t)s.M * (size_t)s.P * (size_t)s.Q;
    int32_t out[256];
    rs_error err = {{0}};
    cr_assert_leq(n, 256u);
    cr_assert_eq(rs_conv_ref(&s, q, x, w, b, out, &err), 0, "%s", err.msg);
    for (size_t i = 0; i < n; i++)
        cr_expect_eq(out[i], want[i], "%s: out[%zu] = %d, want %d", shp, i, out[i], want[i]);
}

/* Requantize a row of accumulators through the conv path (1x1 conv with
 * weight 1 and the accumulator as bias, so large values need no large x)
 * and through rs_requant, and check both against `want`. */
static void requant_row(const rs_quant *q, const int32_t *acc, const int32_t *want, int n)
{
    for (int i = 0; i < n; i++) {
        rs_shape s = shape("C=1,M=1,H=1,W=1,R=1,S=1");
        int32_t x = 0, w = 0, out = 12345;
        rs_error err = {{0}};
        cr_assert_eq(rs_conv_ref(&s, q, &x, &w, &acc[i], &out, &err), 0, "%s", err.msg);
        cr_expect_eq(out, want[i], "conv: acc %d -> %d, want %d", acc[i], out, want[i]);
        cr_expect_eq(rs_requant(acc[i], q), want[i], "requant: acc %d -> %d, want %d", acc[i],
                     rs_requant(acc[i], q), want[i]);
    }
}

Test(golden, conv_1x1)
{
    /* x: c0 = [1 2 3 4], c1 = [5 6 7 8] (2x2 planes, row major)
     * m0 = 1*c0 + 2*c1 = [1+10, 2+12, 3+14, 4+16] = [11 14 17 20]
     * m1 = -1*c0 + 3*c1 = [-1+15, -2+18, -3+21, -4+24] = [14 16 18 20] */
    const int32_t x[] = {1, 2, 3, 4, 5, 6, 7, 8};
    const int32_t w[] = {1, 2, -1, 3};
    const int32_t want[] = {11, 14, 17, 20, 14, 16, 18, 20};
    run("C=2,M=2,H=2,W=2,R=1,S=1", &Q16, x, w, NULL, want);
}

Test(golden, conv_3x3_padded_all_ones)
{
    /* x = [1 2 3; 4 5 6; 7 8 9], w = ones, pad 1: each output is the sum of
     * the 3x3 neighbourhood inside the image:
     *   (0,0) 1+2+4+5=12        (0,1) 1+2+3+4+5+6=21     (0,2) 2+3+5+6=16
     *   (1,0) 1+2+4+5+7+8=27    (1,1) 1+..+9=45          (1,2) 2+3+5+6+8+9=33
     *   (2,0) 4+5+7+8=24        (2,1) 4+5+6+7+8+9=39     (2,2) 5+6+8+9=28 */
    const int32_t x[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    const int32_t w[] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    const int32_t want[] = {12, 21, 16, 27, 45, 33, 24, 39, 28};
    run("C=1,M=1,H=3,W=3,R=3,S=3,pad=1", &Q16, x, w, NULL, want);
}

Test(golden, conv_3x3_padded_orientation)
{
    /* Cross-correlation (no filter flip): out(p,q) = sum w(r,s) x(p+r-1, q+s-1).
     * w = [1 0 0; 0 0 10; 0 0 0] -> out(p,q) = x(p-1,q-1) + 10*x(p,q+1),
     * with x = [1 2 3; 4 5 6; 7 8 9] and zeros outside:
     *   row 0: [0+10*2, 0+10*3, 0+0]   = [20 30 0]
     *   row 1: [0+10*5, 1+10*6, 2+0]   = [50 61 2]
     *   row 2: [0+10*8, 4+10*9, 5+0]   = [80 94 5] */
    const int32_t x[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    const int32_t w[] = {1, 0, 0, 0, 0, 10, 0, 0, 0};
    const int32_t want[] = {20, 30, 0, 50, 61, 2, 80, 94, 5};
    run("C=1,M=1,H=3,W=3,R=3,S=3,pad=1", &Q16, x, w, NULL, want);
}

Test(golden, conv_stride2)
{
    /* 5x5 input x(h,w) = 5h+w, 3x3 ones, stride 2, no pad -> P = Q = 2.
     * Window at (h0,w0) sums to 9*(5*h0+w0) + 5*3*(0+1+2) + 3*(0+1+2)
     *                        = 9*(5*h0+w0) + 54:
     *   (0,0): 54   (0,2): 18+54=72   (2,0): 90+54=144   (2,2): 108+54=162 */
    int32_t x[25];
    const int32_t w[] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    const int32_t want[] = {54, 72, 144, 162};
    for (int i = 0; i < 25; i++)
        x[i] = i;
    run("C=1,M=1,H=5,W=5,R=3,S=3,U=2", &Q16, x, w, NULL, want);
}

Test(golden, conv_stride2_padded)
{
    /* 4x4 input x(h,w) = 4h+w, 3x3 ones, stride 2, pad 1 -> P = (4+2-3)/2+1 = 2.
     * Window rows 2p-1..2p+1, cols 2q-1..2q+1, clipped to the image:
     *   (0,0): rows 0-1, cols 0-1: 0+1+4+5 = 10
     *   (0,1): rows 0-1, cols 1-3: 1+2+3+5+6+7 = 24
     *   (1,0): rows 1-3, cols 0-1: 4+5+8+9+12+13 = 51
     *   (1,1): rows 1-3, cols 1-3: 5+6+7+9+10+11+13+14+15 = 90 */
    int32_t x[16];
    const int32_t w[] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    const int32_t want[] = {10, 24, 51, 90};
    for (int i = 0; i < 16; i++)
        x[i] = i;
    run("C=1,M=1,H=4,W=4,R=3,S=3,U=2,pad=1", &Q16, x, w, NULL, want);
}

Test(golden, conv_groups2)
{
    /* C=4, M=2, G=2: m0 sees c0,c1; m1 sees c2,c3. x = [1 2 3 4].
     * weights [M][C/G]: m0 = [10 100] -> 10*1 + 100*2 = 210
     *                   m1 = [100 1000] -> 100*3 + 1000*4 = 4300
     * (a wrong group mapping would give m1 = 100*1 + 1000*2 = 2100) */
    const int32_t x[] = {1, 2, 3, 4};
    const int32_t w[] = {10, 100, 100, 1000};
    const int32_t want[] = {210, 4300};
    run("C=4,M=2,H=1,W=1,R=1,S=1,G=2", &Q16, x, w, NULL, want);
}

Test(golden, conv_groups2_output_channels)
{
    /* C=4, M=4, G=2: m0,m1 in group 0 (c0,c1), m2,m3 in group 1 (c2,c3).
     * w: m0=[1 0], m1=[0 1], m2=[1 0], m3=[0 1] -> out = [c0 c1 c2 c3] = x. */
    const int32_t x[] = {5, -6, 7, -8};
    const int32_t w[] = {1, 0, 0, 1, 1, 0, 0, 1};
    const int32_t want[] = {5, -6, 7, -8};
    run("C=4,M=4,H=1,W=1,R=1,S=1,G=2", &Q16, x, w, NULL, want);
}

Test(golden, conv_batch2)
{
    /* N=2, 1x1: image 0 x=[1 2], image 1 x=[3 4]; one filter w=[5 -1]
     *   n0: 5*1 - 2 = 3;  n1: 5*3 - 4 = 11 */
    const int32_t x[] = {1, 2, 3, 4};
    const int32_t w[] = {5, -1};
    const int32_t want[] = {3, 11};
    run("N=2,C=2,M=1,H=1,W=1,R=1,S=1", &Q16, x, w, NULL, want);
}

Test(golden, conv_bias)
{
    /* conv_1x1 plus bias [100 -7]:
     *   m0 = [11 14 17 20] + 100 = [111 114 117 120]
     *   m1 = [14 16 18 20] - 7   = [7 9 11 13] */
    const int32_t x[] = {1, 2, 3, 4, 5, 6, 7, 8};
    const int32_t w[] = {1, 2, -1, 3};
    const int32_t b[] = {100, -7};
    const int32_t want[] = {111, 114, 117, 120, 7, 9, 11, 13};
    run("C=2,M=2,H=2,W=2,R=1,S=1", &Q16, x, w, b, want);
}

Test(golden, wrap_pw16)
{
    const rs_quant raw16 = {.dw = 16, .pw = 16, .shift = 0, .relu = 0, .raw = 1};
    /* 200*200 = 40000 -> 40000 - 65536 = -25536 */
    {
        const int32_t x[] = {200}, w[] = {200}, want[] = {-25536};
        run("C=1,M=1,H=1,W=1,R=1,S=1", &raw16, x, w, NULL, want);
    }
    /* 32767*32767 + 32767*1 = (2^30 - 2^16 + 1) + 32767 == 1 + 32767 = 32768
     * (mod 2^16) -> -32768 as signed 16-bit */
    {
        const int32_t x[] = {32767, 32767}, w[] = {32767, 1}, want[] = {-32768};
        run("C=2,M=1,H=1,W=1,R=1,S=1", &raw16, x, w, NULL, want);
    }
    /* Wrapped, then requantized: 40000 -> -25536; dw=16 keeps it, shift 4:
     * (-25536 + 8) >> 4 = floor(-25528/16) = floor(-1595.5) = -1596 */
    {
        const rs_quant q = {.dw = 16, .pw = 16, .shift = 4, .relu = 0, .raw = 0};
        const int32_t x[] = {200}, w[] = {200}, want[] = {-1596};
        run("C=1,M=1,H=1,W=1,R=1,S=1", &q, x, w, NULL, want);
    }
}

Test(golden, wrap_pw32)
{
    const rs_quant raw32 = {.dw = 16, .pw = 32, .shift = 0, .relu = 0, .raw = 1};
    /* (-32768)^2 = 2^30; 4 of them = 2^32 == 0 (mod 2^32) */
    {
        const int32_t x[] = {-32768, -32768, -32768, -32768};
        const int32_t w[] = {-32768, -32768, -32768, -32768};
        const int32_t want[] = {0};
        run("C=4,M=1,H=1,W=1,R=1,S=1", &raw32, x, w, NULL, want);
    }
    /* 3 * 2^30 = 3221225472 - 2^32 = -1073741824 */
    {
        const int32_t x[] = {-32768, -32768, -32768};
        const int32_t w[] = {-32768, -32768, -32768};
        const int32_t want[] = {-1073741824};
        run("C=3,M=1,H=1,W=1,R=1,S=1", &raw32, x, w, NULL, want);
    }
    /* bias 2^31-1 plus 1*1 = 2^31 -> -2^31 */
    {
        const int32_t x[] = {1}, w[] = {1}, b[] = {INT32_MAX}, want[] = {INT32_MIN};
        run("C=1,M=1,H=1,W=1,R=1,S=1", &raw32, x, w, b, want);
    }
}

Test(golden, rounding_ties_shift1)
{
    /* shift 1 = divide by 2, ties toward +infinity:
     *   5 -> 2.5 -> 3     -5 -> -2.5 -> -2     3 -> 1.5 -> 2    -3 -> -1.5 -> -1
     *   7 -> 3.5 -> 4     -7 -> -3.5 -> -3     4 -> 2           -4 -> -2
     *   1 -> 0.5 -> 1     -1 -> -0.5 -> 0      0 -> 0 */
    const rs_quant q = {.dw = 16, .pw = 32, .shift = 1, .relu = 0, .raw = 0};
    const int32_t acc[] = {5, -5, 3, -3, 7, -7, 4, -4, 1, -1, 0};
    const int32_t want[] = {3, -2, 2, -1, 4, -3, 2, -2, 1, 0, 0};
    requant_row(&q, acc, want, 11);
}

Test(golden, rounding_shift2)
{
    /* shift 2 = divide by 4, nearest, ties up:
     *   5 -> 1.25 -> 1    -5 -> -1.25 -> -1    6 -> 1.5 -> 2    -6 -> -1.5 -> -1
     *   7 -> 1.75 -> 2    -7 -> -1.75 -> -2    -2 -> -0.5 -> 0  2 -> 0.5 -> 1 */
    const rs_quant q = {.dw = 16, .pw = 32, .shift = 2, .relu = 0, .raw = 0};
    const int32_t acc[] = {5, -5, 6, -6, 7, -7, -2, 2};
    const int32_t want[] = {1, -1, 2, -1, 2, -2, 0, 1};
    requant_row(&q, acc, want, 8);
}

Test(golden, rounding_through_conv)
{
    /* The same rule on real MACs: x = [5 -5 3 -3] (1x4 row), w = 1, shift 1
     * -> [3 -2 2 -1] */
    const rs_quant q = {.dw = 16, .pw = 32, .shift = 1, .relu = 0, .raw = 0};
    const int32_t x[] = {5, -5, 3, -3}, w[] = {1}, want[] = {3, -2, 2, -1};
    run("C=1,M=1,H=1,W=4,R=1,S=1", &q, x, w, NULL, want);
}

Test(golden, shift_extremes)
{
    /* shift = pw = 32: acc + 2^31 lies in [0, 2^32) for every 32-bit acc,
     * so floor((acc + 2^31) / 2^32) = 0 for all of them. */
    const rs_quant q32 = {.dw = 16, .pw = 32, .shift = 32, .relu = 0, .raw = 0};
    const int32_t a32[] = {INT32_MIN, INT32_MAX, 0, -1};
    const int32_t w32[] = {0, 0, 0, 0};
    requant_row(&q32, a32, w32, 4);
    /* shift 31 (divide by 2^31):
     *   2^30     -> 0.5 (tie, up)  -> 1
     *   -2^30    -> -0.5 (tie, up) -> 0
     *   -2^30-1  -> just below -0.5 -> -1
     *   -2^31    -> exactly -1      -> -1 */
    const rs_quant q31 = {.dw = 16, .pw = 32, .shift = 31, .relu = 0, .raw = 0};
    const int32_t a31[] = {1 << 30, -(1 << 30), -(1 << 30) - 1, INT32_MIN};
    const int32_t w31[] = {1, 0, -1, -1};
    requant_row(&q31, a31, w31, 4);
}

Test(golden, saturation_dw8)
{
    /* dw=8: range -128..127, shift 2 (divide by 4, nearest, ties up):
     *   1000 -> 250 -> 127            -1000 -> -250 -> -128
     *   508 -> 127.0 -> 127           510 -> 127.5 -> 128 -> 127
     *   -512 -> -128.0 -> -128        -514 -> -128.5 -> -128 (tie up) -> -128
     *   -516 -> -129.0 -> -128        -510 -> -127.5 -> -127 */
    const rs_quant q = {.dw = 8, .pw = 32, .shift = 2, .relu = 0, .raw = 0};
    const int32_t acc[] = {1000, -1000, 508, 510, -512, -514, -516, -510};
    const int32_t want[] = {127, -128, 127, 127, -128, -128, -128, -127};
    requant_row(&q, acc, want, 8);
}

Test(golden, saturation_dw16)
{
    /* dw=16, no shift: clamp to -32768..32767 */
    const rs_quant q = {.dw = 16, .pw = 32, .shift = 0, .relu = 0, .raw = 0};
    const int32_t acc[] = {100000, -100000, 32767, -32768, 32768, -32769};
    const int32_t want[] = {32767, -32768, 32767, -32768, 32767, -32768};
    requant_row(&q, acc, want, 6);
    /* through real MACs: 300*300*2 = 180000 -> 32767; -180000 -> -32768 */
    const int32_t x[] = {300, 300, -300, -300}, w[] = {300, 300}, want2[] = {32767, -32768};
    run("N=2,C=2,M=1,H=1,W=1,R=1,S=1", &q, x, w, NULL, want2);
}

Test(golden, relu)
{
    /* relu after saturation and rounding (dw=8, shift 1):
     *   -5 -> -2.5 -> -2 -> 0      -2 -> -1 -> 0      -1 -> -0.5 -> 0 -> 0
     *   7 -> 3.5 -> 4               1000 -> 500 -> 127  -1000 -> -500 -> -128 -> 0 */
    const rs_quant q = {.dw = 8, .pw = 32, .shift = 1, .relu = 1, .raw = 0};
    const int32_t acc[] = {-5, -2, -1, 7, 1000, -1000, 0};
    const int32_t want[] = {0, 0, 0, 4, 127, 0, 0};
    requant_row(&q, acc, want, 7);
}

Test(golden, raw_mode)
{
    /* raw ignores shift, saturation and relu: output = wrapped acc */
    const rs_quant q = {.dw = 8, .pw = 32, .shift = 2, .relu = 1, .raw = 1};
    const int32_t acc[] = {1000, -1000, INT32_MIN, 5};
    requant_row(&q, acc, acc, 4);
    /* and wraps at pw: pw=20, 2^19 -> -2^19 (bias must fit pw, so use MACs:
     * 512*512*2 = 2^19 = 524288 -> 524288 - 2^20 = -524288) */
    const rs_quant q20 = {.dw = 16, .pw = 20, .shift = 0, .relu = 0, .raw = 1};
    const int32_t x[] = {512, 512}, w[] = {512, 512}, want[] = {-524288};
    run("C=2,M=1,H=1,W=1,R=1,S=1", &q20, x, w, NULL, want);
}

Test(golden, helpers_wrap)
{
    cr_assert_eq(rs_wrap(40000, 16), -25536);
    cr_assert_eq(rs_wrap(-32769, 16), 32767);
    cr_assert_eq(rs_wrap(32767, 16), 32767);
    cr_assert_eq(rs_wrap(0xFFFFFFFFll, 32), -1);
    cr_assert_eq(rs_wrap(0x80000000ll, 32), INT32_MIN);
    cr_assert_eq(rs_wrap(INT64_MIN, 8), 0);
    cr_assert_eq(rs_wrap(INT64_MIN, 64), INT64_MIN);
    cr_assert_eq(rs_wrap(1, 1), -1);
    cr_assert_eq(rs_wrap(2, 1), 0);
    cr_assert_eq(rs_wrap(-129, 8), 127);
    /* rs_requant wraps to pw first: 40000 at pw=16 is -25536, dw=8 -> -128 */
    const rs_quant q = {.dw = 8, .pw = 16, .shift = 0, .relu = 0, .raw = 0};
    cr_assert_eq(rs_requant(40000, &q), -128);
}

/* ---- invalid inputs --------------------------------------------------- */

static void conv_fails(const char *shp, const rs_quant *q, const int32_t *x, const int32_t *w,
                       const int32_t *b, const char *want)
{
    rs_shape s = shape(shp);
    int32_t out[16];
    rs_error err = {{0}};
    for (int i = 0; i < 16; i++)
        out[i] = 777;
    cr_assert_eq(rs_conv_ref(&s, q, x, w, b, out, &err), -1, "%s should fail", want);
    cr_assert(strstr(err.msg, want) != NULL, "message '%s' lacks '%s'", err.msg, want);
    for (int i = 0; i < 16; i++)
        cr_assert_eq(out[i], 777, "ofmap written on error");
}

Test(golden, invalid_inputs)
{
    const rs_quant q8 = {.dw = 8, .pw = 16, .shift = 0, .relu = 0, .raw = 0};
    const char *shp = "C=2,M=1,H=1,W=2,R=1,S=1";
    const int32_t xok[] = {1, 2, 3, 4}, wok[] = {1, 1};
    /* x[n=0,c=1,h=0,w=0] is flat index 2 */
    const int32_t xbad[] = {1, 2, 128, 4};
    const int32_t wbad[] = {1, -129};
    const int32_t bbad[] = {32768};
    conv_fails(shp, &q8, xbad, wok, NULL, "ifmap[n=0,c=1,h=0,w=0] (flat index 2) = 128 is out of range -128..127");
    conv_fails(shp, &q8, xok, wbad, NULL, "weights[m=0,c=1,r=0,s=0] (flat index 1) = -129 is out of range -128..127");
    conv_fails(shp, &q8, xok, wok, bbad, "bias[m=0] = 32768 is out of range -32768..32767");

    const rs_quant bad_dw = {.dw = 12, .pw = 32};
    const rs_quant bad_pw_lo = {.dw = 16, .pw = 15};
    const rs_quant bad_pw_hi = {.dw = 16, .pw = 33};
    const rs_quant bad_shift_neg = {.dw = 16, .pw = 32, .shift = -1};
    const rs_quant bad_shift_hi = {.dw = 16, .pw = 24, .shift = 25};
    const rs_quant bad_relu = {.dw = 16, .pw = 32, .relu = 2};
    const rs_quant bad_raw = {.dw = 16, .pw = 32, .raw = -1};
    const rs_quant bad_thresh_neg = {.dw = 16, .pw = 32, .thresh = -1};
    const rs_quant bad_thresh_hi = {.dw = 16, .pw = 32, .thresh = 32768};
    const rs_quant bad_thresh_8 = {.dw = 8, .pw = 32, .thresh = 128};
    conv_fails(shp, &bad_dw, xok, wok, NULL, "quant: dw=12 is not supported (allowed: 8, 16)");
    conv_fails(shp, &bad_pw_lo, xok, wok, NULL, "quant: pw=15 is out of range 16..32");
    conv_fails(shp, &bad_pw_hi, xok, wok, NULL, "quant: pw=33 is out of range 16..32");
    conv_fails(shp, &bad_shift_neg, xok, wok, NULL, "quant: shift=-1 is out of range 0..32");
    conv_fails(shp, &bad_shift_hi, xok, wok, NULL, "quant: shift=25 is out of range 0..24");
    conv_fails(shp, &bad_relu, xok, wok, NULL, "quant: relu=2 is out of range 0..1");
    conv_fails(shp, &bad_raw, xok, wok, NULL, "quant: raw=-1 is out of range 0..1");
    conv_fails(shp, &bad_thresh_neg, xok, wok, NULL, "quant: thresh=-1 is out of range 0..32767 (dw=16)");
    conv_fails(shp, &bad_thresh_hi, xok, wok, NULL, "quant: thresh=32768 is out of range 0..32767 (dw=16)");
    conv_fails(shp, &bad_thresh_8, xok, wok, NULL, "quant: thresh=128 is out of range 0..127 (dw=8)");
}

Test(golden, invalid_shape_and_pointers)
{
    rs_shape s = {.N = 1, .C = 1, .M = 1, .H = 3, .W = 3, .R = 3, .S = 3, .U = 1, .G = 1};
    int32_t x[9] = {0}, w[9] = {0}, out[9];
    rs_error err = {{0}};
    /* P, Q never filled in (rs_shape_check not called) */
    cr_assert_eq(rs_conv_ref(&s, &Q16, x, w, NULL, out, &err), -1);
    cr_assert(strstr(err.msg, "run rs_shape_check first") != NULL, "%s", err.msg);
    cr_assert_eq(rs_shape_check(&s, &err), 0);
    cr_assert_eq(rs_conv_ref(&s, &Q16, NULL, w, NULL, out, &err), -1);
    cr_assert_str_eq(err.msg, "golden: ifmap tensor is NULL");
    cr_assert_eq(rs_conv_ref(&s, &Q16, x, NULL, NULL, out, &err), -1);
    cr_assert_eq(rs_conv_ref(&s, &Q16, x, w, NULL, NULL, &err), -1);
    cr_assert_eq(rs_conv_ref(&s, NULL, x, w, NULL, out, &err), -1);
    cr_assert_eq(rs_conv_ref(NULL, &Q16, x, w, NULL, out, &err), -1);
    s.G = 2; /* invalid: C=1 */
    cr_assert_eq(rs_conv_ref(&s, &Q16, x, w, NULL, out, &err), -1);
    cr_assert(strstr(err.msg, "G=2 is out of range 1..1") != NULL, "%s", err.msg);
}

/* ---- activation threshold (step 1a) ------------------------------------ */

Test(golden, threshold_zeroes_small_activations)
{
    /* x = [3 -4 5 -6 0 7], 1x3 filter w = [1 10 100], no pad, Q = 4:
     *   T = 0: q0 = 3 - 40 + 500 = 463, q1 = -4 + 50 - 600 = -554,
     *          q2 = 5 - 60 + 0 = -55,   q3 = -6 + 0 + 700 = 694
     *   T = 4 (3 and -4 count as 0; 5 does not):
     *          q0 = 0 + 0 + 500 = 500,  q1 = 0 + 50 - 600 = -550,
     *          q2 = -55, q3 = 694
     *   T = 6 (all but 7 count as 0): [0 0 0 700] */
    const int32_t x[] = {3, -4, 5, -6, 0, 7}, w[] = {1, 10, 100};
    const int32_t want0[] = {463, -554, -55, 694}, want4[] = {500, -550, -55, 694}, want6[] = {0, 0, 0, 700};
    rs_quant q = Q16;
    run("C=1,M=1,H=1,W=6,R=1,S=3", &q, x, w, NULL, want0);
    q.thresh = 4;
    run("C=1,M=1,H=1,W=6,R=1,S=3", &q, x, w, NULL, want4);
    q.thresh = 6;
    run("C=1,M=1,H=1,W=6,R=1,S=3", &q, x, w, NULL, want6);
}

Test(golden, threshold_at_the_most_negative_value)
{
    /* |-32768| = 32768 > 32767: the largest threshold keeps it (no overflow),
     * and zeroes everything else: x = [-32768 32767 -32767 1], w = 1, bias 5
     * -> [5 - 32768, 5, 5, 5] = [-32763 5 5 5] */
    const int32_t x[] = {-32768, 32767, -32767, 1}, w[] = {1}, b[] = {5};
    const int32_t want[] = {-32763, 5, 5, 5};
    rs_quant q = Q16;
    q.thresh = 32767;
    run("C=1,M=1,H=1,W=4,R=1,S=1", &q, x, w, b, want);
    /* 8 bits: |-128| = 128 > 127 */
    const int32_t x8[] = {-128, 127, -127, 0};
    const int32_t want8[] = {-123, 5, 5, 5};
    rs_quant q8 = {.dw = 8, .pw = 32, .thresh = 127};
    run("C=1,M=1,H=1,W=4,R=1,S=1", &q8, x8, w, b, want8);
}

/* ---- optimised loops vs. the literal definition ----------------------- */

static uint32_t lcg(uint32_t *st)
{
    *st = *st * 1664525u + 1013904223u;
    return *st >> 8;
}

/* out[n][m][p][q] = requant(bias[m] + sum_{c,r,s} x[n][g*Cg+c][pU+r-pad][qU+s-pad]
 *                                                  * w[m][c][r][s]) */
static int32_t naive(const rs_shape *s, const rs_quant *q, const int32_t *x, const int32_t *w,
                     const int32_t *b, int n, int m, int p, int qq)
{
    int Cg = s->C / s->G, g = m / (s->M / s->G);
    int64_t acc = b ? b[m] : 0;
    for (int c = 0; c < Cg; c++)
        for (int r = 0; r < s->R; r++)
            for (int t = 0; t < s->S; t++) {
                int h = p * s->U + r - s->pad, v = qq * s->U + t - s->pad;
                if (h < 0 || h >= s->H || v < 0 || v >= s->W)
                    continue;
                int64_t xv = x[((n * s->C + g * Cg + c) * s->H + h) * s->W + v];
                if (xv >= -(int64_t)q->thresh && xv <= q->thresh)
                    continue;   /* |x| <= thresh counts as 0 */
                acc += xv * w[((m * Cg + c) * s->R + r) * s->S + t];
            }
    return rs_requant(acc, q);
}

Test(golden, matches_literal_definition)
{
    uint32_t st = 12345;
    for (int iter = 0; iter < 300; iter++) {
        rs_shape s;
        rs_quant q;
        rs_error err = {{0}};
        int G = 1 + (int)(lcg(&st) % 3);
        s.N = 1 + (int)(lcg(&st) % 2);
        s.C = G * (1 + (int)(lcg(&st) % 3));
        s.M = G * (1 + (int)(lcg(&st) % 3));
        s.G = G;
        s.H = 1 + (int)(lcg(&st) % 9);
        s.W = 1 + (int)(lcg(&st) % 9);
        s.pad = (int)(lcg(&st) % 4);
        s.R = 1 + (int)(lcg(&st) % (unsigned)(s.H + 2 * s.pad < 6 ? s.H + 2 * s.pad : 6));
        s.S = 1 + (int)(lcg(&st) % (unsigned)(s.W + 2 * s.pad < 6 ? s.W + 2 * s.pad : 6));
        s.U = 1 + (int)(lcg(&st) % 4);
        cr_assert_eq(rs_shape_check(&s, &err), 0, "%s", err.msg);
        q.dw = (lcg(&st) & 1) ? 8 : 16;
        q.pw = 16 + (int)(lcg(&st) % 17);
        q.shift = (int)(lcg(&st) % (unsigned)(q.pw + 1));
        q.relu = (int)(lcg(&st) & 1);
        q.raw = (lcg(&st) % 4) == 0;
        /* half the layers with an activation threshold, some near the top */
        q.thresh = (lcg(&st) & 1) ? 0 : (int)(lcg(&st) % (uint32_t)(1 << (q.dw - 1)));

        int nx = s.N * s.C * s.H * s.W, nw = s.M * (s.C / s.G) * s.R * s.S;
        int no = s.N * s.M * s.P * s.Q;
        /* C, M <= 9, C/G <= 3, H, W <= 9, R, S <= 6, P, Q <= H + 2*pad <= 15 */
        int32_t x[2 * 9 * 9 * 9], w[9 * 3 * 6 * 6], b[9], out[2 * 9 * 15 * 15 + 1];
        int32_t span = 1 << q.dw;
        int64_t bspan = (int64_t)1 << (q.pw - 1);
        for (int i = 0; i < nx; i++) /* ~1 in 4 zero, like post-ReLU activations */
            x[i] = (lcg(&st) % 4 == 0) ? 0 : (int32_t)(lcg(&st) % (uint32_t)span) - span / 2;
        for (int i = 0; i < nw; i++)
            w[i] = (int32_t)(lcg(&st) % (uint32_t)span) - span / 2;
        for (int i = 0; i < s.M; i++)
            b[i] = (int32_t)((int64_t)(((uint64_t)lcg(&st) << 24) ^ lcg(&st)) % (2 * bspan) - bspan);
        out[no] = 4242; /* guard: nothing written past the ofmap */
        const int32_t *bp = (iter % 3 == 0) ? NULL : b;
        cr_assert_eq(rs_conv_ref(&s, &q, x, w, bp, out, &err), 0, "%s", err.msg);
        cr_assert_eq(out[no], 4242);
        for (int n = 0; n < s.N; n++)
            for (int m = 0; m < s.M; m++)
                for (int p = 0; p < s.P; p++)
                    for (int qq = 0; qq < s.Q; qq++) {
                        int32_t want = naive(&s, &q, x, w, bp, n, m, p, qq);
                        int32_t got = out[((n * s.M + m) * s.P + p) * s.Q + qq];
                        cr_assert_eq(got, want, "iter %d (n%d m%d p%d q%d): %d != %d", iter, n,
                                     m, p, qq, got, want);
                    }
    }
}
