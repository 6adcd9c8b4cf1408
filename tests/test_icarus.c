/* test_icarus.c - the whole chip on a second simulator: the board top
 * (UART, bridge, the CFG_uart accelerator, board memory) compiled by Icarus
 * Verilog (sim/icarus/rs_icarus_sim, its UART on a pseudo-terminal) runs
 * tiny layers through rsrun --uart bit-exact, with the same cycles and
 * counters as its Verilator twin (sim/board/rs_board_sim, test_uart.c);
 * while idle it spends no CPU. */
#include <criterion/criterion.h>
#include "test_util.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RSRUN RS_BUILD "/bin/rsrun"
#define CONFIG RS_BUILD "/gen/uart"
#define BOARD_SIM CONFIG "/board/rs_board_sim"
#define ICARUS_SIM CONFIG "/icarus/rs_icarus_sim"

/* CPU seconds (user + system) process pid has used */
static double cpu_seconds(pid_t pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "%s", path);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* fields after the command's closing parenthesis: state is field 3,
     * utime and stime fields 14 and 15 */
    const char *p = strrchr(buf, ')');
    cr_assert_not_null(p);
    unsigned long ut = 0, st = 0;
    cr_assert_eq(sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st), 2);
    return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

/* the report less the wall-clock `board` line */
static void strip_board_line(char *out)
{
    char *b = strstr(out, "\nboard ");
    if (b) {
        char *e = strchr(b + 1, '\n');
        memmove(b, e ? e : b + strlen(b), strlen(e ? e : b + strlen(b)) + 1);
    }
}

/* the line of out that starts with key (empty if none) */
static void line_of(const char *out, const char *key, char *line, size_t len)
{
    const char *p = strstr(out, key);
    if (p)
        p++;   /* past the newline key starts with */
    size_t n = p ? strcspn(p, "\n") : 0;
    snprintf(line, len, "%.*s", (int)n, p ? p : "");
}

Test(icarus, layers_as_on_verilator, .timeout = 600)
{
    /* tiny layers: the line carries a byte in 80 cycles and Icarus
     * simulates about ten thousand a second. A fully connected layer of a
     * batch of two; a convolution with bias and ReLU; a strided, grouped
     * one with zeros and an activation threshold */
    static const char *layers[] = {
        "--fc C=5,M=3,N=2",
        "--shape N=1,C=2,M=2,H=4,W=4,R=3,S=3,pad=1 --relu --random-bias",
        "--shape N=1,C=4,M=2,H=5,W=5,R=3,S=3,U=2,G=2 --zeros 0.5 --threshold 100 --seed 7",
    };
    char vpty[256], ipty[256], cmd[2048], vout[8192], iout[8192], vline[256], iline[256];
    pid_t vpid = pty_sim_start(BOARD_SIM, vpty, sizeof vpty);
    pid_t ipid = pty_sim_start(ICARUS_SIM, ipty, sizeof ipty);
    double t_icarus = 0;
    for (size_t k = 0; k < sizeof layers / sizeof layers[0]; k++) {
        snprintf(cmd, sizeof cmd, "%s --config %s --uart %s %s", RSRUN, CONFIG, vpty, layers[k]);
        cr_assert_eq(run_cmd(cmd, vout, sizeof vout), 0, "%s\n%s", cmd, vout);
        snprintf(cmd, sizeof cmd, "%s --config %s --uart %s --timeout 300000 %s", RSRUN, CONFIG, ipty, layers[k]);
        double t0 = now_seconds();
        cr_assert_eq(run_cmd(cmd, iout, sizeof iout), 0, "%s\n%s", cmd, iout);
        t_icarus += now_seconds() - t0;
        cr_expect(strstr(iout, "check    PASS: ") && strstr(iout, "outputs bit-exact"), "%s\n%s", cmd, iout);
        cr_expect(strstr(iout, "\nboard    "), "not run over the UART: %s", iout);
        line_of(vout, "\ncycles ", vline, sizeof vline);
        line_of(iout, "\ncycles ", iline, sizeof iline);
        cr_expect(*iline && !strcmp(vline, iline), "%s\nVerilator:%s\nIcarus:   %s", layers[k], vline, iline);
        strip_board_line(vout);
        strip_board_line(iout);
        cr_expect_str_eq(iout, vout, "%s: the reports differ\nIcarus:\n%s\nVerilator:\n%s", layers[k], iout, vout);
    }
    cr_log_info("icarus: %zu layers in %.1f s", sizeof layers / sizeof layers[0], t_icarus);

    /* idle between hosts, Icarus's clock stands still: no CPU to speak of */
    double c0 = cpu_seconds(ipid);
    usleep(1000000);
    double used = cpu_seconds(ipid) - c0;
    cr_expect(used < 0.2, "the idle Icarus simulation used %.2f s of CPU in 1 s", used);
    pty_sim_stop(ipid, ICARUS_SIM);
    pty_sim_stop(vpid, BOARD_SIM);
}

/* rs_icarus_sim takes rs_board_sim's options and no others */
Test(icarus, bad_options)
{
    char out[4096];
    cr_expect_eq(run_cmd(ICARUS_SIM " --bogus", out, sizeof out), 2, "%s", out);
    cr_expect(strstr(out, "usage: rs_icarus_sim"), "%s", out);
    cr_expect_eq(run_cmd(ICARUS_SIM " --pty-file", out, sizeof out), 2, "%s", out);
    cr_expect(strstr(out, "--pty-file: give a file"), "%s", out);
}
