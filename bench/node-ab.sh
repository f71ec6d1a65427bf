#!/usr/bin/env bash
# A/B comparison of two memgate node configurations, for runtime knobs and code changes.
#
#   bench/node-ab.sh [--rounds N] [--syscalls] [--flags-a "F"] [--flags-b "F"] [--memcached] "ENV_A" "ENV_B" [DLL_A [DLL_B]]
#   e.g. bench/node-ab.sh "DOTNET_TieredCompilation=1" "DOTNET_TieredCompilation=0"
#        bench/node-ab.sh "X=1" "X=1" memcached          # memcached -t 1 against the Release node
#        bench/node-ab.sh --flags-a "-o memgate_transport=sockets" --flags-b "-o memgate_transport=epoll" --memcached "X=1" "X=1"
#
# Both nodes run at once on CPU 1 (an idle node costs nothing) and take turns: every round measures
# a 3 s mixed-32 window (16 connections, the load generator on CPU 0) on A, then on B, so slow
# drifts of the shared machine hit both sides alike. Prints server CPU µs/request per window, and with
# --syscalls also system calls per request counted by `perf stat` tracepoints over 2 s of each window
# (recvfrom/sendto per request; the tracepoints make CPU time read higher, so compare those runs only
# with each other). ENV_* are `NAME=value` words ("X=1" for none); DLL_* default to the Release build;
# the word `memcached` instead of a DLL runs /usr/bin/memcached with the same flags (its ENV is ignored).
# --flags-a/--flags-b add node flags to one side; --memcached adds memcached -t 1 as a third side (M) to every round.
# Each round first waits (bounded) for the machine to be quiet: QUIET_PCT (25 % of a core), QUIET_BUDGET (120 s).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/processes.sh
source "$ROOT/bench/lib/processes.sh"
# shellcheck source=lib/ab-window.sh
source "$ROOT/bench/lib/ab-window.sh"

ROUNDS=5 SYSCALLS=0 FLAGS_A="" FLAGS_B="" WITH_MEMCACHED=0
while [[ ${1:-} == --* ]]; do
    case $1 in
        --rounds) ROUNDS=$2; shift ;;
        --syscalls) SYSCALLS=1 ;;
        --flags-a) FLAGS_A=$2; shift ;;
        --flags-b) FLAGS_B=$2; shift ;;
        --memcached) WITH_MEMCACHED=1 ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
    shift
done
(($# >= 2)) || { sed -n '2,16p' "$0"; exit 64; }
DEFAULT_DLL="$ROOT/src/Memgate.Cli/bin/Release/net10.0/memgate.dll"
ENV_A=$1 ENV_B=$2 DLL_A=${3:-$DEFAULT_DLL} DLL_B=${4:-$DEFAULT_DLL}
LOADGEN_DLL="$ROOT/bench/Memgate.LoadGen/bin/Release/net10.0/Memgate.LoadGen.dll"
WORK=$(mktemp -d /tmp/memgate-ab.XXXXXX)
trap 'stop_all_started; rm -rf "$WORK"' EXIT

start_node() { # NAME ENV DLL PORT [extra node flags]
    local flags=(-u root -U 0 -l 127.0.0.1 -p "$4" -m 1024 -c 4096 -t 1)
    # shellcheck disable=SC2206 # extra flags are a list of words
    if [[ -n ${5:-} ]]; then flags+=($5); fi
    if [[ $3 == memcached ]]; then
        start_pinned 1 "$WORK/$1.log" /usr/bin/memcached "${flags[@]}"
    else
        # shellcheck disable=SC2086 # ENV is a list of NAME=value words
        start_pinned 1 "$WORK/$1.log" env $2 dotnet "$3" node "${flags[@]}"
    fi
    wait_port "$4" "$STARTED_PID" 15 || { echo "node $1 did not start: $(tail -n2 "$WORK/$1.log")" >&2; exit 1; }
}

load() { # PORT PID [extra loadgen args]
    ab_loadgen "$1" "$2" --workload mixed --set-ratio 0.1 --value-size 32 --keys 50000 "${@:3}"
}

syscalls() { # PID: system calls per request over 2 s (mixed-32 sends one reply per request)
    perf_syscalls "$1"
    awk -F, '$1 ~ /^[0-9]+$/ { n = $3; sub(/.*sys_enter_/, "", n); c[n] = $1; order[++k] = n }
        END { r = c["sendto"] + c["sendmsg"]; if (r == 0) exit
              for (i = 1; i <= k; i++) if (c[order[i]] > 0) printf "%s %.3f ", order[i], c[order[i]] / r
              printf "per request" }' "$WORK/perf.txt"
}

SIDES=(A B)
PORT_A=$(free_port) && start_node A "$ENV_A" "$DLL_A" "$PORT_A" "$FLAGS_A" && PID_A=$STARTED_PID
PORT_B=$(free_port) && start_node B "$ENV_B" "$DLL_B" "$PORT_B" "$FLAGS_B" && PID_B=$STARTED_PID
if ((WITH_MEMCACHED)); then
    PORT_M=$(free_port) && start_node M "X=1" memcached "$PORT_M" && PID_M=$STARTED_PID
    SIDES+=(M)
fi
for side in "${SIDES[@]}"; do
    port=PORT_$side pid=PID_$side
    load "${!port}" "${!pid}" >/dev/null  # preload the key space
done
echo "A: $ENV_A $DLL_A $FLAGS_A"
echo "B: $ENV_B $DLL_B $FLAGS_B"
((WITH_MEMCACHED)) && echo "M: memcached -t 1"
for ((round = 1; round <= ROUNDS; round++)); do
    wait_quiet  # once per round, so every side of a round meets the same machine (QUIET_PCT, QUIET_BUDGET)
    for side in "${SIDES[@]}"; do
        port=PORT_$side pid=PID_$side
        measure_window "${!port}" "${!pid}"
        out=$WINDOW_OUT extra=$WINDOW_SYSCALLS
        echo "$out" | jq -r --arg s "$side" --arg r "$round" --arg x "$extra" \
            '"round \($r) \($s): \(.server_cpu_us_per_req) µs/req  \(.rps | floor) req/s  other \(.other_cpu_pct) %  \($x)"'
    done
done
