#!/bin/sh
# plot_bench.sh CSV OUT [LABEL [REFERENCE]] - SVG plots of one rsbench run
# (its CSV, BASE.csv of `rsbench --out BASE`) beside the Eyeriss chip's
# figures, with gnuplot:
#   OUT-time.svg    time per layer: ours, Eyeriss's processing and total latency
#   OUT-dram.svg    DRAM traffic per image by kind (ours) and Eyeriss's total
#   OUT-energy.svg  energy by level (ours, normalized) and Eyeriss's chip energy
#   OUT-util.svg    PE utilization, ours and Eyeriss's
# LABEL names our array in the titles (default "ours"); REFERENCE is the
# Eyeriss table (default docs/reference/alexnet_eyeriss.csv) for its power.
# The columns are found by name, so added columns do not move them.
set -eu
csv=$1; out=$2; label=${3:-ours}; ref=${4:-docs/reference/alexnet_eyeriss.csv}
me=plot_bench
[ -r "$csv" ] || { echo "$me: $csv: cannot read" >&2; exit 2; }
[ -r "$ref" ] || { echo "$me: $ref: cannot read" >&2; exit 2; }
command -v gnuplot >/dev/null || { echo "$me: gnuplot: not installed (make deps, Debian package gnuplot-nox)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# cols SECTION "NAME..." [TOTAL]: the named columns of the rsbench CSV's
# table SECTION (1, 2, 3: the tables are separated by blank lines), one row
# per layer, space-separated, the layer's name first; the TOTAL row only if
# the third argument is given, else every row but it.
cols() {
    awk -F, -v sec="$1" -v want="$2" -v total="${3:-}" -v where="$me: $csv" '
        BEGIN { s = 1; nw = split(want, w, " ") }
        /^$/ { s++; head = 0; next }
        s != sec { next }
        !head {
            head = 1
            for (i = 1; i <= NF; i++) at[$i] = i
            for (k = 1; k <= nw; k++) if (!(w[k] in at)) { print where ": table " sec " has no column " w[k] > "/dev/stderr"; bad = 1; exit 2 }
            next
        }
        (total != "") != ($1 == "TOTAL") { next }
        { line = $1; for (k = 1; k <= nw; k++) line = line " " $(at[w[k]]); print line; rows++ }
        END { if (!bad && !rows) { print where ": table " sec " has no rows" > "/dev/stderr"; exit 2 } }' "$csv" ||
        exit 2
}

cols 1 "ms_200mhz eyeriss_processing_ms eyeriss_ms" > "$tmp/time"
cols 1 "ms_200mhz eyeriss_processing_ms eyeriss_ms" TOTAL > "$tmp/time_total"
cols 1 "util_pct eyeriss_util_pct" > "$tmp/util"
# DRAM by kind, cumulative (filters, + ifmaps, + bias, + commands, + outputs),
# the run's bytes without RLC, Eyeriss's total
cols 3 "filter_mb_per_image ifmap_mb_per_image bias_mb_per_image command_mb_per_image output_mb_per_image" \
    > "$tmp/kind"
awk '{ s = 0; line = $1; for (i = 2; i <= NF; i++) { s += $i; line = line " " s }; print line }' "$tmp/kind" \
    > "$tmp/dram_kind"
cols 2 "dram_raw_mb_per_image eyeriss_dram_mb_per_image" > "$tmp/dram_other"
paste -d ' ' "$tmp/dram_kind" "$tmp/dram_other" | awk '{ $7 = ""; print }' > "$tmp/dram"
# energy by level in 1e9 MAC units, cumulative (DRAM, + GLB, + NoC, + RF,
# + MAC), without gating; then Eyeriss's power x processing latency in mJ
cols 2 "energy_1e9 energy_no_gating_1e9 dram_pct glb_pct noc_pct rf_pct mac_pct" > "$tmp/levels"
awk '{ s = 0; line = $1; for (i = 4; i <= 8; i++) { s += $2 * $i / 100; line = line " " s }; print line " " $3 }' \
    "$tmp/levels" > "$tmp/energy_ours"
awk -F, '/^CONV/ { print $1, $13 * $15 / 1000 }' "$ref" > "$tmp/eyeriss_energy"
awk 'NR == FNR { e[$1] = $2; next } { print $0, ($1 in e) ? e[$1] : "NaN" }' "$tmp/eyeriss_energy" "$tmp/energy_ours" \
    > "$tmp/energy"

read -r _ t_ours t_proc t_all < "$tmp/time_total"
# our batch: rsbench gives Eyeriss's DRAM bytes per image of its batch of 4
# and ours per image of ours
cols 1 "dram_mb" TOTAL > "$tmp/dram_total"
cols 2 "dram_mb_per_image" TOTAL > "$tmp/dram_image"
batch=$(cat "$tmp/dram_total" "$tmp/dram_image" | awk '{ v[NR] = $2 } END { printf("%.0f", (v[2] > 0 ? v[1] / v[2] : 0)) }')
n=$(wc -l < "$tmp/time")
# the layers' names under the middle of each group of bars
tics=$(awk '{ printf("%s\"%s\" %d", (NR > 1 ? ", " : ""), $1, NR - 1) }' "$tmp/time")

gnuplot <<EOF
set terminal svg size 900,500 dynamic noenhanced font "sans,12" background rgb "white"
set datafile missing "NaN"
set style fill solid 0.9 border rgb "#333333"
set grid ytics lc rgb "#dddddd" lt 1
set border 3
set xtics nomirror scale 0 ($tics)
set ytics nomirror
set xrange [-0.6:$n - 0.4]
set yrange [0:*]
set key outside bottom center horizontal Left reverse samplen 2 width 2 maxrows 2
c_ours = "#1f77b4"; c_ey = "#ff7f0e"; c_ey2 = "#ffcf99"

# ---- time per layer
set output "$out-time.svg"
set title sprintf("Time per layer at 200 MHz: $label %.1f ms in all (batch $batch); Eyeriss %.1f ms processing, %.1f ms total latency (batch 4)", $t_ours, $t_proc, $t_all)
set ylabel "time per batch (ms)"
set offset 0, 0, graph 0.08, 0
plot "$tmp/time" using (\$0 - 0.27):2:(0.26) with boxes lc rgb c_ours title "$label", \
     "" using (\$0 - 0.27):2:(sprintf("%.1f", \$2)) with labels offset 0, 0.6 font ",10" notitle, \
     "" using (\$0):3:(0.26) with boxes lc rgb c_ey title "Eyeriss, processing (JSSC 2017)", \
     "" using (\$0):3:(sprintf("%.1f", \$3)) with labels offset 0, 0.6 font ",10" notitle, \
     "" using (\$0 + 0.27):4:(0.26) with boxes lc rgb c_ey2 title "Eyeriss, total latency", \
     "" using (\$0 + 0.27):4:(sprintf("%.1f", \$4)) with labels offset 0, 0.6 font ",10" notitle

# ---- DRAM by kind
set output "$out-dram.svg"
set title "DRAM traffic per image by kind: $label (left bars) and Eyeriss's total (right bars)"
set ylabel "DRAM bytes read + written per image (MB)"
plot "$tmp/dram" using (\$0 - 0.2):7:(0.36) with boxes fs empty lc rgb "#555555" dt 2 lw 1.5 title "all, without RLC", \
     "" using (\$0 - 0.2):6:(0.36) with boxes lc rgb "#9467bd" title "outputs (written)", \
     "" using (\$0 - 0.2):5:(0.36) with boxes lc rgb "#7f7f7f" title "commands (read)", \
     "" using (\$0 - 0.2):4:(0.36) with boxes lc rgb "#d62728" title "bias (read)", \
     "" using (\$0 - 0.2):3:(0.36) with boxes lc rgb "#2ca02c" title "ifmaps (read)", \
     "" using (\$0 - 0.2):2:(0.36) with boxes lc rgb c_ours title "filters (read)", \
     "" using (\$0 + 0.2):8:(0.36) with boxes lc rgb c_ey title "Eyeriss, total (JSSC 2017)", \
     "" using (\$0 - 0.2):6:(sprintf("%.2f", \$6)) with labels offset 0, 0.6 font ",10" notitle, \
     "" using (\$0 + 0.2):8:(sprintf("%.2f", \$8)) with labels offset 0, 0.6 font ",10" notitle

# ---- energy by level
set output "$out-energy.svg"
set title "Energy by level: $label (left bars, estimate) and the Eyeriss chip (right bars, measured)"
set ylabel "energy per batch (1e9 x one 16-bit MAC)"
set y2label "Eyeriss: power x processing latency (mJ per batch)"
set y2tics nomirror
set y2range [0:*]
set border 11
plot "$tmp/energy" using (\$0 - 0.2):6:(0.36) with boxes lc rgb "#bcbd22" title "MAC", \
     "" using (\$0 - 0.2):5:(0.36) with boxes lc rgb "#17becf" title "RF (spads)", \
     "" using (\$0 - 0.2):4:(0.36) with boxes lc rgb "#9467bd" title "NoC", \
     "" using (\$0 - 0.2):3:(0.36) with boxes lc rgb "#2ca02c" title "GLB", \
     "" using (\$0 - 0.2):2:(0.36) with boxes lc rgb c_ours title "DRAM", \
     "" using (\$0 - 0.2):7:(0.36) with boxes fs empty lc rgb "#555555" dt 2 lw 1.5 title "all, without zero-gating", \
     "" using (\$0 + 0.2):8:(0.36) axes x1y2 with boxes lc rgb c_ey title "Eyeriss chip, power x processing latency", \
     "" using (\$0 + 0.2):8:(sprintf("%.1f", \$8)) axes x1y2 with labels offset 0, 0.6 font ",10" notitle
unset y2label
unset y2tics
set border 3

# ---- PE utilization
set output "$out-util.svg"
set title "PE utilization: layer MACs / (cycles x PEs)"
set ylabel "utilization (%)"
set yrange [0:*]
set arrow 1 from graph 0, first 100 to graph 1, first 100 nohead dt 2 lc rgb "#555555"
plot "$tmp/util" using (\$0 - 0.2):2:(0.36) with boxes lc rgb c_ours title "$label", \
     "" using (\$0 - 0.2):2:(sprintf("%.1f", \$2)) with labels offset 0, 0.6 font ",10" notitle, \
     "" using (\$0 + 0.2):3:(0.36) with boxes lc rgb c_ey title "Eyeriss (MACs / 168 PEs x processing cycles)", \
     "" using (\$0 + 0.2):3:(sprintf("%.1f", \$3)) with labels offset 0, 0.6 font ",10" notitle
EOF
echo "$me: wrote $out-time.svg $out-dram.svg $out-energy.svg $out-util.svg"
