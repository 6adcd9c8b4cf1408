/* rs_manifest.h - read what the driver needs from a generated manifest.json. */
#ifndef RS_MANIFEST_H
#define RS_MANIFEST_H

#include <stdint.h>

#include "rs_error.h"
#include "rs_geometry.h"

/* The "config_hash" of GEN_DIR/manifest.json, the hash the hardware of that
 * directory must report; a model built from other RTL is refused. */
int rs_manifest_hash(const char *gen_dir, uint32_t *hash, rs_error *err);

/* The array geometry of GEN_DIR/manifest.json (rows, cols, dw, pw, spads):
 * what the mapper needs, without building or opening the model, so a layer
 * can be explained or refused before any simulation. */
int rs_manifest_hw(const char *gen_dir, rs_hw *hw, rs_error *err);

#endif
