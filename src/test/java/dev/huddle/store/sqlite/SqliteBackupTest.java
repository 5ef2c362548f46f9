package dev.huddle.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.frontier.Pointstamp;
import dev.huddle.core.message.Importance;
import dev.huddle.core.message.Message;
import dev.huddle.store.Tx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup} of a live store (DESIGN §4.7): copies taken while another connection keeps
 * committing must each open as a store and hold exactly a committed prefix of the writes. Every
 * write adds one event and one message in one transaction, so a torn copy would show different
 * counts, or a gap in the event sequence.
 */
class SqliteBackupTest {

    private static final AgentId ALICE = new AgentId("alice");
    private static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void backupTo_whileAnotherConnectionWrites_everyCopyIsAConsistentCommittedPrefix() throws Exception {
        Path db = dir.resolve("huddle.db");
        try (SqliteStore live = new SqliteStore(db); SqliteStore writerStore = new SqliteStore(db)) {
            live.write((Tx tx) -> {
                tx.agents().insert(new Agent(ALICE, AgentProfile.empty(), T0, T0, Optional.empty(), LamportTime.ZERO,
                        Pointstamp.START));
                return null;
            });
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong committed = new AtomicLong();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                while (!stop.get()) {
                    writerStore.write((Tx tx) -> writeOne(tx, committed.get() + 1));
                    committed.incrementAndGet();
                }
            });
            List<Long> copies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                long before = committed.get();
                while (committed.get() < before + 25 && !writer.isDone()) {
                    Thread.onSpinWait();
                }
                Path copy = dir.resolve("copy-" + i + ".db");
                live.backupTo(copy);
                copies.add(consistentCount(copy));
            }
            stop.set(true);
            writer.get(30, TimeUnit.SECONDS);
            assertThat(copies).as("each copy taken later holds more writes").isSorted().doesNotHaveDuplicates();
            assertThat(copies.getFirst()).isPositive();
            assertThat(copies.getLast()).isLessThanOrEqualTo(committed.get());
        }
    }

    private static Object writeOne(Tx tx, long n) {
        tx.events().append(new Event(0, new LamportTime(n), Optional.of(ALICE), T0, "bench.write", Optional.empty(),
                Optional.empty(), Map.of("n", n)));
        tx.messages().insert(new Message(0, ALICE, new LamportTime(n), T0, Optional.empty(), "write " + n,
                Importance.NORMAL, false, Optional.empty(), Optional.empty(), List.of("alice")), List.of(ALICE));
        return null;
    }

    /** Opens the copy as a store and returns how many writes it holds, checking they form one prefix. */
    private static long consistentCount(Path copy) {
        try (SqliteStore backup = new SqliteStore(copy)) {
            return backup.read((Tx tx) -> {
                long events = tx.events().lastSeq();
                List<Event> all = tx.events().query(EventFilter.after(0, 1_000_000));
                assertThat(all).hasSize((int) events);
                for (int i = 0; i < all.size(); i++) {
                    assertThat(all.get(i).seq()).isEqualTo(i + 1);
                    assertThat(all.get(i).data()).containsEntry("n", (long) (i + 1));
                }
                assertThat(tx.messages().count()).as("messages committed with the events").isEqualTo(events);
                return events;
            });
        }
    }
}
