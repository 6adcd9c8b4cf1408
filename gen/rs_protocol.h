/* rs_protocol.h - the contracts between the host driver and the hardware:
 * command-stream words and the CSR map. The generator emits these tables as
 * Verilog localparams (rs_defs.vh, rs_csr.v), as C macros (rs_protocol.h of
 * the output) and as Markdown (csr.md, stream.md), so each number is written
 * once, here. */
#ifndef RS_GEN_PROTOCOL_H
#define RS_GEN_PROTOCOL_H

#include <stdint.h>

typedef struct {
    const char *name;   /* e.g. "OP_CONFIG" */
    int width;          /* bits of the Verilog localparam */
    int value;
    const char *doc;
} rs_constant;

typedef struct {
    const char *word;   /* command or word the field belongs to, e.g. "CONFIG" */
    const char *name;   /* e.g. "NE" */
    int lsb, width;
    const char *doc;
} rs_field;

typedef enum { RS_CSR_RO, RS_CSR_WO, RS_CSR_RW } rs_csr_access;

typedef struct {
    const char *name;   /* e.g. "CYCLES_LO" */
    uint32_t offset;
    rs_csr_access access;
    const char *value;  /* RO: Verilog expression read back, in terms of rs_csr ports; RW: the register's name */
    const char *doc;
} rs_csr;

extern const rs_constant rs_constants[];
extern const int rs_constant_count;
/* value of the named constant (0 if there is none) */
int rs_constant_value(const char *name);
extern const rs_field rs_fields[];
extern const int rs_field_count;
extern const rs_csr rs_csrs[];
extern const int rs_csr_count;

#endif
