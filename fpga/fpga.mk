# fpga/fpga.mk: FPGA flows (included by the top-level Makefile; run make from
# the repository root). Every product goes under build/ (FPGA_BUILD).
#
#   make fpga BOARD=NAME     rsgen --board NAME -> yosys -> nextpnr -> bitstream + report.{json,md}
#                            (boards: rsgen --help; BOARD_OPTS="--rows 8" overrides the board's sizes)
#   make netlist-sim BOARD=NAME  the board configuration's Yosys netlist runs layers bit-exact (sim/netlist/)
#   make fpga-bridge-test    lint + check + bit-level simulation of the UART bridge
#   make fpga-lint           Verilator -Wall and Yosys `check -assert` on fpga/*.v (no generator needed)
#   make pe-area             one PE through Yosys's synth_ecp5, out of context (PE_PARAMS: its parameters)
#   make psum-area           what rsgen --psum-lanes 4 costs: the parts it widens, with two and four lanes
#   make fpga-tools-ice40 / fpga-tools-ecp5   only install the tools and print their versions

FPGA_DIR   := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
FPGA_BUILD ?= build/fpga
RSGEN      ?= build/bin/rsgen
# make target that builds $(RSGEN) (defined by the top-level Makefile)
RSGEN_TARGET ?= rsgen
BOARD      ?=
BOARD_OPTS ?=
BOARD_GEN  ?= build/gen/board-$(BOARD)

