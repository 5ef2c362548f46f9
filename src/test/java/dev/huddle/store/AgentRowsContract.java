package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.agent.Role;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.frontier.Pointstamp;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@link AgentRows}: every field of an agent survives the store. */
abstract class AgentRowsContract extends StoreCase {

    @Test
    void insert_whenEveryFieldSet_findReturnsEqualAgent() {
        Agent alice = agent("alice").withLeftAt(Optional.of(at(90).plusMillis(7)))
                .withProfile(agent("alice").profile().mergedWith(new AgentProfile(Optional.of("Zoë \"Z\" O'Neil, 🚀"),
                        List.of(new Role("a.b_c-d")), Optional.empty(), Optional.empty(), Optional.of("line1\nline2"),
                        Optional.empty(), Optional.empty())));
        run(tx -> tx.agents().insert(alice));
        assertThat(read((Tx tx) -> tx.agents().find(id("alice")))).contains(alice);
    }

    @Test
    void insert_whenProfileEmpty_optionalsStayEmpty() {
        Agent bare = new Agent(id("bare"), AgentProfile.empty(), T0, T0, Optional.empty(), LamportTime.ZERO, Pointstamp.START);
        run(tx -> tx.agents().insert(bare));
        Agent found = read((Tx tx) -> tx.agents().find(id("bare"))).orElseThrow();
        assertThat(found).isEqualTo(bare);
        assertThat(found.profile().roles()).isEmpty();
        assertThat(found.leftAt()).isEmpty();
    }

    @Test
    void insert_whenSeveralRoles_orderKept() {
        run(tx -> tx.agents().insert(agent("a")));
        assertThat(read((Tx tx) -> tx.agents().find(id("a"))).orElseThrow().profile().roles())
                .containsExactly(new Role("reviewer"), new Role("qa"));
    }

    @Test
    void insert_whenIdTaken_refusedAndFirstKept() {
        register("alice");
        Agent other = agent("alice").withClock(new LamportTime(99), at(5));
        assertThatThrownBy(() -> run(tx -> tx.agents().insert(other))).isInstanceOf(StoreException.class);
        assertThat(read((Tx tx) -> tx.agents().find(id("alice")))).contains(agent("alice"));
    }

    @Test
    void find_whenUnknown_empty() {
        register("alice");
        assertThat(read((Tx tx) -> tx.agents().find(id("bob")))).isEmpty();
    }

    @Test
    void all_whenSeveral_orderedByIdIncludingDeparted() {
        run(tx -> {
            tx.agents().insert(agent("carol"));
            tx.agents().insert(agent("alice").withLeftAt(Optional.of(at(1))));
            tx.agents().insert(agent("bob"));
        });
        assertThat(read((Tx tx) -> tx.agents().all())).extracting(a -> a.id().value()).containsExactly("alice", "bob", "carol");
    }

    @Test
    void sightings_areEveryAgentsLastSeenAndDeparture_orderedById_asAllHasThem() {
        run(tx -> {
            tx.agents().insert(agent("carol").withClock(new dev.huddle.core.clock.LamportTime(9), at(7)));
            tx.agents().insert(agent("alice").withLeftAt(Optional.of(at(1))));
            tx.agents().insert(agent("bob"));
        });
        List<dev.huddle.core.agent.Sighting> expected = read((Tx tx) -> tx.agents().all()).stream()
                .map(a -> new dev.huddle.core.agent.Sighting(a.id(), a.lastSeen(), a.leftAt())).toList();
        assertThat(read((Tx tx) -> tx.agents().sightings())).isEqualTo(expected)
                .extracting(s -> s.id().value()).containsExactly("alice", "bob", "carol");
        assertThat(expected.get(2).lastSeen()).isEqualTo(at(7));
        assertThat(expected.get(0).leftAt()).hasValue(at(1));
    }

    @Test
    void all_whenEmpty_emptyList() {
        assertThat(read((Tx tx) -> tx.agents().all())).isEmpty();
    }

    @Test
    void update_whenEveryMutableFieldChanged_findReturnsNewValues() {
        register("alice", "bob");
        Agent changed = agent("alice")
                .withProfile(new AgentProfile(Optional.of("Al"), List.of(new Role("lead")), Optional.of("codex"),
                        Optional.of("gpt"), Optional.of("docs"), Optional.of("/elsewhere"), Optional.of("main")))
                .withClock(new LamportTime(42), at(30))
                .withPointstamp(new Pointstamp(3, 0))
                .withLeftAt(Optional.of(at(31)));
        run(tx -> tx.agents().update(changed));
        assertThat(read((Tx tx) -> tx.agents().find(id("alice")))).contains(changed);
        assertThat(read((Tx tx) -> tx.agents().find(id("bob")))).as("other agents untouched").contains(agent("bob"));
    }

