package dev.huddle.store.postgres;

import dev.huddle.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Opens a store's connections: a connection from the {@link Source}, the session settings every
 * Huddle connection runs with, and the schema brought up to date. A one-shot CLI process opens
 * one connection directly; {@code huddle serve} may pass a pooled source instead (the seam).
 */
final class PostgresConnector {

    /** Where connections come from: pgjdbc directly, or a pool. */
    @FunctionalInterface
    interface Source {
        Connection open() throws SQLException;
    }

    /**
     * Session settings. A writer waits at most 5 s for the writers' lock (then it is retried as
     * busy, as SQLite's busy timeout); a transaction left idle for a minute (a frozen process
     * holding the writers' lock) is ended by the server, so it cannot stop the team for long.
     */
    static final String SESSION = "SET lock_timeout = '5s'; SET idle_in_transaction_session_timeout = '60s'";

    private final PostgresUrl url;
    private final Source source;
    /** A pool's connections come with the session settings made and the schema checked once ({@link PostgresPool}). */
    private final boolean prepared;

    PostgresConnector(PostgresUrl url, Source source) {
        this(url, source, false);
    }

    PostgresConnector(PostgresUrl url, Source source, boolean prepared) {
        this.url = url;
        this.source = source;
        this.prepared = prepared;
    }

    /** pgjdbc itself, without DriverManager (its service-loader scan costs every cold start). */
    static Source direct(PostgresUrl url) {
        return direct(url, "huddle");
    }

    /** As above, the sessions named {@code application} in pg_stat_activity unless the URL names them. */
    static Source direct(PostgresUrl url, String application) {
        Properties p = new Properties();
        p.putAll(url.properties());
        p.putIfAbsent("ApplicationName", application);
        p.putIfAbsent("connectTimeout", "5");
        Driver driver = new Driver();
        return () -> {
            Connection c = driver.connect(url.jdbcUrl(), p);
            if (c == null) {
                throw new SQLException("pgjdbc does not accept " + url.display(), "08001");
            }
            return c;
        };
    }

    /** A connection ready for Huddle's transactions, the schema migrated when behind. */
    Connection open() {
        Connection c = connect();
        if (prepared) {
            return c;
        }
        try (Statement s = c.createStatement()) {
            s.execute(SESSION);
            upgrade(c);
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw PostgresErrors.classify(e, url);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** A bare connection, for settling a commit whose answer was lost. */
    Connection connect() {
        try {
            return source.open();
        } catch (SQLException e) {
            throw PostgresErrors.connecting(e, url);
        }
    }

    private void upgrade(Connection c) throws SQLException {
        int latest = PostgresSchema.MIGRATIONS.size();
        if (checked(PostgresSchema.version(c)) == latest) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(" + PostgresStore.WRITERS_LOCK + ")");
            try {
                int version = checked(PostgresSchema.version(c));
                if (version < latest) {
                    PostgresSchema.migrate(c, version);
                }
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private int checked(int version) {
        int latest = PostgresSchema.MIGRATIONS.size();
        if (version > latest) {
            throw new StoreException.Unavailable("store " + url.display() + " has schema version " + version
                    + ", newer than this Huddle (" + latest + "): upgrade Huddle", null);
        }
        return version;
    }

    static void rollbackQuietly(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException ignore) {
            // No transaction was open, or the connection is gone: the server has rolled back.
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignore) {
            // Closing a connection that failed: nothing left to release.
        }
    }
}
