package dev.huddle.integration.install;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The command line an agent program runs for one of Huddle's hooks:
 * {@code <launcher> hook <program> <Event>}, the launcher being the absolute path of
 * {@code bin/huddle} (or of an installed launcher), shell-quoted when it needs it, since every
 * program hands the line to a shell.
 *
 * <p>A hook entry is Huddle's when its command is exactly four shell words: a program named
 * {@code huddle} (any directory), {@code hook}, the program's id and an event. That is how
 * uninstall finds what install added, and how a re-install after the launcher moved updates the
 * entry instead of adding a second one.
 */
public final class HookCommand {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./,:@%+=-]+");

    private HookCommand() {}

    /** The command for one event. */
    public static String of(String launcher, Program program, String event) {
        return quote(launcher) + " hook " + program.id() + " " + event;
    }

    /** The command for one event, answered by the huddle server at {@code url} ({@code --url}). */
    public static String of(String launcher, Program program, String event, String url) {
        return of(launcher, program, event) + " --url " + quote(url);
    }

    /** The event of a Huddle hook command for {@code program}; empty for any other command. */
    public static Optional<String> event(String command, Program program) {
        List<String> words = words(command);
        boolean plain = words.size() == 4;
        boolean throughServer = words.size() == 6 && words.get(4).equals("--url");
        if (!(plain || throughServer) || !words.get(1).equals("hook") || !words.get(2).equals(program.id())) {
            return Optional.empty();
        }
        String exe = words.getFirst();
        String name = exe.substring(exe.lastIndexOf('/') + 1);
        return name.equals("huddle") ? Optional.of(words.get(3)) : Optional.empty();
    }

    /** A word as a POSIX shell reads it: unchanged when plain, else in single quotes. */
    public static String quote(String word) {
        if (!word.isEmpty() && PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * Splits a command line into words as a shell would for simple commands: blanks separate,
     * single quotes keep everything, double quotes keep everything but backslash escapes, a
     * backslash outside quotes escapes the next character. Anything else (operators, expansions)
     * stays inside its word, so such a command is never taken for Huddle's.
     */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int close = command.indexOf('\'', i + 1);
                if (close < 0) {
                    return List.of(); // unbalanced: not a simple command
                }
                word.append(command, i + 1, close);
                i = close;
            } else if (c == '"') {
                i = doubleQuoted(command, i + 1, word);
                if (i < 0) {
                    return List.of();
                }
            } else if (c == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Reads a double-quoted part starting after the quote; returns the index of the closing quote, or -1. */
    private static int doubleQuoted(String command, int from, StringBuilder word) {
        for (int i = from; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < command.length() && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
                c = command.charAt(++i);
            }
            word.append(c);
        }
        return -1;
    }
}
