#!/usr/bin/env bash
# Delivery latency through `huddle serve`: a sender sends N messages one after another; one
# recipient follows its inbox as server-sent events, another waits with `inbox --wait`'s long-poll.
# Prints p50/p90/p99 from the send call's start to each recipient's receipt (one process, one clock).
# Usage: bench/delivery.sh [-n MESSAGES] [--warmup W] [--keep]
# How to read the output: bench/README.md.
set -euo pipefail
root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bin/lib/java.sh
source "$root/bin/lib/java.sh"
huddle_require_jdk
command -v python3 >/dev/null || { echo "delivery: needs python3" >&2; exit 1; }

# Build first (quietly, through the launcher's own staleness check), so no run pays for it.
HUDDLE_LAUNCHER_PRINT=1 JAVA_HOME=$HUDDLE_JDK "$root/bin/huddle" >/dev/null

echo "delivery: $(nproc 2>/dev/null || echo ?) cores, $(uname -sr), JDK $HUDDLE_JDK"
JAVA_HOME=$HUDDLE_JDK exec python3 "$root/bench/delivery.py" --launcher "$root/bin/huddle" "$@"
