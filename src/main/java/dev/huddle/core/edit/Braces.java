package dev.huddle.core.edit;

import java.util.ArrayList;
import java.util.List;

/** Bash brace expansion of one unquoted word: {@code src/{a,b}.py} is {@code src/a.py} and {@code src/b.py}. */
final class Braces {

    /** Beyond this many words an expansion is cut short; no real command names more files this way. */
    private static final int MAX_WORDS = 256;

    private Braces() {}

    static List<String> expand(String word, boolean quoted) {
        List<String> out = new ArrayList<>();
        if (quoted) {
            out.add(word);
        } else {
            expandInto(word, out);
        }
        return out;
    }

    private static void expandInto(String word, List<String> out) {
        int open = word.indexOf('{');
        int close = open < 0 ? -1 : matching(word, open);
        if (close < 0 || out.size() >= MAX_WORDS) {
            out.add(word);
            return;
        }
        List<String> alternatives = split(word.substring(open + 1, close));
        if (alternatives.size() < 2) {
            // "{x}" and "{}" are literal in bash; look for a later group.
            String head = word.substring(0, close + 1);
            List<String> rest = new ArrayList<>();
            expandInto(word.substring(close + 1), rest);
            rest.forEach(r -> out.add(head + r));
            return;
        }
        String prefix = word.substring(0, open);
        String suffix = word.substring(close + 1);
        for (String alternative : alternatives) {
            expandInto(prefix + alternative + suffix, out);
        }
    }

    private static int matching(String word, int open) {
        int depth = 0;
        for (int i = open; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The comma-separated alternatives of a brace body, commas inside nested braces kept. */
    private static List<String> split(String body) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(body.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(body.substring(start));
        return parts;
    }
}
