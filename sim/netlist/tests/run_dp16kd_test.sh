#!/bin/sh
# run_dp16kd_test.sh [OUT_DIR [NAME...]] - unit test of sim/netlist/DP16KD.v: small
# RTL RAMs (dp16kd_ram.v) in the widths, depths and read/write modes that
# synth_ecp5 maps to DP16KD are synthesized by Yosys, and each netlist is
# simulated (Icarus Verilog) beside its RTL under random stimulus
# (dp16kd_tb.v), with Yosys's ECP5 cell models less their empty DP16KD
# plus our DP16KD.v. Each variant must map to DP16KD and match bit for
# bit. dp16kd_model_tb.v checks the modes Yosys does not produce (OUTREG,
# chip selects) and that parameters outside the model stop it. The first
# variant is also run with Yosys's empty DP16KD, which must fail (the bench
# can tell). Exit 0 all pass, 1 a mismatch, 2 a tool error. About 12 min of
# CPU, most of it Yosys (OUT_DIR keeps the netlists for the next run).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-build/dp16kd_test}
[ $# -gt 0 ] && shift
only="$*"   # the variants to run (default: all)
mkdir -p "$out"
out=$(cd "$out" && pwd)
share=$(dirname "$(dirname "$(command -v yosys)")")/share/yosys
# Yosys's ECP5 cell models without their empty DP16KD (as build_netlist_model.sh does)
sed '/^(\* blackbox \*)$/{N;/\nmodule DP16KD(/{:a;N;/\nendmodule/!ba;d}}' "$share/ecp5/cells_sim.v" >"$out/cells_sim_ecp5.v"
! grep -q "module DP16KD" "$out/cells_sim_ecp5.v" || { echo "run_dp16kd_test: DP16KD still in cells_sim_ecp5.v" >&2; exit 2; }
# name: RTL parameters (dp16kd_ram.v)
variants="
sdp36:AW=9 DW=36 INIT=1
sdp32_be8:AW=9 DW=32 BW=8
sdp_w36_r9:AW=11 DW=9 BW=9 LA=2 INIT=1
sdp_w9_r18:AW=11 DW=9 BW=9 LB=1 INIT=1
sdp1:AW=14 DW=1 BW=1 INIT=1
sdp2_srst:AW=13 DW=2 BW=2 RST=1
sdp4_arst:AW=12 DW=4 BW=4 RST=3 INIT=1
sdp18_deep:AW=12 DW=18 BW=18 INIT=1
tdp18_normal:AW=10 DW=18 BW=9 RD_A=1 WR_B=1 XCOL=1 RST=1
tdp9_through:AW=11 DW=9 BW=9 RD_A=1 WR_B=1 RDW_A=1 RDW_B=1 XCOL=1 INIT=1
tdp4_old:AW=12 DW=4 BW=4 RD_A=1 WR_B=1 RDW_A=2 RDW_B=2 XCOL=1 RST=2
tdp16_mixed:AW=10 DW=16 BW=8 RD_A=1 WR_B=1 RDW_A=0 RDW_B=2 XCOL=1 INIT=1
tdp18_through_be:AW=10 DW=18 BW=9 RD_A=1 WR_B=1 RDW_A=1 RDW_B=2 XCOL=1 INIT=1
sdp2_addrreg:AW=13 DW=2 BW=2 RDW_B=3
tdp1_through:AW=14 DW=1 BW=1 RD_A=1 WR_B=1 RDW_A=1 RDW_B=2 XCOL=1 INIT=1
tdp18_negedge:AW=10 DW=18 BW=18 RD_A=1 WR_B=1 XCOL=1 NEG=1 RST=1
"
run() { # run NAME PARAMS DP16KD_MODEL [TAG] -> bench output in $out/NAME[TAG].sim
    name=$1 params=$2 model=$3 tag=${4:-}
    chp="" ivp=""
    for p in $params; do
        chp="$chp -set ${p%%=*} ${p#*=}"
        ivp="$ivp -Pdp16kd_tb.${p%%=*}=${p#*=}"
    done
    if [ ! -f "$out/$name.v" ] || [ "$here/dp16kd_ram.v" -nt "$out/$name.v" ]; then   # netlists are kept
        yosys -p "read_verilog $here/dp16kd_ram.v; chparam $chp dp16kd_ram; synth_ecp5 -top dp16kd_ram;
                  rename dp16kd_ram dp16kd_ram_gates; write_verilog -noattr $out/$name.v; tee -o $out/$name.stat stat" \
            >"$out/$name.yosys.log" 2>&1 || { tail -3 "$out/$name.yosys.log" >&2; echo "run_dp16kd_test: $name: yosys failed" >&2; exit 2; }
    fi
    grep -q "DP16KD " "$out/$name.stat" || { echo "run_dp16kd_test: $name: no DP16KD in the netlist" >&2; exit 2; }
    iverilog -g2012 -o "$out/$name$tag.vvp" -s dp16kd_tb $ivp -I"$share/ecp5" \
        "$here/dp16kd_tb.v" "$here/dp16kd_ram.v" "$out/$name.v" "$out/cells_sim_ecp5.v" $model \
        >"$out/$name$tag.iverilog.log" 2>&1 || { head -5 "$out/$name$tag.iverilog.log" >&2; echo "run_dp16kd_test: $name: iverilog failed" >&2; exit 2; }
    vvp -n "$out/$name$tag.vvp" >"$out/$name$tag.sim" 2>&1 || true
}
modes() { # the DP16KD parameters of a netlist, one line
    awk '/DP16KD #\(/,/\) /' "$1" | grep -v INITVAL | sed -n 's/^ *\.\([A-Z_]*\)(\(.*\)),*$/\1=\2/p' |
        grep -E "DATA_WIDTH|WRITEMODE|RESETMODE|CLK.MUX" | sed "s/32'd//" | sort -u | tr -d '"' | tr '\n' ' '
}
status=0
while IFS=: read -r name params; do
    [ -n "$name" ] || continue
    [ -z "$only" ] || case " $only " in *" $name "*) ;; *) continue ;; esac
    run "$name" "$params" "$here/../DP16KD.v"
    n=$(grep -c "DP16KD " "$out/$name.v")
    if grep -q "dp16kd_tb: PASS" "$out/$name.sim"; then
        echo "dp16kd: $name: $(sed -n 's/.*PASS (\(.*\))/\1/p' "$out/$name.sim"); $n DP16KD: $(modes "$out/$name.v")"
    else
        echo "dp16kd: $name: FAIL ($params)"; head -12 "$out/$name.sim"; status=1
    fi
