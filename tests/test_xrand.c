/* test_xrand.c - nothing depends on what reset does not clear: layers on a
 * model built with Verilator's --x-assign unique --x-initial unique
 * (build_model.sh --x-random, CFG_xrand) give the same bits and the same
 * cycles for every seed of the random initial values (RS_MODEL_X_SEED). */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include "test_util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const layers[] = {
    "--shape N=1,C=5,M=9,H=11,W=11,R=3,S=3,U=1,pad=1 --seed 11 --zeros 0.5 --relu --random-bias",
    "--shape N=2,C=6,M=6,H=9,W=10,R=2,S=2,U=2,pad=0,G=3 --seed 12 --threshold 2",
    "--fc C=40,M=12,N=2 --seed 13 --zeros 0.3",
};

Test(xrand, random_initial_values_change_nothing, .timeout = 300)
{
    for (size_t i = 0; i < sizeof layers / sizeof layers[0]; i++) {
        char first[256] = "";
        for (int seed = 1; seed <= 3; seed++) {
            char cmd[2048], out[16384], npy[256];
            snprintf(npy, sizeof npy, "%s/tests/xrand_%zu_%d.npy", RS_BUILD, i, seed);
            snprintf(cmd, sizeof cmd, "RS_MODEL_X_SEED=%d %s/bin/rsrun --config %s/gen/xrand %s --out %s", seed,
                     RS_BUILD, RS_BUILD, layers[i], npy);
            int st = run_cmd(cmd, out, sizeof out);
            cr_assert_eq(st, 0, "%s: exit %d:\n%s", cmd, st, out);
            const char *c = strstr(out, "\ncycles ");
            cr_assert_not_null(c, "%s: no cycles line", cmd);
            char line[256];
            snprintf(line, sizeof line, "%.*s", (int)strcspn(c + 1, "\n"), c + 1);
            if (seed == 1)
                snprintf(first, sizeof first, "%s", line);
            else
                cr_expect_str_eq(line, first, "%s: seed %d: '%s', seed 1: '%s'", layers[i], seed, line, first);
            if (seed > 1) {
                snprintf(cmd, sizeof cmd, "cmp %s/tests/xrand_%zu_1.npy %s", RS_BUILD, i, npy);
                cr_expect_eq(run_cmd(cmd, out, sizeof out), 0, "seed %d wrote other outputs: %s", seed, out);
            }
        }
    }
}
