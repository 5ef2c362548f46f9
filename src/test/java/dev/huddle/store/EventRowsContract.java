package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link EventRows}: the append-only log, its filters and its two orders. */
abstract class EventRowsContract extends StoreCase {

    @BeforeEach
    void agents() {
        register("alice", "bob");
    }

    private static Event event(long stamp, String agent, String kind, String task, String path) {
        return new Event(0, new LamportTime(stamp), Optional.ofNullable(agent).map(AgentId::new), T0.plusSeconds(stamp),
                kind, Optional.ofNullable(task), Optional.ofNullable(path), Map.of("note", "k=" + kind));
    }

    private Event append(long stamp, String agent, String kind, String task, String path) {
        return write((Tx tx) -> appended(tx, event(stamp, agent, kind, task, path)));
    }

    /** Appends {@code e} and reads it back in the same transaction: the read sees the write before it. */
    private static Event appended(Tx tx, Event e) {
        tx.events().append(e);
        long seq = tx.events().lastSeq();
        return new Event(seq, e.stamp(), e.agent(), e.wall(), e.kind(), e.task(), e.path(), e.data());
    }

    private static EventFilter filter(String by, String kind, String task, String path, long afterSeq, int limit) {
        return new EventFilter(Optional.ofNullable(by).map(AgentId::new), Optional.ofNullable(kind),
                Optional.ofNullable(task), Optional.ofNullable(path), afterSeq, limit);
    }

    private List<String> query(EventFilter f) {
        return read((Tx tx) -> tx.events().query(f)).stream().map(e -> e.kind() + "#" + e.seq()).toList();
    }

    private List<Long> seqs(EventFilter f) {
        return read((Tx tx) -> tx.events().query(f)).stream().map(Event::seq).toList();
    }

    @Test
    void append_whenEveryFieldSet_queryReturnsItWithSeq() {
        Event asked = new Event(77, new LamportTime(9), Optional.of(new AgentId("alice")), T0.plusMillis(3), "lease.grant",
                Optional.of("T-1"), Optional.of("src/a.py"), Map.of("resource", "src/a.py", "text", "ünï \"q\"\n"));
        Event stored = write((Tx tx) -> appended(tx, asked));
        assertThat(stored.seq()).as("the given seq is ignored").isNotEqualTo(77).isPositive();
        assertThat(read((Tx tx) -> tx.events().query(EventFilter.after(0, 10)))).containsExactly(stored);
        assertThat(stored).usingRecursiveComparison().ignoringFields("seq").isEqualTo(asked);
    }

    @Test
    void append_whenNoAgentTaskOrPath_emptiesKept() {
        Event stored = write((Tx tx) -> appended(tx, event(1, null, "store.init", null, null)));
        assertThat(read((Tx tx) -> tx.events().query(EventFilter.after(0, 10)))).containsExactly(stored);
    }

    @Test
    void lastSeq_whenEmptyThenAppended_zeroThenLatestSeq() {
        assertThat(read((Tx tx) -> tx.events().lastSeq())).isZero();
        Event a = append(1, "alice", "x.a", null, null);
        Event b = append(1, "alice", "x.b", null, null);
        assertThat(b.seq()).isGreaterThan(a.seq());
        assertThat(read((Tx tx) -> tx.events().lastSeq())).isEqualTo(b.seq());
    }

    @Test
    void query_whenFilters_eachNarrowsAndAfterSeqAndLimitApply() {
        Event grant = append(1, "alice", "lease.grant", "T-1", "src/a.py");
        Event send = append(2, "bob", "message.send", "T-1", null);
        Event release = append(3, "alice", "lease.release", "T-2", "src");
        append(4, "bob", "leases.odd", null, "srcx/b.py");
        assertThat(seqs(filter("alice", null, null, null, 0, 10))).containsExactly(grant.seq(), release.seq());
        assertThat(seqs(filter(null, "lease.grant", null, null, 0, 10))).containsExactly(grant.seq());
        assertThat(seqs(filter(null, "lease", null, null, 0, 10))).as("kind family")
                .containsExactly(grant.seq(), release.seq());
        assertThat(seqs(filter(null, null, "T-1", null, 0, 10))).containsExactly(grant.seq(), send.seq());
        assertThat(seqs(filter(null, null, null, "src/a.py", 0, 10))).containsExactly(grant.seq());
        assertThat(seqs(filter(null, null, null, "src", 0, 10))).as("at and below the directory")
                .containsExactly(grant.seq(), release.seq());
        assertThat(seqs(filter(null, null, null, null, grant.seq(), 2))).containsExactly(send.seq(), release.seq());
        assertThat(seqs(filter("alice", "lease", "T-2", "src", 0, 10))).containsExactly(release.seq());
    }

    @Test
    void query_whenPathHasLikeWildcards_matchedLiterally() {
        Event literal = append(1, "alice", "lease.grant", null, "a_b/%x");
        append(2, "alice", "lease.grant", null, "axb/yx");
        assertThat(seqs(filter(null, null, null, "a_b", 0, 10))).containsExactly(literal.seq());
        assertThat(seqs(filter(null, null, null, "a_b/%x", 0, 10))).containsExactly(literal.seq());
    }

