package dev.huddle.core.time;

import dev.huddle.core.HuddleException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them: a positive whole number with a unit ({@code 90s}, {@code 15m},
 * {@code 2h}, {@code 1d}), or a sequence such as {@code 1h30m}. A bare number is refused, so
 * that {@code --ttl 30} is never silently read as seconds or minutes.
 */
public final class DurationText {

    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private DurationText() {}

    public static Duration parse(String text, String what) {
        String t = text == null ? "" : text.trim().toLowerCase();
        if (t.matches("-?\\d+")) {
            throw HuddleException.invalid(what + " '" + text + "' has no unit: write e.g. 90s, 15m or 2h");
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            total = total.plus(unit(Long.parseLong(m.group(1)), m.group(2)));
            end = m.end();
        }
        if (t.isEmpty() || end != t.length()) {
            throw HuddleException.invalid("invalid " + what + " '" + text + "': write a positive number with a unit, e.g. 90s, 15m, 2h");
        }
        if (total.isZero()) {
            throw HuddleException.invalid(what + " must be greater than zero (got '" + text + "')");
        }
        return total;
    }

    private static Duration unit(long n, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** Compact rendering for people: {@code 14m}, {@code 1h05m}, {@code 45s}. */
    public static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60 == 0 ? "" : String.format("%02ds", s % 60));
        }
        return (s / 3600) + "h" + String.format("%02dm", (s % 3600) / 60);
    }
}
