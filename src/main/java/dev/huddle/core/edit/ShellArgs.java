package dev.huddle.core.edit;

import dev.huddle.core.edit.ShellLexer.Token;
import java.util.ArrayList;
import java.util.List;

/** Reading a command's arguments the way getopt does: options, their values, positionals. */
final class ShellArgs {

    private ShellArgs() {}

    /**
     * The positional arguments. Options are skipped, and with them the value of a short option
     * whose letter is in {@code shortWithValue} (attached, {@code -tDIR}, or the next word) and of a
     * long option in {@code longWithValue} given without {@code =}. Everything after {@code --} is
     * positional; a lone {@code -} is positional (standard input or output).
     */
    static List<Token> positionals(List<Token> args, String shortWithValue, List<String> longWithValue) {
        List<Token> out = new ArrayList<>();
        boolean options = true;
        for (int k = 0; k < args.size(); k++) {
            Token w = args.get(k);
            String t = w.text;
            if (!options || !t.startsWith("-") || t.equals("-")) {
                out.add(w);
            } else if (t.equals("--")) {
                options = false;
            } else if (t.startsWith("--")) {
                if (!t.contains("=") && longWithValue.contains(t)) {
                    k++;
                }
            } else if (takesValueAtEnd(t, shortWithValue)) {
                k++;
            }
        }
        return out;
    }

    /**
     * The value of option {@code shortName} ({@code -t DIR}, {@code -tDIR}) or {@code longName}
     * ({@code --target-directory DIR} or {@code =DIR}), if given; null otherwise.
     */
    static Token value(List<Token> args, char shortName, String longName) {
        for (int k = 0; k < args.size(); k++) {
            String t = args.get(k).text;
            if (t.equals("--")) {
                return null;
            }
            if (longName != null && t.startsWith(longName + "=")) {
                return withText(args.get(k), t.substring(longName.length() + 1));
            }
            if (longName != null && t.equals(longName)) {
                return k + 1 < args.size() ? args.get(k + 1) : null;
            }
            // A short option, alone or last in a cluster (-o FILE, -sSLo FILE), or with its value attached (-oFILE).
            int at = t.length() >= 2 && t.charAt(0) == '-' && t.charAt(1) != '-' ? t.indexOf(shortName, 1) : -1;
            if (at == t.length() - 1) {
                return k + 1 < args.size() ? args.get(k + 1) : null;
            }
            if (at == 1) {
                return withText(args.get(k), t.substring(2));
            }
        }
        return null;
    }

    /** Whether any option word is one of {@code names}, or a short cluster containing {@code letter}. */
    static boolean has(List<Token> args, char letter, String... names) {
        for (Token w : args) {
            String t = w.text;
            if (t.equals("--")) {
                return false;
            }
            for (String name : names) {
                if (t.equals(name)) {
                    return true;
                }
            }
            if (letter != 0 && t.length() > 1 && t.charAt(0) == '-' && t.charAt(1) != '-' && t.indexOf(letter) > 0) {
                return true;
            }
        }
        return false;
    }

    /** The words after the first {@code --}; empty when there is none. */
    static List<Token> afterDashDash(List<Token> args) {
        for (int k = 0; k < args.size(); k++) {
            if (args.get(k).text.equals("--")) {
                return args.subList(k + 1, args.size());
            }
        }
        return List.of();
    }

    /** In a short-option cluster, whether the option taking a value is last (so the value is the next word). */
    private static boolean takesValueAtEnd(String cluster, String shortWithValue) {
        for (int j = 1; j < cluster.length(); j++) {
            if (shortWithValue.indexOf(cluster.charAt(j)) >= 0) {
                return j == cluster.length() - 1;
            }
        }
        return false;
    }

    static Token withText(Token w, String text) {
        return new Token(w.kind, text, w.dynamic, w.glob, w.quoted, w.nested);
    }

    /** The last path segment: what {@code cp a/b.py dest/} writes inside {@code dest}. */
    static String basename(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }
}
