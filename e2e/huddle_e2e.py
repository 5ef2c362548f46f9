#!/usr/bin/env python3
"""Real-client end-to-end scenarios for one agent program (claude, codex or gemini).

Reuses the harness of ../shared/harness/<client>/run_scenarios.py (imported from the cached copy
that holds the pinned CLI in node_modules): its run_one() builds the scratch repo, the fake model
API and the hook configuration, runs the real CLI and records everything in a run folder. This file
decides WHICH scenarios apply to Huddle's real hook command and WHAT Huddle must achieve in each,
then checks that from the run folder (files, requests.jsonl, summary.json, huddle-hooks/ written by
e2e/hook-trace.sh) and from the scratch repo's store (.git/huddle/huddle.db, via bin/huddle).

Every hook is  <repo>/e2e/hook-trace.sh <repo>/bin/huddle hook <program> <Event>  (E2E_TRACE=0:
without the trace wrapper); before each scenario HOOK_SETUP registers `other-agent` and makes it
lock held.txt and held.ipynb with the reason "e2e: held by another agent".

Prints one PASS/FAIL line per scenario (with the failed checks under it), then
`N passed, N failed`; writes <out>/results.json and, with --counts FILE, "N_PASSED N_FAILED" there.
Runs inside a fresh network namespace with only loopback (unshare -n) when it can.
"""
import argparse, glob, importlib.util, json, os, shlex, shutil, signal, subprocess, sys, time, traceback

import mcp_clients

HOLDER = "other-agent"
REASON = "e2e: held by another agent"
# texts that send-direct.sh puts in the message bodies (never in the shell command the model runs)
DIRECT = "HUDDLE-E2E-REBASE-NOTE"
BROADCAST = "HUDDLE-E2E-BROADCAST-NOTE"
# the agent whose token Claude Code carries in the huddle_serve_* scenarios (e2e/serve-setup.sh)
SERVE_AGENT = "e2e-agent"

PROGRAMS = {
    "claude": dict(label="Claude Code", pre="PreToolUse", post="PostToolUse", stop="Stop", start="SessionStart",
                   end="SessionEnd", prompt="UserPromptSubmit", bin_env="CLAUDE_BIN"),
    "codex": dict(label="Codex CLI", pre="PreToolUse", post="PostToolUse", stop="Stop", start="SessionStart",
                  end="SessionEnd", prompt="UserPromptSubmit", bin_env="CODEX_BIN"),
    "gemini": dict(label="Gemini CLI", pre="BeforeTool", post="AfterTool", stop="AfterAgent", start="SessionStart",
                   end="SessionEnd", prompt="BeforeAgent", bin_env="GEMINI_BIN"),
}

