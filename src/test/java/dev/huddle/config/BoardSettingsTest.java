package dev.huddle.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.core.Settings;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Role;
import dev.huddle.core.task.Queue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The work board's part of huddle.toml: [queues.NAME] and [summary] order (DESIGN §9). */
class BoardSettingsTest {

    private static Settings parse(String text) {
        return SettingsFile.parse(text, "huddle.toml");
    }

    @Test
    void noFile_onlyTheDefaultQueue_andNoSummaryOrder() {
        Settings s = parse("");
        assertThat(s.queues().all()).containsExactly(Queue.DEFAULT);
        assertThat(s.summaryOrder()).isEmpty();
    }

    @Test
    void queue_withEveryKey_isConfiguredAsWritten() {
        Settings s = parse("[queues.reviews]\nhandler = \"Reviewer\"\nsla_minutes = 240\nid_prefix = \"REV\"\n");
        assertThat(s.queues().require("reviews")).isEqualTo(new Queue("reviews", Optional.of(new Role("reviewer")),
                Optional.of(Duration.ofMinutes(240)), "REV"));
        assertThat(s.queues().names()).containsExactly("default", "reviews");
    }

    @Test
    void queue_withoutPrefix_getsTheInitialsOfItsName_andNoHandlerOrSla() {
        Settings s = parse("[queues.bug-triage]\n");
        assertThat(s.queues().require("bug-triage")).isEqualTo(new Queue("bug-triage", Optional.empty(), Optional.empty(), "BT"));
    }

    @Test
    void queue_whoseInitialsClashWithAnotherPrefix_errorNamesFileLineAndFix() {
        assertThatThrownBy(() -> parse("[presence]\nactive_minutes = 5\n\n[queues.tests]\nsla_minutes = 5\n"))
                .isInstanceOf(HuddleException.class)
                .hasMessageStartingWith("huddle.toml:4: ")
                .hasMessageContaining("'default' and 'tests'").hasMessageContaining("id_prefix");
    }

    @Test
    void queue_withBadPrefix_errorNamesLineAndKey() {
        assertThatThrownBy(() -> parse("[queues.reviews]\nsla_minutes = 5\nid_prefix = \"rev\"\n"))
                .hasMessageStartingWith("huddle.toml:3: ").hasMessageContaining("id_prefix");
    }

    @Test
    void queue_withBadValues_errorNamesLineAndKey() {
        assertThatThrownBy(() -> parse("[queues.reviews]\n\nsla_minutes = 0\n"))
                .hasMessageStartingWith("huddle.toml:3: ").hasMessageContaining("[queues.reviews] sla_minutes");
        assertThatThrownBy(() -> parse("[queues.reviews]\nhandler = \"not a role\"\n"))
                .hasMessageStartingWith("huddle.toml:2: ").hasMessageContaining("handler");
        assertThatThrownBy(() -> parse("[queues.Reviews]\n")).hasMessageStartingWith("huddle.toml:1: ")
                .hasMessageContaining("invalid queue name");
        assertThatThrownBy(() -> parse("[queues.2fa]\n")).hasMessageContaining("needs an id_prefix");
    }

    @Test
    void summaryOrder_isReadAsAgentIds() {
        assertThat(parse("[summary]\norder = [\"Alice\", \"bob\"]\n").summaryOrder())
                .containsExactly(new AgentId("alice"), new AgentId("bob"));
        assertThatThrownBy(() -> parse("[summary]\norder = [\"al ice\"]\n")).hasMessageStartingWith("huddle.toml:2: ")
                .hasMessageContaining("order");
    }

    @Test
    void errorsOfOtherTables_nowNameTheLineToo() {
        assertThatThrownBy(() -> parse("[leases]\n\nmax_ttl_minutes = true\n")).hasMessageStartingWith("huddle.toml:3: ");
        assertThatThrownBy(() -> parse("[presence]\nactive_minutes = 40\nidle_minutes = 30\n"))
                .hasMessageStartingWith("huddle.toml:1: ");
    }

    @Test
    void queuesInFileOrder_afterTheDefault() {
        Settings s = parse("[queues.zeta]\n[queues.alpha]\n");
        assertThat(s.queues().names()).isEqualTo(List.of("default", "zeta", "alpha"));
    }
}
