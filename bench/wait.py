#!/usr/bin/env python3
"""Contended `lock --wait`: W processes x N lock/unlock cycles on one path (DESIGN §7, issue 7).

Run through bench/wait.sh (it finds the JDK, builds this checkout and the baseline revision);
bench/README.md says how to read the output. Every lock and unlock is its own cold CLI process,
as agents run them. One worker, w0, starts with a Lamport clock far ahead of the others (set through
export/import), which is what made the old line, ordered by Lamport time, pass it over and over.
Runs of the current build and of the baseline alternate, so both see the same machine.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import clean_env, java_command, load, median, warn_if_busy, workspace  # noqa: E402

PATH = "src/shared.txt"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", action="append", nargs=2, metavar=("LABEL", "LAUNCHER"), required=True,
                    help="a build to measure: a label and its bin/huddle (repeatable; ratios are to the last one)")
    ap.add_argument("-n", "--cycles", type=int, default=20, help="lock/unlock cycles per worker (default 20)")
    ap.add_argument("-w", "--workers", type=int, default=8, help="contending processes (default 8)")
    ap.add_argument("--rounds", type=int, default=2, help="runs per build, alternating (default 2)")
    ap.add_argument("--skew", type=int, default=10_000, help="w0's Lamport clock at the start (default 10000)")
    ap.add_argument("--margin", type=float, default=0.5,
                    help="client-side overtake: started at least this many seconds later (default 0.5)")
    ap.add_argument("--floor", action="store_true",
                    help="also run each build with one worker (nobody waits) in every round: the cost of a lock "
                         "and an unlock without waiting, so the waiting's own cost shows")
    ap.add_argument("--keep", action="store_true", help="keep the temp directories")
    args = ap.parse_args()

    env = clean_env()
    builds = [(label, java_command(launcher, env)) for label, launcher in args.build]
    print(f"wait:    {args.workers} workers x {args.cycles} cycles of `lock {PATH} --wait` + `unlock`, "
          f"each a cold process; w0's clock starts at {args.skew}")
    print(f"load:    {load()} before")
    results = {label: [] for label, _ in builds}
    floors = {label: [] for label, _ in builds}
    for r in range(args.rounds):
        for label, cmd in builds:
            with workspace(f"huddle-wait-{label}-", args.keep) as work:
                res = run_once(cmd, env, work, args, args.workers)
            res["round"] = r + 1
            results[label].append(res)
            print_row(label, res)
            if args.floor:
                with workspace(f"huddle-wait-{label}-floor-", args.keep) as work:
                    res = run_once(cmd, env, work, args, 1)
                res["round"] = r + 1
                floors[label].append(res)
                print_row(label + " w=1", res)
    print(f"load:    {load()} after")
    summary(builds, results, floors)
    warn_if_busy()


def run_once(cmd, env, work, args, workers):
    db = os.path.join(work, "huddle.db")
    run_env = {**env, "HUDDLE_DB": db}

    def huddle(*a, db_path=db, check=True):
        r = subprocess.run(cmd + list(a), cwd=work, env={**env, "HUDDLE_DB": db_path},
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if check and r.returncode != 0:
            sys.exit(f"wait: `huddle {' '.join(a)}` failed (exit {r.returncode}):\n" + r.stderr.decode(errors="replace"))
        return r.stdout.decode()

    # The store: every worker registered, w0's clock far ahead (export, patch, import).
    template = os.path.join(work, "template.db")
    for w in range(workers):
        huddle("register", f"w{w}", db_path=template)
    dump = os.path.join(work, "template.jsonl")
    huddle("export", "--jsonl", dump, db_path=template)
    with open(dump) as f:
        lines = [json.loads(line) for line in f]
    for line in lines:
        if line.get("table") == "agents" and line["row"]["id"] == "w0":
            line["row"]["clock"] = args.skew
    with open(dump, "w") as f:
        for line in lines:
            f.write(json.dumps(line, separators=(",", ":")) + "\n")
    huddle("import", dump)

    locks = {w: [] for w in range(workers)}   # per worker: (start, end, exit) of each successful lock
    timeouts = [0]
    errors = []
    barrier = threading.Barrier(workers + 1)

    def worker(w):
        agent_env = {**run_env, "HUDDLE_AGENT": f"w{w}"}
        barrier.wait()
        done = 0
        while done < args.cycles and len(errors) < 5:
            t0 = time.perf_counter()
            r = subprocess.run(cmd + ["lock", PATH, "--wait", "2m", "--ttl", "10m"], cwd=work, env=agent_env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            t1 = time.perf_counter()
            if r.returncode == 3:
                timeouts[0] += 1
                continue
            if r.returncode != 0:
                errors.append(f"w{w} lock: exit {r.returncode}: {r.stderr.decode(errors='replace').strip()[:200]}")
                return
            locks[w].append((t0, t1))
            u = subprocess.run(cmd + ["unlock", PATH], cwd=work, env=agent_env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if u.returncode != 0:
                errors.append(f"w{w} unlock: exit {u.returncode}: {u.stderr.decode(errors='replace').strip()[:200]}")
                return
            done += 1

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(workers)]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    cpu_before = children_cpu()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    cpu = children_cpu() - cpu_before
    if errors:
        sys.exit("wait: " + "\n".join(errors))

    events = json.loads(huddle("log", "--json", "--kind", "lease", "--limit", "1000000"))["events"]
    events.sort(key=lambda e: e["seq"])
    acquired = sum(len(v) for v in locks.values())
    return {
        "locks": acquired,
        "wall": wall,
        "ms_per_lock": wall * 1000 / acquired,
        "cpu_ms_per_lock": cpu * 1000 / acquired,
        "timeouts": timeouts[0],
        "overlaps": overlaps(events),
        "overtakes": store_overtakes(events),
        "passed": client_overtakes(events, locks, args.margin),
        "w0_max_wait": max((e - s for s, e in locks[0]), default=0.0),
    }


def children_cpu():
    """CPU seconds (user + system) of every finished child process so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def overlaps(events):
    """Pairs of grants whose lease intervals (grant to release, in commit order) overlap."""
    open_tokens = {}
    found = 0
    for e in events:
        if e["kind"] == "lease.grant":
            found += len(open_tokens)
            open_tokens[e["data"]["token"]] = e["seq"]
        elif e["kind"] == "lease.release":
            open_tokens.pop(e["data"]["token"], None)
    return found


