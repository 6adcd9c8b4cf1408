// rs_bare_main: clock rs_bare_array for CYCLES cycles and print how many
// simulated cycles a second that took (the same measure as rsrun's `speed`).
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "Vrs_bare_array.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: rs_bare CYCLES\n");
        return 2;
    }
    char *end = nullptr;
    long cycles = std::strtol(argv[1], &end, 10);
    if (end == argv[1] || *end != '\0' || cycles < 1) {
        std::fprintf(stderr, "rs_bare: CYCLES=%s: must be a whole number from 1\n", argv[1]);
        return 2;
    }
    Vrs_bare_array top;
    top.rst_n = 0;
    top.clk = 0;
    top.eval();
    top.clk = 1;
    top.eval();
    top.rst_n = 1;
    unsigned check = 0;
    auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < cycles; i++) {
        top.wdata = (unsigned)(i * 2654435761u) >> 16;   // a different pattern every cycle
        top.clk = 0;
        top.eval();
        top.clk = 1;
        top.eval();
        check += top.sum;
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%.0f simulated cycles/s (%.2f s for %ld cycles, check %08x)\n", cycles / s, s, cycles, check);
    return 0;
}
