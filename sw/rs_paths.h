/* rs_paths.h - where a tool finds the project's files (rtl/, sim/), wherever
 * it is run from: beside an installed tool (PREFIX/bin/TOOL ->
 * PREFIX/share/rsgen/WHAT, as `make install` lays them out), else the build
 * tree's absolute path the tool was compiled with. */
#ifndef RS_PATHS_H
#define RS_PATHS_H

#include <stddef.h>

/* The folder WHAT ("rtl", "sim") into buf; returns buf. */
const char *rs_data_dir(const char *what, const char *build_tree_dir, char *buf, size_t len);

#endif
