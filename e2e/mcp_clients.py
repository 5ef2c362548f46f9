"""Huddle's MCP server driven by the real Claude Code and Codex CLIs (issue 9), for e2e/huddle_e2e.py.

The scratch repo is set up with the CLI: `other-agent` holds held.txt, has created task T-1 and sent
the MCP session's agent (`e2e-mcp`) a message; then `huddle install <program> --mcp` writes the MCP
config the program reads (.mcp.json, .codex/config.toml). The fake model calls Huddle's tools by the
names the program gives them; the checks read what the model got back (requests.jsonl) and the store
afterwards (the CLI: locks, inbox, task show), not only the transcript.

The harness's hooks are a no-op (`true`) in these scenarios: what is tested is the MCP face alone.
"""
import json, os, re, shlex

# huddle_e2e runs as __main__ and imports this module; importing it back loads it once more as a module
# (its top level only declares), so the run folder's files are read by one set of readers.
from huddle_e2e import jl, read, short

HOLDER = "other-agent"
REASON = "e2e: held by another agent"
AGENT = "e2e-mcp"  # the agent the MCP session starts as (start_session's `agent`)
INBOX_NOTE = "HUDDLE-E2E-MCP-INBOX-NOTE"  # other-agent -> e2e-mcp, sent by the CLI before the run
SENT_NOTE = "HUDDLE-E2E-MCP-SENT-NOTE"  # e2e-mcp -> other-agent, sent by the model through MCP
TASK = "T-1"  # the first task of a fresh store, created by other-agent in the set-up
TASK_TITLE = "e2e: a task for the MCP session"
CONCLUSION = "HUDDLE-E2E-MCP-CONCLUSION"

# How each program names an MCP tool for the model. Claude Code: mcp__<server>__<tool>. Codex 0.169: one
# Responses API tool of type "namespace" named mcp__<server>, holding a function per tool; the model's
# function_call carries {"namespace": "mcp__huddle", "name": "<tool>"} (a bare mcp__huddle__<tool> is
# "unsupported call"). Both are written mcp__huddle__<tool> below.
TOOL_NAME = {"claude": "mcp__huddle__%s", "codex": "mcp__huddle__%s"}
# What the program needs to run Huddle's tools without asking. Claude Code -p loads the project's
# .mcp.json without the approval dialog, but answers each call "Claude requested permissions to use
# mcp__huddle__start_session, but you haven't granted it yet" unless the tools are allowed.
CLAUDE_FLAGS = ["--allowedTools", "mcp__huddle__*"]
# Codex with the harness's model (gpt-5.5-codex, whose catalog entry supports tool search) defers every
# MCP tool behind its tool_search tool, which a scripted model cannot drive; with a model without tool
# search the tools are offered directly. Nothing else: `codex exec` with its default sandbox and approval
# settings (no bypass flag) runs the tools of the trusted project's [mcp_servers.huddle] without asking.
CODEX_MODEL = "gpt-4.1"
# The fake OpenAI API with namespaced calls (e2e/mcp-fake/fake_openai.py wraps the harness's).
FAKE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mcp-fake")
# huddle_mcp_slow_start: the server entry runs e2e/slow-start/huddle, bin/huddle answering this many
# seconds late, as on a loaded machine. Claude Code 2.1.329 starts project MCP servers without waiting
# and leaves out the tools of a server that connects after the first request is built; alwaysLoad makes
# it wait (up to 5 s) and offer them directly. 3 s: past Claude Code's own first request (+1.25 s after
# its first debug line, load 2.3 on 2 cores), within the 5 s (the wrapper holds the input back while the
# JVM starts, so the load adds little: connected in 3.7-3.9 s).
SLOW_START = 3
SLOW_LAUNCHER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "slow-start", "huddle")


def call(prog, tool, args):
    if prog == "claude":
        return {"tool_use": {"name": TOOL_NAME[prog] % tool, "input": args}}
    return {"call": {"namespace": "mcp__huddle", "name": tool, "arguments": args}}


def called(turn):
    """The name (as in TOOL_NAME) of the tool a scripted turn calls, or None."""
    if "tool_use" in turn:
        return turn["tool_use"]["name"]
    c = turn.get("call")
    return None if c is None else ("%s__%s" % (c["namespace"], c["name"]) if c.get("namespace") else c["name"])


def run(H, prog, sc, out, cli):
    """H.run_one for an MCP scenario: the harness's hooks are a no-op (`true`); for Codex the fake API is
    e2e/mcp-fake's (namespaced calls)."""
    if prog != "codex":
        return H.run_one(sc, out, cli, "true", False)
    os.environ["E2E_FAKE_OPENAI"] = os.path.join(H.HERE, "fake_openai.py")
    here = H.HERE
    H.HERE = FAKE_DIR  # run_one starts HERE/fake_openai.py; with hook "true" and no recorder, nothing else
    try:
        return H.run_one(sc, out, cli, "true", False)
    finally:
        H.HERE = here


