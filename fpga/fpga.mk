# fpga/fpga.mk: FPGA flows (included by the top-level Makefile; run make from
# the repository root). Every product goes under build/ (FPGA_BUILD, *_GEN).
#
#   make fpga-ice40          iCE40 UP5K (iCEBreaker): rsgen -> yosys -> nextpnr -> icepack + report
#   make fpga-ecp5           ECP5 LFE5U-85F (ULX3S): rsgen -> yowasp yosys/nextpnr/ecppack + report
#   make fpga-bridge-test    lint + check + bit-level simulation of the UART bridge
#   make fpga-lint           Verilator -Wall and Yosys `check -assert` on fpga/*.v (no generator needed)
#   make fpga-tools-ice40 / fpga-tools-ecp5   only install the tools and print their versions
#
# Pick another configuration: make fpga-ecp5 ECP5_OPTS="--rows 12 --cols 14"
# Use RTL generated elsewhere (no rsgen run): make fpga-ice40 ICE40_GEN=dir RSGEN_TARGET= FPGA_RUN_RSGEN=0

FPGA_DIR   := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
FPGA_BUILD ?= build/fpga
RSGEN      ?= build/bin/rsgen
# make target that builds $(RSGEN) (defined by the top-level Makefile)
RSGEN_TARGET ?= rsgen
# 1: run $(RSGEN) to (re)generate the RTL; 0: use what is in $(ICE40_GEN)/$(ECP5_GEN)
FPGA_RUN_RSGEN ?= 1

# iCE40 UP5K: 5280 LUT4, 8 SB_MAC16, 30 SB_RAM40_4K, 4 SPRAM; board clock 12 MHz.
# The design no longer fits: 2x1 PEs need 12,164 logic cells (230%, rsgen 0.11.0) since the
# global buffer, AXI master, RLC codec and STORE path joined the core.
ICE40_OPTS ?= --rows 2 --cols 1 --dw 8 --pw 16 --ifmap-spad 4 --filter-spad 16 --psum-spad 2 --glb-kb 4 --cmd-fifo 64
ICE40_GEN  ?= build/gen/ice40
# ECP5 LFE5U-85F: 83640 LUT4, 156 MULT18X18D, 208 DP16KD; board clock 25 MHz
ECP5_OPTS  ?= --rows 4 --cols 4
ECP5_GEN   ?= build/gen/ecp5

ifeq ($(FPGA_RUN_RSGEN),1)
FPGA_GEN_DEP := $(RSGEN_TARGET)
endif

# the board top: every Verilog file of fpga/ (rs_fpga_flow.sh reads the same)
FPGA_RTL := $(wildcard $(FPGA_DIR)/*.v)
FPGA_TB  := $(FPGA_DIR)/tests/rs_uart_bridge_tb.v $(FPGA_DIR)/tests/rs_fake_target.v
FPGA_BRIDGE_RTL := $(FPGA_DIR)/rs_uart_bridge.v $(FPGA_DIR)/rs_uart_fifo.v \
                   $(FPGA_DIR)/rs_uart_rx.v $(FPGA_DIR)/rs_uart_tx.v

.PHONY: fpga-ice40 fpga-ecp5 fpga-bridge-test fpga-lint fpga-tools-ice40 fpga-tools-ecp5 fpga-help

fpga-ice40: $(FPGA_GEN_DEP)
ifeq ($(FPGA_RUN_RSGEN),1)
	@test -x $(RSGEN) || { echo "fpga-ice40: $(RSGEN): not found (make $(RSGEN_TARGET))" >&2; exit 1; }
	@echo "fpga-ice40: $(RSGEN) $(ICE40_OPTS) --out $(ICE40_GEN)" >&2
	@$(RSGEN) $(ICE40_OPTS) --out $(ICE40_GEN)
endif
	@RSGEN_OPTS="$(ICE40_OPTS)" $(FPGA_DIR)/rs_fpga_flow.sh ice40 $(ICE40_GEN) $(FPGA_BUILD)/ice40

fpga-ecp5: $(FPGA_GEN_DEP)
ifeq ($(FPGA_RUN_RSGEN),1)
	@test -x $(RSGEN) || { echo "fpga-ecp5: $(RSGEN): not found (make $(RSGEN_TARGET))" >&2; exit 1; }
	@echo "fpga-ecp5: $(RSGEN) $(ECP5_OPTS) --out $(ECP5_GEN)" >&2
	@$(RSGEN) $(ECP5_OPTS) --out $(ECP5_GEN)
endif
	@RSGEN_OPTS="$(ECP5_OPTS)" $(FPGA_DIR)/rs_fpga_flow.sh ecp5 $(ECP5_GEN) $(FPGA_BUILD)/ecp5

fpga-tools-ice40:
	@$(FPGA_DIR)/rs_fpga_tools.sh ice40

fpga-tools-ecp5:
	@$(FPGA_DIR)/rs_fpga_tools.sh ecp5

# Lint: each hand-written FPGA module with Verilator -Wall (rs_fpga_top against
# a port-only rs_top stub), and Yosys `check -assert` after a generic synth.
fpga-lint:
	@$(FPGA_DIR)/rs_fpga_tools.sh test
	@for top in rs_uart_bridge rs_uart_rx rs_uart_tx rs_uart_fifo rs_fpga_reset rs_axi_null rs_fpga_top; do \
	  verilator --lint-only -Wall $(FPGA_RTL) $(FPGA_DIR)/tests/lint_stub/rs_top.v --top-module $$top \
	    || { echo "fpga-lint: verilator -Wall: $$top has warnings" >&2; exit 1; }; \
	done
	@mkdir -p $(FPGA_BUILD)/lint
	@for top in rs_uart_bridge rs_fpga_top; do \
	  yosys -q -l $(FPGA_BUILD)/lint/yosys_$$top.log \
	    -p "read_verilog $(FPGA_RTL) $(FPGA_DIR)/tests/lint_stub/rs_top.v; synth -top $$top; check -assert" \
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
	@echo "fpga-ice40        iCE40 UP5K/iCEBreaker bitstream + build/fpga/ice40/report.{json,md} (ICE40_OPTS=...)"
	@echo "fpga-ecp5         ECP5 85F/ULX3S bitstream + build/fpga/ecp5/report.{json,md} (ECP5_OPTS=...)"
	@echo "fpga-bridge-test  lint + bit-level simulation of the UART bridge (fpga/tests)"
	@echo "fpga-lint         Verilator -Wall + Yosys check -assert on the fpga/ Verilog"