# What each harness scenario means for Huddle's real hook.
#   deny     the harness's deny expectation (held.* untouched) + the model is told who holds it and why
#   allow    the harness's file expectations; Huddle's hook stays out of the way
#   context  allow + SessionStart's context (who is here, leases) reaches the model's first request
#   skip     the scenario exercises the recorder's own switches (HOOK_DENY_STYLE, HOOK_EXIT2_EVENTS, ...)
#            or a client fact that does not involve the hook command; the reason is printed by --list
# "logs": files whose edit PostToolUse must record in Huddle's event log.
DUP = "same run as %s once the recorder's answer style (HOOK_DENY_STYLE) no longer applies"
CLIENT = "client fact independent of the hook command (covered by the harness's own recorder runs)"
RECORDER = "exercises the recorder's %s switch; Huddle decides its own answers"
PLAN = {
    "claude": {
        "write_allow_context_stop": ("context", {"logs": ["notes.txt"]}),
        "context_plain_stdout": ("skip", RECORDER % "HOOK_CONTEXT=plain"),
        "write_deny_exit2": ("skip", DUP % "write_deny_json"),
        "write_deny_json": ("deny", {}),
        "write_deny_legacy": ("skip", DUP % "write_deny_json"),
        "write_exit1_nonblocking": ("skip", RECORDER % "exit 1 (fail-open)"),
        "write_deny_json_bypass": ("deny", {}),
        "edit_allow": ("allow", {"logs": ["src.txt"]}),
        "edit_deny_exit2": ("skip", DUP % "edit_deny_json"),
        "edit_deny_json": ("deny", {}),
        "edit_without_read": ("allow", {"logs": ["src.txt"]}),
        "bash_allow": ("allow", {}),
        "bash_deny_exit2": ("skip", DUP % "bash_deny_json"),
        "bash_deny_json": ("deny", {}),
        "http_deny": ("skip", "type:http hook served by the harness's endpoint, not the command"),
        "http_allow_all_events": ("skip", "type:http hook served by the harness's endpoint, not the command"),
        "http_down": ("skip", "type:http hook served by the harness's endpoint, not the command"),
        "http_500": ("skip", "type:http hook served by the harness's endpoint, not the command"),
        "http_down_block": ("skip", "client fact (onFailure: block refuses the edit when the endpoint is down); "
                            "Huddle's own blocking HTTP hook with its server stopped is huddle_serve_down"),
        "http_500_block": ("skip", "client fact (onFailure: block refuses the edit on an HTTP 500), served by the "
                           "harness's endpoint; Huddle installs PreToolUse with onFailure: block"),
        "http_timeout": ("skip", "type:http hook served by the harness's endpoint, not the command"),
        "command_timeout": ("skip", "client's fail-open on a hook past its timeout (a `sleep 8;` prefix)"),
        "command_timeout_default_sessionend": ("skip", CLIENT),
        "sessionend_timeout_env": ("skip", CLIENT),
        "stop_block_always": ("skip", RECORDER % "HOOK_STOP_BLOCK=always"),
        "precompact_empty": ("skip", CLIENT),
        "precompact_after_work": ("allow", {"logs": ["notes.txt"]}),
        "subagent_write": ("allow", {"logs": ["sub.txt"]}),
        "subagent_deny_json": ("deny", {}),
        "notebook_deny_json": ("deny", {}),
        "tool_failure": ("allow", {}),
        "acceptedits_bash_redirect": ("allow", {}),
        "permission_denied_bash": ("allow", {}),
        "userprompt_exit2": ("skip", RECORDER % "HOOK_EXIT2_EVENTS"),
        "posttool_exit2": ("skip", RECORDER % "HOOK_EXIT2_EVENTS"),
        "stop_exit2": ("skip", RECORDER % "HOOK_EXIT2_EVENTS"),
    },
    "codex": {
        "bash_allow_context_stop": ("context", {}),
        "patch_allow": ("allow", {"logs": ["notes.txt", "src.txt"]}),
        "bash_deny_exit2": ("skip", DUP % "bash_deny_json"),
        "bash_deny_json": ("deny", {}),
        "bash_deny_legacy": ("skip", DUP % "bash_deny_json"),
        "bash_exit1_nonblocking": ("skip", RECORDER % "exit 1 (fail-open)"),
        "patch_add_deny_exit2": ("skip", DUP % "patch_add_deny_json"),
        "patch_add_deny_json": ("deny", {}),
        "patch_update_deny_json": ("deny", {}),
        "matcher_claude_style": ("deny", {}),
        "sandbox_workspace_write": ("deny", {}),
        "sandbox_on_request": ("deny", {}),
        "no_hook_trust_flag": ("skip", "client fact: untrusted hooks are skipped silently (the installer's concern)"),
        "trusted_via_hooks_state": ("deny", {}),
        "untrusted_project": ("skip", "client fact: project hooks of an untrusted project are not loaded"),
        "user_level_hooks": ("deny", {}),
        "command_timeout": ("skip", "client's fail-open on a hook past its timeout (a `sleep 8;` prefix)"),
        "http_hook_type": ("skip", "type:http is rejected by Codex (client fact)"),
        "userprompt_exit2": ("skip", RECORDER % "HOOK_EXIT2_EVENTS"),
        "posttool_exit2": ("skip", RECORDER % "HOOK_EXIT2_EVENTS"),
        "stop_exit2": ("skip", RECORDER % "HOOK_EXIT2_EVENTS"),
        "stop_block_always": ("skip", RECORDER % "HOOK_STOP_BLOCK=always"),
        "resume": ("allow", {}),
    },
    "gemini": {
        "write_allow_context_stop": ("context", {"logs": ["notes.txt"]}),
        "replace_allow": ("allow", {"logs": ["src.txt"]}),
        "shell_allow": ("allow", {}),
        "write_deny_exit2": ("skip", DUP % "write_deny_decision"),
        "write_deny_decision": ("deny", {}),
        "write_deny_block_alias": ("skip", DUP % "write_deny_decision"),
        "write_deny_claude_json": ("skip", RECORDER % "HOOK_DENY_STYLE=json (Claude's format, ignored by Gemini)"),
        "write_exit1_nonblocking": ("skip", RECORDER % "exit 1 (fail-open)"),
        "replace_deny_decision": ("deny", {}),
        "shell_deny_decision": ("deny", {}),
        "shell_deny_exit2": ("skip", DUP % "shell_deny_decision"),
        "auto_edit_deny_decision": ("deny", {}),
        "matcher_claude_style": ("skip", "client fact: Claude's tool names match nothing in Gemini"),
        "untrusted_folder": ("skip", "client fact: gemini -p refuses an untrusted folder"),
        "user_level_hooks": ("deny", {}),
        "command_timeout": ("skip", "client's fail-open on a hook past its timeout (a `sleep 8;` prefix)"),
        "http_hook_type": ("skip", "type:http is discarded by Gemini (client fact)"),
        "beforeagent_exit2": ("skip", RECORDER % "HOOK_EXIT2_EVENTS"),
        "aftertool_exit2": ("skip", RECORDER % "HOOK_EXIT2_EVENTS"),
        "afteragent_exit2": ("skip", RECORDER % "HOOK_EXIT2_EVENTS"),
        "afteragent_block_always": ("skip", RECORDER % "HOOK_STOP_BLOCK=always"),
        "resume": ("allow", {"logs": ["notes.txt"]}),
    },
}


# shell commands that write held.txt in ways a naive check would miss (issue: "Bash commands that
# write files ... Parse conservatively"); held.txt exists with ORIG content and must keep it
SHELL_WRITES = [
    ("append", "echo x >> held.txt"),
    ("tee", "echo x | tee held.txt"),
    ("sed_i", "sed -i 's/one/1/' held.txt"),
    ("cp", "cp README.md held.txt"),
    ("mv", "mv README.md held.txt"),
    ("heredoc", "cat > held.txt <<'EOF'\nx\nEOF"),
    ("cd_subshell", "(cd . && printf x > ./held.txt)"),
]


