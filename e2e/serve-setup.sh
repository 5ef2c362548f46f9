#!/usr/bin/env bash
# e2e/serve-setup.sh [--http] — HOOK_SETUP of the huddle_serve_* scenarios (the agent CLI through
# `huddle serve`), run by the harness in the fresh scratch repo before the CLI starts: `huddle init`;
# other-agent holds held.txt and held.ipynb; e2e-agent is registered and gets a token
# (../huddle-token, read by e2e/with-token.sh into Claude Code's HUDDLE_TOKEN); a real
# `huddle serve` starts in the background (pid in ../serve.pid, URL in ../serve.url, its stderr in
# ../serve.err; the runner stops it after the scenario), on port E2E_SERVE_PORT when set (the
# command hooks' HUDDLE_URL names it), else a free one; with --http the harness's command hooks are
# replaced by what `huddle install claude --http URL` writes. Prints "exit N" last (the checks read it).
set -uo pipefail
huddle=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)/bin/huddle
export HUDDLE_NO_BUILD=1
unset HUDDLE_AGENT HUDDLE_URL HUDDLE_TOKEN HUDDLE_DB # the set-up works on the file
run() {
    "$huddle" init >/dev/null &&
        "$huddle" register other-agent &&
        "$huddle" lock held.txt held.ipynb --agent other-agent --reason "e2e: held by another agent" &&
        "$huddle" register e2e-agent &&
        "$huddle" token issue --agent e2e-agent >../huddle-token || return 1
    # setsid: the server outlives this shell (the harness waits for it) and gets no terminal signals
    setsid "$huddle" serve --bind "127.0.0.1:${E2E_SERVE_PORT:-0}" >../serve.url 2>../serve.err </dev/null &
    echo $! >../serve.pid
    local i url=''
    for ((i = 0; i < 150; i++)); do
        url=$(head -n 1 ../serve.url 2>/dev/null)
        [[ -n $url ]] && break
        sleep 0.1
    done
    [[ -n $url ]] || { echo "huddle serve printed no URL within 15 s:"; cat ../serve.err; return 1; }
    [[ ${1:-} == --http ]] || return 0
    rm -f .claude/settings.json
    "$huddle" install claude --http "$url"
}
run "$@"
echo "exit $?"
