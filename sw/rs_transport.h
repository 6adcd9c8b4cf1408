/* rs_transport.h - how the driver reaches the hardware: CSR read/write and
 * a command/result stream exchange that returns at DONE. The Verilator model
 * is one implementation (rs_transport_open_model); an FPGA bridge (UART, PCIe)
 * is another with the same four calls. */
#ifndef RS_TRANSPORT_H
#define RS_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include "rs_error.h"

typedef struct {
    void *ctx;
    uint32_t (*csr_read)(void *ctx, uint32_t addr);
    void (*csr_write)(void *ctx, uint32_t addr, uint32_t data);
    /* Offer cmd[0..n_cmd) and collect results until DONE; -1 on timeout. */
    int (*exchange)(void *ctx, const uint64_t *cmd, size_t n_cmd, uint64_t *res, size_t res_cap,
                    size_t *n_res, uint64_t max_cycles);
    void (*close)(void *ctx);
} rs_transport;

/* Load GEN_DIR/model/librs_model.so, building it first with
 * SIM_DIR/build_model.sh when it is missing or older than GEN_DIR/rs_top.v.
 * fst_path: waveform file or NULL. */
int rs_transport_open_model(rs_transport *t, const char *gen_dir, const char *sim_dir,
                            const char *fst_path, rs_error *err);
void rs_transport_close(rs_transport *t);

#endif
