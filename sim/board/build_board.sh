#!/bin/sh
# build_board.sh GEN_DIR OUT_DIR - build OUT_DIR/rs_board_sim: the board top
# (fpga/*.v: UART, bridge, board memory) around the generated accelerator in
# GEN_DIR, Verilated, behind a pseudo-terminal (rs_board_sim.cpp).
#
# The UART runs at 8 clocks per bit (CLK_HZ 1 MHz, BAUD 125000: only their
# ratio and the bridge's inter-byte timeout, CLK_HZ/10 cycles, matter in
# simulation), so a byte takes 80 cycles. Verilator options from
# ../verilator_flags.sh, single threaded, ccache when present.
set -eu
usage="usage: build_board.sh GEN_DIR OUT_DIR"
[ $# -eq 2 ] || { echo "$usage" >&2; exit 2; }
[ -f "$1/files.f" ] || { echo "build_board: $1/files.f: not found (run rsgen --out $1 first)" >&2; exit 2; }
gen=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
fpga=$(cd "$here/../../fpga" && pwd)
. "$here/../verilator_flags.sh"
mkdir -p "$2"
out=$(cd "$2" && pwd)
obj=$out/obj
mkdir -p "$obj"
clk_hz=1000000
baud=125000
cpb=$((clk_hz / baud))
objcache=""
command -v ccache >/dev/null 2>&1 && objcache="OBJCACHE=ccache"
echo "build_board: building the board simulation of $gen (log: $obj/verilator.log)" >&2
cd "$gen"
# shellcheck disable=SC2086 # vl_split is a list of options
verilator --cc --exe --build -j 2 --top-module rs_fpga_top -Mdir "$obj" -o "$out/.rs_board_sim.tmp" \
    -GCLK_HZ=$clk_hz -GBAUD=$baud \
    -CFLAGS "-O2 -DRS_CLKS_PER_BIT=$cpb" \
    -MAKEFLAGS "$vl_opt_make $objcache" $vl_split \
    "$here/rs_board_sim.vlt" -f files.f "$fpga"/*.v "$here/rs_board_sim.cpp" >"$obj/verilator.log" 2>&1 \
    || { cat "$obj/verilator.log" >&2; exit 1; }
mv "$out/.rs_board_sim.tmp" "$out/rs_board_sim"
