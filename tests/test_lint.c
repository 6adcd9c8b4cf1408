/* test_lint.c - the generated RTL is lint-clean under verilator -Wall and
 * passes yosys check -assert on a sample of array shapes (both data widths,
 * with and without zero-skip, one or two psum banks), the default
 * configuration and extreme spad sizes in both PE kinds. `make lint` (part of
 * `make check-all`) sweeps every size 1x1..16x16. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

static int lint(const char *rsgen_args)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "sh %s/tests/lint_all.sh %s/bin/rsgen %s/lint-test '%s' >&2", RS_ROOT, RS_BUILD, RS_BUILD,
             rsgen_args);
    return system(cmd);
}

/* A sample of array shapes that covers the corners (one row, one column,
 * odd and even, square, the largest) with both data widths, zero-skip, one
 * psum bank and one PE lane; `make check-all` lints every size 1x1..16x16. */
Test(lint, array_shapes, .timeout = 900)
{
    cr_expect_eq(lint("--rows 1 --cols 1;--rows 1 --cols 16 --dw 8 --psum-banks 1;--rows 16 --cols 1 --zero-skip;"
                      "--rows 2 --cols 3 --dw 8 --zero-skip;--rows 3 --cols 5;--rows 5 --cols 2 --dw 8 --zero-skip "
                      "--psum-banks 1;--rows 7 --cols 9 --psum-banks 1;--rows 8 --cols 8 --dw 8;"
                      "--rows 16 --cols 16 --zero-skip;--rows 16 --cols 15 --dw 8 --psum-banks 1;"
                      "--rows 2 --cols 2 --pe-lanes 1 --zero-skip;--rows 4 --cols 3 --dw 8 --pe-lanes 1"), 0);
}

Test(lint, default_and_extremes, .timeout = 900)
{
    cr_expect_eq(lint(";--rows 32 --cols 32;--pw 16 --dw 8 --ifmap-spad 1 --filter-spad 1 --psum-spad 1;"
                      "--ifmap-spad 64 --filter-spad 4095 --psum-spad 64 --pw 32;--zero-skip;"
                      "--zero-skip --pw 16 --dw 8 --ifmap-spad 1 --filter-spad 1 --psum-spad 1;"
                      "--zero-skip --ifmap-spad 64 --filter-spad 4095 --psum-spad 64 --pw 32 --dw 8;"
                      "--psum-banks 1;--psum-banks 1 --zero-skip --psum-spad 1;--psum-banks 2 --psum-spad 64 --dw 8;"
                      "--pe-lanes 1 --pw 16 --dw 8 --ifmap-spad 1 --filter-spad 1 --psum-spad 1;"
                      "--pe-lanes 1 --zero-skip --ifmap-spad 64 --filter-spad 4095 --psum-spad 64"), 0);
}

/* Simulation speed rests on every PE of the array running one shared copy of
 * rs_pe's code (docs/architecture.md, "Host side"): a Verilog function or a per-PE
 * input Verilator substitutes gives each of the 168 PEs its own copy again
 * (903 PE functions, twice the simulation time). The default model has a few
 * dozen PE functions; one per PE or more means the sharing broke. */
Test(lint, pe_code_is_shared_by_all_pes)
{
    char cmd[1024], line[64] = "";
    snprintf(cmd, sizeof cmd, "nm %s/gen/default/model/librs_model.so | grep -c 'rs_pe.*_sequent'", RS_BUILD);
    FILE *p = popen(cmd, "r");
    cr_assert(p != NULL, "cannot run nm");
    cr_assert(fgets(line, sizeof line, p) != NULL, "no output from: %s", cmd);
    pclose(p);
    int functions = atoi(line);
    cr_expect(functions > 0, "no PE functions found in the default model (%s)", cmd);
    cr_expect(functions < 12 * 14, "%d PE functions in the default model: the 168 PEs no longer share their code",
              functions);
}
