package dev.huddle.cli;

import dev.huddle.app.Coordinator;
import dev.huddle.boot.CommandLines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The CLI inside {@code huddle serve}, for the launcher's thin client (docs/decisions.md, "The
 * launcher's thin client"): {@link Main#execute} on the server's coordinator as the request's
 * credential sees it, so a command line prints and exits exactly as the CLI does, by running the
 * same code. What runs here is what runs through a server anyway: not {@link Placement}'s local
 * commands, nor the {@link #SESSIONS} ({@code watch}, {@code mcp}), which stay in the client's process.
 */
public final class ServedCommandLines implements CommandLines {

    /**
     * Commands that hold a session with the client's terminal rather than answer once: {@code watch}
     * streams events until stopped, {@code mcp} serves MCP on the client's own stdin and stdout.
     */
    static final java.util.Set<String> SESSIONS = java.util.Set.of("watch", "mcp");

    @Override
    public boolean servable(List<String> argv, boolean withStdin) {
        List<String> line = Main.commandFirst(argv);
        if (line.isEmpty()) {
            return false;
        }
        String command = line.getFirst();
        if (Placement.local(command) || SESSIONS.contains(command)) {
            return false;
        }
        // A hook reads its payload, and "-" asks for standard input (Invocation.text): only with the client's.
        boolean reads = hook(argv) || line.stream().anyMatch(word -> word.equals("-") || word.endsWith("=-"));
        return !reads || withStdin;
    }

    @Override
    public boolean hook(List<String> argv) {
        List<String> line = Main.commandFirst(argv);
        return !line.isEmpty() && line.getFirst().equals("hook");
    }

    @Override
    public Ran run(List<String> argv, Path cwd, Map<String, String> env, byte[] stdin, Coordinator coordinator,
                   boolean tokenNamesAgent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, false, StandardCharsets.UTF_8)) {
            code = Main.execute(argv.toArray(String[]::new), env, cwd, new java.io.ByteArrayInputStream(stdin), o, e,
                    new Invocation.Served(coordinator, tokenNamesAgent));
        }
        return new Ran(code, out.toByteArray(), err.toByteArray());
    }
}
