/* rsnet_report.c - rsnet's printout and its --csv table. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rs_energy.h"
#include "rsnet_report.h"

#define CLOCK_HZ 200e6   /* Eyeriss's core clock: the images/s figure */

void report_add_stats(rs_run_stats *sum, const rs_run_stats *st)
{
    sum->cycles += st->cycles;
    sum->macs += st->macs;
    sum->gated += st->gated;
    sum->pe_cycles += st->pe_cycles;
    sum->cmd_words += st->cmd_words;
    sum->res_words += st->res_words;
    sum->dram_rd += st->dram_rd;
    sum->dram_wr += st->dram_wr;
    sum->glb_rd += st->glb_rd;
    sum->glb_wr += st->glb_wr;
    sum->noc_flt += st->noc_flt;
    sum->noc_ifm += st->noc_ifm;
    sum->noc_psm += st->noc_psm;
    sum->stalls += st->stalls;
    sum->ifmap_raw_words += st->ifmap_raw_words;
    sum->ifmap_words += st->ifmap_words;
    sum->ifmap_glb_words += st->ifmap_glb_words;
    sum->ifmap_ahead_words += st->ifmap_ahead_words;
    sum->filter_words += st->filter_words;
    sum->psum_words += st->psum_words;
    sum->out_words += st->out_words;
    sum->out_raw_words += st->out_raw_words;
    sum->stream_words += st->stream_words;
    sum->flt_skip += st->flt_skip;
    sum->zskip += st->zskip;
    sum->op_loads += st->op_loads;
    sum->psum_wr += st->psum_wr;
    sum->passes += st->passes;
    sum->sim_seconds += st->sim_seconds;
}

int report_check_path(const char *path, rs_error *err)
{
    char dir[PATH_MAX];
    struct stat st;
    if (!*path)
        return rs_error_set(err, "--csv: an empty path");
    if (!stat(path, &st) && S_ISDIR(st.st_mode))
        return rs_error_set(err, "--csv: %.200s is a folder (give a file name)", path);
    snprintf(dir, sizeof dir, "%s", path);
    const char *parent = dirname(dir);
    if (stat(parent, &st) || !S_ISDIR(st.st_mode) || access(parent, W_OK))
        return rs_error_set(err, "--csv: %.200s: the folder %.200s does not exist or is not writable", path, parent);
    return 0;
}

static const char *kind_text(const rs_node *nd)
{
    static const char *const names[] = { "accelerator", "host", "host", "host", "host (no data moved)", "host",
                                         "host", "host (float)" };
    return names[nd->kind];
}

void report_model(const char *path, const rs_net *net, const rs_hw *hw, const char *config)
{
    char d[64];
    int convs = 0;
    for (int k = 0; k < net->n_nodes; k++)
        convs += net->nodes[k].kind == RS_NODE_CONV;
    printf("model    %s: %d nodes after lowering, %d on the accelerator; input '%s' %s per image, output '%s' %s\n",
           path, net->n_nodes, convs, net->values[net->inputs[0]].name,
           rs_dims_format(&net->values[net->inputs[0]].dims, d, sizeof d), net->values[net->output].name,
           rs_dims_format(&net->values[net->output].dims, d + 32, 32));
    for (int k = 0; k < net->n_nodes; k++) {
        const rs_node *nd = &net->nodes[k];
        rs_dims_format(&net->values[nd->out].dims, d, sizeof d);
        if (nd->kind == RS_NODE_CONV)
            printf("  %-16s %-8s C=%d M=%d R=%d S=%d U=%d pad=%d G=%d%s%s -> %s  %s\n", nd->name, nd->op, nd->C, nd->M,
                   nd->R, nd->S, nd->U, nd->pad, nd->G, nd->b ? ", bias" : "", nd->relu ? ", ReLU fused" : "", d,
                   kind_text(nd));
        else
            printf("  %-16s %-8s -> %s  %s\n", nd->name, nd->op, d, kind_text(nd));
    }
    printf("config   %s: %dx%d PEs, dw=%d pw=%d\n", config, hw->rows, hw->cols, hw->dw, hw->pw);
    fflush(stdout);
}

