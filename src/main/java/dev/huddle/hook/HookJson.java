package dev.huddle.hook;

import dev.huddle.json.MiniJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON answers the programs read, written with their fields in a fixed order. Claude Code's
 * shapes, which Codex reads too and Gemini CLI partly (it ignores {@code permissionDecision}).
 * Written by {@link MiniJson}: jackson-jr's writer loads the time-zone database at start.
 */
public final class HookJson {

    private HookJson() {}

    /** {@code {"hookSpecificOutput":{"hookEventName":E,"additionalContext":T}}}: text for the model. */
    public static Reply context(String eventName, String text) {
        Map<String, Object> specific = new LinkedHashMap<>();
        specific.put("hookEventName", eventName);
        specific.put("additionalContext", text);
        return Reply.json(MiniJson.write(Map.of("hookSpecificOutput", specific)));
    }

    /** PreToolUse's {@code permissionDecision: "deny"} with the reason the model reads. */
    public static Reply permissionDenied(String reason) {
        Map<String, Object> specific = new LinkedHashMap<>();
        specific.put("hookEventName", "PreToolUse");
        specific.put("permissionDecision", "deny");
        specific.put("permissionDecisionReason", reason);
        return Reply.json(MiniJson.write(Map.of("hookSpecificOutput", specific)));
    }

    /** {@code {"decision":D,"reason":R}}: "block" (a stop, or legacy deny) or Gemini CLI's "deny". */
    public static Reply decision(String decision, String reason) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("decision", decision);
        out.put("reason", reason);
        return Reply.json(MiniJson.write(out));
    }

    /** {@code {"systemMessage":W}}: a warning shown to the user, the call going on. */
    public static Reply systemMessage(String warning) {
        return Reply.json(MiniJson.write(Map.of("systemMessage", warning)));
    }

    /** Any one-level object, fields in the order given (Cursor's answers). */
    public static Reply object(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Reply.json(MiniJson.write(out));
    }
}
