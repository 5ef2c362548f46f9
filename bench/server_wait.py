#!/usr/bin/env python3
"""Contended `lock --wait` / `unlock` cycles through `huddle serve` (HUDDLE_URL) against the same run
on the store file: W cold-CLI processes x N cycles on one path, zero overlaps expected. Run through
bench/server-wait.sh; bench/README.md says how to read the output."""
import argparse
import json
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import warn_if_busy, workspace  # noqa: E402
from serverbench import Server, cli, load, prepare  # noqa: E402
from wait import PATH, children_cpu, overlaps, store_overtakes  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True)
    ap.add_argument("-w", "--workers", type=int, default=8, help="processes (default 8)")
    ap.add_argument("-n", "--cycles", type=int, default=50, help="lock/unlock cycles per worker (default 50)")
    ap.add_argument("--rounds", type=int, default=1, help="runs per mode, alternating (default 1)")
    ap.add_argument("--jvm-client", action="store_true",
                    help="also run the JVM client through the server (HUDDLE_THIN=0), as a server elsewhere is reached")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    modes = ("server", "jvm", "file") if args.jvm_client else ("server", "file")
    results = {mode: [] for mode in modes}
    for r in range(args.rounds):
        for mode in modes:
            with workspace(f"huddle-server-wait-{mode}-", args.keep) as work:
                print(f"run {r + 1}/{args.rounds}, {mode}: {load()} before", flush=True)
                results[mode].append(run_once(args, mode, work))
    print()
    print(f"{'mode':<8} {'locks':>6} {'wall s':>7} {'ms/lock':>8} {'client CPU ms/lock':>19} {'server CPU ms/lock':>19}"
          f" {'overlaps':>9} {'overtakes':>10} {'timeouts':>9}")
    print("-" * 102)
    for mode in ("file", "server", "jvm"):
        for x in results.get(mode, []):
            server_cpu = f"{x['server_cpu_ms_per_lock']:.1f}" if x["server_cpu_ms_per_lock"] is not None else "-"
            print(f"{mode:<8} {x['locks']:>6} {x['wall']:>7.1f} {x['ms_per_lock']:>8.1f} {x['cpu_ms_per_lock']:>19.1f}"
                  f" {server_cpu:>19} {x['overlaps']:>9} {str(x['overtakes']):>10} {x['timeouts']:>9}")
    print("-" * 102)
    print("every lock and unlock is its own cold bin/huddle process: on the file a JVM; through the server (HUDDLE_URL) the"
          " launcher's thin client, no JVM; jvm: the JVM client through the server (HUDDLE_THIN=0). wall s: the whole"
          " run; overlaps (must be 0) and overtakes from the store's lease events.")
    warn_if_busy()


def run_once(args, mode, work):
    workers = [f"w{i}" for i in range(args.workers)]
    java, env, _ = prepare(args.root, work, [], extra=workers)
    server = Server(args.root, work, env) if mode != "file" else None
    try:
        run_env = {**env, "HUDDLE_NO_BUILD": "1"}
        if server:
            run_env["HUDDLE_URL"] = server.url
        if mode == "jvm":
            run_env["HUDDLE_THIN"] = "0"
        client = [os.path.join(args.root, "bin", "huddle")]
        server_cpu_before = server.cpu_seconds() if server else None
        locks, timeouts, errors = [0], [0], []
        barrier = threading.Barrier(args.workers + 1)

        def worker(agent):
            agent_env = {**run_env, "HUDDLE_AGENT": agent}
            barrier.wait()
            done = 0
            while done < args.cycles and len(errors) < 5:
                r = subprocess.run(client + ["lock", PATH, "--wait", "2m", "--ttl", "10m"], cwd=work, env=agent_env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                if r.returncode == 3:
                    timeouts[0] += 1
                    continue
                if r.returncode != 0:
                    errors.append(f"{agent} lock: exit {r.returncode}: {r.stderr.decode(errors='replace').strip()[:200]}")
                    return
                locks[0] += 1
                u = subprocess.run(client + ["unlock", PATH], cwd=work, env=agent_env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                if u.returncode != 0:
                    errors.append(f"{agent} unlock: exit {u.returncode}: {u.stderr.decode(errors='replace').strip()[:200]}")
                    return
                done += 1

        threads = [threading.Thread(target=worker, args=(a,)) for a in workers]
        for t in threads:
            t.start()
        barrier.wait()
        start = time.perf_counter()
        cpu_before = children_cpu()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
        cpu = children_cpu() - cpu_before
        server_cpu = server.cpu_seconds() - server_cpu_before if server else None
    finally:
        if server:
            server.__exit__(None, None, None)
    if errors:
        sys.exit("server-wait: " + "\n".join(errors))
    events = json.loads(cli(java, work, env, "log", "--json", "--kind", "lease", "--limit", "1000000"))["events"]
    events.sort(key=lambda e: e["seq"])
    return {
        "locks": locks[0],
        "wall": wall,
        "ms_per_lock": wall * 1000 / locks[0],
        "cpu_ms_per_lock": cpu * 1000 / locks[0],
        "server_cpu_ms_per_lock": server_cpu * 1000 / locks[0] if server_cpu is not None else None,
        "timeouts": timeouts[0],
        "overlaps": overlaps(events),
        "overtakes": store_overtakes(events),
    }


if __name__ == "__main__":
    main()
