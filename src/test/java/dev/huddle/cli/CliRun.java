package dev.huddle.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs {@link Main#execute} in-process with captured streams, as a process would see them. */
record CliRun(int code, String out, String err) {

    static CliRun withStdin(Path repo, String stdin, String... args) {
        return in(repo, Map.of("HUDDLE_DB", repo.resolve(".huddle/huddle.db").toString()), stdin, args);
    }

    /** With {@code home} as HOME, for commands that touch the user's own settings (install, status). */
    static CliRun withHome(Path repo, Path home, String... args) {
        return in(repo, Map.of("HOME", home.toString(), "HUDDLE_DB", repo.resolve(".huddle/huddle.db").toString()), "", args);
    }

    /** With more environment variables (HUDDLE_URL, HUDDLE_TOKEN, …) besides the store's HUDDLE_DB. */
    static CliRun withEnv(Path repo, Map<String, String> extra, String... args) {
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("HUDDLE_DB", repo.resolve(".huddle/huddle.db").toString());
        return in(repo, env, "", args);
    }

    private static CliRun in(Path repo, Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, env, repo, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static CliRun run(Path repo, String... args) {
        return withStdin(repo, "", args);
    }
}
