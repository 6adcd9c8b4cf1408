/* rs_transport.c - the Verilator-model transport: dlopen of a model library. */
#include "rs_transport.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rs_model.h"

typedef struct {
    void *lib;
    rs_model *model;
    void (*model_free)(rs_model *);
    uint32_t (*csr_read)(rs_model *, uint32_t);
    void (*csr_write)(rs_model *, uint32_t, uint32_t);
    int (*stream)(rs_model *, const uint64_t *, size_t, uint64_t *, size_t, size_t *, uint64_t);
    int (*mem_write)(rs_model *, uint64_t, const void *, size_t);
    int (*mem_read)(rs_model *, uint64_t, void *, size_t);
    int (*run)(rs_model *, uint64_t);
    void (*dram_config)(rs_model *, const rs_dram_config *);
} model_ctx;

static int model_mem_write(void *ctx, uint64_t addr, const void *data, size_t bytes)
{
    model_ctx *c = ctx;
    return c->mem_write(c->model, addr, data, bytes);
}

static int model_mem_read(void *ctx, uint64_t addr, void *data, size_t bytes)
{
    model_ctx *c = ctx;
    return c->mem_read(c->model, addr, data, bytes);
}

static int model_run(void *ctx, uint64_t max_cycles)
{
    model_ctx *c = ctx;
    return c->run(c->model, max_cycles);
}

static uint32_t model_csr_read(void *ctx, uint32_t addr)
{
    model_ctx *c = ctx;
    return c->csr_read(c->model, addr);
}

static void model_csr_write(void *ctx, uint32_t addr, uint32_t data)
{
    model_ctx *c = ctx;
    c->csr_write(c->model, addr, data);
}

static int model_exchange(void *ctx, const uint64_t *cmd, size_t n_cmd, uint64_t *res, size_t res_cap,
                          size_t *n_res, uint64_t max_cycles)
{
    model_ctx *c = ctx;
    return c->stream(c->model, cmd, n_cmd, res, res_cap, n_res, max_cycles);
}

static void model_close(void *ctx)
{
    model_ctx *c = ctx;
    if (c->model)
        c->model_free(c->model);
    if (c->lib)
        dlclose(c->lib);
    free(c);
}

static int is_stale(const char *lib, const char *src)
{
    struct stat sl, ss;
    if (stat(lib, &sl))
        return 1;
    return stat(src, &ss) == 0 && ss.st_mtime > sl.st_mtime;
}

int rs_transport_open_model(rs_transport *t, const char *gen_dir, const char *sim_dir, const char *fst_path,
                            rs_error *err)
{
    return rs_transport_open_model_window(t, gen_dir, sim_dir, fst_path, 0, UINT64_MAX, err);
}

int rs_transport_open_model_window(rs_transport *t, const char *gen_dir, const char *sim_dir, const char *fst_path,
                                   uint64_t from, uint64_t to, rs_error *err)
{
    char lib[PATH_MAX], src[PATH_MAX], cmd[3 * PATH_MAX];
    memset(t, 0, sizeof *t);
    snprintf(lib, sizeof lib, "%s/model/librs_model.so", gen_dir);
    snprintf(src, sizeof src, "%s/rs_top.v", gen_dir);
    struct stat st;
    if (stat(src, &st))
        return rs_error_set(err, "%s: not found (generate it with: rsgen --out %s)", src, gen_dir);
    if (is_stale(lib, src)) {
        snprintf(cmd, sizeof cmd, "sh '%s/build_model.sh' '%s' >&2", sim_dir, gen_dir);
        if (system(cmd) != 0)
            return rs_error_set(err, "%s: building the Verilator model failed", gen_dir);
    }

    model_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return rs_error_set(err, "out of memory");
    c->lib = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
    if (!c->lib) {
        rs_error_set(err, "%s: %s", lib, dlerror());
        free(c);
        return -1;
    }
    rs_model *(*model_new)(const char *, uint64_t, uint64_t) =
        (rs_model * (*)(const char *, uint64_t, uint64_t)) dlsym(c->lib, "rs_model_new_window");
    c->model_free = (void (*)(rs_model *))dlsym(c->lib, "rs_model_free");
    c->csr_read = (uint32_t(*)(rs_model *, uint32_t))dlsym(c->lib, "rs_model_csr_read");
    c->csr_write = (void (*)(rs_model *, uint32_t, uint32_t))dlsym(c->lib, "rs_model_csr_write");
    c->stream = (int (*)(rs_model *, const uint64_t *, size_t, uint64_t *, size_t, size_t *,
                         uint64_t))dlsym(c->lib, "rs_model_stream");
    c->mem_write = (int (*)(rs_model *, uint64_t, const void *, size_t))dlsym(c->lib, "rs_model_mem_write");
    c->mem_read = (int (*)(rs_model *, uint64_t, void *, size_t))dlsym(c->lib, "rs_model_mem_read");
    c->run = (int (*)(rs_model *, uint64_t))dlsym(c->lib, "rs_model_run");
    c->dram_config = (void (*)(rs_model *, const rs_dram_config *))dlsym(c->lib, "rs_model_dram_config");
    if (!model_new || !c->model_free || !c->csr_read || !c->csr_write || !c->stream || !c->mem_write ||
        !c->mem_read || !c->run || !c->dram_config) {
        model_close(c);
        return rs_error_set(err, "%s: not a model library of this version (rs_model_* symbols missing): "
                                 "remove %s/model and run again to rebuild it", lib, gen_dir);
    }
    c->model = model_new(fst_path, from, to);
    if (!c->model) {
        model_close(c);
        return rs_error_set(err, "%s: cannot start the model%s%s", lib, fst_path ? " or open " : "",
                            fst_path ? fst_path : "");
    }
    t->ctx = c;
    t->csr_read = model_csr_read;
    t->csr_write = model_csr_write;
    t->exchange = model_exchange;
    t->mem_write = model_mem_write;
    t->mem_read = model_mem_read;
    t->run = model_run;
    t->close = model_close;
    return 0;
}

int rs_transport_set_dram(rs_transport *t, const rs_dram_config *cfg, rs_error *err)
{
    if (t->close != model_close)
        return rs_error_set(err, "DRAM timing can only be set on a simulation model");
    if (cfg->bytes_per_cycle < 0.0 || !(cfg->stall >= 0.0 && cfg->stall < 1.0))
        return rs_error_set(err, "DRAM bandwidth %g must be >= 0 and stall %g in 0..1 (exclusive)",
                            cfg->bytes_per_cycle, cfg->stall);
    model_ctx *c = t->ctx;
    c->dram_config(c->model, cfg);
    return 0;
}

void rs_transport_close(rs_transport *t)
{
    if (t->close && t->ctx)
        t->close(t->ctx);
    memset(t, 0, sizeof *t);
}
