/* rsperf_fit - fit the cycle model's constants (rs_perf_params) to measured
 * cycle counters.
 *
 * Reads the logs `make regress` writes (each starts with "cmd: <rsrun ...>"
 * and, for a run with --explain --run, holds "measured <cycles> ..."),
 * re-maps every layer and fits the constants by coordinate descent on the
 * weighted mean |ln(measured / expected)|. Prints the error before and after and the
 * fitted constants as a C initializer for rs_perf.c. It changes nothing
 * itself: the constants in rs_perf.c are the record of a calibration. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rs_manifest.h"
#include "rs_mapper.h"
#include "rs_perf.h"
#include "rs_shape.h"

typedef struct {
    rs_hw hw;
    rs_shape s;
    rs_mapping m;
    int bias;
    double zeros;   /* --zeros of the run (0 when absent) */
    double measured;
} sample;

/* Layers of half a million cycles and more weigh 20 times: the few full-size
 * layers are what the model is read for, the many small random ones keep it
 * honest on every mapping. */
static double weight(const sample *x) { return x->measured >= 5e5 ? 20.0 : 1.0; }

static double score(const rs_perf_params *k, const sample *v, size_t n, double *worst)
{
    double sum = 0.0, wsum = 0.0;
    *worst = 0.0;
    for (size_t i = 0; i < n; i++) {
        rs_perf p;
        rs_perf_estimate_with(k, &v[i].hw, &v[i].s, &v[i].m, v[i].bias, v[i].zeros, &p);
        double e = fabs(log(v[i].measured / (double)(p.cycles ? p.cycles : 1)));
        sum += weight(&v[i]) * e;
        wsum += weight(&v[i]);
        if (e > *worst)
            *worst = e;
    }
    return wsum > 0 ? sum / wsum : 0.0;
}

/* the value after `opt ` in a command line */
static int option(const char *cmd, const char *opt, char *out, size_t len)
{
    const char *at = strstr(cmd, opt);
    if (!at)
        return -1;
    at += strlen(opt);
    while (*at == ' ')
        at++;
    size_t k = strcspn(at, " \n");
    if (k >= len)
        return -1;
    memcpy(out, at, k);
    out[k] = '\0';
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2 || !strcmp(argv[1], "--help")) {
        fprintf(argc == 2 ? stdout : stderr, "usage: rsperf_fit LOGDIR  (the logs of make regress)\n");
        return argc == 2 ? 0 : 2;
    }
    DIR *d = opendir(argv[1]);
    if (!d) {
        fprintf(stderr, "rsperf_fit: %s: cannot open\n", argv[1]);
        return 2;
    }
    sample *v = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".log"))
            continue;
        char path[4096], line[2048], cmd[2048] = "", cfg[1024], shape[512], zeros[64];
        snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        double measured = 0;
        while (fgets(line, sizeof line, f)) {
            if (!strncmp(line, "cmd: ", 5))
                snprintf(cmd, sizeof cmd, "%s", line + 5);
            else if (!strncmp(line, "measured ", 9))
                measured = strtod(line + 9, NULL);
        }
        fclose(f);
        rs_error err;
        sample x;
        if (measured <= 0 || option(cmd, "--config", cfg, sizeof cfg) || option(cmd, "--shape", shape, sizeof shape) ||
            rs_manifest_hw(cfg, &x.hw, &err))
            continue;
        x.hw.rlc = strstr(cmd, "--no-rlc") == NULL;   /* as rsrun plans it */
        x.zeros = option(cmd, "--zeros", zeros, sizeof zeros) ? 0.0 : strtod(zeros, NULL);
        if (rs_shape_parse(shape, &x.s, &err) || rs_map_layer(&x.hw, &x.s, x.zeros, &x.m, &err))
            continue;
        x.bias = strstr(cmd, "--random-bias") || strstr(cmd, "--bias ");
        x.measured = measured;
        if (n == cap) {
            cap = cap ? 2 * cap : 256;
            sample *p = realloc(v, cap * sizeof *p);
            if (!p)
                return 1;
            v = p;
        }
        v[n++] = x;
    }
    closedir(d);
    if (!n) {
        fprintf(stderr, "rsperf_fit: %s: no log with a cmd and a measured line\n", argv[1]);
        return 1;
    }

    rs_perf_params k = rs_perf_calibrated;
    double *field[] = { &k.pe_restart, &k.ship, &k.chain, &k.id_write, &k.pass_start, &k.sweep_start, &k.sweep_pe,
                        &k.fill, &k.tail, &k.bus, &k.int_gain, &k.int_width, &k.zs_spread,
                        &k.bank_wait };
    const char *names[] = { "pe_restart", "ship", "chain", "id_write", "pass_start", "sweep_start", "sweep_pe",
                            "fill", "tail", "bus", "int_gain", "int_width", "zs_spread",
                            "bank_wait" };
    const int nf = (int)(sizeof field / sizeof field[0]);
    double worst, best = score(&k, v, n, &worst);
    printf("rsperf_fit: %zu layers; now: weighted mean |ln error| %.4f (about %.1f%%), worst %.1f%%\n", n, best,
           100.0 * (exp(best) - 1), 100.0 * (exp(worst) - 1));
    for (int round = 0; round < 60; round++) {
        int improved = 0;
        for (int i = 0; i < nf; i++) {
            double step = fabs(*field[i]) * 0.25 + 0.05;
            for (int tries = 0; tries < 12; tries++) {
                double old = *field[i], w;
                *field[i] = old + step;
                if (*field[i] >= 0 && score(&k, v, n, &w) < best - 1e-9) {
                    best = score(&k, v, n, &worst);
                    improved = 1;
                    continue;
                }
                *field[i] = old - step;
                if (*field[i] >= 0 && score(&k, v, n, &w) < best - 1e-9) {
                    best = score(&k, v, n, &worst);
                    improved = 1;
                    continue;
                }
                *field[i] = old;
                step /= 2;
            }
        }
        if (!improved)
            break;
    }
    printf("rsperf_fit: fitted: weighted mean |ln error| %.4f (about %.1f%%), worst %.1f%%\n", best,
           100.0 * (exp(best) - 1), 100.0 * (exp(worst) - 1));
    printf("const rs_perf_params rs_perf_calibrated = {\n   ");
    for (int i = 0; i < nf; i++)
        printf(" .%s = %.4g,", names[i], *field[i]);
    printf("\n};\n");
    free(v);
    return 0;
}
