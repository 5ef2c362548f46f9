package dev.huddle.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.core.Settings;
import dev.huddle.core.agent.PresencePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsFileTest {

    private static final String EVERY_KEY = """
            [presence]
            active_minutes = 3      # < active -> active
            idle_minutes = 20
            stale_minutes = 90

            [leases]
            default_ttl_minutes = 15
            max_ttl_minutes = 240

            [messages]
            max_body_kib = 16

            [queues.reviews]        # one table per queue
            handler = "reviewer"
            sla_minutes = 240
            id_prefix = "REV"

            [summary]
            order = ["alice", "bob"]

            [hooks]
            on_internal_error = "allow-with-warning"
            release_on_session_end = true
            """;

    private static Settings parse(String text) {
        return SettingsFile.parse(text, "huddle.toml");
    }

    @Nested
    class Valid {

        @Test
        void load_whenNoFile_defaults(@TempDir Path repo) {
            assertThat(SettingsFile.load(repo)).isEqualTo(Settings.DEFAULTS);
        }

        @Test
        void load_whenEmptyOrCommentsOnly_defaults() {
            assertThat(parse("")).isEqualTo(Settings.DEFAULTS);
            assertThat(parse("# nothing set\n\n")).isEqualTo(Settings.DEFAULTS);
        }

        @Test
        void load_whenEveryDocumentedKey_allApplied(@TempDir Path repo) throws Exception {
            Files.writeString(repo.resolve(SettingsFile.NAME), EVERY_KEY);
            Settings s = SettingsFile.load(repo);
            assertThat(s.presence()).isEqualTo(new PresencePolicy(Duration.ofMinutes(3), Duration.ofMinutes(20),
                    Duration.ofMinutes(90)));
            assertThat(s.defaultLeaseTtl()).isEqualTo(Duration.ofMinutes(15));
            assertThat(s.maxLeaseTtl()).isEqualTo(Duration.ofMinutes(240));
            assertThat(s.maxMessageBytes()).isEqualTo(16 * 1024);
            assertThat(s.onHookError()).isEqualTo(Settings.HookErrorPolicy.ALLOW_WITH_WARNING);
            assertThat(s.releaseOnSessionEnd()).isTrue();
            assertThat(Settings.DEFAULTS.releaseOnSessionEnd()).isFalse();
        }

        @Test
        void parse_whenSomeKeys_restDefault() {
            Settings s = parse("[leases]\ndefault_ttl_minutes = 45\n");
            assertThat(s.defaultLeaseTtl()).isEqualTo(Duration.ofMinutes(45));
            assertThat(s.presence()).isEqualTo(PresencePolicy.DEFAULT);
            assertThat(s.maxMessageBytes()).isEqualTo(Settings.DEFAULTS.maxMessageBytes());
        }
    }

    @Nested
    class Invalid {

        @Test
        void parse_whenMalformedLine_errorNamesFileAndLine() {
            assertThatThrownBy(() -> parse("[presence]\nactive_minutes 5\n")).isInstanceOf(HuddleException.class)
                    .hasMessageStartingWith("huddle.toml:2:");
        }

        @Test
        void parse_whenUnknownTable_errorNamesTable() {
            assertThatThrownBy(() -> parse("[presense]\nactive_minutes = 5\n")).hasMessageContaining("huddle.toml")
                    .hasMessageContaining("[presense]");
        }

        @Test
        void parse_whenTopLevelKey_errorNamesKey() {
            assertThatThrownBy(() -> parse("active_minutes = 5\n")).hasMessageContaining("active_minutes");
        }

        @Test
        void parse_whenUnknownKey_errorNamesKeyAndTable() {
            assertThatThrownBy(() -> parse("[leases]\ndefault_ttl = 5\n")).hasMessageContaining("'default_ttl'")
                    .hasMessageContaining("[leases]");
            assertThatThrownBy(() -> parse("[queues.reviews]\nowner = \"x\"\n")).hasMessageContaining("'owner'");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                [presence]\\nactive_minutes = "5"               | [presence] active_minutes
                [leases]\\nmax_ttl_minutes = true               | [leases] max_ttl_minutes
                [messages]\\nmax_body_kib = [64]                | [messages] max_body_kib
                [hooks]\\non_internal_error = 1                 | [hooks] on_internal_error
                [hooks]\\non_internal_error = "allow"           | [hooks] on_internal_error
                [hooks]\\nrelease_on_session_end = "yes"        | [hooks] release_on_session_end
                [presence]\\nidle_minutes = 0                   | [presence] idle_minutes
                [leases]\\ndefault_ttl_minutes = -5             | [leases] default_ttl_minutes
                [messages]\\nmax_body_kib = 999999              | [messages] max_body_kib
                [presence]\\nstale_minutes = 99999999           | [presence] stale_minutes
                """)
        void parse_whenWrongTypeOrOutOfRange_errorNamesKey(String text, String key) {
            assertThatThrownBy(() -> parse(text.replace("\\n", "\n"))).isInstanceOf(HuddleException.class)
                    .hasMessageStartingWith("huddle.toml:").hasMessageContaining(key);
        }

        @Test
        void parse_whenPresenceWindowsOutOfOrder_errorNamesFileAndKeys() {
            assertThatThrownBy(() -> parse("[presence]\nactive_minutes = 40\nidle_minutes = 30\n"))
                    .hasMessageStartingWith("huddle.toml:").hasMessageContaining("idle_minutes");
        }

        @Test
        void parse_whenDefaultTtlAboveMax_errorNamesFileAndBothKeys() {
            assertThatThrownBy(() -> parse("[leases]\ndefault_ttl_minutes = 600\n")).hasMessageStartingWith("huddle.toml:")
                    .hasMessageContaining("default_ttl_minutes").hasMessageContaining("max_ttl_minutes");
        }

        @Test
        void parse_whenDuplicateKey_errorNamesKey() {
            assertThatThrownBy(() -> parse("[leases]\nmax_ttl_minutes = 60\nmax_ttl_minutes = 90\n"))
                    .hasMessage("huddle.toml:3: key 'max_ttl_minutes' is set twice");
        }

        @Test
        void parse_whenQueueValueHasWrongType_errorNamesKey() {
            assertThatThrownBy(() -> parse("[queues.reviews]\nsla_minutes = \"soon\"\n")).hasMessageContaining("sla_minutes");
        }

        @Test
        void parse_whenSummaryOrderNotAList_errorNamesKey() {
            assertThatThrownBy(() -> parse("[summary]\norder = \"alice\"\n")).hasMessageContaining("order");
        }
    }
}