def scenarios(prog, H):
    """("mcp", scenario, extra) for each MCP scenario of PROG: extra["mcp"] names the checks."""
    c = lambda tool, args: call(prog, tool, args)
    flags = {"flags": CLAUDE_FLAGS if prog == "claude" else ["-m", CODEX_MODEL]}
    return [
        ("mcp", dict(name="huddle_mcp_reserve_refused",
                     about="MCP: start_session (auto-registered agent), then reserve held.txt, which other-agent "
                           "holds: the tool result is an error naming the holder and the reason",
                     turns=[c("start_session", {"program": prog}), c("reserve", {"paths": ["held.txt"]}),
                            H.T("Refused.")], expect={}, **flags), {"mcp": "reserve"}),
        ("mcp", dict(name="huddle_mcp_messages",
                     about="MCP: start_session as e2e-mcp, read the inbox with the message other-agent sent by the "
                           "CLI, send other-agent a message (inbox first: send marks the unread ones read)",
                     turns=[c("start_session", {"agent": AGENT, "program": prog}), c("inbox", {}),
                            c("send", {"to": [HOLDER], "body": SENT_NOTE}), H.T("Read it.")],
                     expect={}, **flags), {"mcp": "messages"}),
        ("mcp", dict(name="huddle_mcp_task",
                     about="MCP: start_session as e2e-mcp, claim the task created with `huddle task new`, done it",
                     turns=[c("start_session", {"agent": AGENT, "program": prog}), c("claim", {"id": TASK}),
                            c("done", {"id": TASK, "conclusion": CONCLUSION}), H.T("Finished.")],
                     expect={}, **flags), {"mcp": "task"}),
    ] + ([] if prog != "claude" else [
        ("mcp", dict(name="huddle_mcp_slow_start",
                     about="MCP: `huddle mcp` answers %d s late (e2e/slow-start/huddle, installed as the launcher): "
                           "its tools are still offered directly in the first request (alwaysLoad), then "
                           "start_session and reserve as in huddle_mcp_reserve_refused" % SLOW_START,
                     turns=[c("start_session", {"program": prog}), c("reserve", {"paths": ["held.txt"]}),
                            H.T("Refused.")], expect={},
                     env={"HUDDLE_LAUNCHER": SLOW_LAUNCHER, "HUDDLE_E2E_SLOW_START": str(SLOW_START)}, **flags),
         {"mcp": "reserve"}),
    ])


def setup_command(prog, root):
    """HOOK_SETUP for the MCP scenarios: the store's state by the CLI, then the real install --mcp.
    Output and exit code go to ../huddle-setup.log (the scenario's run folder)."""
    h = shlex.quote(os.path.join(root, "bin", "huddle"))
    steps = [
        "%s register %s" % (h, HOLDER),
        "%s register %s" % (h, AGENT),
        "%s lock held.txt --agent %s --reason %s" % (h, HOLDER, shlex.quote(REASON)),
        "%s task new %s --agent %s" % (h, shlex.quote(TASK_TITLE), HOLDER),
        "%s send %s %s --agent %s" % (h, AGENT, INBOX_NOTE, HOLDER),
        "%s install %s --mcp" % (h, prog),
    ]
    return "{ %s; } >../huddle-setup.log 2>&1; echo \"exit $?\" >>../huddle-setup.log" % " && ".join(steps)


def results(prog, d):
    """[(tool name, is_error, text)] of the tool calls, in the order the model made them, from requests.jsonl."""
    out, seen = [], set()
    calls = {}
    for x in jl(os.path.join(d, "requests.jsonl")):
        body = x.get("body") or {}
        if prog == "claude":
            for m in body.get("messages", []):
                if not isinstance(m.get("content"), list):
                    continue
                for c in m["content"]:
                    if c.get("type") == "tool_use":
                        calls[c["id"]] = c["name"]
                    elif c.get("type") == "tool_result" and c.get("tool_use_id") not in seen:
                        seen.add(c["tool_use_id"])
                        out.append((calls.get(c["tool_use_id"]), bool(c.get("is_error")), _text(c.get("content"))))
        else:
            for it in body.get("input", []) if isinstance(body.get("input"), list) else []:
                if it.get("type") == "function_call":
                    calls[it["call_id"]] = "%s__%s" % (it["namespace"], it["name"]) if it.get("namespace") else it["name"]
                elif it.get("type") == "function_call_output" and it["call_id"] not in seen:
                    seen.add(it["call_id"])
                    text = _text(it.get("output"))
                    out.append((calls.get(it["call_id"]), codex_error(text), text))
    return out


