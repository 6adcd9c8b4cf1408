/* test_npy.c - .npy reader/writer: round trips, a hand-written file, and
 * malformed files that must each be rejected with a message. */
#define _POSIX_C_SOURCE 200809L /* getpid, for per-process temp names */
#include <criterion/criterion.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rs_npy.h"

/* Criterion runs each test in its own process, possibly in parallel, so
 * temp names carry the pid and the test's own tag. */
static void tmp_path(char *buf, size_t n, const char *tag)
{
    const char *d = getenv("TMPDIR");
    snprintf(buf, n, "%s/rs_npy_test_%ld_%s.npy", d && *d ? d : "/tmp", (long)getpid(), tag);
}

static void write_bytes(const char *path, const void *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    cr_assert(f != NULL, "cannot create %s", path);
    cr_assert_eq(fwrite(b, 1, n, f), n);
    cr_assert_eq(fclose(f), 0);
}

static long file_size(const char *path)
{
    FILE *f = fopen(path, "rb");
    long n;
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fclose(f);
    return n;
}

/* Build a .npy file from a header dict (padded like numpy: spaces, '\n',
 * total a multiple of 64) and raw data bytes. */
static void make_npy(const char *path, int major, const char *dict, const void *data,
                     size_t dlen)
{
    size_t pre = major == 1 ? 10 : 12, n = strlen(dict);
    size_t total = (pre + n + 1 + 63) / 64 * 64, hlen = total - pre;
    unsigned char *b = malloc(total + dlen);
    cr_assert(b != NULL);
    memcpy(b, "\x93NUMPY", 6);
    b[6] = (unsigned char)major;
    b[7] = 0;
    for (size_t i = 0; i < pre - 8; i++)
        b[8 + i] = (unsigned char)(hlen >> (8 * i));
    memcpy(b + pre, dict, n);
    memset(b + pre + n, ' ', hlen - n - 1);
    b[total - 1] = '\n';
    if (dlen)
        memcpy(b + total, data, dlen);
    write_bytes(path, b, total + dlen);
    free(b);
}

/* Expect rs_npy_read to fail with a message containing the path and want. */
static void read_fails(const char *path, const char *want)
{
    rs_tensor t;
    rs_error err = {{0}};
    memset(&t, 0x5a, sizeof t); /* garbage in: the reader must reset it */
    cr_assert_eq(rs_npy_read(path, &t, &err), -1, "read should fail: %s", want);
    cr_assert(strstr(err.msg, want) != NULL, "message '%s' lacks '%s'", err.msg, want);
    cr_assert(strstr(err.msg, path) != NULL, "message '%s' does not name the file", err.msg);
    cr_assert(t.data == NULL, "data must be NULL after an error");
    rs_tensor_free(&t);
    remove(path);
}

/* ---- round trips ------------------------------------------------------ */

static void round_trip(const char *dtype, const int32_t *vals, int n, const char *descr)
{
    char path[256], tmp[300];
    rs_tensor t = {0}, u;
    rs_error err = {{0}};
    tmp_path(path, sizeof path, dtype + 1);
    t.ndim = 2;
    t.shape[0] = 2;
    t.shape[1] = n / 2;
    t.data = (int32_t *)vals;
    cr_assert_eq(rs_npy_write(path, &t, dtype, &err), 0, "%s", err.msg);
    /* header padded to 64 bytes; data exactly n * itemsize after it */
    {
        int size = dtype[2] - '0';
        long fs = file_size(path);
        cr_assert_eq((fs - (long)n * size) % 64, 0, "file size %ld", fs);
    }
    /* no temporary left behind */
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    cr_assert_eq(file_size(tmp), -1, "%s left behind", tmp);
    /* descr as numpy writes it */
    {
        FILE *f = fopen(path, "rb");
        char hdr[129] = {0};
        cr_assert(f != NULL);
        cr_assert_geq(fread(hdr, 1, 128, f), 64u);
        fclose(f);
        cr_assert(strstr(hdr + 10, descr) != NULL, "header '%s' lacks %s", hdr + 10, descr);
    }
    cr_assert_eq(rs_npy_read(path, &u, &err), 0, "%s", err.msg);
    cr_assert_eq(u.ndim, 2);
    cr_assert_eq(u.shape[0], 2);
    cr_assert_eq(u.shape[1], n / 2);
    cr_assert_eq(rs_tensor_count(&u), n);
    for (int i = 0; i < n; i++)
        cr_assert_eq(u.data[i], vals[i], "[%d] %d != %d", i, u.data[i], vals[i]);
    rs_tensor_free(&u);
    cr_assert(u.data == NULL);
    remove(path);
}

