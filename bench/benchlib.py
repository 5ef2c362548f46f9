"""What the benchmark scripts share: the exact JVM command bin/huddle runs, a scratch
workspace, an environment without the caller's Huddle identity, the statistics, and a probe of how
fast the machine's CPUs ran."""

import os
import shutil
import subprocess
import tempfile
import threading
import time
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


class SpeedProbe:
    """How fast the machine's CPUs ran while a measurement ran: every `every` seconds a fixed unit of
    work (a loop of the interpreter's own) is timed in this thread's CPU time, which leaves out waiting
    for a core. On these virtual machines the same unit, under the same benchmark load, cost twice as
    much CPU time in some runs as in others, with no steal time reported: at times the host gives the
    machine's virtual CPUs less of its cores, and every process's work then costs more CPU time
    (bench/README.md). A run's figures compare with another's only at a similar speed."""

    UNIT = 20_000

    def __init__(self, every=0.2):
        self.every = every
        self.costs = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()

    def _run(self):
        while not self.stop.wait(self.every):
            started = time.thread_time()
            x = 0
            for i in range(self.UNIT):
                x += i * i
            self.costs.append((time.thread_time() - started) * 1000)

    def summary(self):
        """One line: the unit's median and p90 CPU time over the run, and how many times it ran."""
        if not self.costs:
            return "CPU speed: not sampled"
        return (f"CPU speed: a fixed unit of work took a median {median(self.costs):.2f} ms of CPU, p90 "
                f"{percentile(self.costs, 90):.2f} ms ({len(self.costs)} samples; lower is faster: about 1.0 ms in a "
                f"fast run on these machines, bench/README.md)")
