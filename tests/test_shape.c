/* test_shape.c - rs_shape parsing, validation, formatting. */
#include <criterion/criterion.h>
#include <string.h>

#include "rs_shape.h"

/* Parse text expecting failure; check the message contains `want`. */
static void parse_fails(const char *text, const char *want)
{
    rs_shape s;
    rs_error err = {{0}};
    cr_assert_eq(rs_shape_parse(text, &s, &err), -1, "'%s' should be rejected", text);
    cr_assert(strstr(err.msg, want) != NULL, "'%s': message '%s' lacks '%s'", text, err.msg,
              want);
    cr_assert(strchr(err.msg, '\n') == NULL, "message must be one line: '%s'", err.msg);
}

Test(shape, parse_full)
{
    rs_shape s;
    rs_error err = {{0}};
    cr_assert_eq(rs_shape_parse("N=1,C=3,M=8,H=9,W=9,R=3,S=3,U=1,pad=1,G=1", &s, &err), 0,
                 "%s", err.msg);
    cr_assert_eq(s.N, 1);
    cr_assert_eq(s.C, 3);
    cr_assert_eq(s.M, 8);
    cr_assert_eq(s.H, 9);
    cr_assert_eq(s.W, 9);
    cr_assert_eq(s.R, 3);
    cr_assert_eq(s.S, 3);
    cr_assert_eq(s.U, 1);
    cr_assert_eq(s.pad, 1);
    cr_assert_eq(s.G, 1);
    /* P = (9 + 2 - 3)/1 + 1 = 9 */
    cr_assert_eq(s.P, 9);
    cr_assert_eq(s.Q, 9);
    /* 1*8*9*9*3*3*3 = 17496 */
    cr_assert_eq(rs_shape_macs(&s), 17496u);
}

Test(shape, parse_any_order_and_spaces)
{
    rs_shape s;
    rs_error err = {{0}};
    cr_assert_eq(rs_shape_parse(" S=5 , R=3,W=20,H=10,M=4,C=2, U=2,pad=2,N=3 ", &s, &err), 0,
                 "%s", err.msg);
    cr_assert_eq(s.N, 3);
    cr_assert_eq(s.R, 3);
    cr_assert_eq(s.S, 5);
    cr_assert_eq(s.U, 2);
    cr_assert_eq(s.pad, 2);
    /* P = (10+4-3)/2+1 = 11/2+1 = 6; Q = (20+4-5)/2+1 = 19/2+1 = 10 */
    cr_assert_eq(s.P, 6);
    cr_assert_eq(s.Q, 10);
}

Test(shape, defaults)
{
    rs_shape s;
    rs_error err = {{0}};
    cr_assert_eq(rs_shape_parse("C=4,M=6,H=5,W=7,R=3,S=1", &s, &err), 0, "%s", err.msg);
    cr_assert_eq(s.N, 1);
    cr_assert_eq(s.U, 1);
    cr_assert_eq(s.pad, 0);
    cr_assert_eq(s.G, 1);
    cr_assert_eq(s.P, 3); /* 5-3+1 */
    cr_assert_eq(s.Q, 7); /* 7-1+1 */
}

Test(shape, alexnet_conv1_and_conv2)
{
    rs_shape s;
    rs_error err = {{0}};
    /* CONV1: 227x227x3, 96 11x11 filters, stride 4 -> 55x55 */
    cr_assert_eq(rs_shape_parse("N=4,C=3,M=96,H=227,W=227,R=11,S=11,U=4", &s, &err), 0, "%s",
                 err.msg);
    cr_assert_eq(s.P, 55);
    cr_assert_eq(s.Q, 55);
    /* 4*96*55*55*3*11*11 = 421,660,800 */
    cr_assert_eq(rs_shape_macs(&s), 421660800ull);
    /* CONV2: 27x27x96, 256 5x5 filters, pad 2, 2 groups -> 27x27 */
    cr_assert_eq(rs_shape_parse("C=96,M=256,H=27,W=27,R=5,S=5,pad=2,G=2", &s, &err), 0, "%s",
                 err.msg);
    cr_assert_eq(s.P, 27);
    /* 256*27*27*48*25 = 223,948,800 */
    cr_assert_eq(rs_shape_macs(&s), 223948800ull);
}

Test(shape, format_round_trip)
{
    const char *text = "N=2,C=6,M=4,H=11,W=13,R=3,S=5,U=2,pad=1,G=2";
    rs_shape s, t;
    rs_error err = {{0}};
    char buf[128];
    cr_assert_eq(rs_shape_parse(text, &s, &err), 0, "%s", err.msg);
    cr_assert_eq(rs_shape_format(&s, buf, sizeof buf), (int)strlen(text));
    cr_assert_str_eq(buf, text);
    cr_assert_eq(rs_shape_parse(buf, &t, &err), 0, "%s", err.msg);
    cr_assert_eq(memcmp(&s, &t, sizeof s), 0);
    /* too small a buffer is reported, not silently truncated */
    cr_assert_eq(rs_shape_format(&s, buf, 10), -1);
    cr_assert_str_eq(buf, "");
}

