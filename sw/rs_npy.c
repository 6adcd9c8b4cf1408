/* rs_npy.c - NumPy .npy reader/writer for integer tensors.
 *
 * Format (numpy.lib.format): "\x93NUMPY", major, minor, header length
 * (uint16 LE for 1.0, uint32 LE for 2.0), then a Python dict literal such as
 *   {'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }
 * padded with spaces and a final '\n', then the raw data in C order.
 *
 * The reader is a strict hand-written parser for exactly that dict rather
 * than a general Python-literal evaluator: less code to trust against
 * hostile input, and everything numpy itself writes is accepted. All byte
 * decoding is done by hand so the code is endian-independent and never
 * relies on implementation-defined signed conversions.
 */
#include "rs_npy.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const unsigned char npy_magic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};

/* I/O happens in chunks of this many bytes so that reading needs no
 * second allocation the size of the data. */
#define CHUNK 65536

typedef struct {
    const char *name;  /* descr as it appears in the header */
    int size;          /* bytes per element */
    int is_unsigned;
} dtype_info;

static const dtype_info read_types[] = {
    {"<i1", 1, 0}, {"|i1", 1, 0}, {"<i2", 2, 0}, {"<i4", 4, 0},
    {"<i8", 8, 0}, {"|u1", 1, 1}, {"<u1", 1, 1}, {"<u2", 2, 1},
};
#define READ_ALLOWED "<i1 |i1 <i2 <i4 <i8 |u1 <u2"

/* ---- shape arithmetic ------------------------------------------------ */

/* Element count of a shape, or -1 on a negative dimension or overflow.
 * Overflow is checked on the product of the non-zero dimensions even when
 * some dimension is zero: downstream code computes strides from the shape,
 * and those must not overflow either. */
static int64_t shape_count(int ndim, const int64_t *shape)
{
    int64_t strict = 1, count = 1;
    if (ndim < 0 || ndim > RS_NPY_MAX_DIMS)
        return -1;
    for (int i = 0; i < ndim; i++) {
        int64_t d = shape[i];
        if (d < 0)
            return -1;
        if (d == 0) {
            count = 0;
            continue;
        }
        if (strict > INT64_MAX / d)
            return -1;
        strict *= d;
    }
    return count == 0 ? 0 : strict;
}

int64_t rs_tensor_count(const rs_tensor *t)
{
    if (!t)
        return -1;
    return shape_count(t->ndim, t->shape);
}

void rs_tensor_free(rs_tensor *t)
{
    if (!t)
        return;
    free(t->data);
    memset(t, 0, sizeof *t);
}

/* "(2, 3)" style text for messages. */
static void shape_str(char *buf, size_t len, int ndim, const int64_t *shape)
{
    size_t o = 0;
    int n = snprintf(buf, len, "(");
    if (n < 0)
        return;
    o = (size_t)n;
    for (int i = 0; i < ndim && o < len; i++) {
        n = snprintf(buf + o, len - o, i ? ", %lld" : "%lld", (long long)shape[i]);
        if (n < 0)
            return;
        o += (size_t)n;
    }
    if (o < len)
        snprintf(buf + o, len - o, ndim == 1 ? ",)" : ")");
}

/* ---- header dict parser ---------------------------------------------- */

typedef struct {
    const char *p, *b, *e; /* cursor, start, end */
    const char *path;
    rs_error *err;
} cursor;

static int hdr_err(cursor *c, const char *what)
{
    return rs_error_set(c->err, "npy: %s: bad header at byte %ld: %s", c->path,
                        (long)(c->p - c->b), what);
}

