package dev.huddle.hook;

import dev.huddle.api.HookPaths;
import dev.huddle.boot.ServerTarget;
import dev.huddle.core.Settings.HookErrorPolicy;
import dev.huddle.remote.HookClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A command hook answered by the huddle server that {@code HUDDLE_URL} names (docs/decisions.md,
 * "Command hooks through the server"): the payload goes to the program's hook endpoint and the
 * server's reply is printed as is, so the answer is the one the server's store gives, with the
 * same runner and adapter as on the file. What needs no store (a tool that writes nothing, an
 * event Huddle ignores, an unreadable payload) is answered here, as the file's hook answers it
 * without opening the store: no request, the same answer, and a stopped server blocks nothing else.
 *
 * <p>A server that cannot be reached or refuses the call is a failure under a fixed policy: deny.
 * An edit the server could not check is refused, in the program's protocol, with the reason
 * ("cannot reach huddle server at URL …; start it with `huddle serve` or unset HUDDLE_URL"); the
 * other events carry on with a warning where their protocol has one. {@code huddle.toml}'s
 * {@code allow-with-warning} is not consulted: reading it would mean finding the store, and a
 * configured server that is down is a setup to fix, not a broken Huddle to work around.
 */
final class ServerHook {

    /** The reply to print and the notice for stderr (null: none). */
    record Result(Reply reply, String notice) {}

    private final Program program;
    private final Map<String, String> env;
    private final String agent;
    private final Path cwd;

    ServerHook(Program program, Map<String, String> env, String agent, Path cwd) {
        this.program = program;
        this.env = env;
        this.agent = agent;
        this.cwd = cwd;
    }

    Result answer(HookEvent event, Payload payload, String raw, Supplier<Path> storeDir) {
        Local local = new Local();
        HookRunner probe = new HookRunner(program, local::needed, () -> HookErrorPolicy.DENY);
        Answer here = probe.answer(event, payload, local::needed, program.cwd(payload));
        if (!local.asked) {
            return new Result(program.reply(event, here), here.notice());
        }
        try {
            ServerTarget target = ServerTarget.of(env, storeDir).orElseThrow();
            HookClient.Reply reply = HookClient.post(target.url(), target.token(),
                    HookPaths.hook(program.name(), program.eventName(event)), raw, headers(payload));
            return new Result(new Reply(reply.stdout(), reply.exitCode()), reply.notice());
        } catch (RuntimeException e) {
            Answer failed = probe.failed(event, e);
            return new Result(program.reply(event, failed), failed.notice());
        }
    }

    private Map<String, String> headers(Payload payload) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(HookPaths.FORM_HEADER, HookPaths.COMMAND_FORM);
        if (agent != null && !agent.isBlank()) {
            h.put(HookPaths.AGENT_HEADER, agent);
        }
        String variable = program.sessionVariable();
        if (program.sessionId(payload, Map.of()) == null && variable != null && env.get(variable) != null) {
            h.put(HookPaths.SESSION_HEADER, env.get(variable));
        }
        if (program.cwd(payload) == null) {
            h.put(HookPaths.CWD_HEADER, URLEncoder.encode(cwd.toAbsolutePath().normalize().toString(), StandardCharsets.UTF_8));
        }
        return h;
    }

    /** Stands for the store and the session in a first, local pass; notes that the answer needs them. */
    private static final class Local {
        boolean asked;

        <T> T needed() {
            asked = true;
            throw new NeedsServer();
        }
    }

    private static final class NeedsServer extends RuntimeException {
        NeedsServer() {
            super("answered by the server", null, false, false);
        }
    }
}
