/* rs_uart.h - the transport to an FPGA board over a serial port: the board
 * top's UART bridge (fpga/rs_uart_bridge.v, protocol in fpga/README.md)
 * reaches the accelerator's CSRs and the board memory behind its AXI4
 * master, so the driver runs layers on a board exactly as on the model:
 * the command stream into memory, START (MEM), poll STATUS for DONE, the
 * results and counters back.
 *
 * Every reply is awaited at most timeout_ms (default RS_UART_TIMEOUT_MS)
 * after the last byte; a reply that does not come, or comes wrong, is a
 * hardware error kept in the transport (rs_uart_error): from then on every
 * call fails at once (csr_read returns 0, the others -1), so the driver
 * stops with an error and the tool prints rs_uart_error's message. */
#ifndef RS_UART_H
#define RS_UART_H

#include "rs_error.h"
#include "rs_transport.h"

#define RS_UART_TIMEOUT_MS 2000
#define RS_UART_BAUD 115200

/* rs_transport_open_uart's results besides 0 */
enum {
    RS_UART_BAD_DEVICE = -1,   /* dev cannot be opened or is not a serial port; or a baud rate termios lacks */
    RS_UART_NO_ANSWER = -2     /* the device opened but no bridge answers PING as expected */
};

/* Open the serial port dev (raw, 8N1, baud) and PING the bridge. */
int rs_transport_open_uart(rs_transport *t, const char *dev, int baud, int timeout_ms, rs_error *err);

/* The hardware error a UART transport met (no answer, a bad reply), or
 * NULL: none, or t is not a UART transport. */
const char *rs_uart_error(const rs_transport *t);

#endif
