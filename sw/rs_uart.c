/* rs_uart.c - the serial-port transport to the board top's UART bridge
 * (rs_uart.h; the byte protocol is in fpga/README.md). */
#include "rs_uart.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "rs_protocol.h"

enum {
    OP_PING = 0x00, OP_CSR_WR = 0x01, OP_CSR_RD = 0x02, OP_MEM_WR = 0x05, OP_MEM_RD = 0x06,
    R_PING = 0x5A, R_ACK = 0xA0,
    PROTOCOL = 2,          /* the bridge version with the MEM commands */
    CHUNK_WORDS = 256      /* words per MEM_WR / MEM_RD command: 0.18 s at 115200 baud */
};

typedef struct {
    int fd;
    int timeout_ms;
    int baud;
    int failed;            /* a hardware error happened: every call fails */
    char dev[128];
    char msg[384];
} uart_ctx;

static int fail(uart_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(uart_ctx *c, const char *fmt, ...)
{
    if (!c->failed) {   /* the first error is the cause; keep it */
        va_list ap;
        int n = snprintf(c->msg, sizeof c->msg, "%.100s: ", c->dev);
        va_start(ap, fmt);
        vsnprintf(c->msg + n, sizeof c->msg - (size_t)n, fmt, ap);
        va_end(ap);
        c->failed = 1;
    }
    return -1;
}

static int write_all(uart_ctx *c, const uint8_t *p, size_t n, const char *what)
{
    while (n) {
        ssize_t k = write(c->fd, p, n);
        if (k > 0) {
            p += k;
            n -= (size_t)k;
            continue;
        }
        if (k < 0 && errno != EAGAIN && errno != EINTR)
            return fail(c, "%s: write failed: %s", what, strerror(errno));
        struct pollfd pf = { c->fd, POLLOUT, 0 };
        int r = poll(&pf, 1, c->timeout_ms);
        if (r == 0)
            return fail(c, "%s: the serial port takes no more bytes for %d ms", what, c->timeout_ms);
        if (r < 0 && errno != EINTR)
            return fail(c, "%s: poll failed: %s", what, strerror(errno));
    }
    return 0;
}

/* How long to wait for the first byte of a reply to a command of sent
 * bytes: the timeout, plus the time the line takes to carry the command
 * (write() returns once the bytes are queued, not sent). */
static int reply_ms(const uart_ctx *c, size_t sent)
{
    return c->timeout_ms + (int)((uint64_t)sent * 10 * 1000 / (uint64_t)c->baud);
}

/* n bytes of a reply; at most timeout_ms of silence between bytes */
static int read_exact(uart_ctx *c, uint8_t *p, size_t n, int timeout_ms, const char *what)
{
    size_t got = 0;
    while (got < n) {
        struct pollfd pf = { c->fd, POLLIN, 0 };
        int r = poll(&pf, 1, timeout_ms);
        if (r == 0)
            return fail(c, "no answer to %s within %d ms (%zu of %zu reply bytes came): is the board programmed, "
                           "connected, out of reset, at this baud rate?", what, timeout_ms, got, n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return fail(c, "%s: poll failed: %s", what, strerror(errno));
        }
        ssize_t k = read(c->fd, p + got, n - got);
        if (k > 0)
            got += (size_t)k;
        else if (k == 0 || (errno != EAGAIN && errno != EINTR))
            return fail(c, "%s: the serial port closed%s%s", what, k ? ": " : "", k ? strerror(errno) : "");
    }
    return 0;
}

static void put_le(uint8_t *p, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, int bytes)
{
    uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static const char *resp_name(int resp)
{
    static const char *names[] = { "OKAY", "EXOKAY", "SLVERR", "DECERR" };
    return names[resp & 3];
}

/* a status byte 0xA0 | resp: anything else is an error */
static int check_status(uart_ctx *c, uint8_t b, const char *what)
{
    if ((b & 0xfc) != R_ACK)
        return fail(c, "%s: the bridge answered 0x%02x, not a status byte (out of step with the host; reset the "
                       "board)", what, b);
    if ((b & 3) == 3 && !strncmp(what, "memory", 6))
        return fail(c, "%s: answered DECERR: beyond the board memory (a layer's command stream and results "
                       "must fit the board top's MEM_BYTES)", what);
    if (b & 3)
        return fail(c, "%s: answered %s", what, resp_name(b & 3));
    return 0;
}

static int csr_read_checked(uart_ctx *c, uint32_t addr, uint32_t *val)
{
    char what[64];
    uint8_t cmd[3] = { OP_CSR_RD }, rep[5];
    if (c->failed)
        return -1;
    snprintf(what, sizeof what, "CSR read of 0x%03x", addr);
    put_le(cmd + 1, addr & 0xfff, 2);
    if (write_all(c, cmd, sizeof cmd, what) || read_exact(c, rep, sizeof rep, reply_ms(c, sizeof cmd), what) ||
        check_status(c, rep[0], what))
        return -1;
    *val = (uint32_t)get_le(rep + 1, 4);
    return 0;
}

static uint32_t uart_csr_read(void *ctx, uint32_t addr)
{
    uint32_t v = 0;
    return csr_read_checked(ctx, addr, &v) ? 0 : v;
}

static void uart_csr_write(void *ctx, uint32_t addr, uint32_t data)
{
    uart_ctx *c = ctx;
    char what[64];
    uint8_t cmd[7] = { OP_CSR_WR }, rep[1];
    if (c->failed)
        return;
    snprintf(what, sizeof what, "CSR write of 0x%08x to 0x%03x", data, addr);
    put_le(cmd + 1, addr & 0xfff, 2);
    put_le(cmd + 3, data, 4);
    if (write_all(c, cmd, sizeof cmd, what) || read_exact(c, rep, 1, reply_ms(c, sizeof cmd), what))
        return;
    check_status(c, rep[0], what);
}

/* n whole words at word-aligned addr, one MEM_WR per chunk */
static int mem_write_words(uart_ctx *c, uint64_t addr, const uint8_t *data, size_t n)
{
    uint8_t *buf = malloc(7 + 8 * (size_t)CHUNK_WORDS), rep[1];
    char what[96];
    if (!buf)
        return fail(c, "out of memory");
    int rc = 0;
    while (n && !rc) {
        size_t k = n < CHUNK_WORDS ? n : CHUNK_WORDS;
        snprintf(what, sizeof what, "memory write of %zu words at 0x%08llx", k, (unsigned long long)addr);
        buf[0] = OP_MEM_WR;
        put_le(buf + 1, addr, 4);
        put_le(buf + 5, k, 2);
        memcpy(buf + 7, data, 8 * k);
        rc = write_all(c, buf, 7 + 8 * k, what) || read_exact(c, rep, 1, reply_ms(c, 7 + 8 * k), what) ||
             check_status(c, rep[0], what);
        addr += 8 * k;
        data += 8 * k;
        n -= k;
    }
    free(buf);
    return rc ? -1 : 0;
}

static int mem_read_words(uart_ctx *c, uint64_t addr, uint8_t *data, size_t n)
{
    uint8_t cmd[7] = { OP_MEM_RD }, rep[1];
    char what[96];
    while (n) {
        size_t k = n < CHUNK_WORDS ? n : CHUNK_WORDS;
        snprintf(what, sizeof what, "memory read of %zu words at 0x%08llx", k, (unsigned long long)addr);
        put_le(cmd + 1, addr, 4);
        put_le(cmd + 5, k, 2);
        if (write_all(c, cmd, sizeof cmd, what) || read_exact(c, data, 8 * k, reply_ms(c, sizeof cmd), what) ||
            read_exact(c, rep, 1, c->timeout_ms, what) || check_status(c, rep[0], what))
            return -1;
        addr += 8 * k;
        data += 8 * k;
        n -= k;
    }
    return 0;
}

/* Byte ranges: whole words go as they are; a partial word at either end is
 * read, patched and written back. The bridge addresses 32 bits. */
static int uart_mem_write(void *ctx, uint64_t addr, const void *data, size_t bytes)
{
    uart_ctx *c = ctx;
    const uint8_t *p = data;
    if (c->failed || addr > 0xffffffffull || bytes > 0x100000000ull - addr)
        return -1;
    while (bytes) {
        uint64_t w = addr & ~7ull;
        size_t off = (size_t)(addr - w);
        if (off || bytes < 8) {
            uint8_t word[8];
            size_t k = 8 - off < bytes ? 8 - off : bytes;
            if (mem_read_words(c, w, word, 1))
                return -1;
            memcpy(word + off, p, k);
            if (mem_write_words(c, w, word, 1))
                return -1;
            addr += k, p += k, bytes -= k;
            continue;
        }
        size_t n = bytes / 8;
        if (mem_write_words(c, addr, p, n))
            return -1;
        addr += 8 * n, p += 8 * n, bytes -= 8 * n;
    }
    return 0;
}

static int uart_mem_read(void *ctx, uint64_t addr, void *data, size_t bytes)
{
    uart_ctx *c = ctx;
    uint8_t *p = data;
    if (c->failed || addr > 0xffffffffull || bytes > 0x100000000ull - addr)
        return -1;
    while (bytes) {
        uint64_t w = addr & ~7ull;
        size_t off = (size_t)(addr - w);
        if (off || bytes < 8) {
            uint8_t word[8];
            size_t k = 8 - off < bytes ? 8 - off : bytes;
            if (mem_read_words(c, w, word, 1))
                return -1;
            memcpy(p, word + off, k);
            addr += k, p += k, bytes -= k;
            continue;
        }
        size_t n = bytes / 8;
        if (mem_read_words(c, addr, p, n))
            return -1;
        addr += 8 * n, p += 8 * n, bytes -= 8 * n;
    }
    return 0;
}

/* Poll STATUS until DONE. The budget is the accelerator's own cycle count
 * (CYCLES, from START); a core that is neither busy nor done was not
 * started. -1 on either, or on a UART error. */
static int uart_run(void *ctx, uint64_t max_cycles)
{
    uart_ctx *c = ctx;
    uint32_t status, lo, hi;
    for (int idle = 0;;) {
        if (csr_read_checked(c, RS_CSR_STATUS, &status))
            return -1;
        if (status & 2u)
            return 0;
        if (!(status & 1u) && ++idle >= 3)
            return -1;
        if (csr_read_checked(c, RS_CSR_CYCLES_LO, &lo) || csr_read_checked(c, RS_CSR_CYCLES_HI, &hi))
            return -1;
        if (((uint64_t)hi << 32 | lo) >= max_cycles)
            return -1;
    }
}

static int uart_exchange(void *ctx, const uint64_t *cmd, size_t n_cmd, uint64_t *res, size_t res_cap,
                         size_t *n_res, uint64_t max_cycles)
{
    (void)cmd, (void)n_cmd, (void)res, (void)res_cap, (void)max_cycles;
    *n_res = 0;
    return fail(ctx, "the stream exchange (commands through PUSH, results through POP) is not supported over "
                     "the UART: the driver runs layers from the board memory");
}

static void uart_close(void *ctx)
{
    uart_ctx *c = ctx;
    if (c->fd >= 0)
        close(c->fd);
    free(c);
}

static int baud_speed(int baud, speed_t *s)
{
    static const struct { int baud; speed_t speed; } table[] = {
        { 9600, B9600 }, { 19200, B19200 }, { 38400, B38400 }, { 57600, B57600 }, { 115200, B115200 },
        { 230400, B230400 }, { 460800, B460800 }, { 500000, B500000 }, { 921600, B921600 },
        { 1000000, B1000000 }, { 1500000, B1500000 }, { 2000000, B2000000 }, { 3000000, B3000000 },
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (table[i].baud == baud) {
            *s = table[i].speed;
            return 0;
        }
    return -1;
}

/* PING and its answer: 0x5A, flags with the protocol version in bits 3:0.
 * A first PING may be swallowed as the payload of a command a previous host
 * left unfinished; the bridge drops that after 100 ms, so a second PING
 * follows a short wait. */
static int ping(uart_ctx *c)
{
    uint8_t op = OP_PING, rep[2];
    for (int attempt = 0; attempt < 2; attempt++) {
        int last = attempt == 1;
        if (write_all(c, &op, 1, "PING"))
            return -1;
        c->failed = 0;
        if (read_exact(c, rep, 2, last ? c->timeout_ms : 300, "PING"))
            continue;
        if (rep[0] == R_PING)
            break;
        c->failed = 1;
        snprintf(c->msg, sizeof c->msg, "%.100s: PING answered 0x%02x 0x%02x, not 0x5a (not an rsgen bridge, or "
                 "another baud rate)", c->dev, rep[0], rep[1]);
        usleep(200000);                  /* let a stray reply end, then forget it */
        tcflush(c->fd, TCIOFLUSH);
    }
    if (c->failed)
        return -1;
    if ((rep[1] & 0x0f) != PROTOCOL)
        return fail(c, "the bridge speaks protocol version %d, this driver %d (with the board-memory commands): "
                       "program the board with a bitstream of this version", rep[1] & 0x0f, PROTOCOL);
    return 0;
}

int rs_transport_open_uart(rs_transport *t, const char *dev, int baud, int timeout_ms, rs_error *err)
{
    struct termios tio;
    speed_t speed;
    memset(t, 0, sizeof *t);
    if (baud_speed(baud, &speed)) {
        rs_error_set(err, "baud rate %d: not one the serial port driver knows (9600, 19200, 38400, 57600, 115200, "
                          "230400, 460800, 500000, 921600, 1000000, 1500000, 2000000, 3000000)", baud);
        return RS_UART_BAD_DEVICE;
    }
    uart_ctx *c = calloc(1, sizeof *c);
    if (!c) {
        rs_error_set(err, "out of memory");
        return RS_UART_BAD_DEVICE;
    }
    snprintf(c->dev, sizeof c->dev, "%s", dev);
    c->timeout_ms = timeout_ms > 0 ? timeout_ms : RS_UART_TIMEOUT_MS;
    c->baud = baud;
    c->fd = open(dev, O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (c->fd < 0) {
        rs_error_set(err, "%.200s: %s", dev, strerror(errno));
        uart_close(c);
        return RS_UART_BAD_DEVICE;
    }
    if (tcgetattr(c->fd, &tio)) {
        rs_error_set(err, "%.200s: not a serial port (%s)", dev, strerror(errno));
        uart_close(c);
        return RS_UART_BAD_DEVICE;
    }
    cfmakeraw(&tio);   /* 8 data bits, no parity, no echo, no translation */
    tio.c_cflag &= ~(tcflag_t)(CSTOPB | PARENB | CRTSCTS);
    tio.c_cflag |= CLOCAL | CREAD;
    tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF | IXANY);
    tio.c_cc[VMIN] = 0;
    tio.c_cc[VTIME] = 0;
    if (cfsetispeed(&tio, speed) || cfsetospeed(&tio, speed) || tcsetattr(c->fd, TCSANOW, &tio)) {
        rs_error_set(err, "%.200s: cannot set 8N1 at %d baud: %s", dev, baud, strerror(errno));
        uart_close(c);
        return RS_UART_BAD_DEVICE;
    }
    tcflush(c->fd, TCIOFLUSH);   /* whatever an earlier session left */
    if (ping(c)) {
        rs_error_set(err, "%s", c->msg);
        uart_close(c);
        return RS_UART_NO_ANSWER;
    }
    t->ctx = c;
    t->csr_read = uart_csr_read;
    t->csr_write = uart_csr_write;
    t->exchange = uart_exchange;
    t->mem_write = uart_mem_write;
    t->mem_read = uart_mem_read;
    t->run = uart_run;
    t->close = uart_close;
    return 0;
}

const char *rs_uart_error(const rs_transport *t)
{
    if (t->close != uart_close || !t->ctx)
        return NULL;
    const uart_ctx *c = t->ctx;
    return c->failed ? c->msg : NULL;
}
