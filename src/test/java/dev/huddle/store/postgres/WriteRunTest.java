package dev.huddle.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which posted writes a run takes, and the one statement it makes of them. */
class WriteRunTest {

    private static final String GRANT = "WITH moved AS (UPDATE counters SET value = ? WHERE name = 'fence')"
            + " INSERT INTO leases (id, token) VALUES (setval(pg_get_serial_sequence('leases', 'id'), ?), ?)";
    private static final String EVENT = "INSERT INTO events (stamp, agent) VALUES (?, ?)";
    private static final String ACTOR = "UPDATE agents SET clock = ? WHERE id = ?";

    @Test
    void writesToTablesNoOtherNames_becomeOneStatement_theirWithQueriesFirst_placeholdersInTheOrderTheyCame() {
        WriteRun run = start(GRANT, new Object[] {1, 2, 3});
        assertThat(take(run, EVENT, new Object[] {4, 5})).isTrue();
        assertThat(take(run, ACTOR, new Object[] {6, 7})).isTrue();

        assertThat(run.sql()).isEqualTo("WITH moved AS (UPDATE counters SET value = ? WHERE name = 'fence'),"
                + " posted_1 AS (INSERT INTO leases (id, token) VALUES (setval(pg_get_serial_sequence('leases', 'id'), ?), ?)),"
                + " posted_2 AS (INSERT INTO events (stamp, agent) VALUES (?, ?))"
                + " UPDATE agents SET clock = ? WHERE id = ?");
        assertThat(run.args()).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void aRunOfOne_isItsStatementAsWritten() {
        assertThat(start(GRANT, new Object[] {1, 2, 3}).sql()).isSameAs(GRANT);
    }

    @Test
    void aWriteNamingATableOfTheRun_orAWithQueryOfTheSameName_isLeftForAStatementOfItsOwn() {
        WriteRun run = start(EVENT, new Object[] {1, 2});
        assertThat(take(run, EVENT, new Object[] {3, 4})).as("a second write to the table").isFalse();
        assertThat(take(run, "UPDATE agents SET clock = (SELECT max(stamp) FROM events) WHERE id = ?", new Object[] {"a"}))
                .as("a read of a table the run writes").isFalse();
        assertThat(take(run, GRANT, new Object[] {1, 2, 3})).isTrue();
        assertThat(take(run, "WITH moved AS (UPDATE tasks SET seq = 1) UPDATE agents SET clock = 1", new Object[] {}))
                .as("a WITH query's name taken").isFalse();
        assertThat(run.args()).containsExactly(1, 2, 1, 2, 3);
    }

    @Test
    void onlyInsertsAndUpdates_withTheirOwnWithQueriesReadWhole_makeParts() {
        assertThat(WriteRun.part("SELECT 1 FROM agents")).isEmpty();
        assertThat(WriteRun.part("DELETE FROM agents WHERE id = ?")).isEmpty();
        assertThat(WriteRun.part("SAVEPOINT huddle_work")).isEmpty();
        assertThat(WriteRun.part("WITH counted AS (UPDATE huddle_meta SET value = value + 1) SELECT pg_notify('c', '')")).isEmpty();
        assertThat(WriteRun.part("WITH posted_1 AS (UPDATE agents SET clock = 1) INSERT INTO events (stamp) VALUES (1)"))
                .as("a name a run gives its parts").isEmpty();
        assertThat(WriteRun.part("WITH x AS (SELECT ')' AS a, \"(\" FROM tasks" )).as("unclosed").isEmpty();

        Optional<WriteRun.Part> quoted = WriteRun.part(
                "WITH a AS (UPDATE tasks SET title = ')(' WHERE id = ?), b AS MATERIALIZED (SELECT 1) UPDATE agents SET task = ?");
        assertThat(quoted).hasValueSatisfying(p -> {
            assertThat(p.with()).containsExactly("a AS (UPDATE tasks SET title = ')(' WHERE id = ?)", "b AS MATERIALIZED (SELECT 1)");
            assertThat(p.statement()).isEqualTo("UPDATE agents SET task = ?");
            assertThat(p.names()).containsExactlyInAnyOrder("a", "b");
            assertThat(p.tables()).containsExactlyInAnyOrder("tasks", "agents");
        });
    }

    private static WriteRun start(String sql, Object[] args) {
        return WriteRun.of(WriteRun.part(sql).orElseThrow(), args);
    }

    private static boolean take(WriteRun run, String sql, Object[] args) {
        return run.take(WriteRun.part(sql).orElseThrow(), args);
    }

    @Test
    void everyTableTheSchemaCreates_isKnown() {
        assertThat(PostgresSchema.TABLES).contains("agents", "events", "leases", "messages", "deliveries", "counters",
                "huddle_meta", "tasks", "frontier_waiters");
        assertThat(List.copyOf(PostgresSchema.TABLES)).doesNotHaveDuplicates();
    }
}
