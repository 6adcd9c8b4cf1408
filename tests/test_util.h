/* test_util.h - helpers shared by the tests that drive the command-line tools. */
#ifndef RS_TEST_UTIL_H
#define RS_TEST_UTIL_H

#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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

static inline double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Start a simulation of the board top behind a pseudo-terminal (sim: its
 * executable); its first line of output is the terminal's path (into pty).
 * It ends with this process at the latest. */
static inline pid_t pty_sim_start(const char *sim, char *pty, size_t len)
{
    int fds[2];
    cr_assert_eq(access(sim, X_OK), 0, "%s: not built (make %s)", sim, sim);
    cr_assert_eq(pipe(fds), 0);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execl(sim, sim, "--exit-with-parent", (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    FILE *f = fdopen(fds[0], "r");
    cr_assert_not_null(f);
    cr_assert_not_null(fgets(pty, (int)len, f), "%s printed no terminal path", sim);
    fclose(f);
    pty[strcspn(pty, "\n")] = '\0';
    cr_assert(!strncmp(pty, "/dev/", 5), "%s printed '%s', not a terminal path", sim, pty);
    return pid;
}

/* Stop it: it must end cleanly on SIGTERM. */
static inline void pty_sim_stop(pid_t pid, const char *sim)
{
    int st;
    cr_expect_eq(kill(pid, SIGTERM), 0);
    cr_expect_eq(waitpid(pid, &st, 0), pid);
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s ended with status 0x%x", sim, st);
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
