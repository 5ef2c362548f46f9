package dev.huddle.app.message;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.message.Envelope;
import dev.huddle.core.message.Message;
import java.time.Duration;
import java.util.List;

/**
 * Messages between agents (DESIGN §4.5). Delivery is per recipient and never depends on Lamport
 * timestamps: whatever was addressed to an agent stays in its inbox until it reads it.
 */
public interface Messages {

    /**
     * Receives first (the caller's unread messages are returned and marked read, as {@code recv}
     * does), then sends. Recipients are resolved at send time: unknown agents or roles nobody has
     * are refused, and {@code all} with nobody else registered sends nothing and fails.
     */
    SendResult send(SendRequest request);

    /** Unread messages addressed to the caller (also read ones with {@code includeRead}); marks nothing. */
    List<Envelope> inbox(AgentId caller, boolean includeRead);

    /**
     * Waits up to {@code wait} for messages to the caller that nothing has put in front of it yet
     * (unread, no delivery recorded), then marks them delivered but not read, as {@code watch}
     * marks what it shows, and returns them as they were found, oldest first; empty when the wait ran out. A zero wait looks
     * once. So {@code inbox --wait}, a hook and a watch never show one message twice. Only messages with an id above
     * {@code afterId} count (0: all): a stream that shows messages as their send events pass delivers no earlier one.
     */
    List<Envelope> awaitInbox(AgentId caller, long afterId, Duration wait);

    /** Unread messages, oldest first, at most {@code limit}; marks them read and advances the clock. */
    List<Envelope> recv(AgentId caller, int limit);

    /** One message addressed to (or sent by) the caller; marks it read when addressed to the caller. */
    Envelope read(AgentId caller, long messageId);

    /** Acknowledges a message addressed to the caller (and marks it read). */
    Envelope ack(AgentId caller, long messageId);

    /** Every message of a thread in send order; a message's id also names the thread of its replies. */
    List<Message> thread(String key);

    /** Full-text search over subjects and bodies. */
    List<Message> search(String query, int limit);
}
