package dev.huddle.mcp;

import dev.huddle.api.JsonCodec;
import dev.huddle.app.Refusal;
import dev.huddle.app.session.SessionOpened;
import dev.huddle.core.HuddleException;
import dev.huddle.core.text.TerminalText;
import dev.huddle.core.text.UntrustedFrame;
import dev.huddle.json.MiniJson;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Answers a tool call: binds its arguments, calls the use case, and returns the result as
 * {@code structuredContent} plus the same as text, one {@link Answer} for both protocol revisions.
 * A refusal is a tool error ({@code isError}) naming holder, why and until when as the CLI and
 * the 409 body do, with the next tool call to make ({@link McpRefusals}); bad arguments and
 * failures are tool errors with one line, never a crash of the session.
 */
final class ToolCalls {

    private final Store store;
    private final Clock clock;
    private final PrintStream log;

    ToolCalls(Store store, Clock clock, PrintStream log) {
        this.store = store;
        this.clock = clock;
        this.log = log;
    }

    Answer call(Tool tool, Caller caller, Map<String, Object> arguments) {
        try {
            Tool.Bound bound = tool.binding().bind(caller, new Args(arguments));
            Object result = store.with(c -> bound.operation().invoke(c, bound.args()));
            Instant now = clock.instant();
            if (result instanceof SessionOpened opened) {
                caller.bound(opened.briefing().self().agent().id());
            }
            if (result instanceof Refusal refusal) {
                return Answer.error(McpRefusals.text(refusal, now));
            }
            Object tree = JsonCodec.encode(result, bound.operation().result());
            @SuppressWarnings("unchecked")
            Map<String, Object> structured = tree instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of("items", tree);
            String json = MiniJson.write(structured);
            String text = tool.text() != null ? tool.text().apply(result, now)
                    : tool.untrusted() ? UntrustedFrame.wrap(UntrustedFrame.neutralise(json)) : json;
            return new Answer(false, text, tool.untrusted() ? UntrustedContent.frame(structured) : structured);
        } catch (HuddleException | IllegalArgumentException e) {
            return Answer.error(TerminalText.oneLine(String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            log.println("huddle mcp: " + tool.name() + " failed: " + e);
            return Answer.error("internal error in " + tool.name() + ": " + TerminalText.oneLine(String.valueOf(e)));
        }
    }
}