    @Test
    void update_whenFieldsCleared_storedEmpty() {
        run(tx -> tx.agents().insert(agent("alice").withLeftAt(Optional.of(at(1)))));
        Agent cleared = agent("alice").withProfile(AgentProfile.empty()).withLeftAt(Optional.empty());
        run(tx -> tx.agents().update(cleared));
        assertThat(read((Tx tx) -> tx.agents().find(id("alice")))).contains(cleared);
    }

    /**
     * Rows named ahead ({@link ActingWork}) and looked up in a batch are what a read would give:
     * after the batch's earlier writes to them, an insert of one named as absent, a write before
     * the lookup, a work undone, and more names than one read ahead holds.
     */
    @Test
    void find_inActingWorksOfOneBatch_givesEachRowAsTheWorksBeforeLeftIt() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            many.add("agent-" + i);
        }
        register(many.toArray(String[]::new));
        register("alice", "bob");
        RuntimeException boom = new IllegalStateException("boom");
        List<Written> outcomes = store.writeEach(List.<Function<Tx, ?>>of(
                acting(List.of("alice"), tx -> {
                    tx.agents().update(tx.agents().find(id("alice")).orElseThrow().withClock(new LamportTime(10), at(1)));
                    return "ticked";
                }),
                acting(List.of("alice", "bob"), tx -> tx.agents().find(id("alice")).orElseThrow().clock().value()),
                acting(List.of("bob"), tx -> {
                    tx.agents().update(agent("bob").withClock(new LamportTime(20), at(2)));
                    return tx.agents().find(id("bob")).orElseThrow().clock().value();
                }),
                acting(List.of("bob"), tx -> {
                    tx.agents().update(agent("bob").withClock(new LamportTime(99), at(3)));
                    throw boom;
                }),
                acting(List.of("bob"), tx -> tx.agents().find(id("bob")).orElseThrow().clock().value()),
                acting(List.of("carol"), tx -> {
                    boolean before = tx.agents().find(id("carol")).isPresent();
                    tx.agents().insert(agent("carol"));
                    return before + " then " + tx.agents().find(id("carol")).isPresent();
                }),
                acting(List.of("carol"), tx -> tx.agents().find(id("carol")).orElseThrow()),
                acting(many, tx -> many.stream().map(a -> tx.agents().find(id(a)).orElseThrow().id().value()).toList())));
        assertThat(outcomes.get(0).get()).isEqualTo("ticked");
        assertThat(outcomes.get(1).get()).as("alice as the first work left her").isEqualTo(10L);
        assertThat(outcomes.get(2).get()).as("written before looked up").isEqualTo(20L);
        assertThat(outcomes.get(3).failure()).isSameAs(boom);
        assertThat(outcomes.get(4).get()).as("the undone write is not seen").isEqualTo(20L);
        assertThat(outcomes.get(5).get()).isEqualTo("false then true");
        assertThat(outcomes.get(6).get()).isEqualTo(agent("carol"));
        assertThat(outcomes.get(7).get()).isEqualTo(many);
        assertThat(read((Tx tx) -> tx.agents().find(id("bob")).orElseThrow().clock().value())).isEqualTo(20L);
    }

    @Test
    void find_inAnActingWork_whenTheNamedAgentIsUnknown_emptyAsARead() {
        register("alice");
        List<Written> outcomes = store.writeEach(List.<Function<Tx, ?>>of(
                acting(List.of("ghost", "alice"), tx -> tx.agents().find(id("ghost"))),
                acting(List.of("alice"), tx -> tx.agents().find(id("alice")))));
        assertThat(outcomes.get(0).get()).isEqualTo(Optional.empty());
        assertThat(outcomes.get(1).get()).isEqualTo(Optional.of(agent("alice")));
    }

    /**
     * Rows read ahead serve one transaction only: a connection that keeps its statements for its
     * life (SQLite) must not answer a later transaction's lookup from an earlier one's rows, which
     * another connection may have changed since.
     */
    @Test
    void find_inALaterTransaction_seesAnotherConnectionsWriteSinceAnEarlierBatchReadTheRow() {
        register("alice", "bob");
        assertThat(store.writeEach(List.<Function<Tx, ?>>of(
                acting(List.of("alice"), tx -> tx.agents().find(id("alice")).orElseThrow().clock().value()),
                acting(List.of("bob"), tx -> tx.agents().find(id("bob")).orElseThrow().clock().value())))
                .stream().map(Written::get).toList()).containsExactly(3L, 3L);
        try (Store other = newStore(dir)) {
            other.write((Tx tx) -> {
                tx.agents().update(agent("alice").withClock(new LamportTime(40), at(4)));
                return null;
            });
        }
        assertThat(store.writeEach(List.<Function<Tx, ?>>of(
                acting(List.of("alice"), tx -> tx.agents().find(id("alice")).orElseThrow().clock().value()),
                acting(List.of("bob"), tx -> tx.agents().find(id("bob")).orElseThrow().clock().value())))
                .stream().map(Written::get).toList()).as("a batch after it").containsExactly(40L, 3L);
        assertThat(write((Tx tx) -> tx.agents().find(id("alice")).orElseThrow().clock().value()))
                .as("a single write after it").isEqualTo(40L);
        assertThat(read((Tx tx) -> tx.agents().find(id("alice")).orElseThrow().clock().value()))
                .as("a read after it").isEqualTo(40L);
    }

    /**
     * The rows named ahead travel in the batch's first message: when that message fails (here the
     * first work's insert, sent in it), the later works still find the rows, read anew, instead of
     * failing on an answer that never came.
     */
    @Test
    void find_inActingWorks_whenTheMessageCarryingTheRowsFailed_theyAreReadAnew() {
        register("alice", "bob");
        List<Written> outcomes = store.writeEach(List.<Function<Tx, ?>>of(
                acting(List.of("alice", "bob"), tx -> tx.messages().insert(message("nobody", null, "from nobody", null),
                        List.of(id("alice")))),
                acting(List.of("alice"), tx -> tx.agents().find(id("alice"))),
                acting(List.of("bob"), tx -> tx.agents().find(id("bob")))));
        assertThat(outcomes.get(0).failure()).isInstanceOf(StoreException.class);
        assertThat(outcomes.get(1).get()).isEqualTo(Optional.of(agent("alice")));
        assertThat(outcomes.get(2).get()).isEqualTo(Optional.of(agent("bob")));
    }

    /**
     * A row saved several times in one work, with reads of other tables in between, is what every
     * later read sees, through the table or a join, in the work and after the commit (PostgreSQL
     * keeps back all but the last save until something names the table).
     */
    @Test
    void update_severalTimesInAWork_everyReadOfTheTableOrAJoinSeesTheNewest_andTheCommitKeepsIt() {
        register("alice", "bob");
        write((Tx tx) -> tx.leases().grant(new LeaseRows.Grant(Resource.fromText("src/a.py"), id("alice"),
                LeaseMode.EXCLUSIVE, Optional.empty(), Optional.empty(), at(0), at(600))));
        List<Object> seen = write((Tx tx) -> {
            Agent alice = tx.agents().find(id("alice")).orElseThrow();
            tx.agents().update(alice.withClock(new LamportTime(5), at(10)));
            long events = tx.events().lastSeq();
            tx.agents().update(alice.withClock(new LamportTime(6), at(20)));
            Instant held = tx.leases().unexpiredHeld(at(30)).getFirst().holder().lastSeen();
            tx.agents().update(alice.withClock(new LamportTime(7), at(30)));
            tx.events().lastSeq();
            tx.agents().update(alice.withClock(new LamportTime(8), at(40)));
            return List.of(events, held, tx.agents().find(id("alice")).orElseThrow().clock().value(),
                    tx.agents().sightings().getFirst().lastSeen());
        });
        assertThat(seen.subList(1, 4)).containsExactly(at(20), 8L, at(40));
        Agent kept = read((Tx tx) -> tx.agents().find(id("alice"))).orElseThrow();
        assertThat(kept.clock().value()).isEqualTo(8);
        assertThat(kept.lastSeen()).isEqualTo(at(40));
    }

    private static <T> ActingWork<T> acting(List<String> agents, Function<Tx, T> work) {
        return new ActingWork<>(agents.stream().map(StoreCase::id).toList(), work);
    }
}
