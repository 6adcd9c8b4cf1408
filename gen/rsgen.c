/* rsgen - generate the row-stationary accelerator for one configuration.
 *
 * Reads options, checks all of them, builds every output in memory, writes
 * them into a temporary folder beside the output folder and only then moves
 * them into place, so a bad option or a full disk leaves nothing behind.
 * Same options, same bytes. Refuses to write into a non-empty folder that is
 * not an rsgen output unless --force.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rs_board.h"
#include "rs_buf.h"
#include "rs_config.h"
#include "rs_emit.h"
#include "rs_opt.h"
#include "rs_paths.h"

#ifndef RS_RTL_DIR
#define RS_RTL_DIR "rtl"
#endif

#define MAX_OUTPUTS 40

typedef struct {
    const char *name;
    rs_buf buf;
} output_file;

typedef struct {
    output_file files[MAX_OUTPUTS];
    int count;
} output_set;

typedef struct {
    rs_config cfg;
    const char *out_dir, *protocol_header, *rtl_dir, *board_name;
    const rs_board *board;    /* NULL without --board */
    int force;
} rsgen_args;

static int fail(const char *msg)
{
    fprintf(stderr, "rsgen: %s\n", msg);
    return 2;
}

/* The option table: one row per configuration field, then the tool's own. */
static int build_options(rsgen_args *a, rs_opt *opts, char help[][160])
{
    int n = 0;
    for (int i = 0; i < rs_config_option_count; i++, n++) {
        const rs_config_option *o = &rs_config_options[i];
        if (o->flag)
            snprintf(help[n], 160, "%s (flag; --%s=0 or 1, default %s)", o->help, o->name, o->def ? "on" : "off");
        else
            snprintf(help[n], 160, "%s (%d..%d, default %d)", o->help, o->min, o->max, o->def);
        opts[n] = (rs_opt){ o->name, o->flag ? RS_OPT_FLAG : RS_OPT_INT, rs_config_field(&a->cfg, o), o->min, o->max,
                            o->flag ? NULL : "N", help[n] };
    }
    char names[64];
    rs_board_names(names, sizeof names);
    snprintf(help[n], 160, "an FPGA board (%.60s): sizes that fit it\nunless given, and board.env for make fpga", names);
    opts[n] = (rs_opt){ "board", RS_OPT_TEXT, &a->board_name, 0, 0, "NAME", help[n] };
    n++;
    opts[n++] = (rs_opt){ "out", RS_OPT_TEXT, &a->out_dir, 0, 0, "DIR",
                          "output folder (created if missing; an existing one must be empty\n"
                          "or an earlier rsgen output)" };
    opts[n++] = (rs_opt){ "force", RS_OPT_FLAG, &a->force, 0, 1, NULL,
                          "write into a non-empty --out folder that is not an rsgen output" };
    opts[n++] = (rs_opt){ "protocol-header", RS_OPT_TEXT, &a->protocol_header, 0, 0, "FILE",
                          "write only the configuration-independent C header FILE" };
    opts[n++] = (rs_opt){ "rtl-dir", RS_OPT_TEXT, &a->rtl_dir, 0, 0, "DIR",
                          "where the hand-written leaf modules are (default: the installed ones)" };
    return n;
}

