package dev.huddle.app.task;

import dev.huddle.config.SettingsFile;
import dev.huddle.core.Settings;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.task.Priority;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskId;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A board over a real SQLite store with a hand-moved clock: alice (no role), bob (reviewer) and
 * carol (operator); queue {@code reviews} (handler reviewer, SLA 1h, prefix REV) besides the default.
 */
abstract class BoardTestBase {

    static final Settings SETTINGS = SettingsFile.parse("""
            [queues.reviews]
            handler = "reviewer"
            sla_minutes = 60
            id_prefix = "REV"
            """, "huddle.toml");

    @TempDir
    Path dir;
    TestHuddle h;
    AgentId alice;
    AgentId bob;
    AgentId carol;

    @BeforeEach
    void board() {
        h = fixture(dir);
        alice = h.register("alice");
        bob = h.register("bob", "reviewer");
        carol = h.register("carol", "operator");
    }

    /** The fixture; the contract suite's subclass runs these same tests through a server. */
    TestHuddle fixture(Path dir) {
        return new TestHuddle(dir, SETTINGS);
    }

    @AfterEach
    void close() {
        h.close();
    }

    static NewTask spec(AgentId by, String title) {
        return new NewTask(by, title, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(),
                Optional.empty(), List.of());
    }

    Task create(String title) {
        return h.coordinator.tasks().create(spec(alice, title));
    }

    Task create(String title, Priority priority) {
        NewTask s = spec(alice, title);
        return h.coordinator.tasks().create(new NewTask(alice, title, s.description(), s.queue(), Optional.of(priority), s.files(),
                s.labels(), s.parent(), s.blockedBy()));
    }

    Task createIn(String queue, String title, Priority priority) {
        return h.coordinator.tasks().create(new NewTask(alice, title, Optional.empty(), Optional.of(queue), Optional.of(priority),
                List.of(), List.of(), Optional.empty(), List.of()));
    }

    Task createBlocked(String title, Task... blockers) {
        return h.coordinator.tasks().create(new NewTask(alice, title, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), List.of(), Optional.empty(), List.of(blockers).stream().map(Task::id).toList()));
    }

    Task withFiles(String title, String... files) {
        return h.coordinator.tasks().create(new NewTask(alice, title, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(files), List.of(), Optional.empty(), List.of()));
    }

    Task now(Task t) {
        return h.coordinator.board().show(t.id()).task();
    }

    Task now(String id) {
        return h.coordinator.board().show(TaskId.parse(id)).task();
    }

    Task claimed(AgentId who, Task t) {
        return ((ClaimOutcome.Claimed) h.coordinator.tasks().claim(who, t.id(), false)).task();
    }

    /** Three hours pass; everyone but {@code gone} acts again, so only {@code gone} is offline. */
    void goesOffline(AgentId gone) {
        h.clock.advance(Duration.ofHours(3));
        for (AgentId a : List.of(alice, bob, carol)) {
            if (!a.equals(gone)) {
                h.coordinator.agents().heartbeat(a, Optional.empty(), Optional.empty());
            }
        }
    }
}
