#!/usr/bin/env python3
"""Cold CLI commands on PostgreSQL against the same commands on an SQLite file (issue 10: the ratio).
Run through bench/pg-cold.sh (it finds the JDK); bench/README.md says how to read the output. Every
measured run is a fresh JVM started exactly as bin/huddle starts it, rows interleaved round by round.
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import clean_env, java_command, median, percentile, warn_if_busy, workspace  # noqa: E402
from pg_cross import scratch_database  # noqa: E402
from remote_cold import load, timed  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True, help="the huddle checkout (has bin/huddle)")
    ap.add_argument("-n", "--runs", type=int, default=20, help="measured runs per row (default 20)")
    ap.add_argument("--warmup", type=int, default=2, help="unmeasured rounds first (default 2)")
    ap.add_argument("--keep", action="store_true", help="keep the temp directory and the database")
    args = ap.parse_args()
    with scratch_database(args.keep) as (pg, _), workspace("huddle-pg-cold-", args.keep) as work:
        run(args, work, pg)
    warn_if_busy()


def run(args, work, pg):
    launcher = os.path.join(args.root, "bin", "huddle")
    os.makedirs(os.path.join(work, "src"))
    base = clean_env()
    stores = {"sqlite": {**base, "HUDDLE_DB": os.path.join(work, "huddle.db")}, "postgresql": {**base, "HUDDLE_DB": pg}}
    java = java_command(launcher, {**base, "HUDDLE_NO_BUILD": os.environ.get("HUDDLE_NO_BUILD", "")})
    for env in stores.values():
        for argv in (["init"], ["register", "alice"], ["register", "bob"]):
            r = subprocess.run(java + argv, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if r.returncode != 0:
                sys.exit(f"pg-cold: `huddle {' '.join(argv)}` on {env['HUDDLE_DB']} failed (exit {r.returncode}): "
                         + r.stderr.decode(errors="replace").strip())
    print(f"stores:  {stores['sqlite']['HUDDLE_DB']} and {pg} (created for this run)")
    commands = [("lock", ["lock", "src/a.py", "--agent", "alice"], 0),
                ("check", ["check", "src/a.py", "--agent", "bob"], 2),
                ("send", ["send", "bob", "hello", "--agent", "alice"], 0),
                ("unlock", ["unlock", "src/a.py", "--agent", "alice"], 0)]
    wall = {}
    cpu = {}
    surprises = {}
    print(f"load:    {load()} before")
    for i in range(args.warmup + args.runs):
        for label, argv, ok in commands:
            for where, env in stores.items():
                code, ms, cpu_ms, err = timed(java + argv, work, env)
                if code != ok:
                    surprises.setdefault((label, where), (code, (err.strip().splitlines() or [""])[0]))
                if i >= args.warmup:
                    wall.setdefault((label, where), []).append(ms)
                    cpu.setdefault((label, where), []).append(cpu_ms)
    print(f"load:    {load()} after\n")
    print(f"{'command':<8} {'SQLite ms':>10} {'PostgreSQL ms':>14} {'ratio':>7} {'SQLite p90':>11} {'PG p90':>8}"
          f" {'SQLite CPU':>11} {'PG CPU':>8} {'CPU ratio':>10}")
    print("-" * 96)
    for label, _, _ in commands:
        s, p = wall[(label, "sqlite")], wall[(label, "postgresql")]
        sc, pc = cpu[(label, "sqlite")], cpu[(label, "postgresql")]
        note = "".join(f"  [{w} exit {c}: {line[:50]}]" for (l, w), (c, line) in surprises.items() if l == label)
        print(f"{label:<8} {median(s):>10.1f} {median(p):>14.1f} {median(p) / median(s):>6.2f}x {percentile(s, 90):>11.1f}"
              f" {percentile(p, 90):>8.1f} {median(sc):>11.1f} {median(pc):>8.1f} {median(pc) / median(sc):>9.2f}x{note}")
    print("-" * 96)
    print("ms: wall time of the cold process, median (p90); CPU: the process's user + system time, median (the"
          " PostgreSQL server's own work is not in it). ratio: PostgreSQL / SQLite.")


if __name__ == "__main__":
    main()