def codex_error(text):
    """Codex 0.169 hands the model an MCP result as "Wall time: ...\nOutput:\n" and its content, with no
    isError flag: a success is Huddle's structuredContent (JSON), an error Huddle's text (not JSON)."""
    body = text.split("Output:", 1)[-1].strip()
    try:
        return not isinstance(json.loads(body), dict)
    except ValueError:
        return True


def first_request(d):
    """The body of the model's first request that offers tools (the main loop's, not a side query)."""
    return next((b for b in ((x.get("body") or {}) for x in jl(os.path.join(d, "requests.jsonl"))) if b.get("tools")), {})


def offered(prog, d, body=None):
    """The Huddle tool names a request (the first by default) offers the model as tools it can call: Codex's
    namespace tool mcp__huddle, or Claude Code's mcp__huddle__<tool> entries of `tools`."""
    tools = (first_request(d) if body is None else body).get("tools") or []
    if prog == "codex":
        return sorted("%s__%s" % (t["name"], f.get("name")) for t in tools
                      if t.get("type") == "namespace" and t.get("name") == "mcp__huddle" for f in t.get("tools", []))
    return sorted(t["name"] for t in tools if str(t.get("name", "")).startswith("mcp__huddle__"))


def deferred(d, body=None):
    """The Huddle tool names a Claude Code request only names (in its system prompt's list of tools deferred
    behind ToolSearch, schemas not loaded) without offering them: what 2.1.329 does with the tools of a
    server that is not alwaysLoad."""
    body = first_request(d) if body is None else body
    return sorted(set(re.findall(r"mcp__huddle__[a-z_]+", json.dumps(body))) - set(offered("claude", d, body)))


def per_request(d):
    """'offered/deferred' Huddle tool counts of each Claude Code request, for the notes."""
    bodies = [(x.get("body") or {}) for x in jl(os.path.join(d, "requests.jsonl"))]
    return " ".join("%d/%d" % (len(offered("claude", d, b)), len(deferred(d, b))) for b in bodies)


def connected(d):
    """Claude Code's debug line saying when and how fast Huddle's server connected, or None."""
    for line in (read(os.path.join(d, "debug.log")) or "").splitlines():
        if 'MCP server "huddle": Successfully connected' in line or 'MCP server "huddle": Connection failed' in line:
            return line.strip()
    return None


