package dev.huddle.hook;

import dev.huddle.app.Coordinator;
import dev.huddle.app.session.SessionRef;
import dev.huddle.boot.Runtime;
import dev.huddle.core.Settings.HookErrorPolicy;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.text.TerminalText;
import dev.huddle.hook.claude.ClaudeCode;
import dev.huddle.hook.codex.Codex;
import dev.huddle.hook.cursor.Cursor;
import dev.huddle.hook.gemini.GeminiCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 */
public final class HookMain {

    /** Payloads carry file contents (Write, PostToolUse); beyond this the input is cut and unreadable. */
    private static final int MAX_INPUT = 64 * 1024 * 1024;

    public static final String USAGE = "usage: huddle hook claude|codex|gemini|cursor [EVENT] [--agent ID] [--db PATH]";

    private HookMain() {}

    /** Runs one hook call as a process would; returns the exit code. */
    public static int execute(List<String> args, Map<String, String> env, Path cwd, InputStream in, PrintStream out,
                              PrintStream err) {
        HookArgs a = HookArgs.parse(args);
        Program program = a.program() == null ? null : program(a.program());
        if (a.problem() != null || program == null) {
            // No protocol to answer in: exit 2 with the reason is a refusal every supported program honours.
            err.println("huddle: hook: " + (a.problem() != null ? a.problem() : "unknown program '"
                    + TerminalText.oneLine(a.program() == null ? "" : a.program()) + "'") + "; " + USAGE);
            return 2;
        }
        Payload payload = Payload.parse(read(in));
        String eventName = a.event() != null ? a.event() : payload.text("hook_event_name");
        HookEvent event = eventName == null ? HookEvent.OTHER : program.event(HookEvent.normal(eventName));
        Wiring wiring = new Wiring(cwd, env, a.db());
        HookRunner runner = new HookRunner(program, wiring::coordinator, wiring::policy);
        Answer answer = runner.answer(event, payload, () -> session(program, payload, env, a.agent()), program.cwd(payload));
        try {
            Reply reply = program.reply(event, answer);
            out.print(reply.stdout());
            out.flush();
            if (answer.notice() != null) {
                err.println("huddle: " + TerminalText.oneLine(answer.notice()));
            }
            return reply.exitCode();
        } finally {
            wiring.close();
        }
    }

    private static Program program(String name) {
        return switch (name) {
            case "claude", "claude-code" -> new ClaudeCode();
            case "codex" -> new Codex();
            case "gemini", "gemini-cli" -> new GeminiCli();
            case "cursor" -> new Cursor();
            default -> null;
        };
    }

    private static SessionRef session(Program program, Payload payload, Map<String, String> env, String agent) {
        String named = agent != null ? agent : env.get("HUDDLE_AGENT");
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

    /** The store and settings, found and opened only when an answer needs them. */
    private static final class Wiring implements AutoCloseable {
        private final Path cwd;
        private final Map<String, String> env;
        private final String db;
        private Runtime runtime;
        private Coordinator coordinator;

        Wiring(Path cwd, Map<String, String> env, String db) {
            this.cwd = cwd;
            this.env = env;
            this.db = db;
        }

        Runtime runtime() {
            if (runtime == null) {
                runtime = Runtime.discover(cwd, env, db);
            }
            return runtime;
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
