#!/usr/bin/env python3
"""Cold CLI commands on the store file against the same commands through a running `huddle serve`.
Run through bench/remote-cold.sh (it finds the JDK); bench/README.md says how to read the output.
Every measured run is a fresh JVM started exactly as bin/huddle starts it; the rows are interleaved
round by round, so drift in the machine's speed hits file and server rows alike.
"""
import argparse
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import clean_env, java_command, load, median, percentile, warn_if_busy, workspace  # noqa: E402

TARGET_RATIO = 0.6


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True, help="the huddle checkout (has bin/huddle)")
    ap.add_argument("-n", "--runs", type=int, default=30, help="measured runs per row (default 30)")
    ap.add_argument("--warmup", type=int, default=2, help="unmeasured rounds first (default 2)")
    ap.add_argument("--keep", action="store_true", help="keep the temp directory")
    args = ap.parse_args()
    launcher = os.path.join(args.root, "bin", "huddle")
    with workspace("huddle-remote-cold-", args.keep) as work:
        env = clean_env()
        env["HUDDLE_DB"] = os.path.join(work, "huddle.db")
        os.makedirs(os.path.join(work, "src"))
        # remote-cold.sh sets HUDDLE_NO_BUILD when the jar exists: the launcher then only prints its command.
        no_build = {"HUDDLE_NO_BUILD": os.environ.get("HUDDLE_NO_BUILD", "")}
        java = java_command(launcher, {**env, **no_build})
        setup(java, work, env)
        server, url = serve(java, work, env)
        try:
            # What bin/huddle runs for a command through a server (its own AOT cache and options).
            remote_java = java_command(launcher, {**env, **no_build, "HUDDLE_URL": url})
            run_bench(args, java, remote_java, work, env, url)
        finally:
            server.terminate()
            server.wait(timeout=30)


def setup(java, work, env):
    for argv in (["init"], ["register", "alice"], ["register", "bob"]):
        r = subprocess.run(java + argv, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if r.returncode != 0:
            sys.exit(f"remote-cold: `huddle {' '.join(argv)}` failed (exit {r.returncode}):\n"
                     + r.stderr.decode(errors="replace"))


def serve(java, work, env):
    """`huddle serve` on a free loopback port of the temp store; its URL is its first line."""
    log = open(os.path.join(work, "serve.log"), "wb")
    p = subprocess.Popen(java + ["serve", "--bind", "127.0.0.1:0"], cwd=work, env=env,
                         stdout=subprocess.PIPE, stderr=log)
    url = p.stdout.readline().decode().strip()
    if not url.startswith("http"):
        p.kill()
        sys.exit(f"remote-cold: `huddle serve` printed no URL (got {url!r}); see {work}/serve.log")
    print(f"server:  {url} (pid {p.pid}), store {env['HUDDLE_DB']}")
    return p, url


def timed(argv, cwd, env):
    """(exit code, wall ms, CPU ms of the process: user + system, stderr)."""
    t0 = time.perf_counter_ns()
    p = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = (time.perf_counter_ns() - t0) / 1e6
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, wall, (usage.ru_utime + usage.ru_stime) * 1000, err.decode(errors="replace")


def run_bench(args, java, remote_java, work, env, url):
    remote = {**env, "HUDDLE_URL": url}   # no HUDDLE_TOKEN: the local discovery credential, as `serve` users get
    # (label, argv, expected exit): the file rows use src/a.py, the server rows src/b.py, so both do the
    # same work in every round (lock, bob's denied check, a message, unlock).
    def commands(path):
        return [("lock", ["lock", path, "--agent", "alice"], 0),
                ("check", ["check", path, "--agent", "bob"], 2),
                ("send", ["send", "bob", "hello", "--agent", "alice"], 0),
                ("unlock", ["unlock", path, "--agent", "alice"], 0)]
    # Users run bin/huddle: on the file it starts the JVM on the store; through a server on this
    # machine it is the thin client (no JVM); "jvm" is the JVM client through the same server
    # (HUDDLE_THIN=0, as a server on another machine is reached), for comparison.
    launcher = [os.path.join(args.root, "bin", "huddle")]
    no_build = {"HUDDLE_NO_BUILD": "1"}
    rows = []
    for (label, file_argv, ok), (_, thin_argv, _), (_, jvm_argv, _) in zip(
            commands("src/a.py"), commands("src/b.py"), commands("src/c.py")):
        rows.append((label, "file", launcher + file_argv, {**env, **no_build}, ok))
        rows.append((label, "server", launcher + thin_argv, {**remote, **no_build}, ok))
        rows.append((label, "jvm", remote_java + jvm_argv, remote, ok))
    wall = {(label, where): [] for label, where, *_ in rows}
    cpu = {(label, where): [] for label, where, *_ in rows}
    surprises = {}
    total = args.warmup + args.runs
    print(f"load:    {load()} before")
    print(f"\n{len(rows)} rows x {args.runs} runs (+{args.warmup} warm-up rounds), interleaved ...", flush=True)
    for i in range(total):
        for label, where, argv, e, ok in rows:
            code, ms, cpu_ms, err = timed(argv, work, e)
            if code != ok and (label, where) not in surprises:
                surprises[(label, where)] = (code, err.strip().splitlines()[0] if err.strip() else "")
            if i >= args.warmup:
                wall[(label, where)].append(ms)
                cpu[(label, where)].append(cpu_ms)
        if sys.stdout.isatty():
            print(f"\r  round {i + 1}/{total}", end="", flush=True)
    if sys.stdout.isatty():
        print()
    print(f"load:    {load()} after\n")
    print(f"{'command':<10} {'file ms':>8} {'server ms':>10} {'ratio':>7} {'file CPU':>9} {'server CPU':>11}"
          f" {'CPU ratio':>10} {'jvm ms':>7} {'jvm ratio':>10}   target <= {TARGET_RATIO}x")
    print("-" * 102)
    for label in dict.fromkeys(label for label, *_ in rows):
        f, s, j = wall[(label, "file")], wall[(label, "server")], wall[(label, "jvm")]
        fc, sc = cpu[(label, "file")], cpu[(label, "server")]
        note = ""
        for where in ("file", "server", "jvm"):
            if (label, where) in surprises:
                code, line = surprises[(label, where)]
                note += f"  [{where} exit {code}: {line[:50]}]"
        print(f"{label:<10} {median(f):>8.1f} {median(s):>10.1f} {median(s) / median(f):>6.2f}x {median(fc):>9.1f}"
              f" {median(sc):>11.1f} {median(sc) / median(fc):>9.2f}x {median(j):>7.1f} {median(j) / median(f):>9.2f}x{note}")
    print("-" * 102)
    print("ms: wall time of the cold process, median; CPU: its user + system time, median (the server's own"
          " work is not in it). file: bin/huddle on the store file; server: bin/huddle with HUDDLE_URL (the"
          " thin client); jvm: the JVM client through the same server. ratio: server / file.")
    warn_if_busy()



if __name__ == "__main__":
    main()
