package dev.huddle.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    @Nested
    class Parse {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"90s, PT1M30S", "15m, PT15M", "2h, PT2H", "1h30m, PT1H30M", "250ms, PT0.25S", "1d, PT24H",
            "' 15M ', PT15M", "1m30s, PT1M30S"})
        void parse_whenNumberWithUnit_duration(String text, Duration expected) {
            assertThat(DurationText.parse(text, "ttl")).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"30", "-5"})
        void parse_whenBareNumber_refusedAskingForUnit(String text) {
            assertThatThrownBy(() -> DurationText.parse(text, "ttl"))
                    .isInstanceOfSatisfying(HuddleException.class, e -> assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT))
                    .hasMessageContaining("'" + text + "'").hasMessageContaining("no unit");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0s", "0m", "0h0m"})
        void parse_whenZero_refusedNamingInput(String text) {
            assertThatThrownBy(() -> DurationText.parse(text, "ttl"))
                    .isInstanceOf(HuddleException.class).hasMessageContaining("'" + text + "'")
                    .hasMessageContaining("greater than zero");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-5m", "5 m", "5x", "m5", "1h30", "h", "1.5h"})
        void parse_whenMalformed_refusedNamingInputAndWhat(String text) {
            assertThatThrownBy(() -> DurationText.parse(text, "timeout"))
                    .isInstanceOf(HuddleException.class).hasMessageContaining("timeout '" + text + "'");
        }

        @Test
        void parse_whenEmptyOrBlank_refused() {
            assertThatThrownBy(() -> DurationText.parse("", "ttl")).isInstanceOf(HuddleException.class)
                    .hasMessageContaining("ttl ''");
            assertThatThrownBy(() -> DurationText.parse("  ", "ttl")).isInstanceOf(HuddleException.class);
            assertThatThrownBy(() -> DurationText.parse(null, "ttl")).isInstanceOf(HuddleException.class);
        }
    }

    @Nested
    class Format {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"PT0S, 0s", "PT45S, 45s", "PT59.9S, 59s", "PT1M, 1m", "PT14M, 14m", "PT1M30S, 1m30s",
            "PT1H, 1h00m", "PT1H5M, 1h05m", "PT26H, 26h00m", "PT-5S, 0s"})
        void format_whenDuration_compactText(Duration d, String expected) {
            assertThat(DurationText.format(d)).isEqualTo(expected);
        }

        @Test
        void format_whenParsedBack_sameWholeMinutes() {
            for (String text : new String[] {"15m", "2h", "1h30m", "45s"}) {
                Duration d = DurationText.parse(text, "ttl");
                assertThat(DurationText.parse(DurationText.format(d), "ttl")).as(text).isEqualTo(d);
            }
        }
    }
}
