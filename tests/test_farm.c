/* test_farm.c - the regression farm (tests/farm/farm.sh): a small batch
 * submitted as a Slurm job array to a single-node Slurm started on this
 * machine (tests/slurm/single_node.sh) and collected, and the merge's report
 * of a failing layer and of a chunk that left no results. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include "test_util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* its own state folder and ports, apart from a Slurm the user started */
#define SLURM_DIR RS_BUILD "/test-farm/slurm"
#define SLURM_ENV "RS_SLURM_PORT=16827 SLURM_CONF=" SLURM_DIR "/slurm.conf"

static char out[65536];

/* the file's text (at most len - 1 bytes) */
static void slurp(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "%s: missing", path);
    size_t n = fread(buf, 1, len - 1, f);
    buf[n] = '\0';
    fclose(f);
}

/* lines of text that start with prefix */
static int count_lines(const char *text, const char *prefix)
{
    int n = 0;
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (!strncmp(p, prefix, strlen(prefix)))
            n++;
    return n;
}

/* the command of layer i of rsregress --list (seed 1, configuration small) */
static void list_cmd(int i, char *cmd, size_t len)
{
    static char list[16384];
    char c[1024];
    snprintf(c, sizeof c, "%s/bin/rsregress --list --count %d --configs small --gen-dir %s/gen --rsrun %s/bin/rsrun",
             RS_BUILD, i + 1, RS_BUILD, RS_BUILD);
    cr_assert_eq(run_cmd(c, list, sizeof list), 0, "%s", list);
    char *line = strtok(list, "\n");
    for (int k = 0; k < i && line; k++)
        line = strtok(NULL, "\n");
    cr_assert_not_null(line);
    char *t = strrchr(line, '\t');
    cr_assert_not_null(t);
    snprintf(cmd, len, "%s", t + 1);
}

static void slurm_stop(void)
{
    char o[4096];
    run_cmd(SLURM_ENV " sh " RS_ROOT "/tests/slurm/single_node.sh stop " SLURM_DIR, o, sizeof o);
}

/* 2 chunks x 3 layers on the small configuration through sbatch --array:
 * every layer bit-exact, the merged layers.csv holds exactly the layers of
 * rsregress --list in order, the JUnit file counts them, and each array
 * task left its Slurm output */
Test(farm, slurm_job_array, .timeout = 150, .fini = slurm_stop)
{
    if (geteuid() != 0)
        cr_skip_test("a single-node Slurm needs root (slurmd): run make test as root, as CI does");
    cr_assert_eq(run_cmd(SLURM_ENV " sh " RS_ROOT "/tests/slurm/single_node.sh start " SLURM_DIR, out, sizeof out), 0,
                 "%s", out);
    cr_assert(strstr(out, "single_node: up") != NULL, "%s", out);
    const char *dir = RS_BUILD "/test-farm/slurm-run";
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "rm -rf %s && " SLURM_ENV " sh %s/tests/farm/farm.sh run --out %s --count 6 --chunk 3 --configs small "
             "--runner slurm --gen-dir %s/gen --bin %s/bin",
             dir, RS_ROOT, dir, RS_BUILD, RS_BUILD);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s\n%s", cmd, out);
    cr_expect(strstr(out, "6 layers (seed 1, 2 chunks, runner slurm): 6 bit-exact, 0 failed") != NULL, "%s", out);

    static char csv[65536];
    char path[600];
    snprintf(path, sizeof path, "%s/layers.csv", dir);
    slurp(path, csv, sizeof csv);
    cr_expect_eq(count_lines(csv, "r"), 6, "%s", csv);
    for (int i = 0; i < 6; i++) {
        char name[32], want[1024], line[2048];
        snprintf(name, sizeof name, "\nr%03d-small,", i);
        const char *p = strstr(csv, name);
        cr_assert_not_null(p, "%s missing:\n%s", name + 1, csv);
        const char *nl = strchr(p + 1, '\n');
        snprintf(line, sizeof line, "%.*s", nl ? (int)(nl - p - 1) : (int)strlen(p + 1), p + 1);
        cr_expect(strstr(line, ",PASS,") != NULL, "not PASS: %s", line);
        list_cmd(i, want, sizeof want);
        cr_expect(strstr(line, want) != NULL, "the command is not rsregress's:\n%s\n%s", line, want);
    }
    snprintf(path, sizeof path, "%s/junit.xml", dir);
    slurp(path, csv, sizeof csv);
    cr_expect(strstr(csv, "<testsuites name=\"regress-farm\" tests=\"6\" failures=\"0\" errors=\"0\"") != NULL,
              "%s", csv);
    cr_expect_eq(count_lines(csv, "    <testcase "), 6, "%s", csv);
    /* the two array tasks' outputs (sbatch --output=slurm/%A_%a.out) */
    snprintf(cmd, sizeof cmd, "ls %s/slurm/*_0.out %s/slurm/*_1.out && cat %s/slurm/*_1.out", dir, dir, dir);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "no Slurm task output: %s", out);
    cr_expect(strstr(out, "farm: chunk 1: layers 3..5") != NULL, "%s", out);
}

