package dev.huddle.hook;

import dev.huddle.app.Coordinator;
import dev.huddle.app.session.SessionRef;
import dev.huddle.boot.Runtime;
import dev.huddle.boot.ServerTarget;
import dev.huddle.boot.StoreLocation;
import dev.huddle.core.HuddleException;
import dev.huddle.core.Settings.HookErrorPolicy;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.text.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code huddle hook PROGRAM [EVENT] [--agent ID] [--db PATH] [--debug]}: reads the agent
 * program's JSON on stdin and answers in its protocol (DESIGN §5 "Hooks"). The event is named in
 * kebab-case ({@code pre-tool-use}) or the program's own spelling ({@code PreToolUse},
 * {@code BeforeTool}); without one, the payload's {@code hook_event_name} says.
 *
 * <p>Dispatched by the CLI before its own parsing and error mapping: every agent program lets an
 * edit through on exit 1 (and the CLI's usage errors are 64), so nothing here may end that way.
 * The store is opened only when the event needs it: a tool that writes nothing is answered at once.
 * With {@code HUDDLE_URL} (or {@code --url}) the call is answered by that server instead
 * ({@link ServerHook}), and no store is opened here.
 */
public final class HookMain {

    /** Payloads carry file contents (Write, PostToolUse); beyond this the input is cut and unreadable. */
    private static final int MAX_INPUT = dev.huddle.api.HookPaths.MAX_PAYLOAD_BYTES;

    public static final String USAGE = "usage: huddle hook claude|codex|gemini|cursor [EVENT] [--agent ID] [--db PATH] [--url URL]";

    private HookMain() {}

    /** Runs one hook call as a process would; returns the exit code. */
    public static int execute(List<String> args, Map<String, String> processEnv, Path cwd, InputStream in, PrintStream out,
                              PrintStream err) {
        HookArgs a = HookArgs.parse(args);
        Map<String, String> env = processEnv;
        if (a.url() != null) {
            env = new java.util.HashMap<>(processEnv);
            env.put(ServerTarget.URL_VARIABLE, a.url());
        }
        return execute(a, env, cwd, in, out, err);
    }

    private static int execute(HookArgs a, Map<String, String> env, Path cwd, InputStream in, PrintStream out,
                               PrintStream err) {
        Program program = a.program() == null ? null : Programs.named(a.program());
        if (a.problem() != null || program == null) {
            // No protocol to answer in: exit 2 with the reason is a refusal every supported program honours.
            err.println("huddle: hook: " + (a.problem() != null ? a.problem() : "unknown program '"
                    + TerminalText.oneLine(a.program() == null ? "" : a.program()) + "'") + "; " + USAGE);
            return 2;
        }
        String raw = read(in);
        Payload payload = Payload.parse(raw);
        String eventName = a.event() != null ? a.event() : payload.text("hook_event_name");
        HookEvent event = eventName == null ? HookEvent.OTHER : program.event(HookEvent.normal(eventName));
        Wiring wiring = new Wiring(cwd, env, a.db(), program, payload);
        String named = a.agent() != null ? a.agent() : env.get("HUDDLE_AGENT");
        try {
            String url = env.get(ServerTarget.URL_VARIABLE);
            if (url != null && !url.isBlank()) {
                // Through the server (docs/decisions.md, "Command hooks through the server"): no SQLite here.
                ServerHook.Result result = new ServerHook(program, env, named, cwd).answer(event, payload, raw, wiring::storeDir);
                return print(result.reply(), result.notice(), out, err);
            }
            HookRunner runner = new HookRunner(program, wiring::coordinator, wiring::policy);
            Answer answer = runner.answer(event, payload, () -> session(program, payload, env, named), program.cwd(payload));
            return print(program.reply(event, answer), answer.notice(), out, err);
        } finally {
            wiring.close();
        }
    }

    private static int print(Reply reply, String notice, PrintStream out, PrintStream err) {
        out.print(reply.stdout());
        out.flush();
        if (notice != null) {
            err.println("huddle: " + TerminalText.oneLine(notice));
        }
        return reply.exitCode();
    }

    private static SessionRef session(Program program, Payload payload, Map<String, String> env, String named) {
        Optional<AgentId> id = named == null || named.isBlank() ? Optional.empty() : Optional.of(AgentId.of(named));
        return new SessionRef(program.name(), Optional.ofNullable(program.sessionId(payload, env)), id);
    }

    private static String read(InputStream in) {
        try {
            byte[] bytes = in.readNBytes(MAX_INPUT + 1);
            return bytes.length > MAX_INPUT ? "" : new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The store and settings, found and opened only when an answer needs them. The store is the one
     * around the hook's working directory, else around the session's directory (the payload's
     * {@code cwd}), else around the file the tool writes; never one made up where none is (a hook
     * started in {@code /} would check the edit against an empty store and let it through).
     */
    private static final class Wiring implements AutoCloseable {
        private final Path cwd;
        private final Map<String, String> env;
        private final String db;
        private final Program program;
        private final Payload payload;
        private Runtime runtime;
        private Coordinator coordinator;

        Wiring(Path cwd, Map<String, String> env, String db, Program program, Payload payload) {
            this.cwd = cwd;
            this.env = env;
            this.db = db;
            this.program = program;
            this.payload = payload;
        }

        Runtime runtime() {
            if (runtime == null) {
                StoreLocation location = location().orElseThrow(() -> HuddleException.failed("no Huddle store found: "
                        + "the hook runs in " + cwd.toAbsolutePath().normalize() + ", which is in no git repository or "
                        + "folder with .huddle, and neither is the session's directory nor the file the tool writes; "
                        + "start the agent program in the repository, or set HUDDLE_DB"));
                runtime = Runtime.at(location, cwd);
            }
            return runtime;
        }

        /** The store directory, for the local server discovery; a folder without one when no store is found. */
        Path storeDir() {
            return location().map(StoreLocation::stateDir).orElse(cwd.toAbsolutePath().resolve(".huddle"));
        }

        /**
         * The first of the hook's, the session's and the file's directories that is in a repository
         * gives the repository (paths are relative to its root); the store is then its own, or the
         * one HUDDLE_DB names. With HUDDLE_DB and no repository around any of them, the store named
         * with the hook's directory as root. HUDDLE_DB alone must not pick the root: a hook started
         * in {@code /} would check {@code tmp/…/notes.txt}, which nobody holds, and let the edit through.
         */
        private Optional<StoreLocation> location() {
            List<Path> dirs = new ArrayList<>(List.of(cwd));
            dirs.addAll(elsewhere());
            String override = db != null ? db : env.get("HUDDLE_DB");
            boolean named = override != null && !override.isBlank();
            for (Path dir : dirs) {
                Optional<StoreLocation> around = StoreLocation.find(dir, Map.of(), null);
                if (around.isPresent()) {
                    // Without HUDDLE_DB or --db the repository's own store is the one: no second walk up.
                    return named ? StoreLocation.find(dir, env, db) : around;
                }
            }
            return StoreLocation.find(cwd, env, db);
        }

        /** The session's directory, then the directories of the files a tool call writes (absolute ones). */
        private List<Path> elsewhere() {
            List<Path> dirs = new ArrayList<>();
            Path session = program.cwd(payload);
            if (session != null) {
                dirs.add(session);
            }
            for (HookEvent e : List.of(HookEvent.PRE_TOOL, HookEvent.POST_TOOL)) {
                try {
                    ToolWrites writes = program.writes(e, payload);
                    if (writes.base() != null) {
                        dirs.add(writes.base());
                    }
                    for (var target : writes.targets()) {
                        Path p = Path.of(target.path());
                        if (p != null && p.isAbsolute() && p.getParent() != null) {
                            dirs.add(p.getParent());
                        }
                    }
                } catch (RuntimeException unreadable) {
                    // No file to go by: the other places, or no store.
                }
            }
            return dirs;
        }

        Coordinator coordinator() {
            if (coordinator == null) {
                coordinator = runtime().open(false);
            }
            return coordinator;
        }

        HookErrorPolicy policy() {
            return runtime().settings().onHookError();
        }

        @Override
        public void close() {
            if (coordinator != null) {
                coordinator.close();
            }
        }
    }
}