def check(prog, sc, extra, r, d, huddle):
    """[(ok, text)] for one MCP scenario; huddle(repo, *args) -> (rc, stdout, stderr) runs the CLI."""
    res = []
    repo = os.path.join(d, "repo")
    rc = r.get("claude_rc", r.get("cli_rc"))
    res.append((rc == 0, "the CLI exited by itself with 0 (rc=%s)" % rc))
    setup = read(os.path.join(d, "huddle-setup.log")) or ""
    res.append((setup.rstrip().endswith("exit 0"), "set-up by the CLI (lease, task, message, install %s --mcp) "
                "succeeded%s" % (prog, "" if setup.rstrip().endswith("exit 0") else ": " + short(setup, 600))))
    res.append(_installed(prog, repo))
    names = offered(prog, d)
    want = TOOL_NAME[prog] % "start_session"
    # Directly, in the first request: a tool deferred behind Claude Code's ToolSearch has no schema in the
    # prompt (the model must search for it first), and that is what a late server got before alwaysLoad
    later = deferred(d) if prog == "claude" else []
    res.append((want in names, "the program offered the model Huddle's tools as %s in its first request (%d: %s)%s" % (
        TOOL_NAME[prog] % "<tool>", len(names), ", ".join(names) or "none",
        "; deferred behind ToolSearch: %d" % len(later) if prog == "claude" else "")))
    if prog == "claude":
        res.append((None, "Huddle tools offered/deferred per request: %s; %s" % (per_request(d), connected(d))))
    got = results(prog, d)
    wanted = [n for n in map(called, sc["turns"]) if n]
    res.append(([g[0] for g in got] == wanted, "the model got a result for each call, in order: %s" % (
        ", ".join("%s%s" % (n, " (error)" if e else "") for n, e, _ in got) or "none")))
    by = {}
    for n, e, t in got:
        by.setdefault(n.rsplit("__", 1)[-1] if n else None, (e, t))
    agents = _json(huddle(repo, "agents", "--all", "--json"))
    new = sorted(a["id"] for a in (agents or {}).get("agents", []) if a["id"] not in (HOLDER, AGENT))
    mode = extra["mcp"]
    me = (new[0] if len(new) == 1 else None) if mode == "reserve" else AGENT
    # Claude Code hands the model the structuredContent (JSON), Codex the whole result: both name the agent
    e, t = by.get("start_session", (True, ""))
    res.append((not e and me is not None and '"%s"' % me in t, "start_session answered the session context of %s: %s"
                % (me, short(t, 200))))
    if mode == "reserve":
        e, t = by.get("reserve", (False, ""))
        res.append((e and "denied; nothing was locked" in t and "held.txt: held by %s" % HOLDER in t,
                    "reserve came back as an error naming the holder: %s" % short(t, 400)))
        res.append((REASON in t and "next: " in t, "... with the lease's reason and the next call to make"))
        leases = _json(huddle(repo, "locks", "--json"))
        mine = [(l["resource"], l["holder"]) for l in (leases or {}).get("leases", [])]
        res.append((mine == [("held.txt", HOLDER)], "in the store, held.txt is still %s's only (locks: %s)" % (
            HOLDER, mine)))
        res.append((len(new) == 1, "start_session without an agent registered exactly one new agent (%s)" % new))
    elif mode == "messages":
        e, t = by.get("send", (True, ""))
        res.append((not e, "send succeeded: %s" % short(t, 200)))
        e, t = by.get("inbox", (True, ""))
        res.append((not e and INBOX_NOTE in t and HOLDER in t, "inbox showed the message %s sent by the CLI: %s" % (
            HOLDER, short(t, 300))))
        # Both programs show the model the structuredContent when there is one, not the text: the
        # frame must reach the model either way (the text's tags, or the structured 'trust' notice)
        framed = ('<huddle-context trust=\\"untrusted\\">' in t or '<huddle-context trust="untrusted">' in t
                  or "untrusted: The text below was written by other agents" in t)
        res.append((framed, "the message body reached the model inside the untrusted frame: %s" % short(t, 200)))
        box = _json(huddle(repo, "inbox", "--agent", HOLDER, "--json"))
        got_msgs = [m for m in _messages(box) if SENT_NOTE in json.dumps(m)]
        res.append((bool(got_msgs) and got_msgs[0].get("from") == AGENT,
                    "in the store, %s's inbox has the message from %s (%s)" % (HOLDER, AGENT, short(got_msgs, 300))))
    elif mode == "task":
        for tool in ("claim", "done"):
            e, t = by.get(tool, (True, ""))
            res.append((not e, "%s %s succeeded: %s" % (tool, TASK, short(t, 200))))
        task = _json(huddle(repo, "task", "show", TASK, "--json")) or {}
        kinds = [(h.get("kind"), h.get("agent")) for h in task.get("history", [])]
        res.append((task.get("status") == "done", "in the store, %s is done (status %s)" % (TASK, task.get("status"))))
        res.append((("task.claim", AGENT) in kinds and ("task.done", AGENT) in kinds,
                    "... claimed and done by %s (history: %s)" % (AGENT, kinds)))
        res.append((CONCLUSION in json.dumps(task), "... with the conclusion the model gave"))
    return res


def _installed(prog, repo):
    """The MCP config the program read is the one `huddle install PROG --mcp` wrote."""
    if prog == "claude":
        cfg = read(os.path.join(repo, ".mcp.json")) or ""
        try:
            entry = json.loads(cfg)["mcpServers"]["huddle"]
        except (ValueError, KeyError, TypeError):
            entry = {}
        ok = (str(entry.get("command", "")).endswith("/huddle") and entry.get("args") == ["mcp"]
              and entry.get("alwaysLoad") is True)
        return ok, "install claude --mcp wrote .mcp.json's huddle server, alwaysLoad: %s" % short(cfg, 200)
    cfg = read(os.path.join(repo, ".codex", "config.toml")) or ""
    user = read(os.path.join(repo, "..", "home", ".codex", "config.toml")) or ""
    ok = "[mcp_servers.huddle]" in cfg and "bin/huddle" in cfg and "mcp_servers" not in user
    return ok, ("install codex --mcp wrote the project's .codex/config.toml [mcp_servers.huddle], and CODEX_HOME's "
                "config.toml has no MCP server (Codex read the project file): %s" % short(cfg, 200))


def _messages(box):
    if isinstance(box, dict):
        for k in ("messages", "unread", "inbox"):
            if isinstance(box.get(k), list):
                return box[k]
    return box if isinstance(box, list) else []


def _text(content):
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(c.get("text", "") if isinstance(c, dict) else str(c) for c in content)
    return json.dumps(content)


def _json(answer):
    rc, out, err = answer
    try:
        return json.loads(out)
    except ValueError:
        return None
