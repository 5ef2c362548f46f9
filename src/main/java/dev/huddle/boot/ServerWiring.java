package dev.huddle.boot;

import dev.huddle.app.ChangeSignal;
import dev.huddle.app.Coordinator;
import dev.huddle.store.GroupCommit;
import dev.huddle.store.postgres.PostgresChangeFeed;
import dev.huddle.store.postgres.PostgresPool;
import java.util.function.Supplier;

/**
 * The server's coordinators, wired so a write through the server wakes its waiters at once: each
 * waits with a pacer of one {@link ChangeSignal}, and the server runs {@code written} after every
 * write it makes. The faces see a supplier and a runnable, never the pacer.
 *
 * <p>Their stores commit together ({@link GroupCommit}): writes that meet share one transaction
 * and one commit.
 *
 * <p>On PostgreSQL the coordinators share one connection pool ({@value #POOL_SIZE} connections)
 * and a {@link PostgresChangeFeed} turns every commit on the database (another server's, a CLI's)
 * into the same signal, so any number of servers may serve one database ({@code shared}).
 *
 * @param shared   whether other servers may serve the same store (PostgreSQL)
 * @param resources what {@link #close} releases: the pool and the feed
 */
public record ServerWiring(Supplier<Coordinator> coordinators, Runnable written, boolean shared,
                           AutoCloseable resources) implements AutoCloseable {

    /**
     * Connections of one server to PostgreSQL. A coordinator borrows one only for a transaction:
     * writes queue for the group commit without one (its batch holds one), reads and the token
     * checker hold one for a read's round trips, and the waiting coordinators (long-polls,
     * streams) for a look of microseconds; a borrow that finds none free waits. Two servers (with
     * their listeners) take 26 of PostgreSQL's default 100.
     */
    public static final int POOL_SIZE = 12;

    public static ServerWiring of(Runtime runtime) {
        ChangeSignal signal = new ChangeSignal();
        return switch (runtime.location().store()) {
            case StoreAddress.File file -> {
                GroupCommit group = new GroupCommit();
                yield new ServerWiring(() -> runtime.open(false, signal.pacer(), group.member(file.open())),
                        signal::signal, false, () -> {});
            }
            case StoreAddress.Postgres pg -> {
                GroupCommit group = GroupCommit.onPlatformThread();
                PostgresPool pool = ServerClasses.postgresPools().open(pg.url(), POOL_SIZE, "huddle serve");
                PostgresChangeFeed feed = PostgresChangeFeed.start(pg.url(), signal::signal);
                yield new ServerWiring(() -> runtime.open(false, signal.pacer(), group.member(pool.store())), signal::signal, true, () -> {
                    feed.close();
                    pool.close();
                });
            }
        };
    }

    /** Stops listening and closes the pool; a no-op for SQLite. */
    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot release the server's store connections: " + e.getMessage(), e);
        }
    }
}
