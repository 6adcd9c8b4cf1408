/* test_gen.c - the generator's command line: bad options are refused with a
 * one-line error, exit status 2 and nothing written; the same options give
 * the same bytes; each output carries the config hash. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include "test_util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define RSGEN RS_BUILD "/bin/rsgen"


static void tmp_dir(char *buf, size_t len, const char *tag)
{
    snprintf(buf, len, "%s/rsgen-test-%s-%ld", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", tag, (long)getpid());
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

typedef struct {
    const char *args;
    const char *needle;   /* must appear in the message */
} bad_option;

static const bad_option bad[] = {
    { "--rows 0", "--rows: '0' is out of range 1..32" },
    { "--rows 33", "--rows: '33' is out of range 1..32" },
    { "--cols -1", "--cols: '-1' is out of range 1..32" },
    { "--dw 12", "--dw: 12 is not allowed (8 or 16)" },
    { "--dw 4", "--dw: '4' is out of range 8..16" },
    { "--pw 40", "--pw: '40' is out of range 16..32" },
    { "--ifmap-spad 0", "--ifmap-spad: '0' is out of range 1..64" },
    { "--filter-spad 5000", "--filter-spad: '5000' is out of range 1..4095" },
    { "--psum-spad 65", "--psum-spad: '65' is out of range 1..64" },
    { "--psum-banks 3", "--psum-banks: '3' is out of range 1..2" },
    { "--glb-kb 0", "--glb-kb: '0' is out of range 1..4096" },
    { "--glb-kb 6", "--glb-kb: 6 is not a multiple of --glb-bank-kb 4" },
    { "--glb-bank-kb 3 --glb-kb 6", "--glb-bank-kb: 3 is not a power of two" },
    { "--rows abc", "--rows: 'abc' is not an integer" },
    { "--bogus 3", "--bogus: unknown option" },
    { "--rows", "--rows: missing value" },
    { "--zero-skip=2", "--zero-skip: '2' is out of range 0..1" },
    { "--zero-skip=yes", "--zero-skip: 'yes' is not an integer (allowed 0..1)" },
    { "--rows 4 --rows 5", "--rows: given twice" },
    { "--zero-skip --zero-skip=0", "--zero-skip: given twice" },
    { "stray", "stray: unexpected argument" },
    { "--board nope", "--board: 'nope' is not a board rsgen knows (ulx3s-85f, ulx3s-25f, icebreaker)" },
    { "--board ulx3s-85f --rows 12 --cols 14", "12x14 PEs need 173 multipliers (168 in the PEs, 1 each, and 5 in the "
      "shared parts), the LFE5U-85F has 156: 151 PEs at most beside those shared parts" },
    /* the shared parts' multipliers count: one per PE passed 2x3 and 1x5 (1x5 fits the block RAM) */
    { "--board icebreaker --rows 2 --cols 3", "2x3 PEs need 10 multipliers (6 in the PEs, 1 each, and 4 in the shared "
      "parts), the iCE40UP5K has 8: 4 PEs at most beside those shared parts" },
    { "--board icebreaker --rows 1 --cols 5", "1x5 PEs need 10 multipliers (5 in the PEs, 1 each, and 5 in the shared "
      "parts), the iCE40UP5K has 8" },
    /* a zero-skipping PE's second multiplier (its filter address) */
    { "--board ulx3s-25f --zero-skip --cols 4", "3x4 PEs need 31 multipliers (24 in the PEs, 2 each, and 7 in the "
      "shared parts), the LFE5U-25F has 28" },
    { "--board ulx3s-25f --glb-kb 256", "a 256 KiB global buffer in 4 KiB banks needs 128 block RAMs, the filter spads, FIFOs and the board's 16 KiB memory 21 more, the LFE5U-25F has 56" },
};

