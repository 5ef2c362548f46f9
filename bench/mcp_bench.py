#!/usr/bin/env python3
"""MCP benchmark (issue 9): the tools/list size, tool-call latency over stdio (`huddle mcp`) and over
Streamable HTTP (`/mcp` on `huddle serve`), and `huddle mcp` start to its first initialize answer.

The client is a raw JSON-RPC driver written for this benchmark (standard library only): one line per
message on the server's stdin/stdout, and HTTP/1.1 POSTs on one kept-alive connection with the
bearer token, the session id and the protocol version headers. Latency is the client's wall time from
writing a tools/call to reading its answer, so it includes the pipe or loopback socket and the JSON
on both sides, not an SDK's own validation. Run through bench/mcp.sh; bench/README.md says how to
read the output.
"""

import argparse
import http.client
import json
import os
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import median, percentile, warn_if_busy, workspace  # noqa: E402
from serverbench import Server, cli, load, prepare  # noqa: E402

PROTOCOL = "2025-11-25"
INITIALIZE = {"protocolVersion": PROTOCOL, "capabilities": {},
              "clientInfo": {"name": "huddle-bench", "version": "1"}}
# (row, tool, arguments): two read tools, then a write pair and a write that grows nothing alice reads
CALLS = [
    ("status (read)", "status", {}),
    ("check (read)", "check", {"paths": ["src/a.py"]}),
    ("reserve (write)", "reserve", {"paths": ["src/a.py"], "reason": "bench"}),
    ("release (write)", "release", {"paths": ["src/a.py"]}),
    ("send (write)", "send", {"to": ["bob"], "body": "bench"}),
]


class Stdio:
    """`huddle mcp` as a child process, JSON-RPC lines on its stdin/stdout."""

    def __init__(self, cmd, cwd, env):
        self.process = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.next_id = 0

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            line = self.process.stdout.readline()
            if not line:
                sys.exit(f"mcp: `huddle mcp` closed its output during {method} (exit {self.process.poll()})")
            msg = json.loads(line)
            if msg.get("id") == self.next_id:
                return msg

    def notify(self, method):
        self.send({"jsonrpc": "2.0", "method": method})

    def send(self, msg):
        self.process.stdin.write(json.dumps(msg).encode() + b"\n")
        self.process.stdin.flush()

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Http:
    """Streamable HTTP on one kept-alive connection: POST /mcp, an answer as JSON or as one SSE event."""

    def __init__(self, url, token):
        u = urllib.parse.urlsplit(url)
        self.path = u.path or "/mcp"
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        self.headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json",
                        "Accept": "application/json, text/event-stream"}
        self.next_id = 0
        self.answered_as = set()   # the Content-Types of the answers

    def request(self, method, params):
        self.next_id += 1
        return self.post({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})

    def notify(self, method):
        self.post({"jsonrpc": "2.0", "method": method})

    def post(self, msg):
        self.conn.request("POST", self.path, body=json.dumps(msg).encode(), headers=self.headers)
        r = self.conn.getresponse()
        body = r.read()
        if r.status >= 300:
            sys.exit(f"mcp: POST {self.path} {msg.get('method')} answered {r.status}: {body[:300]!r}")
        session = r.getheader("Mcp-Session-Id")
        if session and "Mcp-Session-Id" not in self.headers:
            self.headers["Mcp-Session-Id"] = session
            self.headers["MCP-Protocol-Version"] = PROTOCOL
        if "id" not in msg:
            return None
        self.answered_as.add((r.getheader("Content-Type") or "?").split(";")[0])
        if (r.getheader("Content-Type") or "").startswith("text/event-stream"):
            for line in body.decode().splitlines():
                if line.startswith("data:"):
                    answer = json.loads(line[5:])
                    if answer.get("id") == msg["id"]:
                        return answer
            sys.exit(f"mcp: no answer to {msg['method']} in the event stream: {body[:300]!r}")
        return json.loads(body)

    def close(self):
        self.conn.close()


def handshake(client):
    init = client.request("initialize", INITIALIZE)
    if "result" not in init:
        sys.exit(f"mcp: initialize failed: {init}")
    client.notify("notifications/initialized")
    return init["result"]


def tool_list_size(client):
    """The compact JSON of tools/list's whole result (every page): characters, and tokens as characters / 4."""
    tools, cursor, chars = [], None, 0
    while True:
        answer = client.request("tools/list", {"cursor": cursor} if cursor else {})["result"]
        chars += len(json.dumps(answer, separators=(",", ":"), ensure_ascii=False))
        tools += answer["tools"]
        cursor = answer.get("nextCursor")
        if not cursor:
            return len(tools), chars


