/* emit_docs.c - Markdown tables of the CSR map and the command stream. */
#include <inttypes.h>

#include "rs_emit.h"
#include "rs_protocol.h"

void rs_emit_csr_md(rs_buf *b)
{
    rs_emit_banner(b, "<!--", NULL);
    rs_buf_printf(b, "-->\n# CSR map\n\nAXI4-Lite, 32-bit registers, byte offsets. 64-bit counters are two "
                     "registers (LO, HI); they stop one cycle after done (they add what a cycle saw in the "
                     "next one), so reading LO then HI is consistent.\n\n"
                     "| offset | name | access | meaning |\n|---|---|---|---|\n");
    for (int i = 0; i < rs_csr_count; i++)
        rs_buf_printf(b, "| 0x%03" PRIx32 " | %s | %s | %s |\n", rs_csrs[i].offset, rs_csrs[i].name,
                      rs_csrs[i].access == RS_CSR_RO ? "RO" : rs_csrs[i].access == RS_CSR_RW ? "RW" : "WO", rs_csrs[i].doc);
}

void rs_emit_stream_md(rs_buf *b)
{
    rs_emit_banner(b, "<!--", NULL);
    rs_buf_printf(b, "-->\n# Command-stream words\n\nEvery command is one 64-bit word with the opcode in "
                     "bits 63:60; a DATA header is followed by ceil(COUNT / K) payload words, K = 64 / DW "
                     "for filter and ifmap values and K = 2 for psums (32-bit slots, low PW bits used); "
                     "element k of a payload word sits in the k-th slot from bit 0.\n\n"
                     "## Constants\n\n| name | value | meaning |\n|---|---|---|\n");
    for (int i = 0; i < rs_constant_count; i++)
        rs_buf_printf(b, "| %s | %d | %s |\n", rs_constants[i].name, rs_constants[i].value, rs_constants[i].doc);
    rs_buf_printf(b, "\n## Fields\n\n| word | field | bits | meaning |\n|---|---|---|---|\n");
    for (int i = 0; i < rs_field_count; i++) {
        const rs_field *f = &rs_fields[i];
        if (f->width == 1)
            rs_buf_printf(b, "| %s | %s | %d | %s |\n", f->word, f->name, f->lsb, f->doc);
        else
            rs_buf_printf(b, "| %s | %s | %d:%d | %s |\n", f->word, f->name, f->lsb + f->width - 1, f->lsb, f->doc);
    }
}
