#!/bin/sh
# farm.sh - the random-layer regression split into chunks and run on a
# scheduler: Slurm job arrays (a cluster, or tests/slurm/single_node.sh on
# this machine) or GNU parallel on one machine (docs/regression.md).
#
#   farm.sh run --out DIR --count N [--configs a,b,..] [--runner slurm|parallel]
#               [--chunk K] [--seed S] [--jobs J] [--gen-dir D] [--bin D]
#               [--sbatch-args "..."] [--no-wait]
#       plans ceil(N/K) chunks, submits them (sbatch --array=0-(chunks-1), or
#       parallel -j J), waits, then merges (unless --no-wait: then run
#       `farm.sh merge DIR` once the array has finished)
#   farm.sh chunk DIR I     runs chunk I (what each array task runs)
#   farm.sh merge DIR       merges the chunks' results (tests/farm/merge.py)
#
# The N layers are exactly those of `rsregress --count N` with the same seed
# and configurations (layer i on configuration i mod the number of them);
# chunk I is layers I*K .. I*K+K-1 (`rsregress --first I*K --count K`), run
# one after another into DIR/chunk-NNNN/ as `make regress` runs its layers
# (layers.mk, logs/, then layers.csv and junit.xml by regress_summary.sh).
# DIR/farm.conf and DIR/chunks.tsv describe the plan; the merge writes
# DIR/layers.csv, DIR/junit.xml and DIR/summary.txt. On a cluster DIR, the
# tools and the models (--bin, --gen-dir) must be on a file system every
# node sees. Exit status: 0 every layer bit-exact, 1 a layer failed or is
# missing, 2 bad use or the scheduler failed.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
die() { echo "farm: $*" >&2; exit 2; }

run() {
    out= count= configs=default,small,dw8,wide,zskip,zskip8 runner=parallel chunk=50 seed=1 jobs=$(nproc)
    gen=$ROOT/build/gen bin=$ROOT/build/bin sargs= wait=1
    while [ $# -gt 0 ]; do
        case $1 in
        --out) out=$2; shift ;;
        --count) count=$2; shift ;;
        --configs) configs=$(echo "$2" | tr ' ' ,); shift ;;
        --runner) runner=$2; shift ;;
        --chunk) chunk=$2; shift ;;
        --seed) seed=$2; shift ;;
        --jobs) jobs=$2; shift ;;
        --gen-dir) gen=$2; shift ;;
        --bin) bin=$2; shift ;;
        --sbatch-args) sargs=$2; shift ;;
        --no-wait) wait=0 ;;
        *) die "run: unknown option '$1' (see the head of $0)" ;;
        esac
        [ $# -gt 0 ] && shift
    done
    [ -n "$out" ] || die "run: --out DIR missing"
    case $count in ''|*[!0-9]*) die "--count: give a number of layers" ;; esac
    case $chunk in ''|*[!0-9]*|0) die "--chunk: give layers per chunk (>= 1)" ;; esac
    case $seed in ''|*[!0-9]*) die "--seed: give a number" ;; esac
    case $runner in slurm|parallel) ;; *) die "--runner: slurm or parallel, not '$runner'" ;; esac
    [ "$count" -ge 1 ] || die "--count: at least 1"
    gen=$(cd "$gen" 2>/dev/null && pwd) || die "--gen-dir: no such directory"
    bin=$(cd "$bin" 2>/dev/null && pwd) || die "--bin: no such directory"
    for t in rsregress rsrun; do [ -x "$bin/$t" ] || die "$bin/$t: missing (make all)"; done
    for c in $(echo "$configs" | tr , ' '); do
        [ -f "$gen/$c/model/librs_model.so" ] || die "$gen/$c: no model (make $gen/$c/model/librs_model.so)"
    done
    case $runner in
    slurm) command -v sbatch >/dev/null 2>&1 || die "sbatch: missing (a Slurm cluster, or tests/slurm/single_node.sh start)" ;;
    parallel) command -v parallel >/dev/null 2>&1 || die "parallel: missing (apt-get install parallel)" ;;
    esac
    # the layer list must draw: checks the configurations and the seed now
    "$bin/rsregress" --list --configs "$configs" --gen-dir "$gen" --rsrun "$bin/rsrun" --seed "$seed" \
        --count 1 >/dev/null || exit 2

    mkdir -p "$out" && out=$(cd "$out" && pwd) || die "$out: cannot create"
    [ ! -e "$out/chunks.tsv" ] || die "$out: holds a farm run already (give a new --out)"
    nchunks=$(( (count + chunk - 1) / chunk ))
    cat >"$out/farm.conf" <<EOF
