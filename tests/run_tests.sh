#!/bin/sh
# run_tests.sh BIN... - run Criterion test binaries one after another and
# close with one Criterion-style line summing them. Exit 1 if any failed.
tested=0; passing=0; failing=0; crashing=0; status=0
for bin in "$@"; do
    echo "== $bin"
    out=$("$bin" --jobs 2 2>&1); rc=$?
    printf '%s\n' "$out" | tail -n 40
    line=$(printf '%s\n' "$out" | grep 'Synthesis: Tested:' | tail -n 1)
    if [ -z "$line" ]; then
        echo "run_tests: $bin printed no Criterion summary (exit $rc)"
        status=1; crashing=$((crashing + 1)); continue
    fi
    eval "$(printf '%s\n' "$line" | sed 's/.*Tested: \([0-9]*\).*Passing: \([0-9]*\).*Failing: \([0-9]*\).*Crashing: \([0-9]*\).*/t=\1 p=\2 f=\3 c=\4/')"
    tested=$((tested + t)); passing=$((passing + p)); failing=$((failing + f)); crashing=$((crashing + c))
    [ "$rc" = 0 ] || status=1
done
echo "[====] Synthesis: Tested: $tested | Passing: $passing | Failing: $failing | Crashing: $crashing"
[ "$failing" = 0 ] && [ "$crashing" = 0 ] || status=1
exit $status