Test(gen, bad_options_write_nothing)
{
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char dir[256], cmd[4096], out[4096];
        tmp_dir(dir, sizeof dir, "bad");
        snprintf(cmd, sizeof cmd, "%s --out %s %s", RSGEN, dir, bad[i].args);
        int st = run_cmd(cmd, out, sizeof out);
        cr_expect_eq(st, 2, "%s: exit %d", bad[i].args, st);
        cr_expect(strstr(out, bad[i].needle) != NULL, "%s: message '%s' lacks '%s'", bad[i].args, out, bad[i].needle);
        cr_expect(strncmp(out, "rsgen: ", 7) == 0, "message starts with 'rsgen: ': %s", out);
        cr_expect(strchr(out, '\n') == out + strlen(out) - 1, "one line: %s", out);
        cr_expect(!exists(dir), "%s: %s was created", bad[i].args, dir);
    }
}

Test(gen, missing_out_is_an_error)
{
    char out[1024];
    cr_expect_eq(run_cmd(RSGEN " --rows 2", out, sizeof out), 2);
    cr_expect(strstr(out, "--out") != NULL, "%s", out);
}

Test(gen, help_documents_every_option)
{
    char out[8192];
    cr_assert_eq(run_cmd(RSGEN " --help", out, sizeof out), 0);
    const char *opts[] = { "--rows", "--cols", "--dw", "--pw", "--ifmap-spad", "--filter-spad", "--psum-spad",
                           "--psum-banks", "--glb-kb", "--zero-skip ", "--out" };
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        cr_expect(strstr(out, opts[i]) != NULL, "--help lacks %s", opts[i]);
    cr_expect(strstr(out, "default 12") && strstr(out, "default 14") && strstr(out, "default 224"),
              "Eyeriss defaults shown");
    cr_expect(strstr(out, "--zero-skip=0 or 1, default off") != NULL, "--zero-skip is a flag, off by default: %s", out);
}

Test(gen, same_options_same_bytes)
{
    char a[256], b[256], cmd[4096], out[4096];
    tmp_dir(a, sizeof a, "a");
    tmp_dir(b, sizeof b, "b");
    snprintf(cmd, sizeof cmd, "%s --rows 5 --cols 7 --dw 8 --out %s && %s --rows 5 --cols 7 --dw 8 --out %s && "
                              "diff -r %s %s", RSGEN, a, RSGEN, b, a, b);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 0, "outputs differ: %s", out);
    snprintf(cmd, sizeof cmd, "ls %s | wc -l", a);
    run_cmd(cmd, out, sizeof out);
    cr_expect_geq(atoi(out), 14, "files written: %s", out);
    snprintf(cmd, sizeof cmd, "rm -rf %s %s", a, b);
    run_cmd(cmd, out, sizeof out);
}

Test(gen, hash_names_the_configuration_everywhere)
{
    char a[256], cmd[4096], out[4096], hash[16];
    tmp_dir(a, sizeof a, "h");
    snprintf(cmd, sizeof cmd, "%s --rows 3 --cols 4 --out %s >/dev/null && "
                              "sed -n 's/.*\"config_hash\": \"0x\\([0-9a-f]*\\)\".*/\\1/p' %s/manifest.json", RSGEN, a, a);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0);
    cr_assert_eq(strlen(out), 9, "hash line: %s", out);
    memcpy(hash, out, 8);
    hash[8] = '\0';
    const char *files[] = { "rs_top.v", "rs_csr.v", "rs_params.h", "rs_defs.vh" };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(cmd, sizeof cmd, "head -1 %s/%s | grep -c 'Generated by rsgen.*%s'", a, files[i], hash);
        run_cmd(cmd, out, sizeof out);
        cr_expect_eq(atoi(out), 1, "%s: first line does not name rsgen and hash %s", files[i], hash);
    }
    snprintf(cmd, sizeof cmd, "grep -c \"CONFIG_HASH(32'h%s)\" %s/rs_top.v", hash, a);
    run_cmd(cmd, out, sizeof out);
    cr_expect_eq(atoi(out), 1, "the hardware reports the hash");
    /* another configuration, another hash */
    snprintf(cmd, sizeof cmd, "%s --rows 3 --cols 5 --out %s && grep -c %s %s/manifest.json", RSGEN, a, hash, a);
    run_cmd(cmd, out, sizeof out);
    cr_expect_eq(atoi(out), 0, "hash did not change with --cols");
    snprintf(cmd, sizeof cmd, "rm -rf %s", a);
    run_cmd(cmd, out, sizeof out);
}

