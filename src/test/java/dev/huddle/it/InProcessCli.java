package dev.huddle.it;

import dev.huddle.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One CLI command run by the real CLI code in this JVM ({@link Main#execute}), for worker processes
 * that loop over many commands at the cost of one JVM start ({@link FaultWorker},
 * {@link ClaimRaceIT.Worker}): the result is a map of exit {@code code} and what it printed
 * ({@code out}, {@code err}), ready to be written as one JSON line.
 */
final class InProcessCli {

    private InProcessCli() {}

    static Map<String, Object> run(Map<String, String> env, Path cwd, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, env, cwd, InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("code", code);
        result.put("out", out.toString(StandardCharsets.UTF_8));
        result.put("err", err.toString(StandardCharsets.UTF_8));
        return result;
    }
}
