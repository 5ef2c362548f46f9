package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.Agent;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Store}: what write, rehearse and read promise about commits and rollbacks. */
abstract class TransactionContract extends StoreCase {

    private boolean nothingWritten() {
        return read((Tx tx) -> tx.agents().all().isEmpty() && tx.events().lastSeq() == 0 && tx.messages().count() == 0);
    }

    @Test
    void write_whenWorkReturns_committedAndResultReturned() {
        String result = write((Tx tx) -> {
            tx.agents().insert(agent("alice"));
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(read((Tx tx) -> tx.agents().find(id("alice")))).contains(agent("alice"));
    }

    @Test
    void write_whenStoreReopened_committedDataStillThere() {
        register("alice");
        store.close();
        store = newStore(dir);
        assertThat(read((Tx tx) -> tx.agents().all())).containsExactly(agent("alice"));
    }

    @Test
    void write_whenWorkThrows_everythingRolledBackAndSameExceptionPropagates() {
        RuntimeException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> write((Tx tx) -> {
            tx.agents().insert(agent("alice"));
            tx.events().append(new Event(0, LamportTime.ZERO, Optional.empty(), T0, "store.init", Optional.empty(),
                    Optional.empty(), Map.of()));
            tx.messages().insert(message("alice", null, "x", null), List.of(id("alice")));
            tx.nextFencingToken();
            throw boom;
        })).isSameAs(boom);
        assertThat(nothingWritten()).isTrue();
    }

    @Test
    void write_whenWorkThrowsHuddleException_propagatedUnwrapped() {
        HuddleException refused = HuddleException.failed("no");
        assertThatThrownBy(() -> write((Tx tx) -> {
            tx.agents().insert(agent("alice"));
            throw refused;
        })).isSameAs(refused);
        assertThat(nothingWritten()).isTrue();
    }

    @Test
    void write_afterFailedWrite_storeStillUsable() {
        assertThatThrownBy(() -> run(tx -> {
            throw new IllegalArgumentException("x");
        })).isInstanceOf(IllegalArgumentException.class);
        register("bob");
        assertThat(read((Tx tx) -> tx.agents().find(id("bob")))).isPresent();
    }

    @Test
    void writeEach_whenWorksReturn_allCommittedInOrder_eachSeeingTheOnesBefore() {
        List<Written> outcomes = store.writeEach(List.<Function<Tx, ?>>of(
                tx -> {
                    tx.agents().insert(agent("alice"));
                    return "first";
                },
                tx -> {
                    tx.agents().insert(agent("bob"));
                    return tx.agents().all().size();
                },
                tx -> tx.nextFencingToken().value()));
        assertThat(outcomes).extracting(Written::get).containsExactly("first", 2, 1L);
        assertThat(read((Tx tx) -> tx.agents().all())).containsExactly(agent("alice"), agent("bob"));
    }

    @Test
    void writeEach_whenOneWorkThrows_onlyItIsUndone_itsExceptionIsItsOutcome_theNextStillRuns() {
        RuntimeException boom = new IllegalStateException("boom");
        List<Written> outcomes = store.writeEach(List.<Function<Tx, ?>>of(
                tx -> {
                    tx.agents().insert(agent("alice"));
                    return tx.nextFencingToken().value();
                },
                tx -> {
                    tx.agents().insert(agent("bob"));
                    tx.messages().insert(message("bob", null, "undone", null), List.of(id("bob")));
                    tx.nextFencingToken();
                    throw boom;
                },
                tx -> {
                    tx.agents().insert(agent("carol"));
                    return tx.nextFencingToken().value();
                }));
        assertThat(outcomes.get(0).get()).isEqualTo(1L);
        assertThat(outcomes.get(1).failure()).isSameAs(boom);
        assertThat(outcomes.get(2).get()).as("the undone work's token was never handed out").isEqualTo(2L);
        assertThat(read((Tx tx) -> tx.agents().all())).containsExactly(agent("alice"), agent("carol"));
        assertThat(read((Tx tx) -> tx.messages().count())).isZero();
    }

    /** On PostgreSQL a failed statement aborts the whole transaction unless its savepoint is rolled back. */
    @Test
    void writeEach_whenAStatementFails_onlyThatWorkIsUndone_andTheTransactionGoesOn() {
        register("alice");
        List<Written> outcomes = store.writeEach(List.<Function<Tx, ?>>of(
                tx -> {
                    tx.agents().insert(agent("bob"));
                    return "bob";
                },
                tx -> {
                    tx.agents().insert(agent("carol"));
                    tx.agents().insert(agent("alice")); // already there: the statement fails
                    return "never";
                },
                tx -> {
                    tx.agents().insert(agent("dave"));
                    return "dave";
                }));
        assertThat(outcomes.get(0).get()).isEqualTo("bob");
        assertThat(outcomes.get(1).failure()).isInstanceOf(StoreException.class);
        assertThat(outcomes.get(2).get()).isEqualTo("dave");
        assertThat(read((Tx tx) -> tx.agents().all())).extracting(a -> a.id().value())
                .containsExactly("alice", "bob", "dave");
    }

    /**
     * A write whose answer nobody reads may be sent along with the next statement
     * ({@link dev.huddle.store.sql.SqlJdbc#post}): its failure must still be its own work's, and a
     * work that throws must take back what it posted even if none of it was sent yet.
     */
    @Test
    void writeEach_whenAWriteSentLaterFails_orAWorkThrowsBeforeSending_eachOnlyItsOwnWorkIsUndone() {
        register("alice");
        RuntimeException boom = new IllegalStateException("boom");
        List<Written> outcomes = store.writeEach(List.<Function<Tx, ?>>of(
                appending("first"),
                mailingNobody("undone"),
                tx -> {
                    tx.events().append(event("thrown"));
                    throw boom;
                },
                appendingAndListing("last")));
        assertThat(outcomes.get(0).get()).isEqualTo("first");
        assertThat(outcomes.get(1).failure()).isInstanceOf(StoreException.Failure.class);
        assertThat(outcomes.get(2).failure()).isSameAs(boom);
        assertThat(outcomes.get(3).get()).as("the last work sees what the batch kept, its own write included")
                .isEqualTo(List.of("first", "last"));
        assertThat(read(TransactionContract::kinds)).containsExactly("first", "last");
        assertThat(read((Tx tx) -> tx.messages().count())).isZero();
    }

    /**
     * Works that only post are sent with a later work's statement: when one of those writes fails,
     * the work that posted it fails, and the works after it, which ran on its writes, run again.
     */
    @Test
    void writeEach_whenAWriteCarriedByALaterWorkFails_itsWorkFails_andTheLaterOnesStillGetTheirOwnOutcomes() {
        register("alice");
        List<Written> outcomes = store.writeEach(List.<Function<Tx, ?>>of(
                appending("a"),
                mailingNobody("b"),
                appending("c"),
                appendingAndListing("d"),
                mailingNobody("e")));
        assertThat(outcomes.get(0).get()).isEqualTo("a");
        assertThat(outcomes.get(1).failure()).isInstanceOf(StoreException.Failure.class);
        assertThat(outcomes.get(2).get()).isEqualTo("c");
        assertThat(outcomes.get(3).get()).as("what the fourth work saw is what was kept before it")
                .isEqualTo(List.of("a", "c", "d"));
        assertThat(outcomes.get(4).failure()).as("the last work's writes, sent after it")
                .isInstanceOf(StoreException.Failure.class);
        assertThat(read(TransactionContract::kinds)).containsExactly("a", "c", "d");
        assertThat(read((Tx tx) -> tx.messages().count())).isZero();
    }

    /**
     * Works that read nothing leave their writes posted; on PostgreSQL a batch sends them a few works
     * at a time as the next work begins. When one of them fails there, whose it was is not known:
     * the batch runs again with each work's writes sent alone, and only the work that failed fails.
     */
    @Test
    void writeEach_whenWritesOfSeveralWorksSentAsTheNextBeginsFail_onlyTheFailingWorkFails() {
        register("alice");
        List<Written> outcomes = store.writeEach(List.<Function<Tx, ?>>of(
                appending("a"),
                appending("b"),
                mailingNobody("undone"),
                appending("c"),
                appending("d"),
                appending("e"),
                appendingAndListing("f")));
        assertThat(outcomes.subList(0, 2)).extracting(Written::get).containsExactly("a", "b");
        assertThat(outcomes.get(2).failure()).isInstanceOf(StoreException.Failure.class);
        assertThat(outcomes.subList(3, 6)).extracting(Written::get).containsExactly("c", "d", "e");
        assertThat(outcomes.get(6).get()).isEqualTo(List.of("a", "b", "c", "d", "e", "f"));
        assertThat(read(TransactionContract::kinds)).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(read((Tx tx) -> tx.messages().count())).isZero();
    }

    /**
     * On PostgreSQL the last work's posted writes go with the commit: when one of them fails there,
     * the last work alone fails and the works before it are kept, as when they were sent on their own.
     */
    @Test
    void writeEach_whenOnlyTheLastWorksPostedWriteFails_onlyItFails_andTheWorksBeforeItAreKept() {
        register("alice");
        List<Written> outcomes = store.writeEach(List.<Function<Tx, ?>>of(
                appending("a"),
                appendingAndListing("b"),
                mailingNobody("undone")));
        assertThat(outcomes.get(0).get()).isEqualTo("a");
        assertThat(outcomes.get(1).get()).isEqualTo(List.of("a", "b"));
        assertThat(outcomes.get(2).failure()).isInstanceOf(StoreException.Failure.class);
        assertThat(read(TransactionContract::kinds)).containsExactly("a", "b");
        assertThat(read((Tx tx) -> tx.messages().count())).isZero();
    }

    @Test
    void write_whenAWriteSentLaterFails_theFailureIsThrown_andNothingIsKept() {
        register("alice");
        assertThatThrownBy(() -> write((Tx tx) -> {
            tx.events().append(event("undone"));
            tx.messages().insert(message("alice", null, "to nobody", null), List.of(id("nobody")));
            return "never";
        })).isInstanceOf(StoreException.Failure.class);
        assertThat(read((Tx tx) -> tx.events().lastSeq())).isZero();
        assertThat(read((Tx tx) -> tx.messages().count())).isZero();
    }

    /**
     * A read sent ahead ({@link dev.huddle.store.sql.SqlJdbc#ahead}) goes in line with the posted
     * writes: it sees what was written before it was asked, not what was written after, and each
     * such read gets its own rows, whether a later statement carries it or its rows are asked for
     * first (then it goes alone, with what is held).
     */
    @Test
    void readsAhead_seeTheWritesBeforeThem_notTheOnesAfter_whateverCarriesThem() {
        register("alice");
        Lease expired = write((Tx tx) -> tx.leases().insert(StoreCase.withToken(
                lease("old.py", "alice", LeaseMode.EXCLUSIVE, at(0), at(1)), tx)));
        List<Object> seen = write((Tx tx) -> {
            tx.events().append(event("before"));
            Supplier<EventRows.Window> carried = tx.events().windowAhead(LamportTime.ZERO, 10, List.of());
            Supplier<List<Lease>> sweep = tx.leases().expiredUnnoticedAhead(at(5), 10);
            tx.events().append(event("after"));
            tx.leases().markNoticed(expired.id(), at(5));
            List<String> all = kinds(tx);
            Supplier<EventRows.Window> alone = tx.events().windowAhead(LamportTime.ZERO, 10, List.of());
            tx.events().append(event("last"));
            EventRows.Window asked = alone.get(); // nothing sent since: it goes now, the write after it too
            Supplier<List<Lease>> none = tx.leases().expiredUnnoticedAhead(at(5), 10);
            return List.of(carried.get(), sweep.get(), all, asked, none.get(), kinds(tx));
        });
        EventRows.Window carried = (EventRows.Window) seen.get(0);
        assertThat(carried.newer()).isEqualTo(1);
        assertThat(carried.events()).extracting(Event::kind).containsExactly("before");
        assertThat(seen.get(1)).as("asked before the mark").isEqualTo(List.of(expired));
        assertThat(seen.get(2)).isEqualTo(List.of("before", "after"));
        assertThat(((EventRows.Window) seen.get(3)).events()).extracting(Event::kind).containsExactlyInAnyOrder("before", "after");
        assertThat(seen.get(4)).as("asked after the mark").isEqualTo(List.of());
        assertThat(seen.get(5)).isEqualTo(List.of("before", "after", "last"));
        assertThat(read(TransactionContract::kinds)).containsExactly("before", "after", "last");
    }

    /** A read sent ahead by a work that then throws goes with its rollback: the next work's answers are its own. */
    @Test
    void writeEach_whenAWorkThrowsWithAReadAheadUnsent_theNextWorkStillGetsItsOwnAnswers() {
        register("alice");
        RuntimeException boom = new IllegalStateException("boom");
        List<Written> outcomes = store.writeEach(List.<Function<Tx, ?>>of(
                tx -> {
                    tx.events().append(event("undone"));
                    tx.events().windowAhead(LamportTime.ZERO, 10, List.of());
                    throw boom;
                },
                tx -> {
                    tx.events().append(event("kept"));
                    Supplier<EventRows.Window> window = tx.events().windowAhead(LamportTime.ZERO, 10, List.of());
                    return List.of(kinds(tx), window.get().events().stream().map(Event::kind).toList());
                }));
        assertThat(outcomes.get(0).failure()).isSameAs(boom);
        assertThat(outcomes.get(1).get()).isEqualTo(List.of(List.of("kept"), List.of("kept")));
    }

    /**
     * A batch of random works gives each work what writing it alone would have, and keeps exactly
     * what those alone keep: posted writes that fail in a later work's message, writes that fail at
     * once, refusals, a row saved again with reads between (seeded; the seed is printed).
     */
    @Test
    void writeEach_ofRandomWorks_givesEachWhatWritingItAloneGives() throws Exception {
        long seed = System.nanoTime();
        System.out.println("TransactionContract.writeEach_ofRandomWorks seed=" + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 10; round++) {
            List<Function<Tx, ?>> works = new ArrayList<>();
            // Short batches too: their last work's writes, carried by the commit, are then often what fails.
            int length = round % 2 == 0 ? 16 : 1 + random.nextInt(6);
            for (int w = 0; w < length; w++) {
                String name = "w" + w;
                List<Integer> steps = random.ints(1 + random.nextInt(5), 0, 100).boxed().toList();
                works.add(tx -> randomSteps(tx, name, steps));
            }
            int r = round;
            batchedAndAlone(round, tx -> tx.agents().insert(agent("alice")), works, both -> {
                for (int w = 0; w < works.size(); w++) {
                    assertThat(outcome(both.inBatch().get(w))).as("seed %d, round %d, work %d", seed, r, w)
                            .isEqualTo(outcome(both.eachAlone().get(w)));
                }
                assertThat(kept(both.batched())).as("seed %d, round %d", seed, r).isEqualTo(kept(both.alone()));
            });
        }
    }

    /** Steps drawn from 0–99: an event, alice's row saved again, a read of both, or one of three failures. */
    private static Object randomSteps(Tx tx, String name, List<Integer> steps) {
        List<Object> seen = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            int step = steps.get(i);
            if (step < 30) {
                tx.events().append(event(name + "." + i));
            } else if (step < 55) {
                Agent alice = tx.agents().find(id("alice")).orElseThrow();
                tx.agents().update(alice.withClock(alice.clock().tick(), alice.lastSeen()));
            } else if (step < 80) {
                seen.add(tx.events().query(EventFilter.after(0, 100)).stream().map(Event::kind).toList());
                seen.add(tx.agents().find(id("alice")).orElseThrow().clock().value());
            } else if (step < 87) {
                // the delivery to an agent that does not exist fails, on PostgreSQL once it is sent
                tx.messages().insert(message("alice", null, name, null), List.of(id("nobody")));
            } else if (step < 93) {
                tx.messages().insert(message("nobody", null, name, null), List.of(id("alice")));
            } else {
                throw new IllegalStateException(name);
            }
        }
        return seen;
    }

