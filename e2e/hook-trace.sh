#!/usr/bin/env bash
# e2e/hook-trace.sh COMMAND... EVENT — runs a hook command exactly as the agent CLI would (same
# stdin, stdout, stderr, exit code) and keeps the evidence of the call next to the harness's run
# folder: <run>/huddle-hooks/<time>-<pid>.<EVENT>.{in,out,err,rc}. The .rc file ("rc start end",
# times from EPOCHREALTIME) is written only when the command finished: a call without one was
# killed or cancelled by the client (e.g. Claude Code's ~1.5 s SessionEnd limit).
# Without HOOK_LOG (set by the harness per scenario) it just execs the command.
[[ -n ${HOOK_LOG:-} ]] || exec "$@"
dir=${HOOK_LOG%/*}/huddle-hooks
mkdir -p "$dir" || exec "$@"
event=${!#}
base=$dir/${EPOCHREALTIME/./}-$$.$event
cat >"$base.in"
start=$EPOCHREALTIME
"$@" <"$base.in" >"$base.out" 2>"$base.err"
rc=$?
echo "$rc $start $EPOCHREALTIME" >"$base.rc"
cat "$base.out"
cat "$base.err" >&2
exit "$rc"
