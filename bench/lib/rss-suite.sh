# shellcheck shell=bash
# Memory per item: start a server with -m 1024, set RSS_ITEMS items (16-byte keys, 32-byte values)
# with pipelined sets, and report (RSS_after - RSS_before) / items. RSS is read by this script from
# /proc/<pid>/status: "before" once the idle server listens, "after" 1 s after the load ends.

rss_one() {
    local target=$1 port=$2 before after out rc=0
    sleep 0.5
    before=$(rss_kib "$SERVER_PID")
    out=$(timeout -k 5 300 taskset -c "$LOADGEN_CPU" dotnet "$LOADGEN_DLL" --port "$port" --connections 4 \
        --workload preload --keys "$RSS_ITEMS" --value-size 32 --preload-depth 100 --target "$target" \
        --name "rss" --server-pids "$SERVER_PID" --clk-tck "$CLK_TCK" 2>>"$WORK/loadgen.err") || rc=$?
    sleep 1
    after=$(rss_kib "$SERVER_PID")
    if [[ -z $out ]]; then
        skip_row rss "$target" rss preload "load generator failed (exit $rc): $(tail -n1 "$WORK/loadgen.err")"
        return 0
    fi
    echo "$out" | jq -c --argjson before "$before" --argjson after "$after" \
        '. + {suite: "rss", "label": "rss", server_rss_start_kib: $before, server_rss_kib: $after,
              bytes_per_item: ((($after - $before) * 1024 / .keys) * 10 | round / 10)}' | tee -a "$JSONL" |
        jq -r '"  \(.target): \(.keys) items in \(.preload_s) s, RSS \(.server_rss_start_kib) -> \(.server_rss_kib) KiB = \(.bytes_per_item) B/item, errors \(.preload_errors)"' >&2
}

suite_rss() {
    echo "suite rss: $RSS_ITEMS items, 16 B keys, 32 B values, -m 1024" >&2
    local port
    port=$(free_port)
    # shellcheck disable=SC2046
    if start_server rss-memcached "$port" 5 $(memcached_cmd "$port" 1); then
        rss_one memcached-t1 "$port"
        stop_pid "$SERVER_PID"
    else
        skip_row rss memcached-t1 rss preload "$SERVER_FAILURE"
    fi
    port=$(free_port)
    if [[ ! -f $MEMGATE_DLL ]]; then
        skip_row rss memgate-node rss preload "not built ($MEMGATE_DLL missing; use --build-memgate)"
    # shellcheck disable=SC2046
    elif start_server rss-memgate "$port" 15 $(memgate_node_cmd "$port" 1); then
        rss_one memgate-node "$port"
        stop_pid "$SERVER_PID"
    else
        skip_row rss memgate-node rss preload "$SERVER_FAILURE"
    fi
}

# A cross-check of our generator with libmemcached's memaslap (get/set 9:1, 32-byte values) against memcached -t 1.
suite_memcaslap() {
    echo "suite memcaslap: memaslap vs memcached -t 1" >&2
    local port cpu0 cpu1 line
    port=$(free_port)
    # shellcheck disable=SC2046
    start_server memcaslap-memcached "$port" 5 $(memcached_cmd "$port" 1) || { skip_row memcaslap memcached-t1 memaslap mixed "$SERVER_FAILURE"; return 0; }
    cpu0=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
    timeout -k 5 "$((${DURATION%.*} + 60))" taskset -c "$LOADGEN_CPU" memcaslap -s "127.0.0.1:$port" -T 1 -c "$CONNECTIONS" \
        -t "${DURATION%.*}s" -X 32 >"$WORK/memcaslap.log" 2>&1 || true
    cpu1=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
    line=$(grep -m1 '^Run time' "$WORK/memcaslap.log" || true)
    stop_pid "$SERVER_PID"
    if [[ -z $line ]]; then
        skip_row memcaslap memcached-t1 memaslap mixed "memcaslap printed no summary: $(tail -n1 "$WORK/memcaslap.log")"
        return 0
    fi
    echo "  memcaslap: $line" >&2
    echo "$line" | awk -v c0="$cpu0" -v c1="$cpu1" -v hz="$CLK_TCK" -v conns="$CONNECTIONS" '{
        for (i = 1; i <= NF; i++) { if ($i == "Ops:") ops = $(i + 1); if ($i == "TPS:") tps = $(i + 1); if ($i == "time:") t = $(i + 1) }
        printf "{\"suite\":\"memcaslap\",\"target\":\"memcached-t1 (memaslap)\",\"label\":\"memaslap-9:1-32\",\"workload\":\"mixed\",\"connections\":%d,\"requests\":%d,\"rps\":%d,\"keys_per_s\":%d,\"p50_us\":-1,\"p99_us\":-1,\"latency_unit\":\"n/a\",\"hit_ratio\":-1,\"errors\":0,\"failed_connections\":0,\"server_cpu_us_per_req\":%.3f,\"backend_cpu_us_per_req\":-1,\"server_rss_kib\":-1}\n",
            conns, ops, tps, tps, (c1 - c0) / hz * 1e6 / ops }' >>"$JSONL"
}
