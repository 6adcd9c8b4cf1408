/* rs_buf.h - a growable text buffer: every output file is built in memory
 * first and written only once all of them were generated without error. */
#ifndef RS_BUF_H
#define RS_BUF_H

#include <stddef.h>

typedef struct {
    char *data;
    size_t len, cap;
    int failed;            /* an allocation failed; the buffer is incomplete */
} rs_buf;

void rs_buf_printf(rs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rs_buf_append(rs_buf *b, const char *data, size_t len);
void rs_buf_free(rs_buf *b);

#endif