Test(gen, docs_match_the_generator)
{
    /* docs/csr.md and docs/stream.md are copies of what the generator writes */
    char a[256], cmd[4096], out[4096];
    tmp_dir(a, sizeof a, "d");
    snprintf(cmd, sizeof cmd, "%s --out %s >/dev/null && diff %s/csr.md %s/docs/csr.md && diff %s/stream.md "
                              "%s/docs/stream.md; s=$?; rm -rf %s; exit $s", RSGEN, a, a, RS_ROOT, a, RS_ROOT, a);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 0, "docs/ out of date (make docs): %s", out);
}

/* each mark's first string once in DIR_A/file and its second once in DIR_B/file */
typedef struct { const char *file, *a, *b; } mark;
static void expect_marks(const char *dir_a, const char *dir_b, const mark *marks, size_t n)
{
    char cmd[4096], out[4096];
    for (size_t i = 0; i < n; i++) {
        snprintf(cmd, sizeof cmd, "grep -cF '%s' %s/%s; grep -cF '%s' %s/%s", marks[i].a, dir_a, marks[i].file,
                 marks[i].b, dir_b, marks[i].file);
        run_cmd(cmd, out, sizeof out);
        cr_expect_str_eq(out, "1\n1\n", "%s: '%s' (%s) / '%s' (%s) missing", marks[i].file, marks[i].a, dir_a,
                         marks[i].b, dir_b);
    }
}

/* the two configurations' manifests name different config hashes */
static void expect_other_hash(const char *dir_a, const char *dir_b, const char *what)
{
    char cmd[4096], out[4096];
    snprintf(cmd, sizeof cmd, "sed -n 's/.*\"config_hash\": \"\\(0x[0-9a-f]*\\)\".*/\\1/p' %s/manifest.json %s/manifest.json",
             dir_a, dir_b);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0);
    cr_assert_eq(strlen(out), 22, "two hashes: %s", out);
    cr_expect(strncmp(out, out + 11, 10) != 0, "%s must change the config hash: %s", what, out);
}

/* --zero-skip: a flag (no value taken from the next argument), recorded in
 * the manifest, the C header, the hash, the RTL parameter and the FEATURES
 * CSR value; --zero-skip=0 is the default configuration, byte for byte */
Test(gen, zero_skip_option)
{
    char a[256], b[256], c[256], cmd[4096], out[4096];
    tmp_dir(a, sizeof a, "zs1");
    tmp_dir(b, sizeof b, "zs0");
    tmp_dir(c, sizeof c, "zsd");
    /* the flag before another option: that option must still be read */
    snprintf(cmd, sizeof cmd, "%s --zero-skip --rows 3 --cols 4 --out %s && %s --rows 3 --cols 4 --zero-skip=0 --out %s && "
                              "%s --rows 3 --cols 4 --out %s", RSGEN, a, RSGEN, b, RSGEN, c);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
    snprintf(cmd, sizeof cmd, "diff -r %s %s", b, c);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 0, "--zero-skip=0 differs from the default: %s", out);
    const mark marks[] = {
        { "manifest.json", "\"zero_skip\": 1,", "\"zero_skip\": 0," },
        { "manifest.json", "\"rows\": 3,", "\"rows\": 3," },
        { "manifest.json", ",zero-skip=1,", ",zero-skip=0," },
        { "rs_params.h", "#define RS_ZERO_SKIP 1", "#define RS_ZERO_SKIP 0" },
        { "rs_top.v", "localparam ZSKIP = 1;", "localparam ZSKIP = 0;" },
        { "rs_top.v", ".FEATURES(32'\\''h00000003)", ".FEATURES(32'\\''h00000002)" },   /* '\\'': a quote inside the shell's '...'; 2: two psum banks */
        { "rs_protocol.h", "#define RS_FEAT_ZERO_SKIP", "#define RS_FEAT_ZERO_SKIP" },
    };
    expect_marks(a, b, marks, sizeof marks / sizeof marks[0]);
    expect_other_hash(a, b, "--zero-skip");
    snprintf(cmd, sizeof cmd, "rm -rf %s %s %s", a, b, c);
    run_cmd(cmd, out, sizeof out);
}

/* --psum-banks: recorded in the manifest, the C header, the hash, the RTL
 * parameter and the FEATURES CSR value; 2 is the default */
