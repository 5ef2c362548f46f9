package dev.huddle.core.lease;

import java.util.stream.IntStream;

/**
 * One element of a compiled {@link Wildmatch} pattern, or of a path read as a pattern of
 * literals. Single-character tokens say which characters they accept and where that answer can
 * change ({@link #boundaries}), which lets {@link OverlapSearch} try one character per class.
 */
sealed interface Token {

    /** Whether this token consumes {@code c} as its single character; stars never do. */
    default boolean accepts(int c) {
        return false;
    }

    /** Code points where {@link #accepts} may change value going upward from the one before. */
    default IntStream boundaries() {
        return IntStream.empty();
    }

    /** One code point, written plainly or escaped. */
    record Literal(int codePoint) implements Token {
        @Override
        public boolean accepts(int c) {
            return c == codePoint;
        }

        @Override
        public IntStream boundaries() {
            return IntStream.of(codePoint, codePoint + 1);
        }
    }

    /** {@code ?}: any one character except {@code /}. */
    record AnyChar() implements Token {
        @Override
        public boolean accepts(int c) {
            return c != '/';
        }
    }

    /** {@code *}, or a run of stars inside a segment: any run of characters without {@code /}. */
    record Star() implements Token {}

    /** {@code **} forming a whole segment: any run of characters, {@code /} included. */
    record DoubleStar() implements Token {}

    /**
     * {@code [...]}: inclusive ranges as flattened {@code lo, hi} pairs, possibly negated. A class
     * never matches {@code /}, negated or not, as in git.
     */
    record CharClass(int[] ranges, boolean negated) implements Token {
        @Override
        public boolean accepts(int c) {
            if (c == '/') {
                return false;
            }
            boolean inside = false;
            for (int i = 0; i < ranges.length && !inside; i += 2) {
                inside = ranges[i] <= c && c <= ranges[i + 1];
            }
            return inside != negated;
        }

        @Override
        public IntStream boundaries() {
            return IntStream.range(0, ranges.length).map(i -> i % 2 == 0 ? ranges[i] : ranges[i] + 1);
        }
    }
}
