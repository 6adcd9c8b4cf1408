/* test_bench.c - rsbench on a reference of two small layers: the chip's
 * figures come per layer or only in the TOTAL row (as for VGG-16), the
 * tables say "-" where there is none, and the DRAM floor is every tensor
 * once; bad networks and malformed references are refused. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include "test_util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RSBENCH RS_BUILD "/bin/rsbench --config " RS_BUILD "/gen/small"

static const char header[] =
    "layer,H,W,R,S,P,Q,C,M,U,G,macs,eyeriss_power_mw,eyeriss_latency_ms,eyeriss_processing_ms,"
    "eyeriss_active_pes,eyeriss_ifmap_zeros_pct,eyeriss_glb_mb,eyeriss_dram_mb\n";

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s", path);
    fputs(text, f);
    fclose(f);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "%s", path);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* the CSV's row of `layer` in the table that starts with `columns` */
static const char *csv_row(const char *csv, const char *columns, const char *layer)
{
    const char *table = strstr(csv, columns);
    cr_assert_not_null(table, "no table %s", columns);
    char key[64];
    snprintf(key, sizeof key, "\n%s,", layer);
    const char *row = strstr(table, key);
    cr_assert_not_null(row, "no row %s", layer);
    return row + 1;
}

/* field k (0 = the layer's name) of a CSV row */
static double csv_field(const char *row, int k)
{
    for (int i = 0; i < k; i++) {
        row = strchr(row, ',');
        cr_assert_not_null(row);
        row++;
    }
    return atof(row);
}

Test(rsbench, totals_only_reference_and_the_floor, .timeout = 300)
{
    char dir[] = "/tmp/rsbench_XXXXXX", ref[300], base[300], cmd[1200], out[16384];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(ref, sizeof ref, "%s/ref.csv", dir);
    snprintf(base, sizeof base, "%s/out", dir);
    char text[2048];
    /* two layers without the chip's figures; the TOTAL row has them */
    snprintf(text, sizeof text,
             "# a made-up network\n%s"
             "CONVa,16,16,3,3,14,14,16,16,1,1,0,,,,,,,\n"
             "CONVb,9,9,3,3,4,4,8,12,2,1,0,,,,,,,\n"
             "TOTAL,,,,,,,,,,,0,100,12.5,10.0,150,40.0,,2.0\n", header);
    write_file(ref, text);
    snprintf(cmd, sizeof cmd, RSBENCH " --reference %s --batch 2 --out %s", ref, base);
    cr_assert_eq(run_cmd(cmd, out, sizeof out), 0, "%s", out);
    cr_expect(strstr(out, "CONVa: ") && strstr(out, "bit-exact"), "%s", out);

    char path[320];
    snprintf(path, sizeof path, "%s.md", base);
    const char *md = read_file(path);
    /* a layer without the chip's figures shows "-", the total the TOTAL row's */
    cr_expect(strstr(md, "| CONVa |") && strstr(md, "| - |"), "%s", md);
    cr_expect(strstr(md, "| TOTAL |") && strstr(md, "| 10.00 |"), "%s", md);
    /* the first layer's ifmap has no zeros, the next the network's share */
    snprintf(path, sizeof path, "%s.csv", base);
    const char *csv = read_file(path);
    cr_expect_lt(csv_field(csv_row(csv, "layer,ifmap_zeros_pct", "CONVa"), 1), 1.0);
    cr_expect_gt(csv_field(csv_row(csv, "layer,ifmap_zeros_pct", "CONVb"), 1), 30.0);

    /* floor raw per image, CONVa: 16x16x3x3 16-bit weights, 16 32-bit biases,
     * a 16x16x16 ifmap and a 16x14x14 output of 16-bit values */
    const char *kind = "layer,filter_mb_per_image";
    double floor_raw = (16 * 16 * 9 * 2 + 16 * 4) / 2.0 + 16 * 16 * 16 * 2 + 16 * 14 * 14 * 2;
    cr_expect_float_eq(csv_field(csv_row(csv, kind, "CONVa"), 7), floor_raw / 1e6, 1e-4);
    double total = csv_field(csv_row(csv, kind, "CONVa"), 6), floor_rlc = csv_field(csv_row(csv, kind, "CONVa"), 8);
    cr_expect(floor_rlc > 0 && floor_rlc <= floor_raw / 1e6 + 1e-4 && total >= floor_rlc, "%s", csv);
    cr_expect_float_eq(csv_field(csv_row(csv, kind, "TOTAL"), 9), 0.5, 1e-4, "Eyeriss's 2.0 MB at its batch of 4");

    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}

Test(rsbench, bad_input)
{
    char out[4096], dir[] = "/tmp/rsbench_XXXXXX", ref[300], cmd[1200];
    cr_assert_eq(run_cmd(RSBENCH " --network resnet", out, sizeof out), 2, "%s", out);
    cr_expect(strstr(out, "'resnet'") && strstr(out, "alexnet, vgg16"), "%s", out);

    cr_assert_not_null(mkdtemp(dir));
    snprintf(ref, sizeof ref, "%s/ref.csv", dir);
    char text[2048];
    snprintf(text, sizeof text, "%sCONVa,16,16,3,3,14,14,16,16,1,1,0,,,twelve,,,,\n", header);
    write_file(ref, text);
    snprintf(cmd, sizeof cmd, RSBENCH " --reference %s --out %s/out", ref, dir);
    cr_expect_eq(run_cmd(cmd, out, sizeof out), 2, "%s", out);
    cr_expect(strstr(out, "cannot parse the row 'CONVa"), "%s", out);
    snprintf(cmd, sizeof cmd, "test ! -e %s/out.csv && rm -rf %s", dir, dir);
    cr_expect_eq(system(cmd), 0, "a refused reference leaves no tables");
}
