package dev.huddle.boot;

import dev.huddle.app.Coordinator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The CLI as {@code huddle serve} runs it for the launcher's thin client (docs/decisions.md, "The
 * launcher's thin client"): a command line, its working directory and environment in; what it
 * printed and its exit code out. The CLI implements it; the server face sees only this interface.
 */
public interface CommandLines {

    /** What one command line printed, and how it exited. */
    record Ran(int exitCode, byte[] stdout, byte[] stderr) {}

    /**
     * Whether the server may run this line: a command of the store, not one of this machine's files
     * (those run in the client's process), not a stream; one that reads standard input (a hook,
     * a {@code -} argument) only when the client sent it ({@code withStdin}). Decided before
     * anything runs, so a refused line may run elsewhere unchanged.
     */
    boolean servable(List<String> argv, boolean withStdin);

    /** Whether the line is a hook ({@code huddle hook PROGRAM …}), which the server answers through its own hook routes. */
    boolean hook(List<String> argv);

    /**
     * Runs {@code huddle ARGV} as a process in {@code cwd} with {@code env} would, on {@code coordinator}
     * (the server's store as the request's credential sees it), with {@code stdin} on standard input.
     *
     * @param tokenNamesAgent the credential is an issued token, which names the acting agent; otherwise
     *                        it is the local operator's, acting as {@code --agent} or {@code HUDDLE_AGENT}
     */
    Ran run(List<String> argv, Path cwd, Map<String, String> env, byte[] stdin, Coordinator coordinator,
            boolean tokenNamesAgent);
}
