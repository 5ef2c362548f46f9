package dev.huddle.server;

import dev.huddle.api.HookPaths;
import dev.huddle.app.Coordinator;
import dev.huddle.app.session.HookPlaces;
import dev.huddle.app.session.SessionRef;
import dev.huddle.core.HuddleException;
import dev.huddle.core.Settings.HookErrorPolicy;
import dev.huddle.core.agent.AgentId;
import dev.huddle.hook.Answer;
import dev.huddle.hook.HookEvent;
import dev.huddle.hook.HookRunner;
import dev.huddle.hook.Payload;
import dev.huddle.hook.Program;
import dev.huddle.hook.Programs;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The hook endpoints (docs/decisions.md, "HTTP hook endpoints" and "Command hooks through the
 * server"): one POST route per program and event at {@link HookPaths#hook}, whose body is the
 * payload the command hook reads on stdin. Claude Code's {@code "type": "http"} hooks get the very
 * JSON {@code huddle hook claude EVENT} prints (an empty body where it prints nothing: Claude Code
 * reads a 2xx with no body as "no opinion"); a command hook forwarding its call (header
 * {@link HookPaths#FORM_HEADER}) gets its whole reply, stdout, exit code and stderr notice. The
 * decision is the hook face's {@link HookRunner}, with a coordinator of the pool instead of a
 * freshly opened store.
 *
 * <p>An agent token acts as its agent; the payload's session is bound to it as at a command hook's
 * SessionStart, and a session already bound to another agent is refused: a token cannot act
 * through another agent's session. The local operator's credential (discovery) acts as the command
 * hook does on the file: the agent it names ({@code --agent}, {@code HUDDLE_AGENT}), else the
 * session's, registered on its first SessionStart.
 */
final class HookRoutes {

    private HookRoutes() {}

    /** {@code written} runs after every hook call: a hook may write (a session, an edit), and the server's waiters look at once. */
    static void register(Routes routes, CoordinatorPool pool, Supplier<HookErrorPolicy> policy, java.io.PrintStream log,
                         HookPlaces places, Runnable written) {
        for (Program program : Programs.all()) {
            for (HookEvent event : Programs.handled()) {
                routes.post(HookPaths.hook(program.name(), program.eventName(event)), request -> {
                    try {
                        return handle(program, event, request, pool, policy, log, places);
                    } finally {
                        written.run();
                    }
                });
            }
        }
    }

    static Reply handle(Program program, HookEvent event, ApiRequest request, CoordinatorPool pool,
                        Supplier<HookErrorPolicy> policy, java.io.PrintStream log) {
        return handle(program, event, request, pool, policy, log, HookPlaces.nowhere());
    }

    static Reply handle(Program program, HookEvent event, ApiRequest request, CoordinatorPool pool,
                        Supplier<HookErrorPolicy> policy, java.io.PrintStream log, HookPlaces places) {
        Caller caller = request.attribute(Caller.ATTRIBUTE).map(Caller.class::cast).orElseThrow(
                () -> new ApiError(dev.huddle.app.ErrorCode.UNAUTHORIZED, "the request is not authenticated"));
        Optional<AgentId> named = request.header(HookPaths.AGENT_HEADER).filter(s -> !s.isBlank()).map(AgentId::of);
        if (caller.agent().isPresent() && named.isPresent() && !named.equals(caller.agent())) {
            throw ApiError.forbidden("this token acts as " + caller.agent().get().value() + ", not as "
                    + named.get().value(), "unset HUDDLE_AGENT (and --agent): with HUDDLE_TOKEN the token names the agent");
        }
        String raw = new String(request.body(), StandardCharsets.UTF_8);
        Payload sent = Payload.parse(raw);
        Map<String, String> env = request.header(HookPaths.SESSION_HEADER).filter(s -> program.sessionVariable() != null)
                .map(s -> Map.of(program.sessionVariable(), s)).orElse(Map.of());
        Path sentCwd = program.cwd(sent) != null ? program.cwd(sent) : cwd(request);
        Optional<HookPlaces.Moved> moved = Optional.empty();
        HuddleException elsewhere = null;
        try {
            moved = sent.parsed() ? places.place(sentCwd) : moved;
        } catch (HuddleException e) {
            elsewhere = e;
        }
        Payload payload = moved.isPresent() ? MovedPayload.of(raw, moved.get()) : sent;
        Path cwd = moved.map(HookPlaces.Moved::cwd).orElse(sentCwd);
        Call call = new Call(pool, caller.agent().isPresent() ? caller.agent() : named, caller.agent().isPresent(), policy,
                elsewhere);
        Answer answer;
        try {
            HookRunner runner = new HookRunner(program, call::coordinator, call::policy);
            answer = runner.answer(event, payload, () -> call.session(program, payload, env), cwd);
            if (answer.notice() != null) {
                call.markFailed();
            }
        } finally {
            call.close();
        }
        String who = call.agent.map(AgentId::value).orElse(caller.id());
        if (answer.notice() != null) {
            log.println("huddle serve: " + who + ": " + answer.notice());
        }
        dev.huddle.hook.Reply reply = program.reply(event, answer);
        if (request.header(HookPaths.FORM_HEADER).filter(HookPaths.COMMAND_FORM::equals).isPresent()) {
            Map<String, Object> whole = new LinkedHashMap<>();
            whole.put("stdout", reply.stdout());
            whole.put("exit_code", reply.exitCode());
            whole.put("notice", answer.notice());
            return Reply.ok(whole);
        }
        return Reply.ok(new Replies.Rendered(reply.stdout().strip()));
    }

    /** The command hook's working directory, sent when its payload names none. */
    private static Path cwd(ApiRequest request) {
        Optional<String> sent = request.header(HookPaths.CWD_HEADER);
        try {
            return sent.map(s -> Path.of(URLDecoder.decode(s, StandardCharsets.UTF_8))).filter(Path::isAbsolute).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * One hook call's store and identity, taken only when the runner asks, as the command hook opens
     * the store only when an answer needs it: a tool that writes nothing, or a payload that cannot be
     * read, is answered without a coordinator, so a broken store changes those answers on neither face.
     */
    private static final class Call implements AutoCloseable {
        private final CoordinatorPool pool;
        private final Optional<AgentId> agent;
        private final boolean tokenAgent;
        private final Supplier<HookErrorPolicy> policy;
        private final HuddleException elsewhere;
        private Coordinator coordinator;
        private boolean failed;
        private boolean anotherAgentsSession;

        Call(CoordinatorPool pool, Optional<AgentId> agent, boolean tokenAgent, Supplier<HookErrorPolicy> policy,
             HuddleException elsewhere) {
            this.pool = pool;
            this.agent = agent;
            this.tokenAgent = tokenAgent;
            this.policy = policy;
            this.elsewhere = elsewhere;
        }

        /** The pool's coordinator; a call from another repository has none (what it needs of one is refused). */
        Coordinator coordinator() {
            if (elsewhere != null) {
                throw elsewhere;
            }
            if (coordinator == null) {
                coordinator = pool.borrow();
            }
            return coordinator;
        }

        /**
         * Whatever huddle.toml allows for a broken Huddle, acting through another agent's session, or from
         * another repository, is refused: neither is a broken Huddle.
         */
        HookErrorPolicy policy() {
            return anotherAgentsSession || elsewhere != null ? HookErrorPolicy.DENY : policy.get();
        }

        /** The caller's agent, for the payload's session, which must not be another agent's when a token names it. */
        SessionRef session(Program program, Payload payload, Map<String, String> env) {
            Optional<String> session = Optional.ofNullable(program.sessionId(payload, env)).filter(s -> !s.isBlank());
            if (tokenAgent) {
                Optional<AgentId> bound = session.flatMap(id -> coordinator().agents().agentForSession(id));
                if (bound.isPresent() && !bound.equals(agent)) {
                    anotherAgentsSession = true;
                    throw HuddleException.failed("session " + session.get() + " belongs to agent " + bound.get().value()
                            + ", but this hook's token is " + agent.orElseThrow().value() + "'s; start this "
                            + program.name() + " with HUDDLE_TOKEN set to " + bound.get().value()
                            + "'s token, or in a new session");
                }
            }
            return new SessionRef(program.name(), session, agent);
        }

        @Override
        public void close() {
            if (coordinator != null) {
                // The runner turns every failure into an answer; a failed call's connection is not trusted again.
                pool.giveBack(coordinator, !failed);
            }
        }

        /** The answer reports a failure: its connection is closed rather than reused. */
        void markFailed() {
            failed = true;
        }
    }
}
