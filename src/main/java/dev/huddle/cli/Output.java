package dev.huddle.cli;

import dev.huddle.core.text.TerminalText;
import dev.huddle.json.Json;
import java.io.PrintStream;

/**
 * Where a command writes: human text or JSON on stdout, problems on stderr. Text written by
 * agents goes through {@link #clean} before it reaches a terminal.
 */
public final class Output {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final boolean quiet;

    public Output(PrintStream out, PrintStream err, boolean json, boolean quiet) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.quiet = quiet;
    }

    public boolean json() {
        return json;
    }

    /** A line of human output; suppressed by --quiet and in JSON mode. */
    public void line(String text) {
        if (!quiet && !json) {
            out.println(text);
        }
    }

    /** Human output that matters even with --quiet (the answer itself, e.g. an id). */
    public void answer(String text) {
        if (!json) {
            out.println(text);
        }
    }

    /** The JSON document of the command, when --json is on. */
    public void json(Object document) {
        if (json) {
            out.println(Json.write(document));
        }
    }

    /** A streamed JSON line (watch): one compact document per line. */
    public void jsonLine(Object document) {
        out.println(Json.write(document));
        out.flush();
    }

    public void error(String text) {
        err.println("huddle: " + TerminalText.oneLine(text));
    }

    public void warn(String text) {
        err.println("huddle: warning: " + TerminalText.oneLine(text));
    }

    public void flush() {
        out.flush();
        err.flush();
    }

    public static String clean(String agentText) {
        return TerminalText.clean(agentText);
    }

    public static String one(String agentText) {
        return TerminalText.oneLine(agentText);
    }
}
