#!/usr/bin/env bash
# Work-board scale benchmark: cold `ready` and `claim-next` on an empty board against a board of
# 10,000 tasks with dependencies. Usage: bench/board.sh [-n RUNS] [--tasks N] [--keep]
# How to read the output: bench/README.md.
set -euo pipefail
root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bin/lib/java.sh
source "$root/bin/lib/java.sh"
huddle_require_jdk
command -v python3 >/dev/null || { echo "board: needs python3" >&2; exit 1; }

# Build first (quietly, through the launcher's own staleness check), so no run pays for it.
HUDDLE_LAUNCHER_PRINT=1 JAVA_HOME=$HUDDLE_JDK "$root/bin/huddle" >/dev/null

echo "board: $(nproc 2>/dev/null || echo ?) cores, $(uname -sr), JDK $HUDDLE_JDK"
JAVA_HOME=$HUDDLE_JDK exec python3 "$root/bench/board.py" --root "$root" "$@"
