package dev.huddle.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.store.StoreException;
import dev.huddle.testing.PrivatePostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settling a lost COMMIT after PostgreSQL crashed, on a server of the test's own: a transaction
 * whose records never reached the WAL is gone after the crash, and its id is handed out again.
 * Found by PostgresRestartIT (an unlock through serve reported done, absent after an immediate
 * restart): {@code txid_status} of the lost id then answers for the newer transaction.
 */
@Timeout(120)
class PostgresCommitsCrashTest {

    @TempDir
    Path dir;

    @Test
    void aTransactionLostInACrash_isNotSaved_evenWhenItsIdWasHandedOutAgainAndCommitted() throws Exception {
        try (PrivatePostgres server = PrivatePostgres.start(dir.resolve("pg"))) {
            PostgresUrl url = server.createDatabase("crash");
            try (PostgresStore store = new PostgresStore(url)) {
                store.write(tx -> tx.nextFencingToken()); // the schema, and one commit: the counter and ring in use
            }
            PostgresCommits.Mark lost;
            Connection c = PostgresConnector.direct(url).open();
            try (Statement s = c.createStatement()) {
                s.execute("BEGIN");
                // An id handed out without a record in the WAL, and what the commit would have counted and marked.
                long xid = number(s, "SELECT txid_current()");
                long count = number(s, "SELECT value FROM huddle_meta WHERE key = 'commits'") + 1;
                lost = new PostgresCommits.Mark(xid, count, ThreadLocalRandom.current().nextLong());
            }
            server.stop("immediate"); // the COMMIT is never answered: a crash
            server.start();
            PostgresConnector.closeQuietly(c);

            try (Connection other = PostgresConnector.direct(url).open(); Statement s = other.createStatement()) {
                long handedOut = 0;
                for (int i = 0; i < 1_000 && handedOut < lost.xid(); i++) {
                    handedOut = number(s, "SELECT txid_current()"); // each its own committed transaction
                }
                assertThat(handedOut).as("the lost transaction's id handed out again after the crash").isEqualTo(lost.xid());
                try (ResultSet rs = s.executeQuery("SELECT txid_status(" + lost.xid() + ")")) {
                    rs.next();
                    assertThat(rs.getString(1)).as("what the id alone says").isEqualTo("committed");
                }
            }
            PostgresCommits commits = new PostgresCommits(new PostgresConnector(url, PostgresConnector.direct(url)), url);
            assertThat(commits.settle(lost, LOST)).as("settled as not saved").isEmpty();
        }
    }

    @Test
    void aTransactionCommittedJustBeforeACrash_isSaved() throws Exception {
        try (PrivatePostgres server = PrivatePostgres.start(dir.resolve("pg"))) {
            PostgresUrl url = server.createDatabase("crash");
            try (PostgresStore store = new PostgresStore(url)) {
                store.write(tx -> tx.nextFencingToken()); // the schema
            }
            PostgresCommits.Mark committed;
            try (Connection c = PostgresConnector.direct(url).open()) {
                PostgresJdbc jdbc = new PostgresJdbc(c, url);
                jdbc.post("BEGIN");
                committed = jdbc.ahead(PostgresCommits.next()).rows().getFirst();
                PostgresCommits.commit(jdbc, committed); // its answer counts as lost below
            }
            server.stop("immediate");
            server.start();
            PostgresCommits commits = new PostgresCommits(new PostgresConnector(url, PostgresConnector.direct(url)), url);
            Optional<Connection> settled = commits.settle(committed, LOST);
            assertThat(settled).as("settled as saved").isPresent();
            PostgresConnector.closeQuietly(settled.orElseThrow());
        }
    }

    private static final StoreException LOST =
            new StoreException.Unavailable("lost", new SQLException("connection lost", "08006"));

    private static long number(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
