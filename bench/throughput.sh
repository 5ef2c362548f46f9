#!/usr/bin/env bash
# Write throughput of `huddle serve` on SQLite: 50 concurrent agents (each its own token and
# keep-alive connection) doing lock, send, unlock as fast as they are answered; requests/s and
# p50/p90/p99. Usage: bench/throughput.sh [--agents N] [--seconds S] [--rate R] [--keep].
# The load generator is bench/HttpLoad.java. Builds nothing when target/huddle.jar exists.
# See bench/README.md.
set -euo pipefail
root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/server-bench.sh
source "$root/bench/server-bench.sh"
JAVA_HOME=$HUDDLE_JDK exec python3 "$root/bench/throughput.py" --root "$root" "$@"
