#!/usr/bin/env bash
# e2e/send-direct.sh [--broadcast] — run by the scripted model of the scenarios
# huddle_direct_message_stop and huddle_broadcast_next_prompt (as a shell tool call, in the scratch
# repo): finds the agent Huddle registered for the running session (the one agent that is not
# other-agent) and, as other-agent, sends it a direct message, or with --broadcast sends one to
# all. The message texts (the markers the checks look for) are only here, never in the command
# the model runs, so a marker in a model request shows that Huddle delivered the message.
set -uo pipefail
huddle=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)/bin/huddle
export HUDDLE_NO_BUILD=1
unset HUDDLE_AGENT
if [[ ${1:-} == --broadcast ]]; then
    "$huddle" broadcast "HUDDLE-E2E-BROADCAST-NOTE: the build is green again (from other-agent)" \
        --agent other-agent >/dev/null && echo "broadcast sent"
    exit
fi
me=$("$huddle" agents --json | python3 -c '
import json, sys
ids = [a["id"] for a in json.load(sys.stdin)["agents"] if a["id"] != "other-agent"]
print(ids[0] if len(ids) == 1 else "")')
if [[ -z $me ]]; then
    echo "send-direct: no single session agent registered (huddle agents shows none or several)" >&2
    exit 1
fi
"$huddle" send "$me" "HUDDLE-E2E-REBASE-NOTE: please rebase onto main before you finish (from other-agent)" \
    --agent other-agent >/dev/null && echo "sent a direct message to $me"