def huddle_scenarios(prog, H, root):
    """Huddle's own scenarios, built with the harness's helpers: (kind, scenario, extra)."""
    helper = shlex.quote(os.path.join(root, "e2e", "send-direct.sh"))
    if prog == "claude":
        sh, flags = H.B, {"flags": H.BASH_FLAGS}
        resume, fresh = {"flags": ["--continue"]}, {"flags": []}
    else:
        sh, flags = H.SH, {}
        resume = {"args": ["resume", "--last"]} if prog == "codex" else {"args": ["--resume", "latest"]}
        fresh = {"args": []}
    out = []
    for name, cmd in SHELL_WRITES:
        out.append(("deny", dict(name="huddle_shell_" + name, about="shell tool: `%s` on held.txt" % cmd.split("\n")[0],
                                 setup={"held.txt": H.ORIG}, turns=[sh(cmd), H.T("Refused.")],
                                 expect={"held.txt": H.ORIG}, **flags), {}))
    out.append(("stop", dict(
        name="huddle_direct_message_stop",
        about="mid-turn, other-agent sends this session's agent a direct message (shell tool runs "
              "e2e/send-direct.sh); the model must be told before the turn ends, and Stop must not loop",
        turns=[sh(helper), H.T("Finished the task."), H.T("Read the message from other-agent."), H.T("Read it again.")],
        expect={}, **flags), {}))
    out.append(("push", dict(
        name="huddle_broadcast_next_prompt",
        about="other-agent broadcasts mid-turn (not directed: Stop lets the turn end); the session is resumed "
              "with a second prompt: the broadcast reaches the model, through exactly one hook answer",
        turns=[sh(helper + " --broadcast"), H.T("Broadcast noted."), H.T("Second prompt answered."), H.T("Done.")],
        steps=[dict(resume, prompt="and now the second task")], expect={}, **flags), {}))
    if prog == "claude":
        write = H.W("notes.txt", "hello\n")
        flags_w = {"flags": H.EDIT_FLAGS}
    elif prog == "codex":
        write, flags_w = H.ADD("notes.txt", "hello"), {}
    else:
        write, flags_w = H.WF("notes.txt", "hello\n"), {}
    out.append(("broken", dict(
        name="huddle_broken_store",
        about="the store is corrupt (overwritten after the set-up): an edit of a file Huddle cannot check is "
              "refused with an explanation (default failure policy), not silently allowed",
        turns=[write, H.T("Could not write.")], expect={"notes.txt": None}, **flags_w),
        {"setup_extra": "printf 'this is not a database' > .git/huddle/huddle.db; "
                        "rm -f .git/huddle/huddle.db-wal .git/huddle/huddle.db-shm"}))
    out.append(("sessions", dict(
        name="huddle_two_sessions",
        about="two separate sessions, one after the other, in one repository: two agents, distinct ids and names",
        turns=[H.T("Done.")], steps=[dict(fresh, prompt="a second, separate session")], expect={}, **flags),
        {"agents": 2}))
    return out


def serve_scenarios(H, root):
    """Claude Code through a real `huddle serve`, hooks written by `huddle install claude --http URL`
    (e2e/serve-setup.sh), HUDDLE_TOKEN in Claude Code's environment (e2e/with-token.sh)."""
    helper = shlex.quote(os.path.join(root, "e2e", "send-direct.sh"))
    # the server's pid is the setsid'd launcher's, which execs the JVM
    stop_server = ("kill $(cat ../serve.pid); for i in $(seq 100); do kill -0 $(cat ../serve.pid) 2>/dev/null "
                   "|| break; sleep 0.1; done; echo server stopped")
    return [
        ("serve", dict(name="huddle_serve_deny", about="through huddle serve: Write of held.txt (held by other-agent) "
                       "is denied by the PreToolUse HTTP hook; the model is told the holder and the reason",
                       turns=[H.W("held.txt", "overwritten\n"), H.T("Refused.")], flags=H.EDIT_FLAGS,
                       expect={"held.txt": None}), {"serve": "deny"}),
        ("serve", dict(name="huddle_serve_allow", about="through huddle serve: Write of an unheld notes.txt goes "
                       "through, and the PostToolUse HTTP hook records it in the log",
                       turns=[H.W("notes.txt", "hello\n"), H.T("Wrote notes.txt.")], flags=H.EDIT_FLAGS,
                       expect={"notes.txt": "hello\n"}), {"serve": "allow", "logs": ["notes.txt"]}),
        ("serve", dict(name="huddle_serve_message_push", about="through huddle serve: other-agent sends the session's "
                       "agent a direct message mid-turn; an HTTP hook (Stop) brings it to the model",
                       turns=[H.B(helper), H.T("Finished the task."), H.T("Read the message from other-agent."),
                              H.T("Read it again.")], flags=H.BASH_FLAGS, expect={}), {"serve": "push"}),
        ("serve", dict(name="huddle_serve_down", about="through huddle serve: the server is stopped mid-session; the "
                       "next edit is blocked (onFailure: block), the file untouched; what the model is told is recorded",
                       turns=[H.B(stop_server), H.W("notes.txt", "hello\n"), H.T("Could not write.")],
                       flags=H.BASH_FLAGS, expect={"notes.txt": None}), {"serve": "down"}),
    ]


def serve_command_scenario(prog, H):
    """Codex / Gemini: their command hooks through a real `huddle serve` (HUDDLE_URL + HUDDLE_TOKEN in the CLI's
    environment): the harness's deny scenario, answered by the server."""
    base = {"codex": "patch_add_deny_json", "gemini": "write_deny_decision"}[prog]
    sc = dict(next(s for s in H.SCENARIOS if s["name"] == base))
    sc.update(name="huddle_serve_command_deny", about="through huddle serve (HUDDLE_URL, HUDDLE_TOKEN): " + sc["about"])
    return ("serve", sc, {"serve": "command"})