Test(shape, error_out_of_range)
{
    parse_fails("C=3,M=8,H=9,W=9,R=3,S=3,U=0", "shape: U=0 is out of range 1..8");
    parse_fails("C=3,M=8,H=9,W=9,R=3,S=3,U=9", "U=9 is out of range 1..8");
    parse_fails("N=0,C=3,M=8,H=9,W=9,R=3,S=3", "N=0 is out of range 1..1024");
    parse_fails("N=1025,C=3,M=8,H=9,W=9,R=3,S=3", "N=1025 is out of range 1..1024");
    parse_fails("C=0,M=8,H=9,W=9,R=3,S=3", "C=0 is out of range 1..65536");
    parse_fails("C=3,M=65537,H=9,W=9,R=3,S=3", "M=65537 is out of range 1..65536");
    parse_fails("C=3,M=8,H=4097,W=9,R=3,S=3", "H=4097 is out of range 1..4096");
    parse_fails("C=3,M=8,H=9,W=-1,R=3,S=3", "W=-1 is out of range 1..4096");
    parse_fails("C=3,M=8,H=9,W=9,R=33,S=3", "R=33 is out of range 1..32");
    parse_fails("C=3,M=8,H=9,W=9,R=3,S=0", "S=0 is out of range 1..32");
    parse_fails("C=3,M=8,H=9,W=9,R=3,S=3,pad=16", "pad=16 is out of range 0..15");
    parse_fails("C=3,M=8,H=9,W=9,R=3,S=3,pad=-1", "pad=-1 is out of range 0..15");
    parse_fails("C=3,M=8,H=99999999999999999999,W=9,R=3,S=3",
                "H=99999999999999999999 is out of range 1..4096");
}

Test(shape, error_groups)
{
    parse_fails("C=4,M=8,H=9,W=9,R=3,S=3,G=0", "G=0 is out of range 1..4");
    parse_fails("C=4,M=2,H=9,W=9,R=3,S=3,G=3", "G=3 is out of range 1..2");
    parse_fails("C=6,M=8,H=9,W=9,R=3,S=3,G=4", "C=6 is not divisible by G=4");
    parse_fails("C=8,M=6,H=9,W=9,R=3,S=3,G=4", "M=6 is not divisible by G=4");
}

Test(shape, error_filter_larger_than_input)
{
    parse_fails("C=1,M=1,H=2,W=9,R=5,S=3", "R=5 is larger than H+2*pad=2");
    parse_fails("C=1,M=1,H=9,W=2,R=3,S=5,pad=1", "S=5 is larger than W+2*pad=4");
    /* exactly fitting is fine: P = 1 */
    rs_shape s;
    rs_error err = {{0}};
    cr_assert_eq(rs_shape_parse("C=1,M=1,H=2,W=2,R=4,S=4,pad=1", &s, &err), 0, "%s", err.msg);
    cr_assert_eq(s.P, 1);
    cr_assert_eq(s.Q, 1);
}

Test(shape, error_syntax)
{
    parse_fails("C=3,M=8,H=9,W=9,R=3,S=3,X=1",
                "shape: unknown key 'X' (allowed: N,C,M,H,W,R,S,U,pad,G)");
    parse_fails("c=3,M=8,H=9,W=9,R=3,S=3", "unknown key 'c'");
    parse_fails("C=3,C=4,M=8,H=9,W=9,R=3,S=3", "key 'C' given twice");
    parse_fails("C=3,M=8,H=9,W=9,R=3", "missing required key 'S'");
    parse_fails("M=8,H=9,W=9,R=3,S=3", "missing required key 'C'");
    parse_fails("C=3,M=abc,H=9,W=9,R=3,S=3", "M='abc' is not an integer");
    parse_fails("C=3,M=,H=9,W=9,R=3,S=3", "M='' is not an integer");
    parse_fails("C=3,M=8x,H=9,W=9,R=3,S=3", "M='8x' is not an integer");
    parse_fails("C=3,M8,H=9,W=9,R=3,S=3", "'M8' is not KEY=VALUE");
    parse_fails("C=3,,M=8,H=9,W=9,R=3,S=3", "empty entry");
    parse_fails("C=3,M=8,H=9,W=9,R=3,S=3,", "empty entry");
    parse_fails("", "empty shape");
    parse_fails("   ", "empty shape");
    parse_fails(NULL, "no shape text");
}

Test(shape, check_by_hand)
{
    rs_shape s = {.N = 1, .C = 2, .M = 2, .H = 5, .W = 5, .R = 3, .S = 3, .U = 2, .pad = 0,
                  .G = 1};
    rs_error err = {{0}};
    cr_assert_eq(rs_shape_check(&s, &err), 0, "%s", err.msg);
    cr_assert_eq(s.P, 2); /* (5-3)/2+1 */
    s.U = 0;
    cr_assert_eq(rs_shape_check(&s, &err), -1);
    cr_assert_str_eq(err.msg, "shape: U=0 is out of range 1..8");
    cr_assert_eq(rs_shape_check(NULL, &err), -1);
    /* a NULL err is allowed: the caller just gets -1 */
    cr_assert_eq(rs_shape_check(&s, NULL), -1);
}

Test(shape, mac_overflow_rejected)
{
    /* 1024*65536*4096*4096*(65536/1)*32*32 is ~2^76 */
    parse_fails("N=1024,C=65536,M=65536,H=4096,W=4096,R=32,S=32,pad=15",
                "does not fit in 64 bits");
}

/* the message quotes bad text back, so control characters are refused
 * first (found by make fuzz: a newline split the one-line message) */
Test(shape, control_characters)
{
    rs_shape s;
    rs_error err;
    cr_assert_eq(rs_shape_parse("C=1,M=2,H=3,W=3,R=1,S=1\n", &s, &err), -1);
    cr_expect(strstr(err.msg, "0x0a at offset 23") != NULL && strchr(err.msg, '\n') == NULL, "%s", err.msg);
    cr_assert_eq(rs_shape_parse("\t\x10\n", &s, &err), -1);
    cr_expect(strchr(err.msg, '\n') == NULL, "%s", err.msg);
    cr_expect_eq(rs_shape_parse("\tC=1, M=2,H=3,W=3,R=1,S=1 ", &s, &err), 0, "%s", err.msg);
}
