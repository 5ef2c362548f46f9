#!/usr/bin/env bash
# Contended waiting through the server: W processes x N `lock --wait` / `unlock` cycles on one path
# with HUDDLE_URL set to a `huddle serve` of a temp store, and the same run on the store file, side by
# side: total time, time and CPU per lock, overlaps (must be 0), overtakes.
# Usage: bench/server-wait.sh [-w WORKERS] [-n CYCLES] [--rounds R] [--keep]   (default 8 x 50, 1 round)
# Builds nothing when target/huddle.jar exists. See bench/README.md.
set -euo pipefail
root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/server-bench.sh
source "$root/bench/server-bench.sh"
JAVA_HOME=$HUDDLE_JDK exec python3 "$root/bench/server_wait.py" --root "$root" "$@"
