package dev.huddle.boot;

import dev.huddle.app.Coordinator;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;

/**
 * What {@code huddle mcp} asks of the MCP face, which lives in the server's jar with the MCP SDK
 * and is loaded only then ({@link ServerClasses#mcp()}): the CLI sees this interface, never an
 * MCP class.
 */
public interface McpBoot {

    /**
     * One stdio session.
     *
     * @param coordinator the store (local or through a server) the tools act on
     * @param agent       the agent named by {@code --agent}/{@code HUDDLE_AGENT}; empty: the session
     *                    registers its own on first use, as the hooks do
     * @param version     the version to report in {@code initialize}
     * @param in          JSON-RPC in (the client's stdin to us)
     * @param out         JSON-RPC out; nothing else may be written there
     * @param log         diagnostics
     */
    record Stdio(Coordinator coordinator, Optional<String> agent, String version, InputStream in, OutputStream out,
                 PrintStream log, Clock clock) {}

    /** Serves MCP over stdio until the client closes its end; returns the exit status. */
    int runStdio(Stdio session);
}
