/* test_rsrun.c - the rsrun command end to end: .npy inputs in, .npy output
 * out and equal to the golden reference; bad arguments and layers the
 * mapping cannot run get a one-line error and a non-zero exit. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include "test_util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rs_golden.h"
#include "rs_npy.h"
#include "rs_random.h"

#define RSRUN RS_BUILD "/bin/rsrun --config " RS_BUILD "/gen/small"


static void write_tensor(const char *path, int ndim, const int64_t *shape, int32_t *data, const char *dtype)
{
    rs_tensor t = { .ndim = ndim, .data = data };
    memcpy(t.shape, shape, sizeof(int64_t) * (size_t)ndim);
    rs_error err;
    cr_assert_eq(rs_npy_write(path, &t, dtype, &err), 0, "%s", err.msg);
}

Test(rsrun, npy_files_in_and_out, .timeout = 120)
{
    char dir[256], cmd[2048], out[8192], in_x[300], in_w[300], in_b[300], out_y[300];
    snprintf(dir, sizeof dir, "%s/rsrun-test-%ld", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    snprintf(cmd, sizeof cmd, "mkdir -p %s", dir);
    cr_assert_eq(system(cmd), 0);
    snprintf(in_x, sizeof in_x, "%s/x.npy", dir);
    snprintf(in_w, sizeof in_w, "%s/w.npy", dir);
    snprintf(in_b, sizeof in_b, "%s/b.npy", dir);
    snprintf(out_y, sizeof out_y, "%s/y.npy", dir);

    rs_shape s = { .N = 1, .C = 4, .M = 6, .H = 7, .W = 9, .R = 3, .S = 3, .U = 1, .pad = 1, .G = 2 };
    rs_error err;
    cr_assert_eq(rs_shape_check(&s, &err), 0, "%s", err.msg);
    int32_t x[1 * 4 * 7 * 9], w[6 * 2 * 3 * 3], b[6], golden[1 * 6 * 7 * 9];
    rs_rng rng;
    rs_rng_seed(&rng, 7);
    rs_fill_random(&rng, x, sizeof x / sizeof x[0], -300, 300, 0.3);
    rs_fill_random(&rng, w, sizeof w / sizeof w[0], -200, 200, 0.0);
    rs_fill_random(&rng, b, 6, -5000, 5000, 0.0);
    write_tensor(in_x, 4, (int64_t[]){ 1, 4, 7, 9 }, x, "<i2");
    write_tensor(in_w, 4, (int64_t[]){ 6, 2, 3, 3 }, w, "<i2");
    write_tensor(in_b, 1, (int64_t[]){ 6 }, b, "<i4");

    snprintf(cmd, sizeof cmd, "%s --shape N=1,C=4,M=6,H=7,W=9,R=3,S=3,pad=1,G=2 --ifmap %s --weights %s --bias %s "
                              "--shift 6 --relu --out %s", RSRUN, in_x, in_w, in_b, out_y);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
    cr_expect(strstr(out, "PASS: 378 of 378 outputs bit-exact") != NULL, "%s", out);

    rs_quant q = { .dw = 16, .pw = 32, .shift = 6, .relu = 1 };
    cr_assert_eq(rs_conv_ref(&s, &q, x, w, b, golden, &err), 0, "%s", err.msg);
    rs_tensor y;
    cr_assert_eq(rs_npy_read(out_y, &y, &err), 0, "%s", err.msg);
    cr_assert_eq(y.ndim, 4);
    cr_assert_eq(rs_tensor_count(&y), 378);
    cr_expect_arr_eq(y.data, golden, sizeof golden, "--out differs from the golden reference");
    rs_tensor_free(&y);

    /* a tensor of the wrong shape is refused, naming it */
    snprintf(cmd, sizeof cmd, "%s --shape N=1,C=4,M=6,H=7,W=8,R=3,S=3,pad=1,G=2 --ifmap %s", RSRUN, in_x);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 2, "%s", out);
    cr_expect(strstr(out, "--ifmap") && strstr(out, "does not match"), "%s", out);

    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}