static void skip_ws(cursor *c)
{
    while (c->p < c->e && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
        c->p++;
}

static int peek(cursor *c)
{
    return c->p < c->e ? (unsigned char)*c->p : -1;
}

static int expect(cursor *c, char ch, const char *what)
{
    skip_ws(c);
    if (peek(c) != (unsigned char)ch)
        return hdr_err(c, what);
    c->p++;
    return 0;
}

/* A quoted Python string without escapes (numpy never writes any). */
static int parse_str(cursor *c, char *out, size_t outlen)
{
    char q;
    size_t n = 0;
    skip_ws(c);
    if (peek(c) != '\'' && peek(c) != '"')
        return hdr_err(c, "expected a quoted string");
    q = *c->p++;
    while (c->p < c->e && *c->p != q) {
        if (*c->p == '\\' || *c->p == '\n' || *c->p == '\0')
            return hdr_err(c, "unsupported character in string");
        if (n + 1 >= outlen)
            return hdr_err(c, "string too long");
        out[n++] = *c->p++;
    }
    if (c->p >= c->e)
        return hdr_err(c, "unterminated string");
    c->p++;
    out[n] = '\0';
    return 0;
}

/* Non-negative decimal integer (Python 2 files may add an 'L' suffix). */
static int parse_dim(cursor *c, int64_t *v)
{
    int64_t acc = 0;
    skip_ws(c);
    if (peek(c) < '0' || peek(c) > '9')
        return hdr_err(c, "expected a non-negative integer in shape");
    while (peek(c) >= '0' && peek(c) <= '9') {
        int d = *c->p - '0';
        if (acc > (INT64_MAX - d) / 10)
            return hdr_err(c, "shape dimension does not fit in 64 bits");
        acc = acc * 10 + d;
        c->p++;
    }
    if (peek(c) == 'L')
        c->p++;
    *v = acc;
    return 0;
}

static int parse_shape(cursor *c, int *ndim, int64_t *shape)
{
    int n = 0, commas = 0;
    if (expect(c, '(', "shape is not a tuple") != 0)
        return -1;
    skip_ws(c);
    while (peek(c) != ')') {
        if (n == RS_NPY_MAX_DIMS)
            return hdr_err(c, "shape has more than 8 dimensions");
        if (parse_dim(c, &shape[n]) != 0)
            return -1;
        n++;
        skip_ws(c);
        if (peek(c) == ',') {
            c->p++;
            commas++;
            skip_ws(c);
        } else if (peek(c) != ')') {
            return hdr_err(c, "expected ',' or ')' in shape");
        }
    }
    c->p++;
    /* In Python "(5)" is the integer 5, not a tuple; numpy rejects it. */
    if (n == 1 && commas == 0)
        return hdr_err(c, "shape '(N)' is not a tuple (a 1-D shape is written '(N,)')");
    *ndim = n;
    return 0;
}

typedef struct {
    char descr[32];
    int fortran;
    int ndim;
    int64_t shape[RS_NPY_MAX_DIMS];
} header;

static int parse_header(cursor *c, header *h)
{
    int have_descr = 0, have_fortran = 0, have_shape = 0;
    if (expect(c, '{', "expected '{'") != 0)
        return -1;
    for (;;) {
        char key[32];
        skip_ws(c);
        if (peek(c) == '}')
            break;
        if (parse_str(c, key, sizeof key) != 0)
            return -1;
        if (expect(c, ':', "expected ':' after key") != 0)
            return -1;
        skip_ws(c);
        if (strcmp(key, "descr") == 0) {
            if (have_descr++)
                return hdr_err(c, "key 'descr' given twice");
            if (peek(c) != '\'' && peek(c) != '"')
                return hdr_err(c, "descr is not a string (structured dtypes are not supported)");
            if (parse_str(c, h->descr, sizeof h->descr) != 0)
                return -1;
        } else if (strcmp(key, "fortran_order") == 0) {
            if (have_fortran++)
                return hdr_err(c, "key 'fortran_order' given twice");
            if ((size_t)(c->e - c->p) >= 4 && memcmp(c->p, "True", 4) == 0) {
                h->fortran = 1;
                c->p += 4;
            } else if ((size_t)(c->e - c->p) >= 5 && memcmp(c->p, "False", 5) == 0) {
                h->fortran = 0;
                c->p += 5;
            } else {
                return hdr_err(c, "fortran_order is not True or False");
            }
        } else if (strcmp(key, "shape") == 0) {
            if (have_shape++)
                return hdr_err(c, "key 'shape' given twice");
            if (parse_shape(c, &h->ndim, h->shape) != 0)
                return -1;
        } else {
            return hdr_err(c, "unknown key (allowed: descr, fortran_order, shape)");
        }
        skip_ws(c);
        if (peek(c) == ',') {
            c->p++;
            continue;
        }
        if (peek(c) != '}')
            return hdr_err(c, "expected ',' or '}'");
    }
    c->p++; /* '}' */
    skip_ws(c);
    if (c->p != c->e)
        return hdr_err(c, "unexpected text after '}'");
    if (!have_descr || !have_fortran || !have_shape)
        return hdr_err(c, !have_descr     ? "missing key 'descr'"
                          : !have_fortran ? "missing key 'fortran_order'"
                                          : "missing key 'shape'");
    return 0;
}

/* ---- reader ---------------------------------------------------------- */

static int32_t decode_small(const unsigned char *b, const dtype_info *dt)
{
    /* Values of 1- and 2-byte types always fit int32. */
    if (dt->size == 1)
        return dt->is_unsigned ? (int32_t)b[0] : (int32_t)b[0] - (b[0] >= 0x80 ? 256 : 0);
    {
        int32_t v = (int32_t)b[0] | ((int32_t)b[1] << 8);
        if (!dt->is_unsigned && v >= 0x8000)
            v -= 0x10000;
        return v;
    }
}

static int64_t decode_i64(const unsigned char *b, int size)
{
    uint64_t u = 0;
    for (int i = size - 1; i >= 0; i--)
        u = (u << 8) | b[i];
    if (size < 8) {
        uint64_t sign = (uint64_t)1 << (size * 8 - 1);
        if (u & sign)
            return (int64_t)(u - sign) - (int64_t)sign;
        return (int64_t)u;
    }
    if (u >> 63)
        return -(int64_t)(~u) - 1; /* ~u <= INT64_MAX, so no overflow */
    return (int64_t)u;
}

static int read_fail(FILE *f, rs_tensor *t, unsigned char *buf)
{
    free(buf);
    if (f)
        fclose(f);
    rs_tensor_free(t);
    return -1;
}

int rs_npy_read(const char *path, rs_tensor *t, rs_error *err)
{
    FILE *f = NULL;
    long fsize;
    unsigned char pre[12];
    size_t prelen;
    uint32_t hlen;
    int64_t offset, count, avail, need;
    unsigned char *buf = NULL;
    const dtype_info *dt = NULL;
    header h;
    cursor c;

    if (!t)
        return rs_error_set(err, "npy: no output tensor given");
    memset(t, 0, sizeof *t);
    if (!path)
        return rs_error_set(err, "npy: no path given");

    f = fopen(path, "rb");
    if (!f)
        return rs_error_set(err, "npy: %s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        rs_error_set(err, "npy: %s: not a regular file (give a .npy file)", path);
        return read_fail(f, t, buf);
    }
    if (fseek(f, 0, SEEK_END) != 0 || (fsize = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        rs_error_set(err, "npy: %s: cannot determine the file size (not a regular file?)",
                     path);
        return read_fail(f, t, buf);
    }

    if (fsize < 10 || fread(pre, 1, 8, f) != 8) {
        rs_error_set(err, "npy: %s: truncated: %ld bytes is shorter than the .npy preamble",
                     path, fsize);
        return read_fail(f, t, buf);
    }
    if (memcmp(pre, npy_magic, sizeof npy_magic) != 0) {
        rs_error_set(err, "npy: %s: bad magic (not a .npy file)", path);
        return read_fail(f, t, buf);
    }
    if (pre[6] == 1 && pre[7] == 0) {
        prelen = 10;
    } else if (pre[6] == 2 && pre[7] == 0) {
        prelen = 12;
    } else {
        rs_error_set(err, "npy: %s: format version %d.%d is not supported (allowed: 1.0, 2.0)",
                     path, pre[6], pre[7]);
        return read_fail(f, t, buf);
    }
    if (fsize < (long)prelen || fread(pre + 8, 1, prelen - 8, f) != prelen - 8) {
        rs_error_set(err, "npy: %s: truncated: file ends inside the header length", path);
        return read_fail(f, t, buf);
    }
    hlen = (uint32_t)pre[8] | ((uint32_t)pre[9] << 8);
    if (prelen == 12)
        hlen |= ((uint32_t)pre[10] << 16) | ((uint32_t)pre[11] << 24);
    if (hlen > RS_NPY_HEADER_MAX) {
        rs_error_set(err, "npy: %s: header length %lu exceeds the limit of %d bytes", path,
                     (unsigned long)hlen, RS_NPY_HEADER_MAX);
        return read_fail(f, t, buf);
    }
    offset = (int64_t)prelen + hlen;
    if (offset > fsize) {
        rs_error_set(err, "npy: %s: truncated: header says %lu bytes, file has %ld after the "
                          "preamble",
                     path, (unsigned long)hlen, fsize - (long)prelen);
        return read_fail(f, t, buf);
    }
    buf = malloc(hlen > CHUNK ? hlen : CHUNK);
    if (!buf) {
        rs_error_set(err, "npy: %s: out of memory", path);
        return read_fail(f, t, buf);
    }
    if (fread(buf, 1, hlen, f) != hlen) {
        rs_error_set(err, "npy: %s: read error in the header", path);
        return read_fail(f, t, buf);
    }

    memset(&h, 0, sizeof h);
    c.b = c.p = (const char *)buf;
    c.e = c.b + hlen;
    c.path = path;
    c.err = err;
    if (parse_header(&c, &h) != 0)
        return read_fail(f, t, buf);

    for (size_t i = 0; i < sizeof read_types / sizeof read_types[0]; i++)
        if (strcmp(h.descr, read_types[i].name) == 0)
            dt = &read_types[i];
    if (!dt) {
        if (h.descr[0] == '>')
            rs_error_set(err, "npy: %s: big-endian dtype '%s' is not supported (allowed: "
                              READ_ALLOWED ")", path, h.descr);
        else
            rs_error_set(err, "npy: %s: dtype '%s' is not supported (allowed: " READ_ALLOWED
                              ")", path, h.descr);
        return read_fail(f, t, buf);
    }
    if (h.fortran) {
        rs_error_set(err, "npy: %s: fortran_order True is not supported (save a C-order "
                          "array, e.g. np.ascontiguousarray)", path);
        return read_fail(f, t, buf);
    }

    count = shape_count(h.ndim, h.shape);
    if (count < 0 || count > INT64_MAX / dt->size) {
        char s[200];
        shape_str(s, sizeof s, h.ndim, h.shape);
        rs_error_set(err, "npy: %s: shape %s: element count overflows 64 bits", path, s);
        return read_fail(f, t, buf);
    }
    need = count * dt->size;
    avail = (int64_t)fsize - offset;
    if (avail != need) {
        char s[160];
        shape_str(s, sizeof s, h.ndim, h.shape);
        if (avail < need)
            rs_error_set(err, "npy: %s: data is shorter than the shape: %s of '%s' needs %lld "
                              "bytes, file has %lld",
                         path, s, h.descr, (long long)need, (long long)avail);
        else
            rs_error_set(err, "npy: %s: %lld bytes of trailing data after the %s '%s' array",
                         path, (long long)(avail - need), s, h.descr);
        return read_fail(f, t, buf);
    }

    /* count <= file size here, so this allocation is bounded by 4x the file. */
    t->data = malloc((size_t)(count > 0 ? count : 1) * sizeof *t->data);
    if (!t->data) {
        rs_error_set(err, "npy: %s: out of memory for %lld elements", path, (long long)count);
        return read_fail(f, t, buf);
    }
    t->ndim = h.ndim;
    for (int i = 0; i < h.ndim; i++)
        t->shape[i] = h.shape[i];

    for (int64_t done = 0; done < count;) {
        int64_t n = count - done;
        if (n > CHUNK / dt->size)
            n = CHUNK / dt->size;
        if (fread(buf, (size_t)dt->size, (size_t)n, f) != (size_t)n) {
            rs_error_set(err, "npy: %s: read error in the data", path);
            return read_fail(f, t, buf);
        }
        for (int64_t i = 0; i < n; i++) {
            const unsigned char *b = buf + i * dt->size;
            if (dt->size <= 2) {
                t->data[done + i] = decode_small(b, dt);
            } else {
                int64_t v = decode_i64(b, dt->size);
                if (v < INT32_MIN || v > INT32_MAX) {
                    rs_error_set(err, "npy: %s: value %lld at flat index %lld does not fit "
                                      "int32",
                                 path, (long long)v, (long long)(done + i));
                    return read_fail(f, t, buf);
                }
                t->data[done + i] = (int32_t)v;
            }
        }
        done += n;
    }
    free(buf);
    fclose(f);
    return 0;
}

/* ---- writer ---------------------------------------------------------- */

int rs_npy_write(const char *path, const rs_tensor *t, const char *dtype, rs_error *err)
{
    const char *descr;
    int size;
    int64_t count, lo, hi;
    char dict[512], shp[200];
    size_t dlen, prelen, total, hlen;
    unsigned char *buf = NULL;
    char *tmp = NULL;
    FILE *f = NULL;
    int ok = 0;

    if (!path)
        return rs_error_set(err, "npy: no path given");
    if (!t)
        return rs_error_set(err, "npy: %s: no tensor given", path);
    if (!dtype)
        dtype = "";
    if (strcmp(dtype, "<i1") == 0 || strcmp(dtype, "|i1") == 0) {
        descr = "|i1"; /* what numpy writes for int8: byte order is moot */
        size = 1;
    } else if (strcmp(dtype, "<i2") == 0) {
        descr = "<i2";
        size = 2;
    } else if (strcmp(dtype, "<i4") == 0) {
        descr = "<i4";
        size = 4;
    } else {
        return rs_error_set(err, "npy: %s: dtype '%s' cannot be written (allowed: <i1, <i2, "
                                 "<i4)", path, dtype);
    }
    count = rs_tensor_count(t);
    if (count < 0)
        return rs_error_set(err, "npy: %s: invalid tensor shape (ndim %d, allowed 0..%d, "
                                 "dimensions >= 0, product within 64 bits)",
                            path, t->ndim, RS_NPY_MAX_DIMS);
    if (count > 0 && !t->data)
        return rs_error_set(err, "npy: %s: tensor has %lld elements but no data", path,
                            (long long)count);

    /* Check every value before creating any file. */
    hi = ((int64_t)1 << (size * 8 - 1)) - 1;
    lo = -hi - 1;
    for (int64_t i = 0; i < count; i++)
        if (t->data[i] < lo || t->data[i] > hi)
            return rs_error_set(err, "npy: %s: value %ld at flat index %lld does not fit "
                                     "'%s' (%lld..%lld)",
                                path, (long)t->data[i], (long long)i, dtype,
                                (long long)lo, (long long)hi);

    /* Header exactly as numpy writes it, padded so data starts on a
     * 64-byte boundary (lets numpy memory-map the file aligned). */
    {
        size_t o = 0;
        shp[0] = '\0';
        for (int i = 0; i < t->ndim; i++)
            o += (size_t)snprintf(shp + o, sizeof shp - o, i ? ", %lld" : "%lld",
                                  (long long)t->shape[i]);
        if (t->ndim == 1)
            snprintf(shp + o, sizeof shp - o, ",");
    }
    snprintf(dict, sizeof dict, "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }",
             descr, shp);
    dlen = strlen(dict);
    prelen = 10;
    total = (prelen + dlen + 1 + 63) / 64 * 64;
    if (total - prelen > 65535) { /* never with <= 8 dims, but keep the rule */
        prelen = 12;
        total = (prelen + dlen + 1 + 63) / 64 * 64;
    }
    hlen = total - prelen;

    buf = malloc(CHUNK > total ? CHUNK : total);
    tmp = malloc(strlen(path) + 5);
    if (!buf || !tmp) {
        rs_error_set(err, "npy: %s: out of memory", path);
        goto out;
    }
    sprintf(tmp, "%s.tmp", path);

    memcpy(buf, npy_magic, sizeof npy_magic);
    buf[6] = prelen == 10 ? 1 : 2;
    buf[7] = 0;
    for (size_t i = 0; i < prelen - 8; i++)
        buf[8 + i] = (unsigned char)(hlen >> (8 * i));
    memcpy(buf + prelen, dict, dlen);
    memset(buf + prelen + dlen, ' ', hlen - dlen - 1);
    buf[total - 1] = '\n';

    f = fopen(tmp, "wb");
    if (!f) {
        rs_error_set(err, "npy: %s: cannot create: %s", tmp, strerror(errno));
        goto out;
    }
    if (fwrite(buf, 1, total, f) != total)
        goto write_error;
    for (int64_t done = 0; done < count;) {
        int64_t n = count - done;
        if (n > CHUNK / size)
            n = CHUNK / size;
        for (int64_t i = 0; i < n; i++) {
            /* Two's-complement bytes via uint32 arithmetic (well defined). */
            uint32_t u = (uint32_t)t->data[done + i];
            for (int k = 0; k < size; k++)
                buf[i * size + k] = (unsigned char)(u >> (8 * k));
        }
        if (fwrite(buf, (size_t)size, (size_t)n, f) != (size_t)n)
            goto write_error;
        done += n;
    }
    if (fflush(f) != 0)
        goto write_error;
    if (fclose(f) != 0) {
        f = NULL;
        goto write_error;
    }
    f = NULL;
    if (rename(tmp, path) != 0) {
        rs_error_set(err, "npy: %s: cannot rename %s over it: %s", path, tmp, strerror(errno));
        remove(tmp);
        goto out;
    }
    ok = 1;
    goto out;

write_error:
    rs_error_set(err, "npy: %s: write error: %s", tmp, strerror(errno));
    if (f)
        fclose(f);
    f = NULL;
    remove(tmp);
out:
    free(buf);
    free(tmp);
    return ok ? 0 : -1;
}
