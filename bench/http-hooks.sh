#!/usr/bin/env bash
# Claude Code's PreToolUse HTTP hook answered by `huddle serve`: p50/p90/p99 with 1 and with 50
# concurrent agents (each its own token and session), a new connection per call (Connection: close),
# as Claude Code posts its hooks. Usage: bench/http-hooks.sh [--agents N] [--seconds S] [--rate R]
# [--rate-many R] [--keep]. The load generator is bench/HttpLoad.java (JDK source launcher, virtual
# threads, plain sockets). Builds nothing when target/huddle.jar exists. See bench/README.md.
set -euo pipefail
root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/server-bench.sh
source "$root/bench/server-bench.sh"
JAVA_HOME=$HUDDLE_JDK exec python3 "$root/bench/http_hooks.py" --root "$root" "$@"
