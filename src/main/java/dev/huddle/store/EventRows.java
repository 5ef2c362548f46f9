package dev.huddle.store;

import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;

import java.util.List;

/** The append-only event log. */
public interface EventRows {

    /**
     * Appends the event; its seq is ignored, and the log gives it the next one. Nothing is
     * returned, so an adapter may send the insert along with the transaction's next statement.
     */
    void append(Event event);

    /** Events matching the filter with seq greater than {@code filter.afterSeq()}, in seq order. */
    List<Event> query(EventFilter filter);

    /**
     * The latest {@code filter.limit()} events matching the filter, in causal display order
     * (Lamport time, agent id, then seq).
     */
    List<Event> causal(EventFilter filter);

    /**
     * How many events are stamped at or after {@code from}, counting no further than {@code cap}:
     * how much an agent whose next event is at {@code from} may not have seen.
     */
    long countFrom(LamportTime from, long cap);

    /**
     * The newest {@code limit} events stamped at or after {@code from}, newest first (by Lamport
     * time). Their data is left empty: time, agent, kind, task and path say what changed, and
     * reading only those keeps the read small.
     */
    List<Event> recent(LamportTime from, int limit);

    /**
     * Of the newest {@code limit} events stamped at or after {@code from} (the window {@link #recent}
     * reads), those whose path may touch one of {@code texts}, newest first, data empty. The texts
     * are lease texts without pattern characters (files, directories, names); a path may touch one
     * when it is equal to it, a directory above or below it by text, or holds a pattern character
     * ({@code * ? [}). A superset, decided by the caller: the store filters, so that only the few
     * candidates are read out of the window rather than all of it.
     */
    List<Event> recentOn(LamportTime from, int limit, List<String> texts);

    /** The highest sequence number so far (0 when empty). */
    long lastSeq();
}
