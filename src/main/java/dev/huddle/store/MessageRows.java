package dev.huddle.store;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.message.Envelope;
import dev.huddle.core.message.Message;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Messages and their per-recipient delivery records. */
public interface MessageRows {

    /** Stores the message (its id is ignored) with one delivery record per recipient; returns it with its id. */
    Message insert(Message message, List<AgentId> recipients);

    Optional<Message> find(long id);

    /** The recipient's messages in send order; unread only unless {@code includeRead}. */
    List<Envelope> inbox(AgentId recipient, boolean includeRead, int limit);

    /**
     * {@link #inbox}, asked now and read when the answer's {@code get} is called: a store whose
     * reads are round trips sends it with its next statement.
     */
    default Supplier<List<Envelope>> inboxAhead(AgentId recipient, boolean includeRead, int limit) {
        List<Envelope> inbox = inbox(recipient, includeRead, limit);
        return () -> inbox;
    }

    /**
     * The recipient's unread messages after {@code afterId} that were never delivered (shown by a
     * hook, a stream, a wait), in send order: the next ones to hand over, however many older ones
     * wait unread.
     */
    List<Envelope> undelivered(AgentId recipient, long afterId, int limit);

    Optional<Envelope> envelope(long messageId, AgentId recipient);

    void markDelivered(long messageId, AgentId recipient, Instant at);

    void markRead(long messageId, AgentId recipient, Instant at);

    void markAcked(long messageId, AgentId recipient, Instant at);

    /** Messages whose thread is {@code key}, plus the message whose id is {@code key}; in send order. */
    List<Message> thread(String key);

    /** Full-text search over subjects and bodies, best match first. */
    List<Message> search(String query, int limit);

    /** Messages with an id greater than {@code afterId}, in send order, at most {@code limit} (mirrors page through all). */
    List<Message> after(long afterId, int limit);

    /** Total message count, for status. */
    long count();

    /** How many messages {@code recipient} has not read: counted, not read out. */
    long unreadCount(AgentId recipient);
}
