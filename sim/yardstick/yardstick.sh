#!/bin/sh
# yardstick.sh GEN_DIR RSRUN OUT_DIR LAYER... - how fast the model of GEN_DIR
# simulates, against an array of its size that does about the least a PE
# array can do in a cycle: bare MAC datapaths (rs_bare_pe: spad reads,
# multiply, accumulate, nothing else), built by Verilator with the model's
# options and sizes (from GEN_DIR/rs_params.h). Prints both speeds, their
# ratio, and where issue 3's target of 300 k cycles/s stands against the bare
# array; `make bench-sim`.
#
# Why: this machine's speed varies by up to a factor of two from run to run
# and from machine to machine (README, "Figures"). So the two are run in
# turn, three times each, and each speed is the best of its three: the run
# the machine disturbed least. Their ratio then says more than either speed.
set -eu
[ $# -ge 4 ] || { echo "usage: yardstick.sh GEN_DIR RSRUN OUT_DIR LAYER_OPTIONS..." >&2; exit 2; }
gen=$1
rsrun=$2
out=$3
shift 3
params=$gen/rs_params.h
[ -f "$params" ] || { echo "yardstick: $params: not found (run rsgen --out $gen first)" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../verilator_flags.sh"
param() { sed -n "s/^#define $1 \([0-9]*\)$/\1/p" "$params"; }
rows=$(param RS_ROWS) cols=$(param RS_COLS) dw=$(param RS_DW) pw=$(param RS_PW)
ifs=$(param RS_IFMAP_SPAD) fls=$(param RS_FILTER_SPAD) pss=$(param RS_PSUM_SPAD)

mkdir -p "$out"
obj=$(cd "$out" && pwd)/obj
# the model's options (without its profile and trace)
# shellcheck disable=SC2086 # vl_split is a list of options
verilator --cc --exe --build -j 2 --top-module rs_bare_array -Mdir "$obj" \
    -GROWS="$rows" -GCOLS="$cols" -GDW="$dw" -GPW="$pw" -GIFS="$ifs" -GFLS="$fls" -GPSS="$pss" \
    -MAKEFLAGS "$vl_opt_make" $vl_split \
    -o rs_bare "$here/rs_bare_pe.v" "$here/rs_bare_array.v" "$here/rs_bare_main.cpp" \
    >"$out/verilator.log" 2>&1 || { cat "$out/verilator.log" >&2; exit 1; }

# in turn, three times; the best speed of each (the bare array: 3 M cycles)
model=0 bare=0 cycles=0
for run in 1 2 3; do
    "$rsrun" --config "$gen" "$@" >"$out/model.log" 2>&1 ||
        { cat "$out/model.log" >&2; echo "yardstick: $rsrun --config $gen $*: failed" >&2; exit 1; }
    "$obj/rs_bare" 3000000 >"$out/bare.log"
    m=$(sed -n 's/^speed *\([0-9]*\) simulated cycles\/s.*/\1/p' "$out/model.log")
    b=$(sed -n 's/^\([0-9]*\) simulated cycles\/s.*/\1/p' "$out/bare.log")
    cycles=$(sed -n 's/^cycles *\([0-9]*\) .*/\1/p' "$out/model.log")
    [ -n "$m" ] && [ -n "$b" ] || { echo "yardstick: no speed in $out/model.log or $out/bare.log" >&2; exit 1; }
    echo "run $run    model $m, bare $b simulated cycles/s"
    [ "$m" -gt "$model" ] && model=$m
    [ "$b" -gt "$bare" ] && bare=$b
done

echo "layer    rsrun --config $gen $* ($cycles cycles)"
echo "model    $model simulated cycles/s (best of 3)"
echo "bare     $bare simulated cycles/s (best of 3): ${rows}x${cols} bare MAC datapaths (rs_bare_pe)"
awk -v m="$model" -v b="$bare" 'BEGIN {
    printf "ratio    the model runs at %.1f%% of the bare array'"'"'s speed; 300 k cycles/s would be %.0f%% of it here\n",
           100 * m / b, 100 * 300000 / b }'
