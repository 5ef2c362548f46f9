package dev.huddle.core.lease;

import dev.huddle.core.HuddleException;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A compiled git wildmatch pattern (as in {@code .gitignore} and pathspecs with {@code WM_PATHNAME}),
 * matched against repo-relative paths. Matching is case-sensitive.
 * <ul>
 *   <li>{@code *} matches any run of characters except {@code /}; {@code ?} one character except {@code /}.
 *   <li>{@code [...]} matches one character from a class: ranges {@code a-z}, negation {@code [!...]}
 *       or {@code [^...]}, a {@code ]} right after the opening (or the negation) is literal, and so
 *       is a {@code -} first, last or right after a range. A class never matches {@code /}.
 *   <li>{@code **} filling a whole segment ({@code **}{@code /x}, {@code x/**}, {@code x/**}{@code /y},
 *       or the whole pattern) matches zero or more whole segments: {@code a/**}{@code /b} matches
 *       {@code a/b} and {@code a/x/y/b}; {@code a/**} matches {@code a/x} but not {@code a}. Stars
 *       that do not fill a segment ({@code a**}, {@code **b}) act as one {@code *}.
 *   <li>A backslash makes the next character literal.
 * </ul>
 * Stricter than git, these are refused rather than silently never matching: an unclosed or empty
 * class, a reversed range, a trailing backslash, a {@code /} inside a class, POSIX classes such as
 * {@code [:alpha:]}, control characters, and patterns longer than {@value #MAX_LENGTH} characters
 * (which bounds the cost of {@link ResourceOverlap}).
 */
public final class Wildmatch {

    /** Longest pattern accepted, in characters. */
    public static final int MAX_LENGTH = 256;

    private final String pattern;
    private final List<Token> tokens;
    private final PatternAutomaton automaton;

    private Wildmatch(String pattern, List<Token> tokens) {
        this.pattern = pattern;
        this.tokens = List.copyOf(tokens);
        this.automaton = PatternAutomaton.of(this.tokens);
    }

    /**
     * Compiles a pattern.
     *
     * @throws HuddleException invalid input naming the pattern and what is wrong with it
     */
    public static Wildmatch compile(String pattern) {
        ResourceText.requireClean(pattern, "glob");
        if (pattern.length() > MAX_LENGTH) {
            throw HuddleException.invalid("glob '" + pattern.substring(0, 40) + "...' is longer than "
                    + MAX_LENGTH + " characters; split it into several shorter globs");
        }
        return new Wildmatch(pattern, WildmatchSyntax.parse(pattern));
    }

    /** Whether the whole of {@code path} matches; the path is taken as given, not normalised. */
    public boolean matches(String path) {
        BitSet current = new BitSet();
        IntStream.of(automaton.start()).forEach(current::set);
        for (int c : path.codePoints().toArray()) {
            BitSet next = new BitSet();
            for (int state = current.nextSetBit(0); state >= 0; state = current.nextSetBit(state + 1)) {
                int target = automaton.target(state, c);
                if (target >= 0) {
                    IntStream.of(automaton.closure(target)).forEach(next::set);
                }
            }
            if (next.isEmpty()) {
                return false;
            }
            current = next;
        }
        return current.stream().anyMatch(automaton::accepts);
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    List<Token> tokens() {
        return tokens;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
