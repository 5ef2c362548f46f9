package dev.huddle.hook;

/**
 * What Huddle has to say at one hook call, before it is put in a program's protocol: nothing,
 * context for the model, a refused edit, a turn that may not end yet, or an edit let through
 * with a warning. {@code notice} is an optional line for the user on stderr.
 */
public final class Answer {

    public enum Kind { NOTHING, CONTEXT, DENY, BLOCK, ALLOW_WITH_WARNING }

    private static final Answer NOTHING = new Answer(Kind.NOTHING, "", null);

    private final Kind kind;
    private final String text;
    private final String notice;

    private Answer(Kind kind, String text, String notice) {
        this.kind = kind;
        this.text = text;
        this.notice = notice;
    }

    public static Answer nothing() {
        return NOTHING;
    }

    public static Answer context(String text) {
        return new Answer(Kind.CONTEXT, text, null);
    }

    public static Answer deny(String reason) {
        return new Answer(Kind.DENY, reason, null);
    }

    public static Answer block(String reason) {
        return new Answer(Kind.BLOCK, reason, null);
    }

    public static Answer allowWithWarning(String warning) {
        return new Answer(Kind.ALLOW_WITH_WARNING, warning, null);
    }

    /** The same answer with a line for the user's terminal (stderr). */
    public Answer withNotice(String line) {
        return new Answer(kind, text, line);
    }

    public Kind kind() {
        return kind;
    }

    public String text() {
        return text;
    }

    /** The stderr line, or null. */
    public String notice() {
        return notice;
    }
}
