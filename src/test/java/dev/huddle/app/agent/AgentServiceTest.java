package dev.huddle.app.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.agent.Presence;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentServiceTest {

    @TempDir
    Path dir;
    TestHuddle h;

    @BeforeEach
    void setUp() {
        h = new TestHuddle(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void ids_areCaseInsensitive() {
        h.register("Alice");
        assertThat(h.coordinator.agents().whoami(AgentId.of("ALICE")).agent().id().value()).isEqualTo("alice");
    }

    @Test
    void identity_ofAnOperator_needsNoAgent_butAnyoneElseMustBeRegistered() {
        h.register("alice");
        Identity ops = h.coordinator.agents().identity(AgentId.of("ops"), true);
        assertThat(ops).isEqualTo(new Identity(AgentId.of("ops"), true, Optional.empty()));
        assertThat(h.coordinator.agents().identity(AgentId.of("alice"), true).agent()).hasValueSatisfying(
                v -> assertThat(v.agent().id().value()).isEqualTo("alice"));
        Identity alice = h.coordinator.agents().identity(AgentId.of("alice"), false);
        assertThat(alice.operator()).isFalse();
        assertThat(alice.agent()).contains(h.coordinator.agents().whoami(AgentId.of("alice")));
        assertThatThrownBy(() -> h.coordinator.agents().identity(AgentId.of("ops"), false))
                .isInstanceOfSatisfying(HuddleException.class, e -> assertThat(e.getMessage()).contains("huddle register ops"));
        assertThat(h.coordinator.agents().agents(true)).hasSize(1);
    }

    @Test
    void unknownAgent_isRefusedWithHowToRegister_andNotCreated() {
        assertThatThrownBy(() -> h.coordinator.agents().heartbeat(AgentId.of("typo"), Optional.empty(), Optional.empty()))
                .isInstanceOfSatisfying(HuddleException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HuddleException.Kind.FAILED);
                    assertThat(e.getMessage()).contains("huddle register typo");
                });
        assertThat(h.coordinator.agents().agents(true)).isEmpty();
    }

    @Test
    void invalidId_isInvalidInput() {
        for (String bad : List.of("", "-x", "a b", "x".repeat(65), "é")) {
            assertThatThrownBy(() -> AgentId.of(bad)).isInstanceOf(HuddleException.class);
        }
    }

    @Test
    void register_whenAProfileFieldHoldsAControlCharacter_refusedAsInvalid_andNothingWritten() {
        h.register("alice");
        long events = h.coordinator.events().lastSeq();
        List<AgentProfile> bad = List.of(
                new AgentProfile(Optional.of("evil\u001b]0;owned\u0007"), List.of(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()),
                new AgentProfile(Optional.empty(), List.of(), Optional.of("claude\r"), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()),
                new AgentProfile(Optional.empty(), List.of(), Optional.empty(), Optional.of("m\u0007"),
                        Optional.empty(), Optional.empty(), Optional.empty()),
                new AgentProfile(Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                        Optional.of("line one\nline two"), Optional.empty(), Optional.empty()),
                new AgentProfile(Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.of("/w\u001b[2J"), Optional.empty()),
                new AgentProfile(Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.of("main\u202e")));
        for (AgentProfile profile : bad) {
            for (String id : List.of("alice", "newcomer")) {
                assertThatThrownBy(() -> h.coordinator.agents().register(AgentId.of(id), profile, Optional.empty()))
                        .isInstanceOfSatisfying(HuddleException.class, e -> {
                            assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT);
                            assertThat(e.getMessage()).contains("control character");
                        });
            }
        }
        assertThat(h.coordinator.events().lastSeq()).isEqualTo(events);
        assertThat(h.coordinator.agents().agents(true)).extracting(v -> v.agent().id().value()).containsExactly("alice");
        assertThat(h.coordinator.agents().whoami(AgentId.of("alice")).agent().displayName()).isEqualTo("alice");
    }

    @Test
    void reRegister_updatesOnlyGivenFields() {
        h.coordinator.agents().register(AgentId.of("a"), new AgentProfile(Optional.of("Ann"), List.of(), Optional.of("claude"),
                Optional.empty(), Optional.of("parser"), Optional.empty(), Optional.empty()), Optional.empty());
        var r = h.coordinator.agents().register(AgentId.of("a"), new AgentProfile(Optional.empty(), List.of(), Optional.empty(),
                Optional.of("opus"), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty());
        assertThat(r.created()).isFalse();
        var p = r.agent().agent().profile();
        assertThat(p.displayName()).contains("Ann");
        assertThat(p.program()).contains("claude");
        assertThat(p.model()).contains("opus");
        assertThat(p.task()).contains("parser");
    }

    @Test
    void displayName_isUniqueAmongPresentAgents() {
        h.coordinator.agents().register(AgentId.of("a"), profileNamed("Builder"), Optional.empty());
        assertThatThrownBy(() -> h.coordinator.agents().register(AgentId.of("b"), profileNamed("builder"), Optional.empty()))
                .hasMessageContaining("already used by agent 'a'");
    }

    @Test
    void presence_followsConfiguredWindows() {
        AgentId a = h.register("a");
        assertThat(presence(a)).isEqualTo(Presence.ACTIVE);
        h.clock.advance(Duration.ofMinutes(6));
        assertThat(presence(a)).isEqualTo(Presence.IDLE);
        h.clock.advance(Duration.ofMinutes(30));
        assertThat(presence(a)).isEqualTo(Presence.STALE);
        h.clock.advance(Duration.ofHours(2));
        assertThat(presence(a)).isEqualTo(Presence.OFFLINE);
        h.coordinator.agents().heartbeat(a, Optional.empty(), Optional.empty());
        assertThat(presence(a)).isEqualTo(Presence.ACTIVE);
    }

    @Test
    void leave_isOffline_andHiddenFromDefaultList() {
        AgentId a = h.register("a");
        h.coordinator.agents().leave(a);
        assertThat(h.coordinator.agents().agents(false)).isEmpty();
        assertThat(h.coordinator.agents().agents(true)).singleElement()
                .satisfies(v -> assertThat(v.presence()).isEqualTo(Presence.OFFLINE));
    }

    private Presence presence(AgentId id) {
        return h.coordinator.agents().whoami(id).presence();
    }

    private static AgentProfile profileNamed(String name) {
        return new AgentProfile(Optional.of(name), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
