// rs_board_sim.cpp - the FPGA board without a board: the Verilated board top
// (fpga/rs_fpga_top.v: UART receiver, bridge, transmitter, board memory and
// the generated accelerator) behind a pseudo-terminal. Bytes a host writes
// to the terminal go bit by bit onto the top's uart_rx pin at the UART's
// clocks per bit; the uart_tx pin is sampled mid-bit and its bytes go back
// to the host. So `rsrun --uart <slave>` exercises the real UART RTL.
//
//   rs_board_sim [--pty-file F] [--exit-with-parent]
//
// Prints the terminal's slave path (e.g. /dev/pts/3) on stdout and, with
// --pty-file, writes it to F (through a temporary name, so F appears whole).
// Runs until SIGTERM/SIGINT or, with --exit-with-parent, until the process
// that started it ends (a test that dies leaves no simulation behind).
//
// The host's bytes are taken from the terminal only as fast as the line
// carries them (a few bytes ahead), so a host that writes more waits, as on
// a serial port. When the board is idle (the accelerator not busy, the
// bridge between commands, both lines quiet for QUIET_CYCLES) the clock
// stops until the host writes again: simulated time stands still only where
// nothing on the board depends on it, so no host can tell; it saves the CPU.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <string>

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <termios.h>
#include <unistd.h>

#include "Vrs_fpga_top.h"
#include "Vrs_fpga_top___024root.h"
#include "verilated.h"

#ifndef RS_CLKS_PER_BIT
#define RS_CLKS_PER_BIT 8   // CLK_HZ / BAUD the top was built with (build_board.sh)
#endif

static const int CPB = RS_CLKS_PER_BIT;
// two frames: the receiver has handed its last byte to the bridge
static const uint64_t QUIET_CYCLES = 20 * RS_CLKS_PER_BIT;
static const size_t AHEAD = 4;   // host bytes taken ahead of the line
static const int BURST = 256;    // cycles between looks at the terminal

static volatile sig_atomic_t stop_flag = 0;
static void on_signal(int) { stop_flag = 1; }

// host -> board: one byte at a time as start bit, 8 data bits (LSB first), stop bit
struct serializer {
    std::deque<uint8_t> q;
    int bit = -1;      // bit of the current frame on the line (0 start .. 9 stop), -1 idle
    int cnt = 0;       // cycles of this bit so far
    uint8_t cur = 0;

    bool busy() const { return bit >= 0 || !q.empty(); }
    int level()        // the line this cycle
    {
        if (bit < 0) {
            if (q.empty())
                return 1;
            cur = q.front();
            q.pop_front();
            bit = 0;
            cnt = 0;
        }
        int v = bit == 0 ? 0 : bit == 9 ? 1 : (cur >> (bit - 1)) & 1;
        if (++cnt == CPB) {
            cnt = 0;
            if (++bit == 10)
                bit = -1;
        }
        return v;
    }
};

// board -> host: a falling edge starts a frame; bits are sampled mid-bit
struct deserializer {
    int prev = 1;
    int bit = -1;      // -1 idle, 0 start .. 9 stop
    int cnt = 0;       // cycles until the next sample
    uint8_t cur = 0;
    unsigned frame_errors = 0;

    bool busy() const { return bit >= 0; }
    // returns a received byte (0..255) or -1
    int sample(int line)
    {
        int out = -1;
        if (bit < 0) {
            if (prev && !line) {
                bit = 0;
                cnt = CPB / 2;
            }
        } else if (--cnt == 0) {
            cnt = CPB;
            if (bit == 0) {
                if (line)
                    bit = -2;   // a glitch, not a start bit
            } else if (bit <= 8) {
                cur = (uint8_t)(cur >> 1 | (line ? 0x80 : 0));
            } else {
                if (line)
                    out = cur;
                else
                    frame_errors++;
                bit = -2;
            }
            bit++;
        }
        prev = line;
        return out;
    }
};

