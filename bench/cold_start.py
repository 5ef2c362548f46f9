#!/usr/bin/env python3
"""Cold-process benchmark of huddle's hot commands against a python3 + sqlite3 baseline.

Run through bench/cold-start.sh (it finds the JDK and builds first); bench/README.md says how to
read the output. Every measured run is a fresh process; the commands are interleaved round by
round, so drift in the machine's speed hits every row alike.
"""

import argparse
import os
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import clean_env, java_command, median, percentile, warn_if_busy, workspace  # noqa: E402

TARGET_RATIO = 1.8

# The baseline: a real python3 process started cold each run. It gets the statements ready-made
# (built once from the live schema below), so it pays only what a small python tool would pay:
# interpreter start, `import sqlite3`, open, the same pragmas huddle sets, and one
# BEGIN IMMEDIATE transaction with a select and two inserts.
BASELINE = r"""
import sqlite3, sys
db, select, insert_lease, insert_event = sys.argv[1:5]
c = sqlite3.connect(db, isolation_level=None)
c.execute("pragma busy_timeout=5000")
c.execute("pragma foreign_keys=on")
c.execute("pragma synchronous=normal")
c.execute("begin immediate")
c.execute(select).fetchall()
c.execute(insert_lease)
c.execute(insert_event)
c.execute("commit")
c.close()
"""