# written by tests/farm/farm.sh run
COUNT=$count
CHUNK=$chunk
CHUNKS=$nchunks
SEED=$seed
CONFIGS=$configs
GEN_DIR=$gen
BIN=$bin
RUNNER=$runner
START=$(date +%s)
EOF
    i=0
    while [ $i -lt $nchunks ]; do
        f=$((i * chunk)); n=$chunk
        [ $((f + n)) -le "$count" ] || n=$((count - f))
        printf '%d\t%d\t%d\tchunk-%04d\n' $i $f $n $i
        i=$((i + 1))
    done >"$out/chunks.tsv"
    echo "farm: $count layers of seed $seed on $configs: $nchunks chunks of up to $chunk, runner $runner (run directory $out)"

    case $runner in
    slurm)
        mkdir -p "$out/slurm"
        # one CPU per task (a chunk runs its layers one after another)
        set -- --parsable --job-name=rsregress --array=0-$((nchunks - 1)) --cpus-per-task=1 \
            --output="$out/slurm/%A_%a.out" --chdir="$out"
        [ $wait = 1 ] && set -- "$@" --wait
        # shellcheck disable=SC2086
        jid=$(sbatch "$@" $sargs --wrap "sh '$HERE/farm.sh' chunk '$out' \$SLURM_ARRAY_TASK_ID")
        rc=$?
        echo "${jid%%;*}" >"$out/slurm/job_id"
        [ $rc -eq 0 ] || [ -n "$jid" ] || die "sbatch failed (exit $rc)"
        if [ $wait = 0 ]; then
            echo "farm: submitted job array ${jid%%;*}; when it has finished: sh $HERE/farm.sh merge $out"
            exit 0
        fi
        # sbatch --wait: non-zero when a task failed; the merge reports which
        [ $rc -eq 0 ] || echo "farm: sbatch --wait: exit $rc (a chunk failed; see the merge)"
        ;;
    parallel)
        # --halt never: every chunk runs, whatever the others did
        seq 0 $((nchunks - 1)) | parallel -j "$jobs" --halt never --joblog "$out/parallel.log" \
            sh "$HERE/farm.sh" chunk "$out" '{}' >"$out/parallel.out" 2>&1
        ;;
    esac
    echo "END=$(date +%s)" >>"$out/farm.conf"
    merge "$out"
}

# one chunk: its layers one after another, as `make regress` runs them
chunk() {
    [ $# -eq 2 ] || die "usage: farm.sh chunk DIR I"
    d=$1; i=$2
    [ -f "$d/farm.conf" ] || die "$d/farm.conf: missing (not a farm run directory)"
    . "$d/farm.conf"
    line=$(awk -F '\t' -v i="$i" '$1 == i' "$d/chunks.tsv")
    [ -n "$line" ] || die "$d: no chunk $i"
    first=$(echo "$line" | cut -f2); n=$(echo "$line" | cut -f3); c=$d/$(echo "$line" | cut -f4)
    rm -rf "$c" && mkdir -p "$c/logs" || die "$c: cannot create"
    echo "farm: chunk $i: layers $first..$((first + n - 1)) on $(hostname) from $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    t0=$(date +%s)
    "$BIN/rsregress" --configs "$CONFIGS" --gen-dir "$GEN_DIR" --rsrun "$BIN/rsrun" --seed "$SEED" \
        --first "$first" --count "$n" --makefile "$c/layers.mk" --logs "$c/logs" || exit 2
    make --no-print-directory -k -j1 -f "$c/layers.mk" >"$c/run.log" 2>&1
    sh "$ROOT/tests/regress_summary.sh" "$c" $(( $(date +%s) - t0 )) 1 >"$c/summary.txt"
    rc=$?
    printf 'host %s\nstart %s\nend %s\n' "$(hostname)" "$t0" "$(date +%s)" >"$c/times"
    head -n 1 "$c/summary.txt"
    # a layer that failed is a result, not a failure of the task
    [ $rc -le 1 ] || exit 2
    exit 0
}

merge() {
    [ $# -eq 1 ] || die "usage: farm.sh merge DIR"
    [ -f "$1/chunks.tsv" ] || die "$1/chunks.tsv: missing (not a farm run directory)"
    python3 "$HERE/merge.py" "$1"
}

[ $# -ge 1 ] || die "usage: farm.sh run|chunk|merge ... (see the head of $0)"
what=$1; shift
case $what in
run) run "$@" ;;
chunk) chunk "$@" ;;
merge) merge "$@" ;;
*) die "usage: farm.sh run|chunk|merge ... (see the head of $0)" ;;
esac
