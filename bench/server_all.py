#!/usr/bin/env python3
"""Runs the five server benchmarks of issue 8 and the MCP one of issue 9 one after another in one run (same build, same
machine) and prints their figures side by side with the goals of DESIGN §7. Each benchmark's own
output is kept in full above the summary; run through bench/server-all.sh."""
import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import warn_if_busy  # noqa: E402

NUM = r"([0-9.]+)"


def run(root, script, *args):
    print(f"=== bench/{script} {' '.join(args)}", flush=True)
    r = subprocess.run([os.path.join(root, "bench", script), *args], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    print(r.stdout, end="", flush=True)
    if r.returncode != 0:
        print(f"(bench/{script} exited {r.returncode})")
    return r.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True)
    ap.add_argument("--quick", action="store_true", help="fewer runs and shorter loads (a smoke run, noisier)")
    args = ap.parse_args()
    q = args.quick
    cold = run(args.root, "remote-cold.sh", "-n", "10" if q else "30")
    hooks = run(args.root, "http-hooks.sh", *(["--seconds", "5"] if q else []))
    thr = run(args.root, "throughput.sh", *(["--seconds", "5"] if q else []))
    dlv = run(args.root, "delivery.sh", *(["-n", "100"] if q else []))
    wait = run(args.root, "server-wait.sh", *(["-n", "20"] if q else []))
    mcp = run(args.root, "mcp.sh", *(["-n", "100", "--warmup", "50", "--cold", "5"] if q else []))

    rows = []
    for cmd in ("lock", "check", "send", "unlock"):
        m = re.search(rf"^{cmd}\s+{NUM}\s+{NUM}\s+{NUM}x\s+{NUM}\s+{NUM}\s+{NUM}x\s+{NUM}\s+{NUM}x", cold, re.M)
        rows.append((f"cold `{cmd}` through the server / on the file", "<= 0.6x",
                     f"wall {m.group(3)}x ({m.group(2)} vs {m.group(1)} ms), CPU {m.group(6)}x; JVM client "
                     f"{m.group(8)}x ({m.group(7)} ms)" if m else "?"))
    for n in ("1", "50"):
        m = re.search(rf"^hooks\s+agents={n}\s.*?all\s.*?{NUM} req/s\s+p50\s+{NUM}\s+p90\s+{NUM}\s+p99\s+{NUM}", hooks, re.M)
        rows.append((f"hook decision over HTTP, {n} agent(s), new connection per call", "p50 <= 2 ms, p99 <= 10 ms",
                     f"p50 {m.group(2)} ms, p99 {m.group(4)} ms ({m.group(1)} calls/s)" if m else "?"))
    ops = re.findall(rf"^ops\s+agents=(\d+)\s+pacing=(\S+)\s.*?all\s.*?{NUM} req/s\s+p50\s+{NUM}\s+p90\s+{NUM}\s+p99\s+{NUM}",
                     thr, re.M)
    for agents, pacing, rate, p50, p90, p99 in ops:
        what = "closed loop (capacity)" if pacing == "none" else f"paced at {pacing} per agent"
        rows.append((f"lock+send+unlock, {agents} agents, {what}", ">= 2,000 ops/s, p99 < 20 ms",
                     f"{rate} ops/s, p50 {p50} ms, p99 {p99} ms"))
    if not ops:
        rows.append(("lock+send+unlock", ">= 2,000 ops/s, p99 < 20 ms", "?"))
    for label, key in (("SSE", r"send -> SSE recipient"), ("inbox --wait", r"send -> inbox --wait recipient")):
        m = re.search(rf"^{key}\s+{NUM}\s+{NUM}\s+{NUM}", dlv, re.M)
        rows.append((f"delivery send -> {label}", "p50 <= 5 ms",
                     f"p50 {m.group(1)} ms, p99 {m.group(3)} ms" if m else "?"))
    for mode in ("server", "file"):
        m = re.search(rf"^{mode}\s+(\d+)\s+{NUM}\s+{NUM}\s+\S+\s+\S+\s+(\d+)\s+(\d+)\s+(\d+)", wait, re.M)
        rows.append((f"8 x lock --wait/unlock on one path, {mode}", "0 overlaps, < 30 s" if mode == "server" else "(baseline)",
                     f"{m.group(2)} s, {m.group(3)} ms/lock, {m.group(4)} overlaps, {m.group(6)} timeouts" if m else "?"))

    m = re.search(r"^tools/list: (\d+) tools, (\d+) characters, (\d+) tokens", mcp, re.M)
    rows.append(("MCP tools/list", "<= 3,000 tokens", f"{m.group(3)} tokens ({m.group(1)} tools)" if m else "?"))
    for transport in ("http", "stdio"):
        for tool in ("status (read)", "reserve (write)"):
            m = re.search(rf"^{transport}\s+{re.escape(tool)}\s+{NUM}\s+{NUM}\s+{NUM}", mcp, re.M)
            rows.append((f"MCP tool call over {transport}: {tool}", "p50 <= 2 ms" if transport == "http" else "(compare)",
                         f"p50 {m.group(1)} ms, p99 {m.group(3)} ms" if m else "?"))
    m = re.search(rf"^huddle mcp \(bin/huddle\)\s+{NUM}", mcp, re.M)
    rows.append(("`huddle mcp` start to first initialize answer", "(no goal)", f"median {m.group(1)} ms" if m else "?"))

    print("\n=== issue 8 server benchmarks and issue 9's MCP one, side by side (one run, this build)")
    width = max(len(r[0]) for r in rows)
    gw = max(len(r[1]) for r in rows)
    for what, goal, got in rows:
        print(f"{what:<{width}}  {goal:<{gw}}  {got}")
    warn_if_busy()


if __name__ == "__main__":
    main()
