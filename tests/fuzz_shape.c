/* fuzz_shape.c - libFuzzer target for rs_shape_parse (make fuzz).
 *
 * Beyond "no crash, no UB": a parsed shape passes rs_shape_check, its text
 * form parses back to the same shape, and an error is one "shape: " line. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rs_shape.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    rs_shape s, back;
    rs_error err;
    if (rs_shape_parse(text, &s, &err) == 0) {
        char canon[256];
        if (rs_shape_check(&s, &err) != 0 || rs_shape_format(&s, canon, sizeof canon) < 0 ||
            rs_shape_parse(canon, &back, &err) != 0 || memcmp(&s, &back, sizeof s) != 0)
            abort();
    } else if (strncmp(err.msg, "shape: ", 7) != 0 || strchr(err.msg, '\n') != NULL) {
        abort();
    }
    free(text);
    return 0;
}