void report_quant(const rs_net *net, const rs_qnet *qn, int64_t calib, int random)
{
    printf("quant    power-of-two scales from %lld %s; frac bits (x = q * 2^-frac) per layer, 16-bit / 8-bit:\n",
           (long long)calib, random ? "random images" : "calibration images");
    for (int k = 0; k < net->n_nodes; k++) {
        const rs_node *nd = &net->nodes[k];
        if (nd->kind != RS_NODE_CONV)
            continue;
        printf("  %-16s in %d/%d, weights %d/%d, out %d/%d, requant shift %d/%d%s\n", nd->name,
               qn[0].frac[nd->in[0]], qn[1].frac[nd->in[0]], qn[0].wfrac[k], qn[1].wfrac[k], qn[0].frac[nd->out],
               qn[1].frac[nd->out], qn[0].quant[k].shift, qn[1].quant[k].shift, nd->relu ? ", ReLU on the chip" : "");
    }
    fflush(stdout);
}

/* the last `width` characters of a node's name (ONNX names from exporters are paths) */
static const char *tail(const char *name, size_t width)
{
    size_t n = strlen(name);
    return n > width ? name + n - width : name;
}

static double pct(double a, double b)
{
    return b > 0 ? 100.0 * a / b : 0.0;
}

static int write_csv(const char *path, const rs_net *net, const rs_hw *hw, const hw_run *hr, rs_error *err)
{
    char tmp[PATH_MAX + 32];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f)
        return rs_error_set(err, "--csv: %.200s: %s", tmp, strerror(errno));
    fprintf(f, "layer,op,N,C,M,H,W,R,S,U,pad,G,shift,relu,cycles,pe_util,dram_read_bytes,dram_write_bytes,"
               "ifmap_zero_share,energy,outputs,mismatches\n");
    for (int k = 0; k < net->n_nodes; k++) {
        const layer_row *r = &hr->rows[k];
        const rs_shape *s = &r->shape;
        rs_energy e, dense;
        if (!r->used)
            continue;
        rs_energy_estimate(&r->stats, &e, &dense);
        fprintf(f, "%s,%s,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%llu,%.4f,%llu,%llu,%.4f,%.6g,%llu,%llu\n",
                net->nodes[k].name, net->nodes[k].op, s->N, s->C, s->M, s->H, s->W, s->R, s->S, s->U, s->pad, s->G,
                r->quant.shift, r->quant.relu, (unsigned long long)r->stats.cycles,
                (double)r->macs / ((double)r->stats.cycles * hw->rows * hw->cols),
                (unsigned long long)r->stats.dram_rd, (unsigned long long)r->stats.dram_wr,
                (double)r->ifmap_zeros / (double)r->ifmap_values, e.total, (unsigned long long)r->compared,
                (unsigned long long)r->mismatches);
    }
    int bad = ferror(f);
    if (fclose(f) || bad || rename(tmp, path)) {
        rs_error_set(err, "--csv: %.200s: %s", path, strerror(errno ? errno : EIO));
        remove(tmp);
        return -1;
    }
    return 0;
}

