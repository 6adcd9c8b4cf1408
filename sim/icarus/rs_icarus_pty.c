/* rs_icarus_pty.c - a VPI module for Icarus Verilog: the UART of the board
 * top under Icarus (rs_icarus_tb.v) on a pseudo-terminal, as
 * sim/board/rs_board_sim.cpp does for the Verilated one. Bytes a host
 * writes to the terminal go bit by bit onto uart_rx at the UART's clocks
 * per bit; uart_tx is sampled mid-bit and its bytes go back to the host, so
 * `rsrun --uart <slave>` runs layers on the Icarus model of the chip.
 *
 *   vvp -n -M DIR -m rs_icarus_pty rs_icarus.vvp [+pty-file=F] [+exit-with-parent]
 *
 * (build_icarus.sh writes the script rs_icarus_sim that runs this.) At the
 * start of simulation the terminal's slave path is printed on stdout and,
 * with +pty-file, written to F (through a temporary name, so F appears
 * whole). The simulation runs until SIGTERM/SIGINT or, with
 * +exit-with-parent, until the process that started it ends.
 *
 * The testbench calls $rs_pty_cycle(cpb, uart_tx, busy, uart_rx) once after
 * each clock cycle: it samples uart_tx, moves bytes between the line and the
 * terminal (the host's only as fast as the line takes them, a few bytes
 * ahead) and sets uart_rx for the next cycle. When the board is idle (busy
 * low, both lines quiet for QUIET_BITS bit times, nothing to send) the call
 * waits for the host, so simulated time stands still where nothing on the
 * board depends on it, exactly as rs_board_sim stops its clock. */
#define _GNU_SOURCE   /* posix_openpt, ptsname, cfmakeraw */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <vpi_user.h>

enum {
    QUIET_BITS = 20,   /* two frames: the receiver has handed its last byte to the bridge */
    AHEAD = 4,         /* host bytes taken ahead of the line */
    BURST = 256,       /* cycles between looks at the terminal */
    OUT_CAP = 1 << 16  /* bytes for the host not yet written to the terminal */
};

/* set by SIGTERM/SIGINT: the next $rs_pty_cycle ends the simulation */
static volatile sig_atomic_t stop_flag;
static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

typedef struct {
    /* host -> board: start bit, 8 data bits (LSB first), stop bit */
    uint8_t q[AHEAD];
    int q_head, q_len;
    int tx_bit, tx_cnt;   /* bit of the frame on the line (0 start .. 9 stop), -1 idle; cycles of it so far */
    uint8_t tx_cur;
    /* board -> host: a falling edge starts a frame; bits are sampled mid-bit */
    int rx_prev, rx_bit, rx_cnt;
    uint8_t rx_cur;
    unsigned frame_errors;
    uint8_t out[OUT_CAP];
    size_t out_len;

    int master, slave;
    int cpb;              /* clocks per bit, the testbench's first argument */
    int burst;            /* cycles until the next look at the terminal */
    uint64_t cycles, quiet;
    double run_s;         /* wall time not spent waiting for the host */
    struct timespec since;
    vpiHandle args[4];    /* cpb, uart_tx, busy, uart_rx */
} pty_sim;

static double seconds(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + 1e-9 * (double)(b->tv_nsec - a->tv_nsec);
}

static void die(const char *what, const char *why)
{
    fprintf(stderr, "rs_icarus_pty: %s: %s\n", what, why);
    exit(1);
}

static int tx_level(pty_sim *s)
{
    if (s->tx_bit < 0) {
        if (!s->q_len)
            return 1;
        s->tx_cur = s->q[s->q_head];
        s->q_head = (s->q_head + 1) % AHEAD;
        s->q_len--;
        s->tx_bit = 0;
        s->tx_cnt = 0;
    }
    int v = s->tx_bit == 0 ? 0 : s->tx_bit == 9 ? 1 : (s->tx_cur >> (s->tx_bit - 1)) & 1;
    if (++s->tx_cnt == s->cpb) {
        s->tx_cnt = 0;
        if (++s->tx_bit == 10)
            s->tx_bit = -1;
    }
    return v;
}

