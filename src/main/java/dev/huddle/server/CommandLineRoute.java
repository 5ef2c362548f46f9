package dev.huddle.server;

import dev.huddle.api.Operations;
import dev.huddle.app.ErrorCode;
import dev.huddle.boot.CommandLines;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/run}: the launcher's thin client (docs/decisions.md, "The launcher's thin
 * client") sends a command line, its working directory and environment; the server runs the CLI
 * on its own store as the request's credential allows ({@link ServedCoordinator}) and answers what
 * the command printed: {@value #EXIT_HEADER} is its exit code, the body its standard output
 * followed by its standard error, the first {@value #STDOUT_HEADER} bytes being the output.
 *
 * <p>Only for clients on the server's machine ({@link #fromThisMachine}), 403 otherwise. A line
 * the server does not run (a command of the client's own files, a hook, a stream,
 * standard input, a working directory this process cannot see) is 400 before anything runs: the
 * launcher then runs the JVM client, which does the same work. Every answer with the exit header
 * is a command that ran, whatever its exit code.
 */
final class CommandLineRoute {

    static final String PATH = Operations.PREFIX + "/run";
    static final String EXIT_HEADER = "Huddle-Exit";
    static final String STDOUT_HEADER = "Huddle-Stdout-Bytes";
    /** Request attribute holding the client's address, as the connection says. */
    static final String PEER_ATTRIBUTE = "dev.huddle.server.peer";
    /** Headers a reverse proxy adds: a request that carries one came from elsewhere through it. */
    private static final List<String> FORWARDING = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP");
    /** More words than any command line takes: a bigger request is not one. */
    static final int MAX_WORDS = 1_000;

    private CommandLineRoute() {}

    /** {@code cli} null: a server without the CLI (tests of the plumbing) refuses every line, and the launcher runs them. */
    static void register(Routes routes, OperationDispatch dispatch, CommandLines cli) {
        routes.post(PATH, request -> run(request, dispatch, cli));
    }

    static Reply run(ApiRequest request, OperationDispatch dispatch, CommandLines cli) {
        Caller caller = request.attribute(Caller.ATTRIBUTE).map(Caller.class::cast).orElseThrow(
                () -> new ApiError(ErrorCode.UNAUTHORIZED, "the request is not authenticated"));
        if (!fromThisMachine(request)) {
            throw ApiError.forbidden("the server runs command lines only for clients on its own machine",
                    "use the API's routes, or the CLI with HUDDLE_THIN=0");
        }
        Map<String, Object> body = request.json();
        List<String> argv = words(body.get("argv"));
        Path cwd = directory(body.get("cwd"));
        Map<String, String> env = environment(body.get("env"));
        if (cli == null || !cli.servable(argv)) {
            throw new ApiError(ErrorCode.BAD_INPUT, "the server does not run this command line (a command of the "
                    + "client's own files, a hook, a stream or standard input): run it in the client");
        }
        URI url = URI.create(env.getOrDefault("HUDDLE_URL", "http://" + request.header("Host").orElse("localhost")));
        ServedCoordinator coordinator = new ServedCoordinator(dispatch, caller, request, url, false);
        CommandLines.Ran ran = cli.run(argv, cwd, env, coordinator, !caller.isLocal());
        byte[] both = new byte[ran.stdout().length + ran.stderr().length];
        System.arraycopy(ran.stdout(), 0, both, 0, ran.stdout().length);
        System.arraycopy(ran.stderr(), 0, both, ran.stdout().length, ran.stderr().length);
        return new Reply(200, new Replies.Bytes("application/octet-stream", both), Map.of(
                EXIT_HEADER, Integer.toString(ran.exitCode()), STDOUT_HEADER, Integer.toString(ran.stdout().length)));
    }

    /**
     * Whether the request comes from this machine: a loopback peer, not relayed by a reverse proxy.
     * A line runs on this machine's files (paths, settings), which a client elsewhere does not share,
     * and a token holder elsewhere must not get to name directories here.
     */
    static boolean fromThisMachine(ApiRequest request) {
        if (FORWARDING.stream().anyMatch(h -> request.header(h).isPresent())) {
            return false;
        }
        String peer = request.attribute(PEER_ATTRIBUTE).map(String.class::cast).orElse("");
        if (peer.startsWith("[") && peer.endsWith("]")) {
            peer = peer.substring(1, peer.length() - 1);
        }
        try {
            return java.net.InetAddress.ofLiteral(peer).isLoopbackAddress();
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
    }

    private static List<String> words(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_WORDS) {
            throw new ApiError(ErrorCode.BAD_INPUT, "'argv' must be a list of 1 to " + MAX_WORDS + " strings");
        }
        List<String> words = new ArrayList<>(list.size());
        for (Object word : list) {
            if (!(word instanceof String s)) {
                throw new ApiError(ErrorCode.BAD_INPUT, "'argv' must hold strings only");
            }
            words.add(s);
        }
        return words;
    }

    private static Path directory(Object value) {
        try {
            if (value instanceof String text && Path.of(text).isAbsolute() && Files.isDirectory(Path.of(text))) {
                return Path.of(text);
            }
        } catch (InvalidPathException e) {
            // Reported below.
        }
        throw new ApiError(ErrorCode.BAD_INPUT, "'cwd' must be an absolute directory that the server sees: "
                + "run the command in the client when the server is on another machine");
    }

    private static Map<String, String> environment(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ApiError(ErrorCode.BAD_INPUT, "'env' must be an object of strings");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String v)) {
                throw new ApiError(ErrorCode.BAD_INPUT, "'env' must be an object of strings");
            }
            env.put((String) e.getKey(), v);
        }
        return env;
    }
}