static int write_file(const char *path, const std::string &text)
{
    std::string tmp = std::string(path) + ".tmp";
    FILE *f = fopen(tmp.c_str(), "w");
    if (!f)
        return -1;
    fputs(text.c_str(), f);
    if (fclose(f) || rename(tmp.c_str(), path))
        return -1;
    return 0;
}

int main(int argc, char **argv)
{
    const char *pty_file = nullptr;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--pty-file") && i + 1 < argc) {
            pty_file = argv[++i];
        } else if (!strcmp(argv[i], "--exit-with-parent")) {
            prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (getppid() == 1)
                return 0;   // the parent is already gone
        } else {
            fprintf(stderr, "usage: rs_board_sim [--pty-file F] [--exit-with-parent]\n");
            return 2;
        }
    }
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    signal(SIGPIPE, SIG_IGN);

    // the pseudo-terminal; the slave is kept open here as well, so the master
    // sees no hang-up between hosts, and set raw, so no byte is echoed or
    // translated before a host opens it
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) || unlockpt(master)) {
        fprintf(stderr, "rs_board_sim: pseudo-terminal: %s\n", strerror(errno));
        return 1;
    }
    const char *slave_name = ptsname(master);
    int slave = slave_name ? open(slave_name, O_RDWR | O_NOCTTY) : -1;
    struct termios tio;
    if (slave < 0 || tcgetattr(slave, &tio)) {
        fprintf(stderr, "rs_board_sim: %s: %s\n", slave_name ? slave_name : "ptsname", strerror(errno));
        return 1;
    }
    cfmakeraw(&tio);
    tcsetattr(slave, TCSANOW, &tio);
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    std::string path = std::string(slave_name) + "\n";
    printf("%s", path.c_str());
    fflush(stdout);
    if (pty_file && write_file(pty_file, path)) {
        fprintf(stderr, "rs_board_sim: %s: %s\n", pty_file, strerror(errno));
        return 1;
    }

    std::unique_ptr<VerilatedContext> ctx(new VerilatedContext);
    std::unique_ptr<Vrs_fpga_top> top(new Vrs_fpga_top(ctx.get(), "rs_fpga_top"));
    top->rst_btn = 1;   // BTN_ACTIVE_LOW: not pressed
    top->uart_rx = 1;
    top->clk = 0;
    top->eval();

    serializer tx;
    deserializer rx;
    std::string to_host;
    uint64_t cycles = 0, quiet = 0;
    uint8_t buf[64];
    while (!stop_flag) {
        // ours to the host (kept while it does not read), and its bytes as
        // the line takes them
        if (!to_host.empty()) {
            ssize_t k = write(master, to_host.data(), to_host.size());
            if (k > 0)
                to_host.erase(0, (size_t)k);
        }
        if (tx.q.size() < AHEAD) {
            ssize_t n = read(master, buf, AHEAD);
            for (ssize_t i = 0; i < n; i++)
                tx.q.push_back(buf[i]);
        }
        const bool board_busy = top->rootp->rs_fpga_top__DOT__u_top__DOT__busy ||
                                top->rootp->rs_fpga_top__DOT__bridge_busy;
        if (quiet >= QUIET_CYCLES && !board_busy && to_host.empty() && tx.q.empty()) {
            struct pollfd pf = { master, POLLIN, 0 };
            poll(&pf, 1, 100);
            continue;
        }
        for (int c = 0; c < BURST; c++) {
            top->uart_rx = (uint8_t)tx.level();
            top->clk = 1;
            top->eval();
            top->clk = 0;
            top->eval();
            cycles++;
            int b = rx.sample(top->uart_tx);
            if (b >= 0)
                to_host.push_back((char)b);
            if (tx.busy() || rx.busy() || top->uart_tx == 0)
                quiet = 0;
            else
                quiet++;
        }
    }
    top->final();
    close(slave);
    close(master);
    if (rx.frame_errors)
        fprintf(stderr, "rs_board_sim: %u framing errors on uart_tx\n", rx.frame_errors);
    fprintf(stderr, "rs_board_sim: %llu cycles\n", (unsigned long long)cycles);
    return 0;
}