# A Claude Code PreToolUse payload (shape as recorded in shared/reference/hook-payloads).
HOOK_PAYLOAD = """{{"session_id": "00000000-0000-4000-8000-00000000b0b0",
 "transcript_path": "/tmp/none.jsonl", "cwd": "{cwd}", "permission_mode": "acceptEdits",
 "hook_event_name": "PreToolUse", "tool_name": "Edit",
 "tool_input": {{"file_path": "{cwd}/src/a.py", "old_string": "a", "new_string": "b",
 "replace_all": false}}, "tool_use_id": "toolu_bench"}}"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True, help="the huddle checkout (has bin/huddle)")
    ap.add_argument("-n", "--runs", type=int, default=30, help="measured runs per command (default 30)")
    ap.add_argument("--warmup", type=int, default=2, help="unmeasured rounds first (default 2)")
    ap.add_argument("--keep", action="store_true", help="keep the temp directory")
    args = ap.parse_args()

    launcher = os.path.join(args.root, "bin", "huddle")
    with workspace("huddle-bench-", args.keep) as work:
        env = clean_env()
        env["HUDDLE_DB"] = os.path.join(work, "huddle.db")
        os.makedirs(os.path.join(work, "src"))
        run_bench(args, launcher, work, env)


def run_bench(args, launcher, work, env):
    java_cmd = java_command(launcher, env)
    python = os.path.realpath(sys.executable)   # not a pyenv shim: a real cold interpreter
    print(f"python:  {python} {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}")
    print(f"store:   {env['HUDDLE_DB']}")

    def huddle(*a, stdin=None):
        return subprocess.run([launcher, *a], cwd=work, env=env, input=stdin,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    for setup in (["init"], ["register", "alice"], ["register", "bob"]):
        r = huddle(*setup)
        if r.returncode != 0:
            sys.exit(f"cold-start: `huddle {' '.join(setup)}` failed (exit {r.returncode}):\n"
                     + r.stderr.decode(errors="replace"))
    # One real lease and event to copy the baseline's rows from.
    r = huddle("lock", "src/template.py", "--agent", "alice")
    if r.returncode != 0:
        sys.exit("cold-start: `huddle lock src/template.py --agent alice` failed:\n" + r.stderr.decode(errors="replace"))

    statements, notes = baseline_statements(env["HUDDLE_DB"])
    for n in notes:
        print("note:    " + n)

    hook_stdin = HOOK_PAYLOAD.format(cwd=work).encode()
    hook_free = HOOK_PAYLOAD.format(cwd=work).replace("src/a.py", "src/free.py").encode()
    # A hook answers exit 0 whether it allows, denies or reports a failure: its stdout tells them apart,
    # and a row whose answer is not the expected one is flagged like a wrong exit code.
    answers = {"hook claude pre-tool-use deny": lambda out: b'"permissionDecision":"deny"' in out
               and b"is leased by alice" in out,
               "hook claude pre-tool-use allow": lambda out: out == b""}
    # (label, argv after the program, expected exit codes, stdin)
    commands = [
        ("lock", ["lock", "src/a.py", "--agent", "alice"], {0}, None),
        ("check", ["check", "src/a.py", "--agent", "bob"], {2}, None),
        ("hook claude pre-tool-use deny", ["hook", "claude", "pre-tool-use", "--agent", "bob"], {0}, hook_stdin),
        ("hook claude pre-tool-use allow", ["hook", "claude", "pre-tool-use", "--agent", "bob"], {0}, hook_free),
        ("unlock", ["unlock", "src/a.py", "--agent", "alice"], {0}, None),
        ("send", ["send", "bob", "hello", "--agent", "alice"], {0}, None),
        ("heartbeat", ["heartbeat", "--agent", "alice"], {0}, None),
    ]
    # Skip what the CLI does not have yet (usage error 64 or an "unknown command" message).
    available = []
    for label, argv, ok, stdin in commands:
        r = subprocess.run(java_cmd + argv, cwd=work, env=env, input=stdin,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        err = r.stderr.decode(errors="replace").strip()
        if r.returncode == 64 or (r.returncode not in ok and "unknown" in err.lower()):
            print(f"skip:    `huddle {' '.join(argv)}` (not in the CLI yet: exit {r.returncode}: {first_line(err)})")
            continue
        if label == "lock":
            # leave the store as every round starts it: src/a.py free
            subprocess.run(java_cmd + ["unlock", "src/a.py", "--agent", "alice"], cwd=work, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        available.append((label, argv, ok, stdin))

    # Runs: (row key, argv list, expected exit codes, stdin). Order inside a round keeps the
    # semantics right: lock before check/hook (denied for bob: src/a.py; src/free.py stays free), unlock after them.
    runs = [("python3 baseline", [python, "-c", BASELINE, env["HUDDLE_DB"], *statements], {0}, None)]
    for label, argv, ok, stdin in available:
        runs.append((f"{label} (java)", java_cmd + argv, ok, stdin))
    for label, argv, ok, stdin in available:
        runs.append((f"{label} (bin/huddle)", [launcher] + argv, ok, stdin))

    times = {key: [] for key, *_ in runs}
    surprises = {}
    total = args.warmup + args.runs
    load = os.getloadavg()[0]
    if load > 0.75 * (os.cpu_count() or 1):
        print(f"warning: 1-minute load is {load:.1f} before starting; expect noisy numbers")
    print(f"\n{len(runs)} commands x {args.runs} runs (+{args.warmup} warm-up rounds), interleaved ...",
          flush=True)
    for i in range(total):
        for key, argv, ok, stdin in runs:
            t0 = time.perf_counter_ns()
            r = subprocess.run(argv, cwd=work, env=env, input=stdin,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            dt = (time.perf_counter_ns() - t0) / 1e6
            want = answers.get(key.rsplit(" (", 1)[0])
            wrong = want is not None and not want(r.stdout)
            if (r.returncode not in ok or wrong) and key not in surprises:
                surprises[key] = (r.returncode, first_line(r.stderr.decode(errors="replace"))
                                  or ("unexpected answer: " + first_line(r.stdout.decode(errors="replace"))))
            if i >= args.warmup:
                times[key].append(dt)
        if sys.stdout.isatty():
            print(f"\r  round {i + 1}/{total}", end="", flush=True)
    if sys.stdout.isatty():
        print()

    report(runs, times, surprises)
    warn_if_busy()


def report(runs, times, surprises):
    base = median(times["python3 baseline"])
    print()
    print(f"{'command':<44} {'median ms':>10} {'p90 ms':>8} {'x baseline':>11}  target <= {TARGET_RATIO}x")
    print("-" * 88)
    misses = 0
    for key, *_ in runs:
        med, p90 = median(times[key]), percentile(times[key], 90)
        ratio = med / base
        if key == "python3 baseline":
            verdict = "(baseline)"
        elif ratio <= TARGET_RATIO:
            verdict = "ok"
        else:
            verdict = "MISS"
            misses += 1
        if key in surprises:
            verdict += f"  [exit {surprises[key][0]}: {surprises[key][1][:40]}]"
        print(f"{key:<44} {med:>10.1f} {p90:>8.1f} {ratio:>10.2f}x  {verdict}")
    print("-" * 88)
    launcher_cost = [median(times[k]) - median(times[k.replace("(bin/huddle)", "(java)")])
                     for k, *_ in runs if k.endswith("(bin/huddle)")]
    if launcher_cost:
        print(f"bin/huddle adds {median(launcher_cost):.1f} ms (median over commands of launcher - java)")
    print(f"{misses} command(s) over the {TARGET_RATIO}x target" if misses else
          f"all commands within {TARGET_RATIO}x of the python3 baseline")


def baseline_statements(db):
    """Builds the baseline's SELECT and two INSERTs from the store's live schema.

    The inserted rows copy the newest real lease and event (so every NOT NULL, CHECK and foreign
    key is satisfied the way huddle satisfies it), with the row id left to SQLite, unique integer
    columns given fresh negative values (never colliding with huddle's own positive ids or fencing
    tokens) and unique text columns a random suffix; the copied lease is for another path and is
    marked released or expired where the schema has such a column, so it never conflicts with the
    commands being measured.
    """
    notes = []
    c = sqlite3.connect(db)
    tables = dict(c.execute("select name, sql from sqlite_master where type = 'table'").fetchall())
    for t in ("leases", "events"):
        if t not in tables:
            sys.exit(f"cold-start: the store has no `{t}` table (tables: {', '.join(sorted(tables))})")
    lease_cols = columns(c, "leases")
    res = pick(lease_cols, ("resource", "pattern", "path"))
    holder = pick(lease_cols, ("holder", "agent", "owner"))
    released = pick(lease_cols, ("released",))
    expires = pick(lease_cols, ("expires", "expiry", "until"))

    def int_typed(col):
        return "INT" in lease_cols[col]["type"]

    # `released` as a flag (0/1) or as a time that is null while live
    released_flag = bool(released) and int_typed(released) and not released.lower().endswith("_at")
    where = []
    if res:
        where.append(f"{res} = 'src/a.py'")
    if holder:
        where.append(f"{holder} <> 'alice'")
    if released:
        where.append(f"{released} = 0" if released_flag else f"{released} is null")
    if expires:
        where.append(f"{expires} > {int(time.time() * 1000)}" if int_typed(expires)
                     else f"{expires} > '{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}'")
    select = "select * from leases" + (" where " + " and ".join(where) if where else "")
    if not res:
        notes.append("leases has no resource/path column I recognise; the baseline selects every lease")

    # the copied lease: another path, and not live, so it never conflicts with what is measured
    overrides = {}
    if res:
        overrides[res] = "'src/python-baseline.py'"
    if released:
        overrides[released] = "1" if int_typed(released) else "'1970-01-01T00:00:00Z'"
    elif expires:
        overrides[expires] = "1" if int_typed(expires) else "'1970-01-01T00:00:00Z'"
    insert_lease = copy_newest(c, "leases", lease_cols, overrides)
    insert_event = copy_newest(c, "events", columns(c, "events"), {})
    c.close()
    return [select, insert_lease, insert_event], notes


def columns(c, table):
    cols = {}
    for _cid, name, typ, _notnull, _default, pk in c.execute(f"pragma table_info({table})"):
        cols[name] = {"type": (typ or "").upper(), "pk": pk, "unique": False}
    for _seq, index, unique, *_ in c.execute(f"pragma index_list({table})"):
        if unique:
            info = c.execute(f"pragma index_info({index})").fetchall()
            if len(info) == 1 and info[0][2] in cols:
                cols[info[0][2]]["unique"] = True
    pks = [n for n, v in cols.items() if v["pk"]]
    for n in pks:
        cols[n]["rowid"] = len(pks) == 1 and cols[n]["type"] == "INTEGER"
        cols[n]["unique"] = cols[n]["unique"] or len(pks) == 1
    return cols


def pick(cols, hints):
    for hint in hints:
        for name in cols:
            if hint in name.lower():
                return name
    return None


def copy_newest(c, table, cols, overrides):
    row = c.execute(f"select * from {table} order by rowid desc limit 1").fetchone()
    if row is None:
        sys.exit(f"cold-start: `{table}` is empty after `huddle lock`; cannot shape the baseline insert")
    names, values = [], []
    for (name, info), value in zip(cols.items(), row):
        if info.get("rowid"):
            continue
        names.append(name)
        if name in overrides:
            values.append(overrides[name])
        elif info["unique"] and isinstance(value, int):
            values.append(f"(select min(0, coalesce(min({name}), 0)) - 1 from {table})")
        elif info["unique"] and isinstance(value, str):
            values.append(f"{quote(value)} || '-py-' || hex(randomblob(6))")
        else:
            values.append(quote(value))
    return f"insert into {table} ({', '.join(names)}) values ({', '.join(values)})"


def quote(v):
    if v is None:
        return "null"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, bytes):
        return "x'" + v.hex() + "'"
    return "'" + str(v).replace("'", "''") + "'"






def first_line(text):
    text = text.strip()
    return text.splitlines()[0] if text else ""


if __name__ == "__main__":
    main()
