package dev.huddle.hook;

/** An answer in a program's protocol: what goes to stdout, and the exit code. */
public record Reply(String stdout, int exitCode) {

    public static final Reply SILENT = new Reply("", 0);

    /** A JSON document on stdout, exit 0: how every supported program reads a decision. */
    public static Reply json(String document) {
        return new Reply(document + "\n", 0);
    }
}
