/* emit_c.c - the C side of the generated outputs: headers and manifest. */
#include <inttypes.h>
#include <string.h>

#include "rs_emit.h"
#include "rs_protocol.h"

void rs_emit_protocol_h(rs_buf *b)
{
    rs_emit_banner(b, "/*", NULL);
    rs_buf_printf(b, " * Command-stream words and CSR map; identical for every configuration. */\n"
                     "#ifndef RS_PROTOCOL_H\n#define RS_PROTOCOL_H\n\n");
    for (int i = 0; i < rs_constant_count; i++)
        rs_buf_printf(b, "#define RS_%-22s %d  /* %s */\n", rs_constants[i].name, rs_constants[i].value,
                      rs_constants[i].doc);
    rs_buf_printf(b, "\n/* field positions: RS_F_<WORD>_<FIELD>_LSB and _WIDTH */\n");
    for (int i = 0; i < rs_field_count; i++) {
        const rs_field *f = &rs_fields[i];
        rs_buf_printf(b, "#define RS_F_%s_%s_LSB %d\n#define RS_F_%s_%s_WIDTH %d  /* %s */\n",
                      f->word, f->name, f->lsb, f->word, f->name, f->width, f->doc);
    }
    rs_buf_printf(b, "\n/* CSR byte offsets */\n");
    for (int i = 0; i < rs_csr_count; i++)
        rs_buf_printf(b, "#define RS_CSR_%-14s 0x%03" PRIx32 "u\n", rs_csrs[i].name, rs_csrs[i].offset);
    rs_buf_printf(b, "\n/* the generator's range of every configuration value (manifest keys) */\n");
    for (int i = 0; i < rs_config_option_count; i++) {
        char key[32];
        int k = 0;
        for (const char *p = rs_config_options[i].name; *p && k < 31; p++)
            key[k++] = *p == '-' ? '_' : (char)(*p - ('a' <= *p && *p <= 'z' ? 32 : 0));
        key[k] = '\0';
        rs_buf_printf(b, "#define RS_CFG_%s_MIN %d\n#define RS_CFG_%s_MAX %d\n", key, rs_config_options[i].min, key,
                      rs_config_options[i].max);
    }
    rs_buf_printf(b, "\n#define RS_CSR_MAGIC_VALUE 0x52534559u\n"
                     "/* VERSION of hardware that speaks this protocol (generator %s) */\n"
                     "#define RS_CSR_VERSION_VALUE 0x%06xu\n\n", RS_GEN_VERSION, rs_version_word());
    rs_buf_printf(b, "/* name and meaning of a STATUS error code, for messages */\n"
                     "static inline const char *rs_err_text(unsigned code)\n{\n    switch (code) {\n");
    for (int i = 0; i < rs_constant_count; i++)
        if (strncmp(rs_constants[i].name, "ERR_", 4) == 0)
            rs_buf_printf(b, "    case %d: return \"%s: %s\";\n", rs_constants[i].value, rs_constants[i].name,
                          rs_constants[i].doc);
    rs_buf_printf(b, "    default: return \"unknown error code\";\n    }\n}\n\n#endif\n");
}

void rs_emit_params_h(rs_buf *b, const rs_config *cfg)
{
    rs_emit_banner(b, "/*", cfg);
    rs_buf_printf(b, " * Sizes of this configuration, for the driver and the simulation shim. */\n"
                     "#ifndef RS_PARAMS_H\n#define RS_PARAMS_H\n\n"
                     "#include \"rs_protocol.h\"\n\n"
                     "#define RS_GEN_VERSION \"%s\"\n"
                     "#define RS_CONFIG_HASH 0x%08" PRIx32 "u\n",
                  RS_GEN_VERSION, rs_config_hash(cfg));
    rs_buf_printf(b, "#define RS_ROWS %d\n#define RS_COLS %d\n#define RS_DW %d\n#define RS_PW %d\n"
                     "#define RS_IFMAP_SPAD %d\n#define RS_FILTER_SPAD %d\n#define RS_PSUM_SPAD %d\n#define RS_PSUM_BANKS %d\n"
                     "#define RS_GLB_BYTES %d\n#define RS_GLB_BANK_BYTES %d\n#define RS_ZERO_SKIP %d\n#define RS_PE_LANES %d\n"
                     "#define RS_PSUM_LANES %d\n\n#endif\n",
                  cfg->rows, cfg->cols, cfg->dw, cfg->pw, cfg->ifmap_spad, cfg->filter_spad,
                  cfg->psum_spad, cfg->psum_banks, cfg->glb_kb * 1024, cfg->glb_bank_kb * 1024, cfg->zero_skip,
                  cfg->pe_lanes, cfg->psum_lanes);
}

void rs_emit_manifest(rs_buf *b, const rs_config *cfg)
{
    char canon[512];
    rs_config_canonical(cfg, canon, sizeof canon);
    rs_buf_printf(b, "{\n  \"generator\": \"%s\",\n  \"version\": \"%s\",\n  \"config_hash\": \"0x%08" PRIx32 "\",\n"
                     "  \"canonical\": \"%s\",\n",
                  RS_GEN_NAME, RS_GEN_VERSION, rs_config_hash(cfg), canon);
    for (int i = 0; i < rs_config_option_count; i++) {
        char key[32];
        int k = 0;
        for (const char *p = rs_config_options[i].name; *p && k < 31; p++)
            key[k++] = *p == '-' ? '_' : *p;
        key[k] = '\0';
        rs_buf_printf(b, "  \"%s\": %d,\n", key, rs_config_get(cfg, &rs_config_options[i]));
    }
    rs_buf_printf(b, "  \"pes\": %d,\n  \"top\": \"rs_top\",\n  \"files\": [", cfg->rows * cfg->cols);
    for (int i = 0; i < rs_leaf_module_count; i++)
        rs_buf_printf(b, "\"%s\", ", rs_leaf_modules[i]);
    rs_buf_printf(b, "\"rs_csr.v\", \"rs_top.v\"],\n  \"includes\": [\"rs_defs.vh\"],\n"
                     "  \"c_headers\": [\"rs_params.h\", \"rs_protocol.h\"]\n}\n");
}
