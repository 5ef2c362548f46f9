package dev.huddle.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.agent.AgentId;
import dev.huddle.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentTokensTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final Set<String> valid = new HashSet<>(Set.of("good"));
    private final AtomicInteger asked = new AtomicInteger();
    private final RecentTokens tokens = new RecentTokens(bearer -> {
        asked.incrementAndGet();
        return valid.contains(bearer) ? Optional.of(new Caller(Optional.of(AgentId.of("alice")), false, "id-" + bearer))
                : Optional.empty();
    }, clock);

    @Test
    void anAcceptedToken_isTakenWithoutAskingTheStore_forLessThanASecond() {
        assertThat(tokens.authenticate("good")).isPresent();
        clock.advance(RecentTokens.FRESH.minusMillis(1));
        assertThat(tokens.authenticate("good")).map(Caller::id).hasValue("id-good");
        assertThat(asked).hasValue(1);
    }

    @Test
    void aRevokedToken_stopsWorking_asSoonAsItsSecondIsOver() {
        assertThat(tokens.authenticate("good")).isPresent();
        valid.remove("good");
        clock.advance(RecentTokens.FRESH);
        assertThat(tokens.authenticate("good")).isEmpty();
        assertThat(tokens.authenticate("good")).isEmpty();
        assertThat(asked).as("a refusal is never remembered").hasValue(3);
    }

    @Test
    void refusals_areAlwaysDecidedByTheStore() {
        for (int i = 0; i < 3; i++) {
            assertThat(tokens.authenticate("bad")).isEmpty();
        }
        assertThat(asked).hasValue(3);
    }

    @Test
    void aClockThatWentBack_doesNotStretchTheSecond() {
        assertThat(tokens.authenticate("good")).isPresent();
        clock.advance(Duration.ofMinutes(-5));
        valid.remove("good");
        assertThat(tokens.authenticate("good")).isEmpty();
    }
}
