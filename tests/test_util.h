/* test_util.h - helpers shared by the tests that drive the command-line tools. */
#ifndef RS_TEST_UTIL_H
#define RS_TEST_UTIL_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <sys/wait.h>

/* Run a shell command; returns its exit status, its output (stdout and
 * stderr) in out. */
static inline int run_cmd(const char *cmd, char *out, size_t len)
{
    char full[8192];
    snprintf(full, sizeof full, "%s 2>&1", cmd);
    FILE *p = popen(full, "r");
    cr_assert_not_null(p);
    size_t n = fread(out, 1, len - 1, p);
    out[n] = '\0';
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#ifdef RS_BUILD
#include "rs_driver.h"
#include "rs_manifest.h"

/* Open the Verilated model of RS_BUILD/gen/<config> and the device on it,
 * checked against the configuration's hash. */
static inline void open_config(const char *config, rs_transport *t, rs_device *dev)
{
    char dir[512];
    rs_error err;
    uint32_t hash;
    snprintf(dir, sizeof dir, "%s/gen/%s", RS_BUILD, config);
    cr_assert_eq(rs_manifest_hash(dir, &hash, &err), 0, "%s", err.msg);
    cr_assert_eq(rs_transport_open_model(t, dir, RS_ROOT "/sim", NULL, &err), 0, "%s", err.msg);
    cr_assert_eq(rs_device_open(t, hash, dev, &err), 0, "%s", err.msg);
}

/* Run the Icarus testbench RS_BUILD/tests/<tb><dw>.vvp on the vector file
 * `in` (seed dw, so a run repeats) and open what it wrote; the test fails
 * when vvp does. */
static inline FILE *run_icarus_tb(const char *tb, int dw, const char *in)
{
    char out[512], cmd[1400], msg[4096];
    snprintf(out, sizeof out, "%s/tests/%s%d_results.txt", RS_BUILD, tb, dw);
    snprintf(cmd, sizeof cmd, "vvp -n %s/tests/%s%d.vvp +in=%s +out=%s +seed=%d", RS_BUILD, tb, dw, in, out, dw);
    cr_assert_eq(run_cmd(cmd, msg, sizeof msg), 0, "%s: %s", cmd, msg);
    FILE *f = fopen(out, "r");
    cr_assert_not_null(f, "%s: no results", cmd);
    return f;
}
#endif

#endif
