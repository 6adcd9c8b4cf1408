/* rs_opt.h - the one command-line option parser of every tool (rsgen, rsrun,
 * rsbench, rsregress).
 *
 * A tool describes its options in a table; rs_opt_parse fills the
 * destinations and rs_opt_usage prints the option lines of --help from the
 * same table. Options are `--name value` or `--name=value`; flags are
 * `--name` (or `--name=0` / `--name=1`). Every error is one line naming the
 * option and what is allowed: an unknown option, a missing value, a number
 * out of range, an option given twice, an argument that is not an option.
 */
#ifndef RS_OPT_H
#define RS_OPT_H

#include <stdio.h>

#include "rs_error.h"

typedef enum {
    RS_OPT_FLAG,    /* int *: 1 when given */
    RS_OPT_TEXT,    /* const char **: the argument itself */
    RS_OPT_INT,     /* int *: a decimal integer in min..max */
    RS_OPT_LONG,    /* long *: a decimal integer in min..max */
    RS_OPT_REAL     /* double *: a number in min..max */
} rs_opt_kind;

typedef struct {
    const char *name;   /* "seed" for --seed */
    rs_opt_kind kind;
    void *dest;
    double min, max;    /* numbers (and flags, 0..1): the allowed range */
    const char *arg;    /* the value's placeholder in --help ("N", "FILE") */
    const char *help;   /* one or more lines, separated by '\n' */
} rs_opt;

/* Outcomes of rs_opt_parse besides an error (-1). */
enum { RS_OPT_RUN = 0, RS_OPT_HELP = 1, RS_OPT_VERSION = 2 };

/* Parse argv[1..argc-1] into the table's destinations. --help and --version
 * are understood by every tool and returned as RS_OPT_HELP / RS_OPT_VERSION.
 * given (n entries, may be NULL) is set to 1 for each option that appeared. */
int rs_opt_parse(const rs_opt *opts, int n, int argc, char **argv, unsigned char *given, rs_error *err);

/* The option lines of --help, then --help and --version. */
void rs_opt_usage(FILE *f, const rs_opt *opts, int n);

#endif
