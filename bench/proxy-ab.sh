#!/usr/bin/env bash
# A/B comparison of two memgate proxy builds or configurations, by proxy CPU per request.
#
#   bench/proxy-ab.sh [--rounds N] [--workload mixed|multiget|pipeline] [--syscalls] "ENV_A" "ENV_B" [DLL_A [DLL_B]]
#   e.g. bench/proxy-ab.sh "X=1" "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0"
#        bench/proxy-ab.sh "X=1" "X=1" /tmp/old/memgate.dll src/Memgate.Cli/bin/Release/net10.0/memgate.dll
#
# Two memcached -t 1 backends and both proxies (replicating as in bench/run.sh: both backends primaries,
# copies on the other) run at once on CPU 1; the load generator runs on CPU 0. Every round measures a
# 3 s window on A, then on B, so slow drifts of the shared machine hit both sides alike. Prints proxy
# CPU µs/request and backend CPU µs/request per window; with --syscalls also the proxy's system calls
# per request (perf stat tracepoints over 2 s of each window). ENV_* are `NAME=value` words ("X=1" for none).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/processes.sh
source "$ROOT/bench/lib/processes.sh"
# shellcheck source=lib/ab-window.sh
source "$ROOT/bench/lib/ab-window.sh"

ROUNDS=4 SYSCALLS=0 WORKLOAD=mixed
while [[ ${1:-} == --* ]]; do
    case $1 in
        --rounds) ROUNDS=$2; shift ;;
        --workload) WORKLOAD=$2; shift ;;
        --syscalls) SYSCALLS=1 ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
    shift
done
(($# >= 2)) || { sed -n '2,13p' "$0"; exit 64; }
DEFAULT_DLL="$ROOT/src/Memgate.Cli/bin/Release/net10.0/memgate.dll"
ENV_A=$1 ENV_B=$2 DLL_A=${3:-$DEFAULT_DLL} DLL_B=${4:-$DEFAULT_DLL}
LOADGEN_DLL="$ROOT/bench/Memgate.LoadGen/bin/Release/net10.0/Memgate.LoadGen.dll"
WORK=$(mktemp -d /tmp/memgate-proxy-ab.XXXXXX)
trap 'stop_all_started; rm -rf "$WORK"' EXIT

case $WORKLOAD in
    mixed) WORKLOAD_ARGS=(--workload mixed --set-ratio 0.1 --value-size 32 --keys 50000) ;;
    multiget) WORKLOAD_ARGS=(--workload multiget --multiget 10 --value-size 32 --keys 50000) ;;
    pipeline) WORKLOAD_ARGS=(--workload pipeline --depth 16 --value-size 32 --keys 50000) ;;
    *) echo "unknown workload $WORKLOAD" >&2; exit 64 ;;
esac

start_backend() { # NAME PORT
    start_pinned 1 "$WORK/$1.log" /usr/bin/memcached -u root -U 0 -l 127.0.0.1 -p "$2" -m 1024 -c 4096 -t 1
    wait_port "$2" "$STARTED_PID" 5 || { echo "backend $1 did not start" >&2; exit 1; }
}

start_proxy() { # NAME ENV DLL PORT
    cat >"$WORK/$1.json" <<JSON
{
  "listenAddress": "127.0.0.1", "port": $4, "foreground": true,
  "pools": [
    { "name": "main", "servers": ["127.0.0.1:$B1", "127.0.0.1:$B2"], "replicaPool": "copies" },
    { "name": "copies", "servers": ["127.0.0.1:$B1", "127.0.0.1:$B2"] }
  ]
}
JSON
    # shellcheck disable=SC2086 # ENV is a list of NAME=value words
    start_pinned 1 "$WORK/$1.log" env $2 dotnet "$3" proxy --config "$WORK/$1.json"
    wait_port "$4" "$STARTED_PID" 15 || { echo "proxy $1 did not start: $(tail -n2 "$WORK/$1.log")" >&2; exit 1; }
}

load() { # PORT PID [extra loadgen args]
    ab_loadgen "$1" "$2" --backend-pids "$BACKEND_PIDS" "${WORKLOAD_ARGS[@]}" "${@:3}"
}

syscalls() { # PID: system calls per client request over 2 s
    perf_syscalls "$1"
    awk -F, '$1 ~ /^[0-9]+$/ { n = $3; sub(/.*sys_enter_/, "", n); c[n] = $1; order[++k] = n }
        END { for (i = 1; i <= k; i++) if (c[order[i]] > 0) printf "%s %d ", order[i], c[order[i]]
              printf "(2 s)" }' "$WORK/perf.txt"
}

B1=$(free_port) && start_backend b1 "$B1" && P1=$STARTED_PID
B2=$(free_port) && start_backend b2 "$B2" && P2=$STARTED_PID
BACKEND_PIDS="$P1,$P2"
PORT_A=$(free_port) && start_proxy A "$ENV_A" "$DLL_A" "$PORT_A" && PID_A=$STARTED_PID
PORT_B=$(free_port) && start_proxy B "$ENV_B" "$DLL_B" "$PORT_B" && PID_B=$STARTED_PID
load "$PORT_A" "$PID_A" --duration 1 >/dev/null  # preload the key space (through A: both backends get it)
load "$PORT_B" "$PID_B" --duration 1 --no-preload >/dev/null  # warm B's JIT
echo "A: $ENV_A $DLL_A"
echo "B: $ENV_B $DLL_B"
echo "workload: $WORKLOAD"
for ((round = 1; round <= ROUNDS; round++)); do
    for side in A B; do
        port=PORT_$side pid=PID_$side
        measure_window "${!port}" "${!pid}"
        out=$WINDOW_OUT extra=$WINDOW_SYSCALLS
        echo "$out" | jq -r --arg s "$side" --arg r "$round" --arg x "$extra" \
            '"round \($r) \($s): proxy \(.server_cpu_us_per_req) µs/req  backends \(.backend_cpu_us_per_req) µs/req  \(.rps | floor) req/s  p99 \(.p99_us) µs  other \(.other_cpu_pct) %  \($x)"'
    done
done
