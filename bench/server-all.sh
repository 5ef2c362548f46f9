#!/usr/bin/env bash
# The five server benchmarks of issue 8 and the MCP one of issue 9 in one run, then their figures side by side with the goals
# (DESIGN §7): remote-cold, http-hooks, throughput, delivery, server-wait, mcp. About 9 minutes;
# --quick for a shorter, noisier smoke run. Builds nothing when target/huddle.jar exists.
# See bench/README.md.
set -euo pipefail
root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/server-bench.sh
source "$root/bench/server-bench.sh"
JAVA_HOME=$HUDDLE_JDK exec python3 "$root/bench/server_all.py" --root "$root" "$@"
