/* rsgen - generate the row-stationary accelerator for one configuration.
 *
 * Reads options, checks all of them, builds every output in memory, and only
 * then writes the files (each through a temporary name and rename), so a bad
 * option leaves nothing behind. Same options, same bytes.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rs_buf.h"
#include "rs_config.h"
#include "rs_emit.h"

#ifndef RS_RTL_DIR
#define RS_RTL_DIR "rtl"
#endif

#define MAX_OUTPUTS 32

typedef struct {
    const char *name;
    rs_buf buf;
} output_file;

static void usage(FILE *f)
{
    fprintf(f, "usage: rsgen [options] --out DIR\n"
               "Generate the Verilog, C headers, manifest and docs of a row-stationary\n"
               "(Eyeriss-style) accelerator. Defaults are Eyeriss v1's.\n\n");
    for (int i = 0; i < rs_config_option_count; i++) {
        const rs_config_option *o = &rs_config_options[i];
        char left[40];
        snprintf(left, sizeof left, o->flag ? "--%s" : "--%s N", o->name);
        if (o->flag)
            fprintf(f, "  %-18s %s (flag; --%s=0 or 1, default %s)\n", left, o->help, o->name,
                    o->def ? "on" : "off");
        else
            fprintf(f, "  %-18s %s (%d..%d, default %d)\n", left, o->help, o->min, o->max, o->def);
    }
    fprintf(f, "  %-18s output directory (created if missing)\n", "--out DIR");
    fprintf(f, "  %-18s write only the configuration-independent C header FILE\n", "--protocol-header FILE");
    fprintf(f, "  %-18s where the hand-written leaf modules are (default %s)\n", "--rtl-dir DIR", RS_RTL_DIR);
    fprintf(f, "  %-18s this help\n  %-18s print the version\n", "--help", "--version");
}

static int fail(const char *msg)
{
    fprintf(stderr, "rsgen: %s\n", msg);
    return 2;
}

static int parse_int(const char *text, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end)
        return -1;
    *out = v;
    return 0;
}

static int mkdirs(const char *path)
{
    char tmp[PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s", path) >= (int)sizeof tmp)
        return -1;
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(tmp, 0777) && errno != EEXIST)
                return -1;
            *p = '/';
        }
    }
    if (mkdir(tmp, 0777) && errno != EEXIST)
        return -1;
    return 0;
}

static int write_atomic(const char *dir, const char *name, const rs_buf *b, char *why, size_t why_len)
{
    char path[PATH_MAX], tmp[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, name);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        snprintf(why, why_len, "%.400s: %s", tmp, strerror(errno));
        return -1;
    }
    size_t n = fwrite(b->data, 1, b->len, f);
    if (fclose(f) || n != b->len || rename(tmp, path)) {
        snprintf(why, why_len, "%.400s: %s", path, strerror(errno));
        remove(tmp);
        return -1;
    }
    return 0;
}

static int read_file(const char *path, rs_buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        rs_buf_append(b, chunk, n);
    int bad = ferror(f) || b->failed;
    fclose(f);
    return bad ? -1 : 0;
}

int main(int argc, char **argv)
{
    rs_config cfg;
    rs_config_defaults(&cfg);
    const char *out_dir = NULL, *protocol_header = NULL, *rtl_dir = RS_RTL_DIR;
    char msg[PATH_MAX + 256];

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            usage(stdout);
            return 0;
        }
        if (!strcmp(arg, "--version")) {
            printf("%s %s\n", RS_GEN_NAME, RS_GEN_VERSION);
            return 0;
        }
        if (strncmp(arg, "--", 2)) {
            snprintf(msg, sizeof msg, "%s: unexpected argument (options start with --; see --help)", arg);
            return fail(msg);
        }
        /* --name=value or --name value */
        char name[64];
        const char *value = strchr(arg, '=');
        size_t name_len = value ? (size_t)(value - arg - 2) : strlen(arg + 2);
        if (name_len >= sizeof name) {
            snprintf(msg, sizeof msg, "%.60s: unknown option (see --help)", arg);
            return fail(msg);
        }
        memcpy(name, arg + 2, name_len);
        name[name_len] = '\0';
        const rs_config_option *opt = NULL;
        for (int k = 0; k < rs_config_option_count; k++)
            if (!strcmp(name, rs_config_options[k].name))
                opt = &rs_config_options[k];
        if (value)
            value++;
        else if (opt && opt->flag)
            value = "1";
        else if (i + 1 < argc)
            value = argv[++i];
        else {
            snprintf(msg, sizeof msg, "--%s: missing value", name);
            return fail(msg);
        }

        if (!strcmp(name, "out")) {
            out_dir = value;
            continue;
        }
        if (!strcmp(name, "protocol-header")) {
            protocol_header = value;
            continue;
        }
        if (!strcmp(name, "rtl-dir")) {
            rtl_dir = value;
            continue;
        }
        if (!opt) {
            snprintf(msg, sizeof msg, "--%s: unknown option (see --help)", name);
            return fail(msg);
        }
        long v;
        if (parse_int(value, &v)) {
            snprintf(msg, sizeof msg, "--%s: '%s' is not an integer (allowed %d..%d)", name, value, opt->min, opt->max);
            return fail(msg);
        }
        if (v < opt->min || v > opt->max) {
            snprintf(msg, sizeof msg, "--%s: %ld is out of range %d..%d", name, v, opt->min, opt->max);
            return fail(msg);
        }
        *rs_config_field(&cfg, opt) = (int)v;
    }

    rs_error err;
    if (rs_config_check(&cfg, &err))
        return fail(err.msg);

    if (protocol_header) {
        rs_buf b = { 0 };
        rs_emit_protocol_h(&b);
        if (b.failed)
            return fail("out of memory");
        FILE *f = fopen(protocol_header, "wb");
        if (!f || fwrite(b.data, 1, b.len, f) != b.len || fclose(f)) {
            snprintf(msg, sizeof msg, "%s: %s", protocol_header, strerror(errno));
            return fail(msg);
        }
        rs_buf_free(&b);
        if (!out_dir)
            return 0;
    }
    if (!out_dir)
        return fail("--out: missing (the output directory is required; see --help)");

    output_file outs[MAX_OUTPUTS];
    int n = 0;
    memset(outs, 0, sizeof outs);
    for (int i = 0; i < rs_leaf_module_count; i++) {
        char path[PATH_MAX];
        outs[n].name = rs_leaf_modules[i];
        snprintf(path, sizeof path, "%s/%s", rtl_dir, rs_leaf_modules[i]);
        if (read_file(path, &outs[n].buf)) {
            snprintf(msg, sizeof msg, "--rtl-dir: cannot read %s: %s", path, strerror(errno));
            return fail(msg);
        }
        n++;
    }
    outs[n].name = "rs_defs.vh";    rs_emit_defs_vh(&outs[n++].buf, &cfg);
    outs[n].name = "rs_csr.v";      rs_emit_csr_v(&outs[n++].buf, &cfg);
    outs[n].name = "rs_top.v";      rs_emit_top_v(&outs[n++].buf, &cfg);
    outs[n].name = "rs_params.h";   rs_emit_params_h(&outs[n++].buf, &cfg);
    outs[n].name = "rs_protocol.h"; rs_emit_protocol_h(&outs[n++].buf);
    outs[n].name = "manifest.json"; rs_emit_manifest(&outs[n++].buf, &cfg);
    outs[n].name = "csr.md";        rs_emit_csr_md(&outs[n++].buf);
    outs[n].name = "stream.md";     rs_emit_stream_md(&outs[n++].buf);
    outs[n].name = "files.f";
    for (int i = 0; i < rs_leaf_module_count; i++)
        rs_buf_printf(&outs[n].buf, "%s\n", rs_leaf_modules[i]);
    rs_buf_printf(&outs[n++].buf, "rs_csr.v\nrs_top.v\n");

    for (int i = 0; i < n; i++)
        if (outs[i].buf.failed)
            return fail("out of memory");
    if (mkdirs(out_dir)) {
        snprintf(msg, sizeof msg, "--out: cannot create %s: %s", out_dir, strerror(errno));
        return fail(msg);
    }
    for (int i = 0; i < n; i++) {
        if (write_atomic(out_dir, outs[i].name, &outs[i].buf, msg, sizeof msg))
            return fail(msg);
        rs_buf_free(&outs[i].buf);
    }
    return 0;
}
