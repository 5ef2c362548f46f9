#!/usr/bin/env bash
# Real-client end-to-end suite: drives the real Claude Code, Codex and Gemini CLIs (the pinned npm
# versions of ../shared/harness/<client>/package.json) offline against fake model APIs, with every
# hook pointing at `bin/huddle hook <program>`, and checks that Huddle's hooks do what the issue and
# DESIGN §5 say (e2e/README.md has the list). One line per scenario, then `e2e: N passed, N failed`.
#
# usage: e2e/run.sh [--install] [--install-only] [--check] [--bin PROGRAM] [--program claude,codex,gemini]
#                   [--only NAME,...] [--out DIR] [--list] [--recorder]
#   --install       npm-install the pinned CLIs that are missing from the cache first (CI does)
#   --install-only  install (or verify the cache), run nothing
#   --check         exit 0 when all three CLIs are installed in the cache, 1 (and say which are
#                   missing) otherwise; installs and runs nothing
#   --bin PROGRAM   print the path of PROGRAM's pinned CLI in the cache (bin/test hands Codex's to
#                   CodexTrustIT as CODEX_BIN); exit 1 when it is not installed
#   --program       the programs to run (default: all three)
#   --only          only these scenarios (names from --list)
#   --out DIR       run folders (default: target/e2e; wiped per program at the start)
#   --recorder      run the harness's own recorder instead of Huddle (checks the install and the
#                   CLIs, not Huddle; the harness's own expectations apply)
#
# Environment: HUDDLE_SHARED (default: <repo>/../shared), HUDDLE_E2E_CACHE (default:
# ${XDG_CACHE_HOME:-~/.cache}/huddle/harness), E2E_TIMEOUT (seconds for the whole suite, default
# 2400), E2E_PROGRAM_TIMEOUT (seconds per program, default 900), E2E_TRACE=0 (hooks run bare,
# without e2e/hook-trace.sh; the per-call evidence and the hook-call checks are then missing).
set -uo pipefail
root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
shared=${HUDDLE_SHARED:-$root/../shared}
cache=${HUDDLE_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/huddle/harness}
suite_timeout=${E2E_TIMEOUT:-2400}
program_timeout=${E2E_PROGRAM_TIMEOUT:-900}
out=$root/target/e2e
programs=claude,codex,gemini
only='' install='' install_only='' check='' list='' recorder='' print_bin=''

while (($#)); do
    case $1 in
    --install) install=1 ;;
    --install-only) install=1 install_only=1 ;;
    --check) check=1 ;;
    --bin) print_bin=${2:?--bin needs a program}; shift ;;
    --program | --programs) programs=${2:?--program needs a value}; shift ;;
    --only) only=${2:?--only needs a value}; shift ;;
    --out) out=${2:?--out needs a value}; shift ;;
    --list) list=1 ;;
    --recorder) recorder=1 ;;
    -h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "e2e: unknown option '$1' (e2e/run.sh --help)" >&2; exit 64 ;;
    esac
    shift
done

# program -> harness folder and CLI binary name
harness_of() { case $1 in claude) echo claude-code ;; *) echo "$1" ;; esac; }
bin_of() { echo "$1"; }

if [[ ! -d $shared/harness ]]; then
    echo "e2e: the agent-CLI harness is missing: expected $shared/harness (shared/ beside the checkout, or set HUDDLE_SHARED)" >&2
    [[ -n $check || -n $list ]] || echo "e2e: 0 passed, 1 failed (no harness)"
    exit 1
fi

# pinned "name@version" of a harness package.json (its only dependency)
pinned_of() {
    python3 - "$1" <<'EOF'
import json, sys
deps = json.load(open(sys.argv[1]))["dependencies"]
print(" ".join("%s@%s" % kv for kv in deps.items()))
EOF
}

