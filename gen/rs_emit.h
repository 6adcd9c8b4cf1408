/* rs_emit.h - writers of the generator's outputs, each into a buffer. */
#ifndef RS_EMIT_H
#define RS_EMIT_H

#include "rs_buf.h"
#include "rs_config.h"

/* Leaf modules copied from rtl/ into every output, in dependency order. */
extern const char *const rs_leaf_modules[];
extern const int rs_leaf_module_count;

/* the generator version as the VERSION CSR reads it: major<<16 | minor<<8 | patch */
unsigned rs_version_word(void);
/* address bits of the global buffer (64-bit words; the bank number on top) */
int rs_glb_addr_bits(const rs_config *cfg);
void rs_emit_banner(rs_buf *b, const char *comment, const rs_config *cfg);
void rs_emit_defs_vh(rs_buf *b, const rs_config *cfg);
void rs_emit_csr_v(rs_buf *b, const rs_config *cfg);
void rs_emit_top_v(rs_buf *b, const rs_config *cfg);
void rs_emit_params_h(rs_buf *b, const rs_config *cfg);
void rs_emit_protocol_h(rs_buf *b);               /* independent of the configuration */
void rs_emit_manifest(rs_buf *b, const rs_config *cfg);
void rs_emit_csr_md(rs_buf *b);
void rs_emit_stream_md(rs_buf *b);
void rs_emit_fusesoc_core(rs_buf *b, const rs_config *cfg);   /* FuseSoC CAPI2 core of the RTL */
void rs_emit_gtkw(rs_buf *b, const rs_config *cfg);           /* GTKWave save file */

#endif
