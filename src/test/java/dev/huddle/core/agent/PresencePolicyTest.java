package dev.huddle.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PresencePolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final PresencePolicy POLICY = PresencePolicy.DEFAULT;

    private static Presence after(Duration since) {
        return POLICY.classify(NOW.minus(since), null, NOW);
    }

    @Nested
    class Classify {

        @ParameterizedTest(name = "{0} ago -> {1}")
        @CsvSource({
            "PT0S, ACTIVE", "PT4M59.999S, ACTIVE", "PT5M, IDLE", "PT29M59.999S, IDLE", "PT30M, STALE",
            "PT1H59M59.999S, STALE", "PT2H, OFFLINE", "P3D, OFFLINE"
        })
        void classify_whenExactlyAtWindowBoundary_nextPresence(Duration since, Presence expected) {
            assertThat(after(since)).isEqualTo(expected);
        }

        @Test
        void classify_whenLeft_offlineEvenIfJustSeen() {
            assertThat(POLICY.classify(NOW, NOW.minusSeconds(1), NOW)).isEqualTo(Presence.OFFLINE);
        }

        @Test
        void classify_whenCustomWindows_usesThem() {
            PresencePolicy p = new PresencePolicy(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3));
            assertThat(p.classify(NOW.minus(Duration.ofMinutes(1)), null, NOW)).isEqualTo(Presence.IDLE);
            assertThat(p.classify(NOW.minus(Duration.ofMinutes(3)), null, NOW)).isEqualTo(Presence.OFFLINE);
        }

        @Test
        void offlineBefore_whenDefault_nowMinusStaleWindow() {
            assertThat(POLICY.offlineBefore(NOW)).isEqualTo(NOW.minus(Duration.ofHours(2)));
        }
    }

    @Nested
    class Windows {

        @Test
        void new_whenActiveZero_refused() {
            assertThatThrownBy(() -> new PresencePolicy(Duration.ZERO, Duration.ofMinutes(30), Duration.ofMinutes(120)))
                    .isInstanceOf(HuddleException.class).hasMessageContaining("active_minutes");
        }

        @Test
        void new_whenActiveNegative_refused() {
            assertThatThrownBy(() -> new PresencePolicy(Duration.ofMinutes(-5), Duration.ofMinutes(30),
                    Duration.ofMinutes(120))).isInstanceOf(HuddleException.class);
        }

        @Test
        void new_whenIdleBelowActive_refused() {
            assertThatThrownBy(() -> new PresencePolicy(Duration.ofMinutes(10), Duration.ofMinutes(5),
                    Duration.ofMinutes(120))).isInstanceOf(HuddleException.class).hasMessageContaining("idle_minutes");
        }

        @Test
        void new_whenStaleBelowIdle_refused() {
            assertThatThrownBy(() -> new PresencePolicy(Duration.ofMinutes(5), Duration.ofMinutes(30),
                    Duration.ofMinutes(29))).isInstanceOf(HuddleException.class).hasMessageContaining("stale_minutes");
        }
    }
}
