#!/bin/sh
# single_node.sh start|stop|status|env [STATE_DIR] - a single-node Slurm
# cluster on this machine (Debian's slurm-wlm and munge), so that a batch of
# regression chunks is submitted (sbatch --array) and collected exactly as on
# a real cluster (docs/regression.md). Needs root (slurmd starts jobs as
# their user); no systemd: the daemons are started directly, each with a pid
# file, and `stop` ends exactly those.
#
# Everything lives under STATE_DIR (default build/slurm): a munge key and
# socket (munge/), slurm.conf with this host's name and CPUs (`slurmd -C`),
# its own ports (RS_SLURM_PORT, default 16817, and the next one) so that it
# does not meet a Slurm already installed, state, spool and logs. Clients
# find it with SLURM_CONF=STATE_DIR/slurm.conf (`single_node.sh env` prints
# the export line). One partition, `farm`, with every CPU; one CPU per task.
set -u
die() { echo "single_node: $*" >&2; exit 2; }
[ $# -ge 1 ] || die "usage: single_node.sh start|stop|status|env [STATE_DIR]"
cmd=$1
mkdir -p "${2:-build/slurm}" && S=$(cd "${2:-build/slurm}" && pwd) || die "${2:-build/slurm}: cannot create"
CONF=$S/slurm.conf
PORT=${RS_SLURM_PORT:-16817}
export SLURM_CONF=$CONF

# a pid file's process, if it is alive
alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_one() { # pidfile name
    alive "$1" || { rm -f "$1"; return 0; }
    pid=$(cat "$1")
    kill "$pid" 2>/dev/null
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    if kill -0 "$pid" 2>/dev/null; then
        echo "single_node: $2 (pid $pid) still running after 10 s: killing it" >&2
        kill -9 "$pid" 2>/dev/null
    fi
    rm -f "$1"
}

case $cmd in
env)
    echo "export SLURM_CONF=$CONF"
    ;;
status)
    for d in munged slurmctld slurmd; do
        if alive "$S/run/$d.pid"; then echo "$d: running (pid $(cat "$S/run/$d.pid"))"; else echo "$d: stopped"; fi
    done
    alive "$S/run/slurmctld.pid" && sinfo -h -o '%P %D %T %C' 2>/dev/null | sed 's/^/sinfo: /'
    ;;
stop)
    # running jobs end with slurmd
    alive "$S/run/slurmctld.pid" && scancel --partition=farm >/dev/null 2>&1
    stop_one "$S/run/slurmd.pid" slurmd
    stop_one "$S/run/slurmctld.pid" slurmctld
    stop_one "$S/run/munged.pid" munged
    echo "single_node: stopped (state kept in $S)"
    ;;
start)
    [ "$(id -u)" = 0 ] || die "start: needs root (slurmd runs jobs as their user); on a cluster use its Slurm"
    for t in munged slurmctld slurmd sbatch sinfo; do
        command -v $t >/dev/null 2>&1 || [ -x /usr/sbin/$t ] || die "$t: missing (apt-get install slurm-wlm munge)"
    done
    PATH=$PATH:/usr/sbin
    if alive "$S/run/slurmctld.pid" && alive "$S/run/slurmd.pid" && alive "$S/run/munged.pid"; then
        echo "single_node: already running ($CONF)"; exit 0
    fi
    sh "$0" stop "$S" >/dev/null
    mkdir -p "$S/munge" "$S/run" "$S/state" "$S/spool" "$S/log" || die "$S: cannot create its folders"
    chmod 700 "$S/munge"
    # munge: a key of this cluster's own; --force as the folders are not
    # munge's usual ones (and it runs as root)
    if [ ! -s "$S/munge/munge.key" ]; then
        dd if=/dev/urandom of="$S/munge/munge.key" bs=1024 count=1 2>/dev/null || die "munge key: cannot write"
    fi
    chmod 400 "$S/munge/munge.key"
    munged --force --key-file="$S/munge/munge.key" --socket="$S/munge/munge.socket" \
        --pid-file="$S/run/munged.pid" --log-file="$S/log/munged.log" --seed-file="$S/munge/munged.seed" \
        >"$S/log/munged.out" 2>&1 || die "munged did not start: $(tail -n 3 "$S/log/munged.out" "$S/log/munged.log" 2>/dev/null)"

    # slurm.conf: this host as the controller and the one node, both at
    # 127.0.0.1 (no name service needed)
    host=$(hostname -s)
    node=$(slurmd -C 2>/dev/null | sed -n 's/^\(NodeName=.*\)$/\1/p' | head -n 1)
    [ -n "$node" ] || node="NodeName=$host CPUs=$(nproc)"
    # memory is not managed (no limits): leave RealMemory out
    node=$(printf '%s\n' "$node" | sed 's/ RealMemory=[0-9]*//')
    cat >"$CONF" <<EOF
# written by tests/slurm/single_node.sh: a single-node Slurm for the regression farm
ClusterName=rsfarm
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$S/munge/munge.socket
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool
SlurmctldPidFile=$S/run/slurmctld.pid
SlurmdPidFile=$S/run/slurmd.pid
SlurmctldLogFile=$S/log/slurmctld.log
SlurmdLogFile=$S/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
MaxArraySize=100001
MaxJobCount=200000
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=farm Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
    # -c: start from a clean state (no jobs of an earlier run)
    slurmctld -c -f "$CONF" >"$S/log/slurmctld.out" 2>&1 ||
        die "slurmctld did not start: $(tail -n 5 "$S/log/slurmctld.log" 2>/dev/null)"
    slurmd -f "$CONF" >"$S/log/slurmd.out" 2>&1 ||
        die "slurmd did not start: $(tail -n 5 "$S/log/slurmd.log" 2>/dev/null)"
    # up when the node is idle (at most 30 s)
    i=0
    while [ $i -lt 300 ]; do
        st=$(sinfo -h -n "$host" -o %T 2>/dev/null | head -n 1)
        case $st in idle*|mixed*|allocated*) break ;; esac
        sleep 0.1; i=$((i + 1))
    done
    case $st in
    idle*|mixed*|allocated*) ;;
    *) sh "$0" stop "$S" >/dev/null
       die "the node did not come up in 30 s (state '${st:-none}'; logs in $S/log)" ;;
    esac
    echo "single_node: up: node $host ($(sinfo -h -o %C | awk -F/ '{print $4}') CPUs), partition farm; $(cat "$S/run/slurmctld.pid" "$S/run/slurmd.pid" "$S/run/munged.pid" | tr '\n' ' ')pids; export SLURM_CONF=$CONF"
    ;;
*)
    die "usage: single_node.sh start|stop|status|env [STATE_DIR]"
    ;;
esac
