#!/usr/bin/env python3
"""Claude Code's PreToolUse HTTP hook through `huddle serve`: p50/p99 latency with 1 and with N
concurrent agents, a new connection per call. Run through bench/http-hooks.sh; bench/README.md
says how to read the output."""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import warn_if_busy, workspace  # noqa: E402
from serverbench import Server, cli, load, load_generator, prepare  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True)
    ap.add_argument("--agents", type=int, default=50, help="concurrent agents of the second run (default 50)")
    ap.add_argument("--seconds", type=float, default=10, help="measured seconds per run (default 10)")
    ap.add_argument("--warmup", type=float, default=3, help="unmeasured seconds first (default 3)")
    ap.add_argument("--rate", type=float, default=100, help="calls per second per agent, 0 = as fast as answered "
                    "(default 100: under the server's 200/s per-token limit)")
    ap.add_argument("--rate-many", type=float, default=20, help="calls per second per agent with --agents (default 20)")
    ap.add_argument("--server-warmup", type=float, default=5, help="seconds of the many-agent load first, not "
                    "measured, so the server's JIT has compiled the hook path as in a long-running server (default 5)")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    agents = [f"a{i}" for i in range(1, args.agents + 1)]
    with workspace("huddle-http-hooks-", args.keep) as work:
        java, env, tokens = prepare(args.root, work, agents, extra=["keeper"])
        cli(java, work, env, "lock", "src/held.py", "--agent", "keeper", "--ttl", "1h")
        with Server(args.root, work, env) as server:
            print(f"load:    {load()} before")
            common = ["--url", server.url, "--tokens", tokens, "--cwd", work, "--held", "src/held.py",
                      "--holder", "keeper", "--seconds", str(args.seconds), "--warmup", str(args.warmup)]
            if args.server_warmup > 0:
                load_generator(args.root, java, "hooks", "--agents", str(args.agents), "--rate", str(args.rate_many),
                               *common[:-4], "--seconds", str(args.server_warmup), "--warmup", "0")
                print(f"warm-up: {args.server_warmup:g} s of {args.agents} agents at {args.rate_many:g}/s each, not measured")
            for n, rate in ((1, args.rate), (args.agents, args.rate_many)):
                print(load_generator(args.root, java, "hooks", "--agents", str(n), "--rate", str(rate), *common,
                                     server=server),
                      end="", flush=True)
            print(f"load:    {load()} after")
    print("latency: from opening the TCP connection to the last byte of the answer (ms); half the calls are refused "
          "(a file keeper holds), half allowed; 'wrong' counts answers that were not the expected refusal or silence.")
    warn_if_busy()


if __name__ == "__main__":
    main()
