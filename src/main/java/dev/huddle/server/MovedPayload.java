package dev.huddle.server;

import dev.huddle.app.session.HookPlaces;
import dev.huddle.hook.Payload;
import dev.huddle.json.MiniJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hook payload of a linked worktree as the server reads it ({@link HookPlaces} decides when):
 * the worktree's path is replaced by the repository root's wherever it appears as a whole path in
 * a string of the payload, shell commands included.
 */
final class MovedPayload {

    private MovedPayload() {}

    static Payload of(String raw, HookPlaces.Moved moved) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) move(MiniJson.readObject(raw), pattern(moved.worktree()),
                moved.root().toString());
        return Payload.of(fields);
    }

    /** The worktree path as a whole path (not the start of a longer name), where it appears in a string. */
    private static Pattern pattern(Path worktree) {
        return Pattern.compile(Pattern.quote(worktree.toString()) + "(?=$|[/\\s'\";&|()<>`])");
    }

    private static Object move(Object value, Pattern from, String to) {
        return switch (value) {
            case String s -> from.matcher(s).replaceAll(Matcher.quoteReplacement(to));
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put((String) k, move(v, from, to)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>();
                l.forEach(v -> out.add(move(v, from, to)));
                yield out;
            }
            case null -> null;
            default -> value;
        };
    }
}
