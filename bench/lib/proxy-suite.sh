# shellcheck shell=bash
# The proxy comparison of bench/run.sh: the same workloads against one memcached directly, through
# twemproxy, and through memgate proxy, each proxy over the same two memcached backends.

write_twemproxy_config() {
    local file=$1 port=$2 b1=$3 b2=$4
    cat >"$file" <<YAML
memgate_bench:
  listen: 127.0.0.1:$port
  hash: md5
  distribution: ketama
  timeout: 2000
  auto_eject_hosts: false
  servers:
   - 127.0.0.1:$b1:1
   - 127.0.0.1:$b2:1
YAML
}

# memgate proxy replicates: both backends are primaries and each key's copy goes to the other one
# (the layout of `memgate cluster`), so every set is written twice — twemproxy writes once.
# MEMGATE_PROXY_ARGS replaces the whole argument list ({port} {b1} {b2} are replaced).
memgate_proxy_cmd() {
    if [[ -n ${MEMGATE_PROXY_ARGS:-} ]]; then
        local args=$MEMGATE_PROXY_ARGS
        args=${args//\{port\}/$1}
        args=${args//\{b1\}/$2}
        args=${args//\{b2\}/$3}
        echo "dotnet $MEMGATE_DLL proxy $args"
        return
    fi
    local config="$WORK/memgate-proxy-$1.json"
    cat >"$config" <<JSON
{
  "listenAddress": "127.0.0.1", "port": $1, "foreground": true,
  "pools": [
    { "name": "main", "servers": ["127.0.0.1:$2", "127.0.0.1:$3"], "replicaPool": "copies" },
    { "name": "copies", "servers": ["127.0.0.1:$2", "127.0.0.1:$3"] }
  ]
}
JSON
    echo "dotnet $MEMGATE_DLL proxy --config $config"
}

suite_proxy() {
    echo "suite proxy: direct memcached vs twemproxy vs memgate proxy (2 memcached -t 1 backends)" >&2
    local b1 b2 p1 p2 port stats
    b1=$(free_port)
    # shellcheck disable=SC2046
    start_server backend1 "$b1" 5 $(memcached_cmd "$b1" 1) || { skip_row proxy backends all mixed "$SERVER_FAILURE"; return 0; }
    p1=$SERVER_PID
    b2=$(free_port)
    # shellcheck disable=SC2046
    start_server backend2 "$b2" 5 $(memcached_cmd "$b2" 1) || { skip_row proxy backends all mixed "$SERVER_FAILURE"; stop_pid "$p1"; return 0; }
    p2=$SERVER_PID

    run_workloads proxy memcached-direct "$b1" "$p1" "" "${PROXY_WORKLOADS[@]}"

    port=$(free_port)
    stats=$(free_port)
    write_twemproxy_config "$WORK/nutcracker.yml" "$port" "$b1" "$b2"
    if start_server twemproxy "$port" 5 "$NUTCRACKER" -c "$WORK/nutcracker.yml" -s "$stats" -a 127.0.0.1 -o "$WORK/nutcracker.log"; then
        run_workloads proxy twemproxy "$port" "$SERVER_PID" "$p1,$p2" "${PROXY_WORKLOADS[@]}"
        stop_pid "$SERVER_PID"
    else
        skip_row proxy twemproxy all mixed "$SERVER_FAILURE"
    fi

    port=$(free_port)
    if [[ ! -f $MEMGATE_DLL ]]; then
        skip_row proxy memgate-proxy all mixed "not built ($MEMGATE_DLL missing; use --build-memgate)"
    # shellcheck disable=SC2046
    elif start_server memgate-proxy "$port" 15 $(memgate_proxy_cmd "$port" "$b1" "$b2"); then
        run_workloads proxy memgate-proxy "$port" "$SERVER_PID" "$p1,$p2" "${PROXY_WORKLOADS[@]}"
        stop_pid "$SERVER_PID"
    else
        skip_row proxy memgate-proxy all mixed "$SERVER_FAILURE"
    fi
    stop_pid "$p1"
    stop_pid "$p2"
}
