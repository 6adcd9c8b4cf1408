/* test_regress.c - the fast subset of `make regress`: the first seeded
 * random layers (three per test configuration) of the same list, run
 * through rsrun exactly as the regression runs them, each bit-exact. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include "test_util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LAYERS 18

/* line i of `rsregress --list` (default seed and budget, as make regress) */
static void layer_line(int i, char *name, int *status, char *cmd, size_t len)
{
    char list[65536];
    char gen[600];
    snprintf(gen, sizeof gen, "cd %s && %s/bin/rsregress --list --count %d --gen-dir %s/gen --rsrun %s/bin/rsrun",
             RS_ROOT, RS_BUILD, LAYERS, RS_BUILD, RS_BUILD);
    cr_assert_eq(run_cmd(gen, list, sizeof list), 0, "%s", list);
    char *line = strtok(list, "\n");
    for (int k = 0; k < i && line; k++)
        line = strtok(NULL, "\n");
    cr_assert_not_null(line, "rsregress listed fewer than %d layers", i + 1);
    char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    cr_assert(t1 && t2, "bad list line: %s", line);
    *t1 = '\0';
    snprintf(name, 64, "%s", line);
    *status = atoi(t1 + 1);
    snprintf(cmd, len, "%s", t2 + 1);
}

ParameterizedTestParameters(regress, seeded_layer)
{
    static int index[LAYERS];
    for (int i = 0; i < LAYERS; i++)
        index[i] = i;
    return cr_make_param_array(int, index, LAYERS);
}

ParameterizedTest(int *i, regress, seeded_layer, .timeout = 300)
{
    char name[64], cmd[1024], out[16384];
    int status;
    layer_line(*i, name, &status, cmd, sizeof cmd);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), status, "%s: %s\n%s", name, cmd, out);
    cr_expect(strstr(out, "check    PASS") != NULL, "%s: %s\n%s", name, cmd, out);
    cr_expect(strstr(out, "measured ") != NULL, "%s: no expected/measured line\n%s", name, out);
}

/* the same seed gives the same list; layer i does not depend on --count */
Test(regress, list_is_reproducible)
{
    static char a[65536], b[65536];
    char cmd[600];
    snprintf(cmd, sizeof cmd, "%s/bin/rsregress --list --count 8 --gen-dir %s/gen --seed 5", RS_BUILD, RS_BUILD);
    cr_assert_eq(run_cmd(cmd, a, sizeof a), 0, "%s", a);
    snprintf(cmd, sizeof cmd, "%s/bin/rsregress --list --count 4 --gen-dir %s/gen --seed 5", RS_BUILD, RS_BUILD);
    cr_assert_eq(run_cmd(cmd, b, sizeof b), 0, "%s", b);
    cr_expect(strlen(b) > 0 && !strncmp(a, b, strlen(b)), "the first 4 layers differ:\n%s\n---\n%s", a, b);
    snprintf(cmd, sizeof cmd, "%s/bin/rsregress --list --count 8 --gen-dir %s/gen --seed 6", RS_BUILD, RS_BUILD);
    cr_assert_eq(run_cmd(cmd, b, sizeof b), 0, "%s", b);
    cr_expect(strcmp(a, b) != 0, "seeds 5 and 6 gave the same layers");
}
