#!/usr/bin/env bash
# e2e/with-token.sh ARGS... — the agent CLI of the huddle_serve_* scenarios: runs E2E_REAL_CLI with
# HUDDLE_TOKEN set to the token e2e/serve-setup.sh issued (../huddle-token, beside the scratch repo
# the harness runs the CLI in), as a user would start Claude Code for `install claude --http`.
if [[ -f ../huddle-token ]]; then
    HUDDLE_TOKEN=$(<../huddle-token)
    export HUDDLE_TOKEN
fi
exec "${E2E_REAL_CLI:?E2E_REAL_CLI names the real CLI}" "$@"
