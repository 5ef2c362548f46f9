package dev.huddle.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.frontier.Pointstamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AutoIdTest {

    static final Instant T = Instant.parse("2026-11-21T12:00:00Z");

    static Agent agent(String id, String name, boolean left) {
        return new Agent(AgentId.of(id), new AgentProfile(Optional.ofNullable(name), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                T, T, left ? Optional.of(T) : Optional.empty(), LamportTime.ZERO, new Pointstamp(0, 0));
    }

    @Test
    void next_whenNoAgents_programDashOne() {
        assertThat(AutoId.next("claude", List.of())).isEqualTo(AgentId.of("claude-1"));
    }

    @Test
    void next_skipsIdsInUse_evenOfAgentsThatLeft() {
        assertThat(AutoId.next("codex", List.of(agent("codex-1", null, true), agent("codex-2", null, false))))
                .isEqualTo(AgentId.of("codex-3"));
    }

    @Test
    void next_skipsAnotherAgentsDisplayName_soIdAndNameStayUnique() {
        assertThat(AutoId.next("gemini", List.of(agent("bob", "Gemini-1", false)))).isEqualTo(AgentId.of("gemini-2"));
        assertThat(AutoId.next("gemini", List.of(agent("bob", "gemini-1", true)))).isEqualTo(AgentId.of("gemini-1"));
    }

    @Test
    void next_whenProgramNameIsOdd_stillAValidId() {
        assertThat(AutoId.next("Cursor IDE!", List.of())).isEqualTo(AgentId.of("cursoride-1"));
        assertThat(AutoId.next("--", List.of())).isEqualTo(AgentId.of("agent-1"));
    }
}
