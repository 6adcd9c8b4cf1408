/* rs_geometry.c - sizes that follow from a mapping (see rs_geometry.h). */
#include "rs_geometry.h"

#include <stdio.h>

#include "rs_protocol.h"

static long ceil_div(long a, long b) { return (a + b - 1) / b; }

rs_fold rs_mapping_fold(const rs_mapping *map, int fold)
{
    rs_fold f = { fold * map->Rg, map->Rg, map->t, map->c_chunks };
    if (fold == map->nr - 1) {
        f.Rk = map->R_last;
        f.t = map->t_last;
        f.c_chunks = map->c_chunks_last;
    }
    return f;
}

int rs_mapping_used_cols(const rs_mapping *map) { return map->h * map->E; }

int rs_mapping_position_words(const rs_mapping *map) { return (map->nf + 1) / 2; }

int rs_mapping_set_tags(const rs_shape *s, const rs_mapping *map, int Rk) { return (map->E - 1) * s->U + Rk; }

int rs_mapping_ifmap_one_command(const rs_shape *s, const rs_mapping *map, int Rk, int t)
{
    return t * rs_mapping_set_tags(s, map, Rk) <= RS_ID_NONE;
}

int rs_mapping_ifmap_piece(const rs_hw *hw, const rs_mapping *map)
{
    int kd = 64 / hw->dw;
    return map->nc < kd ? kd / map->nc : 1;
}

long rs_mapping_first_window_words(const rs_hw *hw, const rs_shape *s, const rs_mapping *map)
{
    int kd = 64 / hw->dw;
    if (s->S <= s->U)
        return ceil_div((long)s->S * map->nc, kd);
    int piece = rs_mapping_ifmap_piece(hw, map), rest = s->S % piece;
    return (long)(s->S / piece) * ceil_div((long)piece * map->nc, kd) + (rest ? ceil_div((long)rest * map->nc, kd) : 0);
}

long rs_mapping_ifmap_words(const rs_hw *hw, const rs_shape *s, const rs_mapping *map, long nsweeps, int nq)
{
    int kd = 64 / hw->dw, ucols = s->U < s->S ? s->U : s->S;
    long first = rs_mapping_first_window_words(hw, s, map), per_sweep = 0;
    for (int rg = 0; rg < map->nr; rg++) {
        rs_fold f = rs_mapping_fold(map, rg);
        long tags = (long)f.t * rs_mapping_set_tags(s, map, f.Rk);
        per_sweep += f.c_chunks * tags * (first + (long)(nq - 1) * ceil_div(ucols * map->nc, kd));
    }
    return nsweeps * per_sweep;
}

long rs_mapping_q_runs(const rs_shape *s, const rs_mapping *map) { return ceil_div(s->Q, map->q_per_tile); }

rs_tile rs_mapping_tile(const rs_shape *s, const rs_mapping *map, int g, long chunk, long index)
{
    long sweeps = (long)s->N * map->strips, q_runs = rs_mapping_q_runs(s, map);
    rs_tile t;
    t.g = g;
    t.m_base = (int)chunk * map->nf * map->h;
    t.sweep0 = index / q_runs * map->sweeps_per_tile;
    t.q0 = (int)(index % q_runs) * map->q_per_tile;
    t.nsweeps = sweeps - t.sweep0 < map->sweeps_per_tile ? sweeps - t.sweep0 : map->sweeps_per_tile;
    t.q1 = s->Q - t.q0 < map->q_per_tile ? s->Q : t.q0 + map->q_per_tile;
    return t;
}

long rs_tile_positions(const rs_tile *tile) { return tile->nsweeps * (tile->q1 - tile->q0); }

int rs_tile_out_channel(const rs_shape *s, const rs_mapping *map, const rs_tile *tile, int j, int f)
{
    int k = j / map->E;
    int m_local = tile->m_base + k * map->nf + f;
    return m_local < s->M / s->G ? s->M / s->G * tile->g + m_local : -1;
}

double rs_zero_share(const int32_t *v, size_t n)
{
    size_t zeros = 0;
    for (size_t i = 0; i < n; i++)
        zeros += v[i] == 0;
    return n ? (double)zeros / (double)n : 0.0;
}

int rs_mapping_format(const rs_mapping *m, char *buf, size_t len)
{
    char last[64] = "";
    if (m->R_last != m->Rg)
        snprintf(last, sizeof last, " (the last of %d rows, t=%d)", m->R_last, m->t_last);
    return snprintf(buf, len,
                    "sets %dx%d (Rg x E), stacked t=%d, side by side h=%d, channels/PE nc=%d, "
                    "filters/PE nf=%d, R folds %d%s, strips %d, buffer tiles %ld in %d region%s%s, passes %ld, "
                    "active PEs %d",
                    m->Rg, m->E, m->t, m->h, m->nc, m->nf, m->nr, last, m->strips, m->tiles, m->regions,
                    m->regions == 1 ? "" : "s", m->keep_ifmap ? " with the ifmaps kept" : "", m->passes,
                    m->active_pes);
}
