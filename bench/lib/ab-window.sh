#!/usr/bin/env bash
# Shared by node-ab.sh and proxy-ab.sh: the load generator call, system-call counting, and one measured window.
# Expects LOADGEN_DLL, WORK and SYSCALLS set, and a `load PORT PID [args]` and `syscalls PID` of the caller.

ab_loadgen() { # PORT PID [extra loadgen args]: 3 s of load from CPU 0, CPU of PID measured
    local port=$1 pid=$2
    shift 2
    DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 taskset -c 0 dotnet "$LOADGEN_DLL" --port "$port" --connections 16 \
        --duration 3 --warmup 0.5 --requests 20000000 --clk-tck "$(getconf CLK_TCK)" --server-pids "$pid" "$@"
}

perf_syscalls() { # PID: counts its system calls over 2 s into $WORK/perf.txt
    local events=recvfrom,read,sendto,sendmsg,epoll_wait,sched_yield,futex
    perf stat -x, -e "$(echo "$events" | sed 's/\([a-z_]*\)/syscalls:sys_enter_\1/g')" \
        -p "$1" -o "$WORK/perf.txt" -- sleep 2 >/dev/null 2>&1
}

measure_window() { # PORT PID: sets WINDOW_OUT (the load generator's JSON) and WINDOW_SYSCALLS (with --syscalls)
    local job=""
    WINDOW_SYSCALLS=""
    if ((SYSCALLS)); then
        (sleep 1; syscalls "$2" >"$WORK/sys.txt") &
        job=$!
    fi
    WINDOW_OUT=$(load "$1" "$2" --no-preload)
    if [[ -n $job ]]; then
        wait "$job"
        WINDOW_SYSCALLS=$(cat "$WORK/sys.txt")
    fi
}
