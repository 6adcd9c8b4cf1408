/* fuzz_onnx.c - libFuzzer target for the ONNX loader (make fuzz): any bytes
 * through protobuf-c and rsnet's lowering. Beyond "no crash, no UB": a
 * loaded network has an input, an output and shapes that re-infer; an error
 * is one line. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rs_onnx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rs_net net;
    rs_error err;
    if (rs_onnx_load_buffer(data, size, "fuzz", NULL, 0, &net, &err) == 0) {
        if (net.n_inputs < 1 || net.output < 0 || net.output >= net.n_values || rs_net_infer(&net, &err))
            abort();
        rs_net_free(&net);
    } else if (strncmp(err.msg, "fuzz: ", 6) != 0 || strchr(err.msg, '\n') != NULL) {
        abort();
    }
    return 0;
}
