package dev.huddle.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.frontier.Pointstamp;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.message.Importance;
import dev.huddle.core.message.Message;
import dev.huddle.store.Tx;
import dev.huddle.store.postgres.PostgresStore;
import dev.huddle.store.postgres.PostgresUrl;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresDatabases#perClassRecyclingSchemas}: a finished test's schema, handed to a later
 * test, holds what a newly migrated one holds, so the same writes leave both with the same rows
 * (sequences started again, the migrations' seed rows back); and a schema a test left locked is
 * never handed on.
 */
class SchemaRecyclerTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    private final PostgresDatabases databases = PostgresDatabases.perClassRecyclingSchemas(Duration.ofMillis(300));

    @BeforeEach
    void createDatabase() {
        databases.beforeAll(PostgresDatabasesTest.context(SchemaRecyclerTest.class));
    }

    @AfterEach
    void dropDatabase() {
        databases.afterAll(PostgresDatabasesTest.context(SchemaRecyclerTest.class));
    }

    @Test
    void schemaForALaterTest_isTheFinishedTestsEmptied_andTheSameWritesLeaveItAsTheyLeaveANewOne() throws SQLException {
        PostgresUrl first = databases.schemaFor(Path.of("/test-1"));
        writeTeam(first);
        databases.afterEach(null);

        PostgresUrl recycled = databases.schemaFor(Path.of("/test-2"));
        PostgresUrl fresh = databases.schemaFor(Path.of("/test-2/other"));

        assertThat(schema(recycled)).as("the later test's schema").isEqualTo(schema(first));
        assertThat(schema(fresh)).as("a second schema while the first is in use").isNotEqualTo(schema(first));
        writeTeam(recycled);
        writeTeam(fresh);
        List<String> tables = rows(fresh, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1");
        assertThat(tables).contains("agents", "messages", "deliveries", "leases", "counters", "huddle_meta");
        for (String table : tables) {
            // A commit's mark is random (PostgresCommits): its key is compared, not its value.
            String all = table.equals("huddle_meta") ? "SELECT key, CASE WHEN key LIKE 'mark-%' THEN '' ELSE value::text END"
                    + " FROM huddle_meta ORDER BY 1" : "SELECT * FROM " + table + " ORDER BY 1, 2";
            assertThat(rows(recycled, all)).as("table %s", table).isEqualTo(rows(fresh, all));
        }
        for (String written : List.of("agents", "leases", "messages", "deliveries", "counters", "huddle_meta")) {
            assertThat(rows(recycled, "SELECT 1 FROM " + written)).as("rows in %s", written).isNotEmpty();
        }
    }

    @Test
    void schemaLeftLockedByATest_isNotHandedOn() throws SQLException {
        PostgresUrl first = databases.schemaFor(Path.of("/test-1"));
        writeTeam(first);
        try (Connection open = PostgresDatabases.connect(first); Statement s = open.createStatement()) {
            open.setAutoCommit(false);
            s.execute("LOCK TABLE agents IN EXCLUSIVE MODE"); // a transaction the test never ended
            databases.afterEach(null);

            PostgresUrl next = databases.schemaFor(Path.of("/test-2"));

            assertThat(schema(next)).as("the next test's schema").isNotEqualTo(schema(first));
            open.rollback();
            assertThat(rows(first, "SELECT count(*) FROM agents")).as("the locked schema, left as it was").containsExactly("2");
        }
    }

    /** Two agents, a lease with a fencing token, a message delivered: rows in tables with sequences and seed rows. */
    private static void writeTeam(PostgresUrl url) {
        try (PostgresStore store = new PostgresStore(url)) {
            store.write((Tx tx) -> {
                tx.agents().insert(agent("alice"));
                tx.agents().insert(agent("bob"));
                tx.leases().insert(new Lease(0, Resource.fromText("src/a.txt"), new AgentId("alice"), LeaseMode.EXCLUSIVE,
                        tx.nextFencingToken(), Optional.empty(), Optional.empty(), T0, T0.plusSeconds(60), Optional.empty()));
                return tx.messages().insert(new Message(0, new AgentId("alice"), new LamportTime(2), T0, Optional.empty(),
                        "hello", Importance.NORMAL, false, Optional.empty(), Optional.empty(), List.of("bob")),
                        List.of(new AgentId("bob")));
            });
        }
    }

    private static Agent agent(String id) {
        AgentProfile profile = new AgentProfile(Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        return new Agent(new AgentId(id), profile, T0, T0, Optional.empty(), new LamportTime(1), new Pointstamp(1, 0));
    }

    private static String schema(PostgresUrl url) {
        return url.properties().getProperty("currentSchema");
    }

    private static List<String> rows(PostgresUrl url, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = PostgresDatabases.connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
