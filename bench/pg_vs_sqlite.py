#!/usr/bin/env python3
"""The paced write load on PostgreSQL against the same on SQLite, in alternating windows of one run.

Run through bench/pg-vs-sqlite.sh; bench/README.md says how to read the output. Two `huddle serve`
processes, one on a fresh PostgreSQL database and one on a SQLite file, each with the same agents.
Each is warmed up by --warmup seconds of closed-loop load (SQLite's first, then PostgreSQL's; their
capacities are printed), then bench/HttpLoad.java `ops` (lock, send, unlock) is paced at --goal requests/s in all
through each in turn, --rounds times after a round 0 that is not counted, the order swapped every
round (PostgreSQL first in even rounds, SQLite first in odd ones). On these machines the speed of the CPUs moves by up to 2x for minutes at
a time (bench/README.md, "CPU speed"), so two runs minutes apart do not compare; windows seconds
apart do. The summary gives each backend's median and worst window and the ratio of the medians:
what the PostgreSQL store adds to the tail over the embedded one, on the same machine at the same
time.
"""

import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import median, warn_if_busy, workspace  # noqa: E402
from pg_cross import scratch_database  # noqa: E402
from serverbench import WARMUP_WHY, Server, load, load_generator, prepare  # noqa: E402

ALL = re.compile(r"\ball\s+n=(\d+).*?(\d+) req/s\s+p50\s+([\d.]+)\s+p90\s+([\d.]+)\s+p99\s+([\d.]+)")
SPEED = re.compile(r"CPU speed: a fixed unit of work took a median ([\d.]+) ms")


def figures(out):
    """(requests/s, p50, p90, p99, CPU speed median) of one load generator run's output."""
    m = ALL.search(out)
    if not m:
        sys.exit("pg-vs-sqlite: no 'all' line in the load generator's output:\n" + out)
    speed = SPEED.search(out)
    return (float(m.group(2)), float(m.group(3)), float(m.group(4)), float(m.group(5)),
            float(speed.group(1)) if speed else float("nan"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True)
    ap.add_argument("--agents", type=int, default=50, help="concurrent agents (default 50)")
    ap.add_argument("--goal", type=float, default=2000, help="requests per second in all, paced evenly over the "
                    "agents, latency counted from when each request was due (default 2000, issue 10's goal)")
    ap.add_argument("--rounds", type=int, default=3, help="counted windows on each backend, after one that is "
                    "not (default 3)")
    ap.add_argument("--seconds", type=float, default=10, help="measured seconds of each window (default 10)")
    ap.add_argument("--warmup", type=float, default=75,
                    help=f"unmeasured seconds of closed-loop load on each server first (default 75: {WARMUP_WHY})")
    ap.add_argument("--paced-warmup", type=float, default=10, help="unmeasured seconds at the start of each window "
                    "(default 10: the load generator is a new JVM, which spends its first seconds compiling)")
    ap.add_argument("--keep", action="store_true", help="keep the temp directory and the database")
    args = ap.parse_args()
    with scratch_database(args.keep) as (db, _), workspace("huddle-pg-vs-sqlite-", args.keep) as work:
        print(f"store:   {db} (created for this run)")
        run(args, work, db)
    warn_if_busy()


def run(args, work, db):
    agents = [f"a{i}" for i in range(1, args.agents + 1)]
    stores = {}
    for backend, url in (("PostgreSQL", db), ("SQLite", None)):
        home = os.path.join(work, backend.lower())
        os.makedirs(home)
        stores[backend] = (home, *prepare(args.root, home, agents, db=url))
    home_pg, java, env_pg, tokens_pg = stores["PostgreSQL"]
    home_lite, _, env_lite, tokens_lite = stores["SQLite"]
    with Server(args.root, home_pg, env_pg) as pg, Server(args.root, home_lite, env_lite) as lite:
        # SQLite's warm-up first: PostgreSQL's first window then follows its own warm-up, and its writer
        # thread (which ends after a minute idle, and with it the connection its batches kept) is the same.
        servers = {"SQLite": (lite, tokens_lite), "PostgreSQL": (pg, tokens_pg)}
        print(f"load:    {load()} before")

        def drive(backend, rate, seconds, warmup):
            server, tokens = servers[backend]
            return load_generator(args.root, java, "ops", "--url", server.url, "--tokens", tokens,
                                  "--agents", str(args.agents), "--rate", str(rate), "--seconds", str(seconds),
                                  "--warmup", str(warmup), server=server)

        print(f"\nwarm-up: {args.warmup:g} s of closed-loop load on each, then 5 s measured (capacity):")
        for backend in servers:
            rate, p50, _, p99, speed = figures(drive(backend, 0, 5, args.warmup))
            print(f"    {backend:<10} {rate:6.0f} req/s  p50 {p50:6.2f}  p99 {p99:7.2f} ms  CPU speed {speed:.2f} ms")
        print(f"\npaced at {args.goal:g} requests/s in all, {args.rounds} counted windows of {args.seconds:g} s each "
              f"on each after round 0 (each after {args.paced_warmup:g} s unmeasured), alternating:")
        p99s = {backend: [] for backend in servers}
        # Round 0 is not counted: the PostgreSQL server's first paced window was its worst in every run
        # of session 22 — small batches, and batches of one, run code the closed loop never ran.
        for i in range(args.rounds + 1):
            order = ("PostgreSQL", "SQLite") if i % 2 == 0 else ("SQLite", "PostgreSQL")
            for backend in order:
                rate, p50, p90, p99, speed = figures(drive(backend, args.goal / args.agents, args.seconds,
                                                           args.paced_warmup))
                if i > 0:
                    p99s[backend].append(p99)
                print(f"    round {i}{' (not counted)' if i == 0 else ''} {backend:<10} {rate:6.0f} req/s  "
                      f"p50 {p50:6.2f}  p90 {p90:7.2f}  p99 {p99:7.2f} ms  CPU speed {speed:.2f} ms", flush=True)
        print(f"load:    {load()} after")
    print("\nwindow p99 (ms), median and worst:")
    for backend, xs in p99s.items():
        print(f"    {backend:<10} median {median(xs):7.2f}  worst {max(xs):7.2f}  ({', '.join(f'{x:.1f}' for x in xs)})")
    pg_median, lite_median = median(p99s["PostgreSQL"]), median(p99s["SQLite"])
    print(f"    PostgreSQL / SQLite: {pg_median / lite_median:.2f}x the median window p99")
    print("goal (issue 10): p99 < 20 ms at 2,000 requests/s on PostgreSQL. A window whose CPU speed is well above "
          "~1.0 ms ran on a slowed machine (bench/README.md); compare the backends window by window.")


if __name__ == "__main__":
    main()
