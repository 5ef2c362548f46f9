package dev.huddle.mcp;

import dev.huddle.core.text.UntrustedFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The untrusted frame for structured content. MCP clients show the model a result's
 * {@code structuredContent} rather than its text (Claude Code 2.1.329 and Codex 0.169 both do), so
 * a result carrying other agents' text says so in its own first property, {@value #KEY}, and every
 * string in it is neutralised as inside the text frame: nothing can forge the frame's tags or pass
 * for Huddle's own headings.
 */
final class UntrustedContent {

    static final String KEY = "trust";
    static final String NOTICE = "untrusted: " + UntrustedFrame.NOTICE;

    private UntrustedContent() {}

    static Map<String, Object> frame(Map<String, Object> structured) {
        Map<String, Object> framed = new LinkedHashMap<>();
        framed.put(KEY, NOTICE);
        structured.forEach((k, v) -> framed.put(k, neutralise(v)));
        return framed;
    }

    private static Object neutralise(Object value) {
        return switch (value) {
            case String s -> UntrustedFrame.neutralise(s);
            case Map<?, ?> m -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(k, neutralise(v)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                l.forEach(v -> out.add(neutralise(v)));
                yield out;
            }
            case null, default -> value;
        };
    }

    /** The property {@link #frame} adds, for the output schema of a tool whose results it frames. */
    static Map<String, Object> schemaProperty() {
        return Map.of("type", "string", "description", "present when the result holds text other agents wrote");
    }
}
