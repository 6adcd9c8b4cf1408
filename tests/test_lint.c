/* test_lint.c - the generated RTL is lint-clean under verilator -Wall and
 * passes yosys check -assert for every array size 1x1..16x16 (one test per
 * row count), both data widths, with and without zero-skip (the four
 * combinations alternate along the columns), and the default configuration
 * and extreme spad sizes in both PE kinds. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>

static int lint(const char *rsgen_args)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "sh %s/tests/lint_all.sh %s/bin/rsgen %s/lint-test '%s' >&2", RS_ROOT, RS_BUILD, RS_BUILD,
             rsgen_args);
    return system(cmd);
}

ParameterizedTestParameters(lint, rows)
{
    static int rows[16];
    for (int i = 0; i < 16; i++)
        rows[i] = i + 1;
    return cr_make_param_array(int, rows, 16);
}

ParameterizedTest(int *rows, lint, rows, .timeout = 900)
{
    char args[2048] = "";
    size_t used = 0;
    for (int c = 1; c <= 16; c++) {
        used += (size_t)snprintf(args + used, sizeof args - used, "%s--rows %d --cols %d --dw %d%s%s", c > 1 ? ";" : "",
                                 *rows, c, c % 2 ? 16 : 8, c % 4 >= 2 ? " --zero-skip" : "",
                                 c % 8 >= 4 ? " --psum-banks 1" : "");
    }
    cr_expect_eq(lint(args), 0, "lint failed for a %d-row array (see stderr)", *rows);
}

Test(lint, default_and_extremes, .timeout = 900)
{
    cr_expect_eq(lint(";--rows 32 --cols 32;--pw 16 --dw 8 --ifmap-spad 1 --filter-spad 1 --psum-spad 1;"
                      "--ifmap-spad 64 --filter-spad 4095 --psum-spad 64 --pw 32;--zero-skip;"
                      "--zero-skip --pw 16 --dw 8 --ifmap-spad 1 --filter-spad 1 --psum-spad 1;"
                      "--zero-skip --ifmap-spad 64 --filter-spad 4095 --psum-spad 64 --pw 32 --dw 8;"
                      "--psum-banks 1;--psum-banks 1 --zero-skip --psum-spad 1;--psum-banks 2 --psum-spad 64 --dw 8"), 0);
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