Test(npy, round_trip_i1)
{
    const int32_t v[] = {-128, -1, 0, 1, 127, 42};
    round_trip("<i1", v, 6, "'descr': '|i1'");
}

Test(npy, round_trip_i1_pipe_synonym)
{
    const int32_t v[] = {-128, 127};
    round_trip("|i1", v, 2, "'descr': '|i1'");
}

Test(npy, round_trip_i2)
{
    const int32_t v[] = {-32768, -1, 0, 1, 32767, 300, -300, 255};
    round_trip("<i2", v, 8, "'descr': '<i2'");
}

Test(npy, round_trip_i4)
{
    const int32_t v[] = {INT32_MIN, -1, 0, 1, INT32_MAX, 65536};
    round_trip("<i4", v, 6, "'descr': '<i4'");
}

Test(npy, round_trip_shapes)
{
    /* 0-d, 1-d, zero-size and 8-d tensors keep their shape */
    char path[256];
    rs_error err = {{0}};
    int32_t one = -7;
    rs_tensor cases[4] = {{0}};
    cases[0].ndim = 0;
    cases[0].data = &one;
    cases[1].ndim = 1;
    cases[1].shape[0] = 1;
    cases[1].data = &one;
    cases[2].ndim = 3;
    cases[2].shape[0] = 2;
    cases[2].shape[1] = 0;
    cases[2].shape[2] = 5;
    cases[3].ndim = 8;
    for (int i = 0; i < 8; i++)
        cases[3].shape[i] = 1;
    cases[3].data = &one;
    tmp_path(path, sizeof path, "shapes");
    for (int k = 0; k < 4; k++) {
        rs_tensor u;
        cr_assert_eq(rs_npy_write(path, &cases[k], "<i4", &err), 0, "%s", err.msg);
        cr_assert_eq(rs_npy_read(path, &u, &err), 0, "case %d: %s", k, err.msg);
        cr_assert_eq(u.ndim, cases[k].ndim);
        for (int i = 0; i < u.ndim; i++)
            cr_assert_eq(u.shape[i], cases[k].shape[i]);
        cr_assert_eq(rs_tensor_count(&u), rs_tensor_count(&cases[k]));
        cr_assert(u.data != NULL, "data is never NULL on success");
        if (rs_tensor_count(&u) == 1)
            cr_assert_eq(u.data[0], -7);
        rs_tensor_free(&u);
    }
    remove(path);
}

