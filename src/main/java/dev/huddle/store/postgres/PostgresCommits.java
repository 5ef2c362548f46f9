package dev.huddle.store.postgres;

import dev.huddle.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Settles a COMMIT whose answer was lost with the connection: the commit may or may not have
 * happened, and a write must never be reported done when it was not, nor failed when it was.
 * Every write transaction knows its own transaction id ({@code txid_current()}); PostgreSQL keeps
 * each recent transaction's fate, and {@code txid_status} reads it from a new connection: made for
 * exactly this case. While the old session is still finishing, the answer is "in progress", so it
 * is asked again until it is final.
 */
final class PostgresCommits {

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
     * Returns a new connection when transaction {@code xid} committed; throws an {@code Unavailable}
     * saying that the change was not saved when it did not, or that its fate is unknown when the
     * server stays unreachable for {@link #SETTLE_MS}.
     */
    Connection settle(long xid, SQLException lost) {
        long deadline = System.nanoTime() + SETTLE_MS * 1_000_000;
        StoreException last = null;
        while (System.nanoTime() < deadline) {
            Connection c = null;
            try {
                c = connector.open();
                String status = status(c, xid);
                if ("committed".equals(status)) {
                    return c;
                }
                PostgresConnector.closeQuietly(c);
                if (!"in progress".equals(status)) {
                    throw new StoreException.Unavailable("lost the connection to PostgreSQL at " + url.hostAndPort()
                            + " while committing; the change was NOT saved (the server rolled it back): run the command again",
                            lost);
                }
            } catch (StoreException.Unavailable e) {
                if (e.getCause() == lost) {
                    throw e;
                }
                last = e; // not reachable yet: ask again
            } catch (SQLException e) {
                PostgresConnector.closeQuietly(c);
                last = PostgresErrors.classify(e, url);
            }
            pause();
        }
        StoreException unknown = new StoreException.Unavailable("lost the connection to PostgreSQL at " + url.hostAndPort()
                + " while committing, and could not learn within " + SETTLE_MS / 1000 + " s whether the change was saved"
                + " (transaction " + xid + "; ask with SELECT txid_status(" + xid + ")): check with `huddle status`"
                + " before running the command again", lost);
        if (last != null) {
            unknown.addSuppressed(last);
        }
        throw unknown;
    }

    private static String status(Connection c, long xid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT txid_status(?)")) {
            ps.setLong(1, xid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
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
