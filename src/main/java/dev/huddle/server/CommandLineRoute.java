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
 * <p>Standard input, for a line that reads it (a hook's payload, a {@code -} argument), follows the
 * JSON object in the body: its last {@value #STDIN_HEADER} bytes. A hook line is answered through
 * this server's hook routes, with this request's credential (never one named in the line).
 *
 * <p>Only for clients on the server's machine ({@link #fromThisMachine}), 403 otherwise. A line
 * the server does not run (a command of the client's own files, a stream, standard input not
 * sent, a working directory this process cannot see) is 400 before anything runs: the launcher
 * then runs the JVM client, which does the same work. Every answer with the exit header is a
 * command that ran, whatever its exit code.
 */
final class CommandLineRoute {

    static final String PATH = Operations.PREFIX + "/run";
    static final String EXIT_HEADER = "Huddle-Exit";
    static final String STDOUT_HEADER = "Huddle-Stdout-Bytes";
    /** The request's last N bytes are the line's standard input, after its JSON object. */
    static final String STDIN_HEADER = "Huddle-Stdin-Bytes";
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
        byte[] raw = request.body();
        int stdinBytes = stdinBytes(request, raw.length);
        Map<String, Object> body = line(raw, raw.length - stdinBytes);
        byte[] stdin = java.util.Arrays.copyOfRange(raw, raw.length - stdinBytes, raw.length);
        List<String> argv = words(body.get("argv"));
        Path cwd = directory(body.get("cwd"));
        Map<String, String> env = environment(body.get("env"));
        if (cli == null || !cli.servable(argv, request.header(STDIN_HEADER).isPresent())) {
            throw new ApiError(ErrorCode.BAD_INPUT, "the server does not run this command line (a command of the "
                    + "client's own files, a stream, or standard input it was not sent): run it in the client");
        }
        // This server as the client reached it (the Host header passed the allow-list).
        URI self = URI.create("http://" + request.header("Host").orElse("localhost"));
        URI url = named(env.get(dev.huddle.boot.ServerTarget.URL_VARIABLE), self);
        // The credential is the request's, never one the client names in the line's environment.
        env.remove(dev.huddle.boot.ServerTarget.TOKEN_VARIABLE);
        if (cli.hook(argv)) {
            // A hook here is answered by this server's hook routes as the command hook's forwarded call
            // (HookMain, ServerHook): with this request's credential, to this server, whatever --url said.
            argv = withoutUrl(argv);
            env.put(dev.huddle.boot.ServerTarget.URL_VARIABLE, self.toString());
            env.put(dev.huddle.boot.ServerTarget.TOKEN_VARIABLE, bearer(request));
        }
        ServedCoordinator coordinator = new ServedCoordinator(dispatch, caller, request, url, false);
        CommandLines.Ran ran = cli.run(argv, cwd, env, stdin, coordinator, !caller.isLocal());
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

    private static int stdinBytes(ApiRequest request, int total) {
        String text = request.header(STDIN_HEADER).orElse("0").strip();
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= total) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new ApiError(ErrorCode.BAD_INPUT, STDIN_HEADER + " '" + text + "' is not a byte count within the body");
    }

    private static Map<String, Object> line(byte[] raw, int length) {
        String text = new String(raw, 0, length, java.nio.charset.StandardCharsets.UTF_8);
        try {
            return dev.huddle.json.Json.readObject(text);
        } catch (IllegalArgumentException e) {
            throw new ApiError(ErrorCode.BAD_INPUT, "the command line is not a JSON object: " + e.getMessage());
        }
    }

    /**
     * What the client calls this server, for messages worded as the remote client words them: its
     * {@code HUDDLE_URL}, else the address it connected to (a hook named the server with {@code --url}).
     */
    private static URI named(String url, URI self) {
        if (url == null || url.isBlank()) {
            return self;
        }
        try {
            return URI.create(url.strip());
        } catch (IllegalArgumentException malformed) {
            return self;
        }
    }

    /** The line without {@code --url URL} or {@code --url=URL}. */
    private static List<String> withoutUrl(List<String> argv) {
        List<String> kept = new ArrayList<>(argv.size());
        for (int i = 0; i < argv.size(); i++) {
            String word = argv.get(i);
            if (word.equals("--")) {
                kept.addAll(argv.subList(i, argv.size()));
                break;
            }
            if (word.equals("--url")) {
                i++;
            } else if (!word.startsWith("--url=")) {
                kept.add(word);
            }
        }
        return kept;
    }

    private static String bearer(ApiRequest request) {
        String header = request.header("Authorization").orElse("");
        return header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
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
            return new LinkedHashMap<>();
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