Test(npy, write_rejects)
{
    char path[256], tmp[300];
    rs_error err = {{0}};
    int32_t v[] = {1, 128, 3};
    rs_tensor t = {.ndim = 1, .shape = {3}, .data = v};
    tmp_path(path, sizeof path, "wrej");
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    /* value out of range: nothing is created */
    cr_assert_eq(rs_npy_write(path, &t, "<i1", &err), -1);
    cr_assert(strstr(err.msg, "value 128 at flat index 1 does not fit '<i1' (-128..127)"),
              "%s", err.msg);
    cr_assert_eq(file_size(path), -1);
    cr_assert_eq(file_size(tmp), -1);
    v[1] = -32769;
    cr_assert_eq(rs_npy_write(path, &t, "<i2", &err), -1);
    cr_assert(strstr(err.msg, "value -32769 at flat index 1"), "%s", err.msg);
    /* dtypes the writer does not produce */
    cr_assert_eq(rs_npy_write(path, &t, "<i8", &err), -1);
    cr_assert(strstr(err.msg, "dtype '<i8' cannot be written (allowed: <i1, <i2, <i4)"), "%s",
              err.msg);
    cr_assert_eq(rs_npy_write(path, &t, "<f4", &err), -1);
    cr_assert_eq(rs_npy_write(path, &t, NULL, &err), -1);
    /* bad shapes */
    t.ndim = 9;
    cr_assert_eq(rs_npy_write(path, &t, "<i4", &err), -1);
    cr_assert(strstr(err.msg, "invalid tensor shape"), "%s", err.msg);
    t.ndim = 1;
    t.shape[0] = -1;
    cr_assert_eq(rs_npy_write(path, &t, "<i4", &err), -1);
    t.shape[0] = 3;
    t.data = NULL;
    cr_assert_eq(rs_npy_write(path, &t, "<i4", &err), -1);
    cr_assert(strstr(err.msg, "no data"), "%s", err.msg);
    /* unwritable location: error, and no temporary left */
    t.data = v;
    v[1] = 2;
    cr_assert_eq(rs_npy_write("/nonexistent-dir/x.npy", &t, "<i4", &err), -1);
    cr_assert(strstr(err.msg, "/nonexistent-dir/x.npy.tmp: cannot create"), "%s", err.msg);
    cr_assert_eq(file_size(path), -1);
}

Test(npy, write_replaces_atomically)
{
    /* an existing file is replaced whole by the new content */
    char path[256];
    rs_error err = {{0}};
    int32_t a[] = {1, 2, 3, 4}, b[] = {9};
    rs_tensor ta = {.ndim = 1, .shape = {4}, .data = a};
    rs_tensor tb = {.ndim = 1, .shape = {1}, .data = b};
    rs_tensor u;
    tmp_path(path, sizeof path, "replace");
    cr_assert_eq(rs_npy_write(path, &ta, "<i4", &err), 0, "%s", err.msg);
    cr_assert_eq(rs_npy_write(path, &tb, "<i2", &err), 0, "%s", err.msg);
    cr_assert_eq(rs_npy_read(path, &u, &err), 0, "%s", err.msg);
    cr_assert_eq(rs_tensor_count(&u), 1);
    cr_assert_eq(u.data[0], 9);
    rs_tensor_free(&u);
    remove(path);
}

/* ---- a file written by hand -------------------------------------------- */

Test(npy, read_hand_written_v1)
{
    /* Version 1.0, header length 0x0076 = 118: 10 + 118 = 128 bytes, a
     * multiple of 64 as numpy pads it. The dict is 59 characters, then 58
     * spaces and '\n'. Data: int16 LE 1, -2, 300, -32768, 32767, 0. */
    static const char file[] =
        "\x93NUMPY\x01\x00\x76\x00"
        "{'descr': '<i2', 'fortran_order': False, 'shape': (2, 3), }"
        "                                                          \n"
        "\x01\x00" "\xfe\xff" "\x2c\x01" "\x00\x80" "\xff\x7f" "\x00\x00";
    const int32_t want[] = {1, -2, 300, -32768, 32767, 0};
    char path[256];
    rs_tensor t;
    rs_error err = {{0}};
    cr_assert_eq(sizeof file - 1, 128u + 12u);
    tmp_path(path, sizeof path, "hand");
    write_bytes(path, file, sizeof file - 1);
    cr_assert_eq(rs_npy_read(path, &t, &err), 0, "%s", err.msg);
    cr_assert_eq(t.ndim, 2);
    cr_assert_eq(t.shape[0], 2);
    cr_assert_eq(t.shape[1], 3);
    for (int i = 0; i < 6; i++)
        cr_assert_eq(t.data[i], want[i], "[%d] %d != %d", i, t.data[i], want[i]);
    rs_tensor_free(&t);
    remove(path);
}

