package dev.huddle.core.edit;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a shell command line into words, operators and redirections the way bash reads it, as far
 * as finding the files a command writes needs: quotes and escapes are removed, expansions whose
 * value is only known at run time ({@code $VAR}, {@code $(...)}, backquotes, a leading {@code ~})
 * mark a word dynamic, unquoted {@code * ? [} mark it a glob, the commands inside {@code $(...)},
 * backquotes and {@code <(...)}/{@code >(...)} are kept for analysis of their own, and here-document
 * bodies are taken out of the command stream (and kept, so a patch fed through one can be read).
 * It never fails: unbalanced quotes run to the end of the text.
 */
final class ShellLexer {

    enum Kind { WORD, OPERATOR, REDIRECT }

    /** One token. A plain class, not a record: tokens are never compared, and stay cheap on the hook path. */
    static final class Token {
        final Kind kind;
        final String text;
        final boolean dynamic;
        final boolean glob;
        final boolean quoted;
        final List<String> nested;
        /** The body of a here-document redirection, filled in when the lexer reaches it. */
        String heredoc;

        Token(Kind kind, String text, boolean dynamic, boolean glob, boolean quoted, List<String> nested) {
            this.kind = kind;
            this.text = text;
            this.dynamic = dynamic;
            this.glob = glob;
            this.quoted = quoted;
            this.nested = nested;
        }

        boolean is(Kind k, String t) {
            return kind == k && text.equals(t);
        }
    }

    private final String s;
    private final int n;
    private int i;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Token> pendingHeredocs = new ArrayList<>();
    private final List<Boolean> pendingStripTabs = new ArrayList<>();
    private final List<String> pendingDelimiters = new ArrayList<>();
    private boolean expectDelimiter;
    private boolean stripTabs;
    private Token heredocOperator;

    private ShellLexer(String s) {
        this.s = s;
        this.n = s.length();
    }

    static List<Token> tokens(String command) {
        ShellLexer lexer = new ShellLexer(command);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == '\\' && i + 1 < n && s.charAt(i + 1) == '\n') {
                i += 2;
            } else if (c == '\n') {
                i++;
                tokens.add(operator("\n"));
                readHeredocBodies();
            } else if (c == '#') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
                lexOperator(c);
            } else if ((c == '<' || c == '>') && !(i + 1 < n && s.charAt(i + 1) == '(')) {
                lexRedirect("");
            } else if (Character.isDigit(c) && fdRedirectAhead()) {
                int start = i;
                while (Character.isDigit(s.charAt(i))) {
                    i++;
                }
                lexRedirect(s.substring(start, i));
            } else {
                Token word = word();
                if (expectDelimiter) {
                    expectDelimiter = false;
                    pendingHeredocs.add(heredocOperator);
                    pendingStripTabs.add(stripTabs);
                    pendingDelimiters.add(word.text);
                }
                tokens.add(word);
            }
        }
        readHeredocBodies();
    }

    private boolean fdRedirectAhead() {
        int j = i;
        while (j < n && Character.isDigit(s.charAt(j))) {
            j++;
        }
        return j < n && (s.charAt(j) == '<' || s.charAt(j) == '>') && !(j + 1 < n && s.charAt(j + 1) == '(');
    }

    private void lexOperator(char c) {
        char next = i + 1 < n ? s.charAt(i + 1) : 0;
        if (c == '&' && next == '>') {
            lexRedirect("");
            return;
        }
        String op = (c == ';' && next == ';') || (c == '&' && next == '&') || (c == '|' && (next == '|' || next == '&'))
                ? "" + c + next : String.valueOf(c);
        i += op.length();
        tokens.add(operator(op.equals("|&") ? "|" : op));
    }

    /** {@code > >> >| &> &>> < << <<- <<< <> >& <&}, optionally after a file descriptor number. */
    private void lexRedirect(String fd) {
        int start = i;
        if (s.startsWith("&>>", i)) {
            i += 3;
        } else if (s.startsWith("<<<", i) || s.startsWith("<<-", i)) {
            i += 3;
        } else if (s.startsWith("&>", i) || s.startsWith(">>", i) || s.startsWith(">|", i) || s.startsWith("<<", i)
                || s.startsWith("<>", i) || s.startsWith(">&", i) || s.startsWith("<&", i)) {
            i += 2;
        } else {
            i += 1;
        }
        String op = s.substring(start, i);
        Token t = new Token(Kind.REDIRECT, fd + op, false, false, false, List.of());
        tokens.add(t);
        if (op.equals("<<") || op.equals("<<-")) {
            expectDelimiter = true;
            stripTabs = op.equals("<<-");
            heredocOperator = t;
        }
    }

    /** After a newline: the bodies of the here-documents opened on the line just ended. */
    private void readHeredocBodies() {
        for (int k = 0; k < pendingHeredocs.size(); k++) {
            String delimiter = pendingDelimiters.get(k);
            boolean strip = pendingStripTabs.get(k);
            StringBuilder body = new StringBuilder();
            while (i < n) {
                int end = s.indexOf('\n', i);
                String line = s.substring(i, end < 0 ? n : end);
                i = end < 0 ? n : end + 1;
                String compared = strip ? line.replaceFirst("^\t+", "") : line;
                if (compared.equals(delimiter) || compared.equals(delimiter + "\r")) {
                    break;
                }
                body.append(compared).append('\n');
            }
            pendingHeredocs.get(k).heredoc = body.toString();
        }
        pendingHeredocs.clear();
        pendingStripTabs.clear();
        pendingDelimiters.clear();
    }

    private static Token operator(String op) {
        return new Token(Kind.OPERATOR, op, false, false, false, List.of());
    }

    private Token word() {
        StringBuilder text = new StringBuilder();
        List<String> nested = new ArrayList<>();
        boolean dynamic = false;
        boolean glob = false;
        boolean quoted = false;
        int start = i;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '&' || c == '|'
                    || c == '(' || c == ')') {
                break;
            }
            if ((c == '<' || c == '>') && !(i + 1 < n && s.charAt(i + 1) == '(')) {
                break;
            }
            if (c == '\\') {
                if (i + 1 < n && s.charAt(i + 1) != '\n') {
                    text.append(s.charAt(i + 1));
                }
                i += 2;
            } else if (c == '\'') {
                quoted = true;
                int end = s.indexOf('\'', i + 1);
                text.append(s, i + 1, end < 0 ? n : end);
                i = end < 0 ? n : end + 1;
            } else if (c == '"') {
                quoted = true;
                dynamic |= doubleQuoted(text, nested);
            } else if (c == '$') {
                dynamic |= dollar(text, nested, false);
            } else if (c == '`') {
                nested.add(backquoted());
                dynamic = true;
            } else if ((c == '<' || c == '>') && i + 1 < n && s.charAt(i + 1) == '(') {
                int close = ShellText.closingParen(s, i + 2);
                nested.add(s.substring(i + 2, close));
                i = Math.min(n, close + 1);
                dynamic = true;
            } else {
                if (c == '*' || c == '?' || c == '[') {
                    glob = true;
                }
                if (c == '~' && i == start) {
                    dynamic = true;
                }
                text.append(c);
                i++;
            }
        }
        return new Token(Kind.WORD, text.toString(), dynamic, glob, quoted, nested);
    }

    /** A "..." string; true when it holds an expansion. */
    private boolean doubleQuoted(StringBuilder text, List<String> nested) {
        boolean dynamic = false;
        i++;
        while (i < n && s.charAt(i) != '"') {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n && "$`\"\\\n".indexOf(s.charAt(i + 1)) >= 0) {
                if (s.charAt(i + 1) != '\n') {
                    text.append(s.charAt(i + 1));
                }
                i += 2;
            } else if (c == '$') {
                dynamic |= dollar(text, nested, true);
            } else if (c == '`') {
                nested.add(backquoted());
                dynamic = true;
            } else {
                text.append(c);
                i++;
            }
        }
        i++;
        return dynamic;
    }

    /** At a {@code $}: an expansion (true), or a literal dollar or {@code $'...'} string (false). */
    private boolean dollar(StringBuilder text, List<String> nested, boolean inDoubleQuotes) {
        char next = i + 1 < n ? s.charAt(i + 1) : 0;
        if (next == '\'' && !inDoubleQuotes) {
            int end = ShellText.ansiEnd(s, i + 2);
            text.append(ShellText.ansiC(s.substring(i + 2, end)));
            i = Math.min(n, end + 1);
            return false;
        }
        if (next == '(') {
            boolean arithmetic = i + 2 < n && s.charAt(i + 2) == '(';
            int close = ShellText.closingParen(s, i + 2);
            if (!arithmetic) {
                nested.add(s.substring(i + 2, close));
            } else if (close + 1 < n && s.charAt(close + 1) == ')') {
                close++;
            }
            i = Math.min(n, close + 1);
            return true;
        }
        if (next == '{') {
            int close = s.indexOf('}', i + 2);
            i = close < 0 ? n : close + 1;
            return true;
        }
        if (Character.isLetterOrDigit(next) || next == '_' || "@*#?$!-".indexOf(next) >= 0 && next != 0) {
            i += 2;
            if (Character.isLetter(next) || next == '_') {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
            }
            return true;
        }
        text.append('$');
        i++;
        return false;
    }

    private String backquoted() {
        StringBuilder inner = new StringBuilder();
        i++;
        while (i < n && s.charAt(i) != '`') {
            if (s.charAt(i) == '\\' && i + 1 < n) {
                inner.append(s.charAt(i + 1));
                i += 2;
            } else {
                inner.append(s.charAt(i++));
            }
        }
        i++;
        return inner.toString();
    }
}
