package dev.huddle.it;

import java.time.Duration;

/**
 * The one factor by which every real wait and time limit of the process tests is scaled, from the
 * system property {@code huddle.timing} (default 1): a slow or loaded machine raises it instead
 * of each test guessing its own margin.
 */
final class TestTiming {

    private static final double FACTOR = Double.parseDouble(System.getProperty("huddle.timing", "1"));

    private TestTiming() {}

    static Duration scaled(Duration base) {
        return Duration.ofMillis(Math.round(base.toMillis() * FACTOR));
    }
}
