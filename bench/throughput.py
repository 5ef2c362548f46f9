#!/usr/bin/env python3
"""lock + send + unlock through one `huddle serve` on SQLite with N concurrent agents, each with its own
token and keep-alive connection: requests/s and latency percentiles. Run through bench/throughput.sh;
bench/README.md says how to read the output."""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import warn_if_busy, workspace  # noqa: E402
from serverbench import WARMUP_WHY, Server, load, load_generator, prepare  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True)
    ap.add_argument("--agents", type=int, default=50, help="concurrent agents (default 50)")
    ap.add_argument("--seconds", type=float, default=15, help="measured seconds (default 15)")
    ap.add_argument("--warmup", type=float, default=75,
                    help=f"unmeasured seconds of load before the first run (default 75: {WARMUP_WHY})")
    ap.add_argument("--rate", type=float, default=0, help="requests per second per agent for the first run; 0 "
                    "(default): each agent sends its next request as soon as the previous one is answered (capacity)")
    ap.add_argument("--goal", type=float, default=2000, help="requests per second in all for the second run, paced "
                    "evenly over the agents, latency counted from when each request was due (default 2000, the "
                    "issue's goal; 0 skips it)")
    ap.add_argument("--paced-warmup", type=float, default=10, help="unmeasured seconds of the paced run first "
                    "(default 10: the load generator is a new JVM, which spends its first seconds compiling)")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    agents = [f"a{i}" for i in range(1, args.agents + 1)]
    with workspace("huddle-throughput-", args.keep) as work:
        java, env, tokens = prepare(args.root, work, agents)
        with Server(args.root, work, env) as server:
            print(f"load:    {load()} before")
            runs = [("closed loop: capacity" if args.rate == 0 else f"paced at {args.rate:g}/s per agent", args.rate)]
            if args.goal > 0:
                runs.append((f"paced at {args.goal:g} requests/s in all (latency from when each was due)",
                             args.goal / args.agents))
            for i, (label, rate) in enumerate(runs):
                print(f"-- {label}")
                print(load_generator(args.root, java, "ops", "--url", server.url, "--tokens", tokens,
                                     "--agents", str(args.agents), "--rate", str(rate),
                                     "--seconds", str(args.seconds), "--warmup", str(args.warmup if i == 0 else args.paced_warmup), server=server),
                      end="", flush=True)
                print(f"load:    {load()} after")
    print("each agent: lock src/<agent>.py, send the next agent a message, unlock, on its own keep-alive connection; "
          "req/s counts every request (an op); latency per request in ms, by kind below 'all'. Closed loop: an agent "
          "sends when its last answer came, so mean latency = agents / throughput (Little's law) and the p99 goal can "
          "only be met there above ~2,500/s; the paced run asks whether the goal's rate is served with p99 < 20 ms.")
    warn_if_busy()


if __name__ == "__main__":
    main()
