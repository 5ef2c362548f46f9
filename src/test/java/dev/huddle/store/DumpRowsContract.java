package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.event.Event;
import dev.huddle.core.summary.SummaryEntry;
import dev.huddle.core.summary.SummaryRound;
import dev.huddle.core.task.Decision;
import dev.huddle.core.task.Remark;
import dev.huddle.core.task.TaskId;
import dev.huddle.store.sql.SqlDumpRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link DumpRows}: export, and restore into an empty store giving the same export again. */
abstract class DumpRowsContract extends BoardCase {

    /** A store with a row in every table, texts with newlines, quotes, non-ASCII and nulls. */
    void fill() {
        register("alice", "bob");
        run(tx -> {
            tx.sessions().bind("sess-1", id("bob"), "claude-code", at(0));
            tx.leases().insert(withToken(lease("src/**", "alice", dev.huddle.core.lease.LeaseMode.EXCLUSIVE, at(0), at(30)), tx));
            tx.leases().enqueue(new dev.huddle.core.lease.Waiter(0, id("bob"), List.of(dev.huddle.core.lease.Resource.fromText("a")),
                    dev.huddle.core.lease.LeaseMode.SHARED, at(1)));
            tx.frontierWaiters().enqueue(new dev.huddle.core.frontier.FrontierQuery(2, null, true), at(0), at(9));
            tx.messages().insert(message("alice", "subj \"q\"", "body\nline 2 ü ✓", "T-1"), List.of(id("bob")));
            tx.events().append(new Event(0, new LamportTime(2), Optional.of(id("alice")), at(1), "task.create",
                    Optional.of("T-1"), Optional.empty(), Map.of("title", "x", "n", 3)));
            tx.tasks().nextNumber("T");
        });
        add(full("T-1", null));
        add("T-2");
        dep("T-1", "T-2");
        run(tx -> {
            tx.tasks().addRemark(new Remark(TaskId.parse("T-1"), id("bob"), at(2), Remark.Kind.AMEND, "see\n#1"));
            tx.decisions().insert(new Decision(0, id("alice"), new LamportTime(5), at(3), "use X", Optional.of(TaskId.parse("T-1"))));
            SummaryRound r = tx.summaries().insert(new SummaryRound(0, id("alice"), at(4), List.of(id("alice")), Optional.empty()));
            tx.summaries().write(new SummaryEntry(r.id(), id("alice"), at(5), "wrote"));
        });
    }

    List<String> export(Store s) {
        return s.read((Tx tx) -> {
            List<String> lines = new ArrayList<>();
            tx.dump().export(lines::add);
            return lines;
        });
    }

    @Test
    void export_thenRestoreIntoEmptyStore_exportsTheSameLines() {
        fill();
        List<String> first = export(store);
        assertThat(first.getFirst()).contains("huddle_export");
        assertThat(first).anyMatch(l -> l.contains("\"table\":\"summary_entries\"")).anyMatch(l -> l.contains("\"task_deps\""))
                .anyMatch(l -> l.contains("\"lease_waiters\"")).anyMatch(l -> l.contains("\"deliveries\""));
        try (Store copy = newStore(dir.resolve("copy"))) {
            Map<String, Long> rows = copy.write((Tx tx) -> tx.dump().restore(first.iterator()));
            assertThat(rows).containsEntry("tasks", 2L).containsEntry("agents", 2L);
            assertThat(export(copy)).containsExactlyElementsOf(first);
            assertThat(copy.read((Tx tx) -> tx.tasks().find(TaskId.parse("T-1")))).contains(full("T-1", null));
            assertThat(copy.read((Tx tx) -> tx.messages().search("line", 5))).as("full-text index rebuilt").hasSize(1);
            assertThat(copy.write((Tx tx) -> tx.nextFencingToken().value()))
                    .as("the fencing counter carries on past every restored token").isGreaterThan(1);
        }
    }