def stop_server(d):
    """Stops the scenario's `huddle serve` (SIGTERM, then SIGKILL after 10 s); True when it had to be killed."""
    try:
        pid = int(read(os.path.join(d, "serve.pid")) or "")
    except ValueError:
        return False
    try:
        os.kill(pid, signal.SIGTERM)
    except OSError:
        return False
    end = time.time() + 10
    while time.time() < end:
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        time.sleep(0.1)
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    return True


def serve_agent_check(root, d):
    """The session was the token's agent's: the hooks' answers came from the server (a hook answered on the
    file would have registered an agent of its own)."""
    code, outp, err = huddle(root, os.path.join(d, "repo"), "agents", "--all", "--json")
    try:
        agents = [a["id"] for a in json.loads(outp)["agents"] if a["id"] != HOLDER]
    except ValueError:
        agents = None
    return [(agents == [SERVE_AGENT], "the session acted as the token's agent only: agents besides %s are %s "
             "(expected %s)%s" % (HOLDER, agents, SERVE_AGENT, "" if agents is not None else short(err, 200)))]


def check_serve(sc, extra, r, d, root):
    """[(ok, text)] for a huddle_serve_* scenario (Claude Code's HTTP hooks against a real server)."""
    mode = extra["serve"]
    res = []
    repo = os.path.join(d, "repo")
    res.append((r.get("claude_rc") == 0, "the CLI exited by itself with 0 (rc=%s)" % r.get("claude_rc")))
    setup = read(os.path.join(d, "huddle-setup.log")) or ""
    res.append((setup.rstrip().endswith("exit 0"), "e2e/serve-setup.sh (init, leases, token, serve, install "
                "claude --http) succeeded%s" % ("" if setup.rstrip().endswith("exit 0") else ": " + short(setup, 600))))
    for name, want in sc.get("expect", {}).items():
        got = r["files"].get(name)
        res.append((got == want, "%s is %s (expected %s)" % (name, short(got, 60) if got is not None else "absent",
                                                             short(want, 60) if want is not None else "absent")))
    settings = read(os.path.join(repo, ".claude", "settings.json")) or ""
    res.append(('"type": "http"' in settings and "/api/v1/hooks/claude/pre-tool-use" in settings,
                "the hooks Claude Code ran are install claude --http's"))
    texts = tool_texts("claude", r)
    reqs = [x for x in jl(os.path.join(d, "requests.jsonl")) if x.get("method") == "POST"]
    main = [x for x in reqs if str(x.get("answered", {}).get("kind", "")).startswith("main")]
    # SessionStart stays a command hook (`huddle hook claude SessionStart --url URL`): through the server, its
    # context (who is here, the leases) is in the first request, and the session is the token's agent's (below)
    first = json.dumps(main[0]["body"]) if main else ""
    res.append((HOLDER in first and "held.txt" in first, "the SessionStart context (%s, held.txt) reached the model's "
                "first request" % HOLDER))
    if mode == "deny":
        told = [t for e, t in texts if e and HOLDER in t]
        res.append((bool(told), "the model was told that %s holds held.txt: %s" % (
            HOLDER, short(told[0] if told else [t for _, t in texts], 400))))
        res.append((any(REASON in t for t in told), "... and the lease's reason (%r)" % REASON))
    elif mode in ("allow", "push"):
        for e, t in texts:
            if e and (HOLDER in t or "huddle" in t.lower()):
                res.append((False, "a tool call was refused with Huddle's words: %s" % short(t, 300)))
    if mode == "push":
        told_at = [i for i, x in enumerate(main) if DIRECT in json.dumps(x["body"])]
        res.append((bool(told_at), "the direct message sent mid-turn reached the model (request %s of %d)" % (
            told_at[0] + 1 if told_at else "none", len(main))))
        res.append((len(main) <= 5, "the turn ended within 5 model requests (%d)" % len(main)))
    if mode == "down":
        writes = [(e, t) for e, t in texts[1:]]
        res.append((bool(writes) and all(e for e, _ in writes), "the Write after the server stopped came back as an "
                    "error: %s" % short([t for _, t in writes], 600)))
        # what Claude Code itself says about the unreachable blocking HTTP hook (docs/decisions.md): its own
        # text, naming the hook's URL; no text of ours can reach the model from a server that is down
        res.append((any("/api/v1/hooks/claude/pre-tool-use" in t and "onFailure" in t for _, t in writes),
                    "Claude Code's refusal names the hook's URL and onFailure block"))
        res.append((None, "note: the model was told: %s" % short([t for _, t in writes], 1000)))
        res.append((None, "note: Claude Code's stderr: %s" % short(read(os.path.join(d, "err.txt")) or "", 600)))
    res.extend(serve_agent_check(root, d))
    for name in extra.get("logs", []):
        code, outp, err = huddle(root, repo, "log", "--path", name, "--json")
        try:
            evs = json.loads(outp)["events"]
        except ValueError:
            evs = None
        res.append((bool(evs) and all(e.get("agent") in (None, SERVE_AGENT) for e in evs),
                    "the edit of %s is in Huddle's event log, by %s (%s)" % (name, SERVE_AGENT, short(evs, 300))))
    serve_err = read(os.path.join(d, "serve.err")) or ""
    if serve_err.strip():
        res.append((None, "note: huddle serve's stderr: %s" % short(serve_err, 600)))
    return res


