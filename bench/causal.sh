#!/usr/bin/env bash
# Cold cost of the causal log: `lock` and `claim` by an agent whose clock is ahead of the log, a
# little behind it, and far behind it. Usage: bench/causal.sh [-n RUNS] [--keep]
# How to read the output: bench/README.md.
set -euo pipefail
root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bin/lib/java.sh
source "$root/bin/lib/java.sh"
huddle_require_jdk
command -v python3 >/dev/null || { echo "causal: needs python3" >&2; exit 1; }

# Build first (quietly, through the launcher's own staleness check), so no run pays for it.
HUDDLE_LAUNCHER_PRINT=1 JAVA_HOME=$HUDDLE_JDK "$root/bin/huddle" >/dev/null

echo "causal: $(nproc 2>/dev/null || echo ?) cores, $(uname -sr), JDK $HUDDLE_JDK"
JAVA_HOME=$HUDDLE_JDK exec python3 "$root/bench/causal.py" --root "$root" "$@"
