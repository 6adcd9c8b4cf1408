/* test_util.h - helpers shared by the tests that drive the command-line tools. */
#ifndef RS_TEST_UTIL_H
#define RS_TEST_UTIL_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <sys/wait.h>

/* Run a shell command; returns its exit status, its output (stdout and
 * stderr) in out. */
static inline int run_cmd(const char *cmd, char *out, size_t len)
{
    char full[8192];
    snprintf(full, sizeof full, "%s 2>&1", cmd);
    FILE *p = popen(full, "r");
    cr_assert_not_null(p);
    size_t n = fread(out, 1, len - 1, p);
    out[n] = '\0';
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#endif