/* the merge on results made to fail: one layer's row changed to a mismatch,
 * one chunk's results removed (its task died): exit 1, each reported with the
 * command that reproduces it (the layer's rsrun line, the chunk's rerun);
 * rerunning the chunk as told brings its layers back */
Test(farm, merge_reports_failures, .timeout = 120)
{
    const char *dir = RS_BUILD "/test-farm/merge-run";
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "rm -rf %s && sh %s/tests/farm/farm.sh run --out %s --count 4 --chunk 2 --configs small "
             "--runner parallel --jobs 1 --gen-dir %s/gen --bin %s/bin",
             dir, RS_ROOT, dir, RS_BUILD, RS_BUILD);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s\n%s", cmd, out);
    cr_expect(strstr(out, "4 bit-exact, 0 failed") != NULL, "%s", out);

    /* r003's row says FAIL with a message, as regress_summary.sh writes a
     * mismatch; chunk 0's results lost */
    snprintf(cmd, sizeof cmd,
             "sed -i 's/^\\(r003-small,[^,]*,[^,]*,\"[^\"]*\"\\),PASS,\\([^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*\\),\"\",/"
             "\\1,FAIL,\\2,\"output 0 element 7: hardware 12 golden 13\",/' %s/chunk-0001/layers.csv && "
             "grep -c FAIL %s/chunk-0001/layers.csv && rm %s/chunk-0000/layers.csv %s/chunk-0000/junit.xml",
             dir, dir, dir, dir);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s\n%s", cmd, out);
    snprintf(cmd, sizeof cmd, "sh %s/tests/farm/farm.sh merge %s", RS_ROOT, dir);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 1, "%s\n%s", cmd, out);
    char want[1200], rerun[1024];
    list_cmd(3, rerun, sizeof rerun);
    snprintf(want, sizeof want, "FAIL r003-small: output 0 element 7: hardware 12 golden 13\n  reproduce: %s\n", rerun);
    cr_expect(strstr(out, want) != NULL, "no '%s' in:\n%s", want, out);
    cr_expect(strstr(out, "4 layers (seed 1, 2 chunks, runner parallel): 1 bit-exact, 3 failed") != NULL, "%s", out);
    list_cmd(0, rerun, sizeof rerun);
    snprintf(want, sizeof want, "MISSING r000-small: chunk chunk-0000 left no results; rerun it: sh %s/tests/farm/farm.sh chunk %s 0\n"
             "  reproduce: %s\n", RS_ROOT, dir, rerun);
    cr_expect(strstr(out, want) != NULL, "no '%s' in:\n%s", want, out);
    static char xml[65536];
    char path[600];
    snprintf(path, sizeof path, "%s/junit.xml", dir);
    slurp(path, xml, sizeof xml);
    cr_expect(strstr(xml, "tests=\"4\" failures=\"1\" errors=\"2\"") != NULL, "%s", xml);

    /* rerun the lost chunk as the report says, merge again: only r003 fails */
    snprintf(cmd, sizeof cmd, "sh %s/tests/farm/farm.sh chunk %s 0 && sh %s/tests/farm/farm.sh merge %s", RS_ROOT, dir,
             RS_ROOT, dir);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 1, "%s\n%s", cmd, out);
    cr_expect(strstr(out, "3 bit-exact, 1 failed") != NULL && !strstr(out, "MISSING"), "%s", out);
}

/* bad use: exit 2 with a one-line reason, nothing submitted */
Test(farm, bad_use)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "sh %s/tests/farm/farm.sh run --out %s/test-farm/bad --count 6 --runner pbs", RS_ROOT,
             RS_BUILD);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 2, "%s", out);
    cr_expect(strstr(out, "farm: --runner: slurm or parallel, not 'pbs'") != NULL, "%s", out);
    snprintf(cmd, sizeof cmd, "sh %s/tests/farm/farm.sh run --out %s/test-farm/bad --count 6 --configs nosuch --gen-dir %s/gen --bin %s/bin",
             RS_ROOT, RS_BUILD, RS_BUILD, RS_BUILD);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 2, "%s", out);
    cr_expect(strstr(out, "nosuch: no model") != NULL, "%s", out);
}
