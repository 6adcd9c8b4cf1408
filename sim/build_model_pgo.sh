#!/bin/sh
# build_model_pgo.sh GEN_DIR RSRUN - build GEN_DIR/model/librs_model.so with
# GCC's profile-guided optimization: an instrumented model first, then a few
# small layers on it through RSRUN (the profile: which branches of the PEs'
# and the array's code are taken), then the model again from that profile.
#
# Why: the model's time is in Verilator's code for the PEs and the array,
# whose branches GCC cannot predict by itself. On AlexNet CONV1 and CONV3 at
# batch 1 (layers the training does not run) the profiled model simulates
# 6-14% more cycles per second, `make bench` 24% (README, "Simulation
# speed"). Cycles and outputs do not change: every run is still checked bit
# for bit.
#
# The training layers (about 0.2 M cycles in all) cover what the benchmarks
# run: passes on psums from the buffer, bias, ReLU, run-length coded ifmaps
# and outputs; a large strided filter with its ifmaps kept in the buffer;
# groups over a DRAM link like Eyeriss's.
set -eu
[ $# -eq 2 ] || { echo "usage: build_model_pgo.sh GEN_DIR RSRUN" >&2; exit 2; }
gen=$1
rsrun=$2
sim=$(cd "$(dirname "$0")" && pwd)
profile=$(mkdir -p "$gen/model" && cd "$gen/model" && pwd)/profile
rm -rf "$profile"
sh "$sim/build_model.sh" --profile-generate "$profile" "$gen"
for layer in "N=1,C=64,M=96,H=15,W=15,R=3,S=3,pad=1 --zeros 0.6" \
             "N=2,C=3,M=32,H=51,W=51,R=11,S=11,U=4 --zeros 0" \
             "N=1,C=32,M=48,H=13,W=13,R=5,S=5,pad=2,G=2 --zeros 0.4 --dram-bw 2.4 --dram-latency 100"; do
    # shellcheck disable=SC2086 # the layer's options are words
    "$rsrun" --config "$gen" --shape $layer --random-bias --relu >"$profile.log" 2>&1 ||
        { echo "build_model_pgo: training run failed: $rsrun --config $gen --shape $layer (log: $profile.log)" >&2; exit 1; }
done
sh "$sim/build_model.sh" --profile-use "$profile" "$gen"
