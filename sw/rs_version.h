/* rs_version.h - the project's version, printed by every tool's --version and
 * written into every generated file's header. */
#ifndef RS_VERSION_H
#define RS_VERSION_H

#define RS_VERSION "0.14.0"

#endif
