package dev.huddle.store;

import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;

import java.util.List;
import java.util.function.Supplier;

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
     * What an agent whose next event is at {@code from} may not have seen, in one read: how many
     * events are stamped at or after {@code from} (counting no further than {@code limit} + 1), the
     * newest one's time, and, when they are no more than {@code limit}, those whose path may touch
     * one of {@code texts}, newest first (by Lamport time), data empty (time, agent, kind, task and
     * path say what changed). The texts are lease texts without pattern characters (files,
     * directories, names); a path may touch one when it is equal to it, a directory above or below
     * it by text, or holds a pattern character ({@code * ? [}): a superset, decided by the caller,
     * filtered in the store so that only the few candidates are read out. With no texts, every
     * event of the window is returned. Past the limit no event is: the caller moves past the
     * newest time without sifting.
     */
    Window window(LamportTime from, int limit, List<String> texts);

    /**
     * {@link #window}, asked now and read when the answer's {@code get} is called, for a caller that
     * knows early what it will sift and reads something else first: a store whose reads are round
     * trips sends it with its next statement. Whatever the caller writes in between is not in it.
     */
    default Supplier<Window> windowAhead(LamportTime from, int limit, List<String> texts) {
        Window window = window(from, limit, texts);
        return () -> window;
    }

    /**
     * The answer of {@link #window}: {@code newer} events stamped at or after the start (at most
     * the limit + 1), the {@code newest} one's time ({@link LamportTime#ZERO} when there is none),
     * and the window's {@code events} that may touch the texts, newest first.
     */
    record Window(int newer, LamportTime newest, List<Event> events) {}

    /** The highest sequence number so far (0 when empty). */
    long lastSeq();
}
