package dev.huddle.store.postgres;

import dev.huddle.store.StoreException;
import dev.huddle.store.sql.SqlJdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Settles a COMMIT whose answer was lost with the connection: the commit may or may not have
 * happened, and a write must never be reported done when it was not, nor failed when it was.
 *
 * <p>Every write transaction ends with one statement ({@link #commit}) that counts the commit (what
 * {@code changes()} reads), NOTIFYs the change feed and leaves a mark: a random number of the
 * writer's in a ring of {@value #RING} rows of {@code huddle_meta}, at the slot its count names.
 * What it will be known by is read first ({@link #next}), with the writers' lock held, so the
 * count is exact and the last writes, the count and COMMIT can go as one message. The mark, not
 * the transaction id, says whether it committed: after a crash PostgreSQL hands out again the
 * transaction ids whose records never reached the WAL, so {@code txid_status} of a lost
 * transaction may answer for a newer one that committed (seen in PostgresRestartIT: an unlock
 * reported done, absent after an immediate restart). The id still tells when to look: while it is
 * "in progress" (the old session still finishing) the outcome can change, so the settlement waits.
 * Then the mark decides; if {@value #RING} or more commits came since (the slot may be another's),
 * the outcome is reported unknown, never guessed.
 */
final class PostgresCommits {

    /** Slots of the marks' ring: at thousands of commits a second, far more than a settlement's 10 s sees. */
    static final int RING = 65_536;

    private static final String COUNT = """
            WITH counted AS (UPDATE huddle_meta SET value = value + 1 WHERE key = 'commits'),
                 marked AS (INSERT INTO huddle_meta (key, value) VALUES (?, ?)
                            ON CONFLICT (key) DO UPDATE SET value = excluded.value)
            SELECT pg_notify('%s', '')""".formatted(PostgresChangeFeed.CHANNEL);

    /** What a write transaction left to be recognised by: its id, its count and its mark. */
    record Mark(long xid, long count, long token) {}

    /**
     * The open write transaction's id and the count its commit will take, with a new token: read
     * after the writers' lock is taken (every commit counts under it, so no other can come between).
     */
    static SqlJdbc.Query<Mark> next() {
        long token = ThreadLocalRandom.current().nextLong();
        return new SqlJdbc.Query<>("SELECT txid_current(), value + 1 FROM huddle_meta WHERE key = 'commits'",
                rs -> new Mark(rs.getLong(1), rs.getLong(2), token));
    }

    /** Counts, marks, notifies and commits the open write transaction, after what is posted: one message. */
    static void commit(SqlJdbc jdbc, Mark mark) {
        jdbc.post(COUNT, slot(mark.count()), mark.token());
        jdbc.post("COMMIT");
        jdbc.flush();
    }

    private static String slot(long count) {
        return "mark-" + Math.floorMod(count, RING);
    }

    /** How long a settlement keeps trying to reach the server and get a final answer. */
    static final long SETTLE_MS = 10_000;
    private static final long PAUSE_MS = 50;

    private final PostgresConnector connector;
    private final PostgresUrl url;

    PostgresCommits(PostgresConnector connector, PostgresUrl url) {
        this.connector = connector;
        this.url = url;
    }

    /**
     * A new connection when the transaction that left {@code mark} committed, none when it did not
     * (the server rolled it back); throws an {@code Unavailable} saying that its fate is unknown when
     * the server stays unreachable for {@link #SETTLE_MS} (or the ring moved on).
     */
    Optional<Connection> settle(Mark mark, StoreException lost) {
        long xid = mark.xid();
        long deadline = System.nanoTime() + SETTLE_MS * 1_000_000;
        StoreException last = null;
        while (System.nanoTime() < deadline) {
            Connection c = null;
            try {
                c = connector.open();
                if (!"in progress".equals(status(c, xid))) {
                    Outcome outcome = marked(c, mark);
                    if (outcome == Outcome.SAVED) {
                        return Optional.of(c);
                    }
                    PostgresConnector.closeQuietly(c);
                    if (outcome == Outcome.NOT_SAVED) {
                        return Optional.empty();
                    }
                    break; // the ring moved on: its slot may be another's
                }
                PostgresConnector.closeQuietly(c);
            } catch (StoreException.Unavailable e) {
                last = e; // not reachable yet: ask again
            } catch (SQLException e) {
                PostgresConnector.closeQuietly(c);
                last = PostgresErrors.classify(e, url);
            }
            pause();
        }
        StoreException unknown = new StoreException.Unavailable("lost the connection to PostgreSQL at " + url.hostAndPort()
                + " while committing, and could not learn within " + SETTLE_MS / 1000 + " s whether the change was saved"
                + " (transaction " + xid + "): check with `huddle status` before running the command again", lost);
        if (last != null) {
            unknown.addSuppressed(last);
        }
        throw unknown;
    }

    private enum Outcome { SAVED, NOT_SAVED, UNKNOWN }

    /** Whether the mark is in its slot, and whether the slot can still be trusted to hold it. */
    private static Outcome marked(Connection c, Mark mark) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT value FROM huddle_meta WHERE key = 'commits'),"
                + " (SELECT value FROM huddle_meta WHERE key = ?)")) {
            ps.setString(1, slot(mark.count()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long now = rs.getLong(1);
                long found = rs.getLong(2);
                boolean present = !rs.wasNull();
                if (present && found == mark.token()) {
                    return Outcome.SAVED;
                }
                return now - mark.count() < RING ? Outcome.NOT_SAVED : Outcome.UNKNOWN;
            }
        }
    }

    /**
     * {@code txid_status}, or "future" for an id the server has not handed out (again) since a
     * crash: a transaction whose records were all lost, so not in progress.
     */
    private static String status(Connection c, long xid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT txid_status(?)")) {
            ps.setLong(1, xid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            if ("22023".equals(e.getSQLState())) { // invalid_parameter_value: "transaction ID … is in the future"
                return "future";
            }
            throw e;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException.Unavailable("interrupted while settling a lost commit", e);
        }
    }
}
