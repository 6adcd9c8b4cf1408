#!/bin/sh
# build_netlist_model.sh GEN_DIR - the Yosys netlist of a board configuration
# as a model rsrun can run: GEN_DIR (an `rsgen --board NAME` output) is
# synthesized for its board's FPGA family with the same synth command as the
# FPGA flow (top rs_top: the chip without the board's UART bridge), written
# out as a netlist of the family's cells, and Verilated with the cell models
# Yosys ships into GEN_DIR/netlist/model/librs_model.so. Then
#   rsrun --config GEN_DIR/netlist ...
# runs a layer on the synthesized gates, checked bit for bit as usual.
#
# ECP5: Yosys ships no simulation model of MULT18X18D and only an empty
# DP16KD; sim/netlist/MULT18X18D.v models the one mode Yosys maps
# multipliers to, sim/netlist/DP16KD.v the block RAM modes it maps memories
# to, in place of cells_sim.v's DP16KD (docs/netlist-sim.md).
set -eu
die() { echo "build_netlist_model: $*" >&2; exit 2; }
[ $# -eq 1 ] || die "usage: build_netlist_model.sh GEN_DIR"
[ -f "$1/files.f" ] || die "$1/files.f: not found (run rsgen --board NAME --out $1 first)"
[ -f "$1/board.env" ] || die "$1/board.env: not found (the netlist is a board's: rsgen --board NAME --out $1)"
gen=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
. "$gen/board.env"
share=$(dirname "$(dirname "$(command -v yosys)")")/share/yosys   # the cell models beside the Yosys that synthesizes
case "$ARCH" in
ice40) synth="synth_ice40 -dsp -spram -top rs_top"; cells="$share/ice40/cells_sim.v" ;;
ecp5) synth="synth_ecp5 -top rs_top"; cells="$gen/netlist/cells_sim_ecp5.v $here/DP16KD.v $here/MULT18X18D.v" ;;
*) die "$gen/board.env: ARCH '$ARCH' is not ice40 or ecp5" ;;
esac
out=$gen/netlist
mkdir -p "$out"
if [ "$ARCH" = ecp5 ]; then
    # cells_sim.v less its empty (* blackbox *) DP16KD, which DP16KD.v replaces
    sed '/^(\* blackbox \*)$/{N;/\nmodule DP16KD(/{:a;N;/\nendmodule/!ba;d}}' "$share/ecp5/cells_sim.v" >"$out/cells_sim_ecp5.v"
    ! grep -q "module DP16KD" "$out/cells_sim_ecp5.v" || die "$share/ecp5/cells_sim.v: its DP16KD could not be taken out"
fi
# the configuration's manifest and headers; its Verilog is the netlist
cp "$gen/manifest.json" "$gen/rs_params.h" "$gen/rs_protocol.h" "$out/"
echo "build_netlist_model: yosys $synth of $gen (log: $out/yosys.log)" >&2
src=$(sed -e '/^#/d' -e '/^$/d' -e "s|^|$gen/|" "$gen/files.f" | tr '\n' ' ')
yosys -p "read_verilog -I$gen $src; $synth; write_verilog -noattr $out/rs_top.v; tee -o $out/stat.txt stat" \
    >"$out/yosys.log" 2>&1 || { tail -5 "$out/yosys.log" >&2; die "yosys failed (log: $out/yosys.log)"; }
# the cell models' timing checks and vector-wide loops are not the design's
{
    echo "-Wno-fatal -Wno-UNOPTFLAT -Wno-TIMESCALEMOD -Wno-lint -Wno-style -DNO_ICE40_DEFAULT_ASSIGNMENTS -I$share/$ARCH"
    echo "rs_top.v"
    for c in $cells; do echo "$c"; done
} >"$out/files.f"
sh "$here/../build_model.sh" --no-trace "$out"