Test(rsrun, bad_arguments)
{
    char out[4096];
    struct { const char *args; int status; const char *needle; } bad[] = {
        { "", 2, "--shape: missing" },
        { "--shape C=1,M=1,H=5,W=5,R=3", 2, "S" },
        { "--shape C=1,M=1,H=5,W=5,R=3,S=3,U=0", 2, "U=0 is out of range" },
        { "--shape C=1,M=1,H=5,W=5,R=3,S=3 --zeros 2", 2, "--zeros: '2' is out of range 0..1" },
        { "--shape C=1,M=1,H=5,W=5,R=3,S=3 --frobnicate", 2, "--frobnicate: unknown option" },
        /* a filter row wider than the ifmap spad (12) cannot be mapped: a
         * usage error naming the limit, found before any model is opened */
        { "--shape C=1,M=1,H=20,W=20,R=3,S=13", 2, "S=13: a filter row must fit the ifmap spad (12 entries)" },
        { "--shape C=1,M=1,H=20,W=20,R=3,S=13 --explain", 2, "S=13: a filter row must fit the ifmap spad" },
        { "--fc C=8,M=4,H=3", 2, "--fc: give only N, C, M" },
        { "--fc C=8,M=4 --shape C=1,M=1,H=5,W=5,R=3,S=3", 2, "--fc: give either --shape or --fc" },
        { "--fc C=8,M=3,G=2", 2, "M=3" },
        /* the threshold's range comes from the configuration's dw (16 here) */
        { "--shape C=1,M=1,H=5,W=5,R=3,S=3 --threshold -1", 2,
          "--threshold: '-1' is out of range 0..32767 (the configuration's dw=16)" },
        { "--shape C=1,M=1,H=5,W=5,R=3,S=3 --threshold 32768", 2, "--threshold: '32768' is out of range 0..32767" },
        { "--shape C=1,M=1,H=5,W=5,R=3,S=3 --threshold 1e3", 2, "--threshold: '1e3' is out of range 0..32767" },
        { "--shape C=1,M=1,H=5,W=5,R=3,S=3 --threshold", 2, "--threshold: missing value" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char cmd[1024];
        snprintf(cmd, sizeof cmd, "%s %s", RSRUN, bad[i].args);
        cr_expect_eq(run_cmd(cmd, out, sizeof out), bad[i].status, "%s: %s", bad[i].args, out);
        cr_expect(strstr(out, bad[i].needle) != NULL, "%s: '%s' lacks '%s'", bad[i].args, out, bad[i].needle);
    }
}

Test(rsrun, fst_waveform, .timeout = 120)
{
    char cmd[1024], out[4096], fst[300];
    snprintf(fst, sizeof fst, "%s/rsrun-%ld.fst", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    snprintf(cmd, sizeof cmd, "%s --shape C=2,M=2,H=5,W=5,R=3,S=3 --fst %s", RSRUN, fst);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
    FILE *f = fopen(fst, "rb");
    cr_assert_not_null(f, "no waveform written");
    fseek(f, 0, SEEK_END);
    cr_expect_gt(ftell(f), 1000, "waveform too small");
    fclose(f);
    remove(fst);
}

/* --fst-window FROM:TO: only those cycles are dumped (two time steps a
 * cycle), and every signal the configuration's GTKWave save file names is
 * in the dump (fst2vcd from Debian's gtkwave reads it back) */
Test(rsrun, fst_window_and_gtkw_save_file, .timeout = 120)
{
    char cmd[2048], out[8192], fst[300];
    snprintf(fst, sizeof fst, "%s/rsrun-win-%ld.fst", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    snprintf(cmd, sizeof cmd, "%s --shape C=2,M=2,H=5,W=5,R=3,S=3 --fst %s --fst-window 100:300", RSRUN, fst);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
    snprintf(cmd, sizeof cmd, "fst2vcd %s | grep '^#' | sed -n '1p;$p' | tr '\\n' ' '", fst);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
    long first = -1, last = -1;
    cr_assert_eq(sscanf(out, "#%ld #%ld", &first, &last), 2, "%s", out);
    cr_expect(first >= 200 && last <= 600 && last > first, "time steps %ld..%ld outside cycles 100..300", first, last);
    snprintf(cmd, sizeof cmd,
             "fst2vcd %s | awk '/\\$scope/{s[++d]=$3} /\\$upscope/{d--} /\\$var/{p=\"\"; for(i=1;i<=d;i++) p=p s[i] \".\"; "
             "print p $5}' > %s.names && n=0 && for sig in $(sed -n 's/\\[[0-9]*:0\\]$//; /^rs_top/p' %s/gen/small/rs_top.gtkw); do "
             "grep -qxF \"$sig\" %s.names || { echo \"missing $sig\"; exit 1; }; n=$((n+1)); done; echo $n",
             fst, fst, RS_BUILD, fst);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
    cr_expect_geq(atoi(out), 30, "signals checked: %s", out);
    snprintf(cmd, sizeof cmd, "rm -f %s %s.names", fst, fst);
    run_cmd(cmd, out, sizeof out);
}

/* limits of other configurations: the message names the limit, exit 2 */
Test(rsrun, limits)
{
    char out[4096], cmd[1024];
    struct { const char *config, *args, *needle; } bad[] = {
        /* dw8: 8-entry ifmap spad, 20-bit psums */
        { "dw8", "--shape C=1,M=1,H=12,W=12,R=3,S=9", "S=9: a filter row must fit the ifmap spad (8 entries)" },
        { "dw8", "--shape C=1,M=1,H=5,W=5,R=3,S=3 --shift 21", "--shift: 21 is out of range 0..20" },
        { "dw8", "--shape C=1,M=1,H=5,W=5,R=3,S=3 --threshold 128",
          "--threshold: '128' is out of range 0..127 (the configuration's dw=8)" },
        { "zskip", "--shape C=1,M=1,H=5,W=5,R=3,S=3 --threshold 40000 --explain", "--threshold: '40000' is out of range" },
        { "wide", "--shape C=1,M=1,H=20,W=20,R=3,S=17", "S=17: a filter row must fit the ifmap spad (16 entries)" },
        { "default", "--shape C=1,M=1,H=40,W=40,R=3,S=33", "S=33 is out of range 1..32" },
        { "default", "--shape C=1,M=1,H=40,W=40,R=3,S=3,U=9", "U=9 is out of range 1..8" },
        { "nonexistent", "--shape C=1,M=1,H=5,W=5,R=3,S=3", "--config" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(cmd, sizeof cmd, "%s/bin/rsrun --config %s/gen/%s %s", RS_BUILD, RS_BUILD, bad[i].config,
                 bad[i].args);
        cr_expect_eq(run_cmd(cmd, out, sizeof out), 2, "%s: %s", cmd, out);
        cr_expect(strstr(out, bad[i].needle) != NULL, "%s: '%s' lacks '%s'", cmd, out, bad[i].needle);
        cr_expect(strncmp(out, "rsrun: ", 7) == 0 && strchr(out, '\n') == out + strlen(out) - 1,
                  "not one 'rsrun: ' line: '%s'", out);
    }
}

/* --explain alone: the mapping and the expected cycles, no simulation */
Test(rsrun, explain_only)
{
    char out[8192];
    cr_assert_eq(run_cmd(RSRUN " --shape C=3,M=5,H=12,W=12,R=7,S=7,pad=1 --explain", out, sizeof out), 0, "%s", out);
    /* R=7 on 4 rows: folded into two passes of 4 and 3 filter rows */
    cr_expect(strstr(out, "Rg=4 nr=2 ") != NULL, "%s", out);
    cr_expect(strstr(out, "eyeriss  m=") != NULL, "%s", out);
    cr_expect(strstr(out, "of Eyeriss's 168 PEs") != NULL, "%s", out);
    cr_expect(strstr(out, "expected ") != NULL, "%s", out);
    /* what the buffer holds and what crosses the link, in each R fold */
    cr_expect(strstr(out, "\nbuffer   ") && strstr(out, "words: the psums of a tile"), "%s", out);
    cr_expect(strstr(out, "each ifmap row once in each R fold; expected DRAM traffic"), "%s", out);
    /* the config path may contain "check" (CI clones under /check): look for rsrun's check line */
    cr_expect(strncmp(out, "check ", 6) != 0 && strstr(out, "\ncheck ") == NULL,
              "--explain alone must not simulate: %s", out);
}

/* --explain --run: both figures; R taller than the 4-row array, bit-exact */
Test(rsrun, explain_and_run, .timeout = 120)
{
    char out[8192];
    cr_assert_eq(run_cmd(RSRUN " --shape C=3,M=5,H=12,W=12,R=7,S=7,pad=1 --random-bias --relu --explain --run",
                         out, sizeof out), 0, "%s", out);
    cr_expect(strstr(out, "Rg=4 nr=2 ") != NULL, "%s", out);
    cr_expect(strstr(out, "measured ") && strstr(out, ", expected "), "%s", out);
    cr_expect(strstr(out, "check    PASS") != NULL, "%s", out);
}

/* --fc: a fully connected layer as a 1x1 convolution, bit-exact */
Test(rsrun, fully_connected, .timeout = 120)
{
    char out[8192];
    cr_assert_eq(run_cmd(RSRUN " --fc N=2,C=40,M=7 --random-bias", out, sizeof out), 0, "%s", out);
    cr_expect(strstr(out, "N=2,C=40,M=7,H=1,W=1,R=1,S=1") != NULL, "%s", out);
    cr_expect(strstr(out, "PASS: 14 of 14 outputs bit-exact") != NULL, "%s", out);
}

/* --threshold: the layer line names it, the gating line shows the slots the
 * threshold gated (zero-gating) or skipped (zero-skip), results bit-exact */
Test(rsrun, threshold_and_gating_line, .timeout = 120)
{
    char out[8192], cmd[1024];
    const char *configs[] = { "small", "zskip" };
    for (int i = 0; i < 2; i++) {
        snprintf(cmd, sizeof cmd, "%s/bin/rsrun --config %s/gen/%s --shape C=4,M=8,H=10,W=10,R=3,S=3 --threshold 16000",
                 RS_BUILD, RS_BUILD, configs[i]);
        cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
        cr_expect(strstr(out, "check    PASS: 512 of 512 outputs bit-exact") != NULL, "%s", out);
        cr_expect(strstr(out, ", threshold 16000\n") != NULL, "%s", out);
        cr_expect(strstr(out, i ? ", zero-skip, hash" : ", zero-gating, hash") != NULL, "%s", out);
        /* no zeros drawn, no padding and a mapping without idle entries (4 channels x S=3
         * fill the ifmap spad, P=8 is two strips of 4): every slot is a MAC of the layer,
         * and only the threshold gates or skips, about half of the uniform activations
         * (|x| <= 16000 of 32768) */
        const char *g = strstr(out, "\ngating   ");
        cr_assert_not_null(g, "%s", out);
        double gated = 0, skipped = 0;
        unsigned long long slots = 0;
        cr_assert_eq(sscanf(g + 1, "gating %llu MAC slots: %lf%% gated, %lf%% skipped", &slots, &gated, &skipped), 3,
                     "%s", g);
        cr_expect_eq(slots, 4ull * 8 * 8 * 8 * 9, "%s", g);
        double share = i ? skipped : gated;
        cr_expect(share > 40.0 && share < 60.0 && (i ? gated : skipped) == 0.0, "%s", g);
        cr_expect(strstr(g, "filter-spad reads skipped ") && strstr(g, "operand-register loads ") &&
                  strstr(g, "psum-spad writes "), "%s", g);
    }
}

/* the stream line splits every word the accelerator read from memory: its
 * total is the DRAM read counter's bytes / 8, and the parts add up to it */
Test(rsrun, stream_line_is_the_dram_reads, .timeout = 120)
{
    char out[8192];
    cr_assert_eq(run_cmd(RSRUN " --shape N=2,C=20,M=12,H=9,W=9,R=3,S=3,pad=1 --random-bias --zeros 0.5", out,
                         sizeof out),
                 0, "%s", out);
    const char *m = strstr(out, "\nmemory   "), *st = strstr(out, "\nstream   ");
    cr_assert(m && st, "%s", out);
    unsigned long long rd = 0, words = 0, flt = 0, ifm = 0, bias = 0, cmds = 0;
    cr_assert_eq(sscanf(m + 1, "memory DRAM %llu B read", &rd), 1, "%s", m);
    cr_assert_eq(sscanf(st + 1,
                        "stream %llu words read: filter payload %llu, ifmap payload %llu, bias %llu, commands %llu",
                        &words, &flt, &ifm, &bias, &cmds),
                 5, "%s", st);
    cr_expect_eq(8 * words, rd, "%s", st);
    cr_expect_eq(flt + ifm + bias + cmds, words, "%s", st);
    cr_expect(flt > 0 && ifm > 0 && bias > 0 && cmds > 0, "%s", st);
}

Test(rsrun, version)
{
    char out[256];
    cr_assert_eq(run_cmd(RS_BUILD "/bin/rsrun --version", out, sizeof out), 0);
    cr_expect(strncmp(out, "rsrun ", 6) == 0, "%s", out);
}

/* run from another folder: the default configuration and the model's sources
 * are found by absolute paths, not relative to where rsrun runs */
Test(rsrun, runs_from_any_folder)
{
    char out[8192];
    cr_assert_eq(run_cmd("cd / && " RS_BUILD "/bin/rsrun --shape C=3,M=5,H=12,W=12,R=3,S=3 --explain", out, sizeof out), 0,
                 "%s", out);
    cr_expect(strstr(out, "config   /") != NULL, "%s", out);
}

/* Everything a user gives is checked before the model starts: bad output
 * paths, data out of range, a manifest edited by hand, a layer too large to
 * hold. Each is one line and exit 2 (bad input), and nothing is written. */
Test(rsrun, bad_input_is_refused_before_the_run, .timeout = 120)
{
    char dir[256], cmd[4096], out[8192], x[300], w[300], cfg[300];
    snprintf(dir, sizeof dir, "%s/rsrun-bad-%ld", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    snprintf(x, sizeof x, "%s/x.npy", dir);
    snprintf(w, sizeof w, "%s/w.npy", dir);
    snprintf(cfg, sizeof cfg, "%s/cfg", dir);
    snprintf(cmd, sizeof cmd, "mkdir -p %s && cp -r %s/gen/small %s", dir, RS_BUILD, cfg);
    cr_assert_eq(system(cmd), 0);
    int32_t xv[2 * 5 * 5] = { 0 }, wv[3 * 2 * 3 * 3] = { 0 };
    write_tensor(x, 4, (int64_t[]){ 1, 2, 5, 5 }, xv, "<i4");
    write_tensor(w, 4, (int64_t[]){ 3, 2, 3, 3 }, wv, "<i2");
    const char *shape = "--shape C=2,M=3,H=5,W=5,R=3,S=3";
    struct { char args[1024]; const char *needle; } bad[9];
    int n = 0;
    snprintf(bad[n].args, 1024, "%s --out %s/no/such/y.npy", shape, dir);
    bad[n++].needle = "--out: ";
    snprintf(bad[n].args, 1024, "%s --json %s/no/such/r.json", shape, dir);
    bad[n++].needle = "--json: ";
    snprintf(bad[n].args, 1024, "%s --fst %s/no/such/w.fst", shape, dir);
    bad[n++].needle = "--fst: ";
    snprintf(bad[n].args, 1024, "%s --ifmap %s --out %s", shape, x, x);
    bad[n++].needle = "is the --ifmap file";
    snprintf(bad[n].args, 1024, "%s --out %s", shape, dir);
    bad[n++].needle = "is a folder";
    snprintf(bad[n].args, 1024, "%s --fst %s/w.fst --fst-window 9:3", shape, dir);
    bad[n++].needle = "--fst-window: '9:3'";
    snprintf(bad[n].args, 1024, "%s --ifmap %s", shape, dir);
    bad[n++].needle = "not a regular file";
    snprintf(bad[n].args, 1024, "--shape N=1024,C=4096,H=1024,W=1024,M=1,R=1,S=1");
    bad[n++].needle = "do not fit in this machine's memory";
    snprintf(bad[n].args, 1024, "--shape N=1,C=1,H=5,W=5,M=1,R=1,S=1 --seed 1 --seed 2");
    bad[n++].needle = "--seed: given twice";
    for (int i = 0; i < n; i++) {
        snprintf(cmd, sizeof cmd, "%s/bin/rsrun --config %.300s %.1000s", RS_BUILD, cfg, bad[i].args);
        cr_expect_eq(run_cmd(cmd, out, sizeof out), 2, "%s: %s", bad[i].args, out);
        cr_expect(strstr(out, bad[i].needle) != NULL, "%s: '%s' lacks '%s'", bad[i].args, out, bad[i].needle);
        cr_expect(strncmp(out, "rsrun: ", 7) == 0 && strchr(out, '\n') == out + strlen(out) - 1,
                  "not one 'rsrun: ' line: '%s'", out);
    }
    /* a value out of the configuration's range in an input tensor: bad input (2), not a mismatch (1) */
    xv[7] = 40000;
    write_tensor(x, 4, (int64_t[]){ 1, 2, 5, 5 }, xv, "<i4");
    snprintf(cmd, sizeof cmd, "%s/bin/rsrun --config %s %s --ifmap %s", RS_BUILD, cfg, shape, x);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 2, "%s", out);
    cr_expect(strstr(out, "ifmap[n=0,c=0,h=1,w=2] (flat index 7) = 40000 is out of range -32768..32767") != NULL, "%s",
              out);
    /* hand-edited manifests: each field is checked against rsgen's range */
    const char *edits[][2] = { { "rows", "0" }, { "cols", "0" }, { "dw", "0" }, { "dw", "12" }, { "psum_spad", "99" } };
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        snprintf(cmd, sizeof cmd, "cp %s/gen/small/manifest.json %s/manifest.json && "
                                  "sed -i 's/\"%s\": [0-9]*/\"%s\": %s/' %s/manifest.json && %s/bin/rsrun --config %s %s",
                 RS_BUILD, cfg, edits[i][0], edits[i][0], edits[i][1], cfg, RS_BUILD, cfg, shape);
        cr_expect_eq(run_cmd(cmd, out, sizeof out), 2, "%s=%s: %s", edits[i][0], edits[i][1], out);
        cr_expect(strstr(out, edits[i][0]) != NULL && strstr(out, "manifest.json") != NULL, "%s", out);
        cr_expect(strchr(out, '\n') == out + strlen(out) - 1, "not one line: '%s'", out);
    }
    snprintf(cmd, sizeof cmd, "ls %s", dir);
    run_cmd(cmd, out, sizeof out);
    cr_expect(strstr(out, ".npy.tmp") == NULL && strstr(out, "r.json") == NULL && strstr(out, "y.npy") == NULL,
              "something was written: %s", out);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}

/* --json holds every figure of the text report; the shape comes from the
 * .npy files when --shape leaves keys out */
Test(rsrun, json_report_and_shape_from_files, .timeout = 120)
{
    char dir[256], cmd[4096], out[8192], x[300], w[300], js[300];
    snprintf(dir, sizeof dir, "%s/rsrun-json-%ld", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    snprintf(x, sizeof x, "%s/x.npy", dir);
    snprintf(w, sizeof w, "%s/w.npy", dir);
    snprintf(js, sizeof js, "%s/r.json", dir);
    snprintf(cmd, sizeof cmd, "mkdir -p %s", dir);
    cr_assert_eq(system(cmd), 0);
    int32_t xv[2 * 4 * 6 * 6], wv[6 * 2 * 3 * 3];
    rs_rng rng;
    rs_rng_seed(&rng, 3);
    rs_fill_random(&rng, xv, sizeof xv / sizeof xv[0], -100, 100, 0.5);
    rs_fill_random(&rng, wv, sizeof wv / sizeof wv[0], -100, 100, 0.0);
    write_tensor(x, 4, (int64_t[]){ 2, 4, 6, 6 }, xv, "<i2");
    write_tensor(w, 4, (int64_t[]){ 6, 2, 3, 3 }, wv, "<i2");   /* C/G = 2: G = 2 */
    snprintf(cmd, sizeof cmd, "%s --shape pad=1 --ifmap %s --weights %s --json %s", RSRUN, x, w, js);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
    cr_expect(strstr(out, "N=2,C=4,M=6,H=6,W=6,R=3,S=3,U=1,pad=1,G=2 -> P=6 Q=6") != NULL, "%s", out);
    unsigned long long cycles = 0, rd = 0;
    const char *c = strstr(out, "\ncycles   "), *m = strstr(out, "\nmemory   ");
    cr_assert(c && m, "%s", out);
    sscanf(c + 1, "cycles %llu", &cycles);
    sscanf(m + 1, "memory DRAM %llu B read", &rd);
    /* the JSON parses, and its figures are the text's */
    snprintf(cmd, sizeof cmd,
             "python3 -c \"import json; d = json.load(open('%s')); "
             "print(d['cycles']['measured'], d['memory']['dram_read_bytes'], d['check']['result'], d['layer']['G'], "
             "len(d['energy']), d['noc']['results'] > 0)\"", js);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
    char want[256];
    snprintf(want, sizeof want, "%llu %llu PASS 2 7 True\n", cycles, rd);
    cr_expect_str_eq(out, want);
    /* no --shape at all: every key from the files (pad 0) */
    snprintf(cmd, sizeof cmd, "%s --ifmap %s --weights %s --explain", RSRUN, x, w);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
    cr_expect(strstr(out, "N=2,C=4,M=6,H=6,W=6,R=3,S=3,U=1,pad=0,G=2 -> P=4 Q=4") != NULL, "%s", out);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}