def latencies(client, runs, warmup, interval_ms):
    """{row: [ms]}: the CALLS round after round (interleaved), warm-up rounds not counted; a call starts
    at least interval_ms after the previous one started (the server allows a token 200 requests/s)."""
    times = {row: [] for row, _, _ in CALLS}
    due = time.perf_counter()
    for i in range(warmup + runs):
        for row, tool, arguments in CALLS:
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            t0 = time.perf_counter()
            due = t0 + interval_ms / 1000
            answer = client.request("tools/call", {"name": tool, "arguments": arguments})
            ms = (time.perf_counter() - t0) * 1000
            result = answer.get("result") or {}
            if "error" in answer or result.get("isError"):
                sys.exit(f"mcp: {tool} failed: {json.dumps(answer)[:400]}")
            if i >= warmup:
                times[row].append(ms)
    return times


def cold_starts(cmd, cwd, env, runs):
    """ms from starting `huddle mcp` to reading its initialize answer, per run (each a new process)."""
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        server = Stdio(cmd, cwd, env)
        answer = server.request("initialize", INITIALIZE)
        out.append((time.perf_counter() - t0) * 1000)
        if "result" not in answer:
            sys.exit(f"mcp: initialize failed on a cold start: {answer}")
        server.close()
    return out


def row(label, xs):
    return f"{label:<34}{median(xs):>9.2f}{percentile(xs, 90):>9.2f}{percentile(xs, 99):>9.2f}{max(xs):>9.2f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True)
    ap.add_argument("-n", "--runs", type=int, default=500, help="measured calls per tool and transport (default 500)")
    ap.add_argument("--warmup", type=int, default=200, help="unmeasured rounds of calls first (default 200)")
    ap.add_argument("--interval", type=float, default=6.0,
                    help="ms from one call's start to the next's, both transports (default 6: under the "
                         "server's 200 requests/s per token)")
    ap.add_argument("--cold", type=int, default=20, help="cold starts of `huddle mcp` (default 20)")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    print(f"before:  {load()}")
    with workspace("huddle-bench-mcp-", args.keep) as work:
        java, env, tokens = prepare(args.root, work, ["alice"], extra=["bob"])
        token = open(tokens).read().split()[1]
        cli(java, work, env, "lock", "src/held.py", "--agent", "bob")   # a live lease for status to show
        stdio_env = {**env, "HUDDLE_AGENT": "alice"}
        mcp = java + ["mcp"]

        server = Stdio(mcp, work, stdio_env)
        info = handshake(server)
        count, chars = tool_list_size(server)
        print(f"server:  {info['serverInfo']['name']} {info['serverInfo'].get('version', '?')}, "
              f"protocol {info['protocolVersion']}")
        print(f"\ntools/list: {count} tools, {chars} characters, {chars // 4} tokens (characters / 4)")
        stdio = latencies(server, args.runs, args.warmup, args.interval)
        server.close()
        with Server(args.root, work, env) as serve:
            client = Http(serve.url.rstrip("/") + "/mcp", token)
            handshake(client)
            http_times = latencies(client, args.runs, args.warmup, args.interval)
            client.close()
        print(f"\ntool-call latency, ms ({args.runs} calls per row after {args.warmup} warm-up rounds; calls "
              f"interleaved, one every {args.interval:g} ms; one client, one session; HTTP answers as "
              f"{', '.join(sorted(client.answered_as))} on one kept-alive connection)")
        print(f"{'transport / tool':<34}{'p50':>9}{'p90':>9}{'p99':>9}{'max':>9}")
        for label, _, _ in CALLS:
            print(row("stdio  " + label, stdio[label]))
        for label, _, _ in CALLS:
            print(row("http   " + label, http_times[label]))

        launcher = os.path.join(args.root, "bin", "huddle")
        print(f"\n`huddle mcp` start to first initialize answer, ms ({args.cold} cold starts each, interleaved)")
        print(f"{'command':<34}{'p50':>9}{'p90':>9}{'p99':>9}{'max':>9}")
        jvm, wrapped = [], []
        for _ in range(args.cold):
            jvm += cold_starts(mcp, work, stdio_env, 1)
            wrapped += cold_starts([launcher, "mcp"], work, stdio_env, 1)
        print(row("huddle mcp (java)", jvm))
        print(row("huddle mcp (bin/huddle)", wrapped))
    print(f"\nafter:   {load()}")
    warn_if_busy()


if __name__ == "__main__":
    main()