# dir_of PROGRAM: the cache folder of that program's pinned CLI, keyed by the package.json hash
dir_of() {
    local h src ver
    src=$shared/harness/$(harness_of "$1")
    h=$(sha256sum "$src/package.json" | cut -c1-12)
    ver=$(pinned_of "$src/package.json")
    ver=${ver##*@}
    echo "$cache/$(harness_of "$1")-$ver-$h"
}

installed() { # installed PROGRAM: the cache holds a finished install of the pinned version
    local d
    d=$(dir_of "$1")
    [[ -f $d/.installed && -x $d/node_modules/.bin/$(bin_of "$1") ]]
}

# refresh_scripts DIR SRC: copy the harness's own files (not node_modules, runs) into DIR, so the
# runner always uses the shared/ version of the scripts next to the cached node_modules.
refresh_scripts() {
    local d=$1 src=$2 f
    for f in "$src"/* "$src"/.gitignore; do
        [[ -f $f ]] || continue
        rm -f "$d/${f##*/}"
        cp "$f" "$d/${f##*/}" && chmod u+w "$d/${f##*/}"
    done
}

install_one() {
    local p=$1 src d pin t0 secs
    src=$shared/harness/$(harness_of "$p")
    d=$(dir_of "$p")
    pin=$(pinned_of "$src/package.json")
    mkdir -p "$d" || return 1
    # one installer per cache folder at a time (two runs on one machine)
    exec 8>"$cache/.$(harness_of "$p").lock"
    flock 8
    refresh_scripts "$d" "$src"
    if installed "$p"; then
        echo "e2e: $p: $pin cached in $d"
        exec 8>&-
        return 0
    fi
    command -v npm >/dev/null 2>&1 || { echo "e2e: npm is not installed (needs node 20+ and npm)" >&2; exec 8>&-; return 1; }
    echo "e2e: $p: npm install $pin into $d ..."
    t0=$EPOCHREALTIME
    rm -rf "$d/node_modules" "$d/package-lock.json" "$d/.installed"
    if ! (cd "$d" && timeout 900 npm install --no-audit --no-fund --no-update-notifier --loglevel=error \
        >"$d/npm-install.log" 2>&1); then
        echo "e2e: $p: npm install failed; the last lines of $d/npm-install.log:" >&2
        tail -n 20 "$d/npm-install.log" >&2
        exec 8>&-
        return 1
    fi
    local want=${pin##*@} got
    got=$("$d/node_modules/.bin/$(bin_of "$p")" --version 2>/dev/null | head -n 1)
    if [[ $got != *"$want"* ]]; then
        echo "e2e: $p: installed binary reports '$got', expected version $want" >&2
        exec 8>&-
        return 1
    fi
    echo "$pin" >"$d/.installed"
    secs=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
    echo "e2e: $p: installed $pin ($got) in ${secs}s, $(du -sh "$d/node_modules" | cut -f1)"
    # drop other versions of the same client: each is ~100-400 MB
    local old
    for old in "$cache/$(harness_of "$p")"-*; do
        [[ $old != "$d" && -d $old ]] && rm -rf "$old"
    done
    exec 8>&-
}

IFS=, read -r -a plist <<<"$programs"
for p in "${plist[@]}"; do
    case $p in claude | codex | gemini) ;; *) echo "e2e: unknown program '$p' (claude, codex, gemini)" >&2; exit 64 ;; esac
done

if [[ -n $print_bin ]]; then
    case $print_bin in claude | codex | gemini) ;; *) echo "e2e: unknown program '$print_bin' (claude, codex, gemini)" >&2; exit 64 ;; esac
    installed "$print_bin" || { echo "e2e: $print_bin is not installed in $cache" >&2; exit 1; }
    echo "$(dir_of "$print_bin")/node_modules/.bin/$(bin_of "$print_bin")"
    exit 0
fi

