# verilator_flags.sh - the Verilator options every model of this project is
# built with; sourced by build_model.sh and yardstick/yardstick.sh, so that the
# model and the bare array `make bench-sim` times it against compile alike.
#
# -O2 for the model (Verilator's default -Os halves simulation speed); output
# files split for a faster compile; functions not split (--output-split-cfuncs
# beyond any function's size): with 500, as the design brief has it, each PE's
# clocked code was six calls and the model ran 7% slower (118-119 k against
# 126-128 k cycles/s on AlexNet CONV5), for no faster a build.
# shellcheck shell=sh disable=SC2034 # the variables are for the sourcing script
vl_opt_make="OPT_FAST=-O2 OPT_SLOW=-O1 OPT_GLOBAL=-O2"
vl_split="--output-split 5000 --output-split-cfuncs 20000"
