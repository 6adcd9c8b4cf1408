/* test_netlist.c - the gates Yosys makes of a board configuration run layers
 * bit-exact and in the same cycles as the RTL: rsrun on the netlist model of
 * CFG_gates (an iCEBreaker configuration synthesized with synth_ice40,
 * Verilated with Yosys's iCE40 cell models; sim/netlist/) and on its RTL
 * model. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include "test_util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RSRUN RS_BUILD "/bin/rsrun"

/* rsrun's cycle count of one layer on a model; the run must pass */
static unsigned long long run_layer(const char *config, const char *args)
{
    char cmd[2048], out[16384];
    snprintf(cmd, sizeof cmd, "%s --config %s/gen/%s %s", RSRUN, RS_BUILD, config, args);
    int st = run_cmd(cmd, out, sizeof out);
    cr_assert_eq(st, 0, "%s: exit %d:\n%s", cmd, st, out);
    cr_assert(strstr(out, "PASS") != NULL, "%s: no PASS:\n%s", cmd, out);
    const char *c = strstr(out, "\ncycles ");
    cr_assert_not_null(c, "%s: no cycles line:\n%s", cmd, out);
    return strtoull(c + strcspn(c, "0123456789"), NULL, 10);
}

static const char *const layers[] = {
    "--shape N=1,C=3,M=4,H=9,W=9,R=3,S=3,U=1,pad=1 --seed 3 --zeros 0.4 --relu",
    "--shape N=2,C=4,M=6,H=8,W=7,R=2,S=3,U=2,pad=0,G=2 --seed 7 --random-bias --threshold 3",
};

Test(netlist, gates_run_bit_exact_in_the_rtls_cycles, .timeout = 900)
{
    for (size_t i = 0; i < sizeof layers / sizeof layers[0]; i++) {
        unsigned long long rtl = run_layer("gates", layers[i]);
        unsigned long long gates = run_layer("gates/netlist", layers[i]);
        cr_expect_eq(gates, rtl, "%s: %llu cycles on the gates, %llu on the RTL", layers[i], gates, rtl);
    }
}
