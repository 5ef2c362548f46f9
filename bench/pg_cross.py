#!/usr/bin/env python3
"""huddle serve on PostgreSQL: cross-server event latency, throughput at 50 agents, connections opened.

Run through bench/pg-cross.sh; bench/README.md says how to read the output. Two `huddle serve`
processes on one fresh database. (a) A sender posts messages one at a time through server A to an
agent whose SSE stream is open on server B; latency is from the send call's start to the event
parsed on B (one process, one clock). (b) bench/HttpLoad.java `ops` (lock, send, unlock, 50 agents
with keep-alive connections) through server A: closed loop (capacity) after --load-warmup seconds of
the same load (the server's C2 compilations done, as in a server that has run a while), then paced at
--goal requests/s in all, latency from when each request was due. (c) During the closed loop of (b),
pg_stat_database.sessions (sessions
ever established to the database) is read at the start and end; the two psql sessions reading it
may be counted too, so the figure is an upper bound on what the servers (pools, listeners) opened.
Over the same window as the server's CPU (the closed loop, its warm-up included), what each request
cost PostgreSQL: its CPU (every process of the cluster, from /proc: only when it runs on this
machine) and, where pg_stat_statements is loaded and its view exists in the admin database, the
statements executed and their execution time. Over the paced run, what the rest of the machine
used (its busy time less that of the servers, the cluster, the generator and this script): another
process's burst delays the server as much as the server's own work does.
"""

import argparse
import http.client
import json
import os
import resource
import secrets
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from urllib.parse import urlparse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import clean_env, java_command, percentile, warn_if_busy, workspace  # noqa: E402
from serverbench import WARMUP_WHY, Server, cli, load, load_generator  # noqa: E402

