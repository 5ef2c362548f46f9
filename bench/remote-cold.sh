#!/usr/bin/env bash
# Cold CLI commands on the store file and through a running `huddle serve` (HUDDLE_URL), side by
# side in one run, with the ratio (issue 8: through the server <= 0.6x). Usage:
#   bench/remote-cold.sh [-n RUNS] [--warmup N] [--keep]
# Builds nothing when target/huddle.jar exists (run `mvn package` first after changing the code);
# builds it through bin/huddle otherwise. How to read the output: bench/README.md.
set -euo pipefail
root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bin/lib/java.sh
source "$root/bin/lib/java.sh"
huddle_require_jdk
command -v python3 >/dev/null || { echo "remote-cold: needs python3" >&2; exit 1; }

if [[ -f $root/target/huddle.jar ]]; then
    export HUDDLE_NO_BUILD=1
    [[ $root/target/huddle.aot -nt $root/target/huddle.jar ]] ||
        echo "remote-cold: no AOT cache newer than the jar: measuring without one (mvn package writes it)" >&2
else
    HUDDLE_LAUNCHER_PRINT=1 JAVA_HOME=$HUDDLE_JDK "$root/bin/huddle" >/dev/null
fi
echo "remote-cold: $(nproc 2>/dev/null || echo ?) cores, $(uname -sr), JDK $HUDDLE_JDK"
JAVA_HOME=$HUDDLE_JDK exec python3 "$root/bench/remote_cold.py" --root "$root" "$@"