done <<EOF
$variants
EOF
# the modes Yosys does not produce (OUTREG, chip selects) against the model's
# own plain mode, and parameters outside the model stopping the simulation
model_tb() { # model_tb BAD -> bench output on stdout
    iverilog -g2012 -o "$out/model$1.vvp" -s dp16kd_model_tb -Pdp16kd_model_tb.BAD="$1" \
        "$here/dp16kd_model_tb.v" "$here/../DP16KD.v" >"$out/model$1.iverilog.log" 2>&1 ||
        { head -5 "$out/model$1.iverilog.log" >&2; echo "run_dp16kd_test: dp16kd_model_tb: iverilog failed" >&2; exit 2; }
    vvp -n "$out/model$1.vvp" 2>&1 || true
}
r=$(model_tb 0)
case "$r" in
*"dp16kd_model_tb: PASS"*) echo "dp16kd: OUTREG and CSDECODE: $(echo "$r" | sed -n 's/.*PASS (\(.*\))/\1/p')" ;;
*) echo "dp16kd: OUTREG and CSDECODE: FAIL"; echo "$r" | head -12; status=1 ;;
esac
for bad in "1 DATA_WIDTH_A" "2 WRITEMODE_B" "3 RESETMODE" "4 MUX"; do
    r=$(model_tb "${bad% *}")
    case "$r" in
    *"DP16KD: "*"${bad#* }"*) case "$r" in *PASS*) ok=0 ;; *) ok=1 ;; esac ;;
    *) ok=0 ;;
    esac
    if [ $ok = 1 ]; then echo "dp16kd: a bad ${bad#* }: stopped at the start ($(echo "$r" | head -1))"
    else echo "dp16kd: a bad ${bad#* }: not stopped"; echo "$r" | head -3; status=1; fi
done
# the bench can fail: the first variant with Yosys's empty DP16KD
first=$(echo "$variants" | sed -n '2p')
sed -n '/^(\* blackbox \*)$/{N;/\nmodule DP16KD(/{:a;N;/\nendmodule/!ba;p}}' "$share/ecp5/cells_sim.v" >"$out/DP16KD_empty.v"
run "${first%%:*}" "${first#*:}" "$out/DP16KD_empty.v" .empty
if grep -q "dp16kd_tb: FAIL" "$out/${first%%:*}.empty.sim"; then
    echo "dp16kd: ${first%%:*} with Yosys's empty DP16KD: fails, as it must"
else
    echo "dp16kd: ${first%%:*} with Yosys's empty DP16KD: not a failure (the bench cannot tell)"; status=1
fi
exit $status