Test(gen, psum_banks_option)
{
    char a[256], b[256], cmd[4096], out[4096];
    tmp_dir(a, sizeof a, "pb1");
    tmp_dir(b, sizeof b, "pb2");
    snprintf(cmd, sizeof cmd, "%s --rows 3 --cols 4 --psum-banks 1 --out %s && %s --rows 3 --cols 4 --out %s", RSGEN, a,
             RSGEN, b);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
    const mark marks[] = {
        { "manifest.json", "\"psum_banks\": 1,", "\"psum_banks\": 2," },
        { "manifest.json", ",psum-banks=1,", ",psum-banks=2," },
        { "rs_params.h", "#define RS_PSUM_BANKS 1", "#define RS_PSUM_BANKS 2" },
        { "rs_top.v", "localparam PSB  = 1;", "localparam PSB  = 2;" },
        { "rs_top.v", ".FEATURES(32'\\''h00000000)", ".FEATURES(32'\\''h00000002)" },
    };
    expect_marks(a, b, marks, sizeof marks / sizeof marks[0]);
    expect_other_hash(a, b, "--psum-banks");
    snprintf(cmd, sizeof cmd, "rm -rf %s %s", a, b);
    run_cmd(cmd, out, sizeof out);
}

/* --pe-lanes: 1 is recorded in the manifest, the C header, the hash, the RTL
 * parameter and the FEATURES CSR value; 64/dw (4 at dw 16) is the default,
 * byte for byte with the hash of before the option; other values are refused */
Test(gen, pe_lanes_option)
{
    char a[256], b[256], c[256], cmd[4096], out[4096];
    tmp_dir(a, sizeof a, "pl1");
    tmp_dir(b, sizeof b, "pl4");
    tmp_dir(c, sizeof c, "pld");
    snprintf(cmd, sizeof cmd, "%s --rows 3 --cols 4 --pe-lanes 1 --out %s && %s --rows 3 --cols 4 --pe-lanes 4 --out %s && "
                              "%s --rows 3 --cols 4 --out %s", RSGEN, a, RSGEN, b, RSGEN, c);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
    snprintf(cmd, sizeof cmd, "diff -r %s %s", b, c);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 0, "--pe-lanes 4 differs from the default: %s", out);
    const mark marks[] = {
        { "manifest.json", "\"pe_lanes\": 1,", "\"pe_lanes\": 4," },
        { "manifest.json", ",pe-lanes=1\"", ",cmd-fifo=1024\"" },   /* left out of the hash at its default */
        { "rs_params.h", "#define RS_PE_LANES 1", "#define RS_PE_LANES 4" },
        { "rs_top.v", "localparam LANES = 1;", "localparam LANES = 4;" },
        { "rs_top.v", ".FEATURES(32'\\''h00000006)", ".FEATURES(32'\\''h00000002)" },
    };
    expect_marks(a, b, marks, sizeof marks / sizeof marks[0]);
    expect_other_hash(a, b, "--pe-lanes");
    for (int i = 0; i < 3; i++) {
        static const char *const bad[] = { "--pe-lanes 2", "--pe-lanes 4 --dw 8", "--pe-lanes 9" };
        snprintf(cmd, sizeof cmd, "%s %s --out %s/bad", RSGEN, bad[i], a);
        cr_expect_eq(run_cmd(cmd, out, sizeof out), 2, "%s was accepted: %s", bad[i], out);
        cr_expect(strstr(out, "rsgen: --pe-lanes: ") != NULL, "%s: %s", bad[i], out);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s %s %s", a, b, c);
    run_cmd(cmd, out, sizeof out);
}

/* --psum-lanes: 4 is recorded in the manifest, the C header, the hash, the RTL
 * parameter and the FEATURES CSR value, and lists the wide buffer and the
 * pairing queue among the files; 2 is the default, byte for byte with the
 * hash of before the option; other values are refused */
