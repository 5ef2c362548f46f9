#!/usr/bin/env bash
# e2e/send-direct.sh — used by the scripted model of the scenario huddle_direct_message_stop:
# run (as a shell tool call) in the scratch repo, it finds the agent that Huddle registered for
# the running session (the one agent that is not other-agent) and sends it a direct message, as
# other-agent, in the middle of the turn.
set -uo pipefail
huddle=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)/bin/huddle
me=$(HUDDLE_NO_BUILD=1 "$huddle" agents --json | python3 -c '
import json, sys
ids = [a["id"] for a in json.load(sys.stdin)["agents"] if a["id"] != "other-agent"]
print(ids[0] if len(ids) == 1 else "")')
if [[ -z $me ]]; then
    echo "send-direct: no single session agent registered (huddle agents shows none or several)" >&2
    exit 1
fi
HUDDLE_NO_BUILD=1 "$huddle" send "$me" "HUDDLE-E2E-REBASE-NOTE: please rebase onto main before you finish (from other-agent)" --agent other-agent >/dev/null && echo "sent a direct message to $me"
