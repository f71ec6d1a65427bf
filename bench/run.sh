#!/usr/bin/env bash
# Side-by-side load benchmark of memcached, memgate node, twemproxy and memgate proxy on this machine.
#
#   bench/run.sh                 full run (~6-9 min): 10 s measured per workload
#   bench/run.sh --quick         short run (< 2 min): 2 s per workload, RSS test with 200k items
#   options: --name NAME  --only servers,proxy,rss  --no-build  --build-memgate  --memcaslap
#
# Servers (and proxies and their backends) run on CPU 1, the load generator on CPU 0. Results go to
# bench/results/<date>-<name>.json (+ .md); the Markdown tables are printed to stdout.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/processes.sh
source "$ROOT/bench/lib/processes.sh"
# shellcheck source=lib/report.sh
source "$ROOT/bench/lib/report.sh"
# shellcheck source=lib/suites.sh
source "$ROOT/bench/lib/suites.sh"
# shellcheck source=lib/proxy-suite.sh
source "$ROOT/bench/lib/proxy-suite.sh"
# shellcheck source=lib/rss-suite.sh
source "$ROOT/bench/lib/rss-suite.sh"

MODE=full NAME="" ONLY="servers,proxy,rss" BUILD=1 BUILD_MEMGATE=0 MEMCASLAP=0
while (($#)); do
    case $1 in
        --quick) MODE=quick ;;
        --name) NAME=$2; shift ;;
        --only) ONLY=$2; shift ;;
        --no-build) BUILD=0 ;;
        --build-memgate) BUILD_MEMGATE=1 ;;
        --memcaslap) MEMCASLAP=1 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
    shift
done
NAME=${NAME:-$MODE}

if [[ $MODE == quick ]]; then
    DURATION=2 WARMUP=0.5 REQUESTS=2000000 RSS_ITEMS=200000 QUIET_BUDGET=${QUIET_BUDGET_QUICK:-10}
    BENCH_RETRIES=${BENCH_RETRIES:-0} RETRY_UNTIL=${RETRY_UNTIL:-0}
else
    DURATION=10 WARMUP=2 REQUESTS=20000000 RSS_ITEMS=1000000
    # Repeat disturbed runs only while the whole script stays near its ~10 minute budget.
    BENCH_RETRIES=${BENCH_RETRIES:-2} RETRY_UNTIL=${RETRY_UNTIL:-420}
fi
CONNECTIONS=${BENCH_CONNECTIONS:-16}
SERVER_CPU=1 LOADGEN_CPU=0
MEMCACHED=/usr/bin/memcached NUTCRACKER=/usr/sbin/nutcracker
MEMGATE_DLL="$ROOT/src/Memgate.Cli/bin/Release/net10.0/memgate.dll"
LOADGEN_DLL="$ROOT/bench/Memgate.LoadGen/bin/Release/net10.0/Memgate.LoadGen.dll"
# Socket continuations run on the epoll thread: on one core that saves a thread-pool hop per reply.
export DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
CLK_TCK=$(getconf CLK_TCK)

WORK=$(mktemp -d /tmp/memgate-bench.XXXXXX)
trap 'stop_all_started; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
JSONL="$WORK/runs.jsonl"
: >"$JSONL"

if ((BUILD)); then
    dotnet build -c Release "$ROOT/bench/Memgate.LoadGen" -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
fi
if ((BUILD_MEMGATE)); then
    dotnet build -c Release "$ROOT/src/Memgate.Cli" -v q -nologo >"$WORK/build-memgate.log" 2>&1 || echo "note: memgate build failed; its rows will be skipped" >&2
fi

echo "bench: mode=$MODE duration=${DURATION}s warmup=${WARMUP}s connections=$CONNECTIONS server CPU $SERVER_CPU, loadgen CPU $LOADGEN_CPU" >&2
started=$SECONDS
[[ ,$ONLY, == *,servers,* ]] && suite_servers
[[ ,$ONLY, == *,proxy,* ]] && suite_proxy
[[ ,$ONLY, == *,rss,* ]] && suite_rss
((MEMCASLAP)) && suite_memcaslap
echo "bench: finished in $((SECONDS - started)) s" >&2

mkdir -p "$ROOT/bench/results"
OUT="$ROOT/bench/results/$(date +%F)-$NAME"
jq -s --arg mode "$MODE" --arg name "$NAME" --arg date "$(date -Iseconds)" \
      --arg cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)" --arg kernel "$(uname -r)" \
      --arg nproc "$(nproc)" --arg memcached "$($MEMCACHED -V)" --arg dotnet "$(dotnet --version)" \
      --arg duration "$DURATION" --arg connections "$CONNECTIONS" \
      '{date: $date, name: $name, mode: $mode,
        machine: {cpu: $cpu, cores: ($nproc | tonumber), kernel: $kernel},
        software: {memcached: $memcached, dotnet: $dotnet},
        method: {server_cpu: 1, loadgen_cpu: 0, measured_s: ($duration | tonumber), connections: ($connections | tonumber)},
        runs: .}' "$JSONL" >"$OUT.json"
report_markdown "$JSONL" | tee "$OUT.md"
echo "bench: results in ${OUT#"$ROOT/"}.json and .md" >&2
