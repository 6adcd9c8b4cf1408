/* rs_opt.c - the shared command-line option parser (see rs_opt.h). */
#include "rs_opt.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const rs_opt *find(const rs_opt *opts, int n, const char *name, size_t len)
{
    for (int i = 0; i < n; i++)
        if (strlen(opts[i].name) == len && !strncmp(opts[i].name, name, len))
            return &opts[i];
    return NULL;
}

/* Store text into the option's destination, checking its kind and range. */
static int store(const rs_opt *o, const char *text, rs_error *err)
{
    char *end = NULL;
    errno = 0;
    switch (o->kind) {
    case RS_OPT_TEXT:
        *(const char **)o->dest = text;
        return 0;
    case RS_OPT_REAL: {
        double v = strtod(text, &end);
        if (errno || end == text || *end)
            return rs_error_set(err, "--%s: '%.60s' is not a number (allowed %g..%g)", o->name, text, o->min, o->max);
        if (!(v >= o->min && v <= o->max))
            return rs_error_set(err, "--%s: '%.60s' is out of range %g..%g", o->name, text, o->min, o->max);
        *(double *)o->dest = v;
        return 0;
    }
    default: {  /* FLAG (with =0 or =1), INT, LONG */
        long v = strtol(text, &end, 10);
        if (errno == ERANGE || end == text || *end)
            return rs_error_set(err, "--%s: '%.60s' is not an integer (allowed %.0f..%.0f)", o->name, text, o->min,
                                o->max);
        if ((double)v < o->min || (double)v > o->max)
            return rs_error_set(err, "--%s: '%.60s' is out of range %.0f..%.0f", o->name, text, o->min, o->max);
        if (o->kind == RS_OPT_LONG)
            *(long *)o->dest = v;
        else
            *(int *)o->dest = (int)v;
        return 0;
    }
    }
}

int rs_opt_parse(const rs_opt *opts, int n, int argc, char **argv, unsigned char *given, rs_error *err)
{
    unsigned char seen[256] = { 0 };
    if (n > (int)sizeof seen)
        return rs_error_set(err, "internal: %d options, at most %d", n, (int)sizeof seen);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h"))
            return RS_OPT_HELP;
        if (!strcmp(arg, "--version"))
            return RS_OPT_VERSION;
        if (strncmp(arg, "--", 2) || !arg[2])
            return rs_error_set(err, "%.60s: unexpected argument (options start with --; see --help)", arg);
        const char *name = arg + 2, *value = strchr(name, '=');
        size_t len = value ? (size_t)(value - name) : strlen(name);
        const rs_opt *o = find(opts, n, name, len);
        if (!o)
            return rs_error_set(err, "--%.*s: unknown option (see --help)", (int)(len > 60 ? 60 : len), name);
        if (seen[o - opts]++)
            return rs_error_set(err, "--%s: given twice (give each option once)", o->name);
        if (value)
            value++;
        else if (o->kind == RS_OPT_FLAG)
            value = "1";
        else if (i + 1 < argc)
            value = argv[++i];
        else
            return rs_error_set(err, "--%s: missing value", o->name);
        if (store(o, value, err))
            return -1;
    }
    if (given)
        memcpy(given, seen, (size_t)n);
    return RS_OPT_RUN;
}

void rs_opt_usage(FILE *f, const rs_opt *opts, int n)
{
    for (int i = 0; i < n; i++) {
        char left[64];
        snprintf(left, sizeof left, "--%s%s%s", opts[i].name, opts[i].arg ? " " : "", opts[i].arg ? opts[i].arg : "");
        const char *line = opts[i].help;
        int first = 1;
        do {
            const char *nl = strchr(line, '\n');
            int len = nl ? (int)(nl - line) : (int)strlen(line);
            if (first && strlen(left) > 18)
                fprintf(f, "  %s\n  %-18s %.*s\n", left, "", len, line);
            else
                fprintf(f, "  %-18s %.*s\n", first ? left : "", len, line);
            first = 0;
            line = nl ? nl + 1 : NULL;
        } while (line);
    }
    fprintf(f, "  %-18s this help\n  %-18s print the version\n", "--help", "--version");
}
