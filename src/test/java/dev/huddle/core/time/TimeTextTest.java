package dev.huddle.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeTextTest {

    @Test
    void everyPrecision_printsExactlyMilliseconds() {
        assertThat(TimeText.format(Instant.parse("2026-05-01T12:00:00Z"))).isEqualTo("2026-05-01T12:00:00.000Z");
        assertThat(TimeText.format(Instant.parse("2026-05-01T12:00:00.100Z"))).isEqualTo("2026-05-01T12:00:00.100Z");
        assertThat(TimeText.format(Instant.parse("2026-05-01T12:00:00.123456Z"))).isEqualTo("2026-05-01T12:00:00.123Z");
        assertThat(TimeText.format(Instant.parse("2026-05-01T12:00:00.999999999Z")))
                .as("truncated like the store, never rounded into the next second").isEqualTo("2026-05-01T12:00:00.999Z");
    }

    @Test
    void aTimeBeforeAndAfterStorage_readsTheSame() {
        Instant clock = Instant.parse("2026-05-01T12:00:00.123456789Z");
        Instant stored = Instant.ofEpochMilli(clock.toEpochMilli());
        assertThat(TimeText.format(clock)).isEqualTo(TimeText.format(stored));
    }
}
