#!/bin/sh
# regress_summary.sh LOGDIR WALL_SECONDS JOBS - one screen on the logs the
# rsregress makefile wrote: counts per group, the cycle model's error against
# the hardware's counters, the slowest layers, and every failure with the
# exact command that reproduces it. Exit 1 if any layer failed.
dir=$1; wall=${2:-?}; jobs=${3:-?}
[ -d "$dir" ] || { echo "regress_summary: $dir: no such directory"; exit 2; }
for f in "$dir"/*.log; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .log)
    awk -v name="$name" '
        /^cmd: /      { cmd = substr($0, 6) }
        /^expect: /   { expect = $2 }
        /^exit: /     { rc = $2 }
        /^wall_ms: /  { ms = $2 }
        /^check +PASS/ { pass = 1 }
        /^check +FAIL/ { why = $0 }
        /^rsrun: /    { if (why == "") why = $0 }
        /^measured /  { meas = $2; exp_ = $5 }
        END {
            ok = (rc != "" && rc == expect && (expect != 0 || pass))
            if (!ok && why == "") why = "exit status " (rc == "" ? "none" : rc) ", expected " expect
            group = name; sub(/^r[0-9]+-/, "", group)
            if (name ~ /^limit-/) group = "limits"
            else if (name ~ /^(alexnet|vgg16)-/) group = "full-size"
            printf "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\n", name, group, ok, ms + 0, meas, exp_, why, cmd
        }' "$f"
done | awk -F '\t' -v wall="$wall" -v jobs="$jobs" '
    {
        n++; g[$2]++; if ($3) { ok++; gok[$2]++ } else { bad[++nb] = $1 "\t" $7 "\t" $8 }
        if ($4 > slow_ms[3]) {   # keep the three slowest
            slow_ms[3] = $4; slow[3] = $1
            for (i = 3; i > 1 && slow_ms[i] > slow_ms[i-1]; i--) {
                t = slow_ms[i]; slow_ms[i] = slow_ms[i-1]; slow_ms[i-1] = t
                t = slow[i]; slow[i] = slow[i-1]; slow[i-1] = t
            }
        }
        cpu += $4
        if ($5 != "" && $6 > 0) {
            e = 100 * ($5 - $6) / $6; ae = e < 0 ? -e : e
            err[++ne] = ae; sum_ae += ae
            if (ae > worst) { worst = ae; worst_e = e; worst_n = $1 }
            if (g_n[$2] == "" || ae > g_w[$2]) g_w[$2] = ae
            g_sum[$2] += ae; g_n[$2]++
            if ($2 == "full-size") full = full sprintf("\n    %-14s measured %10d expected %10d (%+.1f%%)", $1, $5, $6, e)
        }
    }
    END {
        printf "regress: %d layers, %d passed, %d failed; %s s wall with %s jobs (%.0f s of runs)\n",
               n, ok, n - ok, wall, jobs, cpu / 1000
        line = "  by group:"
        for (k in g) line = line sprintf(" %s %d/%d,", k, gok[k] + 0, g[k])
        print substr(line, 1, length(line) - 1)
        if (ne) {
            # median by insertion sort (a few hundred values)
            for (i = 2; i <= ne; i++) { v = err[i]; for (j = i - 1; j >= 1 && err[j] > v; j--) err[j+1] = err[j]; err[j+1] = v }
            printf "  cycle model vs hardware counters on %d runs: mean |error| %.1f%%, median %.1f%%, 90th pct %.1f%%, worst %+.1f%% (%s)\n",
                   ne, sum_ae / ne, err[int((ne + 1) / 2)], err[(int(0.9 * ne) > 0 ? int(0.9 * ne) : 1)], worst_e, worst_n
            line = "  mean |error| by group:"
            for (k in g_n) line = line sprintf(" %s %.1f%% (worst %.1f%%),", k, g_sum[k] / g_n[k], g_w[k])
            print substr(line, 1, length(line) - 1)
        }
        if (full != "") printf "  full-size layers:%s\n", full
        printf "  slowest: %s %.0f s, %s %.0f s, %s %.0f s\n", slow[1], slow_ms[1] / 1000, slow[2], slow_ms[2] / 1000,
               slow[3], slow_ms[3] / 1000
        for (i = 1; i <= nb && i <= 15; i++) {
            split(bad[i], b, "\t")
            printf "FAIL %s: %s\n  reproduce: %s\n", b[1], b[2], b[3]
        }
        if (nb > 15) printf "... and %d more failures (logs in the regress directory)\n", nb - 15
        exit nb ? 1 : 0
    }'