def load_harness(prog, harness_dir):
    path = os.path.join(harness_dir, "run_scenarios.py")
    spec = importlib.util.spec_from_file_location("harness_" + prog, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def plan_for(prog, H, root):
    out, seen = [], set()
    table = PLAN[prog]
    for sc in H.SCENARIOS:
        seen.add(sc["name"])
        if sc["name"] in table:
            kind, extra = table[sc["name"]]
        elif sc.get("group") == "deny":
            # a new scenario of the harness's lease-enforcement group: a deny for Huddle too
            kind, extra = "deny", {}
        else:
            kind, extra = "new", "a harness scenario that PLAN in e2e/huddle_e2e.py does not classify yet: not run"
        out.append((kind, sc, extra))
    for name in table:
        if name not in seen:
            out.append(("gone", {"name": name, "about": "in PLAN but no longer in the harness: nothing to run"}, {}))
    out.extend(huddle_scenarios(prog, H, root))
    if prog == "claude":
        out.extend(serve_scenarios(H, root))
    else:
        out.append(serve_command_scenario(prog, H))
    if prog in mcp_clients.TOOL_NAME:
        out.extend(mcp_clients.scenarios(prog, H))
    return out


def strip_recorder(sc):
    """The scenario as the real hook sees it: no recorder switches, no recorder markers."""
    sc = dict(sc)
    sc["env"] = {k: v for k, v in sc.get("env", {}).items() if not k.startswith("HOOK_")}
    for k in ("markers", "absent", "min_stops"):
        sc.pop(k, None)
    return sc


def jl(path):
    out = []
    if os.path.exists(path):
        for line in open(path, errors="replace"):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except ValueError:
                    pass
    return out


def read(path):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return None


def trace_calls(d):
    """The hook calls recorded by e2e/hook-trace.sh, in start order."""
    calls = []
    for inp in sorted(glob.glob(os.path.join(d, "huddle-hooks", "*.in"))):
        base = inp[:-3]
        event = base.rsplit(".", 1)[1]
        raw = read(inp) or ""
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = None
        rcline = read(base + ".rc")
        rc = ms = None
        if rcline:
            parts = rcline.split()
            rc = int(parts[0])
            ms = round((float(parts[2]) - float(parts[1])) * 1000)
        calls.append({"event": event, "payload": payload, "stdin": raw, "stdout": read(base + ".out") or "",
                      "stderr": read(base + ".err") or "", "rc": rc, "ms": ms, "file": os.path.basename(base)})
    calls.sort(key=lambda c: int(c["file"].split("-", 1)[0]))
    return calls


def answer_of(call, prog=None):
    """What a hook call answered: 'deny' (a JSON decision the program honours), 'exit2', 'context',
    'text', 'ok', 'error' (another exit code), 'killed' (no exit code), 'bad-json'."""
    if call["rc"] is None:
        return "killed"
    if call["rc"] == 2:
        return "exit2"
    if call["rc"] != 0:
        return "error"
    out = call["stdout"].strip()
    if out.startswith("{"):
        try:
            o = json.loads(out)
        except ValueError:
            return "bad-json"
        hso = o.get("hookSpecificOutput") or {}
        # Gemini CLI ignores hookSpecificOutput.permissionDecision (reference README)
        if (prog != "gemini" and hso.get("permissionDecision") == "deny") or o.get("decision") in ("block", "deny"):
            return "deny"
        if hso.get("additionalContext") or o.get("systemMessage"):
            return "context"
    elif out:
        return "text"
    return "ok"


def touches_held(call):
    """The tool call names held.txt or held.ipynb (in its input, not in paths like cwd)."""
    ti = (call["payload"] or {}).get("tool_input") if isinstance(call["payload"], dict) else None
    return "held." in (json.dumps(ti) if ti is not None else call["stdin"])


def short(s, n=300):
    s = s if isinstance(s, str) else json.dumps(s)
    s = s.replace("\n", "\\n")
    return s if len(s) <= n else s[:n] + "..."


def huddle(root, repo, *args):
    env = dict(os.environ, HUDDLE_NO_BUILD="1")
    env.pop("HUDDLE_AGENT", None)
    p = subprocess.run([os.path.join(root, "bin", "huddle")] + list(args), cwd=repo, env=env,
                       capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def tool_texts(prog, r):
    """(is_error, text) of every tool result the model got back."""
    if prog == "claude":
        return [(t["is_error"], json.dumps(t["content"])) for t in r.get("tool_results", [])]
    if prog == "codex":
        return [("blocked by" in json.dumps(t["output"]), json.dumps(t["output"])) for t in r.get("tool_outputs", [])]
    return [("error" in (t["response"] or {}), json.dumps(t["response"])) for t in r.get("tool_outputs", [])]


def check(prog, kind, sc, extra, r, d, root):
    """[(ok, text)] for one finished scenario; ok None = a note that does not fail the scenario."""
    P = PROGRAMS[prog]
    res = []
    repo = os.path.join(d, "repo")
    rc = r.get("claude_rc", r.get("cli_rc"))
    rcs = rc if isinstance(rc, list) else [rc]
    res.append((all(x == 0 for x in rcs), "the CLI exited by itself with 0 (rc=%s)" % rc))

    # the harness's own file expectations (what is on disk after the run)
    for name, want in sc.get("expect", {}).items():
        got = r["files"].get(name)
        res.append((got == want, "%s is %s (expected %s)" % (name, short(got, 60) if got is not None else "absent",
                                                             short(want, 60) if want is not None else "absent")))

    setup = read(os.path.join(d, "huddle-setup.log"))
    if setup is not None:
        res.append((setup.rstrip().endswith("exit 0"), "HOOK_SETUP (register %s, lock held.txt held.ipynb) succeeded%s" % (
            HOLDER, "" if setup.rstrip().endswith("exit 0") else ": " + short(setup, 400))))
    calls = trace_calls(d)
    tracing = os.environ.get("E2E_TRACE", "1") != "0"
    if tracing:
        evs = [c["event"] for c in calls]
        res.append((P["start"] in evs, "Huddle's %s hook ran (calls: %s)" % (P["start"], summarize_events(evs))))
        for c in calls:
            a = answer_of(c, prog)
            allowed = {"ok", "context", "text"}
            if c["event"] == P["pre"]:
                allowed |= {"deny", "exit2"}
            if c["event"] == P["stop"]:
                allowed |= {"deny", "exit2"}
            if a not in allowed:
                why = {"killed": "was killed or cancelled by the client before it answered",
                       "error": "exited %s (the client ignores it: fail-open)" % c["rc"],
                       "exit2": "exited 2 (blocking) on an event where that is not Huddle's job",
                       "deny": "answered a block/deny on an event where that is not Huddle's job",
                       "bad-json": "printed invalid JSON"}.get(a, a)
                res.append((False, "hook %s %s; stdout=%s stderr=%s" % (c["event"], why, short(c["stdout"], 200),
                                                                        short(c["stderr"], 400))))
            if kind != "broken" and c["event"] == P["pre"] and not touches_held(c) and a in ("deny", "exit2"):
                res.append((False, "hook %s denied a tool call that touches no held file: %s; answer %s %s" % (
                    c["event"], short((c["payload"] or {}).get("tool_input"), 200), short(c["stdout"], 200),
                    short(c["stderr"], 200))))
        slow = [c for c in calls if c["ms"] is not None and c["ms"] > 2000]
        for c in slow:
            res.append((None, "note: hook %s took %d ms" % (c["event"], c["ms"])))

    texts = tool_texts(prog, r)
    if kind == "deny":
        held = [c for c in calls if c["event"] == P["pre"] and touches_held(c)]
        if tracing:
            res.append((any(answer_of(c, prog) in ("deny", "exit2") for c in held),
                        "Huddle's %s hook denied the edit of the held file (answers: %s)" % (
                            P["pre"], ", ".join("%s rc=%s %s" % (answer_of(c, prog), c["rc"], short(c["stdout"] or c["stderr"], 160))
                                                for c in held) or "no call")))
        told = [t for e, t in texts if e and HOLDER in t]
        res.append((bool(told), "the model was told that %s holds it: %s" % (
            HOLDER, short(told[0] if told else [t for _, t in texts], 400))))
        res.append((any(REASON in t for t in told), "... and the lease's reason (%r)" % REASON))
    elif kind in ("allow", "context", "stop", "push", "sessions"):
        # a tool call that the hook answered with a deny, where nothing was held
        for e, t in texts:
            if e and (HOLDER in t or "huddle" in t.lower()):
                res.append((False, "a tool call was refused with Huddle's words: %s" % short(t, 300)))

    reqs = [x for x in jl(os.path.join(d, "requests.jsonl")) if x.get("method") == "POST"]
    main = [x for x in reqs if str(x.get("answered", {}).get("kind", "")).startswith("main")]
    if kind == "context":
        first = json.dumps(main[0]["body"]) if main else ""
        res.append((HOLDER in first and "held.txt" in first,
                    "SessionStart context (%s, held.txt) reached the model's first request" % HOLDER))
        ctx = [c for c in calls if c["event"] == P["start"]]
        if ctx:
            res.append((None, "note: SessionStart answered %s" % short(ctx[0]["stdout"], 300)))

    if kind == "stop":
        told_at = [i for i, x in enumerate(main) if DIRECT in json.dumps(x["body"])]
        res.append((bool(told_at), "the direct message sent mid-turn reached the model (request %s of %d)" % (
            told_at[0] + 1 if told_at else "none", len(main))))
        stops = [c for c in calls if c["event"] == P["stop"]]
        blocks = [answer_of(c, prog) in ("deny", "exit2") for c in stops]
        twice = any(a and b for a, b in zip(blocks, blocks[1:]))
        res.append((not twice, "the %s hook never blocked twice in a row (%s)" % (
            P["stop"], ", ".join("block" if b else "pass" for b in blocks) or "no call")))
        route = [c["event"] for c in calls if DIRECT in c["stdout"] + c["stderr"]]
        res.append((None, "note: the message reached the model through %s" % (", ".join(route) or "no hook answer")))
        res.append((len(main) <= 5, "the turn ended within 5 model requests (%d)" % len(main)))

    if kind == "broken":
        told = [t for e, t in texts if e and "huddle" in t.lower()]
        res.append((bool(told), "the model was told that Huddle could not check the edit: %s" % short(
            told[0] if told else [t for _, t in texts], 400)))
        starts = [c for c in calls if c["event"] == P["start"]]
        if starts:
            res.append((None, "note: SessionStart on the broken store answered rc=%s %s / stderr %s" % (
                starts[0]["rc"], short(starts[0]["stdout"], 300), short(starts[0]["stderr"], 300))))
        return res

    if kind == "push":
        seen_at = [i for i, x in enumerate(main) if BROADCAST in json.dumps(x["body"])]
        res.append((bool(seen_at), "the broadcast reached the model (first in request %s of %d)" % (
            seen_at[0] + 1 if seen_at else "none", len(main))))
        route = [c["event"] for c in calls if BROADCAST in c["stdout"] + c["stderr"]]
        if tracing:
            res.append((len(route) == 1, "exactly one hook answer delivered it (%s)" % (", ".join(route) or "none")))
        stops = [c for c in calls if c["event"] == P["stop"]]
        res.append((not any(answer_of(c, prog) in ("deny", "exit2") for c in stops),
                    "%s did not block for a broadcast (only direct messages hold a turn)" % P["stop"]))

    # the store, after the run: the scratch repo's .git/huddle/huddle.db, found by the hooks from
    # their working directory (no second store next to it or in the CLI's HOME)
    db = os.path.join(repo, ".git", "huddle", "huddle.db")
    stray = [p for p in (os.path.join(repo, ".huddle"), os.path.join(d, "home", ".huddle"),
                         os.path.join(d, "tmp", ".huddle")) if os.path.exists(p)]
    res.append((os.path.exists(db) and not stray, "one store, in the scratch repo's .git/huddle/huddle.db%s" % (
        "" if not stray else " (also: %s)" % ", ".join(stray))))
    code, outp, err = huddle(root, repo, "agents", "--all", "--json")
    try:
        agents = [a["id"] for a in json.loads(outp)["agents"] if a["id"] != HOLDER]
    except ValueError:
        agents = None
    if agents is None:
        res.append((False, "huddle agents --json in the scratch repo failed: rc=%s %s" % (code, short(err, 200))))
    else:
        want = extra.get("agents", 1) if isinstance(extra, dict) else 1
        res.append((len(agents) == want, "the session(s) registered as exactly %d agent(s) besides %s (%s)" % (
            want, HOLDER, ", ".join(agents) or "none")))
        if want > 1 and len(agents) == want:
            names = set()
            try:
                names = {a["name"] for a in json.loads(outp)["agents"] if a["id"] != HOLDER}
            except (ValueError, KeyError):
                pass
            res.append((len(names) == want, "... with distinct display names (%s)" % ", ".join(sorted(names))))
    for name in (extra.get("logs") or []) if isinstance(extra, dict) else []:
        code, outp, err = huddle(root, repo, "log", "--path", name, "--json")
        try:
            evs = json.loads(outp)["events"]
        except ValueError:
            evs = None
        res.append((bool(evs), "the edit of %s is in Huddle's event log (%s)" % (
            name, ", ".join(sorted({e["kind"] for e in evs})) if evs else "no event; rc=%s %s" % (code, short(err, 200)))))
    return res


def summarize_events(evs):
    out = []
    for e in evs:
        if out and out[-1][0] == e:
            out[-1][1] += 1
        else:
            out.append([e, 1])
    return " ".join(e if n == 1 else "%sx%d" % (e, n) for e, n in out)


def kill_children(signum, _frame):
    """On SIGTERM/SIGINT (the suite's timeout): kill what the harness started (the CLI runs in its
    own session, so it would outlive this process), then stop."""
    me = os.getpid()
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            fields = open(stat).read().rsplit(")", 1)[1].split()
            pid = int(stat.split("/")[2])
            if int(fields[1]) == me:  # ppid
                pgid = os.getpgid(pid)
                if pgid != os.getpgrp():
                    os.killpg(pgid, signal.SIGKILL)
                else:
                    os.kill(pid, signal.SIGKILL)
        except (OSError, ValueError, IndexError):
            pass
    print("e2e: interrupted (signal %d): killed the running scenario" % signum, flush=True)
    os._exit(124)


def maybe_netns(no_netns):
    if no_netns or os.environ.get("HARNESS_IN_NETNS"):
        if os.environ.get("HARNESS_IN_NETNS"):
            subprocess.run(["ip", "link", "set", "lo", "up"], check=False)
        return
    if not shutil.which("unshare"):
        print("note: unshare not found; running in the normal network namespace", file=sys.stderr)
        return
    flag = ["-n"] if os.geteuid() == 0 else ["-r", "-n"]
    if subprocess.run(["unshare"] + flag + ["true"], capture_output=True).returncode != 0:
        print("note: cannot create a network namespace; running in the normal one", file=sys.stderr)
        return
    os.environ["HARNESS_IN_NETNS"] = "1"
    sys.stdout.flush()
    os.execvp("unshare", ["unshare"] + flag + ["--", sys.executable, os.path.abspath(__file__)] + sys.argv[1:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--program", required=True, choices=sorted(PROGRAMS))
    ap.add_argument("--harness", required=True, help="the cached harness folder (with node_modules)")
    ap.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--out")
    ap.add_argument("--only")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--recorder", action="store_true", help="the harness's recorder instead of Huddle")
    ap.add_argument("--counts")
    ap.add_argument("--no-netns", action="store_true")
    args = ap.parse_args()
    prog, root = args.program, os.path.abspath(args.root)
    H = load_harness(prog, os.path.abspath(args.harness))
    plan = plan_for(prog, H, root)
    if args.list:
        for kind, sc, extra in plan:
            why = extra if isinstance(extra, str) else sc.get("about", "")
            print("%-7s %-8s %-36s %s" % (prog, kind, sc["name"], why))
        return 0
    maybe_netns(args.no_netns)
    signal.signal(signal.SIGTERM, kill_children)
    signal.signal(signal.SIGINT, kill_children)
    only = set(args.only.split(",")) if args.only else None
    out = os.path.abspath(args.out or os.path.join(root, "target", "e2e", prog))
    os.makedirs(out, exist_ok=True)

    if args.recorder:
        os.environ.pop("HOOK_CMD", None)
        os.environ.pop("HOOK_SETUP", None)
        hook_cmd = "python3 %s" % shlex.quote(os.path.join(H.HERE, "record_hook.py"))
    else:
        huddle_bin = os.path.join(root, "bin", "huddle")
        real = "%s hook %s" % (shlex.quote(huddle_bin), prog)
        trace = os.path.join(root, "e2e", "hook-trace.sh")
        hook_cmd = real if os.environ.get("E2E_TRACE", "1") == "0" else "%s %s" % (shlex.quote(trace), real)
        os.environ["HOOK_CMD"] = hook_cmd
        # run in the scratch repo (cwd); its output and exit code go to <run folder>/huddle-setup.log
        base_setup = os.environ["HOOK_SETUP"] = ("{ %s register %s && %s lock held.txt held.ipynb --agent %s --reason %s; } "
                                    ">../huddle-setup.log 2>&1; echo \"exit $?\" >>../huddle-setup.log") % (
            shlex.quote(huddle_bin), HOLDER, shlex.quote(huddle_bin), HOLDER, shlex.quote(REASON))
        os.environ["HUDDLE_NO_BUILD"] = "1"
        os.environ.pop("HUDDLE_AGENT", None)
        os.environ.pop("HUDDLE_DB", None)
        os.environ.pop("HUDDLE_URL", None)
    record = not args.recorder and os.environ.get("RECORD", "1") != "0"
    cli = H.resolve_claude() if prog == "claude" else H.resolve_bin()
    ver = subprocess.run([cli, "--version"], capture_output=True, text=True).stdout.strip()
    print("e2e %s: %s (%s); hook: %s" % (prog, PROGRAMS[prog]["label"], ver, hook_cmd), flush=True)

    results, npass, nfail = [], 0, 0
    for kind, sc, extra in plan:
        if only and sc["name"] not in only:
            continue
        if kind == "skip":
            continue
        if kind in ("new", "gone"):
            # a change in ../shared/harness: said loudly, but not a failure of Huddle
            print("NOTE %s/%s: %s" % (prog, sc["name"], extra if isinstance(extra, str) else sc["about"]), flush=True)
            results.append({"name": sc["name"], "kind": kind, "pass": None})
            continue
        if args.recorder:
            if sc["name"].startswith("huddle_"):
                continue
            run_sc = sc
        else:
            run_sc = strip_recorder(sc)
        t0 = time.time()
        d = os.path.join(out, sc["name"])
        run_cli = cli
        if kind == "serve":
            command_hooks = extra["serve"] == "command"
            os.environ["HOOK_SETUP"] = "%s%s >../huddle-setup.log 2>&1" % (shlex.quote(
                os.path.join(root, "e2e", "serve-setup.sh")), "" if command_hooks else " --http")
            os.environ["E2E_REAL_CLI"] = cli
            run_cli = os.path.join(root, "e2e", "with-token.sh")
            os.environ.pop("E2E_SERVE_PORT", None)
            if command_hooks:
                # the command hooks find the server through HUDDLE_URL, so its port is chosen before it starts
                import socket
                with socket.socket() as s:
                    s.bind(("127.0.0.1", 0))
                    port = s.getsockname()[1]
                os.environ["E2E_SERVE_PORT"] = str(port)
                run_sc = dict(run_sc, env=dict(run_sc.get("env", {}), HUDDLE_URL="http://127.0.0.1:%d" % port))
        elif kind == "mcp":
            os.environ["HOOK_SETUP"] = mcp_clients.setup_command(prog, root)
        elif not args.recorder:
            os.environ["HOOK_SETUP"] = base_setup + (
                "; " + extra["setup_extra"] if isinstance(extra, dict) and extra.get("setup_extra") else "")
        try:
            try:
                if kind == "mcp":
                    r = mcp_clients.run(H, prog, run_sc, out, run_cli)
                else:
                    r = H.run_one(run_sc, out, run_cli, hook_cmd, record)
            finally:
                killed = kind == "serve" and stop_server(d)
            if args.recorder:
                checks = [(r["pass"], "the harness's own checks")]
            elif kind == "serve" and extra["serve"] == "command":
                checks = check(prog, "deny", run_sc, extra, r, d, root) + serve_agent_check(root, d)
                checks.append((not killed, "huddle serve stopped on SIGTERM within 10 s"))
            elif kind == "mcp":
                checks = mcp_clients.check(prog, run_sc, extra, r, d, lambda repo, *a: huddle(root, repo, *a))
            elif kind == "serve":
                checks = check_serve(run_sc, extra, r, d, root)
                checks.append((not killed, "huddle serve stopped on SIGTERM within 10 s"))
            else:
                checks = check(prog, kind, run_sc, extra, r, d, root)
        except Exception as e:  # a broken run is a failed scenario, not a crashed suite
            checks = [(False, "the run raised %s: %s" % (type(e).__name__, e))]
            traceback.print_exc(file=sys.stderr)
        ok = all(c is not False for c, _ in checks)
        secs = time.time() - t0
        npass += ok
        nfail += not ok
        print("%s %s/%s [%s] (%.1fs)" % ("PASS" if ok else "FAIL", prog, sc["name"], kind, secs), flush=True)
        for c, text in checks:
            if c is False:
                print("       FAILED: " + text, flush=True)
            elif c is None and os.environ.get("E2E_VERBOSE", "") not in ("", "0"):
                print("       " + text, flush=True)
        if not ok:
            print("       run folder: %s" % d, flush=True)
        results.append({"name": sc["name"], "kind": kind, "pass": ok, "seconds": round(secs, 1),
                        "checks": [{"ok": c, "text": t} for c, t in checks]})
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"program": prog, "cli_version": ver, "hook_cmd": hook_cmd, "results": results}, f, indent=1)
    print("%s: %d passed, %d failed" % (prog, npass, nfail), flush=True)
    if args.counts:
        with open(args.counts, "w") as f:
            f.write("%d %d\n" % (npass, nfail))
    return 0 if nfail == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
