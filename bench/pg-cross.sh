#!/usr/bin/env bash
# huddle serve on PostgreSQL (issue 10): (a) cross-server event latency (send through server A ->
# SSE event on server B), (b) lock + send + unlock throughput at 50 agents through one server,
# (c) PostgreSQL connections opened per second during (b). Creates and drops its own database on
# HUDDLE_BENCH_PG (default postgresql://postgres@127.0.0.1:5432/postgres; needs psql and the right
# to create databases). Usage: bench/pg-cross.sh [-n MESSAGES] [--agents N] [--seconds S] [--keep].
# See bench/README.md.
set -euo pipefail
root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/server-bench.sh
source "$root/bench/server-bench.sh"
command -v psql >/dev/null || { echo "pg-cross: needs psql" >&2; exit 1; }
JAVA_HOME=$HUDDLE_JDK exec python3 "$root/bench/pg_cross.py" --root "$root" "$@"