Test(gen, psum_lanes_option)
{
    char a[256], b[256], c[256], cmd[4096], out[4096];
    tmp_dir(a, sizeof a, "sl4");
    tmp_dir(b, sizeof b, "sl2");
    tmp_dir(c, sizeof c, "sld");
    snprintf(cmd, sizeof cmd, "%s --rows 3 --cols 4 --psum-lanes 4 --out %s && %s --rows 3 --cols 4 --psum-lanes 2 --out %s && "
                              "%s --rows 3 --cols 4 --out %s", RSGEN, a, RSGEN, b, RSGEN, c);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
    snprintf(cmd, sizeof cmd, "diff -r %s %s", b, c);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 0, "--psum-lanes 2 differs from the default: %s", out);
    const mark marks[] = {
        { "manifest.json", "\"psum_lanes\": 4", "\"psum_lanes\": 2" },
        { "manifest.json", ",psum-lanes=4\"", ",cmd-fifo=1024\"" },   /* left out of the hash at its default */
        { "rs_params.h", "#define RS_PSUM_LANES 4", "#define RS_PSUM_LANES 2" },
        { "rs_top.v", "localparam PSL  = 4;", "localparam PSL  = 2;" },
        { "rs_top.v", ".FEATURES(32'\\''h0000000a)", ".FEATURES(32'\\''h00000002)" },
    };
    expect_marks(a, b, marks, sizeof marks / sizeof marks[0]);
    expect_other_hash(a, b, "--psum-lanes");
    for (int i = 0; i < 3; i++) {
        static const char *const bad[] = { "--psum-lanes 3", "--psum-lanes 1", "--psum-lanes 8" };
        snprintf(cmd, sizeof cmd, "%s %s --out %s/bad", RSGEN, bad[i], a);
        cr_expect_eq(run_cmd(cmd, out, sizeof out), 2, "%s was accepted: %s", bad[i], out);
        cr_expect(strstr(out, "rsgen: --psum-lanes: ") != NULL, "%s: %s", bad[i], out);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s %s %s", a, b, c);
    run_cmd(cmd, out, sizeof out);
}

/* --out: an empty folder or an earlier rsgen output is written (other files in
 * it, such as a built model, stay); any other non-empty folder is refused
 * unless --force */
Test(gen, out_folder_rules)
{
    char top[256], a[300], cmd[4096], out[4096];
    tmp_dir(top, sizeof top, "of");    /* a folder of its own: rsgen's temporary folder goes beside --out */
    snprintf(a, sizeof a, "%s/out", top);
    snprintf(cmd, sizeof cmd, "mkdir -p %s && touch %s/notes.txt && %s --rows 2 --cols 2 --out %s", a, a, RSGEN, a);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 2, "a folder of someone else's files was written: %s", out);
    cr_expect(strstr(out, "not empty and not an rsgen output") != NULL, "%s", out);
    snprintf(cmd, sizeof cmd, "test ! -e %s/rs_top.v", a);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 0, "refused, yet rs_top.v was written");
    snprintf(cmd, sizeof cmd, "%s --rows 2 --cols 2 --out %s --force && test -f %s/rs_top.v && test -f %s/notes.txt", RSGEN,
             a, a, a);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 0, "--force: %s", out);
    /* now an rsgen output: regenerated without --force, other files kept */
    snprintf(cmd, sizeof cmd, "%s --rows 3 --cols 2 --out %s && grep -c '\"rows\": 3' %s/manifest.json && test -f %s/notes.txt",
             RSGEN, a, a, a);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 0, "an rsgen output is rewritten: %s", out);
    snprintf(cmd, sizeof cmd, "ls -a %s | grep -c '^.rsgen-'", top);
    run_cmd(cmd, out, sizeof out);
    cr_expect_eq(atoi(out), 0, "a temporary folder was left behind");
    snprintf(cmd, sizeof cmd, "rm -rf %s", top);
    run_cmd(cmd, out, sizeof out);
}

/* A disk that fills up while rsgen writes leaves no file behind: every output
 * is written to a temporary folder first (a 64 KiB tmpfs holds a few of the
 * 30 files). Needs root to mount, as on the project's machines. */
