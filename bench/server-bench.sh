# shellcheck shell=bash
# Sourced by the server benchmarks (http-hooks.sh, throughput.sh, server-wait.sh, remote-cold.sh):
# finds the JDK and python3, and uses the jar as it is when there is one (builds it otherwise).
# shellcheck source=bin/lib/java.sh
source "$root/bin/lib/java.sh"
huddle_require_jdk
command -v python3 >/dev/null || { echo "${0##*/}: needs python3" >&2; exit 1; }
if [[ -f $root/target/huddle.jar ]]; then
    export HUDDLE_NO_BUILD=1
    [[ $root/target/huddle.aot -nt $root/target/huddle.jar ]] ||
        echo "${0##*/}: no AOT cache newer than the jar: cold processes run without one (mvn package writes it)" >&2
else
    HUDDLE_LAUNCHER_PRINT=1 JAVA_HOME=$HUDDLE_JDK "$root/bin/huddle" >/dev/null
fi
echo "${0##*/}: $(nproc 2>/dev/null || echo ?) cores, $(uname -sr), JDK $HUDDLE_JDK, $(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo '?')"
