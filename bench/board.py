#!/usr/bin/env python3
"""Cold `ready` and `claim-next` on an empty board against a board of 10,000 tasks (DESIGN §7).

Run through bench/board.sh (it finds the JDK and builds first); bench/README.md says how to read
the output. The big board is made in one go: a JSON-lines export is generated and restored with
`huddle import`, so no measured run pays for 10,000 `task new` processes. Every measured run is a
fresh process; the four commands are interleaved round by round, so drift in the machine's speed
hits every row alike.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import clean_env, java_command, median, percentile, warn_if_busy, workspace  # noqa: E402

TARGET_RATIO = 2.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True, help="the huddle checkout (has bin/huddle)")
    ap.add_argument("-n", "--runs", type=int, default=20, help="measured runs per command (default 20)")
    ap.add_argument("--warmup", type=int, default=2, help="unmeasured rounds first (default 2)")
    ap.add_argument("--tasks", type=int, default=10_000, help="tasks on the big board (default 10000)")
    ap.add_argument("--keep", action="store_true", help="keep the temp directory")
    args = ap.parse_args()

    with workspace("huddle-board-", args.keep) as work:
        run_bench(args, os.path.join(args.root, "bin", "huddle"), work, clean_env())


def run_bench(args, launcher, work, env):
    java_cmd = java_command(launcher, env)

    def huddle(db, *a):
        r = subprocess.run(java_cmd + list(a), cwd=work, env={**env, "HUDDLE_DB": db},
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if r.returncode != 0:
            sys.exit(f"board: `huddle {' '.join(a)}` failed (exit {r.returncode}):\n" + r.stderr.decode(errors="replace"))
        return r.stdout.decode()

    empty = os.path.join(work, "empty.db")
    big = os.path.join(work, "big.db")
    template = os.path.join(work, "template.db")
    for db in (empty, template):
        huddle(db, "register", "alice")
        huddle(db, "register", "bob")
    huddle(template, "task", "new", "template", "--agent", "alice")
    huddle(template, "export", "--jsonl", os.path.join(work, "template.jsonl"))
    dump = os.path.join(work, "board.jsonl")
    stats = generate(os.path.join(work, "template.jsonl"), dump, args.tasks)
    t0 = time.perf_counter()
    huddle(big, "import", dump)
    print(f"board:   {args.tasks} tasks ({stats}) imported in {time.perf_counter() - t0:.1f} s")
    ready = json.loads(huddle(big, "ready", "--json", "--limit", "100000"))["tasks"]
    print(f"         {len(ready)} ready on the big board; every round's claim-next takes one of them")
    if len(ready) < args.runs + args.warmup:
        sys.exit("board: too few ready tasks for the runs; raise --tasks")

    runs = [
        ("ready, empty board", empty, ["ready", "--agent", "alice"], {0}),
        (f"ready, {args.tasks} tasks", big, ["ready", "--agent", "alice"], {0}),
        ("claim-next, empty board", empty, ["claim-next", "--agent", "alice"], {3}),
        (f"claim-next, {args.tasks} tasks", big, ["claim-next", "--agent", "alice"], {0}),
    ]
    times = {label: [] for label, *_ in runs}
    surprises = {}
    total = args.warmup + args.runs
    print(f"\n{len(runs)} commands x {args.runs} runs (+{args.warmup} warm-up rounds), interleaved ...", flush=True)
    for i in range(total):
        for label, db, argv, ok in runs:
            t = time.perf_counter_ns()
            r = subprocess.run(java_cmd + argv, cwd=work, env={**env, "HUDDLE_DB": db},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            dt = (time.perf_counter_ns() - t) / 1e6
            if r.returncode not in ok and label not in surprises:
                surprises[label] = (r.returncode, r.stderr.decode(errors="replace").strip()[:60])
            if i >= args.warmup:
                times[label].append(dt)
    report(runs, times, surprises)


def generate(template_path, out_path, n):
    """The template store's export with its one task replaced by n tasks and their dependencies.

    A realistic backlog: most tasks finished, a tenth claimed by bob, the rest open; about half the
    open tasks wait on a nearby open task and a third also on an older one, so `ready` must skip
    blocked tasks to find ready ones.
    """
    with open(template_path) as f:
        lines = [json.loads(line) for line in f]
    header, rows = lines[0], lines[1:]
    task_row = next(r["row"] for r in rows if r["table"] == "tasks")
    base = task_row["created_at"]
    rnd = random.Random(7)
    tasks, status_of = [], {}
    for i in range(1, n + 1):
        roll = rnd.random()
        status = "done" if roll < 0.55 else "claimed" if roll < 0.65 else "cancelled" if roll < 0.68 else "open"
        row = {k: v for k, v in task_row.items()
               if k not in ("assignee", "claim_token", "claimed_at", "conclusion", "due_at")}
        row.update(seq=i, id=f"T-{i}", number=i, title=f"task {i}", priority=rnd.randrange(5), status=status,
                   created_at=base + i * 1000, updated_at=base + i * 1000, version=1 if status == "open" else 2)
        if status in ("done", "claimed"):
            row.update(assignee="bob", claim_token=100 + i, claimed_at=base + i * 1000)
        if status == "done":
            row["conclusion"] = "ok"
        tasks.append({"table": "tasks", "row": row})
        status_of[i] = status
    open_ids = [i for i in range(1, n + 1) if status_of[i] == "open"]
    deps = set()
    for k, i in enumerate(open_ids):
        nearby = open_ids[max(0, k - 50):k]
        if nearby and rnd.random() < 0.5:
            deps.add((rnd.choice(nearby), i))
        if i > 1 and rnd.random() < 0.33:
            deps.add((rnd.randrange(1, i), i))
    # Rows in the export's order: the primary key of task_deps is (blocked, blocker), as text.
    dep_rows = [{"table": "task_deps", "row": {"blocker": f"T-{a}", "blocked": f"T-{b}"}}
                for a, b in sorted(deps, key=lambda d: (f"T-{d[1]}", f"T-{d[0]}"))]
    out = [header]
    for table in TABLE_ORDER:
        if table == "tasks":
            out += tasks
        elif table == "task_deps":
            out += dep_rows
        else:
            for r in rows:
                if r["table"] == table:
                    if table == "counters":
                        r["row"]["value"] = {"task:T": n, "fence": 100 + n + 1}.get(r["row"]["name"], r["row"]["value"])
                    out.append(r)
    with open(out_path, "w") as f:
        for r in out:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
    counts = {s: sum(1 for v in status_of.values() if v == s) for s in ("open", "claimed", "done", "cancelled")}
    return ", ".join(f"{v} {k}" for k, v in counts.items()) + f", {len(deps)} dependencies"


TABLE_ORDER = ["agents", "sessions", "counters", "leases", "lease_waiters", "messages", "deliveries", "events",
               "tasks", "task_deps", "task_remarks", "decisions", "summary_rounds", "summary_entries"]


def report(runs, times, surprises):
    print()
    print(f"{'command':<30} {'median ms':>10} {'p90 ms':>8}  ratio to empty (target <= {TARGET_RATIO}x)")
    print("-" * 80)
    for label, *_ in runs:
        med, p90 = median(times[label]), percentile(times[label], 90)
        note = ""
        if "empty" not in label:
            base = median(times[label.split(",")[0] + ", empty board"])
            ratio = med / base
            note = f"{ratio:.2f}x  {'ok' if ratio <= TARGET_RATIO else 'MISS'}"
        if label in surprises:
            note += f"  [exit {surprises[label][0]}: {surprises[label][1]}]"
        print(f"{label:<30} {med:>10.1f} {p90:>8.1f}  {note}")
    warn_if_busy()






if __name__ == "__main__":
    main()
