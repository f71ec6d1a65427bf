#!/usr/bin/env bash
# Builds Memgate in Release and runs every test project; the LAST line is exactly "N passed, M failed".
# Works on a fresh machine with only the .NET SDK: when run as root it apt-installs the external
# tools the integration tests use (memcached is the reference server; CI treats a missing tool as a failure).
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

packages=(memcached libmemcached-tools python3-pymemcache python3-pylibmc nutcracker keepalived iproute2 netcat-openbsd)

install_missing_packages() {
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        echo "warning: missing packages (${missing[*]}) and not root with apt-get; tests needing them skip locally and fail in CI" >&2
        return 0
    fi
    echo "installing: ${missing[*]}"
    # Do not let package scripts start daemons (memcached on 11211, keepalived) on this machine.
    local policy=/usr/sbin/policy-rc.d created_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
        echo "warning: apt-get install failed for: ${missing[*]}" >&2
    [ "$created_policy" -eq 1 ] && rm -f "$policy"
    return 0
}

install_missing_packages

# 2,000+ simultaneous connections in the tests need file descriptors (client and server side).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== dotnet build Memgate.slnx -c Release"
if ! dotnet build Memgate.slnx -c Release -nologo -v:q -m:2; then
    echo "build failed"
    echo "0 passed, 0 failed"
    exit 1
fi

results="$repo/TestResults/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"
echo "== dotnet test Memgate.slnx -c Release --no-build (results in $results)"
# -m:1 runs one test assembly at a time: integration tests start servers and must not overload 2 cores.
dotnet test Memgate.slnx -c Release --no-build -m:1 --logger trx --results-directory "$results"
test_rc=$?

passed=0
failed=0
trx_count=0
for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    trx_count=$((trx_count + 1))
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n1)"
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
done

status=0
if [ "$failed" -gt 0 ]; then
    status=1
elif [ "$test_rc" -ne 0 ]; then
    echo "dotnet test exited with $test_rc although no test failed (crash or aborted run?)"
    status=1
elif [ "$trx_count" -eq 0 ]; then
    echo "no test results were written"
    status=1
fi

echo "$passed passed, $failed failed"
exit "$status"
