package dev.huddle.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training workload for the JVM's AOT cache ({@code target/huddle.aot}), run by {@code mvn
 * package} (pom.xml, execution {@code aot-cache}) as
 * {@code java -XX:AOTCacheOutput=target/huddle.aot ... -cp target/huddle.jar dev.huddle.cli.AotTraining}.
 *
 * <p>Every class the steps below load is stored in the cache already parsed and linked, so a real
 * {@code huddle} process that runs the same code starts faster. A command missing here still works
 * but pays full class loading: add each new hot command (hooks in particular) to {@link #STEPS}.
 *
 * <p>The steps run in a fresh temp directory against a fresh store ({@code HUDDLE_DB}), in-process
 * through {@link Main#execute}, with their output discarded. A step whose exit code differs from the
 * one it expects fails the training, and with it the build, loudly: a cache trained on error paths
 * would quietly slow the real commands down. {@code -Dhuddle.skipAot=true} skips the training.
 */
public final class AotTraining {

    /**
     * One command line, the exit code it must end with (0 ok, 1 error, 2 denied, 3 not ready) and
     * what it reads on standard input ({@code null}: nothing).
     */
    record Step(int expectedExit, String stdin, List<String> args) {

        static Step expect(int exit, String... args) {
            return new Step(exit, null, List.of(args));
        }

        static Step withInput(int exit, String stdin, String... args) {
            return new Step(exit, stdin, List.of(args));
        }
    }

    /**
     * The workload, in order: each step sees the store the steps before it left. The hot
     * per-tool-call commands (lock, unlock, check, send, heartbeat, hooks) matter most.
     * Hook payloads are recorded ones (AotHookPayloads); {@code @CWD@} in a step's input is replaced
     * by the training's directory, so their paths land inside its repository.
     * Global options follow the command name ({@code huddle lock src/a.py --agent alice}).
     */
    static final Step[] STEPS = {
        Step.expect(0, "init"),
        Step.expect(0, "register", "alice"),
        Step.expect(0, "register", "bob"),
        Step.expect(0, "lock", "src/a.py", "--agent", "alice"),
        Step.expect(2, "check", "src/a.py", "--agent", "bob"),
        Step.expect(2, "lock", "src/a.py", "--agent", "bob"),
        // Contended agents start a waiting JVM per lock --wait: its loop is trained too (times out: exit 3).
        Step.expect(3, "lock", "src/a.py", "--wait", "1s", "--agent", "bob"),
        Step.expect(0, "send", "bob", "hi", "--agent", "alice"),
        Step.expect(0, "inbox", "--agent", "bob"),
        Step.expect(0, "recv", "--agent", "bob"),
        Step.expect(0, "heartbeat", "--epoch", "1", "--agent", "alice"),
        Step.expect(3, "frontier", "--epoch", "0", "--agent", "alice"),
        Step.expect(0, "heartbeat", "--epoch", "1", "--agent", "bob"),
        Step.expect(0, "frontier", "--epoch", "0", "--agent", "alice"),
        Step.expect(0, "lock", "src/b.py", "--agent", "alice", "--json"),
        Step.expect(2, "check", "src/b.py", "--agent", "bob", "--json"),
        Step.expect(0, "check", "src/b.py", "--agent", "alice"),
        Step.expect(0, "check", "src/b.py", "--agent", "alice", "--json"),
        Step.expect(2, "lock", "src/b.py", "--agent", "bob", "--json"),
        Step.expect(0, "send", "bob", "hi again", "--agent", "alice", "--json"),
        Step.expect(0, "unlock", "src/a.py", "--agent", "alice"),
        Step.expect(0, "check", "src/a.py", "--agent", "bob"),
        Step.expect(0, "locks", "--agent", "alice"),
        Step.expect(0, "agents", "--agent", "alice"),
        Step.expect(0, "status", "--agent", "alice"),
        Step.expect(0, "log", "--agent", "alice"),
        // The work board: the claim path is hot (agents poll ready / claim-next between tasks).
        Step.expect(0, "task", "new", "Parser", "--file", "src/parser.py", "--agent", "alice"),
        Step.expect(0, "task", "new", "Lexer", "--blocked-by", "T-1", "--priority", "P1", "--agent", "alice"),
        Step.expect(0, "ready"),
        Step.expect(0, "ready", "--json"),
        Step.expect(3, "claim", "T-2", "--agent", "bob"),
        Step.expect(0, "claim-next", "--reserve", "--agent", "bob"),
        Step.expect(2, "claim", "T-1", "--agent", "alice"),
        Step.expect(0, "task", "list", "--json"),
        Step.expect(0, "task", "show", "T-1"),
        Step.expect(0, "done", "T-1", "--agent", "bob"),
        Step.expect(0, "claim-next", "--agent", "alice", "--json"),
        Step.expect(3, "claim-next", "--agent", "bob"),
        Step.expect(0, "queue", "list"),
        // Agent-program hooks, with recorded payloads (AotHookPayloads): pre-tool-use runs before every
        // tool call, so both its answers (free, and held by alice: src/b.py) are trained, for each program.
        Step.withInput(0, AotHookPayloads.CLAUDE_SESSION_START, "hook", "claude", "SessionStart"),
        Step.expect(0, "send", "claude-1", "hello", "--agent", "alice"),
        Step.withInput(0, AotHookPayloads.CLAUDE_PROMPT, "hook", "claude", "user-prompt-submit"),
        Step.withInput(0, AotHookPayloads.CLAUDE_WRITE_HELD, "hook", "claude", "pre-tool-use"),
        Step.withInput(0, AotHookPayloads.CLAUDE_EDIT_HELD, "hook", "claude", "pre-tool-use", "--agent", "bob"),
        Step.withInput(0, AotHookPayloads.CLAUDE_WRITE_FREE, "hook", "claude", "pre-tool-use", "--agent", "bob"),
        Step.withInput(0, AotHookPayloads.CLAUDE_BASH_HELD, "hook", "claude", "PreToolUse"),
        Step.withInput(0, AotHookPayloads.CLAUDE_POST_WRITE, "hook", "claude", "post-tool-use"),
        Step.expect(0, "send", "claude-1", "before you stop", "--agent", "alice"),
        Step.withInput(0, AotHookPayloads.CLAUDE_STOP, "hook", "claude", "stop"),
        Step.withInput(0, AotHookPayloads.CLAUDE_SESSION_END, "hook", "claude", "session-end"),
        Step.withInput(0, AotHookPayloads.CODEX_PATCH_HELD, "hook", "codex", "pre-tool-use"),
        Step.withInput(0, AotHookPayloads.CODEX_BASH, "hook", "codex", "pre-tool-use"),
        Step.withInput(0, AotHookPayloads.GEMINI_WRITE_HELD, "hook", "gemini", "BeforeTool"),
        Step.withInput(0, AotHookPayloads.GEMINI_SHELL, "hook", "gemini", "BeforeTool"),
    };

    /**
     * The hot commands through a running {@code huddle serve} ({@code HUDDLE_URL}, the local
     * discovery credential), for the remote CLI's own cache ({@code target/huddle-remote.aot},
     * {@code --remote}; bin/huddle uses it when HUDDLE_URL is set): RemoteCoordinator, the HTTP
     * client and the JSON codec, and nothing of the store, so the cache a remote command maps and
     * links at start is about half the size (docs/decisions.md, "Remote cold start"). The store is
     * set up and served by child processes, so none of their classes go into this cache.
     */
    static final Step[] REMOTE_STEPS = {
        Step.expect(0, "lock", "src/r.py", "--agent", "alice"),
        Step.expect(2, "lock", "src/r.py", "--agent", "bob"),
        Step.expect(2, "check", "src/r.py", "--agent", "bob"),
        Step.expect(0, "check", "src/free.py", "--agent", "bob"),
        Step.expect(0, "check", "src/r.py", "--agent", "alice", "--json"),
        Step.expect(0, "send", "bob", "hi over http", "--agent", "alice"),
        Step.expect(0, "heartbeat", "--agent", "bob"),
        Step.expect(0, "inbox", "--agent", "bob"),
        Step.expect(0, "recv", "--agent", "bob"),
        Step.expect(0, "unlock", "src/r.py", "--agent", "alice"),
        Step.expect(0, "lock", "src/r.py", "--agent", "bob", "--json"),
        Step.expect(0, "unlock", "src/r.py", "--agent", "bob", "--json"),
        Step.expect(0, "locks", "--agent", "alice"),
        Step.expect(0, "status", "--agent", "alice"),
        Step.expect(0, "ready"),
        // Command hooks through the server (HookMain forwards with HUDDLE_URL): Codex, Gemini and Cursor
        // start one per tool call. src/b.py held by alice, so the held payloads are refused.
        Step.expect(0, "lock", "src/b.py", "--agent", "alice"),
        Step.withInput(0, AotHookPayloads.CODEX_PATCH_HELD, "hook", "codex", "pre-tool-use", "--agent", "bob"),
        Step.withInput(0, AotHookPayloads.CODEX_BASH, "hook", "codex", "pre-tool-use", "--agent", "bob"),
        Step.withInput(0, AotHookPayloads.GEMINI_WRITE_HELD, "hook", "gemini", "BeforeTool", "--agent", "bob"),
        Step.withInput(0, AotHookPayloads.GEMINI_SHELL, "hook", "gemini", "BeforeTool", "--agent", "bob"),
        Step.withInput(0, AotHookPayloads.CLAUDE_EDIT_HELD, "hook", "claude", "pre-tool-use", "--agent", "bob"),
        Step.withInput(0, AotHookPayloads.CLAUDE_WRITE_FREE, "hook", "claude", "pre-tool-use", "--agent", "bob"),
    };

    /** Environment variables passed through to the steps; everything else (HUDDLE_*, agent-program
     * session ids) would make the training depend on the machine that builds. */
    private static final List<String> PASSED_ENV = List.of("PATH", "HOME", "USER", "LANG", "TZ", "TMPDIR", "XDG_CACHE_HOME");

    private AotTraining() {}

    public static void main(String[] args) throws IOException {
        boolean remote = List.of(args).contains("--remote");
        Main.fastLocaleData(); // as a real run does, so the cache holds the same classes
        if (!remote) {
            dev.huddle.boot.Warmup.start(); // as Main.main does without HUDDLE_URL, so its classes are in the cache too
        }
        Path dir = Files.createTempDirectory("huddle-aot-");
        int failures;
        try {
            failures = remote ? trainRemote(environment(dir), dir) : train(dir);
        } finally {
            deleteTree(dir);
        }
        if (failures > 0) {
            System.err.printf("huddle AOT training: %d of %d steps failed; fix the step list in %s "
                    + "or build with -Dhuddle.skipAot=true%n", failures, remote ? REMOTE_STEPS.length : STEPS.length,
                    AotTraining.class.getName());
            System.exit(1);
        }
        // Explicit: a lingering non-daemon thread must not hang the build.
        System.exit(0);
    }

    /** The steps' environment: a few of the machine's variables, and the store in {@code dir}. */
    private static Map<String, String> environment(Path dir) throws IOException {
        Files.createDirectories(dir.resolve(".huddle"));
        Map<String, String> env = new HashMap<>();
        for (String name : PASSED_ENV) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.put("HUDDLE_DB", dir.resolve("huddle.db").toString());
        return env;
    }

    private static int train(Path dir) throws IOException {
        Map<String, String> stepEnv = Map.copyOf(environment(dir));
        int failures = 0;
        for (Step step : STEPS) {
            if (!run(step, stepEnv, dir)) {
                failures++;
            }
        }
        return failures;
    }

    /** The remote steps against a {@code huddle serve} child on a store its siblings set up; failures count. */
    private static int trainRemote(Map<String, String> env, Path dir) throws IOException {
        for (String[] setup : new String[][] {{"init"}, {"register", "alice"}, {"register", "bob"}}) {
            Process p = child(env, dir, setup).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (waitFor(p) != 0) {
                System.err.println("huddle AOT training: `huddle " + String.join(" ", setup) + "` failed");
                return REMOTE_STEPS.length;
            }
        }
        Process server = child(env, dir, "serve", "--bind", "127.0.0.1:0").start();
        try {
            String url = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            if (url == null || !url.startsWith("http")) {
                System.err.println("huddle AOT training: `huddle serve` did not print its URL (got " + url + ")");
                return REMOTE_STEPS.length;
            }
            Map<String, String> remote = new HashMap<>(env);
            remote.put("HUDDLE_URL", url.strip());
            Map<String, String> stepEnv = Map.copyOf(remote);
            int failures = 0;
            for (Step step : REMOTE_STEPS) {
                if (!run(step, stepEnv, dir)) {
                    failures++;
                }
            }
            return failures;
        } finally {
            server.destroy();
            waitFor(server);
        }
    }

    /** A huddle process beside the training (not recorded in its cache), in {@code dir} with {@code env}. */
    private static ProcessBuilder child(Map<String, String> env, Path dir, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new java.util.ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "-cp", absolute(System.getProperty("java.class.path")),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        b.environment().clear();
        b.environment().putAll(env);
        return b;
    }

    private static int waitFor(Process p) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            return -1;
        }
    }

    /** The class path with every entry absolute: the server child runs in the training's directory. */
    private static String absolute(String classPath) {
        List<String> entries = new java.util.ArrayList<>();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            entries.add(Path.of(entry).toAbsolutePath().toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** Runs one step; on a wrong exit code or an exception, reports it with the step's output. */
    private static boolean run(Step step, Map<String, String> env, Path cwd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = step.stdin() == null
                ? InputStream.nullInputStream()
                : new ByteArrayInputStream(step.stdin().replace("@CWD@", cwd.toString()).getBytes(StandardCharsets.UTF_8));
        String line = "huddle " + String.join(" ", step.args());
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int exit = Main.execute(step.args().toArray(String[]::new), env, cwd, in, o, e);
            if (exit == step.expectedExit()) {
                return true;
            }
            System.err.printf("huddle AOT training: `%s` exited %d, expected %d%n%s%s", line, exit,
                    step.expectedExit(), indent(out), indent(err));
        } catch (RuntimeException | Error t) {
            System.err.printf("huddle AOT training: `%s` threw%n%s", line, indent(err));
            t.printStackTrace();
        }
        return false;
    }

    private static String indent(ByteArrayOutputStream bytes) {
        String text = bytes.toString(StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : "    " + text.replace("\n", "\n    ") + "\n";
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
