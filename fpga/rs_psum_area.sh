#!/bin/sh
# rs_psum_area.sh RTL_DIR WORK - what --psum-lanes 4 costs on an ECP5: each
# part it widens, at the default configuration's sizes, through Debian's
# Yosys (synth_ecp5, out of context) with two and with four psum lanes.
# Slots as `make pe-area` counts them: LUT4 + 2 per CCU2C + 8 per
# TRELLIS_DPR16X4. Row 0's psum-bus FIFOs count 14 times (one per column).
set -eu
rtl=$1; work=$2
mkdir -p "$work"
# name | files | top | parameters with two lanes | with four | copies
parts="buffer|rs_glb.v rs_glb_wide.v|rs_glb|-set BANKS 27 -set BANK_AW 9 -set AW 14|TOP=rs_glb_wide -set BANKS 27 -set BANK_AW 9 -set AW 14|1
output network|rs_fifo.v rs_fifo2.v rs_arb.v rs_out_net.v|rs_out_net|-set ROWS 12 -set COLS 14 -set DEPTH 12 -set PSL 2|-set ROWS 12 -set COLS 14 -set DEPTH 12 -set PSL 4|1
requantization|rs_requant.v|rs_requant|-set TW 10 -set L 2|-set TW 10 -set L 4|1
psum store|rs_psum_store.v|rs_psum_store|-set COLS 14 -set AW 14 -set PSL 2|-set COLS 14 -set AW 14 -set PSL 4|1
psum feed|rs_glb_read.v rs_psum_feed.v|rs_psum_feed|-set GLB_AW 14 -set PSL 2|-set GLB_AW 14 -set PSL 4|1
row-0 psum FIFOs|rs_lutram.v rs_psum_in.v|rs_psum_in|-set DEPTH 24 -set PL 2|-set DEPTH 24 -set PL 4|14"
synth() {   # files top params out -> "slots ff dp16kd"
    files=""; for f in $1; do files="$files $rtl/$f"; done
    yosys -q -p "read_verilog $files; chparam $3 $2; synth_ecp5 -top $2; tee -q -o $4 stat" >/dev/null
    # the totals of the design hierarchy, or the one module's when it has no submodules
    awk '/^=== / { split("", n) } $1 ~ /^(LUT4|CCU2C|TRELLIS_DPR16X4|TRELLIS_FF|DP16KD)$/ { n[$1] = $2 }
         END { printf "%d %d %d\n", n["LUT4"] + 2 * n["CCU2C"] + 8 * n["TRELLIS_DPR16X4"], n["TRELLIS_FF"], n["DP16KD"] }' "$4"
}
printf '| part | slots (2 lanes) | slots (4 lanes) | FF (2) | FF (4) | DP16KD (2) | DP16KD (4) |\n|---|---:|---:|---:|---:|---:|---:|\n'
echo "$parts" | {
    a2=0; a4=0; g2=0; g4=0; r2=0; r4=0
    while IFS='|' read -r name files top p2 p4 copies; do
        top4=$top
        case $p4 in TOP=*) top4=${p4%% *}; top4=${top4#TOP=}; p4=${p4#* } ;; esac
        set -- $(synth "$files" "$top" "$p2" "$work/$top.2.txt"); s2=$(($1 * copies)); f2=$(($2 * copies)); b2=$(($3 * copies))
        set -- $(synth "$files" "$top4" "$p4" "$work/$top4.4.txt"); s4=$(($1 * copies)); f4=$(($2 * copies)); b4=$(($3 * copies))
        label=$name; [ "$copies" -gt 1 ] && label="$name (x$copies)"
        printf '| %s | %d | %d | %d | %d | %d | %d |\n' "$label" "$s2" "$s4" "$f2" "$f4" "$b2" "$b4"
        a2=$((a2 + s2)); a4=$((a4 + s4)); g2=$((g2 + f2)); g4=$((g4 + f4)); r2=$((r2 + b2)); r4=$((r4 + b4))
    done
    printf '| all | %d | %d | %d | %d | %d | %d |\n' "$a2" "$a4" "$g2" "$g4" "$r2" "$r4"
}
