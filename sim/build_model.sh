#!/bin/sh
# build_model.sh [--no-trace] [--fast-compile] [--x-random] [--profile-generate DIR | --profile-use DIR] GEN_DIR -
# compile a generated configuration into the shared library
# GEN_DIR/model/librs_model.so (Verilated rs_top + the C shim). The profile
# options are GCC's profile-guided optimization, which sim/build_model_pgo.sh
# drives.
#
# Single threaded, with the options of verilator_flags.sh (optimization and
# output splitting); FST tracing compiled in (free while off) unless
# --no-trace (gate-level netlists, where the trace code is most of the
# compile); --fast-compile: the model's code at -O0 (a netlist compiles in
# half the time and runs its few small layers slower); ccache when present. --x-random: every X assignment and every
# variable reset does not clear starts from a random value, drawn from the
# seed in the environment variable RS_MODEL_X_SEED when the model starts (so
# runs with different seeds must agree: nothing may depend on them).
set -eu
usage="usage: build_model.sh [--no-trace] [--fast-compile] [--x-random] [--profile-generate DIR | --profile-use DIR] GEN_DIR"
profile=""
trace="--trace-fst"
tdef="-DVM_TRACE=1 -DVM_TRACE_FST=1"
if [ "${1:-}" = --no-trace ]; then
    trace=""; tdef="-DVM_TRACE=0"; shift
fi
fast=""
if [ "${1:-}" = --fast-compile ]; then
    fast=1; shift
fi
xrand=""
if [ "${1:-}" = --x-random ]; then
    xrand="--x-assign unique --x-initial unique"; tdef="$tdef -DRS_X_RANDOM=1"; shift
fi
case "${1:-}" in
--profile-generate) [ $# -eq 3 ] || { echo "$usage" >&2; exit 2; }; profile="-fprofile-generate=$2"; shift 2 ;;
--profile-use) [ $# -eq 3 ] || { echo "$usage" >&2; exit 2; }
    profile="-fprofile-use=$2 -fprofile-partial-training -Wno-missing-profile"; shift 2 ;;
esac
[ $# -eq 1 ] || { echo "$usage" >&2; exit 2; }
[ -f "$1/files.f" ] || { echo "build_model: $1/files.f: not found (run rsgen --out $1 first)" >&2; exit 2; }
gen=$(cd "$1" && pwd)
sim=$(cd "$(dirname "$0")" && pwd)
. "$sim/verilator_flags.sh"
[ -z "$fast" ] || vl_opt_make="OPT_FAST=-O0 OPT_SLOW=-O0 OPT_GLOBAL=-O0"
obj=$gen/model/obj
case "$profile" in
-fprofile-generate*) what="instrumented for profiling" ;;
-fprofile-use*) what="optimized with the profile" ;;
*) what="" ;;
esac
echo "build_model: building the Verilator model of $gen${what:+ ($what)}; takes a minute or two (log: $obj/verilator.log)" >&2
# Verilator's make rebuilds an object only when its source changed, so objects
# compiled with other profile flags are removed first.
[ "$(cat "$obj/profile_flags" 2>/dev/null || true)" = "$profile $trace $xrand $vl_opt_make" ] || rm -rf "$obj"
mkdir -p "$obj"
echo "$profile $trace $xrand $vl_opt_make" >"$obj/profile_flags"
objcache=""
command -v ccache >/dev/null 2>&1 && objcache="OBJCACHE=ccache"
cflags="-fPIC -I$gen -I$sim $profile"

cd "$gen"
# shellcheck disable=SC2086 # vl_split is a list of options
verilator --cc --build -j 2 $trace $xrand --top-module rs_top -Mdir "$obj" \
    -CFLAGS "$cflags" \
    -MAKEFLAGS "$vl_opt_make $objcache" $vl_split \
    -f files.f >"$obj/verilator.log" 2>&1 || { cat "$obj/verilator.log" >&2; exit 1; }

vinc=$(verilator --getenv VERILATOR_ROOT)/include
cxx="g++"
command -v ccache >/dev/null 2>&1 && cxx="ccache g++"
vflags="-std=c++17 -O2 $cflags -I$obj -I$vinc -I$vinc/vltstd $tdef"
# without --exe Verilator leaves its runtime to us
for rt in verilated verilated_fst_c verilated_threads; do
    $cxx $vflags -c "$vinc/$rt.cpp" -o "$obj/rt_$rt.o"
done
$cxx $vflags -c "$sim/rs_model.cpp" -o "$obj/rs_model.o"
g++ -shared $profile -o "$gen/model/.librs_model.so.tmp" "$obj/rs_model.o" \
    -Wl,--whole-archive "$obj/Vrs_top__ALL.a" -Wl,--no-whole-archive "$obj"/rt_*.o -lz -pthread
mv "$gen/model/.librs_model.so.tmp" "$gen/model/librs_model.so"