    @Test
    void query_whenPathDiffersInCase_notMatched() {
        append(1, "alice", "lease.grant", null, "SRC/a.py");
        append(2, "alice", "lease.grant", null, "Src");
        assertThat(query(filter(null, null, null, "src", 0, 10))).as("paths are case-sensitive (DESIGN §4.4)").isEmpty();
    }

    private EventRows.Window window(long from, int limit, List<String> texts) {
        return read((Tx tx) -> tx.events().window(new LamportTime(from), limit, texts));
    }

    @Test
    void window_whenStampsInterleave_countsAtOrAfterTheStamp_newestFirst_withoutData() {
        Event three = append(3, "alice", "k.3", "T-1", null);
        append(1, "bob", "k.1", null, null);
        Event sevenBob = append(7, "bob", "k.7b", null, "src/a.py");
        Event five = append(5, "bob", "k.5", null, null);
        Event sevenAlice = append(7, "alice", "k.7a", null, null);
        append(2, null, "k.2", null, null);
        EventRows.Window all = window(3, 10, List.of());
        assertThat(all.newer()).isEqualTo(4);
        assertThat(all.newest()).isEqualTo(new LamportTime(7));
        assertThat(all.events()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("data")
                .containsExactly(sevenBob, sevenAlice, five, three)
                .allSatisfy(e -> assertThat(e.data()).isEmpty());
        EventRows.Window capped = window(3, 2, List.of());
        assertThat(capped.newer()).as("counting stops one past the limit").isEqualTo(3);
        assertThat(capped.newest()).isEqualTo(new LamportTime(7));
        assertThat(capped.events()).as("past the limit the caller sifts nothing").isEmpty();
        EventRows.Window none = window(8, 10, List.of());
        assertThat(none.newer()).isZero();
        assertThat(none.newest()).isEqualTo(LamportTime.ZERO);
        assertThat(none.events()).isEmpty();
    }

    @Test
    void window_withTexts_picksThePathsThatMayTouchThem_outOfTheWindow_newestFirst() {
        Event same = append(10, "alice", "k", null, "src/app/a.py");
        Event dirAbove = append(11, "bob", "k", null, "src/app");
        Event dirBelow = append(12, "alice", "k", null, "lib/x/y.rs");
        Event glob = append(13, "bob", "k", null, "docs/**/[ab]?.md");
        append(14, "alice", "k", null, "src/app/a.pyc");
        append(15, "bob", "k", null, "src/ap");
        append(16, "alice", "k", null, "lib/xy");
        append(17, "bob", "k", null, null);
        Event named = append(18, "alice", "k", null, "name:db");
        append(19, "bob", "k", null, "name:dbx");
        append(9, "alice", "k", null, "src/app/a.py"); // before the window's start
        List<String> texts = List.of("src/app/a.py", "lib/x", "name:db");
        EventRows.Window wide = window(10, 20, texts);
        assertThat(wide.newer()).as("every event from 10 on counts, near or not").isEqualTo(10);
        assertThat(wide.newest()).as("the newest is not near the texts, and still its time is known")
                .isEqualTo(new LamportTime(19));
        assertThat(wide.events()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("data")
                .containsExactly(named, glob, dirBelow, dirAbove, same)
                .allSatisfy(e -> assertThat(e.data()).isEmpty());
        EventRows.Window narrow = window(10, 9, texts);
        assertThat(narrow.newer()).as("counted up to one past the limit").isEqualTo(10);
        assertThat(narrow.newest()).isEqualTo(new LamportTime(19));
        assertThat(narrow.events()).as("past the limit the caller sifts nothing").isEmpty();
        EventRows.Window exact = window(10, 10, texts);
        assertThat(exact.newer()).as("exactly the limit").isEqualTo(10);
        assertThat(exact.events()).extracting(Event::seq)
                .containsExactly(named.seq(), glob.seq(), dirBelow.seq(), dirAbove.seq(), same.seq());
        EventRows.Window none = window(20, 10, texts);
        assertThat(none.newer()).isZero();
        assertThat(none.newest()).isEqualTo(LamportTime.ZERO);
        assertThat(none.events()).isEmpty();
        EventRows.Window farOnly = window(19, 10, texts);
        assertThat(farOnly.newer()).as("one event, not near").isEqualTo(1);
        assertThat(farOnly.newest()).isEqualTo(new LamportTime(19));
        assertThat(farOnly.events()).isEmpty();
    }

    @Test
    void causal_whenStampsInterleave_orderedByStampAgentSeq() {
        Event late = append(5, "alice", "k.late", null, null);
        Event bobFirst = append(2, "bob", "k.b1", null, null);
        Event aliceAt2 = append(2, "alice", "k.a2", null, null);
        Event bobSecond = append(2, "bob", "k.b2", null, null);
        Event early = append(1, "bob", "k.early", null, null);
        assertThat(read((Tx tx) -> tx.events().causal(EventFilter.after(0, 10))))
                .containsExactly(early, aliceAt2, bobFirst, bobSecond, late);
        assertThat(read((Tx tx) -> tx.events().causal(EventFilter.after(0, 2)))).as("latest two, still ascending")
                .containsExactly(bobSecond, late);
        assertThat(read((Tx tx) -> tx.events().causal(filter("bob", null, null, null, 0, 2))))
                .containsExactly(bobFirst, bobSecond);
    }

    private static final List<String> PATHS = List.of("src/a.py", "src/b.py", "src", "src/a.py/x", "src/*.py", "doc/[ab].md",
            "doc/x.md", "docs", "s");

    /**
     * A batch makes each work's window from the newest events it read when it began and what its
     * works appended since (on PostgreSQL, where a read is a round trip): every window read or asked
     * ahead in a batch, of any stamp, limit and texts, after appends of any stamp, agent and path
     * (earlier than the newest, equal to them, later), with works that fail in between, is what the
     * same work written alone reads.
     */
    @Test
    void window_inABatch_isWhatTheSameWorkReadsAlone() throws Exception {
        long seed = Long.getLong("huddle.window.seed", System.nanoTime());
        System.out.println("EventRowsContract.window_inABatch seed=" + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 8; round++) {
            List<Event> before = new ArrayList<>();
            for (int i = random.nextInt(30); i > 0; i--) {
                before.add(randomEvent(random, "before"));
            }
            List<Function<Tx, ?>> works = new ArrayList<>();
            for (int w = 0; w < 4 + random.nextInt(20); w++) {
                List<Integer> steps = random.ints(1 + random.nextInt(6), 0, 100).boxed().toList();
                List<Event> events = steps.stream().map(step -> randomEvent(random, "w")).toList();
                List<Long> froms = steps.stream().map(step -> (long) random.nextInt(26)).toList();
                List<Integer> limits = steps.stream().map(step -> 1 + random.nextInt(16)).toList();
                List<List<String>> texts = steps.stream().map(step -> random.nextInt(3) == 0 ? List.<String>of()
                        : List.of(PATHS.get(random.nextInt(PATHS.size())), PATHS.get(random.nextInt(PATHS.size())))).toList();
                works.add(tx -> {
                    List<Object> seen = new ArrayList<>();
                    List<Supplier<EventRows.Window>> asked = new ArrayList<>();
                    for (int i = 0; i < steps.size(); i++) {
                        int step = steps.get(i);
                        LamportTime from = new LamportTime(froms.get(i));
                        if (step < 40) {
                            tx.events().append(events.get(i));
                        } else if (step < 65) {
                            seen.add(shown(tx.events().window(from, limits.get(i), texts.get(i))));
                        } else if (step < 90) {
                            asked.add(tx.events().windowAhead(from, limits.get(i), texts.get(i)));
                        } else if (step < 95) {
                            tx.messages().insert(message("alice", null, "x", null), List.of(id("nobody")));
                        } else {
                            throw new IllegalStateException("refused");
                        }
                    }
                    asked.forEach(window -> seen.add(shown(window.get())));
                    return seen;
                });
            }
            int r = round;
            batchedAndAlone(round, tx -> {
                tx.agents().insert(agent("alice"));
                before.forEach(tx.events()::append);
            }, works, both -> {
                for (int w = 0; w < works.size(); w++) {
                    assertThat(windowsOrFailed(both.inBatch().get(w))).as("seed %d, round %d, work %d", seed, r, w)
                            .isEqualTo(windowsOrFailed(both.eachAlone().get(w)));
                }
            });
        }
    }

    /**
     * A work's windows, or that it failed. Not which failure: a work that posts a write that fails
     * when sent (a delivery to nobody) and then throws meets the failure first alone, where a window
     * read in between sends the write, and the throw first in a batch, where the window is made from
     * the events kept and sends nothing; either way the work failed and is undone.
     */
    private static String windowsOrFailed(Written w) {
        return w.failure() == null ? "done " + w.get() : "failed";
    }

    private static Event randomEvent(Random random, String kind) {
        String agent = random.nextInt(4) == 0 ? null : List.of("alice", "bob", "carol").get(random.nextInt(3));
        String path = random.nextInt(4) == 0 ? null : PATHS.get(random.nextInt(PATHS.size()));
        return event(random.nextInt(24), agent, kind, null, path);
    }

    /**
     * A window as the actors use it: its count and newest time, and its events by stamp, agent and
     * path (events of one stamp and agent come in no set order; their ids are the store's).
     */
    private static String shown(EventRows.Window w) {
        return w.newer() + " " + w.newest().value() + " " + w.events().stream()
                .map(e -> e.stamp().value() + ":" + e.agent().map(AgentId::value).orElse("-") + ":" + e.path().orElse("-"))
                .sorted().toList();
    }
}
