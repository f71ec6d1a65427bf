# shellcheck shell=bash
# The benchmark suites of bench/run.sh. They use the globals run.sh sets (WORK, JSONL, DURATION, …).

# label|load generator arguments. Key spaces fit in -m 1024 so the hit ratio stays 100 %.
SERVER_WORKLOADS=(
    "mixed-32|--workload mixed --set-ratio 0.1 --value-size 32 --keys 50000"
    "mixed-1k|--workload mixed --set-ratio 0.1 --value-size 1024 --keys 50000"
    "mixed-16k|--workload mixed --set-ratio 0.1 --value-size 16384 --keys 10000"
    "pipeline-16|--workload pipeline --depth 16 --value-size 32 --keys 50000"
    "multiget-10|--workload multiget --multiget 10 --value-size 32 --keys 50000"
)
PROXY_WORKLOADS=("${SERVER_WORKLOADS[0]}" "${SERVER_WORKLOADS[3]}" "${SERVER_WORKLOADS[4]}")

# skip_row SUITE TARGET LABEL WORKLOAD REASON: a "pending" row in the tables, with the reason on stderr.
skip_row() {
    echo "  SKIP $2 ($1): $5" >&2
    jq -nc --arg suite "$1" --arg target "$2" --arg lbl "$3" --arg workload "$4" --arg reason "$5" \
        '{suite: $suite, target: $target, "label": $lbl, workload: $workload, skipped: $reason}' >>"$JSONL"
}

# run_load SUITE TARGET LABEL PORT SERVER_PIDS BACKEND_PIDS LOADGEN_ARGS...
# A run disturbed by other work on the machine (other CPU % >= QUIET_PCT) is repeated up to
# BENCH_RETRIES times while the script is younger than RETRY_UNTIL seconds; the quietest attempt is kept.
run_load() {
    local suite=$1 target=$2 label=$3 port=$4 server_pids=$5 backend_pids=$6 out rc best="" attempt other
    shift 6
    local pid_args=(--server-pids "$server_pids")
    [[ -n $backend_pids ]] && pid_args+=(--backend-pids "$backend_pids")
    for ((attempt = 0; attempt <= BENCH_RETRIES; attempt++)); do
        wait_quiet
        rc=0
        # timeout only guards against a wedged run; the generator stops itself by count and time.
        out=$(timeout -k 5 "$(awk -v d="$DURATION" -v w="$WARMUP" 'BEGIN {print int(d + w + 90)}')" \
            taskset -c "$LOADGEN_CPU" dotnet "$LOADGEN_DLL" --port "$port" --connections "$CONNECTIONS" \
            --duration "$DURATION" --warmup "$WARMUP" --requests "$REQUESTS" --clk-tck "$CLK_TCK" \
            --target "$target" --name "$label" "${pid_args[@]}" "$@" 2>>"$WORK/loadgen.err") || rc=$?
        [[ -z $out ]] && break
        echo "$out" | jq -r --arg rc "$rc" '"  \(.target) \(.name): \(.rps) req/s, p50 \(.p50_us) µs, p99 \(.p99_us) µs, server \(.server_cpu_us_per_req) µs CPU/req, hit \(.hit_ratio), errors \(.errors), loadgen \(.loadgen_cpu_s) s CPU, other \(.other_cpu_pct) % (exit \($rc))"' >&2
        if [[ -z $best ]] || jq -ne --argjson a "$out" --argjson b "$best" '$a.other_cpu_pct < $b.other_cpu_pct' >/dev/null; then
            best=$out
        fi
        other=$(echo "$out" | jq '.other_cpu_pct | floor')
        ((other < QUIET_PCT || SECONDS >= RETRY_UNTIL)) && break
        ((attempt < BENCH_RETRIES)) && echo "  disturbed by other work ($other % of a core), measuring again" >&2
    done
    if [[ -z $best ]]; then
        skip_row "$suite" "$target" "$label" "${label%%-*}" "load generator failed (exit $rc): $(tail -n1 "$WORK/loadgen.err")"
        return 0
    fi
    echo "$best" | jq -c --arg suite "$suite" --arg lbl "$label" '. + {"suite": $suite, "label": $lbl}' >>"$JSONL"
}

# run_workloads SUITE TARGET PORT SERVER_PIDS BACKEND_PIDS WORKLOAD...
run_workloads() {
    local suite=$1 target=$2 port=$3 server_pids=$4 backend_pids=$5 w
    shift 5
    for w in "$@"; do
        # shellcheck disable=SC2086 # the workload's arguments are meant to split
        run_load "$suite" "$target" "${w%%|*}" "$port" "$server_pids" "$backend_pids" ${w#*|}
    done
}

# start_server NAME PORT SECONDS CMD...: starts on the server CPU and waits for the port; sets SERVER_PID or fails.
start_server() {
    local name=$1 port=$2 seconds=$3
    shift 3
    start_pinned "$SERVER_CPU" "$WORK/$name.log" "$@"
    SERVER_PID=$STARTED_PID
    if ! wait_port "$port" "$SERVER_PID" "$seconds"; then
        stop_pid "$SERVER_PID"
        SERVER_FAILURE="did not start listening on $port within ${seconds}s: $(tail -n2 "$WORK/$name.log" | tr '\n' ' ')"
        return 1
    fi
}

memcached_cmd() { echo "$MEMCACHED -u root -U 0 -l 127.0.0.1 -p $1 -m 1024 -c 4096 -t $2"; }
memgate_node_cmd() { echo "dotnet $MEMGATE_DLL node -u root -U 0 -l 127.0.0.1 -p $1 -m 1024 -c 4096 -t $2 ${MEMGATE_NODE_EXTRA:-}"; }

suite_servers() {
    echo "suite servers: memcached -t 1, memcached -t 2, memgate node" >&2
    local threads port
    for threads in 1 2; do
        port=$(free_port)
        # shellcheck disable=SC2046
        if start_server "memcached-t$threads" "$port" 5 $(memcached_cmd "$port" "$threads"); then
            run_workloads servers "memcached-t$threads" "$port" "$SERVER_PID" "" "${SERVER_WORKLOADS[@]}"
            stop_pid "$SERVER_PID"
        else
            skip_row servers "memcached-t$threads" all mixed "$SERVER_FAILURE"
        fi
    done
    threads=${MEMGATE_NODE_THREADS:-1}
    port=$(free_port)
    if [[ ! -f $MEMGATE_DLL ]]; then
        skip_row servers "memgate-node-t$threads" all mixed "not built ($MEMGATE_DLL missing; use --build-memgate)"
    # shellcheck disable=SC2046
    elif start_server memgate-node "$port" 15 $(memgate_node_cmd "$port" "$threads"); then
        run_workloads servers "memgate-node-t$threads" "$port" "$SERVER_PID" "" "${SERVER_WORKLOADS[@]}"
        stop_pid "$SERVER_PID"
    else
        skip_row servers "memgate-node-t$threads" all mixed "$SERVER_FAILURE"
    fi
}