Test(gen, full_disk_leaves_nothing)
{
    char a[256], cmd[4096], out[4096];
    tmp_dir(a, sizeof a, "fd");
    snprintf(cmd, sizeof cmd, "mkdir -p %s && mount -t tmpfs -o size=64k tmpfs %s", a, a);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "cannot mount a small tmpfs (needs root): %s", out);
    snprintf(cmd, sizeof cmd, "%s --out %s/g", RSGEN, a);
    int st = run_cmd(cmd, out, sizeof out);
    cr_expect_eq(st, 2, "exit %d: %s", st, out);
    cr_expect(strncmp(out, "rsgen: --out: cannot write", 26) == 0 && strchr(out, '\n') == out + strlen(out) - 1,
              "one line naming the failed write: %s", out);
    snprintf(cmd, sizeof cmd, "ls -A %s | wc -l", a);
    run_cmd(cmd, out, sizeof out);
    cr_expect_eq(atoi(out), 0, "files left on the full disk: %s", out);
    snprintf(cmd, sizeof cmd, "umount %s; rmdir %s", a, a);
    run_cmd(cmd, out, sizeof out);
}

/* --board: the preset's sizes unless an option says otherwise, board.env for
 * the FPGA flow, and no stale board.env once a run has no board. */
Test(gen, board_presets)
{
    char a[256], cmd[4096], out[4096];
    tmp_dir(a, sizeof a, "board");
    snprintf(cmd, sizeof cmd, "%s --board icebreaker --out %s && grep -c '\"dw\": 8' %s/manifest.json && "
             "grep -x \"ARCH='ice40'\" %s/board.env && grep -x \"PES='4'\" %s/board.env",
             RSGEN, a, a, a, a);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 0, "icebreaker preset: %s", out);
    /* as many multipliers as the part has (measured: 4 in the PEs, 4 outside) */
    snprintf(cmd, sizeof cmd, "%s --board icebreaker --rows 1 --cols 4 --out %s && grep -x \"MULTS_NEEDED='8'\" "
             "%s/board.env", RSGEN, a, a);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 0, "1x4 on the iCE40UP5K's 8 multipliers: %s", out);
    snprintf(cmd, sizeof cmd, "%s --board ulx3s-25f --rows 2 --out %s && grep -c '\"rows\": 2' %s/manifest.json && "
             "grep -c '\"cols\": 3' %s/manifest.json && grep -x \"DEVICE='25k'\" %s/board.env", RSGEN, a, a, a, a);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 0, "an option over the preset: %s", out);
    snprintf(cmd, sizeof cmd, "%s --rows 2 --cols 2 --out %s && test ! -e %s/board.env", RSGEN, a, a);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 0, "board.env left from an earlier --board run: %s", out);
    snprintf(cmd, sizeof cmd, "rm -rf %s", a);
    run_cmd(cmd, out, sizeof out);
}

Test(gen, version)
{
    char out[256];
    cr_assert_eq(run_cmd(RSGEN " --version", out, sizeof out), 0);
    cr_expect(strncmp(out, "rsgen ", 6) == 0 && strchr(out, '.') != NULL, "%s", out);
}

/* The FuseSoC core rsgen writes is one FuseSoC accepts: its lint target runs
 * Verilator -Wall over the listed files (FuseSoC from PyPI, make's venv);
 * a broken file in the core fails it. */
Test(gen, fusesoc_core_lints, .timeout = 600)
{
    char a[256], cmd[4096], out[8192];
    tmp_dir(a, sizeof a, "fs");
    snprintf(cmd, sizeof cmd, "%s --rows 2 --cols 3 --dw 8 --out %s/core >/dev/null && cd %s && "
                              "%s/venv/bin/fusesoc --cores-root core run --target lint --build-root b "
                              "$(sed -n 's/^name: //p' core/rs_top.core) >log 2>&1 || { cat log; exit 1; }",
             RSGEN, a, a, RS_BUILD);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 0, "fusesoc lint of the generated core: %s", out);
    snprintf(cmd, sizeof cmd, "cd %s && echo 'wire broken = ;' >> core/rs_top.v && rm -rf b && "
                              "%s/venv/bin/fusesoc --cores-root core run --target lint --build-root b "
                              "$(sed -n 's/^name: //p' core/rs_top.core) >log 2>&1", a, RS_BUILD);
    cr_expect_neq(run_cmd(cmd, out, sizeof out), 0, "fusesoc lint passed a broken file: the check checks nothing");
    snprintf(cmd, sizeof cmd, "rm -rf %s", a);
    run_cmd(cmd, out, sizeof out);
}