static void usage(const rs_opt *opts, int n)
{
    printf("usage: rsgen [options] --out DIR\n"
           "Generate the Verilog, C headers, manifest, docs, FuseSoC core and GTKWave save file\n"
           "of a row-stationary (Eyeriss-style) accelerator. Defaults are Eyeriss v1's.\n\n");
    rs_opt_usage(stdout, opts, n);
    printf("Exit status: 0 written, 2 bad option or an output that cannot be written (nothing is left behind).\n");
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

static rs_buf *add_output(output_set *s, const char *name)
{
    s->files[s->count].name = name;
    return &s->files[s->count++].buf;
}

static void free_outputs(output_set *s)
{
    for (int i = 0; i < s->count; i++)
        rs_buf_free(&s->files[i].buf);
}

/* Every output file in memory. */
static int build_outputs(const rsgen_args *a, output_set *s, char *why, size_t why_len)
{
    for (int i = 0; i < rs_leaf_module_count; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", a->rtl_dir, rs_leaf_modules[i]);
        if (read_file(path, add_output(s, rs_leaf_modules[i]))) {
            snprintf(why, why_len, "--rtl-dir: cannot read %.300s: %s", path, strerror(errno));
            return -1;
        }
    }
    rs_emit_defs_vh(add_output(s, "rs_defs.vh"), &a->cfg);
    rs_emit_csr_v(add_output(s, "rs_csr.v"), &a->cfg);
    rs_emit_top_v(add_output(s, "rs_top.v"), &a->cfg);
    rs_emit_params_h(add_output(s, "rs_params.h"), &a->cfg);
    rs_emit_protocol_h(add_output(s, "rs_protocol.h"));
    rs_emit_manifest(add_output(s, "manifest.json"), &a->cfg);
    rs_emit_csr_md(add_output(s, "csr.md"));
    rs_emit_stream_md(add_output(s, "stream.md"));
    rs_emit_fusesoc_core(add_output(s, "rs_top.core"), &a->cfg);
    rs_emit_gtkw(add_output(s, "rs_top.gtkw"), &a->cfg);
    if (a->board)
        rs_emit_board_env(add_output(s, "board.env"), a->board, &a->cfg);
    rs_buf *files = add_output(s, "files.f");
    for (int i = 0; i < rs_leaf_module_count; i++)
        rs_buf_printf(files, "%s\n", rs_leaf_modules[i]);
    rs_buf_printf(files, "rs_csr.v\nrs_top.v\n");
    for (int i = 0; i < s->count; i++)
        if (s->files[i].buf.failed) {
            snprintf(why, why_len, "out of memory");
            return -1;
        }
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

/* 1 if dir holds nothing, or an rsgen manifest; 0 if it holds something else. */
static int dir_is_ours(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 1;
    int entries = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        entries += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    if (!entries)
        return 1;
    char path[PATH_MAX], head[256] = "";
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = '\0';
    return strstr(head, "\"generator\": \"" RS_GEN_NAME "\"") != NULL;
}

/* dir/name into buf; -1 if it does not fit */
static int path_join(char *buf, size_t len, const char *dir, const char *name)
{
    int n = snprintf(buf, len, "%s/%s", dir, name);
    return n < 0 || (size_t)n >= len ? -1 : 0;
}

static void remove_tree_files(const char *dir, const output_set *s)
{
    char path[PATH_MAX];
    for (int i = 0; i < s->count; i++) {
        if (!path_join(path, sizeof path, dir, s->files[i].name))
            remove(path);
    }
    rmdir(dir);
}

/* Write every output into a fresh folder beside out_dir, then move the files
 * into out_dir: a write that fails (a full disk) leaves out_dir untouched. */
static int write_outputs(const char *out_dir, const output_set *s, char *why, size_t why_len)
{
    char parent[PATH_MAX], tmp[PATH_MAX], path[PATH_MAX], from[PATH_MAX];
    snprintf(parent, sizeof parent, "%s", out_dir);
    char *slash = strrchr(parent, '/');
    if (slash == parent)
        parent[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        snprintf(parent, sizeof parent, ".");
    if (mkdirs(parent)) {
        snprintf(why, why_len, "--out: cannot create %.300s: %s", parent, strerror(errno));
        return -1;
    }
    if (path_join(tmp, sizeof tmp, parent, ".rsgen-XXXXXX") || !mkdtemp(tmp)) {
        snprintf(why, why_len, "--out: cannot write in %.300s: %s", parent, strerror(errno));
        return -1;
    }
    for (int i = 0; i < s->count; i++) {
        FILE *f = path_join(path, sizeof path, tmp, s->files[i].name) ? NULL : fopen(path, "wb");
        size_t n = f ? fwrite(s->files[i].buf.data, 1, s->files[i].buf.len, f) : 0;
        if (!f || fclose(f) || n != s->files[i].buf.len) {
            snprintf(why, why_len, "--out: cannot write %.300s: %s", path, strerror(errno ? errno : EIO));
            remove_tree_files(tmp, s);
            return -1;
        }
    }
    if (mkdirs(out_dir)) {
        snprintf(why, why_len, "--out: cannot create %.300s: %s", out_dir, strerror(errno));
        remove_tree_files(tmp, s);
        return -1;
    }
    for (int i = 0; i < s->count; i++) {
        if (path_join(from, sizeof from, tmp, s->files[i].name) ||
            path_join(path, sizeof path, out_dir, s->files[i].name) || rename(from, path)) {
            snprintf(why, why_len, "--out: cannot move %.300s into place: %s", path, strerror(errno));
            remove_tree_files(tmp, s);
            return -1;
        }
    }
    rmdir(tmp);
    return 0;
}

static int write_protocol_header(const char *path, char *why, size_t why_len)
{
    rs_buf b = { 0 };
    rs_emit_protocol_h(&b);
    FILE *f = b.failed ? NULL : fopen(path, "wb");
    int bad = !f || fwrite(b.data, 1, b.len, f) != b.len;
    if (f && fclose(f))
        bad = 1;
    if (bad) {
        snprintf(why, why_len, "--protocol-header: %.300s: %s", path, b.failed ? "out of memory" : strerror(errno));
        remove(path);
    }
    rs_buf_free(&b);
    return bad ? -1 : 0;
}

int main(int argc, char **argv)
{
    char rtl_dir[PATH_MAX];
    rsgen_args a = { .rtl_dir = rs_data_dir("rtl", RS_RTL_DIR, rtl_dir, sizeof rtl_dir) };
    rs_config_defaults(&a.cfg);
    rs_opt opts[32];
    char help[32][160];
    char why[PATH_MAX + 256];
    rs_error err;
    int n = build_options(&a, opts, help);

    unsigned char given[32] = { 0 };
    switch (rs_opt_parse(opts, n, argc, argv, given, &err)) {
    case RS_OPT_HELP:
        usage(opts, n);
        return 0;
    case RS_OPT_VERSION:
        printf("%s %s\n", RS_GEN_NAME, RS_GEN_VERSION);
        return 0;
    case RS_OPT_RUN:
        break;
    default:
        return fail(err.msg);
    }
    if (a.board_name && (!(a.board = rs_board_find(a.board_name, &err)) || rs_board_apply(a.board, &a.cfg, given, &err)))
        return fail(err.msg);
    rs_config_resolve(&a.cfg);
    if (rs_config_check(&a.cfg, &err) || (a.board && rs_board_check(a.board, &a.cfg, &err)))
        return fail(err.msg);
    if (!a.out_dir && !a.protocol_header)
        return fail("--out: missing (the output folder is required; see --help)");
    if (a.out_dir) {
        struct stat st;
        if (!stat(a.out_dir, &st) && !S_ISDIR(st.st_mode)) {
            snprintf(why, sizeof why, "--out: %.300s exists and is not a folder", a.out_dir);
            return fail(why);
        }
        if (!a.force && !dir_is_ours(a.out_dir)) {
            snprintf(why, sizeof why,
                     "--out: %.300s is not empty and not an rsgen output (--force writes into it anyway)", a.out_dir);
            return fail(why);
        }
    }
    if (a.protocol_header && write_protocol_header(a.protocol_header, why, sizeof why))
        return fail(why);
    if (!a.out_dir)
        return 0;

    output_set s = { .count = 0 };
    int bad = build_outputs(&a, &s, why, sizeof why) || write_outputs(a.out_dir, &s, why, sizeof why);
    free_outputs(&s);
    char stale[PATH_MAX];
    if (!bad && !a.board && !path_join(stale, sizeof stale, a.out_dir, "board.env"))
        remove(stale);    /* an earlier --board run's; this configuration has none */
    return bad ? fail(why) : 0;
}
