/* rs_transport.h - how the driver reaches the hardware: CSR read/write,
 * memory read/write, run until DONE, and a command/result stream exchange
 * that returns at DONE. The Verilator model is one implementation
 * (rs_transport_open_model); an FPGA bridge (UART, PCIe) is another with the
 * same calls. */
#ifndef RS_TRANSPORT_H
#define RS_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include "rs_error.h"
#include "rs_model.h"

typedef struct {
    void *ctx;
    uint32_t (*csr_read)(void *ctx, uint32_t addr);
    void (*csr_write)(void *ctx, uint32_t addr, uint32_t data);
    /* Offer cmd[0..n_cmd) and collect results until DONE; -1 on timeout. */
    int (*exchange)(void *ctx, const uint64_t *cmd, size_t n_cmd, uint64_t *res, size_t res_cap,
                    size_t *n_res, uint64_t max_cycles);
    /* The accelerator's memory (DRAM behind its AXI4 master); -1 out of range. */
    int (*mem_write)(void *ctx, uint64_t addr, const void *data, size_t bytes);
    int (*mem_read)(void *ctx, uint64_t addr, void *data, size_t bytes);
    /* After a START with MEM: wait for DONE; -1 on timeout. */
    int (*run)(void *ctx, uint64_t max_cycles);
    void (*close)(void *ctx);
} rs_transport;

/* Load GEN_DIR/model/librs_model.so, building it first with
 * SIM_DIR/build_model.sh when it is missing or older than GEN_DIR/rs_top.v.
 * fst_path: waveform file or NULL. */
int rs_transport_open_model(rs_transport *t, const char *gen_dir, const char *sim_dir,
                            const char *fst_path, rs_error *err);
/* The same, writing only cycles from..to-1 to the waveform (rs_model.h). */
int rs_transport_open_model_window(rs_transport *t, const char *gen_dir, const char *sim_dir, const char *fst_path,
                                   uint64_t from, uint64_t to, rs_error *err);
void rs_transport_close(rs_transport *t);
/* Latency, bandwidth and back-pressure of the model's DRAM (rs_model.h). */
int rs_transport_set_dram(rs_transport *t, const rs_dram_config *cfg, rs_error *err);

#endif
