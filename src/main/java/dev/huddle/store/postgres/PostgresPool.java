package dev.huddle.store.postgres;

import dev.huddle.store.Store;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connections {@code huddle serve} shares among its stores on one PostgreSQL database: each
 * store borrows one per transaction and gives it back, so a server keeps a fixed number open
 * however many coordinators it has, and opens none per request. The pool itself (HikariCP) is in
 * the server's libraries and made through {@link Opener}; this class is the adapter's side of the
 * seam ({@code PostgresConnector.Source}). The schema is checked (and migrated) once, on a
 * connection of its own, before the pool hands out any.
 */
public final class PostgresPool implements AutoCloseable {

    /** What every pooled connection runs once when opened: the adapter's session settings. */
    public static final String SESSION = PostgresConnector.SESSION;

    /** Borrows a connection; closing it gives it back. */
    @FunctionalInterface
    public interface Connections {
        Connection get() throws SQLException;
    }

    /** Makes a pool of {@code size} connections to {@code url}, named {@code application} in pg_stat_activity. */
    public interface Opener {
        PostgresPool open(PostgresUrl url, int size, String application);
    }

    private final PostgresUrl url;
    private final Connections connections;
    private final AutoCloseable pool;

    /**
     * Checks the schema on a direct connection (so an unreachable server fails now, with the
     * store's own one-line error), then serves stores from {@code connections}; {@code pool} is
     * closed by {@link #close}.
     */
    public PostgresPool(PostgresUrl url, Connections connections, AutoCloseable pool) {
        this.url = url;
        this.connections = connections;
        this.pool = pool;
        PostgresConnector.closeQuietly(new PostgresConnector(url, PostgresConnector.direct(url)).open());
    }

    /** A store of its own (one thread at a time) whose transactions borrow this pool's connections. */
    public Store store() {
        return new PostgresStore(url, connections::get, true);
    }

    /** Closes every connection; stores still open fail on their next transaction. */
    @Override
    public void close() {
        try {
            pool.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the connection pool of " + url.display() + ": " + e.getMessage(), e);
        }
    }
}
