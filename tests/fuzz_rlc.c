/* fuzz_rlc.c - libFuzzer target for rs_rlc_decode (make fuzz).
 *
 * Input: byte 0 picks dw (bit 0: 0 -> 16, 1 -> 8), bytes 1-2 (little-endian)
 * the element count n (mod 4097, so long zero runs and multi-word streams
 * are reachable), then the stream as little-endian 64-bit words (a trailing
 * partial word is dropped). The output buffer is exactly n elements, so
 * AddressSanitizer catches any write past out[n-1].
 *
 * Checked beyond "no crash, no UB": a rejected stream has a one-line
 * "rlc: " message; an accepted one re-encodes (canonically, in no more
 * words than the input) to a stream that decodes to the same values.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rs_rlc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t n, nw, cap, nw2;
    int dw;
    uint64_t *w, *w2;
    int32_t *out, *back;
    rs_error err;

    if (size < 3)
        return 0;
    dw = data[0] & 1 ? 8 : 16;
    n = ((size_t)data[1] | (size_t)data[2] << 8) % 4097;
    nw = (size - 3) / 8;
    w = malloc(nw ? nw * sizeof *w : 1);
    out = malloc(n * sizeof *out); /* exactly n: ASan guards the end */
    if (!w || !out)
        abort();
    for (size_t i = 0; i < nw; i++) {
        uint64_t x = 0;
        for (int b = 7; b >= 0; b--)
            x = x << 8 | data[3 + 8 * i + (size_t)b];
        w[i] = x;
    }

    memset(err.msg, 0, sizeof err.msg);
    if (rs_rlc_decode(w, nw, n, dw, out, &err) != 0) {
        if (strncmp(err.msg, "rlc: ", 5) != 0 || strchr(err.msg, '\n'))
            abort();
    } else {
        cap = rs_rlc_max_words(n);
        w2 = malloc(cap * sizeof *w2);
        back = malloc(n * sizeof *back);
        if (!w2 || !back)
            abort();
        if (rs_rlc_encode(out, n, dw, w2, cap, &nw2, &err) != 0)
            abort(); /* every decoded value fits dw */
        if (nw2 > nw)
            abort(); /* the canonical encoding is the shortest */
        if (rs_rlc_decode(w2, nw2, n, dw, back, &err) != 0)
            abort();
        if (n && memcmp(out, back, n * sizeof *out) != 0)
            abort();
        free(w2);
        free(back);
    }
    free(w);
    free(out);
    return 0;
}
