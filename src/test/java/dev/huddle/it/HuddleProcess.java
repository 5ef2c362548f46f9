package dev.huddle.it;

import java.util.concurrent.CompletableFuture;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged CLI as a real OS process: {@code java -jar huddle.jar ARGS} in a working
 * directory, with an environment cleared of the caller's Huddle and agent-session variables, so
 * every test sees only the store and identity it names. Every run is bounded by a timeout; a
 * process that outlives it is killed and the run fails with what it printed so far.
 *
 * <p>The jar comes from the system property {@code huddle.jar}, else {@code target/huddle.jar} under
 * {@code huddle.root} (the project directory, else the working directory).
 * When the build wrote an AOT cache ({@code huddle.aot}) newer than the jar, it is used, as
 * {@code bin/huddle} does; an older cache would run stale classes (JDK-8377932).
 */
record HuddleProcess(Path cwd, Map<String, String> env, List<String> prefix, Duration timeout, boolean launcher) {

    /** The outcome of one run: exit code and the complete standard output and error. */
    record Result(int exitCode, String stdout, String stderr) {

        /** Non-empty lines of standard error. */
        List<String> stderrLines() {
            return stderr.lines().filter(line -> !line.isBlank()).toList();
        }

        /** Standard output parsed as one JSON object. */
        Map<String, Object> json() {
            try {
                return JSON.std.mapFrom(stdout);
            } catch (IOException e) {
                throw new AssertionError("stdout is not a JSON object: " + this, e);
            }
        }

        /** The list of JSON objects under {@code key} of {@link #json()}. */
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jsonList(String key) {
            return (List<Map<String, Object>>) json().get(key);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + abbreviate(stdout) + "\n--- stderr\n" + abbreviate(stderr);
        }

        private static String abbreviate(String text) {
            return text.length() <= 4_000 ? text : text.substring(0, 4_000) + "... (" + text.length() + " chars)";
        }
    }

    static final Duration DEFAULT_TIMEOUT = TestTiming.scaled(Duration.ofSeconds(60));

    private static final List<String> VM_OPTIONS =
            List.of("--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    HuddleProcess {
        env = Map.copyOf(env);
        prefix = List.copyOf(prefix);
    }

    /** A runner working in {@code cwd}, with no store or identity chosen yet. */
    static HuddleProcess in(Path cwd) {
        return new HuddleProcess(cwd, Map.of(), List.of(), DEFAULT_TIMEOUT, false);
    }

    HuddleProcess withEnv(String name, String value) {
        Map<String, String> more = new HashMap<>(env);
        more.put(name, value);
        return new HuddleProcess(cwd, more, prefix, timeout, launcher);
    }

    /** Uses the store file {@code db} (through {@code HUDDLE_DB}). */
    HuddleProcess withDb(Path db) {
        return withEnv("HUDDLE_DB", db.toString());
    }

    /** Uses the store {@code db}: a file path or a PostgreSQL URL (through {@code HUDDLE_DB}). */
    HuddleProcess withDb(String db) {
        return withEnv("HUDDLE_DB", db);
    }

    /** Acts as {@code agent} (through {@code HUDDLE_AGENT}). */
    HuddleProcess as(String agent) {
        return withEnv("HUDDLE_AGENT", agent);
    }

    /** Starts the JVM through a wrapper command, e.g. {@code unshare -m sh -c SCRIPT}. */
    HuddleProcess wrappedIn(List<String> wrapper) {
        return new HuddleProcess(cwd, env, wrapper, timeout, launcher);
    }

    /** Runs {@code huddle ARGS} with standard input closed. */
    Result run(String... args) {
        return run(null, args);
    }

    /** Runs {@code huddle ARGS} with {@code stdin} as standard input ({@code null}: closed). */
    Result run(byte[] stdin, String... args) {
        try {
            return await(builder(args).start(), stdin, String.join(" ", args));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start huddle " + String.join(" ", args), e);
        }
    }