    /** A work that appends an event of {@code kind} and returns the kind. */
    private static Function<Tx, ?> appending(String kind) {
        return tx -> {
            tx.events().append(event(kind));
            return kind;
        };
    }

    /** A work that appends an event of {@code kind} and returns the kinds of the events it then sees. */
    private static Function<Tx, ?> appendingAndListing(String kind) {
        return tx -> {
            tx.events().append(event(kind));
            return kinds(tx);
        };
    }

    /**
     * A work that appends an event of {@code kind}, then mails an agent that does not exist: the
     * delivery fails, on PostgreSQL only once it is sent (it is posted, and goes with a later statement).
     */
    private static Function<Tx, ?> mailingNobody(String kind) {
        return tx -> {
            tx.events().append(event(kind));
            tx.messages().insert(message("alice", null, kind, null), List.of(id("nobody")));
            return kind;
        };
    }

    /** The kinds of the first ten events, in order. */
    private static List<String> kinds(Tx tx) {
        return tx.events().query(EventFilter.after(0, 10)).stream().map(Event::kind).toList();
    }

    private static List<Object> kept(Store s) {
        return s.read((Tx tx) -> List.of(tx.events().query(EventFilter.after(0, 1000)).stream().map(Event::kind).toList(),
                tx.agents().find(id("alice")).orElseThrow().clock().value(), tx.messages().count()));
    }

