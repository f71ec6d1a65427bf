#!/usr/bin/env bash
# Memory per item of memcached and memgate node: 1,000,000 items (16 B keys, 32 B values) into -m 1024.
#   bench/rss-per-item.sh [--quick for 200,000 items] [other bench/run.sh options]
exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" --only rss --name rss "$@"
