#!/bin/sh
# lint_all.sh RSGEN WORKDIR ['OPTS;OPTS;...'] - generate each configuration
# (rsgen options separated by ';'; default: every size 1x1..16x16, dw 16 and 8
# (the 8-bit ones with one psum bank on even widths),
# the square sizes with --zero-skip and with --pe-lanes 1, and the default config) and run verilator --lint-only -Wall and
# yosys check -assert on it. Exit 1 on the first failure, naming it.
set -u
rsgen=$1; work=$2
if [ $# -ge 3 ]; then
    list=$3
else
    list=""
    for r in $(seq 1 16); do for c in $(seq 1 16); do
        list="$list;--rows $r --cols $c --dw 16;--rows $r --cols $c --dw 8 --psum-banks $((c % 2 + 1))"
        [ "$r" = "$c" ] && list="$list;--rows $r --cols $c --dw $((r % 2 ? 16 : 8)) --zero-skip;--rows $r --cols $c --dw $((r % 2 ? 8 : 16)) --pe-lanes 1"
    done; done
    list="${list#;};;--zero-skip"
fi
mkdir -p "$work"
dir=$work/cfg.$$
n=0
IFS=';'
for opts in $list; do
    IFS=' '
    rm -rf "$dir"
    # shellcheck disable=SC2086
    "$rsgen" $opts --out "$dir" || { echo "lint: rsgen $opts failed"; exit 1; }
    ( cd "$dir" && verilator --lint-only -Wall --top-module rs_top -f files.f ) >"$dir.log" 2>&1 ||
        { cat "$dir.log"; echo "lint: verilator -Wall failed for rsgen $opts"; exit 1; }
    ( cd "$dir" && yosys -q -p "read_verilog $(tr '\n' ' ' < files.f); hierarchy -check -top rs_top; proc; check -assert" ) \
        >"$dir.log" 2>&1 || { cat "$dir.log"; echo "lint: yosys check failed for rsgen $opts"; exit 1; }
    n=$((n + 1))
    IFS=';'
done
rm -rf "$dir" "$dir.log"
echo "lint: $n configurations clean (verilator -Wall, yosys check -assert)"
