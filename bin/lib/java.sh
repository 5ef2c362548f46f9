# shellcheck shell=bash
# shellcheck disable=SC2034 # HUDDLE_JDK, HUDDLE_MVN, HUDDLE_JDK_SEEN are for the caller
# Sourced by bin/huddle, bin/test and .ci/run: finds a JDK 25+ and Maven.
#
#   huddle_find_jdk     sets HUDDLE_JDK to a JDK 25+ home and returns 0, or returns 1 with
#                       HUDDLE_JDK_SEEN describing what was found instead
#   huddle_require_jdk  huddle_find_jdk, or one line on stderr and exit 1
#   huddle_find_mvn     sets HUDDLE_MVN to a mvn command and returns 0, or returns 1
#   huddle_require_mvn  huddle_find_mvn, or one line on stderr and exit 1
#
# Runs on every `huddle` command, so the common case (JAVA_HOME or /usr/lib/jvm/*25*) uses
# only shell builtins: no subshells, no external programs.

HUDDLE_MIN_JAVA=25

# _huddle_jdk_major DIR: sets _huddle_major to the major version in DIR/release (0 if none).
_huddle_jdk_major() {
    _huddle_major=0
    local release=$1/release line v
    [[ -f $release && -x $1/bin/java ]] || return 1
    while IFS= read -r line || [[ -n $line ]]; do
        if [[ $line == JAVA_VERSION=* ]]; then
            v=${line#JAVA_VERSION=}
            v=${v//\"/}
            v=${v%%[.+-]*}
            [[ $v == 1 ]] && v=8          # "1.8.0_x" style: old enough either way
            [[ $v =~ ^[0-9]+$ ]] && _huddle_major=$v
            break
        fi
    done <"$release"
    return 0
}

# _huddle_try_jdk DIR: accepts DIR if it is a JDK 25+; otherwise notes what it was (not for
# symlinks, which usually repeat a directory already noted).
_huddle_try_jdk() {
    local dir=${1%/}
    [[ -n $dir ]] || return 1
    _huddle_jdk_major "$dir" || return 1
    if ((_huddle_major >= HUDDLE_MIN_JAVA)); then
        HUDDLE_JDK=$dir
        return 0
    fi
    [[ -L $dir || $HUDDLE_JDK_SEEN == *"$dir ("* ]] ||
        HUDDLE_JDK_SEEN+="${HUDDLE_JDK_SEEN:+, }$dir (Java $_huddle_major)"
    return 1
}

huddle_find_jdk() {
    HUDDLE_JDK=
    HUDDLE_JDK_SEEN=
    local d
    if [[ -n ${JAVA_HOME:-} ]]; then
        _huddle_try_jdk "$JAVA_HOME" && return 0
        [[ -n $HUDDLE_JDK_SEEN ]] || HUDDLE_JDK_SEEN="JAVA_HOME=$JAVA_HOME (not a JDK)"
    fi
    for d in /usr/lib/jvm/*25*/; do
        [[ -d $d ]] && _huddle_try_jdk "$d" && return 0
    done
    for d in /usr/lib/jvm/*/ "$HOME"/.sdkman/candidates/java/*/ /opt/java/*/ \
        /Library/Java/JavaVirtualMachines/*/Contents/Home/; do
        [[ -d $d ]] || continue
        _huddle_try_jdk "$d" && return 0
    done
    return 1
}

huddle_require_jdk() {
    huddle_find_jdk && return 0
    echo "huddle: needs a JDK $HUDDLE_MIN_JAVA or later (found: ${HUDDLE_JDK_SEEN:-none}); install one, e.g. 'apt-get install temurin-25-jdk' or from adoptium.net, or set JAVA_HOME" >&2
    exit 1
}

huddle_find_mvn() {
    HUDDLE_MVN=
    local m
    m=$(command -v mvn 2>/dev/null) || return 1
    [[ -n $m ]] || return 1
    HUDDLE_MVN=$m
}

huddle_require_mvn() {
    huddle_find_mvn && return 0
    echo "huddle: needs Apache Maven to build (no 'mvn' on PATH); install it, e.g. 'apt-get install maven'" >&2
    exit 1
}
