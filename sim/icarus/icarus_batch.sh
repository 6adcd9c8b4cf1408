#!/bin/sh
# icarus_batch.sh BIN_DIR GEN_DIR NAME COUNT SEED BUDGET RUN_DIR - seeded
# random layers (rsregress) of configuration GEN_DIR/NAME, each run by rsrun
# --uart on both simulations of the board top: Verilator
# (GEN_DIR/NAME/board/rs_board_sim) and Icarus (GEN_DIR/NAME/icarus/
# rs_icarus_sim). A layer passes when both runs exit 0, bit-exact against the
# golden reference, and their reports are the same line for line (cycles and
# every counter) but for the `board` line (wall-clock seconds).
# BUDGET: rsregress --budget (expected cycles on 168 PEs; keep it small,
# Icarus simulates about ten thousand cycles a second).
# RUN_DIR gets layers.txt, logs/NAME.{verilator,icarus}.log (each starting
# with its command), NAME.diff for a layer whose reports differ, and the
# simulations' own messages (verilator.err, icarus.err: cycles, cycles/s).
# Exit status 0 all passed, 1 a layer failed, 2 bad input or no simulation.
set -u
usage="usage: icarus_batch.sh BIN_DIR GEN_DIR NAME COUNT SEED BUDGET RUN_DIR"
[ $# -eq 7 ] || { echo "$usage" >&2; exit 2; }
bin=$1 gen=$2 name=$3 count=$4 seed=$5 budget=$6 run=$7
vsim=$gen/$name/board/rs_board_sim
isim=$gen/$name/icarus/rs_icarus_sim
for f in "$bin/rsrun" "$bin/rsregress" "$vsim" "$isim"; do
    [ -x "$f" ] || { echo "icarus_batch: $f: not built" >&2; exit 2; }
done
mkdir -p "$run/logs" || exit 2
rm -f "$run/verilator.pty" "$run/icarus.pty"

"$vsim" --pty-file "$run/verilator.pty" >/dev/null 2>"$run/verilator.err" &
vpid=$!
"$isim" --pty-file "$run/icarus.pty" >/dev/null 2>"$run/icarus.err" &
ipid=$!
trap 'kill $vpid $ipid 2>/dev/null' EXIT
trap 'exit 2' INT TERM
k=0
while [ ! -s "$run/verilator.pty" ] || [ ! -s "$run/icarus.pty" ]; do
    k=$((k + 1))
    [ $k -lt 300 ] || { echo "icarus_batch: the simulations gave no terminal within 30 s" >&2; exit 2; }
    sleep 0.1
done
vpty=$(cat "$run/verilator.pty")
ipty=$(cat "$run/icarus.pty")

# the same layers twice (they depend only on the seed): for each terminal;
# Icarus's replies take long, hence rsrun --timeout
list() {
    "$bin/rsregress" --configs "$name" --gen-dir "$gen" --rsrun "$bin/rsrun" --seed "$seed" --count "$count" \
        --budget "$budget" --uart "$@" --list
}
list "$vpty" >"$run/layers.txt" || exit 2
list "$ipty" --timeout 300000 >"$run/layers-icarus.txt" || exit 2
echo "icarus-batch: $count layers of $gen/$name, seed $seed, on Verilator ($vpty) and Icarus ($ipty); run directory $run"

tab=$(printf '\t')
pass=0 fail=0 i=0 start=$(date +%s)
while [ $i -lt "$count" ]; do
    i=$((i + 1))
    line=$(sed -n "${i}p" "$run/layers.txt")
    iline=$(sed -n "${i}p" "$run/layers-icarus.txt")
    lname=${line%%"$tab"*}
    vcmd=${line##*"$tab"}
    icmd=${iline##*"$tab"}
    vlog=$run/logs/$lname.verilator.log
    ilog=$run/logs/$lname.icarus.log
    { echo "cmd: $vcmd"; sh -c "$vcmd"; echo "exit: $?"; } >"$vlog" 2>&1
    t0=$(date +%s)
    { echo "cmd: $icmd"; sh -c "$icmd"; echo "exit: $?"; } >"$ilog" 2>&1
    secs=$(( $(date +%s) - t0 ))
    cycles=$(sed -n 's/^cycles *\([0-9]*\) .*/\1/p' "$ilog")
    # the reports less the commands and the wall-clock line
    sed '1d;/^board /d' "$vlog" >"$run/logs/$lname.v.tmp"
    sed '1d;/^board /d' "$ilog" >"$run/logs/$lname.i.tmp"
    if grep -q '^exit: 0$' "$vlog" && grep -q '^exit: 0$' "$ilog" && grep -q '^check *PASS' "$ilog" &&
       diff "$run/logs/$lname.v.tmp" "$run/logs/$lname.i.tmp" >"$run/logs/$lname.diff"; then
        pass=$((pass + 1))
        rm -f "$run/logs/$lname.diff"
        echo "icarus-batch: $lname PASS: $(sed -n 's/^check *PASS: //p' "$ilog"), ${cycles:-?} cycles on both ($secs s on Icarus)"
    else
        fail=$((fail + 1))
        echo "icarus-batch: $lname FAIL ($secs s on Icarus): $vlog, $ilog$( [ -s "$run/logs/$lname.diff" ] && echo ", $run/logs/$lname.diff")"
    fi
    rm -f "$run/logs/$lname.v.tmp" "$run/logs/$lname.i.tmp"
done

# the simulations print their cycle counts as they end
kill $vpid $ipid 2>/dev/null
wait $vpid $ipid 2>/dev/null
trap - EXIT
echo "icarus-batch: $pass of $count layers bit-exact with the same cycles and counters on Icarus and Verilator" \
     "($(( $(date +%s) - start )) s); $(sed -n 's/^rs_icarus_pty: //p' "$run/icarus.err")"
[ $fail -eq 0 ]