    @Test
    void sequences_continueInAnotherStore_pastADeletedNewestRow() {
        fill();
        long gone = store.write((Tx tx) -> tx.frontierWaiters().enqueue(new dev.huddle.core.frontier.FrontierQuery(3, null, true), at(0), at(9)));
        run(tx -> tx.frontierWaiters().remove(gone));
        Map<String, Long> last = read((Tx tx) -> tx.dump().sequences());
        assertThat(last).containsEntry("frontier_waiters", gone).containsKeys("events", "leases", "messages", "lease_waiters");
        try (Store copy = newStore(dir.resolve("copy"))) {
            List<String> lines = export(store);
            copy.write((Tx tx) -> {
                tx.dump().restore(lines.iterator());
                tx.dump().continueSequences(last);
                return null;
            });
            assertThat(copy.read((Tx tx) -> tx.dump().sequences())).isEqualTo(last);
            long next = copy.write((Tx tx) -> tx.frontierWaiters().enqueue(new dev.huddle.core.frontier.FrontierQuery(4, null, true), at(0), at(9)));
            assertThat(next).as("the deleted newest id is not handed out again").isEqualTo(gone + 1);
            copy.write((Tx tx) -> {
                tx.dump().continueSequences(Map.of("events", 1L));
                return null;
            });
            assertThat(copy.read((Tx tx) -> tx.dump().sequences())).as("never backwards").containsEntry("events", last.get("events"));
            assertThatThrownBy(() -> copy.write((Tx tx) -> {
                tx.dump().continueSequences(Map.of("agents", 5L));
                return null;
            })).isInstanceOf(HuddleException.class).hasMessageContaining("no id sequence for table 'agents'");
        }
    }

    @Test
    void contents_whenNew_empty_evenWithItsInitEvent_elseCountsPerTable() {
        assertThat(read((Tx tx) -> tx.dump().contents())).isEmpty();
        run(tx -> tx.events().append(new Event(0, LamportTime.ZERO, Optional.empty(), at(0), "store.init",
                Optional.empty(), Optional.empty(), Map.of())));
        assertThat(read((Tx tx) -> tx.dump().contents())).isEmpty();
        register("alice");
        add("T-1");
        assertThat(read((Tx tx) -> tx.dump().contents())).containsExactly(Map.entry("agents", 1L), Map.entry("tasks", 1L));
    }

    @Test
    void restore_anExportOfAnOlderSchemaWithTheSameTables_restoresIt_anOlderOrNewerOneIsRefused() {
        fill();
        List<String> lines = new ArrayList<>(export(store));
        String header = lines.getFirst();
        assertThat(header).contains("\"schema\":");
        for (int schema : List.of(SqlDumpRows.SAME_ROWS_SINCE - 1, 999)) {
            lines.set(0, header.replaceFirst("\"schema\":\\d+", "\"schema\":" + schema));
            try (Store copy = newStore(dir.resolve("refused-" + schema))) {
                assertThatThrownBy(() -> copy.write((Tx tx) -> tx.dump().restore(lines.iterator())))
                        .isInstanceOf(HuddleException.class).hasMessageStartingWith("line 1: the export has schema version " + schema);
                assertThat(copy.read((Tx tx) -> tx.dump().contents())).isEmpty();
            }
        }
        lines.set(0, header.replaceFirst("\"schema\":\\d+", "\"schema\":" + SqlDumpRows.SAME_ROWS_SINCE));
        try (Store copy = newStore(dir.resolve("older"))) {
            copy.write((Tx tx) -> {
                tx.dump().restore(lines.iterator());
                return null;
            });
            assertThat(export(copy)).isEqualTo(export(store));
        }
    }

    @Test
    void restore_whenLineIsBad_failsInOneLineNamingIt_andRestoresNothing() {
        fill();
        List<String> good = export(store);
        try (Store copy = newStore(dir.resolve("copy"))) {
            for (var bad : List.of(
                    List.of("{\"huddle_export\":1,\"schema\":999}"),
                    List.of("not json"),
                    List.of(good.getFirst(), good.get(1), "{\"table\":\"nope\",\"row\":{}}"),
                    List.of(good.getFirst(), "{\"table\":\"agents\",\"row\":{\"id\":\"x\",\"shoe\":1}}"),
                    List.of(good.getFirst(), good.get(1), good.get(1)))) {
                assertThatThrownBy(() -> copy.write((Tx tx) -> tx.dump().restore(bad.iterator())))
                        .isInstanceOf(HuddleException.class).hasMessageStartingWith("line " + bad.size())
                        .extracting(Throwable::getMessage).asString().as("one line, even for an engine's multi-line error")
                        .doesNotContain("\n");
                assertThat(copy.read((Tx tx) -> tx.dump().contents())).isEmpty();
            }
        }
    }
}
