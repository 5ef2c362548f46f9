package dev.huddle.app.session;

import dev.huddle.core.edit.EditTarget;
import java.nio.file.Path;
import java.util.List;

/**
 * The agent programs' side of Huddle (DESIGN §4.1, §5 "Hooks"): what a hook, an MCP session or an
 * HTTP hook needs at each step of an agent's session. Identity comes from a {@link SessionRef}:
 * an agent named outright, else the agent bound to the session id, else, where a use case says
 * so, a new agent registered for the session with a readable id ({@code claude-1}); two sessions
 * never share an auto-registered agent.
 */
public interface Sessions {

    /**
     * Starts (or resumes) a session: resolves or registers its agent, binds the session to it,
     * refreshes its presence, and gathers its briefing. The unread messages in the briefing are
     * marked delivered: the caller pushes them into the agent's context.
     */
    SessionOpened openSession(SessionRef session, String source);

    /**
     * The messages addressed to the session's agent (directly, by role, or to all) that no hook has
     * pushed into its context yet, each marked delivered to this agent only: another recipient of
     * the same broadcast still gets it. Registers the agent if the session is new.
     */
    Pushed pushMessages(SessionRef session);

    /**
     * Side-effect free: whether the session's agent may write these targets now, i.e. no other live
     * agent holds an exclusive lease intersecting any of them. Relative targets are read from
     * {@code base}; targets outside the repository are listed as unchecked and never block.
     */
    EditCheck mayEdit(SessionRef session, Path base, List<EditTarget> targets);

    /**
     * Records an edit made by a tool call (one event per path) and renews the agent's live leases
     * on those paths to at least the default TTL from now. Registers the agent if the session is new.
     */
    EditRecorded recordEdit(SessionRef session, Path base, List<EditTarget> targets, String tool);

    /**
     * Whether the agent's turn may end: refused while messages directed at it (its id or one of its
     * roles, not {@code all}) wait undelivered, except that the same messages never refuse twice.
     * Refusing delivers them. An unknown session may always stop.
     */
    StopVerdict stop(SessionRef session);

    /**
     * Ends a session: the agent goes idle and keeps its leases, or, with {@code [hooks]
     * release_on_session_end = true}, leaves (leases released, claims returned). The session stays
     * bound to the agent, so a resumed session is the same agent again.
     */
    SessionClosed closeSession(SessionRef session, String reason);
}
