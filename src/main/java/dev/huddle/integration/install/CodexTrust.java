package dev.huddle.integration.install;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * How Codex CLI decides that a hook is trusted (reference/hook-payloads/codex): every hook that
 * is not managed must have a {@code [hooks.state."<key>"]} table with {@code trusted_hash} equal to
 * the hook's current hash in {@code $CODEX_HOME/config.toml}, or Codex skips it without a word.
 *
 * <p>The key is {@code <absolute hooks.json path>:<event_snake_case>:<group index>:<handler index>}.
 * The hash is {@code sha256:} and the hex SHA-256 of the compact JSON, keys sorted, of the hook's
 * normalised identity: {@code event_name}, the group's {@code matcher} (absent for events that take
 * none) and the one handler with {@code type}, {@code command}, {@code timeout} (when unset 600, or 1 for
 * SessionEnd) and
 * {@code async}. Codex 0.169.0 was run to check it: its {@code hooks/list} reported exactly these
 * hashes for commands with spaces, quotes and non-ASCII text (CodexTrustTest).
 */
public final class CodexTrust {

    /** Codex's timeout when a handler sets none, in seconds; part of the hash. SessionEnd's is 1 s (seen in 0.169.0). */
    static long defaultTimeout(String event) {
        return snake(event).equals("session_end") ? 1 : 600;
    }

    private CodexTrust() {}

    /** The trust key of one handler. */
    public static String key(String hooksJson, String event, int group, int handler) {
        return hooksJson + ":" + snake(event) + ":" + group + ":" + handler;
    }

    /** The hash Codex computes for one command handler. */
    public static String hash(String event, Optional<String> matcher, String command, Long timeoutSeconds) {
        long timeout = Math.max(1, timeoutSeconds == null ? defaultTimeout(event) : timeoutSeconds);
        StringBuilder json = new StringBuilder("{\"event_name\":");
        string(json, snake(event));
        json.append(",\"hooks\":[{\"async\":false,\"command\":");
        string(json, command);
        json.append(",\"timeout\":").append(timeout).append(",\"type\":\"command\"}]");
        Optional<String> m = takesMatcher(event) ? matcher : Optional.empty();
        m.ifPresent(text -> string(json.append(",\"matcher\":"), text));
        json.append('}');
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Codex ignores the matcher of events that are not about tools (or session sources). */
    static boolean takesMatcher(String event) {
        return switch (snake(event)) {
            case "user_prompt_submit", "stop" -> false;
            default -> true;
        };
    }

    /** {@code PreToolUse} → {@code pre_tool_use}. */
    static String snake(String event) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < event.length(); i++) {
            char c = event.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** A JSON string as serde_json writes it: quote, backslash and control characters escaped, the rest raw. */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
