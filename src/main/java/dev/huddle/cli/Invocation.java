package dev.huddle.cli;

import dev.huddle.app.Coordinator;
import dev.huddle.boot.Runtime;
import dev.huddle.boot.ServerTarget;
import dev.huddle.boot.StoreLocation;
import dev.huddle.cli.args.ParsedArgs;
import dev.huddle.core.HuddleException;
import dev.huddle.core.Settings;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.time.DurationText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of one command: its parsed arguments, output, environment, and the coordinator,
 * opened only when the command first asks for it.
 */
public final class Invocation implements AutoCloseable {

    /** Environment variables through which agent programs name their session (DESIGN §4.1). */
    static final List<String> SESSION_VARIABLES = List.of("CLAUDE_CODE_SESSION_ID", "GEMINI_SESSION_ID", "CODEX_SESSION_ID");

    private final String command;
    private final ParsedArgs args;
    private final Output out;
    private final Map<String, String> env;
    private final Path cwd;
    private final InputStream in;
    private Runtime runtime;
    private Coordinator coordinator;
    private Optional<ServerTarget> server;
    /** The coordinator when this run is inside a server (a launcher's command line); else null. */
    private final Served served;

    /**
     * A run inside {@code huddle serve} (ServedCommandLines): the server's store as the request's
     * credential sees it, and whether that credential is an issued token, which names the agent.
     */
    record Served(Coordinator coordinator, boolean tokenNamesAgent) {}

    Invocation(String command, ParsedArgs args, Output out, Map<String, String> env, Path cwd, InputStream in) {
        this(command, args, out, env, cwd, in, null);
    }

    Invocation(String command, ParsedArgs args, Output out, Map<String, String> env, Path cwd, InputStream in,
               Served served) {
        this.command = command;
        this.args = args;
        this.out = out;
        this.env = env;
        this.cwd = cwd;
        this.in = in;
        this.served = served;
    }

    public ParsedArgs args() {
        return args;
    }

    public Output out() {
        return out;
    }

    public Path cwd() {
        return cwd;
    }

    /** An environment variable of the run, empty when unset or blank. */
    public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    public boolean dryRun() {
        return args.has(GlobalOptions.DRY_RUN);
    }

    public Runtime runtime() {
        if (runtime == null) {
            runtime = Runtime.discover(cwd, env, args.value(GlobalOptions.DB).orElse(null));
        }
        return runtime;
    }

    /** Where the store is, without reading huddle.toml (which a command through the server never needs). */
    private StoreLocation storeLocation() {
        return runtime != null ? runtime.location()
                : StoreLocation.resolve(cwd, env, args.value(GlobalOptions.DB).orElse(null));
    }

    public Settings settings() {
        return runtime().settings();
    }

    public Coordinator coordinator() {
        if (coordinator == null && served != null) {
            coordinator = dryRun() ? served.coordinator().rehearsing() : served.coordinator();
        }
        if (coordinator == null) {
            Optional<ServerTarget> server = server();
            if (server.isEmpty()) {
                coordinator = runtime().open(dryRun());
            } else {
                coordinator = dryRun() ? server.get().open().rehearsing() : server.get().open();
            }
        }
        return coordinator;
    }

    /** Whether this command goes through a huddle server rather than the store file. */
    public boolean throughServer() {
        return served != null || server().isPresent();
    }

    /** The server this command goes through: none for a command that works on local files (Placement). */
    private Optional<ServerTarget> server() {
        if (server == null) {
            server = Placement.local(command) ? Optional.empty()
                    : ServerTarget.of(env, () -> storeLocation().stateDir());
        }
        return server;
    }

    /** The acting agent if one is named: --agent, HUDDLE_AGENT, or an agent program's session. */
    public Optional<AgentId> caller() {
        Optional<String> named = args.value(GlobalOptions.AGENT).or(() -> Optional.ofNullable(env.get("HUDDLE_AGENT")))
                .filter(s -> !s.isBlank());
        if (named.isPresent()) {
            return Optional.of(AgentId.of(named.get()));
        }
        for (String variable : SESSION_VARIABLES) {
            String session = env.get(variable);
            if (session != null && !session.isBlank()) {
                Optional<AgentId> bound = coordinator().agents().agentForSession(session);
                if (bound.isPresent()) {
                    return bound;
                }
            }
        }
        if (served != null ? served.tokenNamesAgent() : tokenNamesAgent()) {
            // A token names one id: the server binds every caller field to it, so ask it whose (an
            // operator's id need not be a registered agent; what it then does fails as that id's).
            return Optional.of(coordinator().agents().identity(null, false).id());
        }
        return Optional.empty();
    }

    /** Whether this run goes through a server with an issued token (not the local discovery credential). */
    private boolean tokenNamesAgent() {
        Optional<ServerTarget> target = server();
        return target.isPresent() && !target.get().local() && !target.get().token().isEmpty();
    }

    /** The acting agent, required: a command that acts as someone fails (exit 1) without one. */
    public AgentId requireCaller() {
        return caller().orElseThrow(() -> HuddleException.failed("'huddle " + command
                + "' acts as an agent, and none is named: pass --agent ID or set HUDDLE_AGENT "
                + "(register one first with 'huddle register ID')"));
    }

    /** A text argument: the words joined by single spaces, or standard input when it is exactly "-". */
    public String text(List<String> words, int maxBytes, String what) {
        if (words.size() == 1 && words.getFirst().equals("-")) {
            return stdin(maxBytes, what);
        }
        return String.join(" ", words);
    }

    private String stdin(int maxBytes, String what) {
        try {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw HuddleException.invalid(what + " on standard input is over the limit of " + (maxBytes / 1024)
                        + " KiB: shorten it or raise [messages] max_body_kib in huddle.toml");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw HuddleException.failed("cannot read standard input: " + e.getMessage());
        }
    }

    public Optional<Duration> duration(String option, String what) {
        return args.value(option).map(v -> DurationText.parse(v, what));
    }

    public Optional<Long> number(String option) {
        return args.value(option).map(v -> parseNumber(option, v));
    }

    /** A message id as typed: {@code 12} or {@code #12}. */
    public static long messageId(String text) {
        String t = text.startsWith("#") ? text.substring(1) : text;
        long id = parseNumber("message id", t);
        if (id <= 0) {
            throw HuddleException.invalid("message ids are positive numbers, not '" + text + "'");
        }
        return id;
    }

    static long parseNumber(String option, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw HuddleException.invalid(option + " needs a whole number, not '" + v + "'");
        }
    }

    @Override
    public void close() {
        if (coordinator != null && served == null) {
            coordinator.close();
        }
    }
}
