"""What the server benchmarks share: a temp store with agents and their tokens, a running
`huddle serve` on it, the machine's load, and running the Java load generator (HttpLoad.java)."""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from benchlib import SpeedProbe, clean_env, java_command, load  # noqa: F401 (load: for the server benchmarks)


# Why the server benchmarks load a server for a while before measuring it (their --warmup's help).
WARMUP_WHY = ("a long-running server's figure, its C2 compilations done, past the first minute, when each token's last "
              "use is written again: the first such write deoptimises the batch loop's compiled code once")


def prepare(root, work, agents, extra=(), db=None):
    """A store for work (a SQLite file in it, or db: a PostgreSQL URL) with the given agents (+ extra ones,
    no token); returns (java, env, tokens file)."""
    launcher = os.path.join(root, "bin", "huddle")
    env = clean_env()
    env["HUDDLE_DB"] = db or os.path.join(work, "huddle.db")
    os.makedirs(os.path.join(work, "src"), exist_ok=True)
    # The .sh wrapper sets HUDDLE_NO_BUILD when the jar exists: the launcher then only prints its command.
    java = java_command(launcher, {**env, "HUDDLE_NO_BUILD": os.environ.get("HUDDLE_NO_BUILD", "")})
    cli(java, work, env, "init")

    def register(agent):
        cli(java, work, env, "register", agent)

    def issue(agent):
        return agent, cli(java, work, env, "token", "issue", "--agent", agent).strip()

    # Two at a time: every call is a cold JVM, and the machine has few cores.
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(register, [*agents, *extra]))
        tokens = list(pool.map(issue, agents))
    path = os.path.join(work, "tokens.txt")
    with open(path, "w") as f:
        for agent, token in tokens:
            f.write(f"{agent} {token}\n")
    os.chmod(path, 0o600)
    return java, env, path


def remote_java(root, env, url):
    """The JVM command bin/huddle runs for a command through the server at url (its own cache and options)."""
    launcher = os.path.join(root, "bin", "huddle")
    return java_command(launcher, {**env, "HUDDLE_NO_BUILD": os.environ.get("HUDDLE_NO_BUILD", ""), "HUDDLE_URL": url})


def cli(java, work, env, *argv):
    r = subprocess.run(java + list(argv), cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.exit(f"`huddle {' '.join(argv)}` failed (exit {r.returncode}): {r.stderr.decode(errors='replace').strip()}")
    return r.stdout.decode()


class Server:
    """`huddle serve` on a free loopback port of the store, run with the JVM options bin/huddle gives
    `serve` (not a command's), stopped (SIGTERM) on exit."""

    def __init__(self, root, work, env):
        self.log = open(os.path.join(work, "serve.log"), "wb")
        launcher = os.path.join(root, "bin", "huddle")
        java = java_command(launcher, {**env, "HUDDLE_NO_BUILD": os.environ.get("HUDDLE_NO_BUILD", "")}, "serve")
        extra = os.environ.get("BENCH_SERVER_OPTS", "").split()
        # [..., -jar, huddle.jar, serve]: extra JVM options go before -jar.
        self.process = subprocess.Popen(java[:-3] + extra + java[-3:] + ["--bind", "127.0.0.1:0"], cwd=work, env=env,
                                        stdout=subprocess.PIPE, stderr=self.log)
        self.url = self.process.stdout.readline().decode().strip()
        while self.url.startswith("["):   # a JVM log line (e.g. JFR's, with BENCH_SERVER_OPTS) before the URL
            self.url = self.process.stdout.readline().decode().strip()
        if not self.url.startswith("http"):
            self.process.kill()
            sys.exit(f"`huddle serve` printed no URL (got {self.url!r}); see {work}/serve.log")
        print(f"server:  {self.url} (pid {self.process.pid})")

    def __enter__(self):
        return self

    def cpu_seconds(self):
        """The server process's CPU time so far (user + system), from /proc; None where there is none."""
        try:
            with open(f"/proc/{self.process.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return None

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=60)
        self.log.close()


def load_generator(root, java, *args, server=None):
    """Runs bench/HttpLoad.java with the JDK of `java` (source launcher); returns its output, plus the
    server's CPU time per request (warm-up included on both sides) when `server` is given."""
    jdk_java = java[0]
    before = server.cpu_seconds() if server else None
    with SpeedProbe() as speed:
        r = subprocess.run([jdk_java, "-XX:+UseSerialGC", *os.environ.get("BENCH_LOAD_OPTS", "").split(), os.path.join(root, "bench", "HttpLoad.java"), *args],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.exit("HttpLoad failed: " + r.stderr.decode(errors="replace"))
    out = r.stdout.decode()
    after = server.cpu_seconds() if server else None
    if before is not None and after is not None:
        requests = total_requests(out)
        if requests:
            out += f"         server CPU {after - before:.1f} s: {(after - before) * 1000 / requests:.2f} ms per request\n"
    return out + f"         {speed.summary()}\n"


def total_requests(out):
    for word in out.split():
        if word.startswith("sent="):
            return int(word[5:])
    return 0
