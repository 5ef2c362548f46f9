package dev.huddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.Waiter;
import dev.huddle.json.Json;
import dev.huddle.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a caller sees of the line of lock waiters: a request that arrives while another agent waits
 * for the same file is refused naming who is queued ahead (lock and claim --reserve alike), and a
 * wait that runs out says so (exit 3) and leaves the line, as the log shows.
 */
class FairWaitCliTest {

    @TempDir
    Path repo;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(repo.resolve(".git"));
        for (String agent : List.of("alice", "bob", "carol")) {
            assertThat(run("register", agent).code()).isZero();
        }
    }

    @Test
    void lock_whileAnotherAgentWaitsForThePath_exit2NamingTheWaiter() {
        queueFromAnotherProcess("bob", "src/a.py");

        CliRun text = run("lock", "src/a.py", "--agent", "alice");
        CliRun json = run("lock", "src/a.py", "--agent", "alice", "--json");

        assertThat(text.code()).isEqualTo(2);
        assertThat(text.out()).contains("denied; nothing was locked:").contains("bob is queued ahead for src/a.py");
        assertThat(json.code()).isEqualTo(2);
        assertThat(Json.readObject(json.out())).containsEntry("queued_ahead", List.of("bob"));
    }

    @Test
    void claimWithReserve_whileAnotherAgentWaitsForItsFiles_exit2NamingTheWaiter() {
        assertThat(run("task", "new", "Parser", "--file", "src/a.py", "--agent", "alice").code()).isZero();
        queueFromAnotherProcess("bob", "src/a.py");

        CliRun text = run("claim", "T-1", "--reserve", "--agent", "carol");
        CliRun json = run("claim", "T-1", "--reserve", "--agent", "carol", "--json");

        assertThat(text.code()).isEqualTo(2);
        assertThat(text.out()).contains("T-1 not claimed: its files are waited for by agents who asked first")
                .contains("bob is queued ahead for src/a.py");
        assertThat(Json.readObject(json.out())).containsEntry("queued_ahead", List.of("bob"));
    }

    @Test
    void lockWait_thatRunsOut_exit3_andTheLogShowsTheWaitAndTheGivingUp() {
        assertThat(run("lock", "src/a.py", "--agent", "alice").code()).isZero();

        CliRun waited = run("lock", "src/a.py", "--agent", "bob", "--wait", "1s");

        assertThat(waited.code()).isEqualTo(3);
        assertThat(waited.out()).contains("wait timed out; not locked:").contains("alice");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) Json.readObject(
                run("log", "--json", "--kind", "lease").out()).get("events");
        assertThat(events).extracting(e -> e.get("kind") + " " + e.get("agent"))
                .containsExactly("lease.grant alice", "lease.wait bob", "lease.give_up bob");
    }

    /** A waiter queued by another process that is still alive (its place lasts an hour here). */
    private void queueFromAnotherProcess(String agent, String path) {
        try (SqliteStore store = new SqliteStore(repo.resolve(".huddle/huddle.db"))) {
            store.write(tx -> tx.leases().enqueue(new Waiter(0, new AgentId(agent), List.of(Resource.fromText(path)),
                    LeaseMode.EXCLUSIVE, Instant.now().plus(Duration.ofHours(1)))));
        }
    }

    private CliRun run(String... args) {
        return CliRun.run(repo, args);
    }
}
