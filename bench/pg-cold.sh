#!/usr/bin/env bash
# Cold CLI commands (lock, check, send, unlock) on PostgreSQL against the same on an SQLite file, side
# by side in one run, with the ratio (issue 10). Creates and drops its own database on HUDDLE_BENCH_PG
# (default postgresql://postgres@127.0.0.1:5432/postgres; needs psql and the right to create databases).
# Usage: bench/pg-cold.sh [-n RUNS] [--warmup N] [--keep]. Builds nothing when target/huddle.jar exists.
# See bench/README.md.
set -euo pipefail
root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/server-bench.sh
source "$root/bench/server-bench.sh"
command -v psql >/dev/null || { echo "pg-cold: needs psql" >&2; exit 1; }
JAVA_HOME=$HUDDLE_JDK exec python3 "$root/bench/pg_cold.py" --root "$root" "$@"
