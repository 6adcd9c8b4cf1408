/* rs_json.h - a small JSON writer for the tools' machine-readable reports
 * (rsrun --json). Objects nest; keys are written in call order. */
#ifndef RS_JSON_H
#define RS_JSON_H

#include <stdint.h>
#include <stdio.h>

#define RS_JSON_DEPTH 8

typedef struct {
    FILE *f;
    int depth;
    int count[RS_JSON_DEPTH];   /* members written at each open level */
} rs_json;

void rs_json_begin(rs_json *j, FILE *f);            /* the outer { */
void rs_json_object(rs_json *j, const char *key);   /* "key": { */
void rs_json_end(rs_json *j);                       /* } of the innermost open object; a newline after the outer */
void rs_json_str(rs_json *j, const char *key, const char *value);
void rs_json_u64(rs_json *j, const char *key, uint64_t value);
void rs_json_int(rs_json *j, const char *key, long long value);
void rs_json_real(rs_json *j, const char *key, double value);   /* non-finite values as null */
void rs_json_bool(rs_json *j, const char *key, int value);

#endif
