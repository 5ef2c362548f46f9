package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.agent.Role;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.frontier.Pointstamp;
import java.util.List;
import java.util.Optional;
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
}
