/* rs_paths.c - the project's files beside an installed tool (see rs_paths.h). */
#include "rs_paths.h"

#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *rs_data_dir(const char *what, const char *build_tree_dir, char *buf, size_t len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    struct stat st;
    if (n > 0) {
        exe[n] = '\0';
        snprintf(buf, len, "%s/../share/rsgen/%s", dirname(exe), what);
        if (!stat(buf, &st) && S_ISDIR(st.st_mode))
            return buf;
    }
    snprintf(buf, len, "%s", build_tree_dir);
    return buf;
}
