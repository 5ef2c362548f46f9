#!/usr/bin/env python3
"""Cold-process cost of keeping the log causal: `lock` and `claim` by an agent whose clock is
ahead of the log (nothing to sift), behind it by a whole window (events sifted one by one), and
behind it by more than a window (moves past the newest), against the python3 baseline.

Run through bench/causal.sh (it finds the JDK and builds first); bench/README.md says how to read it.
"""

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import clean_env, java_command, median, percentile, warn_if_busy, workspace  # noqa: E402
from cold_start import BASELINE, baseline_statements  # noqa: E402

WINDOW = 64           # app/Actor.WINDOW
HISTORY = 5_000       # events another agent wrote before the measured runs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True, help="the huddle checkout (has bin/huddle)")
    ap.add_argument("-n", "--runs", type=int, default=20, help="measured runs per row (default 20)")
    ap.add_argument("--keep", action="store_true", help="keep the temp directory")
    args = ap.parse_args()
    launcher = os.path.join(args.root, "bin", "huddle")
    with workspace("huddle-causal-", args.keep) as work:
        env = clean_env()
        env["HUDDLE_DB"] = os.path.join(work, "huddle.db")
        run(args, launcher, work, env)


def run(args, launcher, work, env):
    java = java_command(launcher, env)
    python = os.path.realpath(sys.executable)
    db = env["HUDDLE_DB"]

    def huddle(*a, check=True):
        r = subprocess.run(java + list(a), cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if check and r.returncode != 0:
            sys.exit(f"causal: `huddle {' '.join(a)}` failed (exit {r.returncode}): {r.stderr.decode()[:300]}")
        return r

    for setup in (["init"], ["register", "alice"], ["register", "bob"], ["lock", "src/template.py", "--agent", "alice"]):
        huddle(*setup)
    # One task per claim, all created before the history: a claim's task changed long ago, so the
    # claim sifts every newer event and finds nothing to move past (the costliest precise case).
    for _ in range(3 * (args.runs + 2)):
        huddle("task", "new", "t", "--agent", "alice")
    history(db)
    statements, _ = baseline_statements(db)

    def set_clock(agent, behind):
        """bob's clock `behind` events short of the newest (negative: that far ahead of it)."""
        c = sqlite3.connect(db)
        newest = c.execute("select stamp from events order by stamp desc limit 1 offset ?",
                           (max(behind, 0),)).fetchone()[0] if behind >= 0 else \
            c.execute("select max(stamp) from events").fetchone()[0] - behind
        c.execute("update agents set clock = ? where id = ?", (max(newest - 1, 0), agent))
        c.commit()
        c.close()

    rows = [("python3 baseline", None)]
    for name, behind in (("ahead of the log", -1), (f"behind by {WINDOW} events", WINDOW - 1),
                         (f"behind by {HISTORY} events", HISTORY)):
        rows.append((f"lock, {name}", behind))
        rows.append((f"claim, {name}", behind))
    times = {k: [] for k, _ in rows}
    cpu = {k: [] for k, _ in rows}
    print(f"\n{len(rows)} rows x {args.runs} runs (+2 warm-up rounds), interleaved ...", flush=True)
    tasks = iter(range(1, 3 * (args.runs + 2) + 1))
    for i in range(args.runs + 2):
        for key, behind in rows:
            if behind is None:
                argv = [python, "-c", BASELINE, db, *statements]
            elif key.startswith("lock"):
                set_clock("bob", behind)
                argv = java + ["lock", f"src/z{i}.py", "--agent", "bob"]
            else:
                set_clock("bob", behind)
                argv = java + ["claim", f"T-{next(tasks)}", "--agent", "bob"]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter_ns()
            r = subprocess.run(argv, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            dt = (time.perf_counter_ns() - t0) / 1e6
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1e3
            if r.returncode != 0:
                sys.exit(f"causal: {key} failed (exit {r.returncode}): {r.stderr.decode()[:300]}")
            if key.startswith("lock"):
                huddle("unlock", f"src/z{i}.py", "--agent", "bob")
            if i >= 2:
                times[key].append(dt)
                cpu[key].append(used)
    base = median(times["python3 baseline"])
    print(f"\n{'command':<40} {'median ms':>10} {'p90 ms':>8} {'x baseline':>11} {'cpu ms':>8}")
    print("-" * 81)
    for key, _ in rows:
        print(f"{key:<40} {median(times[key]):>10.1f} {percentile(times[key], 90):>8.1f} "
              f"{median(times[key]) / base:>10.2f}x {median(cpu[key]):>8.1f}")
    print("cpu ms: user + system time of the process (median); steadier than wall time on a busy machine")
    warn_if_busy()


def history(db):
    """HISTORY events by alice, stamped after everything: lease traffic on many files, as a busy agent leaves."""
    c = sqlite3.connect(db)
    seq, stamp, wall = c.execute("select max(seq), max(stamp), max(wall) from events").fetchone()
    rows = []
    for i in range(HISTORY):
        kind = "lease.grant" if i % 2 == 0 else "lease.release"
        data = json.dumps({"token": 1000 + i, "mode": "exclusive", "ttl_seconds": 1800}, separators=(",", ":"))
        rows.append((stamp + 1 + i, "alice", wall, kind, None, f"src/m{i // 2 % 400}/f{i // 2}.py", data))
    c.executemany("insert into events (stamp, agent, wall, kind, task, path, data) values (?, ?, ?, ?, ?, ?, ?)", rows)
    c.execute("update agents set clock = ? where id = 'alice'", (stamp + HISTORY,))
    c.commit()
    c.close()


if __name__ == "__main__":
    main()