Test(npy, read_v2_and_header_variants)
{
    /* v2.0 header, double quotes, keys in another order, no trailing comma,
     * no padding newline variation: all valid Python dicts numpy accepts. */
    const unsigned char d[] = {0xff, 0x00, 0x01};
    char path[256];
    rs_tensor t;
    rs_error err = {{0}};
    tmp_path(path, sizeof path, "v2");
    make_npy(path, 2, "{\"shape\": (3,), \"fortran_order\": False, \"descr\": \"|u1\"}", d, 3);
    cr_assert_eq(rs_npy_read(path, &t, &err), 0, "%s", err.msg);
    cr_assert_eq(t.ndim, 1);
    cr_assert_eq(t.shape[0], 3);
    cr_assert_eq(t.data[0], 255); /* unsigned: 0xff is 255, not -1 */
    cr_assert_eq(t.data[1], 0);
    cr_assert_eq(t.data[2], 1);
    rs_tensor_free(&t);
    remove(path);
}

Test(npy, read_other_dtypes)
{
    char path[256];
    rs_tensor t;
    rs_error err = {{0}};
    tmp_path(path, sizeof path, "dtypes");
    /* <u2: 0xffff = 65535, 0x8000 = 32768 */
    {
        const unsigned char d[] = {0xff, 0xff, 0x00, 0x80};
        make_npy(path, 1, "{'descr': '<u2', 'fortran_order': False, 'shape': (2,), }", d, 4);
        cr_assert_eq(rs_npy_read(path, &t, &err), 0, "%s", err.msg);
        cr_assert_eq(t.data[0], 65535);
        cr_assert_eq(t.data[1], 32768);
        rs_tensor_free(&t);
    }
    /* |i1 and <i1: 0xff = -1, 0x80 = -128 */
    {
        const unsigned char d[] = {0xff, 0x80};
        make_npy(path, 1, "{'descr': '<i1', 'fortran_order': False, 'shape': (2,), }", d, 2);
        cr_assert_eq(rs_npy_read(path, &t, &err), 0, "%s", err.msg);
        cr_assert_eq(t.data[0], -1);
        cr_assert_eq(t.data[1], -128);
        rs_tensor_free(&t);
    }
    /* <i8 within int32: -2^31 and 2^31-1 */
    {
        const unsigned char d[] = {0x00, 0x00, 0x00, 0x80, 0xff, 0xff, 0xff, 0xff,
                                   0xff, 0xff, 0xff, 0x7f, 0x00, 0x00, 0x00, 0x00};
        make_npy(path, 1, "{'descr': '<i8', 'fortran_order': False, 'shape': (1, 2), }", d,
                 16);
        cr_assert_eq(rs_npy_read(path, &t, &err), 0, "%s", err.msg);
        cr_assert_eq(t.data[0], INT32_MIN);
        cr_assert_eq(t.data[1], INT32_MAX);
        rs_tensor_free(&t);
    }
    /* <i8 out of int32: 2^31 at flat index 1 */
    {
        const unsigned char d[] = {0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                   0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00};
        make_npy(path, 1, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", d, 16);
        read_fails(path, "value 2147483648 at flat index 1 does not fit int32");
    }
    /* <i8 most negative value */
    {
        const unsigned char d[] = {0, 0, 0, 0, 0, 0, 0, 0x80};
        make_npy(path, 1, "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", d, 8);
        read_fails(path, "value -9223372036854775808 at flat index 0 does not fit int32");
    }
}

/* ---- malformed files --------------------------------------------------- */

Test(npy, reject_missing_and_truncated)
{
    char path[256];
    tmp_path(path, sizeof path, "trunc");
    read_fails(path, "cannot open");
    write_bytes(path, "", 0);
    read_fails(path, "truncated");
    write_bytes(path, "\x93NUMPY\x01", 7);
    read_fails(path, "truncated");
    /* preamble says 118 header bytes, file stops after 20 */
    write_bytes(path, "\x93NUMPY\x01\x00\x76\x00{'descr': '", 20);
    read_fails(path, "truncated: header says 118 bytes, file has 10");
    /* v2 preamble cut inside the 4-byte length */
    write_bytes(path, "\x93NUMPY\x02\x00\x10\x00", 10);
    read_fails(path, "truncated");
}

Test(npy, reject_bad_magic_and_version)
{
    char path[256];
    tmp_path(path, sizeof path, "magic");
    write_bytes(path, "\x93NUMPX\x01\x00\x00\x00{}", 12);
    read_fails(path, "bad magic (not a .npy file)");
    write_bytes(path, "PK\x03\x04 this is a zip file", 24);
    read_fails(path, "bad magic");
    make_npy(path, 3, "{'descr': '<i4', 'fortran_order': False, 'shape': (), }", "\0\0\0\0", 4);
    read_fails(path, "format version 3.0 is not supported (allowed: 1.0, 2.0)");
    write_bytes(path, "\x93NUMPY\x01\x07\x00\x00", 10);
    read_fails(path, "format version 1.7 is not supported");
}

/* a folder given as a .npy file: named as such (it once read as a file of
 * 2^63-1 bytes, "truncated") */
Test(npy, reject_a_folder)
{
    char path[256];
    tmp_path(path, sizeof path, "folder");
    cr_assert_eq(mkdir(path, 0700), 0);
    rs_tensor t;
    rs_error err = {{0}};
    cr_expect_eq(rs_npy_read(path, &t, &err), -1);
    cr_expect(strstr(err.msg, "not a regular file") != NULL, "%s", err.msg);
    rmdir(path);
}

Test(npy, reject_huge_header_length)
{
    char path[256];
    tmp_path(path, sizeof path, "hugehdr");
    /* v2.0 with a claimed header length of 0x7fffffff */
    write_bytes(path, "\x93NUMPY\x02\x00\xff\xff\xff\x7f{}", 14);
    read_fails(path, "header length 2147483647 exceeds the limit of 65536 bytes");
}

static void bad_dict(const char *dict, const void *data, size_t n, const char *want)
{
    char path[256];
    tmp_path(path, sizeof path, "dict");
    make_npy(path, 1, dict, data, n);
    read_fails(path, want);
}

Test(npy, reject_bad_header)
{
    const char z[16] = {0};
    bad_dict("not a dict", z, 4, "bad header at byte 0: expected '{'");
    bad_dict("", z, 4, "bad header");
    bad_dict("{'descr': '<i4', 'fortran_order': False}", z, 4, "missing key 'shape'");
    bad_dict("{'descr': '<i4', 'shape': (1,)}", z, 4, "missing key 'fortran_order'");
    bad_dict("{'fortran_order': False, 'shape': (1,)}", z, 4, "missing key 'descr'");
    bad_dict("{'descr': '<i4', 'descr': '<i4', 'fortran_order': False, 'shape': (1,)}", z, 4,
             "key 'descr' given twice");
    bad_dict("{'descr': '<i4', 'fortran_order': False, 'shape': (1,), 'x': 1}", z, 4,
             "unknown key");
    bad_dict("{'descr': '<i4, 'fortran_order': False, 'shape': (1,)}", z, 4, "bad header");
    bad_dict("{'descr': '<i4' 'fortran_order': False, 'shape': (1,)}", z, 4,
             "expected ',' or '}'");
    bad_dict("{'descr': '<i4', 'fortran_order': false, 'shape': (1,)}", z, 4,
             "fortran_order is not True or False");
    bad_dict("{'descr': '<i4', 'fortran_order': False, 'shape': [1]}", z, 4,
             "shape is not a tuple");
    bad_dict("{'descr': '<i4', 'fortran_order': False, 'shape': (4)}", z, 16,
             "is not a tuple");
    bad_dict("{'descr': '<i4', 'fortran_order': False, 'shape': (-1,)}", z, 4,
             "expected a non-negative integer");
    bad_dict("{'descr': '<i4', 'fortran_order': False, 'shape': (1,,)}", z, 4,
             "expected a non-negative integer");
    bad_dict("{'descr': '<i4', 'fortran_order': False, 'shape': (1 2)}", z, 4,
             "expected ',' or ')'");
    bad_dict("{'descr': '<i4', 'fortran_order': False, 'shape': (1,)} junk", z, 4,
             "unexpected text after '}'");
    bad_dict("{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (1,)}", z, 4,
             "structured dtypes are not supported");
    bad_dict("{'descr': '<i4', 'fortran_order': False, 'shape': (1,1,1,1,1,1,1,1,1)}", z, 4,
             "more than 8 dimensions");
    bad_dict("{'descr': '<i4', 'fortran_order': False, 'shape': (99999999999999999999,)}", z,
             4, "does not fit in 64 bits");
}

Test(npy, reject_header_with_nul_byte)
{
    char path[256];
    static const char f[] = "\x93NUMPY\x01\x00\x38\x00"
                            "{'descr': '<i\0', 'fortran_order': False, 'shape': (1,)}\n";
    tmp_path(path, sizeof path, "nul");
    write_bytes(path, f, sizeof f - 1);
    read_fails(path, "bad header");
}

Test(npy, reject_fortran_order)
{
    const char z[16] = {0};
    bad_dict("{'descr': '<i4', 'fortran_order': True, 'shape': (2, 2), }", z, 16,
             "fortran_order True is not supported");
}

Test(npy, reject_dtypes)
{
    const char z[16] = {0};
    bad_dict("{'descr': '>i4', 'fortran_order': False, 'shape': (1,), }", z, 4,
             "big-endian dtype '>i4' is not supported (allowed: <i1 |i1 <i2 <i4 <i8 |u1 <u2)");
    bad_dict("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", z, 4,
             "dtype '<f4' is not supported");
    bad_dict("{'descr': '<u4', 'fortran_order': False, 'shape': (1,), }", z, 4,
             "dtype '<u4' is not supported");
    bad_dict("{'descr': '|b1', 'fortran_order': False, 'shape': (1,), }", z, 1,
             "dtype '|b1' is not supported");
}

Test(npy, reject_shape_overflow)
{
    const char z[16] = {0};
    /* 2^32 * 2^32 = 2^64 elements */
    bad_dict("{'descr': '<i4', 'fortran_order': False, 'shape': (4294967296, 4294967296), }",
             z, 4, "element count overflows 64 bits");
    /* 2^62 elements fit int64 but 2^62 * 4 bytes do not */
    bad_dict("{'descr': '<i4', 'fortran_order': False, 'shape': (4611686018427387904,), }", z,
             4, "element count overflows 64 bits");
    /* a zero dimension does not excuse an overflowing product of the rest */
    bad_dict("{'descr': '<i1', 'fortran_order': False, 'shape': (0, 4294967296, 4294967296), }",
             z, 0, "element count overflows 64 bits");
    /* huge but non-overflowing shape: refused by the file length, no huge malloc */
    bad_dict("{'descr': '<i1', 'fortran_order': False, 'shape': (1000000000, 1000000000), }",
             z, 4, "data is shorter than the shape");
}

Test(npy, reject_data_length)
{
    const char z[16] = {0};
    bad_dict("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }", z, 15,
             "data is shorter than the shape: (2, 2) of '<i4' needs 16 bytes, file has 15");
    bad_dict("{'descr': '<i2', 'fortran_order': False, 'shape': (3,), }", z, 0,
             "needs 6 bytes, file has 0");
    bad_dict("{'descr': '<i2', 'fortran_order': False, 'shape': (3,), }", z, 7,
             "1 bytes of trailing data");
}

Test(npy, tensor_count_and_free)
{
    rs_tensor t = {0};
    cr_assert_eq(rs_tensor_count(&t), 1); /* 0-d */
    t.ndim = 3;
    t.shape[0] = 2;
    t.shape[1] = 3;
    t.shape[2] = 4;
    cr_assert_eq(rs_tensor_count(&t), 24);
    t.shape[1] = 0;
    cr_assert_eq(rs_tensor_count(&t), 0);
    t.shape[1] = -1;
    cr_assert_eq(rs_tensor_count(&t), -1);
    t.ndim = 2;
    t.shape[0] = INT64_MAX;
    t.shape[1] = 2;
    cr_assert_eq(rs_tensor_count(&t), -1);
    t.ndim = 9;
    cr_assert_eq(rs_tensor_count(&t), -1);
    cr_assert_eq(rs_tensor_count(NULL), -1);
    rs_tensor_free(NULL);
    t.data = malloc(4);
    rs_tensor_free(&t);
    cr_assert(t.data == NULL);
    cr_assert_eq(t.ndim, 0);
}