if [[ -n $check ]]; then
    missing=()
    for p in "${plist[@]}"; do installed "$p" || missing+=("$p"); done
    if ((${#missing[@]})); then
        echo "e2e: not installed: ${missing[*]} (cache: $cache)"
        exit 1
    fi
    exit 0
fi

if [[ -n $install ]]; then
    mkdir -p "$cache" || exit 1
    t_all=$EPOCHREALTIME
    for p in "${plist[@]}"; do
        install_one "$p" || { echo "e2e: 0 passed, 1 failed (install of $p failed)"; exit 1; }
    done
    echo "e2e: CLIs ready in $(awk -v a="$t_all" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')s"
    [[ -n $install_only ]] && exit 0
fi

for p in "${plist[@]}"; do
    if ! installed "$p"; then
        echo "e2e: $p CLI is not installed in $cache; run e2e/run.sh --install (or bin/test --e2e)" >&2
        exit 1
    fi
    refresh_scripts "$(dir_of "$p")" "$shared/harness/$(harness_of "$p")"
done

if [[ -n $list ]]; then
    for p in "${plist[@]}"; do
        python3 "$root/e2e/huddle_e2e.py" --program "$p" --harness "$(dir_of "$p")" --list
    done
    exit 0
fi

# The jar: built (or rebuilt when stale) here, outside the network namespace; the hooks then run
# with HUDDLE_NO_BUILD=1 so no build ever starts inside a hook.
if [[ -z $recorder ]]; then
    if ! HUDDLE_LAUNCHER_PRINT=1 "$root/bin/huddle" >/dev/null; then
        echo "e2e: 0 passed, 1 failed (could not build target/huddle.jar)"
        exit 1
    fi
    export HUDDLE_NO_BUILD=1
    # an event Huddle has nothing to do at, in a scratch folder with a scratch store: no side effects
    probe_dir=$(mktemp -d) || exit 1
    probe=$(cd "$probe_dir" && echo '{"hook_event_name":"Notification"}' |
        HUDDLE_DB=$probe_dir/probe.db "$root/bin/huddle" hook claude Notification 2>&1 >/dev/null)
    rm -rf "$probe_dir"
    if [[ $probe == *"unknown command"* ]]; then
        echo "e2e: this build has no 'huddle hook' command ($probe)" >&2
        echo "e2e: 0 passed, 1 failed (huddle hook is not implemented; e2e/run.sh --recorder checks the CLIs alone)"
        exit 1
    fi
fi

export PYTHONDONTWRITEBYTECODE=1
mkdir -p "$out" || exit 1
deadline=$((SECONDS + suite_timeout))
total_pass=0 total_fail=0 timings=()
for p in "${plist[@]}"; do
    left=$((deadline - SECONDS))
    if ((left <= 30)); then
        echo "FAIL $p: not run, the suite's ${suite_timeout}s budget is used up"
        total_fail=$((total_fail + 1))
        continue
    fi
    budget=$((left < program_timeout ? left : program_timeout))
    args=(--program "$p" --harness "$(dir_of "$p")" --out "$out/$p" --root "$root" --counts "$out/$p.counts")
    [[ -n $only ]] && args+=(--only "$only")
    [[ -n $recorder ]] && args+=(--recorder)
    rm -rf "${out:?}/$p" "$out/$p.counts"
    t0=$SECONDS
    timeout -k 20 "$budget" python3 "$root/e2e/huddle_e2e.py" "${args[@]}"
    rc=$?
    secs=$((SECONDS - t0))
    if [[ -f $out/$p.counts ]]; then
        read -r np nf <"$out/$p.counts"
    else
        np=0 nf=1
        if ((rc == 124 || rc == 137)); then
            echo "FAIL $p: timed out after ${budget}s (E2E_PROGRAM_TIMEOUT / E2E_TIMEOUT)"
        else
            echo "FAIL $p: the runner exited $rc without a result"
        fi
    fi
    total_pass=$((total_pass + np)) total_fail=$((total_fail + nf))
    timings+=("$p ${secs}s ($np passed, $nf failed)")
done
joined=$(IFS=';'; echo "${timings[*]}")
echo "e2e: time per program: ${joined//;/; }; run folders in $out"
echo "e2e: $total_pass passed, $total_fail failed"
((total_fail == 0))
