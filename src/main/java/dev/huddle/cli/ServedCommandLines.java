package dev.huddle.cli;

import dev.huddle.app.Coordinator;
import dev.huddle.boot.CommandLines;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The CLI inside {@code huddle serve}, for the launcher's thin client (docs/decisions.md, "The
 * launcher's thin client"): {@link Main#execute} on the server's coordinator as the request's
 * credential sees it, so a command line prints and exits exactly as the CLI does, by running the
 * same code. What runs here is what runs through a server anyway (not {@link Placement}'s local
 * commands); a hook, {@code watch} (a stream) and standard input stay in the client's process.
 */
public final class ServedCommandLines implements CommandLines {

    @Override
    public boolean servable(List<String> argv) {
        List<String> line = Main.commandFirst(argv);
        if (line.isEmpty()) {
            return false;
        }
        String command = line.getFirst();
        if (Placement.local(command) || command.equals("hook") || command.equals("watch")
                || command.equals("help") && line.size() > 1 && line.get(1).equals("hook")) {
            return false;
        }
        // "-" asks for standard input, which the client keeps (Invocation.text).
        return line.stream().noneMatch(word -> word.equals("-") || word.endsWith("=-"));
    }

    @Override
    public Ran run(List<String> argv, Path cwd, Map<String, String> env, Coordinator coordinator, boolean tokenNamesAgent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, false, StandardCharsets.UTF_8)) {
            code = Main.execute(argv.toArray(String[]::new), env, cwd, InputStream.nullInputStream(), o, e,
                    new Invocation.Served(coordinator, tokenNamesAgent));
        }
        return new Ran(code, out.toByteArray(), err.toByteArray());
    }
}
