package dev.huddle.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.agent.Role;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.frontier.Pointstamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DirectedTest {

    static final Instant T = Instant.parse("2026-11-21T12:00:00Z");

    static Agent agent(String id, String... roles) {
        return new Agent(AgentId.of(id), new AgentProfile(Optional.empty(), List.of(roles).stream().map(Role::of).toList(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                T, T, Optional.empty(), LamportTime.ZERO, new Pointstamp(0, 0));
    }

    static Message to(String... recipients) {
        return new Message(1, AgentId.of("alice"), LamportTime.ZERO, T, Optional.empty(), "hi", Importance.NORMAL, false,
                Optional.empty(), Optional.empty(), List.of(recipients));
    }

    @Test
    void at_whenAddressedByIdOrRole_directed() {
        Agent bob = agent("bob", "reviewer");
        assertThat(Directed.at(bob, to("bob"))).isTrue();
        assertThat(Directed.at(bob, to("carol", "@reviewer"))).isTrue();
    }

    @Test
    void at_whenOnlyAllOrSomeoneElse_notDirected() {
        Agent bob = agent("bob", "reviewer");
        assertThat(Directed.at(bob, to("all"))).isFalse();
        assertThat(Directed.at(bob, to("carol", "@tester"))).isFalse();
    }

    @Test
    void blockOn_whenSomeMessageIsNew_blocksOnAllWaiting() {
        assertThat(Directed.blockOn(List.of(3L, 4L), List.of(3L))).containsExactly(3L, 4L);
        assertThat(Directed.blockOn(List.of(3L), List.of())).containsExactly(3L);
    }

    @Test
    void blockOn_whenEveryWaitingMessageWasBlockedOnBefore_neverBlocksAgain() {
        assertThat(Directed.blockOn(List.of(3L, 4L), List.of(3L, 4L, 5L))).isEmpty();
        assertThat(Directed.blockOn(List.of(), List.of())).isEmpty();
    }
}
