package dev.huddle.server;

import dev.huddle.api.HookPaths;
import dev.huddle.app.Coordinator;
import dev.huddle.app.session.SessionRef;
import dev.huddle.core.HuddleException;
import dev.huddle.core.Settings.HookErrorPolicy;
import dev.huddle.core.agent.AgentId;
import dev.huddle.hook.Answer;
import dev.huddle.hook.HookEvent;
import dev.huddle.hook.HookRunner;
import dev.huddle.hook.Payload;
import dev.huddle.hook.Program;
import dev.huddle.hook.claude.ClaudeCode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Claude Code's {@code "type": "http"} hooks (docs/decisions.md, "HTTP hook endpoints"): one POST
 * route per event at {@link HookPaths}, whose body is the payload the command hook reads on stdin
 * and whose answer is the very JSON {@code huddle hook claude EVENT} prints (an empty body where it
 * prints nothing: Claude Code reads a 2xx with no body as "no opinion"). The decision is the hook
 * face's {@link HookRunner}, with a coordinator of the pool instead of a freshly opened store.
 *
 * <p>The agent is the token's; the payload's session is bound to it as at a command hook's
 * SessionStart. A session already bound to another agent is refused: a token cannot act through
 * another agent's session. The local operator's credential has no agent: 403.
 */
final class ClaudeHookRoutes {

    static final String PROGRAM = "claude";

    private ClaudeHookRoutes() {}

    /** {@code written} runs after every hook call: a hook may write (a session, an edit), and waiters look at once. */
    static void register(Routes routes, CoordinatorPool pool, Supplier<HookErrorPolicy> policy, java.io.PrintStream log,
                         Runnable written) {
        for (String event : HookPaths.CLAUDE_EVENTS) {
            routes.post(HookPaths.claude(event), request -> {
                try {
                    return handle(event, request, pool, policy, log);
                } finally {
                    written.run();
                }
            });
        }
    }

    static Reply handle(String eventName, ApiRequest request, CoordinatorPool pool, Supplier<HookErrorPolicy> policy,
                        java.io.PrintStream log) {
        Caller caller = request.attribute(Caller.ATTRIBUTE).map(Caller.class::cast).orElseThrow(
                () -> new ApiError(dev.huddle.app.ErrorCode.UNAUTHORIZED, "the request is not authenticated"));
        AgentId agent = caller.agent().orElseThrow(() -> ApiError.forbidden("Claude Code's hooks act as one agent, and "
                + "this credential (the local operator's) names none", "issue the agent a token with 'huddle token issue "
                + "--agent ID' and start Claude Code with HUDDLE_TOKEN set to it"));
        Program program = new ClaudeCode();
        HookEvent event = program.event(HookEvent.normal(eventName));
        Payload payload = Payload.parse(new String(request.body(), StandardCharsets.UTF_8));
        Call call = new Call(pool, agent, policy);
        Answer answer;
        try {
            HookRunner runner = new HookRunner(program, call::coordinator, call::policy);
            answer = runner.answer(event, payload, () -> call.session(program, payload), program.cwd(payload));
            if (answer.notice() != null) {
                call.markFailed();
            }
        } finally {
            call.close();
        }
        if (answer.notice() != null) {
            log.println("huddle serve: " + agent.value() + ": " + answer.notice());
        }
        return Reply.ok(new Replies.Rendered(program.reply(event, answer).stdout().strip()));
    }

    /**
     * One hook call's store and identity, taken only when the runner asks, as the command hook opens
     * the store only when an answer needs it: a tool that writes nothing, or a payload that cannot be
     * read, is answered without a coordinator, so a broken store changes those answers on neither face.
     */
    private static final class Call implements AutoCloseable {
        private final CoordinatorPool pool;
        private final AgentId agent;
        private final Supplier<HookErrorPolicy> policy;
        private Coordinator coordinator;
        private boolean failed;
        private boolean anotherAgentsSession;

        Call(CoordinatorPool pool, AgentId agent, Supplier<HookErrorPolicy> policy) {
            this.pool = pool;
            this.agent = agent;
            this.policy = policy;
        }

        Coordinator coordinator() {
            if (coordinator == null) {
                coordinator = pool.borrow();
            }
            return coordinator;
        }

        /** Whatever huddle.toml allows for a broken Huddle, acting through another agent's session is refused. */
        HookErrorPolicy policy() {
            return anotherAgentsSession ? HookErrorPolicy.DENY : policy.get();
        }

        /** The token's agent, for the payload's session, which must not be another agent's. */
        SessionRef session(Program program, Payload payload) {
            Optional<String> session = Optional.ofNullable(program.sessionId(payload, Map.of())).filter(s -> !s.isBlank());
            Optional<AgentId> bound = session.flatMap(id -> coordinator().agents().agentForSession(id));
            if (bound.isPresent() && !bound.get().equals(agent)) {
                anotherAgentsSession = true;
                throw HuddleException.failed("session " + session.get() + " belongs to agent " + bound.get().value()
                        + ", but this hook's token is " + agent.value() + "'s; start this Claude Code with HUDDLE_TOKEN set to "
                        + bound.get().value() + "'s token, or in a new session");
            }
            return new SessionRef(program.name(), session, Optional.of(agent));
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
