"""What the benchmark scripts share: the exact JVM command bin/huddle runs, a scratch
workspace, an environment without the caller's Huddle identity, and the statistics."""

import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager


def clean_env():
    """The environment minus anything that would name a Huddle store or agent."""
    return {k: v for k, v in os.environ.items() if not k.startswith("HUDDLE_") and not k.endswith("_SESSION_ID")}


def java_command(launcher, env, *argv):
    """The java command line bin/huddle would exec for argv (it builds the jar first when stale); the
    JVM's options depend on the command (`serve` runs on C2, every other command on C1 alone)."""
    printed = subprocess.run([launcher, *argv], env={**env, "HUDDLE_LAUNCHER_PRINT": "1"},
                             stdout=subprocess.PIPE, check=True).stdout
    cmd = printed.decode().split("\0")[:-1]
    print("JVM:     " + " ".join(cmd))
    return cmd


@contextmanager
def workspace(prefix, keep):
    """A temporary directory, removed afterwards unless keep."""
    work = tempfile.mkdtemp(prefix=prefix)
    try:
        yield work
    finally:
        if keep:
            print(f"\nkept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def median(xs):
    s = sorted(xs)
    n = len(s)
    return (s[n // 2] + s[(n - 1) // 2]) / 2


def percentile(xs, p):
    s = sorted(xs)
    k = max(0, min(len(s) - 1, -(-len(s) * p // 100) - 1))   # nearest rank
    return s[int(k)]


def load():
    """The machine's load averages, for the lines that say how busy it was around a measurement."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def warn_if_busy():
    load = os.getloadavg()[0]
    if load > 0.75 * (os.cpu_count() or 1):
        print(f"warning: the machine was busy (1-minute load {load:.1f} on {os.cpu_count()} cores): "
              "other work shares the cores, so these numbers are noisy; run again when idle")
