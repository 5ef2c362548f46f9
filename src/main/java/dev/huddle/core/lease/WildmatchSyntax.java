package dev.huddle.core.lease;

import dev.huddle.core.HuddleException;
import java.util.ArrayList;
import java.util.List;

/** Reads a wildmatch pattern into {@link Token}s, refusing malformed ones with a message that says why. */
final class WildmatchSyntax {

    private final String pattern;
    private final int[] chars;
    private int pos;

    private WildmatchSyntax(String pattern) {
        this.pattern = pattern;
        this.chars = pattern.codePoints().toArray();
    }

    static List<Token> parse(String pattern) {
        return new WildmatchSyntax(pattern).tokens();
    }

    private List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        while (pos < chars.length) {
            int c = chars[pos++];
            out.add(switch (c) {
                case '\\' -> new Token.Literal(escaped());
                case '?' -> new Token.AnyChar();
                case '*' -> stars(out);
                case '[' -> charClass();
                default -> new Token.Literal(c);
            });
        }
        return out;
    }

    /** A run of stars is {@code **} only when it fills a whole segment; otherwise it acts as {@code *} (git). */
    private Token stars(List<Token> before) {
        int run = 1;
        while (pos < chars.length && chars[pos] == '*') {
            pos++;
            run++;
        }
        boolean segmentStart = before.isEmpty() || before.getLast().equals(new Token.Literal('/'));
        boolean segmentEnd = pos == chars.length || chars[pos] == '/'
                || (chars[pos] == '\\' && pos + 1 < chars.length && chars[pos + 1] == '/');
        return run >= 2 && segmentStart && segmentEnd ? new Token.DoubleStar() : new Token.Star();
    }

    private Token charClass() {
        int open = pos - 1;
        boolean negated = pos < chars.length && (chars[pos] == '!' || chars[pos] == '^');
        pos += negated ? 1 : 0;
        List<Integer> ranges = new ArrayList<>();
        int bodyStart = pos;
        int rangeStart = -1; // the last single character, which a following '-' may extend
        while (true) {
            if (pos >= chars.length) {
                throw unclosed(open, bodyStart);
            }
            int c = chars[pos++];
            if (c == ']' && pos - 1 > bodyStart) {
                break;
            }
            if (c == '[' && posixClassAhead()) {
                throw problem("POSIX classes such as [:alpha:] are not supported; list the characters, e.g. [a-zA-Z]");
            }
            boolean plain = c != '\\';
            c = plain ? c : escaped();
            if (plain && c == '-' && rangeStart >= 0 && pos < chars.length && chars[pos] != ']') {
                ranges.set(ranges.size() - 1, rangeEnd(rangeStart));
                rangeStart = -1; // git: a '-' right after a range is a literal
                continue;
            }
            rangeStart = requireNotSlash(c);
            ranges.add(c);
            ranges.add(c);
        }
        return new Token.CharClass(ranges.stream().mapToInt(Integer::intValue).toArray(), negated);
    }

    private int rangeEnd(int start) {
        int c = chars[pos++];
        int end = requireNotSlash(c == '\\' ? escaped() : c);
        if (end < start) {
            throw problem("the range '" + Character.toString(start) + "-" + Character.toString(end)
                    + "' is reversed; write it low to high, e.g. [a-z]");
        }
        return end;
    }

    private int requireNotSlash(int c) {
        if (c == '/') {
            throw problem("a character class never matches '/'; take the '/' out of the [...]");
        }
        return c;
    }

    /** git reads {@code [:name:]} inside a class as a POSIX class; we refuse it rather than misread it. */
    private boolean posixClassAhead() {
        if (pos >= chars.length || chars[pos] != ':') {
            return false;
        }
        int close = pos + 1;
        while (close < chars.length && chars[close] != ']') {
            close++;
        }
        return close < chars.length && close - 1 > pos && chars[close - 1] == ':';
    }

    private int escaped() {
        if (pos >= chars.length) {
            throw problem("it ends with a lone backslash; write '\\\\' to match a backslash");
        }
        return chars[pos++];
    }

    private HuddleException unclosed(int open, int bodyStart) {
        if (bodyStart < chars.length && chars[bodyStart] == ']') {
            return problem("'[]' is an empty character class (a ']' right after '[' is literal, so the class"
                    + " never closes); write '[]]' to match ']' or '\\[' for a literal '['");
        }
        return problem("the '[' at position " + (open + 1)
                + " is never closed; add ']' or write '\\[' for a literal '['");
    }

    private HuddleException problem(String why) {
        return HuddleException.invalid("invalid glob '" + ResourceText.printable(pattern) + "': " + why);
    }
}