def store_overtakes(events):
    """Overtakes in the store's own order: a request granted while one that arrived before it
    (its lease.wait, or its grant when it did not wait) still waited. None when the build does not
    log arrivals (lease.wait events), as builds before issue 7 did not."""
    if not any(e["kind"] == "lease.wait" for e in events):
        return None
    waiting = {}
    requests = []   # (arrived, ended, granted)
    for e in events:
        key = e["agent"]
        if e["kind"] == "lease.wait":
            waiting[key] = e["seq"]
        elif e["kind"] in ("lease.grant", "lease.give_up"):
            arrived = waiting.pop(key, e["seq"])
            requests.append((arrived, e["seq"], e["kind"] == "lease.grant"))
    return sum(1 for a in requests for b in requests
               if b[2] and a[0] < b[0] and b[1] < a[1])


def client_overtakes(events, locks, margin):
    """Overtakes as the callers saw them, for any build: lock q started at least `margin` seconds
    after lock p, yet was granted (its grant event) before p's. The k-th grant of a worker is its
    k-th successful lock."""
    grants = {}
    for e in events:
        if e["kind"] == "lease.grant":
            grants.setdefault(e["agent"], []).append(e["seq"])
    timed = []   # (start, grant seq)
    for w, spans in locks.items():
        seqs = grants.get(f"w{w}", [])
        for (s, _), g in zip(spans, seqs):
            timed.append((s, g))
    timed.sort()
    count = 0
    for i, (sp, gp) in enumerate(timed):
        for sq, gq in timed[i + 1:]:
            if sq >= sp + margin and gq < gp:
                count += 1
    return count


def print_row(label, r):
    ot = "n/a" if r["overtakes"] is None else str(r["overtakes"])
    print(f"{label:<12} run {r['round']}: {r['locks']:>4} locks in {r['wall']:6.1f} s = {r['ms_per_lock']:7.1f} ms/lock"
          f" ({r['cpu_ms_per_lock']:6.1f} ms CPU)  overtakes {ot:>4}  passed {r['passed']:>5}  overlaps {r['overlaps']}  timeouts {r['timeouts']}"
          f"  w0 longest wait {r['w0_max_wait']:5.1f} s", flush=True)


def summary(builds, results, floors):
    print()
    print(f"{'build':<10} {'ms/lock':>8} {'x last':>7} {'CPU ms/lock':>12} {'x last':>7} {'overtakes':>10} {'passed':>7}"
          f" {'overlaps':>9} {'timeouts':>9} {'w0 max wait s':>14}")
    print("-" * 104)
    last = median([r["ms_per_lock"] for r in results[builds[-1][0]]])
    last_cpu = median([r["cpu_ms_per_lock"] for r in results[builds[-1][0]]])
    for label, _ in builds:
        rs = results[label]
        med = median([r["ms_per_lock"] for r in rs])
        cpu = median([r["cpu_ms_per_lock"] for r in rs])
        ot = "n/a" if rs[0]["overtakes"] is None else str(sum(r["overtakes"] for r in rs))
        print(f"{label:<10} {med:>8.1f} {med / last:>6.2f}x {cpu:>12.1f} {cpu / last_cpu:>6.2f}x {ot:>10}"
              f" {sum(r['passed'] for r in rs):>7}"
              f" {sum(r['overlaps'] for r in rs):>9} {sum(r['timeouts'] for r in rs):>9}"
              f" {max(r['w0_max_wait'] for r in rs):>14.1f}")
    if any(floors.values()):
        print()
        print(f"{'build':<10} {'CPU ms/lock, w=1':>17} {'waiting CPU ms/lock':>20} {'x last':>7}")
        print("-" * 58)
        waiting = {label: median([r["cpu_ms_per_lock"] for r in results[label]])
                   - median([r["cpu_ms_per_lock"] for r in floors[label]]) for label, _ in builds}
        for label, _ in builds:
            floor = median([r["cpu_ms_per_lock"] for r in floors[label]])
            print(f"{label:<10} {floor:>17.1f} {waiting[label]:>20.1f} {waiting[label] / waiting[builds[-1][0]]:>6.2f}x")


if __name__ == "__main__":
    main()