/* After `make install PREFIX=DIR` the tools run from anywhere and take the
 * leaf RTL from DIR/share/rsgen (a mark added to the installed copy shows in
 * what the installed rsgen writes). */
Test(gen, installed_tools_find_their_files, .timeout = 300)
{
    char a[256], cmd[4096], out[8192];
    tmp_dir(a, sizeof a, "inst");
    snprintf(cmd, sizeof cmd, "make -s -C %s install PREFIX=%s >%s.log 2>&1 || { cat %s.log; exit 1; }", RS_ROOT, a, a, a);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "make install: %s", out);
    snprintf(cmd, sizeof cmd, "echo '// the installed copy' >> %s/share/rsgen/rtl/rs_fifo.v && cd / && "
                              "%s/bin/rsgen --rows 2 --cols 2 --out %s/g && grep -c 'the installed copy' %s/g/rs_fifo.v && "
                              "%s/bin/rsrun --version && test -f %s/share/rsgen/sim/build_model.sh && "
                              "test -f %s/share/doc/rsgen/LICENSE && test -f %s/share/doc/rsgen/docs/README.md",
             a, a, a, a, a, a, a, a);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
    cr_expect(strstr(out, "1\nrsrun ") != NULL, "the installed rsgen did not take the installed RTL: %s", out);
    snprintf(cmd, sizeof cmd, "rm -rf %s %s.log", a, a);
    run_cmd(cmd, out, sizeof out);
}

/* make regenerates only its own configurations: a user's folder under
 * build/gen, even older than rtl/, is left as the user generated it, and a
 * missing one is an error naming rsgen, not a default array */
Test(gen, make_keeps_a_users_configuration, .timeout = 120)
{
    char name[64], dir[512], cmd[4096], out[8192];
    snprintf(name, sizeof name, "user-test-%ld", (long)getpid());
    snprintf(dir, sizeof dir, "%s/gen/%s", RS_BUILD, name);
    snprintf(cmd, sizeof cmd, "%s --rows 2 --cols 3 --out %s && touch -d 2000-01-01 %s/rs_top.v && "
                              "make -s -C %s build/gen/%s/rs_top.v && make -n -C %s models TEST_CONFIGS=%s | grep -c 'rsgen.*%s'; "
                              "grep -c '\"rows\": 2' %s/manifest.json",
             RSGEN, dir, dir, RS_ROOT, name, RS_ROOT, name, name, dir);
    run_cmd(cmd, out, sizeof out);
    cr_expect_str_eq(out, "0\n1\n", "make regenerated a user's configuration: %s", out);
    snprintf(cmd, sizeof cmd, "rm -rf %s && make -s -C %s build/gen/%s/rs_top.v", dir, RS_ROOT, name);
    cr_expect_neq(run_cmd(cmd, out, sizeof out), 0, "a missing user configuration was made up: %s", out);
    cr_expect(strstr(out, "not one of the Makefile's configurations") != NULL, "%s", out);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    run_cmd(cmd, out, sizeof out);
}

/* rsgen built with AddressSanitizer and UBSan: every error path still exits
 * with 2 (a leak would make it 1) and success with 0 */
Test(gen, sanitized_error_paths, .timeout = 120)
{
    char a[256], cmd[4096], out[8192];
    tmp_dir(a, sizeof a, "asan");
    const char *cases[] = { "--rows 0", "--rows 2 --rows 3", "--rtl-dir /nonexistent", "--bogus", "--dw 12", "" };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        /* the last case: an output folder that cannot be made, after every output was built */
        snprintf(cmd, sizeof cmd, "%s/asan/bin/rsgen --out %s %s", RS_BUILD, *cases[i] ? a : "/proc/nonexistent/x",
                 cases[i]);
        int st = run_cmd(cmd, out, sizeof out);
        cr_expect_eq(st, 2, "%s: exit %d: %s", cases[i], st, out);
        cr_expect(strstr(out, "Sanitizer") == NULL && strstr(out, "runtime error") == NULL, "%s: %s", cases[i], out);
    }
    snprintf(cmd, sizeof cmd, "%s/asan/bin/rsgen --rows 2 --cols 2 --out %s && rm -rf %s", RS_BUILD, a, a);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
}
