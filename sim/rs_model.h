/* rs_model.h - C API of a Verilated accelerator model.
 *
 * Each generated configuration is compiled into its own shared library
 * (DIR/model/librs_model.so, see sim/build_model.sh) exporting these
 * functions; the driver loads it with dlopen (sw/rs_transport.c), so one
 * host program runs every configuration. */
#ifndef RS_MODEL_H
#define RS_MODEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rs_model rs_model;

typedef struct {
    uint32_t config_hash;
    int rows, cols, dw, pw, ifmap_spad, filter_spad, psum_spad, glb_bytes;
} rs_model_info;

/* Sizes the library was built for (from the generated rs_params.h). */
void rs_model_get_info(rs_model_info *info);

/* fst_path: write an FST waveform there, or NULL for none. Returns NULL on
 * failure. The model comes out of reset. */
rs_model *rs_model_new(const char *fst_path);
/* The same, dumping only clock cycles from..to-1 (counted from the model's
 * start, reset included, as the waveform's time axis shows them: two time
 * steps a cycle). */
rs_model *rs_model_new_window(const char *fst_path, uint64_t from, uint64_t to);
void rs_model_free(rs_model *m);

uint32_t rs_model_csr_read(rs_model *m, uint32_t addr);
void rs_model_csr_write(rs_model *m, uint32_t addr, uint32_t data);

/* Offers in[0..n_in) on the command stream and collects result words into
 * out[0..out_cap), until the STATUS register shows DONE. Results past out_cap
 * are counted in *n_out but dropped. Returns 0 when done, -1 when max_cycles
 * passed first (the model is then stuck: reset it with a new START). */
int rs_model_stream(rs_model *m, const uint64_t *in, size_t n_in, uint64_t *out, size_t out_cap,
                    size_t *n_out, uint64_t max_cycles);

/* The testbench's DRAM behind the AXI4 master port. Reads and writes share
 * one link of bytes_per_cycle (a beat is 8 bytes; 0: one read and one write
 * beat every cycle); every request is answered latency cycles after it is
 * accepted at the earliest; with stall > 0 each AXI channel independently
 * holds back (ready or valid low) on that share of cycles, from seed.
 * Accesses past the memory's size answer DECERR. */
typedef struct {
    uint32_t latency;
    double bytes_per_cycle;
    double stall;
    uint64_t seed;
} rs_dram_config;

void rs_model_dram_config(rs_model *m, const rs_dram_config *cfg);
/* Host access to the DRAM; writes grow the memory. -1 past 4 GiB (or past
 * the size, for reads). */
int rs_model_mem_write(rs_model *m, uint64_t addr, const void *data, size_t bytes);
int rs_model_mem_read(rs_model *m, uint64_t addr, void *data, size_t bytes);

/* Ticks until STATUS shows DONE (after a START with MEM, the layer runs from
 * memory). Returns 0 when done, -1 when max_cycles passed first. */
int rs_model_run(rs_model *m, uint64_t max_cycles);

/* Clock cycles simulated since rs_model_new. */
uint64_t rs_model_cycles(const rs_model *m);

#ifdef __cplusplus
}
#endif

#endif
