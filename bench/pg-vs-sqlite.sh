#!/usr/bin/env bash
# The paced write load (lock + send + unlock, 50 agents, 2,000 requests/s in all) through a server
# on PostgreSQL and one on SQLite in alternating windows of one run (issue 10): what the PostgreSQL
# store adds to the tail on the same machine at the same time. Creates and drops its own database on
# HUDDLE_BENCH_PG (default postgresql://postgres@127.0.0.1:5432/postgres). Usage:
# bench/pg-vs-sqlite.sh [--goal R] [--rounds N] [--seconds S] [--keep]. See bench/README.md.
set -euo pipefail
root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/server-bench.sh
source "$root/bench/server-bench.sh"
command -v psql >/dev/null || { echo "pg-vs-sqlite: needs psql" >&2; exit 1; }
JAVA_HOME=$HUDDLE_JDK exec python3 "$root/bench/pg_vs_sqlite.py" --root "$root" "$@"
