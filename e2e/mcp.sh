#!/usr/bin/env bash
# MCP e2e: drives `bin/huddle mcp` with MCP clients we did not write — ../shared/harness/mcp (the
# official TypeScript SDK client and the MCP Inspector CLI) — through e2e/mcp/huddle-scenario.json,
# which calls every one of the 12 tools, over stdio (`bin/huddle mcp`, identity from HUDDLE_AGENT)
# and over Streamable HTTP (`/mcp` on `bin/huddle serve`, identity from two agents' bearer tokens),
# each with the SDK client and the Inspector. The harness's closing line `N passed, N failed` counts.
#
# usage: e2e/mcp.sh [--install-only] [--check]
#   --install-only  npm-install the harness's pinned packages into the cache, run nothing
#   --check         exit 0 when the harness is installed in the cache, 1 otherwise
# The harness is copied into ${HUDDLE_E2E_CACHE:-~/.cache/huddle/harness}/mcp-<hash of its
# package.json> and installed there: shared/ is read-only on CI.
set -uo pipefail
root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
shared=${HUDDLE_SHARED:-$root/../shared}
cache=${HUDDLE_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/huddle/harness}
src=$shared/harness/mcp
mode=${1:-run}
if [[ ! -f $src/run.mjs ]]; then
    echo "mcp-e2e: the MCP harness is missing: expected $src (shared/ beside the checkout, or set HUDDLE_SHARED)" >&2
    [[ $mode == --check ]] || echo "mcp-e2e: 0 passed, 1 failed (no harness)"
    exit 1
fi
dir=$cache/mcp-$(sha256sum "$src/package.json" | cut -c1-12)
installed() { [[ -f $dir/.installed && -d $dir/node_modules/@modelcontextprotocol/sdk ]]; }
if [[ $mode == --check ]]; then
    installed && exit 0
    echo "mcp-e2e: the MCP harness is not installed in $dir"
    exit 1
fi

mkdir -p "$dir" || exit 1
exec 8>"$cache/.mcp.lock"
flock 8
# The harness's own files from shared/ every time (not node_modules), writable in the cache.
(cd "$src" && find . -path ./node_modules -prune -o -type f -print) | while IFS= read -r f; do
    mkdir -p "$dir/$(dirname "$f")" && rm -f "$dir/$f" && cp "$src/$f" "$dir/$f" && chmod u+w "$dir/$f"
done
if ! installed; then
    command -v npm >/dev/null 2>&1 || { echo "mcp-e2e: npm is not installed (needs node 20+ and npm)" >&2; exit 1; }
    echo "mcp-e2e: npm install (the harness's 4 pinned packages) into $dir ..."
    rm -rf "$dir/node_modules" "$dir/package-lock.json"
    if ! (cd "$dir" && timeout 900 npm install --no-audit --no-fund --no-update-notifier --loglevel=error >"$dir/npm-install.log" 2>&1); then
        echo "mcp-e2e: npm install failed; the last lines of $dir/npm-install.log:" >&2
        tail -n 20 "$dir/npm-install.log" >&2
        exit 1
    fi
    date -u >"$dir/.installed"
fi
exec 8>&-
[[ $mode == --install-only ]] && { echo "mcp-e2e: harness installed in $dir"; exit 0; }

# A scratch store with enough ready tasks for every run of the scenario (each claims one).
work=$root/target/mcp-e2e
rm -rf "$work" && mkdir -p "$work"
export HUDDLE_DB=$work/huddle.db
"$root/bin/huddle" init --no-agents-md >/dev/null || exit 1
for a in alice bob; do HUDDLE_AGENT=$a "$root/bin/huddle" register "$a" >/dev/null || exit 1; done
HUDDLE_AGENT=mcp-e2e "$root/bin/huddle" register mcp-e2e >/dev/null || exit 1
for k in 1 2 3 4 5 6 7 8; do
    HUDDLE_AGENT=mcp-e2e "$root/bin/huddle" task new "mcp harness task $k" >/dev/null || exit 1
done
ALICE_TOKEN=$("$root/bin/huddle" token issue --agent alice 2>/dev/null) || exit 1
BOB_TOKEN=$("$root/bin/huddle" token issue --agent bob 2>/dev/null) || exit 1
export ALICE_TOKEN BOB_TOKEN
# A free loopback port for the server the harness starts (and stops).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cd "$root" || exit 1
node "$dir/run.mjs" --stdio "bin/huddle mcp" \
    --http "http://127.0.0.1:$port/mcp" --start "bin/huddle serve --bind 127.0.0.1:$port" \
    --header "Authorization: Bearer $ALICE_TOKEN" --env "HUDDLE_DB=$HUDDLE_DB" \
    --scenario "$root/e2e/mcp/huddle-scenario.json" --inspector --report "$work/report.json"
