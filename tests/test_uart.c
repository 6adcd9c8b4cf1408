/* test_uart.c - rsrun --uart: the host driver over a serial line to the FPGA
 * board top. Without a board, the board top (UART, bridge, the CFG_uart
 * accelerator, board memory) runs as a Verilator model behind a
 * pseudo-terminal (sim/board/rs_board_sim) and rsrun runs layers through it
 * bit-exact; a board of another configuration is refused; a serial port
 * with nothing behind it ends in a timeout message, not a hang. */
#define _XOPEN_SOURCE 700   /* posix_openpt, ptsname */
#include <criterion/criterion.h>
#include "test_util.h"
#include <fcntl.h>
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

Test(uart, layers_on_the_board_simulation, .timeout = 180)
{
    char pty[256], cmd[2048], out[8192], other[300];
    pid_t pid = pty_sim_start(BOARD_SIM, pty, sizeof pty);

    /* two layers, bit-exact, one after the other through the same board:
     * bias and ReLU; then a batch of two, stride 2, groups and zeros */
    snprintf(cmd, sizeof cmd, "%s --config %s --uart %s --shape N=1,C=4,M=4,H=6,W=6,R=3,S=3,pad=1 --relu "
                              "--random-bias", RSRUN, CONFIG, pty);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s\n%s", cmd, out);
    cr_expect(strstr(out, "check    PASS: 144 of 144 outputs bit-exact"), "%s", out);
    cr_expect(strstr(out, "board    "), "not run on the board: %s", out);
    snprintf(cmd, sizeof cmd, "%s --config %s --uart %s --shape N=2,C=6,M=4,H=9,W=7,R=3,S=3,pad=1,U=2,G=2 "
                              "--zeros 0.5 --seed 5", RSRUN, CONFIG, pty);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s\n%s", cmd, out);
    cr_expect(strstr(out, "check    PASS: 160 of 160 outputs bit-exact"), "%s", out);

    /* --config names another array than the board's: refused, both named */
    snprintf(other, sizeof other, "%s/uart-test-%ld", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    snprintf(cmd, sizeof cmd, "%s/bin/rsgen --rows 2 --cols 3 --glb-kb 4 --out %s", RS_BUILD, other);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s\n%s", cmd, out);
    snprintf(cmd, sizeof cmd, "%s --config %s --uart %s --fc C=4,M=3", RSRUN, other, pty);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 2, "%s\n%s", cmd, out);
    cr_expect(strstr(out, "the board's accelerator (2x2 PEs") && strstr(out, "(2x3 PEs"), "%s", out);
    snprintf(cmd, sizeof cmd, "rm -rf %s", other);
    cr_expect_eq(system(cmd), 0);

    /* and the board still answers after the refusal */
    snprintf(cmd, sizeof cmd, "%s --config %s --uart %s --fc C=5,M=3,N=2", RSRUN, CONFIG, pty);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 0, "%s\n%s", cmd, out);
    cr_expect(strstr(out, "check    PASS: 6 of 6 outputs bit-exact"), "%s", out);
    pty_sim_stop(pid, BOARD_SIM);
}

/* A serial port with nothing behind it: the master side of a pseudo-terminal
 * that no one reads or writes. PING gets no answer: a message and exit 1
 * after the timeout (2 s, and a first try of 0.3 s), not a hang. */
Test(uart, no_answer_is_a_timeout, .timeout = 60)
{
    char cmd[1024], out[4096];
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    cr_assert_geq(master, 0);
    cr_assert_eq(grantpt(master), 0);
    cr_assert_eq(unlockpt(master), 0);
    const char *slave = ptsname(master);
    cr_assert_not_null(slave);
    snprintf(cmd, sizeof cmd, "%s --config %s --uart %s --fc C=4,M=3", RSRUN, CONFIG, slave);
    double t0 = now_seconds();
    int rc = run_cmd(cmd, out, sizeof out);
    double seconds = now_seconds() - t0;
    cr_expect_eq(rc, 1, "%s\n%s", cmd, out);
    cr_expect(strstr(out, "rsrun: --uart: ") && strstr(out, "no answer to PING within 2000 ms"), "%s", out);
    cr_expect(seconds >= 2.0 && seconds < 10.0, "gave up after %.1f s", seconds);
    close(master);
}

/* What is wrong with the options is found before any serial port is opened. */
Test(uart, bad_options)
{
    char cmd[1024], out[4096];
    struct { const char *args; const char *needle; } bad[] = {
        { "--uart /nonexistent/tty", "--uart: /nonexistent/tty: No such file or directory" },
        { "--uart /dev/null", "not a serial port" },
        { "--uart ''", "--uart: an empty path" },
        { "--baud 115200", "--baud: give --uart as well" },
        { "--timeout 5000", "--timeout: give --uart as well" },
        { "--uart /dev/null --timeout 50", "--timeout" },
        { "--uart /dev/null --baud 12345", "baud rate 12345" },
        { "--uart /dev/null --dram-bw 2.4", "--dram-bw: a setting of the simulation model" },
        { "--uart /dev/null --fst /tmp/x.fst", "--fst: a setting of the simulation model" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(cmd, sizeof cmd, "%s --config %s --fc C=4,M=3 %s", RSRUN, CONFIG, bad[i].args);
        cr_expect_eq(run_cmd(cmd, out, sizeof out), 2, "%s\n%s", cmd, out);
        cr_expect(strstr(out, bad[i].needle) != NULL, "%s: expected '%s' in: %s", cmd, bad[i].needle, out);
    }
}
