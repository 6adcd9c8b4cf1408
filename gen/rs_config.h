/* rs_config.h - the one configuration every generated output comes from. */
#ifndef RS_CONFIG_H
#define RS_CONFIG_H

#include <stdint.h>
#include "rs_error.h"
#include "rs_version.h"

#define RS_GEN_NAME    "rsgen"
#define RS_GEN_VERSION RS_VERSION

typedef struct {
    int rows, cols;        /* PE array */
    int dw, pw;            /* data and psum (accumulator) width in bits */
    int ifmap_spad;        /* entries per PE */
    int filter_spad;
    int psum_spad;
    int psum_banks;        /* 2: a PE computes the next window while its chain ships the last one */
    int glb_kb;            /* global buffer size in KiB */
    int glb_bank_kb;       /* global buffer bank size in KiB */
    int zero_skip;         /* 1: a zero activation costs no MAC slot (skipped, not gated) */
    int cmd_fifo;          /* command prefetch FIFO in 64-bit words (a power of two) */
    int pe_lanes;          /* elements a PE takes a cycle from the filter and ifmap buses: 64/dw
                            * (a whole beat) or 1 (a beat register, less area); 0 until
                            * rs_config_resolve gives it 64/dw */
    int psum_lanes;        /* psums a psum-bus and output-network beat carries: 2 (one buffer
                            * word) or 4 (two words: a wider path to and from the buffer) */
} rs_config;

/* One row per option: the generator's --help, validation, manifest and
 * canonical string (hence the config hash) all walk this table. */
typedef struct {
    const char *name;      /* option name without "--" and manifest key */
    const char *help;
    int min, max, def;
    size_t offset;         /* offsetof(rs_config, field) */
    int flag;              /* 1: "--name" alone means 1 ("--name=0" turns it off) */
} rs_config_option;

extern const rs_config_option rs_config_options[];
extern const int rs_config_option_count;

void rs_config_defaults(rs_config *cfg);
int *rs_config_field(rs_config *cfg, const rs_config_option *opt);
int rs_config_get(const rs_config *cfg, const rs_config_option *opt);
/* Values that default to others: pe_lanes 0 becomes 64/dw. Call after the
 * options are set, before rs_config_check. */
void rs_config_resolve(rs_config *cfg);
/* Cross-field rules (ranges are checked when options are set). */
int rs_config_check(const rs_config *cfg, rs_error *err);
/* Canonical text "rows=12,cols=14,..." and its 32-bit FNV-1a hash. */
void rs_config_canonical(const rs_config *cfg, char *buf, size_t len);
uint32_t rs_config_hash(const rs_config *cfg);

#endif