# the board top: every Verilog file of fpga/ (rs_fpga_flow.sh reads the same)
FPGA_RTL := $(wildcard $(FPGA_DIR)/*.v)
FPGA_TB  := $(FPGA_DIR)/tests/rs_uart_bridge_tb.v $(FPGA_DIR)/tests/rs_fake_target.v
FPGA_BRIDGE_RTL := $(FPGA_DIR)/rs_uart_bridge.v $(FPGA_DIR)/rs_uart_fifo.v $(FPGA_DIR)/rs_axi_ram.v \
                   $(FPGA_DIR)/rs_uart_rx.v $(FPGA_DIR)/rs_uart_tx.v

.PHONY: fpga netlist-sim fpga-bridge-test fpga-lint fpga-tools-ice40 fpga-tools-ecp5 fpga-help pe-area psum-area

# One PE out of context (Debian's Yosys, synth_ecp5): its cells and the ECP5
# logic slots they take (LUT4 + 2 per CCU2C + 8 per TRELLIS_DPR16X4, about
# what nextpnr packs). By default a PE of the default configuration outside
# row 0 (two psum banks, whole-beat lanes, no psum-bus FIFO); the lean one:
# PE_PARAMS="-set PSB 1 -set LANES 1 -set PIN 0".
PE_PARAMS ?= -set PSB 2 -set PIN 0
PE_RTL    := rtl/rs_mcast.v rtl/rs_spad.v rtl/rs_lutram.v rtl/rs_psum_in.v rtl/rs_pe.v
pe-area: deps
	@mkdir -p $(FPGA_BUILD)
	@yosys -q -p "read_verilog $(PE_RTL); chparam $(PE_PARAMS) rs_pe; synth_ecp5 -top rs_pe; tee -q -o $(FPGA_BUILD)/pe_area.txt stat" >/dev/null
	@awk '/=== design hierarchy ===/ { h = 1 } h && $$1 ~ /^(LUT4|CCU2C|TRELLIS_DPR16X4|TRELLIS_FF|DP16KD|MULT18X18D)$$/ { n[$$1] = $$2 } \
	    END { printf "pe-area (%s): %d LUT4, %d CCU2C, %d TRELLIS_DPR16X4, %d FF, %d DP16KD, %d MULT18X18D: %d slots\n", \
	          "$(PE_PARAMS)", n["LUT4"], n["CCU2C"], n["TRELLIS_DPR16X4"], n["TRELLIS_FF"], n["DP16KD"], n["MULT18X18D"], \
	          n["LUT4"] + 2 * n["CCU2C"] + 8 * n["TRELLIS_DPR16X4"] }' $(FPGA_BUILD)/pe_area.txt

# The parts --psum-lanes 4 widens (the buffer, the output network, the
# requantization, the psum store and feed, row 0's psum FIFOs), each out of
# context at the default configuration's sizes with two and four lanes: a
# Markdown table of slots, flip-flops and DP16KD.
psum-area: deps
	@sh $(FPGA_DIR)/rs_psum_area.sh rtl $(FPGA_BUILD)/psum_area

# rsgen checks the board name and that the array fits its multipliers and
# block RAM before any long tool runs.
fpga: $(RSGEN_TARGET)
	@test -n "$(BOARD)" || { echo "make fpga: BOARD missing: make fpga BOARD=NAME (NAME: $$($(RSGEN) --help | sed -n 's/.*an FPGA board (\([^)]*\)).*/\1/p'))" >&2; exit 2; }
	@echo "fpga: $(RSGEN) --board $(BOARD) $(BOARD_OPTS) --out $(BOARD_GEN)" >&2
	@$(RSGEN) --board $(BOARD) $(BOARD_OPTS) --out $(BOARD_GEN)
	@RSGEN_OPTS="--board $(BOARD) $(BOARD_OPTS)" $(FPGA_DIR)/rs_fpga_flow.sh $(BOARD_GEN) $(FPGA_BUILD)/$(BOARD)

# The board configuration's Yosys netlist as a model (sim/netlist/), and
# layers on it bit-exact, in the cycles of the RTL model.
NETLIST_LAYERS := "--shape N=1,C=3,M=8,H=15,W=15,R=3,S=3,U=1,pad=1 --seed 3 --zeros 0.4 --relu" \
                  "--shape N=2,C=8,M=12,H=9,W=9,R=3,S=3,U=2,pad=1,G=2 --seed 7 --random-bias --threshold 3"
netlist-sim: $(RSGEN_TARGET) rsrun
	@test -n "$(BOARD)" || { echo "make netlist-sim: BOARD missing: make netlist-sim BOARD=NAME" >&2; exit 2; }
	@$(RSGEN) --board $(BOARD) $(BOARD_OPTS) --out $(BOARD_GEN)
	@sh sim/netlist/build_netlist_model.sh $(BOARD_GEN)
	@for l in $(NETLIST_LAYERS); do \
	    rtl=$$(build/bin/rsrun --config $(BOARD_GEN) $$l | sed -n 's/^cycles *\([0-9]*\).*/\1/p') || exit 1; \
	    gates=$$(build/bin/rsrun --config $(BOARD_GEN)/netlist $$l | sed -n 's/^cycles *\([0-9]*\).*/\1/p') || exit 1; \
	    echo "netlist-sim $(BOARD): $$l: RTL $$rtl cycles, gates $$gates cycles, both bit-exact"; \
	    [ "$$rtl" = "$$gates" ] || { echo "netlist-sim: the gates took other cycles than the RTL" >&2; exit 1; }; \
	done

fpga-tools-ice40:
	@$(FPGA_DIR)/rs_fpga_tools.sh ice40

fpga-tools-ecp5:
	@$(FPGA_DIR)/rs_fpga_tools.sh ecp5

# Lint: each hand-written FPGA module with Verilator -Wall (rs_fpga_top against
# a port-only rs_top stub), and Yosys `check -assert` after a generic synth
# (with a 256-byte board memory: generic synth makes flip-flops of it).
fpga-lint:
	@$(FPGA_DIR)/rs_fpga_tools.sh test
	@for top in rs_uart_bridge rs_uart_rx rs_uart_tx rs_uart_fifo rs_fpga_reset rs_axi_ram rs_fpga_top; do \
	  verilator --lint-only -Wall $(FPGA_RTL) $(FPGA_DIR)/tests/lint_stub/rs_top.v --top-module $$top \
	    || { echo "fpga-lint: verilator -Wall: $$top has warnings" >&2; exit 1; }; \
	done
	@mkdir -p $(FPGA_BUILD)/lint
	@for top in rs_uart_bridge rs_fpga_top; do \
	  yosys -q -l $(FPGA_BUILD)/lint/yosys_$$top.log \
	    -p "read_verilog $(FPGA_RTL) $(FPGA_DIR)/tests/lint_stub/rs_top.v; chparam -set MEM_BYTES 256 rs_fpga_top; synth -top $$top; check -assert" \
	    >/dev/null 2>&1 || { echo "fpga-lint: yosys check -assert failed for $$top (log: $(FPGA_BUILD)/lint/yosys_$$top.log)" >&2; exit 1; }; \
	done
	@echo "fpga-lint: verilator -Wall and yosys check -assert clean"

# Bit-level UART test of the bridge against a fake CSR/stream target (iverilog).
fpga-bridge-test: fpga-lint
	@mkdir -p $(FPGA_BUILD)/bridge_test
	@iverilog -g2005 -Wall -Wno-timescale -o $(FPGA_BUILD)/bridge_test/rs_uart_bridge_tb.vvp \
	  -s rs_uart_bridge_tb $(FPGA_TB) $(FPGA_BRIDGE_RTL) \
	  || { echo "fpga-bridge-test: iverilog failed to compile the test" >&2; exit 1; }
	@cd $(FPGA_BUILD)/bridge_test && vvp -n rs_uart_bridge_tb.vvp > rs_uart_bridge_tb.log 2>&1; rc=$$?; \
	  grep -E '^FAIL|passed, ' rs_uart_bridge_tb.log; \
	  if [ $$rc -ne 0 ] || ! grep -q ' 0 failed' rs_uart_bridge_tb.log; then \
	    echo "fpga-bridge-test: bridge test failed (log: $(FPGA_BUILD)/bridge_test/rs_uart_bridge_tb.log)" >&2; exit 1; fi

fpga-help:
	@echo "netlist-sim BOARD=NAME  the board's Yosys netlist, Verilated with Yosys's cell models, runs layers bit-exact"
	@echo "fpga BOARD=NAME   bitstream + build/fpga/NAME/report.{json,md} (BOARD_OPTS=... overrides the sizes)"
	@echo "fpga-bridge-test  lint + bit-level simulation of the UART bridge (fpga/tests)"
	@echo "fpga-lint         Verilator -Wall + Yosys check -assert on the fpga/ Verilog"
