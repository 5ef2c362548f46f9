package dev.huddle.app.log;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.message.Envelope;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** The audit trail (DESIGN §4.2): reading it in causal order and following it as it grows. */
public interface EventLog {

    /** The latest {@code filter.limit()} matching events, ordered by (Lamport time, agent id). */
    List<Event> log(EventFilter filter);

    /**
     * Follows the log from {@code filter.afterSeq()} in sequence order, handing each new matching
     * event to {@code sink} until it returns false or {@code timeout} (when positive) runs out.
     * Returns the last sequence number seen.
     */
    long watch(EventFilter filter, Duration timeout, Predicate<Event> sink);

    /**
     * Follows the caller's inbox: every unread message not yet shown to it (no delivery recorded:
     * neither a hook nor an earlier watch put it in front of the agent) is handed to {@code sink},
     * then marked delivered (not read), until the sink returns false or the timeout runs out. So
     * a loop of {@code watch --count 1} sees each message once, in order.
     */
    void watchInbox(AgentId caller, Duration timeout, Predicate<Envelope> sink);

    /** The sequence number of the newest event (0 on an empty log). */
    long lastSeq();
}
