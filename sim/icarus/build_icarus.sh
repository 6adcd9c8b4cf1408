#!/bin/sh
# build_icarus.sh GEN_DIR OUT_DIR - the board top (fpga/*.v: UART, bridge,
# board memory) around the generated accelerator in GEN_DIR under Icarus
# Verilog, its UART on a pseudo-terminal: the Icarus twin of
# sim/board/build_board.sh. Writes
#   OUT_DIR/rs_icarus.vvp      the compiled design (rs_icarus_tb.v as top)
#   OUT_DIR/rs_icarus_pty.vpi  the VPI module that drives the UART pins
#   OUT_DIR/rs_icarus_sim      runs them: rs_icarus_sim [--pty-file F] [--exit-with-parent]
#                              (the options of rs_board_sim; vvp replaces the script)
# The UART runs at 8 clocks per bit, as in build_board.sh. iverilog -g2012:
# rs_popcount.v counts bits with $countones, which Icarus knows only as
# SystemVerilog.
set -eu
usage="usage: build_icarus.sh GEN_DIR OUT_DIR"
[ $# -eq 2 ] || { echo "$usage" >&2; exit 2; }
[ -f "$1/files.f" ] || { echo "build_icarus: $1/files.f: not found (run rsgen --out $1 first)" >&2; exit 2; }
gen=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
fpga=$(cd "$here/../../fpga" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
clk_hz=1000000
baud=125000
log=$out/iverilog.log
echo "build_icarus: compiling the board top of $gen for Icarus (log: $log)" >&2
(cd "$gen" && iverilog -g2012 -Wall -Wno-sensitivity-entire-array -s rs_icarus_tb \
    -P rs_icarus_tb.CLK_HZ=$clk_hz -P rs_icarus_tb.BAUD=$baud -o "$out/.rs_icarus.vvp.tmp" \
    -f files.f "$fpga"/*.v "$here/rs_icarus_tb.v") >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
# shellcheck disable=SC2046 # iverilog-vpi prints a list of options
${CC:-cc} -std=c11 -O2 -Wall -Wextra -Werror -fPIC -I/usr/include/iverilog -shared \
    -o "$out/.rs_icarus_pty.vpi.tmp" "$here/rs_icarus_pty.c" $(iverilog-vpi --ldflags) $(iverilog-vpi --ldlibs)
cat >"$out/.rs_icarus_sim.tmp" <<EOF
#!/bin/sh
# rs_icarus_sim [--pty-file F] [--exit-with-parent]: the Icarus board top
# (build_icarus.sh) behind a pseudo-terminal; prints its path
pty=""
ewp=""
while [ \$# -gt 0 ]; do
    case "\$1" in
        --pty-file) [ \$# -ge 2 ] || { echo "rs_icarus_sim: --pty-file: give a file" >&2; exit 2; }
                    pty=\$2; shift 2 ;;
        --exit-with-parent) ewp=1; shift ;;
        *) echo "usage: rs_icarus_sim [--pty-file F] [--exit-with-parent]" >&2; exit 2 ;;
    esac
done
set --
[ -z "\$pty" ] || set -- "\$@" "+pty-file=\$pty"
[ -z "\$ewp" ] || set -- "\$@" +exit-with-parent
exec vvp -n -M "$out" -m rs_icarus_pty "$out/rs_icarus.vvp" "\$@"
EOF
chmod +x "$out/.rs_icarus_sim.tmp"
mv "$out/.rs_icarus.vvp.tmp" "$out/rs_icarus.vvp"
mv "$out/.rs_icarus_pty.vpi.tmp" "$out/rs_icarus_pty.vpi"
mv "$out/.rs_icarus_sim.tmp" "$out/rs_icarus_sim"
