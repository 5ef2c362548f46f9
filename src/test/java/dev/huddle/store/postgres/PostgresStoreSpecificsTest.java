package dev.huddle.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.store.StoreException;
import dev.huddle.store.Tx;
import dev.huddle.store.sql.SqlDumpRows;
import dev.huddle.testing.IndexOnlyMigrations;
import dev.huddle.testing.PostgresDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What only the PostgreSQL adapter has: its schema table, its connection errors, lost commits. */
class PostgresStoreSpecificsTest {

    @RegisterExtension
    static final PostgresDatabases databases = PostgresDatabases.perClass();

    private static long scalar(PostgresUrl url, String sql) throws SQLException {
        try (Connection c = PostgresDatabases.connect(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(PostgresUrl url, String sql) throws SQLException {
        try (Connection c = PostgresDatabases.connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> tables(PostgresUrl url, String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = PostgresDatabases.connect(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                        + schema + "' ORDER BY table_name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void open_whenSchemaEmpty_everyMigrationRuns_versionRecorded() throws Exception {
        PostgresUrl url = databases.schema("fresh");
        try (PostgresStore store = new PostgresStore(url)) {
            assertThat(store.read((Tx tx) -> tx.agents().all())).isEmpty();
        }
        assertThat(scalar(url, "SELECT value FROM huddle_meta WHERE key = 'schema'"))
                .isEqualTo(PostgresSchema.MIGRATIONS.size()).isEqualTo(9);
        List<String> expected = new ArrayList<>(SqlDumpRows.TABLES);
        expected.addAll(SqlDumpRows.NOT_EXPORTED);
        expected.add("huddle_meta");
        assertThat(tables(url, "fresh")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void migrationsAfterTheOldestRestorableExport_onlyAddIndexes() {
        IndexOnlyMigrations.check(PostgresSchema.MIGRATIONS);
    }

    @Test
    void open_whenTwoStoresMigrateOneEmptySchemaAtOnce_bothWork() throws Exception {
        PostgresUrl url = databases.schema("racing");
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (PostgresStore store = new PostgresStore(url)) {
                    store.write((Tx tx) -> tx.nextFencingToken());
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
        assertThat(scalar(url, "SELECT value FROM counters WHERE name = 'fence'")).isEqualTo(4);
    }

    @Test
    void open_whenSchemaNewerThanThisHuddle_refusedInOneLine() throws Exception {
        PostgresUrl url = databases.schema("future");
        try (PostgresStore store = new PostgresStore(url)) {
            store.write((Tx tx) -> tx.nextFencingToken());
        }
        execute(url, "UPDATE huddle_meta SET value = 99 WHERE key = 'schema'");
        try (PostgresStore store = new PostgresStore(url)) {
            assertThatThrownBy(() -> store.read((Tx tx) -> tx.agents().all()))
                    .isInstanceOf(StoreException.Unavailable.class)
                    .hasMessage("store " + url.display() + " has schema version 99, newer than this Huddle ("
                            + PostgresSchema.MIGRATIONS.size() + "): upgrade Huddle");
        }
        assertThat(scalar(url, "SELECT value FROM huddle_meta WHERE key = 'schema'")).as("left as it was").isEqualTo(99);
    }

    @Test
    void open_whenServerDown_oneLineNamingHostAndPort() {
        PostgresUrl down = PostgresUrl.parse("postgresql://postgres@127.0.0.1:1/huddle");
        try (PostgresStore store = new PostgresStore(down)) {
            assertThatThrownBy(() -> store.read((Tx tx) -> tx.agents().all()))
                    .isInstanceOf(StoreException.Unavailable.class)
                    .hasMessage("cannot reach PostgreSQL at 127.0.0.1:1 (connection refused): start the server or fix HUDDLE_DB");
        }
    }

    @Test
    void open_whenDatabaseMissing_oneLineSayingHowToCreateIt() {
        PostgresUrl missing = databases.url().withDatabase("huddle_no_such_db");
        try (PostgresStore store = new PostgresStore(missing)) {
            assertThatThrownBy(() -> store.write((Tx tx) -> tx.nextFencingToken()))
                    .isInstanceOf(StoreException.Unavailable.class)
                    .hasMessage("database 'huddle_no_such_db' does not exist on PostgreSQL at " + missing.hostAndPort()
                            + ": create it with `createdb -h " + missing.properties().getProperty("PGHOST") + " -p "
                            + missing.properties().getProperty("PGPORT") + " -U postgres huddle_no_such_db`"
                            + " (or CREATE DATABASE \"huddle_no_such_db\")");
        }
    }

    @Test
    void open_whenUserUnknown_oneLineNamingTheUser() {
        PostgresUrl url = PostgresUrl.parse("postgresql://huddle_nobody@" + databases.url().hostAndPort() + "/"
                + databases.url().database());
        try (PostgresStore store = new PostgresStore(url)) {
            assertThatThrownBy(() -> store.read((Tx tx) -> tx.agents().all()))
                    .isInstanceOf(StoreException.Unavailable.class)
                    .hasMessageStartingWith("PostgreSQL at " + url.hostAndPort() + " refused user 'huddle_nobody' (")
                    .hasMessageEndingWith("): check the user and password in HUDDLE_DB")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    /** A database that takes no sessions for now (ALLOW_CONNECTIONS false, SQLSTATE 55000), as PostgresFaultIT's outage. */
    @Test
    void open_whenDatabaseNotAcceptingConnections_oneLineSayingTryAgain() throws Exception {
        try (PostgresDatabases closed = PostgresDatabases.create()) {
            PostgresUrl url = closed.url();
            execute(url.withDatabase("postgres"), "ALTER DATABASE " + url.database() + " ALLOW_CONNECTIONS false");
            try (PostgresStore store = new PostgresStore(url)) {
                assertThatThrownBy(() -> store.read((Tx tx) -> tx.agents().all()))
                        .isInstanceOf(StoreException.Unavailable.class)
                        .hasMessage("PostgreSQL at " + url.hostAndPort() + " is not accepting connections to database '"
                                + url.database() + "' right now (its connections are switched off): try again in a moment");
            } finally {
                execute(url.withDatabase("postgres"), "ALTER DATABASE " + url.database() + " ALLOW_CONNECTIONS true");
            }
        }
    }

    @Test
    void location_showsUserHostPortAndDatabase_neverThePassword() {
        PostgresUrl url = PostgresUrl.parse("postgresql://alice:s3cret@db.example:6543/team?sslmode=require");
        try (PostgresStore store = new PostgresStore(url)) {
            assertThat(store.location()).isEqualTo("postgresql://alice@db.example:6543/team");
        }
    }

    @Test
    void write_whenConnectionKilledBeforeCommit_reportsNotSaved_andNothingWasWritten() throws Exception {
        PostgresUrl url = databases.schema("killed");
        try (PostgresStore store = new PostgresStore(url)) {
            store.write((Tx tx) -> tx.nextFencingToken());
            assertThatThrownBy(() -> store.write((Tx tx) -> {
                tx.nextFencingToken();
                terminateOtherSessions(url);
                return null;
            })).isInstanceOf(StoreException.Unavailable.class)
                    .hasMessageStartingWith("lost the connection to PostgreSQL at " + url.hostAndPort())
                    .hasMessageEndingWith("the change was not saved (PostgreSQL rolled it back): run the command again")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThat(scalar(url, "SELECT value FROM counters WHERE name = 'fence'")).as("not written").isEqualTo(1);
            assertThat(store.write((Tx tx) -> tx.nextFencingToken().value())).as("the store reconnects").isEqualTo(2);
        }
    }

    @Test
    void readAndWrite_whenConnectionKilledBetweenCommands_reconnectOnTheirOwn() throws Exception {
        PostgresUrl url = databases.schema("between");
        try (PostgresStore store = new PostgresStore(url)) {
            store.write((Tx tx) -> tx.nextFencingToken());
            terminateOtherSessions(url);
            assertThat(store.read((Tx tx) -> tx.agents().all())).isEmpty();
            terminateOtherSessions(url);
            assertThat(store.write((Tx tx) -> tx.nextFencingToken().value())).isEqualTo(2);
            terminateOtherSessions(url);
            assertThat(store.changes()).as("nobody else wrote").isZero();
        }
    }

    @Test
    void write_whenCommitAnswerLostButCommitted_settledAsDone() throws Exception {
        PostgresUrl url = databases.schema("lostanswer");
        migrated(url);
        try (PostgresStore store = new PostgresStore(url, LosingCommits.afterCommit(PostgresConnector.direct(url)))) {
            long token = store.write((Tx tx) -> tx.nextFencingToken().value());
            assertThat(token).isEqualTo(1);
            assertThat(scalar(url, "SELECT value FROM counters WHERE name = 'fence'")).as("committed").isEqualTo(1);
            assertThat(store.changes()).as("its own commit, settled, is not another's").isZero();
        }
    }

    @Test
    void write_whenCommitAnswerLostAndNotCommitted_settledAsNotSaved_andRunOnceMore() throws Exception {
        PostgresUrl url = databases.schema("lostcommit");
        migrated(url);
        int[] runs = {0};
        try (PostgresStore store = new PostgresStore(url, LosingCommits.insteadOfCommit(PostgresConnector.direct(url)))) {
            long token = store.write((Tx tx) -> {
                runs[0]++;
                return tx.nextFencingToken().value();
            });
            assertThat(runs[0]).as("run again once it was settled as rolled back").isEqualTo(2);
            assertThat(token).as("the second run's, the only one that committed").isEqualTo(1);
            assertThat(scalar(url, "SELECT value FROM counters WHERE name = 'fence'")).as("written once").isEqualTo(1);
        }
    }

    @Test
    void write_whenTheCommitIsLostTwice_reportsNotSaved_andNothingWasWritten() throws Exception {
        PostgresUrl url = databases.schema("losttwice");
        migrated(url);
        try (PostgresStore store = new PostgresStore(url, LosingCommits.insteadOfEveryCommit(PostgresConnector.direct(url)))) {
            assertThatThrownBy(() -> store.write((Tx tx) -> tx.nextFencingToken().value()))
                    .isInstanceOf(StoreException.Unavailable.class)
                    .hasMessageStartingWith("lost the connection to PostgreSQL at " + url.hostAndPort())
                    .hasMessageEndingWith("the change was not saved (PostgreSQL rolled it back): run the command again")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThat(scalar(url, "SELECT value FROM counters WHERE name = 'fence'")).as("not committed").isZero();
        }
    }

    @Test
    void read_whenWorkTriesToWrite_refusedAsReadOnly() {
        try (PostgresStore store = new PostgresStore(databases.schema("readonly"))) {
            assertThatThrownBy(() -> store.read((Tx tx) -> tx.nextFencingToken()))
                    .isInstanceOf(StoreException.Failure.class).hasMessageContaining("a read tried to write");
        }
    }

    @Test
    void backupTo_writesTheJsonLinesExport(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("backup.jsonl");
        try (PostgresStore store = new PostgresStore(databases.schema("backup"))) {
            store.write((Tx tx) -> tx.nextFencingToken());
            store.backupTo(target);
            List<String> export = store.read((Tx tx) -> {
                List<String> lines = new ArrayList<>();
                tx.dump().export(lines::add);
                return lines;
            });
            assertThat(java.nio.file.Files.readAllLines(target)).isEqualTo(export);
            assertThat(java.nio.file.Files.getPosixFilePermissions(target)).extracting(Object::toString)
                    .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
            assertThatThrownBy(() -> store.backupTo(target)).isInstanceOf(HuddleException.class)
                    .hasMessageContaining("already exists");
        }
    }

    /** Opens a store once, so the schema exists before a test's own connection (whose COMMITs it intercepts). */
    private static void migrated(PostgresUrl url) {
        try (PostgresStore store = new PostgresStore(url)) {
            store.read((Tx tx) -> tx.agents().all());
        }
    }

    /** Ends every other session on the test database, waiting until they are gone. */
    private static void terminateOtherSessions(PostgresUrl url) {
        try {
            execute(url, "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
