/* rs_error.h - error reporting convention shared by every C module.
 *
 * Library functions never print: they return 0 on success or -1 on failure
 * and fill an rs_error that the caller (a command-line tool or a test)
 * prints or checks. One message, one line, naming the bad value and what is
 * allowed, e.g. "--rows: 0 is out of range 1..32".
 */
#ifndef RS_ERROR_H
#define RS_ERROR_H

#include <stdarg.h>
#include <stdio.h>

typedef struct {
    char msg[256];
} rs_error;

/* Fill err (if not NULL) with a printf-style message; always returns -1 so
 * that callers can write `return rs_error_set(err, "...", ...);`. */
static inline int rs_error_set(rs_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static inline int rs_error_set(rs_error *err, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return -1;
}

#endif