/* a received byte (0..255) or -1 */
static int rx_sample(pty_sim *s, int line)
{
    int out = -1;
    if (s->rx_bit < 0) {
        if (s->rx_prev && !line) {
            s->rx_bit = 0;
            s->rx_cnt = s->cpb / 2;
        }
    } else if (--s->rx_cnt == 0) {
        s->rx_cnt = s->cpb;
        if (s->rx_bit == 0) {
            if (line)
                s->rx_bit = -2;   /* a glitch, not a start bit */
        } else if (s->rx_bit <= 8) {
            s->rx_cur = (uint8_t)(s->rx_cur >> 1 | (line ? 0x80 : 0));
        } else {
            if (line)
                out = s->rx_cur;
            else
                s->frame_errors++;
            s->rx_bit = -2;
        }
        s->rx_bit++;
    }
    s->rx_prev = line;
    return out;
}

/* ours to the host (kept while it does not read), and its bytes as the line takes them */
static void exchange(pty_sim *s)
{
    if (s->out_len) {
        ssize_t k = write(s->master, s->out, s->out_len);
        if (k > 0) {
            memmove(s->out, s->out + k, s->out_len - (size_t)k);
            s->out_len -= (size_t)k;
        }
    }
    if (s->q_len < AHEAD) {
        uint8_t buf[AHEAD];
        ssize_t n = read(s->master, buf, (size_t)(AHEAD - s->q_len));
        for (ssize_t i = 0; i < n; i++) {
            s->q[(s->q_head + s->q_len) % AHEAD] = buf[i];
            s->q_len++;
        }
    }
}

/* a one-bit signal: 1 only when 1 (X and Z read as 0) */
static int get_bit(vpiHandle h)
{
    s_vpi_value v = { .format = vpiScalarVal };
    vpi_get_value(h, &v);
    return v.value.scalar == vpi1;
}

static int get_int(vpiHandle h)
{
    s_vpi_value v = { .format = vpiIntVal };
    vpi_get_value(h, &v);
    return v.value.integer;
}

static PLI_INT32 cycle_calltf(PLI_BYTE8 *user)
{
    pty_sim *s = (pty_sim *)user;
    if (!s->args[0]) {
        vpiHandle it = vpi_iterate(vpiArgument, vpi_handle(vpiSysTfCall, NULL));
        for (int i = 0; i < 4; i++)
            if (!it || !(s->args[i] = vpi_scan(it)))
                die("$rs_pty_cycle", "give (clocks per bit, uart_tx, busy, uart_rx)");
        vpi_free_object(it);
        s->cpb = get_int(s->args[0]);
        if (s->cpb < 2)
            die("$rs_pty_cycle", "clocks per bit below 2");
        /* installed here, after vvp's own handlers */
        signal(SIGTERM, on_signal);
        signal(SIGINT, on_signal);
        signal(SIGPIPE, SIG_IGN);
    }
    if (stop_flag) {
        vpi_control(vpiFinish, 0);
        return 0;
    }
    s->cycles++;
    /* an X or Z on uart_tx reads as the idle line; rs_fpga_reset's power-on
     * reset defines it from the first clock */
    s_vpi_value tx = { .format = vpiScalarVal };
    vpi_get_value(s->args[1], &tx);
    int line = tx.value.scalar != vpi0;
    int b = rx_sample(s, line);
    if (b >= 0) {
        if (s->out_len == OUT_CAP)
            die("uart_tx", "the host reads nothing: 64 KB of replies wait");
        s->out[s->out_len++] = (uint8_t)b;
    }
    if (s->tx_bit >= 0 || s->q_len || s->rx_bit >= 0 || !line)
        s->quiet = 0;
    else
        s->quiet++;

    if (--s->burst <= 0) {
        s->burst = BURST;
        exchange(s);
        /* idle: wait for the host inside this call, time stands still */
        while (!stop_flag && s->quiet >= (uint64_t)QUIET_BITS * (uint64_t)s->cpb && !s->out_len &&
               !s->q_len && !get_bit(s->args[2])) {
            struct timespec t;
            clock_gettime(CLOCK_MONOTONIC, &t);
            s->run_s += seconds(&s->since, &t);
            struct pollfd pf = { s->master, POLLIN, 0 };
            poll(&pf, 1, 100);
            clock_gettime(CLOCK_MONOTONIC, &s->since);
            exchange(s);
        }
        if (stop_flag) {
            vpi_control(vpiFinish, 0);
            return 0;
        }
    }

    s_vpi_value v = { .format = vpiIntVal };
    v.value.integer = tx_level(s);
    vpi_put_value(s->args[3], &v, NULL, vpiNoDelay);
    return 0;
}

