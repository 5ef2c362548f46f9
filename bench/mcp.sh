#!/usr/bin/env bash
# MCP benchmark (issue 9): tools/list size in characters and tokens; tool-call latency p50/p90/p99 over
# stdio (`huddle mcp`) and Streamable HTTP (`/mcp` on `huddle serve`, bearer token) for read tools
# (status, check) and write tools (reserve, release, send); `huddle mcp` start to its first initialize
# answer. The client is a raw JSON-RPC driver (bench/mcp_bench.py). Usage: bench/mcp.sh [-n RUNS]
# [--warmup ROUNDS] [--cold N] [--keep]. Builds nothing when target/huddle.jar exists. See bench/README.md.
set -euo pipefail
root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/server-bench.sh
source "$root/bench/server-bench.sh"
JAVA_HOME=$HUDDLE_JDK exec python3 "$root/bench/mcp_bench.py" --root "$root" "$@"
