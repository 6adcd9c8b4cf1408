/* rs_json.c - the JSON writer (see rs_json.h). */
#include "rs_json.h"

#include <math.h>

static void key(rs_json *j, const char *k)
{
    fprintf(j->f, "%s\n%*s", j->count[j->depth]++ ? "," : "", 2 * j->depth, "");
    if (k) {
        fputc('"', j->f);
        for (const char *p = k; *p; p++)
            fputc(*p, j->f);
        fputs("\": ", j->f);
    }
}

void rs_json_begin(rs_json *j, FILE *f)
{
    j->f = f;
    j->depth = 1;
    j->count[1] = 0;
    fputc('{', f);
}

void rs_json_object(rs_json *j, const char *k)
{
    key(j, k);
    fputc('{', j->f);
    if (j->depth + 1 < RS_JSON_DEPTH)
        j->count[++j->depth] = 0;
}

void rs_json_end(rs_json *j)
{
    fprintf(j->f, "\n%*s}", 2 * (j->depth - 1), "");
    if (--j->depth == 0)
        fputc('\n', j->f);
}

void rs_json_str(rs_json *j, const char *k, const char *v)
{
    key(j, k);
    fputc('"', j->f);
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(j->f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(j->f, "\\u%04x", *p);
        else
            fputc(*p, j->f);
    }
    fputc('"', j->f);
}

void rs_json_u64(rs_json *j, const char *k, uint64_t v)
{
    key(j, k);
    fprintf(j->f, "%llu", (unsigned long long)v);
}

void rs_json_int(rs_json *j, const char *k, long long v)
{
    key(j, k);
    fprintf(j->f, "%lld", v);
}

void rs_json_real(rs_json *j, const char *k, double v)
{
    key(j, k);
    if (isfinite(v))
        fprintf(j->f, "%.6g", v);
    else
        fputs("null", j->f);
}

void rs_json_bool(rs_json *j, const char *k, int v)
{
    key(j, k);
    fputs(v ? "true" : "false", j->f);
}