static int print_layers(const rs_net *net, const rs_hw *hw, const char *config, const hw_run *hr)
{
    uint64_t cycles = 0, dram = 0, compared = 0, mism = 0, macs = 0;
    double energy = 0;
    int B = 0;
    for (int k = 0; k < net->n_nodes && !B; k++)
        B = hr->rows[k].used ? hr->rows[k].shape.N : 0;
    printf("\naccelerator  %s (%dx%d PEs, dw=%d): %ld images in %ld run%s of each layer (batch N=%d), %.1f s simulated\n",
           config, hw->rows, hw->cols, hw->dw, hr->images, hr->batches, hr->batches == 1 ? "" : "s", B, hr->seconds);
    printf("  %-20s %-5s %-26s %11s %9s %6s %11s %5s %7s %10s  %s\n", "layer", "op", "C->M HxW RxS/U pad G", "cycles",
           "cyc/image", "util", "DRAM bytes", "B/cyc", "ifm 0s", "energy", "check");
    for (int k = 0; k < net->n_nodes; k++) {
        const layer_row *r = &hr->rows[k];
        const rs_shape *s = &r->shape;
        char shape[64], check[48];
        rs_energy e, dense;
        if (!r->used)
            continue;
        rs_energy_estimate(&r->stats, &e, &dense);
        snprintf(shape, sizeof shape, "%d->%d %dx%d %dx%d/%d p%d g%d", s->C, s->M, s->H, s->W, s->R, s->S, s->U, s->pad,
                 s->G);
        snprintf(check, sizeof check, r->mismatches ? "FAIL %llu differ" : "bit-exact",
                 (unsigned long long)r->mismatches);
        double bytes = (double)(r->stats.dram_rd + r->stats.dram_wr);
        printf("  %-20s %-5s %-26s %11llu %9.0f %5.1f%% %11.0f %5.2f %6.1f%% %10.4g  %s\n", tail(net->nodes[k].name, 20),
               net->nodes[k].op, shape, (unsigned long long)r->stats.cycles, (double)r->stats.cycles / (double)hr->images,
               pct((double)r->macs, (double)r->stats.cycles * hw->rows * hw->cols), bytes,
               bytes / (double)r->stats.cycles, pct((double)r->ifmap_zeros, (double)r->ifmap_values), e.total, check);
        cycles += r->stats.cycles;
        dram += r->stats.dram_rd + r->stats.dram_wr;
        compared += r->compared;
        mism += r->mismatches;
        macs += r->macs;
        energy += e.total;
    }
    double per = (double)cycles / (double)hr->images;
    printf("  %-20s %-5s %-26s %11llu %9.0f %5.1f%% %11llu %5.2f %7s %10.4g  %s\n", "total", "", "",
           (unsigned long long)cycles, per, pct((double)macs, (double)cycles * hw->rows * hw->cols),
           (unsigned long long)dram, (double)dram / (double)(cycles ? cycles : 1), "", energy, mism ? "FAIL" : "bit-exact");
    printf("speed    %.0f cycles per image: %.1f images/s at 200 MHz (layers on the array only; host operators not "
           "counted); DRAM %.0f bytes per image; energy %.4g per image (normalized, MAC = 1)\n",
           per, per > 0 ? CLOCK_HZ / per : 0.0, (double)dram / (double)hr->images, energy / (double)hr->images);
    printf("check    %s: %llu of %llu accelerator outputs equal to the golden reference\n", mism ? "FAIL" : "PASS",
           (unsigned long long)(compared - mism), (unsigned long long)compared);
    return mism ? 1 : 0;
}

int report_results(const char *csv, const rs_net *net, const rs_hw *hw, const char *config, int64_t count,
                   const long *hits, const long *agree, double host_seconds, const hw_run *hr, rs_error *err)
{
    int rc = 0;
    if (count > 0) {
        double f = pct((double)hits[0], (double)count), a16 = pct((double)hits[1], (double)count),
               a8 = pct((double)hits[2], (double)count);
        printf("\naccuracy host references in C on %lld test images (%.1f s): top-1 float %.2f%%, 16-bit %.2f%% "
               "(%+.2f points), 8-bit %.2f%% (%+.2f points)\n",
               (long long)count, host_seconds, f, a16, a16 - f, a8, a8 - f);
        printf("         same top-1 class as float: 16-bit %.2f%%, 8-bit %.2f%% of the images\n",
               pct((double)agree[0], (double)count), pct((double)agree[1], (double)count));
    }
    if (hr) {
        rc = print_layers(net, hw, config, hr);
        if (count > 0)
            printf("accuracy accelerator (%d-bit, the first %ld test images): top-1 %.2f%%\n", hw->dw, hr->images,
                   pct((double)hr->hits, (double)hr->images));
        if (csv && write_csv(csv, net, hw, hr, err))
            return -1;
    }
    fflush(stdout);
    return rc;
}
