#!/usr/bin/env python3
"""Delivery latency through `huddle serve` (issue 8): send -> a recipient on SSE or on inbox --wait.

Run through bench/delivery.sh; bench/README.md says how to read the output. One process plays all
three parts on threads, so every time is read from one clock (time.perf_counter): the sender's
call start, and the moment each recipient has the message in hand (the SSE event parsed, the
long-poll's answer read). Each message goes to both recipients at once, and the next is sent only
when both have it, so nothing queues behind a slow one.
"""

import argparse
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from urllib.parse import urlparse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import clean_env, java_command, percentile, warn_if_busy, workspace  # noqa: E402

WAIT_FOR_EACH = 10.0   # seconds a message may take before the run fails


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--launcher", required=True, help="bin/huddle of the build to measure")
    ap.add_argument("-n", "--messages", type=int, default=300, help="measured messages (default 300)")
    ap.add_argument("--warmup", type=int, default=50, help="messages sent first and not counted (default 50)")
    ap.add_argument("--keep", action="store_true", help="keep the temp directory")
    args = ap.parse_args()

    env = clean_env()
    cmd = java_command(args.launcher, env)
    with workspace("huddle-delivery-", args.keep) as work:
        run(cmd, env, work, args)
    warn_if_busy()


def run(cmd, env, work, args):
    db = os.path.join(work, ".huddle", "huddle.db")
    os.makedirs(os.path.dirname(db))
    store_env = {**env, "HUDDLE_DB": db}

    def huddle(*a):
        r = subprocess.run(cmd + list(a), cwd=work, env=store_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if r.returncode != 0:
            sys.exit(f"delivery: `huddle {' '.join(a)}` failed (exit {r.returncode}):\n{r.stderr.decode(errors='replace')}")
        return r.stdout.decode().strip()

    huddle("init", "--no-agents-md")
    tokens = {}
    for agent in ("sender", "sse", "poll"):
        huddle("register", agent)
        tokens[agent] = huddle("token", "issue", "--agent", agent)

    server = subprocess.Popen(cmd + ["serve", "--bind", "127.0.0.1:0"], cwd=work, env=store_env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        url = urlparse(server.stdout.readline().decode().strip())
        if not url.port:
            sys.exit("delivery: `huddle serve` printed no URL:\n" + server.stderr.read().decode(errors="replace"))
        print(f"server:  {url.geturl()} (pid {server.pid}), store {db}")
        measure(url, tokens, args)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def measure(url, tokens, args):
    total = args.warmup + args.messages
    received = {"sse": {}, "poll": {}}
    arrived = threading.Condition()
    stop = threading.Event()

    def got(path, index):
        now = time.perf_counter()
        with arrived:
            received[path].setdefault(index, now)
            arrived.notify_all()

    def follow_sse():
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        conn.request("GET", "/api/v1/messages/watch", headers={"Authorization": "Bearer " + tokens["sse"],
                                                               "Accept": "text/event-stream"})
        resp = conn.getresponse()
        if resp.status != 200:
            sys.exit(f"delivery: the SSE stream answered {resp.status}: {resp.read()[:300]!r}")
        while not stop.is_set():
            line = resp.readline()
            if not line:
                return
            if line.startswith(b"data: "):
                got("sse", int(json.loads(line[6:])["message"]["body"]))
        conn.close()

    def follow_poll():
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
        body = json.dumps({"afterId": 0, "wait": "PT1M"})
        while not stop.is_set():
            conn.request("POST", "/api/v1/messages/inbox/wait", body=body,
                         headers={"Authorization": "Bearer " + tokens["poll"], "Content-Type": "application/json"})
            resp = conn.getresponse()
            data = resp.read()
            if resp.status != 200:
                sys.exit(f"delivery: inbox wait answered {resp.status}: {data[:300]!r}")
            for envelope in json.loads(data):
                got("poll", int(envelope["message"]["body"]))

    def quietly(follow):
        # The server stops under the recipients at the end of the run; failing before that is fatal.
        def run():
            try:
                follow()
            except (OSError, http.client.HTTPException) as e:
                if not stop.is_set():
                    failures.append(f"{follow.__name__}: {e!r}")
                    with arrived:
                        arrived.notify_all()
        return run

    failures = []
    threads = [threading.Thread(target=quietly(follow_sse), daemon=True),
               threading.Thread(target=quietly(follow_poll), daemon=True)]
    for t in threads:
        t.start()
    time.sleep(0.5)   # both recipients connected and waiting before the first send

    sender = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    sent = {}
    call = []
    for i in range(total):
        payload = json.dumps({"request": {"to": ["sse", "poll"], "body": str(i), "importance": "NORMAL",
                                          "ackRequired": False}})
        t0 = time.perf_counter()
        sender.request("POST", "/api/v1/messages/send", body=payload,
                       headers={"Authorization": "Bearer " + tokens["sender"], "Content-Type": "application/json"})
        resp = sender.getresponse()
        answer = resp.read()
        t1 = time.perf_counter()
        if resp.status != 200:
            sys.exit(f"delivery: send answered {resp.status}: {answer[:300]!r}")
        sent[i] = t0
        if i >= args.warmup:
            call.append(t1 - t0)
        deadline = time.perf_counter() + WAIT_FOR_EACH
        with arrived:
            while not all(i in received[p] for p in received):
                if failures:
                    sys.exit("delivery: a recipient failed: " + "; ".join(failures))
                left = deadline - time.perf_counter()
                if left <= 0:
                    missing = [p for p in received if i not in received[p]]
                    sys.exit(f"delivery: message {i} did not reach {', '.join(missing)} within {WAIT_FOR_EACH}s")
                arrived.wait(left)
    stop.set()

    print(f"sent:    {args.messages} messages measured after {args.warmup} warm-up, one at a time, each to both recipients")
    print()
    print(f"{'path':<36}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    print("-" * 72)
    rows = [("send call (request -> answer)", call)]
    for path, label in (("sse", "send -> SSE recipient"), ("poll", "send -> inbox --wait recipient")):
        rows.append((label, [received[path][i] - sent[i] for i in range(args.warmup, total)]))
    for label, xs in rows:
        ms = [x * 1000 for x in xs]
        print(f"{label:<36}{percentile(ms, 50):>9.2f}{percentile(ms, 90):>9.2f}{percentile(ms, 99):>9.2f}{max(ms):>9.2f}")
    print()
    print("goal: delivery p50 <= 5 ms (issue 8)")


if __name__ == "__main__":
    main()
