# shellcheck shell=bash
# Process and port helpers for bench/*.sh. Every process a bench script starts is recorded in
# BENCH_PIDS and stopped by its PID only (never by name: other work shares this machine).

BENCH_PIDS=()

# free_port: prints a TCP port nobody listens on (bounded number of tries).
free_port() {
    local port i
    for ((i = 0; i < 200; i++)); do
        port=$((30000 + RANDOM % 20000))
        if ! ss -Htln "sport = :$port" | grep -q .; then
            echo "$port"
            return 0
        fi
    done
    echo "no free port found" >&2
    return 1
}

# start_pinned CPU LOG CMD...: starts CMD on CPU (taskset execs it, so $! is the server's own PID).
# Sets STARTED_PID.
start_pinned() {
    local cpu=$1 log=$2
    shift 2
    taskset -c "$cpu" "$@" >"$log" 2>&1 &
    STARTED_PID=$!
    BENCH_PIDS+=("$STARTED_PID")
}

# wait_port PORT PID SECONDS: succeeds once PORT accepts connections; fails if PID exits or time runs out.
wait_port() {
    local port=$1 pid=$2 seconds=$3 i
    for ((i = 0; i < seconds * 10; i++)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            return 1
        fi
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    return 1
}

# stop_pid PID: TERM, wait up to 5 s, then KILL. Only for PIDs this script started.
stop_pid() {
    local pid=$1 i
    [[ -z "$pid" ]] && return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

stop_all_started() {
    local pid
    for pid in "${BENCH_PIDS[@]}"; do
        stop_pid "$pid"
    done
    BENCH_PIDS=()
}

# rss_kib PID: resident set size in KiB.
rss_kib() {
    awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo -1
}

# busy_pct SECONDS: CPU busy on the whole machine over SECONDS, in % of one core.
busy_pct() {
    local a b
    a=$(awk '/^cpu / {print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9; exit}' /proc/stat)
    sleep "$1"
    b=$(awk '/^cpu / {print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9; exit}' /proc/stat)
    awk -v a="$a" -v b="$b" -v s="$1" -v hz="$(getconf CLK_TCK)" 'BEGIN {
        split(a, x, " "); split(b, y, " "); printf "%d\n", 100 * (y[1] - x[1]) / hz / s }'
}

# wait_quiet: other work shares this machine; before a measurement wait (bounded by QUIET_BUDGET
# seconds over the whole script) until the machine is below QUIET_PCT % of one core busy.
QUIET_PCT=${QUIET_PCT:-25}
QUIET_BUDGET=${QUIET_BUDGET:-120}
wait_quiet() {
    local busy
    while ((QUIET_BUDGET > 0)); do
        busy=$(busy_pct 0.5)
        ((busy < QUIET_PCT)) && return 0
        QUIET_BUDGET=$((QUIET_BUDGET - 1))
        echo "  machine busy ($busy % of a core from other work), waiting…" >&2
    done
    echo "  quiet-wait budget used up: measuring on a busy machine (see other CPU %)" >&2
}
