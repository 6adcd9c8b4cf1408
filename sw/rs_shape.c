/* rs_shape.c - parse, validate and format convolution layer shapes. */
#include "rs_shape.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* One row per key. The table drives parsing, defaults, range checks and
 * error messages, so the allowed-key list in messages cannot drift from
 * what the parser accepts. G's upper bound depends on C and M and is
 * checked separately. */
typedef struct {
    const char *name;
    size_t offset;
    int lo, hi;
    int required;
    int dflt;
} key_info;

static const key_info keys[] = {
    {"N", offsetof(rs_shape, N), 1, RS_SHAPE_N_MAX, 0, 1},
    {"C", offsetof(rs_shape, C), 1, RS_SHAPE_CM_MAX, 1, 0},
    {"M", offsetof(rs_shape, M), 1, RS_SHAPE_CM_MAX, 1, 0},
    {"H", offsetof(rs_shape, H), 1, RS_SHAPE_HW_MAX, 1, 0},
    {"W", offsetof(rs_shape, W), 1, RS_SHAPE_HW_MAX, 1, 0},
    {"R", offsetof(rs_shape, R), 1, RS_SHAPE_RS_MAX, 1, 0},
    {"S", offsetof(rs_shape, S), 1, RS_SHAPE_RS_MAX, 1, 0},
    {"U", offsetof(rs_shape, U), 1, RS_SHAPE_U_MAX, 0, 1},
    {"pad", offsetof(rs_shape, pad), 0, RS_SHAPE_PAD_MAX, 0, 0},
    {"G", offsetof(rs_shape, G), 1, RS_SHAPE_CM_MAX, 0, 1},
};
#define NKEYS ((int)(sizeof keys / sizeof keys[0]))
#define KEY_G (NKEYS - 1)
#define ALLOWED_KEYS "N,C,M,H,W,R,S,U,pad,G"

/* Longest key/value text echoed in a message; keeps one hostile argument
 * from pushing the useful part of the message out of the 256-byte buffer. */
#define ECHO_MAX 40