    private static Event event(String kind) {
        return new Event(0, LamportTime.ZERO, Optional.empty(), T0, kind, Optional.empty(), Optional.empty(), Map.of());
    }

    @Test
    void rehearse_whenWorkSucceeds_resultReturnedButNothingKept() {
        register("alice");
        long seen = store.rehearse((Tx tx) -> {
            tx.agents().insert(agent("bob"));
            return tx.agents().all().size();
        });
        assertThat(seen).as("the work saw its own writes").isEqualTo(2);
        assertThat(read((Tx tx) -> tx.agents().all())).containsExactly(agent("alice"));
    }

    @Test
    void rehearse_whenWorkThrows_sameExceptionAndNothingKept() {
        RuntimeException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> store.rehearse((Tx tx) -> {
            tx.agents().insert(agent("bob"));
            throw boom;
        })).isSameAs(boom);
        assertThat(nothingWritten()).isTrue();
    }

    @Test
    void read_whenOtherStoreCommitted_seesCommittedData() {
        try (Store other = newStore(dir)) {
            other.write((Tx tx) -> {
                tx.agents().insert(agent("carol"));
                return null;
            });
        }
        assertThat(read((Tx tx) -> tx.agents().find(id("carol")))).isPresent();
        assertThat(read((Tx tx) -> tx.events().query(EventFilter.after(0, 10)))).isEmpty();
    }

    @Test
    void read_whenWorkTriesToWrite_nothingKept() {
        try {
            read((Tx tx) -> {
                tx.agents().insert(agent("mallory"));
                return null;
            });
        } catch (StoreException refused) {
            // Refusing the write is as good as discarding it; keeping it is what must not happen.
        }
        assertThat(nothingWritten()).isTrue();
    }

    @Test
    void backupTo_whenNewTarget_writesCopy(@TempDir Path elsewhere) throws Exception {
        register("alice");
        Path target = elsewhere.resolve("copy.db");
        store.backupTo(target);
        assertThat(target).isRegularFile();
        assertThat(Files.size(target)).isPositive();
    }

    @Test
    void backupTo_whenTargetExists_refusedAndTargetUntouched(@TempDir Path elsewhere)
            throws Exception {
        Path target = Files.writeString(elsewhere.resolve("taken.db"), "keep me");
        assertThatThrownBy(() -> store.backupTo(target)).isInstanceOf(HuddleException.class)
                .hasMessageContaining(target.toString());
        assertThat(Files.readString(target)).isEqualTo("keep me");
    }

    /** What a waiter watches between two reads: it moves with another connection's commit, and only then. */
    @Test
    void changes_movesWhenAnotherConnectionCommits_notForOwnWritesReadsOrRollbacks() {
        long start = store.changes();
        register("alice");
        read((Tx tx) -> tx.agents().all());
        store.rehearse((Tx tx) -> {
            tx.agents().insert(agent("bob"));
            return null;
        });
        assertThat(store.changes()).as("own commit, read and rollback").isEqualTo(start);
        try (Store other = newStore(dir)) {
            other.rehearse((Tx tx) -> {
                tx.agents().insert(agent("bob"));
                return null;
            });
            assertThat(store.changes()).as("another connection's rollback").isEqualTo(start);
            other.write((Tx tx) -> {
                tx.agents().insert(agent("bob"));
                return null;
            });
        }
        long moved = store.changes();
        assertThat(moved).as("another connection's commit").isNotEqualTo(start);
        assertThat(store.changes()).as("nothing since").isEqualTo(moved);
    }

    /**
     * A write that changed nothing is no change: a batch whose every work failed wakes no waiter
     * (on PostgreSQL its commit would have counted and notified every server); one work done does.
     */
    @Test
    void changes_staysWhenAnotherConnectionsBatchFailedInEveryWork_movesWhenOneWorkWasDone() {
        register("alice");
        long start = store.changes();
        Function<Tx, ?> refused = tx -> {
            tx.agents().insert(agent("bob"));
            throw new IllegalStateException("refused");
        };
        Function<Tx, ?> done = tx -> {
            tx.agents().insert(agent("carol"));
            return null;
        };
        try (Store other = newStore(dir)) {
            assertThat(other.writeEach(List.of(refused, refused))).allSatisfy(o -> assertThat(o.failure()).isNotNull());
            assertThat(store.changes()).as("a batch that failed in every work").isEqualTo(start);
            assertThat(other.writeEach(List.of(refused, done))).extracting(o -> o.failure() == null)
                    .containsExactly(false, true);
        }
        assertThat(store.changes()).as("a batch with a work done").isNotEqualTo(start);
        assertThat(read((Tx tx) -> tx.agents().all())).extracting(a -> a.id().value()).containsExactly("alice", "carol");
    }
}
