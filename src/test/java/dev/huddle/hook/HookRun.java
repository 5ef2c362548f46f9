package dev.huddle.hook;

import dev.huddle.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * One {@code huddle ...} run in-process through {@link Main#execute}, as an agent program would
 * start it in the repository: no HUDDLE_* or session variables unless given, stdin as given.
 */
record HookRun(int code, String out, String err) {

    static HookRun in(Path repo, Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, env, repo, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new HookRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** stdout with every "<duration> left" replaced by "<T> left": the only part that moves with the clock. */
    String stable() {
        return out.replaceAll("[0-9]+[hms][0-9hms]* left", "<T> left");
    }

    /** A recorded payload (src/test/resources/hook-payloads) with its {@code /repo} moved to {@code repo}. */
    static String payload(String program, String file, Path repo) {
        String resource = "/hook-payloads/" + program + "/" + file;
        try (InputStream in = HookRun.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\"/repo", "\"" + repo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON string's body as jackson-jr writes it. */
    static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t");
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