    /**
     * Starts {@code huddle ARGS} and returns at once, for a process that runs until stopped
     * ({@code serve}); the caller reads its streams and must end it.
     */
    Process start(String... args) {
        try {
            return builder(args).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start huddle " + String.join(" ", args), e);
        }
    }

    /** Starts {@code huddle ARGS} with its standard input a pipe the caller writes ({@code huddle mcp}). */
    Process open(String... args) {
        try {
            return builder(args).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start huddle " + String.join(" ", args), e);
        }
    }

    /**
     * Runs {@code bin/huddle ARGS} instead of the JVM directly, as users do: what the launcher does
     * before or instead of starting the JVM is then in the test (the thin client). It never builds.
     */
    HuddleProcess throughLauncher() {
        return new HuddleProcess(cwd, env, prefix, timeout, true).withEnv("HUDDLE_NO_BUILD", "1");
    }

    private ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(prefix);
        if (launcher) {
            command.add(jar().getParent().resolveSibling("bin").resolve("huddle").toString());
        } else {
            command.addAll(javaCommand());
        }
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().keySet().removeIf(HuddleProcess::isCallerIdentityOrStore);
        builder.environment().putAll(env);
        return builder;
    }

    /**
     * The first line a started process prints on stdout (what {@code huddle serve} prints: its URL),
     * read within {@code wait}; null when the process ends first. Read byte by byte, so nothing
     * after the line is taken from a reader the caller opens later.
     */
    static String firstLine(Process process, Duration wait) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                InputStream in = process.getInputStream();
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                for (int b = in.read(); b != '\n'; b = in.read()) {
                    if (b < 0) {
                        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                    }
                    line.write(b);
                }
                return line.toString(StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                return null;
            }
        }, command -> Thread.ofVirtual().start(command)).get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Result await(Process process, byte[] stdin, String description) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        Thread outReader = Thread.ofVirtual().start(() -> drain(process.getInputStream(), out));
        Thread errReader = Thread.ofVirtual().start(() -> drain(process.getErrorStream(), err));
        Thread feeder = Thread.ofVirtual().start(() -> feed(process.getOutputStream(), stdin));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("huddle " + description + " did not finish within " + timeout
                        + "; stderr so far: " + text(err));
            }
            for (Thread reader : List.of(feeder, outReader, errReader)) {
                reader.join(Duration.ofSeconds(10));
            }
            return new Result(process.exitValue(), text(out), text(err));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running huddle " + description, e);
        }
    }

    private static List<String> javaCommand() {
        Path jar = jar();
        Path aot = jar.resolveSibling("huddle.aot");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(VM_OPTIONS);
        if (isNewer(aot, jar)) {
            // -Xshare:auto together with -XX:AOTCache stops the JVM from starting: one or the other.
            command.addAll(List.of("-XX:AOTCache=" + aot, "-Xlog:disable", "-Xlog:all=warning:stderr"));
        } else {
            command.add("-Xshare:auto");
        }
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    static Path jar() {
        Path fallback = Path.of(System.getProperty("huddle.root", "."), "target", "huddle.jar");
        Path jar = Path.of(System.getProperty("huddle.jar", fallback.toString())).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run 'mvn package' first (or set -Dhuddle.jar)");
        }
        return jar;
    }

    private static boolean isNewer(Path file, Path than) {
        try {
            return Files.isRegularFile(file)
                    && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(than)) > 0;
        } catch (IOException e) {
            return false; // no usable cache: run without it
        }
    }

    private static boolean isCallerIdentityOrStore(String name) {
        return name.startsWith("HUDDLE_") || name.endsWith("_SESSION_ID");
    }

    private static void drain(InputStream in, ByteArrayOutputStream sink) {
        try (in) {
            in.transferTo(sink);
        } catch (IOException e) {
            // The process was killed after a timeout; what was read so far is reported.
        }
    }

    private static void feed(OutputStream in, byte[] stdin) {
        try (in) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // The process may refuse a large input and exit before reading it all: a broken pipe
            // here is expected, and its exit code and stderr are what the test asserts.
        }
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
