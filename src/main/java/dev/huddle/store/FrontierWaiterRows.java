package dev.huddle.store;

import dev.huddle.core.frontier.FrontierQuery;
import dev.huddle.core.frontier.FrontierWaiter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The callers of frontier --wait and whether a SAFE moment released them. */
public interface FrontierWaiterRows {

    /** Lists a waiter for {@code query} until {@code until} and returns its id; forgets waiters whose time is over at {@code now}. */
    long enqueue(FrontierQuery query, Instant now, Instant until);

    /** Waiters not released yet whose time is not over at {@code now}, in arrival order. */
    List<FrontierWaiter> pending(Instant now);

    Optional<FrontierWaiter> find(long id);

    /** Records that the waiter's frontier was SAFE at {@code at}, with {@code counted} participants. */
    void release(long id, Instant at, int counted);

    void remove(long id);
}