static int *field(rs_shape *s, int k)
{
    return (int *)((char *)s + keys[k].offset);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Trim [*b, *e) in place. */
static void trim(const char **b, const char **e)
{
    while (*b < *e && is_space(**b))
        (*b)++;
    while (*e > *b && is_space((*e)[-1]))
        (*e)--;
}

/* Parse an optionally signed decimal integer filling the whole of [b, e).
 * Magnitudes beyond INT range are clamped to INT_MIN/INT_MAX rather than
 * rejected as "not an integer": they are integers, just out of range, and
 * the range message is the more useful one. */
static int parse_int(const char *b, const char *e, int *v)
{
    int neg = 0;
    long long acc = 0;
    if (b < e && (*b == '+' || *b == '-')) {
        neg = (*b == '-');
        b++;
    }
    if (b == e)
        return -1;
    for (; b < e; b++) {
        if (*b < '0' || *b > '9')
            return -1;
        if (acc <= (long long)INT_MAX + 1)
            acc = acc * 10 + (*b - '0');
    }
    if (neg)
        acc = -acc;
    if (acc > INT_MAX)
        acc = INT_MAX;
    if (acc < INT_MIN)
        acc = INT_MIN;
    *v = (int)acc;
    return 0;
}

int rs_shape_parse(const char *text, rs_shape *out, rs_error *err)
{
    int seen[NKEYS] = {0};
    rs_shape s;
    const char *p;

    if (!text || !out)
        return rs_error_set(err, "shape: no shape text given");
    /* the message quotes the text back: no control characters in it */
    for (size_t i = 0; text[i]; i++)
        if (((unsigned char)text[i] < 0x20 && text[i] != '\t') || text[i] == 0x7f)
            return rs_error_set(err, "shape: character 0x%02x at offset %zu is not allowed (printable text only)",
                                (unsigned char)text[i], i);
    memset(&s, 0, sizeof s);
    for (int k = 0; k < NKEYS; k++)
        *field(&s, k) = keys[k].dflt;

    p = text;
    {
        const char *b = p, *e = p + strlen(p);
        trim(&b, &e);
        if (b == e)
            return rs_error_set(err, "shape: empty shape (expected e.g. "
                                     "'C=3,M=8,H=9,W=9,R=3,S=3')");
    }

    for (;;) {
        const char *end = strchr(p, ',');
        const char *ib = p, *ie = end ? end : p + strlen(p);
        const char *eq, *kb, *ke, *vb, *ve;
        int k, v;

        trim(&ib, &ie);
        if (ib == ie)
            return rs_error_set(err, "shape: empty entry between commas "
                                     "(expected KEY=VALUE)");
        eq = memchr(ib, '=', (size_t)(ie - ib));
        if (!eq)
            return rs_error_set(err, "shape: '%.*s' is not KEY=VALUE",
                                (int)(ie - ib > ECHO_MAX ? ECHO_MAX : ie - ib),
                                ib);
        kb = ib;
        ke = eq;
        vb = eq + 1;
        ve = ie;
        trim(&kb, &ke);
        trim(&vb, &ve);

        for (k = 0; k < NKEYS; k++)
            if ((size_t)(ke - kb) == strlen(keys[k].name) &&
                memcmp(kb, keys[k].name, (size_t)(ke - kb)) == 0)
                break;
        if (k == NKEYS)
            return rs_error_set(err,
                                "shape: unknown key '%.*s' (allowed: " ALLOWED_KEYS ")",
                                (int)(ke - kb > ECHO_MAX ? ECHO_MAX : ke - kb), kb);
        if (seen[k])
            return rs_error_set(err, "shape: key '%s' given twice", keys[k].name);
        seen[k] = 1;

        if (parse_int(vb, ve, &v) != 0)
            return rs_error_set(err, "shape: %s='%.*s' is not an integer",
                                keys[k].name,
                                (int)(ve - vb > ECHO_MAX ? ECHO_MAX : ve - vb), vb);
        /* Range-check here too (not only in rs_shape_check) so that the
         * message echoes what the user typed, e.g. a value too big for int. */
        if (k != KEY_G && (v < keys[k].lo || v > keys[k].hi))
            return rs_error_set(err, "shape: %s=%.*s is out of range %d..%d",
                                keys[k].name,
                                (int)(ve - vb > ECHO_MAX ? ECHO_MAX : ve - vb), vb,
                                keys[k].lo, keys[k].hi);
        *field(&s, k) = v;

        if (!end)
            break;
        p = end + 1;
    }

    for (int k = 0; k < NKEYS; k++)
        if (keys[k].required && !seen[k])
            return rs_error_set(err, "shape: missing required key '%s' "
                                     "(required: C,M,H,W,R,S)",
                                keys[k].name);

    if (rs_shape_check(&s, err) != 0)
        return -1;
    *out = s;
    return 0;
}

/* a*b with overflow detection on uint64_t. */
static int mul_u64(uint64_t a, uint64_t b, uint64_t *r)
{
    if (a != 0 && b > UINT64_MAX / a)
        return -1;
    *r = a * b;
    return 0;
}

int rs_shape_check(rs_shape *s, rs_error *err)
{
    int gmax;
    uint64_t m = 1;

    if (!s)
        return rs_error_set(err, "shape: no shape given");
    for (int k = 0; k < KEY_G; k++) {
        int v = *field(s, k);
        if (v < keys[k].lo || v > keys[k].hi)
            return rs_error_set(err, "shape: %s=%d is out of range %d..%d",
                                keys[k].name, v, keys[k].lo, keys[k].hi);
    }
    /* A group needs at least one input and one output channel. */
    gmax = s->C < s->M ? s->C : s->M;
    if (s->G < 1 || s->G > gmax)
        return rs_error_set(err, "shape: G=%d is out of range 1..%d (min of C, M)",
                            s->G, gmax);
    if (s->C % s->G != 0)
        return rs_error_set(err, "shape: C=%d is not divisible by G=%d", s->C, s->G);
    if (s->M % s->G != 0)
        return rs_error_set(err, "shape: M=%d is not divisible by G=%d", s->M, s->G);
    if (s->R > s->H + 2 * s->pad)
        return rs_error_set(err, "shape: R=%d is larger than H+2*pad=%d",
                            s->R, s->H + 2 * s->pad);
    if (s->S > s->W + 2 * s->pad)
        return rs_error_set(err, "shape: S=%d is larger than W+2*pad=%d",
                            s->S, s->W + 2 * s->pad);

    s->P = (s->H + 2 * s->pad - s->R) / s->U + 1;
    s->Q = (s->W + 2 * s->pad - s->S) / s->U + 1;

    /* The per-field limits alone allow ~2^76 MACs; refuse shapes whose MAC
     * count would wrap so rs_shape_macs and every loop bound derived from a
     * checked shape is exact. */
    if (mul_u64(m, (uint64_t)s->N, &m) || mul_u64(m, (uint64_t)s->M, &m) ||
        mul_u64(m, (uint64_t)s->P, &m) || mul_u64(m, (uint64_t)s->Q, &m) ||
        mul_u64(m, (uint64_t)(s->C / s->G), &m) || mul_u64(m, (uint64_t)s->R, &m) ||
        mul_u64(m, (uint64_t)s->S, &m))
        return rs_error_set(err, "shape: N*M*P*Q*(C/G)*R*S does not fit in 64 bits");
    return 0;
}

uint64_t rs_shape_macs(const rs_shape *s)
{
    /* Guard the division so an unchecked shape gives 0, not SIGFPE. */
    if (!s || s->G <= 0)
        return 0;
    return (uint64_t)s->N * (uint64_t)s->M * (uint64_t)s->P * (uint64_t)s->Q *
           (uint64_t)(s->C / s->G) * (uint64_t)s->R * (uint64_t)s->S;
}

int rs_shape_format(const rs_shape *s, char *buf, size_t len)
{
    int n;
    if (!s || !buf || len == 0)
        return -1;
    n = snprintf(buf, len, "N=%d,C=%d,M=%d,H=%d,W=%d,R=%d,S=%d,U=%d,pad=%d,G=%d",
                 s->N, s->C, s->M, s->H, s->W, s->R, s->S, s->U, s->pad, s->G);
    if (n < 0 || (size_t)n >= len) {
        buf[0] = '\0';
        return -1;
    }
    return n;
}
