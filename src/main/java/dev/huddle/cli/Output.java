package dev.huddle.cli;

import dev.huddle.core.text.TerminalText;
import dev.huddle.core.text.UntrustedFrame;
import dev.huddle.json.Json;
import java.io.PrintStream;

/**
 * Where a command writes: human text or JSON on stdout, problems on stderr.
 *
 * <p>Text written by agents reaches this class only through {@link #clean} or {@link #one}, which
 * clean it for the terminal and mark it. Whatever prints a marked piece puts it inside the
 * untrusted frame (DESIGN §8, §9), neutralised so it cannot close the frame or pose as a heading:
 * a run of lines holding agent text is framed as a block (opened before its first line, closed
 * before the next line of Huddle's own or at {@link #flush}); on stderr the piece is framed in
 * its line. A frame a renderer already wrote ({@code prime}, {@code task show}) is kept, and the
 * marked pieces inside it are only neutralised. JSON carries the plain text: its strings are
 * data by construction.
 */
public final class Output {

    /** Start and end of a marked piece of agent text; private-use characters, removed from agent text itself. */
    static final char BEGIN_AGENT = '\uE000';
    static final char END_AGENT = '\uE001';

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final boolean quiet;
    /** A frame this class opened around agent text and has not closed yet. */
    private boolean framing;
    /** Inside a frame a renderer wrote itself (between its OPEN and CLOSE lines). */
    private boolean inRenderedFrame;

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
            print(text);
        }
    }

    /** Human output that matters even with --quiet (the answer itself, e.g. an id). */
    public void answer(String text) {
        if (!json) {
            print(text);
        }
    }

    /** The JSON document of the command, when --json is on. */
    public void json(Object document) {
        if (json) {
            out.println(unmarked(Json.write(document)));
        }
    }

    /** A streamed JSON line (watch): one compact document per line. */
    public void jsonLine(Object document) {
        out.println(unmarked(Json.write(document)));
        out.flush();
    }

    public void error(String text) {
        err.println("huddle: " + inline(text));
    }

    public void warn(String text) {
        err.println("huddle: warning: " + inline(text));
    }

    /** Ends an open frame of agent text, then flushes both streams (watch calls it after every item). */
    public void flush() {
        endFrame();
        out.flush();
        err.flush();
    }

    /** Agent text for the terminal, multi-line, marked as agent-written. */
    public static String clean(String agentText) {
        return mark(TerminalText.clean(agentText));
    }

    /** Agent text for the terminal on one line, marked as agent-written. */
    public static String one(String agentText) {
        return mark(TerminalText.oneLine(agentText));
    }

    private static String mark(String cleaned) {
        return BEGIN_AGENT + cleaned.replace(BEGIN_AGENT, '?').replace(END_AGENT, '?') + END_AGENT;
    }

    private void print(String text) {
        MarkedLines rendered = MarkedLines.of(text);
        for (int i = 0; i < rendered.lines().size(); i++) {
            String line = rendered.lines().get(i);
            if (line.equals(UntrustedFrame.OPEN)) {
                endFrame();
                inRenderedFrame = true;
            } else if (line.equals(UntrustedFrame.CLOSE)) {
                inRenderedFrame = false;
            } else if (rendered.agent().get(i)) {
                if (!framing && !inRenderedFrame) {
                    out.println(UntrustedFrame.OPEN);
                    out.println(UntrustedFrame.NOTICE);
                    framing = true;
                }
            } else {
                endFrame();
            }
            out.println(line);
        }
    }

    private void endFrame() {
        if (framing) {
            out.println(UntrustedFrame.CLOSE);
            framing = false;
        }
    }

    /** A one-line message with each marked piece framed in place. */
    private static String inline(String text) {
        StringBuilder s = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int begin = text.indexOf(BEGIN_AGENT, i);
            if (begin < 0) {
                s.append(TerminalText.oneLine(text.substring(i)));
                break;
            }
            int end = endOf(text, begin);
            s.append(TerminalText.oneLine(text.substring(i, begin))).append(UntrustedFrame.inline(text.substring(begin + 1, end)));
            i = end + 1;
        }
        return s.toString();
    }

    static int endOf(String text, int begin) {
        int end = text.indexOf(END_AGENT, begin + 1);
        return end < 0 ? text.length() : end;
    }

    /** JSON of marked text: the marks go, the text stays (agent text cannot contain them, see {@link #mark}). */
    private static String unmarked(String text) {
        if (text.indexOf(BEGIN_AGENT) < 0) {
            return text;
        }
        return text.replace(String.valueOf(BEGIN_AGENT), "").replace(String.valueOf(END_AGENT), "");
    }
}