ADMIN = os.environ.get("HUDDLE_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
WAIT_FOR_EACH = 10.0


def psql(url, sql):
    r = subprocess.run(["psql", url, "-Atc", sql], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.exit(f"pg-cross: psql failed: {r.stderr.decode(errors='replace').strip()}")
    return r.stdout.decode().strip()


@contextmanager
def scratch_database(keep):
    """A new database huddle_bench_<random> on ADMIN's server, as (its URL, its name), dropped
    afterwards unless keep."""
    name = "huddle_bench_" + secrets.token_hex(4)
    psql(ADMIN, f"CREATE DATABASE {name}")
    try:
        yield f"{ADMIN.rsplit('/', 1)[0]}/{name}", name
    finally:
        if not keep:
            psql(ADMIN, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def try_psql(url, sql):
    """psql's answer, or None when it fails (a view or a setting this server does not have)."""
    r = subprocess.run(["psql", url, "-Atc", sql], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return r.stdout.decode().strip() if r.returncode == 0 else None


def proc_stat(pid):
    """The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, [11] utime, [12] stime,
    [13] cutime, [14] cstime (clock ticks)."""
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()


def cluster_cpu():
    """CPU seconds of the local PostgreSQL cluster so far: the postmaster, its live children and the
    children it reaped (ended backends). None where the cluster is not on this machine."""
    data = try_psql(ADMIN, "SHOW data_directory")
    try:
        with open(os.path.join(data, "postmaster.pid")) as f:
            postmaster = int(f.readline())
        own = proc_stat(postmaster)
        ticks = sum(int(own[i]) for i in (11, 12, 13, 14))
        for entry in os.listdir("/proc"):
            if entry.isdigit() and int(entry) != postmaster:
                try:
                    st = proc_stat(entry)
                except OSError:
                    continue   # ended meanwhile
                if int(st[1]) == postmaster:
                    ticks += int(st[11]) + int(st[12])
        return ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, TypeError, ValueError):
        return None


def statements(name):
    """(statements executed, ms executing) in database name so far, from pg_stat_statements; None without it."""
    # Asked first, so that a server without the view logs no error for each run of the benchmark.
    if try_psql(ADMIN, "SELECT to_regclass('pg_stat_statements') IS NOT NULL") != "t":
        return None
    row = try_psql(ADMIN, "SELECT coalesce(sum(calls), 0) || ' ' || coalesce(sum(total_exec_time), 0) FROM "
                          f"pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '{name}')")
    return tuple(float(x) for x in row.split()) if row else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True)
    ap.add_argument("-n", "--messages", type=int, default=300, help="measured messages for (a) (default 300)")
    ap.add_argument("--warmup", type=int, default=30, help="messages sent first and not counted (default 30)")
    ap.add_argument("--agents", type=int, default=50, help="concurrent agents for (b) (default 50)")
    ap.add_argument("--seconds", type=float, default=15, help="measured seconds of (b) (default 15)")
    ap.add_argument("--load-warmup", type=float, default=75,
                    help=f"unmeasured seconds of load before (b) (default 75: {WARMUP_WHY})")
    ap.add_argument("--goal", type=float, default=2000, help="requests per second in all for (b)'s paced run, spread "
                    "evenly over the agents (default 2000, the issue's goal; 0 skips it)")
    ap.add_argument("--paced-warmup", type=float, default=10, help="unmeasured seconds of (b)'s paced run first "
                    "(default 10: the load generator is a new JVM, which spends its first seconds compiling)")
    ap.add_argument("--keep", action="store_true", help="keep the temp directory and the database")
    args = ap.parse_args()
    with scratch_database(args.keep) as (db, name), workspace("huddle-pg-cross-", args.keep) as work:
        print(f"store:   {db} (created for this run)")
        run(args, work, db, name)
    warn_if_busy()


def run(args, work, db, name):
    env = clean_env()
    env["HUDDLE_DB"] = db
    java = java_command(os.path.join(args.root, "bin", "huddle"),
                        {**env, "HUDDLE_NO_BUILD": os.environ.get("HUDDLE_NO_BUILD", "")})
    cli(java, work, env, "init", "--no-agents-md")
    agents = [f"a{i}" for i in range(1, args.agents + 1)] + ["sender", "watcher"]
    with ThreadPoolExecutor(2) as pool:   # every call is a cold JVM, and the machine has few cores
        list(pool.map(lambda a: cli(java, work, env, "register", a), agents))
        tokens = dict(pool.map(lambda a: (a, cli(java, work, env, "token", "issue", "--agent", a).strip()), agents))
    path = os.path.join(work, "tokens.txt")
    with open(path, "w") as f:
        for agent in agents[:args.agents]:
            f.write(f"{agent} {tokens[agent]}\n")
    os.chmod(path, 0o600)
    with Server(args.root, work, env) as a, Server(args.root, work, env) as b:
        print(f"load:    {load()} before")
        cross_latency(urlparse(a.url), urlparse(b.url), tokens, args)
        print(f"load:    {load()} after (a)")
        before = int(psql(db, f"SELECT sessions FROM pg_stat_database WHERE datname = '{name}'"))
        database_before = database_use(name)
        started = time.monotonic()
        out = load_generator(args.root, java, "ops", "--url", a.url, "--tokens", path, "--agents", str(args.agents),
                             "--seconds", str(args.seconds), "--warmup", str(args.load_warmup), server=a)
        elapsed = time.monotonic() - started
        database_after = database_use(name)
        after = int(psql(db, f"SELECT sessions FROM pg_stat_database WHERE datname = '{name}'"))
        print("\n(b) lock + send + unlock through server A, HttpLoad ops, closed loop (capacity):")
        print(out, end="")
        print_database_cost(out, database_before, database_after)
        if args.goal > 0:
            print(f"    paced at {args.goal:g} requests/s in all (latency from when each was due):")
            ours_before, busy_before, paced_started = ours(a, b), machine_busy(), time.monotonic()
            database_before = database_use(name)
            out = load_generator(args.root, java, "ops", "--url", a.url, "--tokens", path, "--agents", str(args.agents),
                                 "--rate", str(args.goal / args.agents), "--seconds", str(args.seconds),
                                 "--warmup", str(args.paced_warmup), server=a)
            print(out, end="")
            # Per request, PostgreSQL costs more paced than in the closed loop: smaller batches share less.
            print_database_cost(out, database_before, database_use(name))
            print_rest(ours_before, ours(a, b), busy_before, machine_busy(), time.monotonic() - paced_started)
        # The two psql sessions that read the counter may be in the difference too (PostgreSQL counts a
        # session when its statistics are flushed, within a second): the figure is an upper bound.
        opened = after - before
        print(f"\n(c) connections opened during (b)'s closed loop: at most {opened} in {elapsed:.1f} s = {opened / elapsed:.2f}/s "
              f"(pg_stat_database.sessions; includes up to 2 psql sessions of this benchmark)")
        print(f"    sessions now: {psql(db, 'SELECT application_name, count(*) FROM pg_stat_activity WHERE datname = current_database() GROUP BY 1 ORDER BY 1').replace(chr(10), ', ')}")
        print(f"load:    {load()} after (b)")
    print("goals: (a) p99 <= 100 ms; (b) >= 2,000 ops/s with p99 < 20 ms; (c) flat (no connection per request)")


def machine_busy():
    """CPU seconds the machine has been busy so far, every core and every process (and the kernel's
    own work), from /proc/stat; None where there is no /proc/stat."""
    try:
        with open("/proc/stat") as f:
            ticks = [int(x) for x in f.readline().split()[1:9]]   # user … steal
    except (OSError, ValueError):
        return None
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")   # less idle and iowait


def ours(a, b):
    """CPU seconds of this benchmark's processes so far: the two servers, the PostgreSQL cluster, the
    load generator and psql (children waited for) and this script; None when one cannot be read."""
    own, waited = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    parts = [a.cpu_seconds(), b.cpu_seconds(), cluster_cpu(),
             own.ru_utime + own.ru_stime + waited.ru_utime + waited.ru_stime]
    return None if None in parts else sum(parts)


def print_rest(ours_before, ours_after, busy_before, busy_after, seconds):
    """What the rest of the machine used while the paced run ran: a burst of another process there
    (on these machines, the RabbitMQ broker starts an Erlang VM every minute) delays the server's
    threads as much as its own work does, and shows here rather than in the server's figures."""
    if None in (ours_before, ours_after, busy_before, busy_after):
        return
    # Both sides are counted in clock ticks, process by process: a tenth of a second either way is noise.
    rest = max(0.0, (busy_after - busy_before) - (ours_after - ours_before))
    print(f"         the rest of the machine: {rest:.1f} s of CPU in these {seconds:.0f} s, to a tenth of a second (other "
          f"processes, the kernel's own work; the machine was busy {busy_after - busy_before:.1f} s of "
          f"{seconds * (os.cpu_count() or 1):.0f})")


def database_use(name):
    """What PostgreSQL has used so far: (the cluster's CPU seconds, (statements, ms executing) in
    database name, the cluster's WAL segment files), each None where it cannot be read."""
    return cluster_cpu(), statements(name), wal_files()


def wal_files():
    """How many WAL segment files the cluster has (pg_ls_waldir, a superuser's or pg_monitor's). A
    file created, rather than an old one renamed for reuse, is 16 MB written and flushed in the path
    of the commit that needs it (tens of ms here): PostgreSQL keeps old ones for reuse up to
    min_wal_size. None where it cannot be listed."""
    row = try_psql(ADMIN, "SELECT count(*) FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$'")
    return int(row) if row else None


def print_database_cost(out, before, after):
    """What PostgreSQL spent per request sent in the load generator's window (warm-up included, as the
    server CPU line beside it), from two database_use readings."""
    cpu_before, statements_before, wal_before = before
    cpu_after, statements_after, wal_after = after
    sent = next((int(w.split("=")[1]) for w in out.split() if w.startswith("sent=")), 0)
    if sent == 0:
        return
    if wal_before is not None and wal_after is not None:
        print(f"         WAL segment files added: {wal_after - wal_before} (each one created, not reused: 16 MB written and "
              "flushed in a commit's path; bench/README.md)")
    if cpu_before is not None and cpu_after is not None:
        print(f"         PostgreSQL CPU {cpu_after - cpu_before:.1f} s: {(cpu_after - cpu_before) * 1000 / sent:.2f} ms "
              "per request (the whole cluster, from /proc)")
    else:
        print("         PostgreSQL CPU: not measured (the cluster is not on this machine, or its files are not readable)")
    if statements_before is not None and statements_after is not None:
        calls, ms = (after - before for after, before in zip(statements_after, statements_before))
        print(f"         PostgreSQL statements: {calls / sent:.2f} per request, {ms * 1000 / sent:.0f} µs executing "
              "(pg_stat_statements)")
    else:
        print("         PostgreSQL statements: not counted (load pg_stat_statements and create its view in the admin "
              "database to count them)")


def cross_latency(a, b, tokens, args):
    total = args.warmup + args.messages
    received = {}
    arrived = threading.Condition()
    stop = threading.Event()
    failures = []

    def follow():
        try:
            conn = http.client.HTTPConnection(b.hostname, b.port, timeout=60)
            conn.request("GET", "/api/v1/messages/watch", headers={"Authorization": "Bearer " + tokens["watcher"],
                                                                   "Accept": "text/event-stream"})
            resp = conn.getresponse()
            if resp.status != 200:
                failures.append(f"the SSE stream answered {resp.status}")
                return
            while not stop.is_set():
                line = resp.readline()
                if not line:
                    return
                if line.startswith(b"data: "):
                    now = time.perf_counter()
                    with arrived:
                        received.setdefault(int(json.loads(line[6:])["message"]["body"]), now)
                        arrived.notify_all()
        except (OSError, http.client.HTTPException) as e:
            if not stop.is_set():
                failures.append(repr(e))
                with arrived:
                    arrived.notify_all()

    threading.Thread(target=follow, daemon=True).start()
    time.sleep(0.5)   # the stream open and waiting on B before the first send
    sender = http.client.HTTPConnection(a.hostname, a.port, timeout=30)
    sent = {}
    for i in range(total):
        payload = json.dumps({"request": {"to": ["watcher"], "body": str(i), "importance": "NORMAL", "ackRequired": False}})
        sent[i] = time.perf_counter()
        sender.request("POST", "/api/v1/messages/send", body=payload,
                       headers={"Authorization": "Bearer " + tokens["sender"], "Content-Type": "application/json"})
        resp = sender.getresponse()
        answer = resp.read()
        if resp.status != 200:
            sys.exit(f"pg-cross: send answered {resp.status}: {answer[:300]!r}")
        deadline = time.perf_counter() + WAIT_FOR_EACH
        with arrived:
            while i not in received:
                if failures:
                    sys.exit("pg-cross: the SSE follower failed: " + "; ".join(failures))
                left = deadline - time.perf_counter()
                if left <= 0:
                    sys.exit(f"pg-cross: message {i} did not reach server B's stream within {WAIT_FOR_EACH}s")
                arrived.wait(left)
    stop.set()
    ms = [(received[i] - sent[i]) * 1000 for i in range(args.warmup, total)]
    print(f"\n(a) send through A -> SSE event on B, {args.messages} messages after {args.warmup} warm-up, one at a time:")
    print(f"    p50 {percentile(ms, 50):.2f} ms   p90 {percentile(ms, 90):.2f} ms   p99 {percentile(ms, 99):.2f} ms"
          f"   max {max(ms):.2f} ms")


if __name__ == "__main__":
    main()