static int write_file(const char *path, const char *text)
{
    size_t n = strlen(path) + 5;
    char *tmp = malloc(n);
    if (!tmp)
        return -1;
    snprintf(tmp, n, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    int rc = -1;
    if (f) {
        fputs(text, f);
        rc = (fclose(f) || rename(tmp, path)) ? -1 : 0;
    }
    free(tmp);
    return rc;
}

/* the pseudo-terminal; the slave is kept open here as well, so the master
 * sees no hang-up between hosts, and set raw, so no byte is echoed or
 * translated before a host opens it */
static PLI_INT32 start_of_sim(p_cb_data cb)
{
    pty_sim *s = (pty_sim *)cb->user_data;
    const char *pty_file = NULL;
    s_vpi_vlog_info info;
    if (vpi_get_vlog_info(&info)) {
        for (int i = 0; i < info.argc; i++) {
            const char *a = info.argv[i];
            if (!strncmp(a, "+pty-file=", 10)) {
                pty_file = a + 10;
            } else if (!strcmp(a, "+exit-with-parent")) {
                prctl(PR_SET_PDEATHSIG, SIGTERM);
                if (getppid() == 1)
                    stop_flag = 1;   /* the parent is already gone */
            }
        }
    }
    s->master = posix_openpt(O_RDWR | O_NOCTTY);
    if (s->master < 0 || grantpt(s->master) || unlockpt(s->master))
        die("pseudo-terminal", strerror(errno));
    const char *slave_name = ptsname(s->master);
    s->slave = slave_name ? open(slave_name, O_RDWR | O_NOCTTY) : -1;
    struct termios tio;
    if (s->slave < 0 || tcgetattr(s->slave, &tio))
        die(slave_name ? slave_name : "ptsname", strerror(errno));
    cfmakeraw(&tio);
    tcsetattr(s->slave, TCSANOW, &tio);
    fcntl(s->master, F_SETFL, fcntl(s->master, F_GETFL) | O_NONBLOCK);
    char path[300];
    snprintf(path, sizeof path, "%s\n", slave_name);
    fputs(path, stdout);
    fflush(stdout);
    if (pty_file && write_file(pty_file, path))
        die(pty_file, strerror(errno));
    clock_gettime(CLOCK_MONOTONIC, &s->since);
    return 0;
}

static PLI_INT32 end_of_sim(p_cb_data cb)
{
    pty_sim *s = (pty_sim *)cb->user_data;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    s->run_s += seconds(&s->since, &t);
    if (s->frame_errors)
        fprintf(stderr, "rs_icarus_pty: %u framing errors on uart_tx\n", s->frame_errors);
    fprintf(stderr, "rs_icarus_pty: %llu cycles, %.1f s not idle (%.0f cycles/s)\n", (unsigned long long)s->cycles,
            s->run_s, s->run_s > 0 ? (double)s->cycles / s->run_s : 0.0);
    if (s->slave >= 0)
        close(s->slave);
    if (s->master >= 0)
        close(s->master);
    return 0;
}

static void rs_icarus_pty_register(void)
{
    pty_sim *s = calloc(1, sizeof *s);
    if (!s)
        die("rs_icarus_pty", "out of memory");
    s->tx_bit = -1;
    s->rx_prev = 1;
    s->rx_bit = -1;
    s->master = s->slave = -1;
    s->burst = 1;

    s_vpi_systf_data tf = { 0 };
    tf.type = vpiSysTask;
    tf.tfname = "$rs_pty_cycle";
    tf.calltf = cycle_calltf;
    tf.user_data = (PLI_BYTE8 *)s;
    vpi_register_systf(&tf);

    s_cb_data cb = { 0 };
    cb.reason = cbStartOfSimulation;
    cb.cb_rtn = start_of_sim;
    cb.user_data = (PLI_BYTE8 *)s;
    vpi_register_cb(&cb);
    cb.reason = cbEndOfSimulation;
    cb.cb_rtn = end_of_sim;
    vpi_register_cb(&cb);
}

void (*vlog_startup_routines[])(void) = { rs_icarus_pty_register, NULL };
