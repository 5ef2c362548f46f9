package dev.huddle.store.postgres;

import dev.huddle.store.Backoff;
import dev.huddle.store.Store;
import dev.huddle.store.StoreException;
import dev.huddle.store.Tx;
import dev.huddle.store.Written;
import dev.huddle.store.sql.SqlBatch;
import dev.huddle.store.sql.SqlJdbc;
import dev.huddle.store.sql.SqlTx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The shared store: one PostgreSQL database, for a team across several machines (DESIGN §7).
 * Writers are totally ordered as SQLite's single writer is: every write transaction (READ
 * COMMITTED) first takes one transaction-scoped advisory lock, so no two writers ever decide on
 * the same state and no isolation anomaly can grant a lease or a claim twice; busy answers
 * (lock timeout, 40001, 40P01) are retried with backoff. Reads run on REPEATABLE READ READ ONLY
 * snapshots and take no lock. A COMMIT whose answer is lost is settled ({@link PostgresCommits}):
 * a write is reported done only if it committed. Every write transaction NOTIFYs
 * {@value PostgresChangeFeed#CHANNEL} in the statement that counts it, so the notification is
 * delivered on commit only ({@link PostgresChangeFeed}). One connection per store, opened on first
 * use and kept; a store of a {@link PostgresPool} instead borrows one per transaction. A store
 * belongs to one thread at a time.
 */
public final class PostgresStore implements Store {

    /** The writers' advisory lock key ("Huddle" in ASCII): one per database, shared by its schemas. */
    static final long WRITERS_LOCK = 0x487564646c65L;

    private static final int MAX_ATTEMPTS = 6;
    private static final String BEGIN_WRITE = "BEGIN ISOLATION LEVEL READ COMMITTED";
    private static final String TAKE_WRITERS_LOCK = "SELECT pg_advisory_xact_lock(" + WRITERS_LOCK + ")";
    private static final String BEGIN_READ = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

    private final PostgresUrl url;
    private final PostgresConnector connector;
    private final PostgresCommits commits;
    /** Gives its connection back after each transaction (and each look at {@link #changes}). */
    private final boolean pooled;
    private Connection connection;
    /** Connections opened (or borrowed) so far. */
    private long opened;
    private PreparedStatement commitCount;
    /** Commits made through this store: {@link #changes} leaves them out, as SQLite's data_version does. */
    private long ownCommits;

    /** A store in the database {@code url} names, connected on first use. */
    public PostgresStore(PostgresUrl url) {
        this(url, PostgresConnector.direct(url));
    }

    PostgresStore(PostgresUrl url, PostgresConnector.Source source) {
        this(url, source, false);
    }

    /** A store over {@code source}; {@code pooled}: its connections are a pool's, prepared and given back after use. */
    PostgresStore(PostgresUrl url, PostgresConnector.Source source, boolean pooled) {
        this.url = url;
        this.connector = new PostgresConnector(url, source, pooled);
        this.commits = new PostgresCommits(connector, url);
        this.pooled = pooled;
    }

    @Override
    public <T> T write(Function<Tx, T> work) {
        return givingBack(() -> transact(work, result -> true));
    }

    /**
     * All in one transaction, each work in a savepoint ({@link SqlBatch}); the last work's writes go
     * with the commit. When that message fails, the writes of the last work (or an earlier one whose
     * writes it carried) may be what failed, or the commit itself: the batch runs again with each
     * work's writes sent on their own, so that a failure is its own work's and a store's failure the
     * batch's (a COMMIT that failed did not commit: one whose answer was lost is settled instead).
     */
    @Override
    public List<Written> writeEach(List<? extends Function<Tx, ?>> works) {
        try {
            return batch(works, SqlBatch.Last.WITH_COMMIT);
        } catch (StoreException.Failure unclear) {
            return batch(works, SqlBatch.Last.SENT);
        }
    }

    private List<Written> batch(List<? extends Function<Tx, ?>> works, SqlBatch.Last last) {
        return givingBack(() -> transact(tx -> SqlBatch.runEach(tx, works, last), SqlBatch::anyDone));
    }

    @Override
    public <T> T rehearse(Function<Tx, T> work) {
        return givingBack(() -> transact(work, result -> false));
    }

    /** One snapshot; a connection lost before the work ends is replaced once (reading twice is harmless). */
    @Override
    public <T> T read(Function<Tx, T> work) {
        return givingBack(() -> readAgainIfLost(work));
    }

    private <T> T readAgainIfLost(Function<Tx, T> work) {
        BooleanSupplier connected = held();
        try {
            return readOnce(work);
        } catch (StoreException.Unavailable lost) {
            if (!connected.getAsBoolean() || connection != null) {
                throw lost; // could not connect at all, or failed for another reason: no second try
            }
            return readOnce(work);
        }
    }

    private <T> T readOnce(Function<Tx, T> work) {
        Connection c = connection();
        try {
            // Posted, as the start of a write: the BEGIN goes with the work's first statement.
            PostgresJdbc jdbc = new PostgresJdbc(c, url);
            jdbc.post(BEGIN_READ);
            return work.apply(new SqlTx(jdbc, PostgresDialect.POSTGRES));
        } finally {
            end(c);
        }
    }

    /**
     * The commit counter less this store's own commits: it moves exactly when another connection
     * commits. A connection found lost is replaced once, as for reads.
     */
    @Override
    public long changes() {
        return givingBack(() -> {
            BooleanSupplier connected = held();
            try {
                return commitCount();
            } catch (StoreException.Unavailable lost) {
                if (!connected.getAsBoolean() || connection != null) {
                    throw lost;
                }
                return commitCount();
            }
        });
    }

    /**
     * Whether, when asked after a failure, the work had a connection that was already in use: then
     * the failure may be that connection lost (a restarted server), worth one try on a new one.
     * A store of its own asks whether it held one before; a pooled store, whose connection comes
     * from the pool for each transaction (maybe idle there since the server restarted), whether it
     * got one at all, so that failing to connect is not tried twice.
     */
    private BooleanSupplier held() {
        boolean before = connection != null;
        long openedBefore = opened;
        return () -> before || (pooled && opened != openedBefore);
    }

    /** A pooled store's connection goes back to the pool after each use (no transaction is open then). */
    private <T> T givingBack(Supplier<T> use) {
        try {
            return use.get();
        } finally {
            if (pooled) {
                drop();
            }
        }
    }

    private long commitCount() {
        try {
            if (commitCount == null) {
                commitCount = connection().prepareStatement("SELECT value FROM huddle_meta WHERE key = 'commits'");
            }
            try (ResultSet rs = commitCount.executeQuery()) {
                return (rs.next() ? rs.getLong(1) : 0) - ownCommits;
            }
        } catch (SQLException e) {
            dropIfBroken();
            throw PostgresErrors.classify(e, url);
        }
    }

    /** Runs {@code work} in a write transaction, committed when {@code keep} says so of its result (else rolled back). */
    private <T> T transact(Function<Tx, T> work, Predicate<? super T> keep) {
        StoreException last = null;
        long waitedMs = 0;
        boolean reconnected = false;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            long start = System.nanoTime();
            Connection c = reconnected ? reconnect() : connection();
            PostgresCommits.Mark mark = null;
            T result = null;
            try {
                // The BEGIN, the writers' lock and what the commit will be known by go with the work's
                // first statement; the work's last writes, the count and COMMIT go as one message.
                PostgresJdbc jdbc = new PostgresJdbc(c, url);
                jdbc.post(BEGIN_WRITE);
                jdbc.post(TAKE_WRITERS_LOCK);
                SqlJdbc.Ahead<PostgresCommits.Mark> next = jdbc.ahead(PostgresCommits.next());
                result = work.apply(new SqlTx(jdbc, PostgresDialect.POSTGRES));
                if (!keep.test(result)) {
                    jdbc.flush(); // what the work posted: its failure is the work's
                    end(c);
                    return result;
                }
                mark = next.rows().getFirst();
                PostgresCommits.commit(jdbc, mark);
                ownCommits++;
                return result;
            } catch (StoreException.Busy busy) {
                last = busy;
                end(c);
                waitedMs += (System.nanoTime() - start) / 1_000_000 + Backoff.pause(attempt);
            } catch (StoreException.Unavailable lost) {
                end(c);
                if (mark != null) {
                    // Lost with the COMMIT sent, or about to be: settled by the mark, never guessed; the
                    // work runs again only if it did not commit.
                    drop();
                    connection = commits.settle(mark, lost).orElse(null);
                    if (connection != null) {
                        ownCommits++;
                        return result;
                    }
                }
                if (connection != null || reconnected) {
                    throw connection != null ? lost : notSaved(lost);
                }
                // The server rolled the work back: once more, on a new connection.
                reconnected = true;
            } catch (RuntimeException | Error e) {
                end(c);
                throw e;
            }
        }
        throw new StoreException.Busy("store " + url.display() + " stayed busy: waited " + waitedMs + " ms over "
                + MAX_ATTEMPTS + " attempts; another process holds a long write transaction", last);
    }

    private Connection reconnect() {
        try {
            return connection();
        } catch (StoreException.Unavailable down) {
            throw notSaved(down);
        }
    }

    private static StoreException notSaved(StoreException lost) {
        return new StoreException.Unavailable(lost.getMessage() + "; the change was not saved (PostgreSQL rolled it"
                + " back): run the command again", lost);
    }

    private Connection connection() {
        if (connection == null) {
            connection = connector.open();
            opened++;
        }
        return connection;
    }

    /** Ends whatever transaction is open; a connection found broken is dropped, to be replaced on next use. */
    private void end(Connection c) {
        PostgresConnector.rollbackQuietly(c);
        dropIfBroken();
    }

    private void dropIfBroken() {
        try {
            // pgjdbc's own connection says it is closed once its socket failed; a pool's wrapper does not.
            if (connection != null && (connection.isClosed() || connection.unwrap(Connection.class).isClosed())) {
                drop();
            }
        } catch (SQLException ignore) {
            drop(); // isClosed does not fail on a sound connection
        }
    }

    private void drop() {
        if (connection != null) {
            PostgresConnector.closeQuietly(connection);
        }
        connection = null;
        commitCount = null;
    }

    /** What a test does on a store's own connection. */
    @FunctionalInterface
    interface ConnectionUse<T> {
        T apply(Connection c) throws SQLException;
    }

    /**
     * Runs {@code use} on this store's own connection between transactions: tests look at what
     * the session prepared ({@code pg_prepared_statements}) and at those statements' plans.
     */
    <T> T onConnection(ConnectionUse<T> use) {
        try {
            return use.apply(connection());
        } catch (SQLException e) {
            throw PostgresErrors.classify(e, url);
        }
    }

    /** The JSON-lines export of one snapshot, in a new 0600 file ({@link PostgresBackup}). */
    @Override
    public void backupTo(Path target) {
        PostgresBackup.write(this, target);
    }

    @Override
    public String location() {
        return url.display();
    }

    @Override
    public void close() {
        drop();
    }
}
