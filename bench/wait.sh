#!/usr/bin/env bash
# Contended `lock --wait` benchmark: W cold-CLI processes x N lock/unlock cycles on one path, one of
# them with a Lamport clock far ahead; prints ms per acquired lock and overtakes, for this checkout
# and for a baseline revision built and run alternately in the same run.
# Usage: bench/wait.sh [-n CYCLES] [-w WORKERS] [--rounds R] [--skew N] [--margin S] [--floor] [--keep]
#                      [--baseline REV | --no-baseline]
# The baseline defaults to the merge-base with main when that is not HEAD itself.
# How to read the output: bench/README.md.
set -euo pipefail
root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bin/lib/java.sh
source "$root/bin/lib/java.sh"
huddle_require_jdk
command -v python3 >/dev/null || { echo "wait: needs python3" >&2; exit 1; }

baseline=default
args=()
while (($#)); do
    case $1 in
        --baseline) baseline=${2:?--baseline needs a revision}; shift 2 ;;
        --baseline=*) baseline=${1#*=}; shift ;;
        --no-baseline) baseline=; shift ;;
        *) args+=("$1"); shift ;;
    esac
done

if [[ $baseline == default ]]; then
    baseline=
    if git -C "$root" rev-parse --verify -q main >/dev/null; then
        base=$(git -C "$root" merge-base HEAD main)
        [[ $base != "$(git -C "$root" rev-parse HEAD)" ]] && baseline=$base
    fi
    [[ -n $baseline ]] || echo "wait: no baseline (HEAD is on main); pass --baseline REV to compare" >&2
fi

# Build first (quietly, through the launcher's own staleness check), so no run pays for it.
HUDDLE_LAUNCHER_PRINT=1 JAVA_HOME=$HUDDLE_JDK "$root/bin/huddle" >/dev/null
builds=(--build current "$root/bin/huddle")
if [[ -n $baseline ]]; then
    sha=$(git -C "$root" rev-parse --verify "$baseline^{commit}")
    dir=$root/target/bench/baseline-${sha:0:12}
    if [[ ! -f $dir/target/huddle.jar ]]; then
        echo "wait: building baseline ${sha:0:12} in $dir (once; kept for later runs) ..." >&2
        rm -rf "$dir" && mkdir -p "$dir"
        git -C "$root" archive "$sha" | tar -x -C "$dir"
    fi
    HUDDLE_LAUNCHER_PRINT=1 JAVA_HOME=$HUDDLE_JDK "$dir/bin/huddle" >/dev/null
    builds+=(--build "baseline" "$dir/bin/huddle")
    echo "baseline: ${sha:0:12} $(git -C "$root" log -1 --format=%s "$sha")"
fi
echo "current:  $(git -C "$root" rev-parse --short=12 HEAD)$(git -C "$root" diff --quiet HEAD -- src pom.xml || echo ' + uncommitted changes')"
echo "wait: $(nproc 2>/dev/null || echo ?) cores, $(uname -sr), JDK $HUDDLE_JDK"
JAVA_HOME=$HUDDLE_JDK exec python3 "$root/bench/wait.py" "${builds[@]}" "${args[@]}"
